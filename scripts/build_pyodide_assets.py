"""Build what the in-page assessment loads: Pyodide's core, a precompiled standard library,
the decision_tree wheel (with Pyodide bytecode) and a lock file that lists only that wheel.

    python scripts/build_pyodide_assets.py OUTPUT_DIR

The result is cached under build/pyodide-assets/<key>/, keyed by everything it is made from,
so `mkdocs serve` rebuilds only when the package, these scripts or the Pyodide version change.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec

ROOT = Path(__file__).resolve().parents[1]
PYODIDE = ROOT / "node_modules" / "pyodide"
COMPILE = ROOT / "scripts" / "pyodide" / "compile.mjs"
CACHE = ROOT / "build" / "pyodide-assets"
# The only files of the npm package a page needs (the lock is ours, the stdlib precompiled).
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB = "python_stdlib.zip"
LOCK = "pyodide-lock.json"


def build(output: Path) -> Path:
    """Copy the (cached) assets to `output`; returns the wheel's file name's path there."""
    _require_pyodide()
    cached = CACHE / _key()
    if not (cached / LOCK).exists():
        with tempfile.TemporaryDirectory(dir=_ensure(CACHE)) as scratch:
            staging = Path(scratch) / "assets"
            _build_into(staging)
            if cached.exists():
                shutil.rmtree(cached)
            staging.rename(cached)
    shutil.copytree(cached, output, dirs_exist_ok=True)
    return output / wheel_name(output)


def wheel_name(folder: Path) -> str:
    lock = json.loads((folder / LOCK).read_text())
    return next(iter(lock["packages"].values()))["file_name"]


def _build_into(staging: Path) -> None:
    staging.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copy2(PYODIDE / name, staging / name)
    _node("stdlib", PYODIDE / STDLIB, staging / STDLIB)
    wheels = staging / "wheels"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(wheels), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = wheels.glob("*.whl")
    compiled = staging / wheel.name
    _node("wheel", wheel, compiled)
    shutil.rmtree(wheels)
    _write_lock(compiled, staging / LOCK)


def _write_lock(wheel: Path, lock_path: Path) -> None:
    """A lock listing only our wheel, with Pyodide's `info`: Pyodide checks the wheel's sha256
    and does not fetch its 119 KB default lock. The file name is relative to the lock."""
    default = PyodideLockSpec.from_json(PYODIDE / LOCK)
    empty = default.model_copy(update={"packages": {}}) if hasattr(default, "model_copy") else _without_packages(default)
    spec = add_wheels_to_spec(empty, [wheel], base_path=lock_path.parent)
    spec.to_json(lock_path)


def _without_packages(spec: PyodideLockSpec) -> PyodideLockSpec:
    return PyodideLockSpec(info=spec.info, packages={})


def _node(mode: str, source: Path, target: Path) -> None:
    subprocess.run(["node", str(COMPILE), mode, str(source), str(target)], check=True, capture_output=True, cwd=ROOT)


def _key() -> str:
    digest = hashlib.sha256()
    inputs = [
        *sorted((ROOT / "decision_tree").rglob("*.py")),
        *sorted((ROOT / "decision_tree" / "data").iterdir()),
        ROOT / "pyproject.toml",
        *sorted((ROOT / "scripts" / "pyodide").iterdir()),
        Path(__file__),
        PYODIDE / "package.json",
    ]
    for path in inputs:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _require_pyodide() -> None:
    if not (PYODIDE / "package.json").exists():
        raise SystemExit("Pyodide is not installed: run `npm ci` (the Makefile does it).")


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(build(Path(sys.argv[1])))
