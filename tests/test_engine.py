"""Engine and views: moving through the tree, remembered answers, outcomes, dates and errors."""

from __future__ import annotations

from datetime import date

import pytest

from decision_tree import AssessmentError, engine, share, views
from decision_tree.model import END, load_tree
from support import AFFECTED, CHATBOT_VENDOR, CREDIT_SCORING, OFFICE_PREFIX, PRIVATE, TODAY, partial, result_of, state_of


def test_start_shows_the_first_question_in_each_language():
    fr = views.question_view(engine.start("fr"))
    en = views.question_view(engine.start("en"))
    assert fr["id"] == en["id"] == "what-is-it"
    assert fr["text"] == "Qu'évaluez-vous ?" and en["text"] == "What are you assessing?"
    assert [o["id"] for o in fr["options"]] == [o["id"] for o in en["options"]]
    assert fr["citations"][0]["url"].startswith("https://eur-lex.europa.eu/legal-content/FR/")
    assert en["progress"]["answered"] == 0 and en["progress"]["at_most"] > 5
    assert not en["can_go_back"] and en["selected"] == [] and en["notices"] == []


def test_answer_moves_on_and_back_returns_remembering_the_answer():
    state = engine.answer(engine.start("en"), "ai-system")
    assert views.question_view(state)["id"] == "who-are-you"
    assert views.question_view(state)["can_go_back"]
    previous = engine.back(state)
    assert previous.answers == () and previous.remembered == (("what-is-it", ("ai-system",)),)
    assert views.question_view(previous)["selected"] == ["ai-system"]
    assert engine.back(engine.start("en")) == engine.start("en")


def test_changing_an_earlier_answer_keeps_the_later_ones_that_still_apply():
    """Edit answer 5 of a finished path: answers 6 onwards are replayed while the new path asks
    their questions; the first question the old path did not ask is where the reader lands."""
    finished = state_of(CREDIT_SCORING)
    editing = engine.revisit(finished, 4)
    assert engine.current_node(editing) == "activity"
    assert views.question_view(editing)["selected"] == ["use-ready-made"]
    same = engine.answer(editing, "use-ready-made")
    assert same.answers == finished.answers and same.remembered == ()
    changed = engine.answer(editing, "build-own-use")
    assert [question for question, _ in changed.answers][-3:] == ["decision-role", "public-nature", "high-risk-legacy"]
    assert engine.current_node(changed) == "interaction"  # asked of a provider, never answered before
    assert ("tool-origin", ("dedicated",)) in changed.remembered


def test_reaching_the_end_forgets_what_was_remembered():
    editing = engine.revisit(state_of(CREDIT_SCORING), 1)
    private = engine.answer(engine.answer(editing, "private-person"), "use-only")  # the Union link and purpose reused
    assert engine.current_node(private) == END and private.remembered == ()


def test_progress_upper_bound_shrinks_as_questions_end():
    state, bounds = engine.start("en"), []
    while engine.current_node(state) != END:
        view = views.question_view(state)
        bounds.append(view["progress"]["at_most"])
        assert view["progress"]["answered"] < view["progress"]["at_most"]
        state = engine.answer(state, CHATBOT_VENDOR[view["id"]])
    assert len(bounds) == len(CHATBOT_VENDOR) and bounds == sorted(bounds, reverse=True)  # an upper bound never grows


def test_view_switches_to_the_result_at_the_end():
    assert engine.current_node(state_of(CHATBOT_VENDOR)) == END
    assert views.view(state_of(CHATBOT_VENDOR), TODAY)["kind"] == "result"
    assert views.view(engine.start("en"), TODAY)["kind"] == "question"


def test_outcome_is_ids_and_the_result_words_it():
    outcome = engine.outcome(state_of(CHATBOT_VENDOR))
    assert outcome.verdict == "concerned" and outcome.roles == ("provider", "downstream-provider")
    assert outcome.obligations == (
        ("ai-literacy", "chapters-i-ii"),
        ("transparency-interaction", "general-application"),
        ("transparency-marking", "general-application"),
    )
    assert outcome.decisive == ("Art. 50(1)", "Art. 50(2)")
    result = result_of(CHATBOT_VENDOR)
    assert result["verdict"]["id"] == "concerned" and result["verdict"]["label"] == "Concerned"
    assert result["verdict"]["why"].startswith("Specific duties apply to your role")
    assert [role["reason"] for role in result["roles"]][0].startswith("You develop an AI system")
    assert [c["label"] for c in result["decisive"]] == ["Art. 50(1)", "Art. 50(2)"]
    marking = result["obligations"][2]
    assert marking["holder"]["id"] == "provider"
    assert marking["citations"][0] == {
        "ref": "Art. 50(2)",
        "label": "Art. 50(2)",
        "url": "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02024R1689-20260727#art_50",
    }
    assert len(result["answers"]) == len(CHATBOT_VENDOR)
    assert result["legal_basis"]["as_of"] == "2026-07-27"
    assert result["legal_basis"]["line"] == (
        "Legal basis: Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744, "
        "as of 27 July 2026, reviewed on 1 December 2026."
    )


def test_a_role_says_why_the_reader_holds_it_in_this_situation():
    own = {**CHATBOT_VENDOR, "activity": "build-own-use", "deployer-uses": ["none"]}
    own.pop("licence")
    roles = {role["id"]: role["reason"] for role in result_of(own)["roles"]}
    assert roles["provider"].startswith("You build your own AI system, or have it made, or receive it from a vendor")
    assert roles["deployer"].startswith("You use that system yourself") and roles["deployer"].endswith("as well as its provider.")


def test_the_decisive_provision_of_a_high_risk_use_is_its_annex_point():
    assert [c["ref"] for c in result_of(CREDIT_SCORING)["decisive"]] == ["Art. 6(2)", "Annex III(5)(b)"]
    assert [c["label"] for c in result_of(CREDIT_SCORING, "fr")["decisive"]] == ["art. 6, paragraphe 2", "annexe III, point 5 b)"]
    assert [c["ref"] for c in result_of(PRIVATE)["decisive"]] == ["Art. 2(10)"]


def test_dates_are_written_one_way_per_language_and_say_since_or_from():
    before = result_of(CHATBOT_VENDOR, today=date(2026, 8, 1))["obligations"][1]["applies"]
    on_the_day = result_of(CHATBOT_VENDOR, today=date(2026, 8, 2))["obligations"][1]["applies"]
    assert before["status"] == "from" and before["text"] == "applies from 2 August 2026"
    assert on_the_day["status"] == "since" and on_the_day["text"] == "applies since 2 August 2026"
    french = result_of(CHATBOT_VENDOR, "fr", date(2026, 8, 1))
    assert french["obligations"][1]["applies"]["text"] == "s'applique à partir du 2 août 2026"
    assert "version du 27 juillet 2026, vérifiée le 1er décembre 2026" in french["legal_basis"]["line"]
    from decision_tree.wording import format_date

    assert format_date(date(2026, 8, 1), "fr") == "1er août 2026" and format_date(date(2026, 8, 1), "en") == "1 August 2026"


def test_moved_dates_keep_the_original_date():
    deployer = next(o for o in result_of(CREDIT_SCORING)["obligations"] if o["id"] == "high-risk-deployer")
    assert deployer["applies"]["date"] == "2027-12-02"
    assert deployer["applies"]["original_date"] == "2026-08-02"


def test_multiple_choice_answers_are_kept_in_option_order():
    state = engine.answer(partial(OFFICE_PREFIX), ["public-interest-text", "deep-fakes"])
    assert state.answers[-1] == ("deployer-uses", ("deep-fakes", "public-interest-text"))


@pytest.mark.parametrize(
    ("answers", "choice", "code"),
    [
        ({}, "no-such-option", "unknown-option"),
        ({}, ["ai-system", "rules-only"], "bad-selection"),
        ({}, [], "bad-selection"),
        (OFFICE_PREFIX, ["none", "deep-fakes"], "bad-selection"),
        (OFFICE_PREFIX, ["deep-fakes", "deep-fakes"], "bad-selection"),
        ({"what-is-it": "rules-only"}, "ai-system", "finished"),
    ],
)
def test_invalid_answers_raise_one_clear_error(answers, choice, code):
    with pytest.raises(AssessmentError) as raised:
        engine.answer(partial(answers), choice)
    assert raised.value.code == code


def test_result_before_the_end_and_unknown_language_are_errors():
    with pytest.raises(AssessmentError, match="not-finished"):
        views.result(engine.start("en"), TODAY)
    with pytest.raises(AssessmentError, match="finished"):
        views.question_view(partial({"what-is-it": "rules-only"}))
    with pytest.raises(AssessmentError, match="unknown-language"):
        engine.start("de")


def test_every_error_code_has_a_message_in_every_language():
    tree = load_tree()
    for code in (
        "bad-token",
        "bad-request",
        "internal",
        "unknown-option",
        "bad-selection",
        "finished",
        "not-finished",
        "unknown-language",
        "unanswered",
    ):
        assert all(tree.errors[code][lang] for lang in tree.languages), code


def test_the_engine_is_deterministic_and_leaves_its_input_alone():
    state = share.decode(share.encode(state_of(CHATBOT_VENDOR)), "fr")
    first, second = views.result(state, TODAY), views.result(state, TODAY)
    assert first == second
    first["obligations"].clear()
    first["roles"][0]["citations"][0]["label"] = "changed"
    assert views.result(state, TODAY) == second


def test_an_affected_reader_gets_the_affected_scale_read_from_the_duties_others_owe():
    """The same severities give the operator's verdict to a provider or deployer, and the affected
    scale to a reader affected by someone else's AI; the reader's own rights never raise it."""
    tree = load_tree()
    role = tree.affected.role
    assert engine.verdict_of("strongly-concerned", ("deployer",), tree) == "strongly-concerned"
    assert engine.verdict_of("strongly-concerned", (role,), tree) == "protected"
    assert engine.verdict_of("concerned", (role,), tree) == "protected"
    assert engine.verdict_of("weakly-concerned", (role,), tree) == "not-regulated"
    assert engine.verdict_of("not-concerned", (role,), tree) == "not-regulated"
    assert engine.verdict_of("prohibited", (role,), tree) == "prohibited-use"
    outcome = engine.outcome(state_of({**AFFECTED, "affected-situation": "no-decision"}), tree)
    assert outcome.verdict == "not-regulated" and outcome.obligations == (("affected-right-to-complain", "general-application"),)
    assert tree.obligations["affected-right-to-complain"].holder == role
