"""One verdict scale, applied the same way to everyone (ARCHITECTURE.md, "The verdict scale").

The rule, stated from the law and not from the data's `severity` fields:

- prohibited: an Art. 5(1) practice;
- strongly concerned: the duties of a high-risk system (Chapter III, the Art. 5(2)–(7) conditions
  of an authorised real-time biometric identification, Art. 86, those a high-risk system already
  in service meets on a significant change, Art. 111(2)) or of a general-purpose model
  with systemic risk (Arts 51, 52, 55);
- concerned: any other binding duty (Art. 50 whoever owes it, the duties of every
  general-purpose model provider, the Art. 6(4) documentation and registration, the Art. 5(1a)
  safeguards);
- weakly concerned: AI literacy (Art. 4) and nothing else;
- not concerned: no duty.

An obligation's legal basis is its first citation. The tests check that each obligation's
severity follows from it whoever holds the obligation, and that on every path the verdict is
the most severe duty the result lists. A reader affected by someone else's AI owes nothing:
the rights they hold are no duty ("not concerned"), and their verdict is the affected scale's
reading of the most severe duty the others owe them.
"""

from __future__ import annotations

import pytest

from decision_tree import citations, engine
from decision_tree.model import load_tree
from decision_tree.paths import walk

SCALE = ["not-concerned", "weakly-concerned", "concerned", "strongly-concerned", "prohibited"]
HIGH_RISK_ARTICLES = {str(number) for number in (*range(8, 28), 43, 47, 48, 49, 72, 73, 86)}
SYSTEMIC_RISK_ARTICLES = {"51", "52", "55"}


def scale_of(ref: str) -> str:
    """Where the provision that imposes a duty puts it on the scale."""
    citation = citations.parse(ref)
    article, parts = (citation.number, citation.parts) if citation.kind == "article" else ("", ())
    if article == "5" and parts[:1] == ("1",) and len(parts) == 2:
        return "prohibited"
    if article in HIGH_RISK_ARTICLES | SYSTEMIC_RISK_ARTICLES or (article == "5" and parts[:1] in {(p,) for p in "234567"}):
        return "strongly-concerned"
    if (article, parts[:1]) == ("111", ("2",)):  # a high-risk system already in service
        return "strongly-concerned"
    if article == "4":
        return "weakly-concerned"
    return "concerned"


def expected_severity(obligation, tree) -> str:
    return "not-concerned" if obligation.holder == tree.affected.role else scale_of(obligation.citations[0])


@pytest.mark.parametrize("obligation", load_tree().obligations.values(), ids=lambda obligation: obligation.id)
def test_each_obligation_sits_where_its_legal_basis_puts_it_whoever_holds_it(obligation):
    assert obligation.severity == expected_severity(obligation, load_tree()), obligation.holder


def test_the_rule_places_the_provisions_the_issue_names():
    assert scale_of("Art. 50(4), first subparagraph") == scale_of("Art. 50(1)") == "concerned"  # deployer = provider
    assert scale_of("Art. 5(1)(f)") == "prohibited" and scale_of("Art. 5(1a)") == "concerned"
    assert scale_of("Art. 6(4)") == scale_of("Art. 53(1)(d)") == "concerned"
    assert scale_of("Art. 26(7)") == scale_of("Art. 55(1)") == scale_of("Art. 5(2)") == "strongly-concerned"
    assert scale_of("Art. 4(1)") == "weakly-concerned"


def test_on_every_path_the_verdict_is_the_most_severe_duty_listed():
    tree = load_tree()
    expected = {obligation.id: expected_severity(obligation, tree) for obligation in tree.obligations.values()}
    wrong = []
    for state in walk("en", tree):
        outcome = engine.outcome(state, tree)
        listed = [expected[obligation_id] for obligation_id, _ in outcome.obligations]
        verdict = max(listed, key=SCALE.index, default="not-concerned")
        if tree.affected.role in outcome.roles:
            verdict = tree.affected.from_severity[verdict]
        if outcome.verdict != verdict:
            wrong.append((state.answers, outcome.verdict, verdict))
    assert not wrong, f"{len(wrong)} paths, for example {wrong[:3]}"
