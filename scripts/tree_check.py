"""Check the decision tree once per version of the package, not on every build.

`check(load_tree())` walks every real path through the tree: it took ≈ 3 s, and the docs
build ran it in `on_config`, which MkDocs calls once per language (the i18n plugin builds
twice) and again on every `mkdocs serve` rebuild, so it was most of the build time.

A check depends only on the package's code and data (and the interpreter), so it is keyed by
a hash of those files. A key already checked in this process is not checked again; a key
that passed in an earlier process is recorded as an empty file under build/tree-check/.
Any change to a .py or data file of the package gives a new key, so the next build checks
again and a broken tree still fails the build, naming the entry at fault.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import decision_tree
from decision_tree import load_tree
from decision_tree.validation import check
from site_tooling import CACHE

PACKAGE_NAME = decision_tree.__name__
PACKAGE = Path(decision_tree.__file__).resolve().parent
RECORDS = CACHE / "tree-check"
_KEEP = 8  # records of older versions kept (switching branches back and forth)

_checked_in_this_process: set[str] = set()
_last_build = {"key": None}


def before_build() -> None:
    """Run by the docs build before each build (each language, each `mkdocs serve` rebuild):
    read the package's data again if it changed since the last build of this process, and
    check the tree unless this version of the package passed already."""
    key = package_key()
    if key != _last_build["key"]:
        forget_package_caches()
        _last_build["key"] = key
    check_tree(key)


def forget_package_caches() -> None:
    """Empty every functools cache of the package (load_tree, read_toml, renderings...), so
    that edited data is read again. (Edited code is not: that needs a new process.)"""
    for name, module in list(sys.modules.items()):
        if name == PACKAGE_NAME or name.startswith(PACKAGE_NAME + "."):
            for value in vars(module).values():
                if getattr(value, "__module__", None) == name and callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def package_key() -> str:
    """A hash of every source and data file of the package, and of the interpreter."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def check_tree(key: str | None = None) -> bool:
    """Raise TreeError if the tree is broken. True if it was checked now, False if this
    version of the package had passed already."""
    key = key or package_key()
    record = RECORDS / key
    if key in _checked_in_this_process or record.exists():
        _checked_in_this_process.add(key)
        return False
    check(load_tree())
    _checked_in_this_process.add(key)
    RECORDS.mkdir(parents=True, exist_ok=True)
    record.touch()
    for old in sorted(RECORDS.iterdir(), key=lambda path: path.stat().st_mtime)[:-_KEEP]:
        old.unlink(missing_ok=True)
    return True
