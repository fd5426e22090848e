"""Share tokens: round trip, answers keyed by question, older links on a changed tree, bad input."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest

from decision_tree import AssessmentError, engine, share, views
from decision_tree.bridge import handle
from decision_tree.model import END, load_tree
from decision_tree.paths import follow_answers
from support import CHATBOT_VENDOR, CREDIT_SCORING, OFFICE_USE, PRIVATE, START, TODAY, golden_cases, partial, state_of, token_of
from tree_copies import bump_token_format, insert_team_size_question, tree_from

GOLDEN = golden_cases()

# The summary page's links as they were in format 1 (answers by position): they live on in
# forums and must keep opening with the verdict the page gave them.
FORMAT_1_LINKS = [
    ("1.ai-system.in-scope.none.organisation.build-for-others.none.general-purpose.yes.yes-new.open-source-free", "concerned"),
    ("1.ai-system.in-scope.none.organisation.build-for-others.none.general-purpose.yes.yes-new.proprietary", "concerned"),
    ("1.ai-system.in-scope.none.organisation.build-own-use.none.general-purpose.yes.yes-new.none", "concerned"),
    ("1.ai-system.in-scope.none.organisation.model-work.modify.over-one-third.open-weights.in-eu.from-2025-08-02", "concerned"),
    ("1.ai-system.in-scope.none.organisation.model-work.modify.under-one-third", "not-concerned"),
    (
        "1.ai-system.in-scope.none.organisation.use-ready-made.none.employment.recruitment.dedicated.profiles-people.neither.none",
        "strongly-concerned",
    ),
    (
        "1.ai-system.in-scope.none.organisation.use-ready-made.none.essential-services.credit-scoring.dedicated.profiles-people.neither.none",
        "strongly-concerned",
    ),
    (
        "1.ai-system.in-scope.none.organisation.use-ready-made.none.essential-services.emergency-triage.dedicated.decides-or-recommends.public-service-provider.none",
        "strongly-concerned",
    ),
    ("1.ai-system.in-scope.none.organisation.use-ready-made.none.essential-services.none.none", "weakly-concerned"),
    (
        "1.ai-system.in-scope.none.organisation.use-ready-made.none.essential-services.public-benefits.dedicated.decides-or-recommends.public-body.none",
        "strongly-concerned",
    ),
    ("1.ai-system.in-scope.none.organisation.use-ready-made.none.general-purpose.none", "weakly-concerned"),
    ("1.ai-system.in-scope.none.private-person.use-only", "not-concerned"),
]


def test_round_trip_gives_the_same_state():
    for answers in (PRIVATE, CHATBOT_VENDOR, CREDIT_SCORING, OFFICE_USE):
        state = state_of(answers, "fr")
        assert share.decode(share.encode(state), "fr") == state


def test_a_token_names_each_answers_question_and_is_url_safe():
    token = token_of(OFFICE_USE)
    version, basis, *answers = token.split(".")
    assert version == str(load_tree().token_version) and basis == "2026-07-27"
    assert answers[:2] == ["what-is-it:ai-system", "who-are-you:organisation"]
    assert quote(token, safe=":+~") == token
    assert share.encode(engine.start("en")) == f"{load_tree().token_version}.2026-07-27"
    several = share.encode(
        engine.answer(
            partial({k: v for k, v in OFFICE_USE.items() if k != "deployer-uses"}), ["deep-fakes", "public-interest-text"]
        )
    )
    assert several.endswith(".deployer-uses:deep-fakes+public-interest-text")


def test_order_in_the_token_does_not_matter_but_the_tree_does():
    version, basis, *answers = token_of(PRIVATE).split(".")
    shuffled = ".".join([version, basis, *reversed(answers)])
    assert share.decode(shuffled, "en") == state_of(PRIVATE)


def test_partial_tokens_resume_mid_assessment():
    token = share.encode(partial({**START, "who-are-you": "organisation"}))
    assert engine.current_node(share.decode(token, "en")) == "activity"
    assert not share.decode(token, "en").questions_changed


def test_remembered_answers_survive_in_the_link():
    editing = engine.revisit(state_of(CREDIT_SCORING), 4)
    token = share.encode(editing)
    assert ".~activity:use-ready-made." in token
    assert share.decode(token, "en") == editing
    assert views.question_view(share.decode(token, "en"))["selected"] == ["use-ready-made"]


# Questions those links meet that their paths did not ask in format 1 (added to the tree since,
# or asked on more paths: model-scale of a modifier above the indicator), with the answer that
# fits the summary row: the link opens at the question ("the questions have changed") and, once
# it is answered, replays the rest of its answers.
ASKED_SINCE_FORMAT_1: dict[str, str] = {
    "generates-realistic-people": "no",
    "gpai-integration": "yes",
    "high-risk-legacy": "no",
    "model-scale": "general-purpose",
}


@pytest.mark.parametrize(("token", "verdict"), FORMAT_1_LINKS)
def test_format_1_links_keep_opening_with_the_same_verdict(token, verdict):
    state = share.decode(token, "en")
    assert state.link_basis is None
    # the opened link says so when it stops at a question added since (answering starts a fresh state)
    assert state.questions_changed is (engine.current_node(state) != END)
    while (node := engine.current_node(state)) != END:
        assert node in ASKED_SINCE_FORMAT_1, f"the link stops at {node!r}, which its path did not ask in format 1"
        state = engine.answer(state, ASKED_SINCE_FORMAT_1[node])
    assert views.result(state, TODAY)["verdict"]["id"] == verdict
    assert share.decode(share.encode(state), "en") == state  # reopened in the current format


def test_answers_that_no_longer_exist_are_dropped_and_said():
    version, basis, *answers = token_of(PRIVATE).split(".")
    retired = ".".join([version, basis, "retired-question:yes", *answers[:1], "who-are-you:retired-option", *answers[2:]])
    state = share.decode(retired, "en")
    assert state.questions_changed and engine.current_node(state) == "who-are-you"
    view = views.question_view(state)
    assert [notice["id"] for notice in view["notices"]] == ["questions-changed"]
    assert engine.current_node(engine.answer(state, "private-person")) == END  # the rest replays


def test_a_link_made_under_another_legal_basis_says_so():
    version, _, *answers = token_of(PRIVATE).split(".")
    state = share.decode(".".join([version, "2026-01-15", *answers]), "fr")
    result = views.result(state, TODAY)
    assert result["verdict"]["id"] == "not-concerned"
    assert [notice["id"] for notice in result["notices"]] == ["basis-changed"]
    assert "15 janvier 2026" in result["notices"][0]["text"] and "27 juillet 2026" in result["notices"][0]["text"]


def test_a_new_format_and_an_inserted_question_keep_old_links_and_the_site_working():
    """The groundwork's proof: bump the format and insert a question in a copy of the data."""
    old_links = {case["id"]: share.encode(follow_answers(case["answers"], "en")) for case in GOLDEN}
    real = {case["id"]: views.result(follow_answers(case["answers"], "en"), TODAY)["verdict"]["id"] for case in GOLDEN}
    with tree_from(lambda sources: (insert_team_size_question(sources), bump_token_format(sources))) as tree:
        call = lambda **request: json.loads(handle(json.dumps({"lang": "en", "today": TODAY.isoformat(), **request})))  # noqa: E731
        first = call(op="view", token="")
        assert first["ok"] and first["token"] == "" and first["view"]["id"] == "what-is-it"  # the page's first view
        clicked = call(op="answer", token="", choice=["ai-system"])  # the reader's first click
        assert clicked["ok"] and clicked["token"].startswith(f"{tree.token_version}.") and clicked["view"]["id"] == "who-are-you"
        assert clicked["ahead"]["organisation"]["view"]["id"] == "eu-link"
        assert call(op="view", token="")["view"]["id"] == "what-is-it"  # "start again"
        for case in GOLDEN:
            state, _ = engine.replay(
                "en", {q: (c,) if isinstance(c, str) else tuple(c) for q, c in case["answers"].items()}, tree=tree
            )
            if engine.current_node(state, tree) == "team-size":
                state = engine.answer(state, "small", tree)
            assert views.result(state, TODAY, tree)["verdict"]["id"] == real[case["id"]], case["id"]
            reopened = share.decode(old_links[case["id"]], "en", tree)  # a link made before the change
            if engine.current_node(reopened, tree) == "team-size":
                assert reopened.questions_changed
                reopened = engine.answer(reopened, "large", tree)
            assert views.result(reopened, TODAY, tree)["verdict"]["id"] == real[case["id"]], case["id"]
        for token, verdict in FORMAT_1_LINKS:
            state = share.decode(token, "en", tree)
            while (node := engine.current_node(state, tree)) != END:
                state = engine.answer(state, {"team-size": "small", **ASKED_SINCE_FORMAT_1}[node], tree)
            assert views.result(state, TODAY, tree)["verdict"]["id"] == verdict, token


def test_no_code_writes_the_token_format_number():
    """The format lives in meta.toml: no script, page script or test writes a current token."""
    root = Path(__file__).resolve().parents[1]
    version = load_tree().token_version
    literal = re.compile(rf"""["'`=]{version}\.(20\d\d-\d\d-\d\d|[a-z])""")
    sources = [
        *root.glob("docs/assets/**/*.js"),
        *root.glob("docs/assets/**/*.mjs"),
        *root.glob("scripts/**/*.py"),
        *root.glob("scripts/**/*.mjs"),
        *root.glob("tests/**/*.py"),
        *root.glob("decision_tree/**/*.py"),
    ]
    offenders = [str(path.relative_to(root)) for path in sources if literal.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


@pytest.mark.parametrize(
    "token",
    [
        # format 1 (by position), read through its frozen routing
        "",
        "hello",
        "1.ai-system.in-scope.nonsense",
        "1.ai-system.rules-only",
        "1.rules-only.in-scope",
        "1..ai-system",
        "1.AI-SYSTEM",
        "1.ai-system/../../etc",
        "1." + "a" * 5000,
        "0",
        "1.ai-system.in-scope.none.organisation.use-ready-made.none.general-purpose.none+deep-fakes",
        # the current format: {v} is its number
        "{v}.2026-07-27.what-is-it.who-are-you:organisation",
        "{v}.2026-13-45.what-is-it:ai-system",
        "{v}.2026-07-27.what-is-it:ai-system.what-is-it:rules-only",
        "{v}.2026-07-27.~what-is-it:ai-system.eu-link:in-scope",
        "{v}.2026-07-27.what-is-it:<b>.who-are-you:organisation",
        "{v}.what-is-it:ai-system",
        "{later}.2026-07-27.what-is-it:ai-system",  # a format this version does not know yet
    ],
)
def test_tampered_tokens_raise_a_clear_error(token):
    version = load_tree().token_version
    with pytest.raises(AssessmentError) as raised:
        share.decode(token.format(v=version, later=version + 1), "en")
    assert raised.value.code == "bad-token"


def test_a_link_cut_off_keeps_the_answers_before_the_cut_and_says_so():
    """A link pasted short, its last answer cut (the commonest damage): the answers before it are
    kept, the question of the cut one is asked, with the notice of answers that no longer match."""
    token, finished = token_of(CREDIT_SCORING), state_of(CREDIT_SCORING)
    last = token.rindex(":")
    for cut in (token[: last + 1], token[: last - 3], token[: token.rindex(".") + 4]):
        state = share.decode(cut, "en")
        assert state.answers == finished.answers[:-1] and state.questions_changed, cut
        assert [notice["id"] for notice in views.question_view(state)["notices"]] == ["questions-changed"]
    assert not share.decode(token, "en").questions_changed


def test_surrounding_whitespace_is_ignored():
    assert share.decode(f"  {token_of(PRIVATE)}\n", "en") == state_of(PRIVATE)


def test_today_does_not_change_a_decoded_state():
    assert views.result(share.decode(token_of(PRIVATE), "en"), date(2030, 1, 1))["verdict"]["id"] == "not-concerned"
