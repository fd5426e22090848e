"""Share tokens: round trip, readability, and clear errors for tampered or stale links."""

from __future__ import annotations

import pytest

from decision_tree import AssessmentError, engine, share

TOKEN = "1.ai-system.in-scope.none.organisation.use-ready-made.none.general-purpose.deep-fakes+public-interest-text"


def test_round_trip_gives_the_same_state():
    state = share.decode(TOKEN, "fr")
    assert share.encode(state) == TOKEN
    assert share.decode(share.encode(state), "fr") == state


def test_a_token_is_url_safe_and_carries_no_question_text():
    from urllib.parse import quote

    assert quote(TOKEN, safe="") .replace("%2B", "+") == TOKEN
    assert share.encode(engine.start("en")) == "1"


def test_partial_tokens_resume_mid_assessment():
    state = share.decode("1.ai-system.in-scope", "en")
    assert engine.question_view(state)["id"] == "exclusive-purpose"


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("", "bad-token"),
        ("hello", "bad-token"),
        ("1.ai-system.in-scope.nonsense", "bad-token"),
        ("1.ai-system.rules-only", "bad-token"),
        ("1.rules-only.in-scope", "bad-token"),
        ("1..ai-system", "bad-token"),
        ("1.AI-SYSTEM", "bad-token"),
        ("1.ai-system/../../etc", "bad-token"),
        ("1." + "a" * 3000, "bad-token"),
        ("1.ai-system.in-scope.none.organisation.use-ready-made.none.general-purpose.none+deep-fakes", "bad-token"),
        ("2.ai-system", "stale-token"),
        ("0", "stale-token"),
    ],
)
def test_tampered_or_stale_tokens_raise_a_clear_error(token, code):
    with pytest.raises(AssessmentError) as raised:
        share.decode(token, "en")
    assert raised.value.code == code


def test_surrounding_whitespace_is_ignored():
    assert share.decode(f"  {TOKEN}\n", "en") == share.decode(TOKEN, "en")
