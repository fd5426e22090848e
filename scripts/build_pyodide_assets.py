"""Build what the in-page assessment loads: Pyodide's core and the engine's memory snapshot.

    python -m site_tooling.build_pyodide_assets OUTPUT_DIR

The snapshot is Pyodide's memory once the decision_tree wheel is installed, imported and
warmed up (scripts/pyodide/snapshot.mjs, under Node). It is made from the standard library
and the wheel compiled to bytecode by Pyodide's own interpreter (scripts/pyodide/compile.mjs):
compiling from sources would leave the freed compiler memory in the snapshot (+1.6 MB
gzipped). Neither is shipped: the restored engine imports nothing, so the site gets an empty
stdlib zip and a lock that lists no package (Pyodide asks for both at start). The wheel is the
project's own, which holds the decision_tree package and nothing else (checked below; the
build tooling is a distribution of its own).

Pyodide's wasm and its JavaScript glue ship gzipped (`pyodide.asm.wasm.gz`, `pyodide.asm.mjs.gz`:
about a third of their size), whatever the host does: the page's worker decompresses them as
they arrive (DecompressionStream) and compiles the wasm while it streams in. The snapshot is
stored with the wasm's data segments folded in (docs/assets/assessment/engine.mjs), so the
snapshot and that wasm go together.

The result is cached under build/pyodide-assets/<key>/, keyed by everything it is made from,
so `mkdocs serve` rebuilds only when the package, these scripts or the Pyodide version change
(and the compiled standard library, under build/pyodide-stdlib/, only with the latter two).
Each build of the site then links the cached files into its folder (a hard link, or a copy
across file systems) and leaves them alone if they are there already: the i18n plugin builds
each language into the same folder, and `mkdocs serve` empties it before every rebuild.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from site_tooling import CACHE as BUILD_CACHE
from site_tooling import ROOT

PYODIDE = ROOT / "node_modules" / "pyodide"
SCRIPTS = Path(__file__).resolve().parent / "pyodide"
ENGINE_LOADER = ROOT / "docs" / "assets" / "assessment" / "engine.mjs"
CACHE = BUILD_CACHE / "pyodide-assets"
STDLIB_CACHE = BUILD_CACHE / "pyodide-stdlib"
# The only files of the npm package a page needs: as they are, and gzipped (name + ".gz").
CORE_FILES = ("pyodide.mjs",)
GZIPPED = ("pyodide.asm.mjs", "pyodide.asm.wasm")  # engine.mjs: SCRIPT_FILE, WASM_FILE
STDLIB = "python_stdlib.zip"
LOCK = "pyodide-lock.json"
SNAPSHOT = "engine.snapshot"  # the name engine.mjs fetches (SNAPSHOT_FILE there)
PACKAGE = "decision_tree"
KEY_LENGTH = 16
KEPT = 3

_background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pyodide-assets")
_pending: dict[str, Future[Path]] = {}


def start() -> None:
    """Start building this version's assets in the background, unless they are cached. The docs
    build calls it first, so that Node builds the snapshot while Python checks the tree and
    renders the pages; `build()` then waits for it."""
    _require_pyodide()
    key = _key()
    if key not in _pending and not (CACHE / key / SNAPSHOT).exists():
        _pending[key] = _background.submit(_cached, key)


def build(output: Path) -> None:
    """Put the (cached) assets in `output`."""
    _require_pyodide()
    key = _key()
    pending = _pending.pop(key, None)
    cached = pending.result() if pending else _cached(key)
    output = _ensure(output)
    for source in cached.iterdir():
        _link(source, output / source.name)


def _cached(key: str) -> Path:
    cached = CACHE / key
    if not (cached / SNAPSHOT).exists():
        with tempfile.TemporaryDirectory(dir=_ensure(CACHE)) as scratch:
            staging = Path(scratch) / "assets"
            _build_into(staging, Path(scratch))
            if cached.exists():
                shutil.rmtree(cached)
            staging.rename(cached)
        _prune(keep=key)
    return cached


def _link(source: Path, target: Path) -> None:
    """`target` becomes `source`: a hard link (no bytes copied), or a copy across file systems.
    Nothing is done if it already is (the other language's build, into the same folder)."""
    if target.exists():
        mine, theirs = source.stat(), target.stat()
        if target.samefile(source) or (mine.st_size, mine.st_mtime_ns) == (theirs.st_size, theirs.st_mtime_ns):
            return
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _prune(keep: str) -> None:
    """Keep the KEPT most recent versions (switching branches back and forth), drop the rest."""
    versions = [folder for folder in CACHE.iterdir() if folder.is_dir() and len(folder.name) == KEY_LENGTH]
    versions.sort(key=lambda folder: (folder.name == keep, folder.stat().st_mtime), reverse=True)
    for old in versions[KEPT:]:
        shutil.rmtree(old, ignore_errors=True)


def _build_into(staging: Path, scratch: Path) -> None:
    staging.mkdir(parents=True)
    for name in CORE_FILES:
        _link(PYODIDE / name, staging / name)
    for name in GZIPPED:
        (staging / f"{name}.gz").write_bytes(gzip.compress((PYODIDE / name).read_bytes(), compresslevel=9, mtime=0))
    stdlib = _compiled_stdlib()
    wheels = scratch / "wheels"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(wheels), str(_wheel_source(scratch))],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("*.whl")
    _require_only_the_package(wheel)
    compiled = scratch / wheel.name
    _node("compile.mjs", wheel, compiled)
    _node("snapshot.mjs", stdlib, compiled, PYODIDE / "pyodide.asm.wasm", staging / SNAPSHOT)
    zipfile.ZipFile(staging / STDLIB, "w").close()
    default_lock = json.loads((PYODIDE / LOCK).read_text())
    (staging / LOCK).write_text(json.dumps({"info": default_lock["info"], "packages": {}}))


def _compiled_stdlib() -> Path:
    """Pyodide's standard library compiled to bytecode (about half of a snapshot build). It
    depends on Pyodide's version and the compiler only, so it outlives versions of the package."""
    digest = hashlib.sha256()
    for path in (PYODIDE / "package.json", SCRIPTS / "bytecode.py", SCRIPTS / "compile.mjs"):
        digest.update(path.read_bytes())
    compiled = STDLIB_CACHE / digest.hexdigest()[:KEY_LENGTH] / STDLIB
    if not compiled.exists():
        for other in STDLIB_CACHE.glob("*/"):
            shutil.rmtree(other, ignore_errors=True)
        compiled.parent.mkdir(parents=True, exist_ok=True)
        partial = compiled.with_suffix(".partial")
        _node("compile.mjs", PYODIDE / STDLIB, partial)
        partial.replace(compiled)
    return compiled


def _wheel_source(scratch: Path) -> Path:
    """What the wheel is built from, copied: setuptools would otherwise reuse the repository's
    build/lib/, where a module deleted from the package would live on and end up in the wheel."""
    source = scratch / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / PACKAGE, source / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
    return source


def _require_only_the_package(wheel: Path) -> None:
    """The engine's wheel holds the decision_tree package and its metadata, nothing else."""
    with zipfile.ZipFile(wheel) as archive:
        foreign = [name for name in archive.namelist() if name.split("/")[0] != PACKAGE and ".dist-info/" not in name]
    if foreign:
        raise SystemExit(f"{wheel.name} holds more than the {PACKAGE} package: {foreign[:5]}")


def _node(script: str, *arguments) -> None:
    completed = subprocess.run(["node", str(SCRIPTS / script), *map(str, arguments)], capture_output=True, text=True, cwd=ROOT)
    if completed.returncode:  # Pyodide's own error output ends with the Python traceback
        raise SystemExit(f"node {script} failed:\n{completed.stderr[-3000:]}")


def _key() -> str:
    digest = hashlib.sha256(_packaging())
    inputs = [
        *sorted((ROOT / "decision_tree").rglob("*.py")),
        *sorted((ROOT / "decision_tree" / "data").iterdir()),
        *sorted(SCRIPTS.iterdir()),
        ENGINE_LOADER,
        Path(__file__),
        PYODIDE / "package.json",
    ]
    for path in inputs:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:KEY_LENGTH]


def _packaging() -> bytes:
    """What of pyproject.toml makes the wheel: not the tools' settings ([tool.ruff], pytest...)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    tools = project.get("tool", {})
    kept = {**project, "tool": {name: value for name, value in tools.items() if name.startswith("setuptools")}}
    return json.dumps(kept, sort_keys=True, default=str).encode()


def _require_pyodide() -> None:
    if not (PYODIDE / "package.json").exists():
        raise SystemExit("Pyodide is not installed: run `npm ci` (the Makefile does it).")


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    build(Path(sys.argv[1]))
