"""Build what the in-page assessment loads: Pyodide's core and the engine's memory snapshot.

    python scripts/build_pyodide_assets.py OUTPUT_DIR

The snapshot is Pyodide's memory once the decision_tree wheel is installed, imported and
warmed up (scripts/pyodide/snapshot.mjs, under Node). It is made from the standard library
and the wheel compiled to bytecode by Pyodide's own interpreter (scripts/pyodide/compile.mjs):
compiling from sources would leave the freed compiler memory in the snapshot (+1.6 MB
gzipped). Neither is shipped: the restored engine imports nothing, so the site gets an empty
stdlib zip and a lock that lists no package (Pyodide asks for both at start).

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
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYODIDE = ROOT / "node_modules" / "pyodide"
SCRIPTS = ROOT / "scripts" / "pyodide"
ENGINE_LOADER = ROOT / "docs" / "assets" / "assessment" / "engine.mjs"
CACHE = ROOT / "build" / "pyodide-assets"
# The only files of the npm package a page needs.
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB = "python_stdlib.zip"
LOCK = "pyodide-lock.json"
SNAPSHOT = "engine.snapshot"  # the name engine.mjs fetches (SNAPSHOT_FILE there)


def build(output: Path) -> None:
    """Copy the (cached) assets to `output`."""
    _require_pyodide()
    cached = CACHE / _key()
    if not (cached / SNAPSHOT).exists():
        with tempfile.TemporaryDirectory(dir=_ensure(CACHE)) as scratch:
            staging = Path(scratch) / "assets"
            _build_into(staging, Path(scratch))
            if cached.exists():
                shutil.rmtree(cached)
            staging.rename(cached)
    shutil.copytree(cached, output, dirs_exist_ok=True)


def _build_into(staging: Path, scratch: Path) -> None:
    staging.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copy2(PYODIDE / name, staging / name)
    stdlib = scratch / STDLIB
    _node("compile.mjs", PYODIDE / STDLIB, stdlib)
    wheels = scratch / "wheels"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(wheels), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = wheels.glob("*.whl")
    compiled = scratch / wheel.name
    _node("compile.mjs", wheel, compiled)
    _node("snapshot.mjs", stdlib, compiled, staging / SNAPSHOT)
    zipfile.ZipFile(staging / STDLIB, "w").close()
    default_lock = json.loads((PYODIDE / LOCK).read_text())
    (staging / LOCK).write_text(json.dumps({"info": default_lock["info"], "packages": {}}))


def _node(script: str, *arguments) -> None:
    completed = subprocess.run(
        ["node", str(SCRIPTS / script), *map(str, arguments)], capture_output=True, text=True, cwd=ROOT
    )
    if completed.returncode:  # Pyodide's own error output ends with the Python traceback
        raise SystemExit(f"node {script} failed:\n{completed.stderr[-3000:]}")


def _key() -> str:
    digest = hashlib.sha256()
    inputs = [
        *sorted((ROOT / "decision_tree").rglob("*.py")),
        *sorted((ROOT / "decision_tree" / "data").iterdir()),
        ROOT / "pyproject.toml",
        *sorted(SCRIPTS.iterdir()),
        ENGINE_LOADER,
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
    build(Path(sys.argv[1]))
