"""The browser's engine (Pyodide restored from the site's snapshot, under Node) gives CPython's
result on every path and CPython's reply to the page's requests.

The assets are the site's own, started by the page's own loader (docs/assets/assessment/
engine.mjs): this proves the snapshot restores, holds everything any path needs (it can import
nothing new), and carries nothing of the machine that built it.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from decision_tree.bridge import handle

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-28"
FINISHED = "1.ai-system.in-scope.none.organisation.build-for-others.none.general-purpose.yes.yes-new.proprietary"
# One request of each kind the page sends, in both languages, plus two bad ones.
REQUESTS = [
    {"op": op, "lang": lang, "token": token, "today": TODAY, **extra}
    for lang in ("fr", "en")
    for op, token, extra in [
        ("view", "1", {}),
        ("answer", "1", {"choice": ["ai-system"]}),
        ("back", FINISHED, {}),
        ("revisit", FINISHED, {"step": 3}),
        ("markdown", FINISHED, {"share_url": "https://example.org/self-assessment/#eval=" + FINISHED}),
        ("view", "1.ai-system.tampered", {}),
        ("markdown", "1.ai-system", {}),
    ]
]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).parent / "pyodide"))

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed")


@pytest.fixture(scope="module")
def assets(tmp_path_factory) -> Path:
    from build_pyodide_assets import build

    folder = tmp_path_factory.mktemp("assets")
    build(folder)
    return folder


@pytest.fixture(scope="module")
def pyodide_report(assets) -> dict:
    completed = subprocess.run(
        ["node", str(Path(__file__).parent / "pyodide" / "run.mjs"), str(assets), TODAY, json.dumps(REQUESTS)],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=900,
    )
    return json.loads(completed.stdout)


def test_it_really_ran_on_pyodide(pyodide_report):
    assert pyodide_report["platform"] == "emscripten"
    assert pyodide_report["python"][:2] == [3, 14]


def test_the_restored_engine_can_import_nothing_new(pyodide_report):
    assert pyodide_report["imports_sealed"] is True


def test_the_bridge_replies_as_under_cpython(pyodide_report):
    expected = [json.loads(handle(json.dumps(request))) for request in REQUESTS]
    assert [reply["ok"] for reply in expected].count(False) == 4  # the bad requests are in
    assert pyodide_report["replies"] == expected


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_path_gives_the_cpython_result(pyodide_report, lang):
    from digests import path_digests

    expected = path_digests(lang, date.fromisoformat(TODAY))
    actual = pyodide_report["paths"][lang]
    assert len(actual) == len(expected) > 1000
    differing = [token for (token, digest), (_, theirs) in zip(expected, actual) if digest != theirs]
    assert [row[0] for row in actual] == [row[0] for row in expected]
    assert differing == []


def test_the_snapshot_holds_nothing_of_the_build_machine(assets):
    memory = gzip.decompress((assets / "engine.snapshot").read_bytes())
    for revealing in (str(ROOT), sys.executable, os.environ["PATH"]):  # Pyodide's own build paths are fine
        assert revealing.encode() not in memory


def test_the_site_ships_no_python_source_or_wheel(assets):
    assert sorted(path.name for path in assets.iterdir()) == [
        "engine.snapshot", "pyodide-lock.json", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs", "python_stdlib.zip",
    ]
    assert json.loads((assets / "pyodide-lock.json").read_text())["packages"] == {}
