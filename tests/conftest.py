"""Test tiers: every test is marked by where it lives (the markers are declared in pyproject.toml).

- `docs`: tests/docs/, which build the site with MkDocs;
- `browser`: tests/e2e/, which build the site and drive it in headless Chromium;
- `pyodide`: the modules below, which run the engine or its snapshot under Node.js.

`make test` runs everything; `make test-fast` leaves these three tiers out (`-m "not (docs or
pyodide or browser)"`) and keeps the engine, golden cases, validation, CLI, properties,
bridge, renderers and share tokens. A new test module that builds the site or starts Node.js
or Chromium belongs in one of these places, or in PYODIDE_MODULES.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
FOLDER_TIERS = {"docs": "docs", "e2e": "browser"}
PYODIDE_MODULES = {"test_pyodide_parity.py", "test_snapshot_format.py"}


def tier(path: Path) -> str | None:
    """The marker of a test module, from its place under tests/ (None: the fast tier)."""
    path = path.resolve()
    if not path.is_relative_to(TESTS):
        return None
    parts = path.relative_to(TESTS).parts
    if len(parts) > 1:
        return FOLDER_TIERS.get(parts[0])
    return "pyodide" if parts[0] in PYODIDE_MODULES else None


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        marker = tier(item.path)
        if marker:
            item.add_marker(marker)
