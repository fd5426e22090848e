"""Engine: moving through the tree, results, dates and errors."""

from __future__ import annotations

from datetime import date

import pytest

from support import TODAY, result_of
from decision_tree import AssessmentError, engine, share
from decision_tree.model import END

CHATBOT = "1.ai-system.in-scope.none.organisation.build-for-others.none.general-purpose.yes.yes-new.proprietary"


def test_start_shows_the_first_question_in_each_language():
    fr = engine.question_view(engine.start("fr"))
    en = engine.question_view(engine.start("en"))
    assert fr["id"] == en["id"] == "what-is-it"
    assert fr["text"] == "Qu'évaluez-vous ?" and en["text"] == "What are you assessing?"
    assert [o["id"] for o in fr["options"]] == [o["id"] for o in en["options"]]
    assert fr["citations"][0]["url"].startswith("https://eur-lex.europa.eu/legal-content/FR/")
    assert en["progress"]["answered"] == 0 and en["progress"]["at_most"] > 5
    assert not en["can_go_back"]


def test_answer_moves_on_and_back_returns():
    state = engine.answer(engine.start("en"), "ai-system")
    assert engine.question_view(state)["id"] == "eu-link"
    assert engine.question_view(state)["can_go_back"]
    assert engine.back(state) == engine.start("en")
    assert engine.back(engine.start("en")) == engine.start("en")


def test_progress_upper_bound_shrinks_as_questions_end():
    state = engine.start("en")
    bounds = []
    for choice in CHATBOT.split(".")[1:]:
        view = engine.question_view(state)
        bounds.append(view["progress"]["at_most"])
        assert view["progress"]["answered"] < view["progress"]["at_most"]
        state = engine.answer(state, choice)
    assert bounds == sorted(bounds, reverse=True)  # an upper bound never grows


def test_view_switches_to_the_result_at_the_end():
    state = share.decode(CHATBOT, "en")
    assert engine.current_node(state) == END
    assert engine.view(state, TODAY)["kind"] == "result"
    assert engine.view(engine.start("en"), TODAY)["kind"] == "question"


def test_result_lists_verdict_roles_obligations_and_answers():
    result = result_of(CHATBOT)
    assert result["verdict"] == {"id": "concerned", "label": "Concerned"}
    assert [role["id"] for role in result["roles"]] == ["provider", "downstream-provider"]
    assert [o["id"] for o in result["obligations"]] == ["ai-literacy", "transparency-interaction", "transparency-marking"]
    marking = result["obligations"][2]
    assert marking["holder"]["id"] == "provider"
    assert marking["citations"][0] == {
        "ref": "Art. 50(2)",
        "label": "Art. 50(2)",
        "url": "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02024R1689-20260727#art_50",
    }
    assert len(result["answers"]) == len(CHATBOT.split(".")) - 1
    assert result["legal_basis"] == {
        "as_of": "2026-07-27",
        "reviewed_on": "2026-11-28",
        "label": "Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744",
    }


def test_dates_say_since_or_from_relative_to_the_day_computed():
    before = result_of(CHATBOT, today=date(2026, 8, 1))["obligations"][1]["applies"]
    on_the_day = result_of(CHATBOT, today=date(2026, 8, 2))["obligations"][1]["applies"]
    assert before["status"] == "from" and before["text"] == "applies from 2 August 2026"
    assert on_the_day["status"] == "since" and on_the_day["text"] == "applies since 2 August 2026"
    french = result_of(CHATBOT, "fr", date(2026, 8, 1))["obligations"][1]["applies"]
    assert french["text"] == "s'applique à partir du 2 août 2026"


def test_moved_dates_keep_the_original_date():
    credit = "1.ai-system.in-scope.none.organisation.use-ready-made.none.essential-services.credit-scoring.dedicated.profiles-people.neither.none"
    deployer = next(o for o in result_of(credit)["obligations"] if o["id"] == "high-risk-deployer")
    assert deployer["applies"]["date"] == "2027-12-02"
    assert deployer["applies"]["original_date"] == "2026-08-02"


def test_multiple_choice_answers_are_kept_in_option_order():
    prefix = "1.ai-system.in-scope.none.organisation.use-ready-made.none.general-purpose"
    state = engine.answer(share.decode(prefix, "en"), ["public-interest-text", "deep-fakes"])
    assert state.answers[-1] == ("deployer-uses", ("deep-fakes", "public-interest-text"))


@pytest.mark.parametrize(
    ("prefix", "choice", "code"),
    [
        ("1", "no-such-option", "unknown-option"),
        ("1", ["ai-system", "rules-only"], "bad-selection"),
        ("1", [], "bad-selection"),
        ("1.ai-system.in-scope.none.organisation.use-ready-made.none.general-purpose", ["none", "deep-fakes"], "bad-selection"),
        ("1.ai-system.in-scope.none.organisation.use-ready-made.none.general-purpose", ["deep-fakes", "deep-fakes"], "bad-selection"),
        ("1.rules-only", "ai-system", "finished"),
    ],
)
def test_invalid_answers_raise_one_clear_error(prefix, choice, code):
    state = share.decode(prefix, "en")
    with pytest.raises(AssessmentError) as raised:
        engine.answer(state, choice)
    assert raised.value.code == code


def test_result_before_the_end_and_unknown_language_are_errors():
    with pytest.raises(AssessmentError, match="not-finished"):
        engine.result(engine.start("en"), TODAY)
    with pytest.raises(AssessmentError, match="finished"):
        engine.question_view(share.decode("1.rules-only", "en"))
    with pytest.raises(AssessmentError, match="unknown-language"):
        engine.start("de")


def test_every_error_code_has_a_message_in_both_languages():
    from decision_tree.model import load_tree

    for code in ("bad-token", "stale-token", "unknown-option", "bad-selection", "finished", "not-finished", "unknown-language"):
        assert load_tree().errors[code]["fr"] and load_tree().errors[code]["en"]


def test_the_engine_is_deterministic_and_leaves_its_input_alone():
    state = share.decode(CHATBOT, "fr")
    first, second = engine.result(state, TODAY), engine.result(state, TODAY)
    assert first == second
    first["obligations"].clear()
    first["roles"][0]["citations"][0]["label"] = "changed"
    assert engine.result(state, TODAY) == second
