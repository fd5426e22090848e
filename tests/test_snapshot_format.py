"""The engine snapshot's file format (docs/assets/assessment/engine.mjs): zero pages are left
out and restored, any length round-trips, and a damaged file is refused rather than restored.
The real snapshot is restored by test_pyodide_parity.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = 65536

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
    assert report["pages and a partial one"]["packed"] == 8 + 3 * 4 + 2 * PAGE + 123
    assert report["exact pages"]["packed"] == 8 + 2 * 4 + 2 * PAGE


def test_a_truncated_snapshot_is_refused(report):
    assert report["truncated"] == "engine snapshot: unexpected length"
