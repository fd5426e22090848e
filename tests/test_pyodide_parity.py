"""The package under real Pyodide (Node.js + the npm package) gives CPython's result on every path.

The assets are the site's own: Pyodide's core, the standard library precompiled by Pyodide's
interpreter, and the decision_tree wheel (with its bytecode) loaded through our lock file, so
this also proves the lock's sha256 and the bytecode are accepted.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-28"
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).parent / "pyodide"))

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed")


@pytest.fixture(scope="module")
def pyodide_report(tmp_path_factory) -> dict:
    from build_pyodide_assets import build

    assets = tmp_path_factory.mktemp("assets")
    build(assets)
    completed = subprocess.run(
        ["node", str(Path(__file__).parent / "pyodide" / "run.mjs"), str(assets), TODAY],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=900,
    )
    return json.loads(completed.stdout)


def test_it_really_ran_on_pyodide(pyodide_report):
    assert pyodide_report["platform"] == "emscripten"
    assert pyodide_report["python"][:2] == [3, 14]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_path_gives_the_cpython_result(pyodide_report, lang):
    from digests import path_digests
    from datetime import date

    expected = path_digests(lang, date.fromisoformat(TODAY))
    actual = pyodide_report["paths"][lang]
    assert len(actual) == len(expected) > 1000
    differing = [token for (token, digest), (_, theirs) in zip(expected, actual) if digest != theirs]
    assert [row[0] for row in actual] == [row[0] for row in expected]
    assert differing == []
