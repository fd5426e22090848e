"""The package runs on a bare interpreter: no site-packages, no third-party module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import sys
sys.path.insert(0, {root!r})
from datetime import date
import decision_tree
from decision_tree import share, views, load_tree
from decision_tree.validation import check
from decision_tree.render_static import render_html
check(load_tree())
state = share.decode("1.ai-system.in-scope.none.private-person.use-only", "fr")
print(views.result(state, date(2026, 11, 28))["verdict"]["id"])
render_html("en")
foreign = sorted(
    name for name in sys.modules
    if name.split(".")[0] not in sys.stdlib_module_names and name.split(".")[0] not in ("decision_tree", "__main__")
)
print(foreign)
"""


def test_package_imports_and_runs_with_the_standard_library_alone():
    # -I: isolated (no user site, no PYTHON* variables); -S: no site-packages at all.
    completed = subprocess.run(
        [sys.executable, "-I", "-S", "-c", PROBE.format(root=str(ROOT))],
        capture_output=True,
        text=True,
        check=True,
    )
    verdict, foreign = completed.stdout.splitlines()
    assert verdict == "not-concerned"
    assert foreign == "[]"
