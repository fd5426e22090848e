"""The browser's engine (Pyodide restored from the site's snapshot, under Node) takes CPython's
decision on every path, words every piece of the results as CPython does, and gives CPython's
reply to the page's requests (tests/pyodide/digests.py says how the paths are compared).

The assets are the site's own, started by the page's own loader (docs/assets/assessment/
engine.mjs): this proves the snapshot restores, holds everything any path needs (it can import
nothing new), and carries nothing of the machine that built it; and that the steps shipped
with the page (decision_tree.early) are the restored engine's own replies.
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

from decision_tree import revisit, share
from decision_tree.bridge import handle
from decision_tree.early import early_steps
from support import CHATBOT_VENDOR, START, partial, token_of

ROOT = Path(__file__).resolve().parents[1]
PYODIDE = ROOT / "node_modules" / "pyodide"
TODAY = "2026-11-28"
FINISHED = token_of(CHATBOT_VENDOR)
EDITING = share.encode(revisit(share.decode(FINISHED, "en"), 1))  # back at answer 2, later ones remembered
# One request of each kind the page sends, in both languages, plus bad ones and a link of the
# older format (read through its frozen routing).
REQUESTS = [
    {"op": op, "lang": lang, "token": token, "today": TODAY, **extra}
    for lang in ("fr", "en")
    for op, token, extra in [
        ("view", "", {}),
        ("answer", "", {"choice": ["ai-system"]}),
        ("back", FINISHED, {}),
        ("revisit", FINISHED, {"step": 1}),
        ("answer", EDITING, {"choice": ["organisation"]}),
        ("markdown", FINISHED, {"share_url": "https://example.org/self-assessment/#eval=" + FINISHED}),
        ("view", "1.ai-system.in-scope.none.private-person.use-only", {}),
        ("view", FINISHED + ".tampered.again", {}),  # a malformed answer before the last: a bad link
        ("markdown", share.encode(partial({**START, "who-are-you": "organisation"})), {}),
        ("explode", "", {}),
    ]
]
EARLY = {lang: early_steps(lang) for lang in ("fr", "en")}
EARLY_REQUESTS = [
    {"op": "view", "lang": lang, "token": token, "today": TODAY} for lang, shipped in EARLY.items() for token in shipped["steps"]
]
REQUESTS += EARLY_REQUESTS

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed")


@pytest.fixture(scope="module")
def assets(tmp_path_factory) -> Path:
    from site_tooling.build_pyodide_assets import build

    folder = tmp_path_factory.mktemp("assets")
    build(folder)
    return folder


@pytest.fixture(scope="module")
def pyodide_report(assets) -> dict:
    completed = subprocess.run(
        ["node", str(Path(__file__).parent / "pyodide" / "run.mjs"), str(assets), TODAY, json.dumps(REQUESTS)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=900,
    )
    return json.loads(completed.stdout)


def test_it_really_ran_on_pyodide(pyodide_report):
    assert pyodide_report["platform"] == "emscripten"
    assert pyodide_report["python"][:2] == [3, 14]


def test_the_restored_engine_can_import_nothing_new(pyodide_report):
    assert pyodide_report["imports_sealed"] is True


def test_the_bridge_replies_as_under_cpython(pyodide_report):
    expected = [json.loads(handle(json.dumps(request))) for request in REQUESTS]
    assert [reply["ok"] for reply in expected].count(False) == 6  # the bad requests are in
    assert pyodide_report["replies"] == expected


@pytest.fixture(scope="module")
def cpython_decisions() -> tuple[dict, list]:
    from pyodide.digests import decisions_and_worded_paths  # tests/pyodide/digests.py, which run.mjs runs in Pyodide

    return decisions_and_worded_paths()


def test_every_path_gives_the_cpython_decision(pyodide_report, cpython_decisions):
    groups, _ = cpython_decisions
    assert sum(count for count, _ in groups.values()) > 100_000  # every path of the tree
    assert pyodide_report["groups"].keys() == groups.keys()
    differing = [group for group, (count, digest) in groups.items() if pyodide_report["groups"][group] != [count, digest]]
    assert differing == [], "groups of paths (their first answers) whose decisions differ"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_piece_of_the_results_is_worded_as_under_cpython(pyodide_report, cpython_decisions, lang):
    from pyodide.digests import wording_digests

    _, worded = cpython_decisions
    assert pyodide_report["worded"] == worded and len(worded) > 1000
    expected = wording_digests(worded, lang, date.fromisoformat(TODAY))
    differing = [
        token for token, mine, theirs in zip(worded, expected, pyodide_report["wording"][lang], strict=True) if mine != theirs
    ]
    assert differing == []


def test_the_steps_shipped_with_the_page_are_the_restored_engines_replies(pyodide_report):
    replies = pyodide_report["replies"][-len(EARLY_REQUESTS) :]
    for request, reply in zip(EARLY_REQUESTS, replies, strict=True):
        shipped = EARLY[request["lang"]]
        view, choices = shipped["steps"][request["token"]]
        assert reply["token"] == request["token"]
        assert reply["view"] == shipped["views"][view]
        if not reply["view"]["multiple"]:  # the engine sends "ahead" for single choices only
            assert {choice: reply["ahead"][choice]["token"] for choice in choices} == choices


def test_the_snapshot_holds_nothing_of_the_build_machine(assets):
    memory = gzip.decompress((assets / "engine.snapshot").read_bytes())
    for revealing in (str(ROOT), sys.executable, os.environ["PATH"]):  # Pyodide's own build paths are fine
        assert revealing.encode() not in memory


def test_the_site_ships_no_python_source_or_wheel(assets):
    assert sorted(path.name for path in assets.iterdir()) == [
        "engine.snapshot",
        "pyodide-lock.json",
        "pyodide.asm.mjs.gz",
        "pyodide.asm.wasm.gz",
        "pyodide.mjs",
        "python_stdlib.zip",
    ]
    assert json.loads((assets / "pyodide-lock.json").read_text())["packages"] == {}


@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "pyodide.asm.mjs"])
def test_pyodides_wasm_and_script_ship_gzipped_byte_for_byte(assets, name):
    shipped = (assets / f"{name}.gz").read_bytes()
    assert gzip.decompress(shipped) == (PYODIDE / name).read_bytes()
    assert len(shipped) < 0.4 * (PYODIDE / name).stat().st_size
