"""Wording of the prohibitions: each prohibited obligation reads as an instruction not to do it,
and the tree says "publicly accessible spaces" (Art. 5(1)(h)), never "public spaces"."""

from __future__ import annotations

import re
from pathlib import Path

from decision_tree.model import load_tree
from support import AFFECTED, ORGANISATION, result_of

INSTRUCTION = {"fr": "Ne pas ", "en": "Do not "}
DATA = Path(__file__).resolve().parents[1] / "decision_tree" / "data"
DATA_FILES = ("tree.toml", "obligations.toml", "labels.toml")


def owed_to_an_affected_reader(tree) -> set[str]:
    """Obligations listed only for a reader affected by someone else's AI: they say what others
    may not do to the reader, not what the reader must not do."""
    situation = tree.questions["who-are-you"].option(tree.affected.role).next[0].goto
    listing = {}
    for finding in tree.findings:
        for_affected = any(fact.startswith(situation + ":") for fact in (*finding.when.all, *finding.when.any))
        for obligation_id in finding.obligations:
            listing.setdefault(obligation_id, []).append(for_affected)
    return {obligation_id for obligation_id, affected in listing.items() if all(affected)}


def test_each_prohibited_obligation_starts_with_do_not():
    tree = load_tree()
    affected = owed_to_an_affected_reader(tree)
    assert affected, "the affected reader's prohibitions are told apart"
    prohibited = [o for o in tree.obligations.values() if o.severity == "prohibited" and o.id not in affected]
    assert prohibited
    for obligation in prohibited:
        for lang, start in INSTRUCTION.items():
            assert obligation.text[lang].startswith(start), f"{obligation.id} [{lang}]"


def test_publicly_accessible_spaces_never_public_spaces():
    for name in DATA_FILES:
        text = (DATA / name).read_text(encoding="utf-8")
        assert not re.search(r"\bpublic spaces\b", text, re.IGNORECASE), name
        assert not re.search(r"\bespaces publics\b", text, re.IGNORECASE), name


def test_the_prohibitions_added_in_2026_say_from_when_in_the_verdict():
    """Art. 5(1)(ba) and (bb) apply from 2 December 2026: the verdict's sentence says so, for the
    one who would do it and for the person it would be done to."""
    doer = {**ORGANISATION, "activity": "use-ready-made"}
    for answers in ({**doer, "prohibited-practice": "csam"}, {**AFFECTED, "affected-situation": "intimate-deepfake"}):
        for lang, words in (("en", "2 December 2026"), ("fr", "2 décembre 2026")):
            why = result_of(answers, lang)["verdict"]["why"]
            assert words in why and why.startswith(("Do not", "From", "Ne le faites pas", "À partir")), why
    older = result_of({**doer, "prohibited-practice": "social-scoring"})["verdict"]["why"]
    assert "2026" not in older.split(":")[0]
