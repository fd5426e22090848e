"""Golden cases: situations whose outcome the law settles, replayed through the engine.

Each case in golden_cases.toml holds a share token and the legally expected result. A case
with `known_issue` documents where the tree departs from the law: its test is a strict
xfail, so fixing the tree makes it fail until the `known_issue` line is removed.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from decision_tree import engine, share

CASES = tomllib.loads(Path(__file__).with_name("golden_cases.toml").read_text(encoding="utf-8"))["cases"]
TODAY = date(2026, 11, 28)
LANGUAGES = ("fr", "en")


def result_of(case: dict, lang: str) -> dict:
    state = share.decode(case["answers"], lang)
    assert share.encode(state) == case["answers"], "the token does not re-encode to itself"
    return engine.result(state, TODAY)


def refs(items: list[dict]) -> set[str]:
    return {citation["ref"] for item in items for citation in item["citations"]}


def basis_refs(case: dict) -> list[str]:
    return [ref.strip() for ref in case["basis"].split(",")]


def cites(known: set[str], ref: str) -> bool:
    """`ref` or one of its subdivisions is cited: "Art. 26" is met by "Art. 26(1)"."""
    return any(cited == ref or cited.startswith(ref + "(") for cited in known)


def as_case(case: dict):
    marks = [pytest.mark.xfail(reason=case["known_issue"], strict=True)] if "known_issue" in case else []
    return pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", [as_case(case) for case in CASES])
def test_golden_case(case):
    for lang in LANGUAGES:
        result = result_of(case, lang)
        obligations = {obligation["id"]: obligation for obligation in result["obligations"]}
        where = f"[{lang}] {case['id']}"
        assert result["verdict"]["id"] == case["verdict"], where
        assert sorted(role["id"] for role in result["roles"]) == sorted(case["roles"]), where
        assert sorted(obligations) == sorted(case["obligations"]), where
        assert set(case["cited"]) <= refs(result["obligations"]) | refs(result["notes"]), where
        assert set(case.get("notes", [])) <= {note["id"] for note in result["notes"]}, where
        assert result["needs_review"] is case["needs_review"], where
        for obligation_id, day in case.get("applies", {}).items():
            assert obligations[obligation_id]["applies"]["date"] == day.isoformat(), f"{where}: {obligation_id}"


def test_case_ids_are_unique_kebab_case():
    ids = [case["id"] for case in CASES]
    assert len(CASES) >= 25
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    assert [i for i in ids if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i)] == []


def test_every_basis_provision_is_cited():
    """Checked on the cases the tree already gets right; a known issue may hide the citation."""
    uncited = {}
    for case in (case for case in CASES if "known_issue" not in case):
        result = result_of(case, "en")
        known = set(case["cited"]) | refs(result["obligations"]) | refs(result["notes"]) | refs(result["roles"])
        missing = [ref for ref in basis_refs(case) if not cites(known, ref)]
        if missing:
            uncited[case["id"]] = missing
    assert uncited == {}
