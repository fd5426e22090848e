"""The engine snapshot's file format (docs/assets/assessment/engine.mjs): zero pages are left
out and restored, any length round-trips, the wasm's data segments are folded in and out, and a
damaged file, or one made for another wasm, is refused rather than restored. The real snapshot
is restored by test_pyodide_parity.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = 65536
HEADER = 12  # total length, stored pages, bytes of data segments folded in

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed")


@pytest.fixture(scope="module")
def report() -> dict:
    script = Path(__file__).parent / "pyodide" / "snapshot_format.mjs"
    completed = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True, cwd=ROOT, timeout=60)
    return json.loads(completed.stdout)


@pytest.mark.parametrize("case", ["pages and a partial one", "exact pages", "smaller than a page"])
def test_every_length_round_trips(report, case):
    assert report[case]["equal"] is True


def test_zero_pages_are_not_stored(report):
    # 6 pages, of which 3 hold a byte (0, 2 and the partial last one): header, index, 3 pages
    assert report["pages and a partial one"]["packed"] == HEADER + 3 * 4 + 2 * PAGE + 123
    assert report["exact pages"]["packed"] == HEADER + 2 * 4 + 2 * PAGE


def test_a_truncated_snapshot_is_refused(report):
    assert report["truncated"] == "engine snapshot: unexpected length"


def test_data_segments_unchanged_since_start_up_are_not_stored(report):
    # 8 pages, 3 of them the segments' bytes: left are Pyodide's header and the one changed byte
    assert report["segments"] == {"packed": HEADER + 2 * 4 + 2 * PAGE, "equal": True}


def test_a_snapshot_made_for_another_wasm_is_refused(report):
    assert report["other_wasm"] == "engine snapshot: made from another wasm"


def test_the_data_segments_of_pyodides_wasm_are_read(report):
    segments = report["pyodide_segments"]
    assert segments["count"] > 1000 and segments["bytes"] > 1_000_000 and segments["first"] >= 0
