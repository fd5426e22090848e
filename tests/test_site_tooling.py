"""The build tooling's own promises: the tree is checked once per version of the package, the
Pyodide assets are linked (not copied) into the site, the engine's wheel holds only the
package, the benchmark counts the engine's long tasks only, and every test lands in its tier."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from site_tooling import bench, build_pyodide_assets, tree_check

TESTS = Path(__file__).resolve().parent


@pytest.fixture
def package_copy(tmp_path, monkeypatch) -> Path:
    """tree_check working on a copy of the package's files, with its records in tmp_path."""
    copy = tmp_path / "decision_tree"
    shutil.copytree(tree_check.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(tree_check, "PACKAGE", copy)
    monkeypatch.setattr(tree_check, "RECORDS", tmp_path / "records")
    monkeypatch.setattr(tree_check, "_checked_in_this_process", set())
    return copy


def test_the_tree_is_checked_once_per_version_of_the_package(package_copy, monkeypatch):
    checks = []
    monkeypatch.setattr(tree_check, "check", checks.append)
    first = tree_check.package_key()
    assert tree_check.check_tree(first) is True
    assert tree_check.check_tree(first) is False  # same process
    tree_check._checked_in_this_process.clear()
    assert tree_check.check_tree(first) is False  # another process: the record
    assert len(checks) == 1

    data = next((package_copy / "data").glob("*.toml"))
    data.write_text(data.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    second = tree_check.package_key()
    assert second != first
    assert tree_check.check_tree(second) is True
    assert len(checks) == 2


def test_a_broken_tree_is_never_recorded(package_copy, monkeypatch):
    def broken(tree):
        raise ValueError("broken tree")

    monkeypatch.setattr(tree_check, "check", broken)
    key = tree_check.package_key()
    for _ in range(2):  # fails again: nothing remembered it as checked
        with pytest.raises(ValueError, match="broken tree"):
            tree_check.check_tree(key)
    assert not (tree_check.RECORDS / key).exists()


def test_assets_are_linked_into_the_site_once(tmp_path):
    source = tmp_path / "cache" / "engine.snapshot"
    source.parent.mkdir()
    source.write_bytes(b"snapshot")
    target = tmp_path / "site" / "engine.snapshot"
    target.parent.mkdir()
    build_pyodide_assets._link(source, target)
    assert target.samefile(source) and os.stat(source).st_nlink == 2
    build_pyodide_assets._link(source, target)  # the other language's build: nothing to do
    assert target.samefile(source) and os.stat(source).st_nlink == 2

    stale = tmp_path / "site" / "stale.snapshot"
    stale.write_bytes(b"an older snapshot")
    build_pyodide_assets._link(source, stale)
    assert stale.read_bytes() == b"snapshot"


def test_the_engine_wheel_may_hold_only_the_package(tmp_path):
    good, bad = tmp_path / "good.whl", tmp_path / "bad.whl"
    for wheel, names in [
        (good, ["decision_tree/__init__.py", "decision_tree/data/tree.toml", "x-0.1.dist-info/RECORD"]),
        (bad, ["decision_tree/__init__.py", "site_tooling/__init__.py", "x-0.1.dist-info/RECORD"]),
    ]:
        with zipfile.ZipFile(wheel, "w") as archive:
            for name in names:
                archive.writestr(name, "")
    build_pyodide_assets._require_only_the_package(good)
    with pytest.raises(SystemExit, match="site_tooling"):
        build_pyodide_assets._require_only_the_package(bad)


def test_the_benchmark_counts_the_long_tasks_that_begin_while_the_engine_starts():
    visit = {
        "engine_start": 602.0,
        "engine_ready": 1192.0,
        "long_tasks": [
            {"start": 550.0, "duration": 53.0},  # the theme's start, ending at the mark (rounded)
            {"start": 700.0, "duration": 60.0},
            {"start": 1192.0, "duration": 70.0},  # after the engine is ready
        ],
    }
    assert bench.long_tasks_during_start(visit) == [{"start": 700.0, "duration": 60.0}]


@pytest.mark.parametrize(
    ("module", "marker"),
    [
        ("docs/test_docs_build.py", "docs"),
        ("e2e/test_assessment.py", "browser"),
        ("test_pyodide_parity.py", "pyodide"),
        ("test_snapshot_format.py", "pyodide"),
        ("test_engine.py", None),
        ("test_site_tooling.py", None),
    ],
)
def test_each_test_module_gets_its_tier(request, module, marker):
    conftest = request.config.pluginmanager.get_plugin(str(TESTS / "conftest.py"))
    assert conftest.tier(TESTS / module) == marker
