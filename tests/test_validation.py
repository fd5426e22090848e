"""Validation: the real tree passes; each kind of defect in a broken copy is caught by name."""

from __future__ import annotations

import copy

import pytest

from decision_tree import TreeError
from decision_tree.model import build_tree, load_sources, load_tree
from decision_tree.validation import check, validate


def test_the_real_tree_is_valid():
    assert validate(load_tree()) == []
    check(load_tree())


def broken(mutate) -> list[str]:
    sources = copy.deepcopy(load_sources())
    mutate(sources)
    return validate(build_tree(sources))


def question(sources, question_id):
    return next(q for q in sources["tree.toml"]["questions"] if q["id"] == question_id)


def finding(sources, finding_id):
    return next(f for f in sources["tree.toml"]["findings"] if f["id"] == finding_id)


def route(sources, route_id):
    return next(r for r in sources["tree.toml"]["routes"] if r["id"] == route_id)


def option(sources, question_id, option_id):
    return next(o for o in question(sources, question_id)["options"] if o["id"] == option_id)


DEFECTS = {
    "missing English text": (
        lambda s: question(s, "eu-link")["text"].pop("en"),
        "question 'eu-link' text: missing en text",
    ),
    "empty French option label": (
        lambda s: option(s, "licence", "proprietary")["label"].update(fr=" "),
        "question 'licence' option 'proprietary': missing fr text",
    ),
    "unknown next question": (
        lambda s: option(s, "what-is-it", "ai-system").update(next="nowhere"),
        "'what-is-it:ai-system': leads to unknown node 'nowhere'",
    ),
    "cycle": (
        lambda s: question(s, "licence").update(next="use-area"),
        "cycle: use-area",
    ),
    "question no branch leads to": (
        lambda s: route(s, "public-route").update(next=[{"goto": "transparency-route"}]),
        "'public-nature': never reached from the start",
    ),
    "question no real path reaches": (
        lambda s: route(s, "public-route")["next"][0].update(when={"all": ["deployer", "gpai-provider"]}),
        "question 'public-nature': no path asks it",
    ),
    "unknown obligation": (
        lambda s: finding(s, "ai-literacy").update(obligations=["no-such-duty"]),
        "finding 'ai-literacy': unknown obligation 'no-such-duty'",
    ),
    "unknown verdict sentence": (
        lambda s: finding(s, "legacy-significant-change").update(why="no-such-sentence"),
        "finding 'legacy-significant-change': unknown verdict sentence 'no-such-sentence'",
    ),
    "verdict sentence for an unknown verdict": (
        lambda s: s["labels.toml"]["verdicts"]["why_finding"]["hobby-publication"].update({"rather-concerned": {"en": "-"}}),
        "verdict sentence 'hobby-publication': unknown verdict 'rather-concerned'",
    ),
    "unknown note": (
        lambda s: finding(s, "personal-use").update(notes=["nope"]),
        "finding 'personal-use': unknown note 'nope'",
    ),
    "citation to a missing article": (
        lambda s: question(s, "licence")["citations"].append("Art. 200"),
        "question 'licence': citation 'Art. 200' does not exist",
    ),
    "citation to a missing point": (
        lambda s: question(s, "licence")["citations"].append("Art. 5(1)(z)"),
        "question 'licence': citation 'Art. 5(1)(z)' does not exist",
    ),
    "malformed citation": (
        lambda s: question(s, "licence")["citations"].append("article fifty"),
        "question 'licence': citation 'article fifty' is not of a known form",
    ),
    "unknown fact in a condition": (
        lambda s: finding(s, "ai-literacy").update(when={"any": ["licence:gratis"]}),
        "finding 'ai-literacy': unknown fact 'licence:gratis'",
    ),
    "derived fact used before it is defined": (
        lambda s: s["tree.toml"]["derived"][0].update(when={"any": ["gpai-open"]}),
        "derived fact 'deployer': unknown fact 'gpai-open'",
    ),
    "conditional default branch": (
        lambda s: s["tree.toml"]["routes"][0]["next"][-1].update(when={"any": ["provider"]}),
        "'tool-origin-route': the last branch must have no condition",
    ),
    "option with its own next in a multiple-choice question": (
        lambda s: option(s, "deployer-uses", "deep-fakes").update(next="end"),
        "question 'deployer-uses': options of a multiple-choice question cannot have their own next",
    ),
    "finding that never holds": (
        lambda s: finding(s, "ai-literacy").update(when={"all": ["licence:proprietary", "what-is-it:rules-only"]}),
        "finding 'ai-literacy': holds on no path",
    ),
    "obligation used nowhere": (
        lambda s: s["obligations.toml"]["obligations"].append({**s["obligations.toml"]["obligations"][0], "id": "orphan"}),
        "obligation 'orphan': used by no finding",
    ),
    "unknown milestone": (
        lambda s: s["obligations.toml"]["obligations"][0].update({"from": "someday"}),
        "obligation 'ai-literacy': unknown milestone 'someday'",
    ),
    "articles for a role that does not owe the duty": (
        lambda s: s["obligations.toml"]["obligations"][0].update(role_citations={"importer": ["Art. 23"]}),
        "obligation 'ai-literacy': articles for 'importer', not one of the roles that owe it ('provider', 'deployer')",
    ),
    "a role's article that does not exist": (
        lambda s: s["obligations.toml"]["obligations"][0].update(role_citations={"deployer": ["Art. 26(99)"]}),
        "obligation 'ai-literacy': citation 'Art. 26(99)' does not exist",
    ),
    # Structural defects (kebab-case ids, text not a table, kind enums, empty conditions or
    # option lists, `reschedules` without `from`) are rejected by the schemas: test_schemas.py.
    "two options with one id": (
        lambda s: option(s, "licence", "proprietary").update(id="open-source-free"),
        "question 'licence': two options share an id",
    ),
    "finding defined twice": (
        lambda s: s["tree.toml"]["findings"].append({**finding(s, "ai-literacy")}),
        "finding 'ai-literacy': id must be unique",
    ),
    "verdict with no label": (
        lambda s: s["labels.toml"]["verdicts"]["label"].pop("concerned"),
        "verdict 'concerned': missing fr text",
    ),
    "affected verdict with no label": (
        lambda s: s["labels.toml"]["verdicts"]["why"].pop("protected"),
        "verdict 'protected' why: missing fr text",
    ),
    "affected scale missing a severity": (
        lambda s: s["labels.toml"]["verdicts"]["affected"]["from_severity"].pop("concerned"),
        "affected verdict scale: from_severity must map every verdict of the main scale",
    ),
    "affected scale of an unknown role": (
        lambda s: s["labels.toml"]["verdicts"]["affected"].update(role="bystander"),
        "affected verdict scale: unknown role 'bystander'",
    ),
    "a finding needing review without a note saying why": (
        lambda s: finding(s, "ai-literacy").update(review=True),
        "finding 'ai-literacy': needs review, but none of its notes is marked for review",
    ),
    "a note marked for review in a finding that needs none": (
        lambda s: finding(s, "unsure-area").update(review=False),
        "finding 'unsure-area': note 'unsure-area' is marked for review, but the finding does not need review",
    ),
    "a note of our reading shown as the law": (
        lambda s: s["labels.toml"]["notes"]["scientific-research"].update(kind="info"),
        "note 'scientific-research': shown as the law, but its fr text gives a reading: make it an analysis",
    ),
    "a right of the affected reader with a severity": (
        lambda s: next(o for o in s["obligations.toml"]["obligations"] if o["id"] == "affected-right-to-complain").update(
            severity="concerned"
        ),
        "obligation 'affected-right-to-complain': a right of the affected reader is no duty",
    ),
}


@pytest.mark.parametrize("defect", DEFECTS, ids=list(DEFECTS))
def test_each_defect_is_caught_and_named(defect):
    mutate, expected = DEFECTS[defect]
    problems = broken(mutate)
    assert any(expected in problem for problem in problems), problems


def test_structural_mistakes_fail_when_the_tree_is_built():
    sources = copy.deepcopy(load_sources())
    sources["tree.toml"]["questions"].append(copy.deepcopy(question(sources, "licence")))
    with pytest.raises(TreeError, match="question 'licence': defined twice"):
        build_tree(sources)
    sources = copy.deepcopy(load_sources())
    del question(sources, "licence")["why"]
    with pytest.raises(TreeError, match="question 'licence': malformed"):
        build_tree(sources)


def test_check_raises_with_every_problem_listed():
    sources = copy.deepcopy(load_sources())
    question(sources, "eu-link")["text"].pop("en")
    question(sources, "licence")["citations"].append("Art. 200")
    with pytest.raises(TreeError) as raised:
        check(build_tree(sources))
    assert "eu-link" in str(raised.value) and "Art. 200" in str(raised.value)
