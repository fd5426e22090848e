"""The browser bridge: JSON requests replayed through the engine, errors as reader messages, and
a reply for every request whatever it holds."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_tree.bridge import handle
from support import PRIVATE, token_of

TODAY = "2026-11-28"


def call(**request):
    return json.loads(handle(json.dumps({"lang": "en", "today": TODAY, **request})))


def test_view_of_a_new_assessment_is_the_first_question():
    reply = call(op="view", token="")
    assert reply["ok"] and reply["token"] == "" and reply["view"]["id"] == "what-is-it"


def test_answer_back_and_revisit_move_the_token():
    reply = call(op="answer", token="", choice=["ai-system"])
    assert reply["token"].endswith(".what-is-it:ai-system") and reply["view"]["id"] == "who-are-you"
    back = call(op="back", token=reply["token"])
    assert back["view"]["id"] == "what-is-it" and back["view"]["selected"] == ["ai-system"]
    assert back["token"].endswith(".~what-is-it:ai-system")
    revisited = call(op="revisit", token=token_of(PRIVATE), step=3)
    assert revisited["view"]["id"] == "exclusive-purpose" and revisited["view"]["selected"] == ["none"]
    assert call(op="answer", token=revisited["token"], choice=["none"])["view"]["kind"] == "result"  # later answers kept


def test_the_browsers_back_to_an_earlier_step_remembers_the_later_answers():
    later = token_of(PRIVATE)
    earlier = call(op="revisit", token=later, step=3)["token"].split(".~")[0]  # the step as first reached
    back = call(op="view", token=earlier, **{"from": later})
    assert back["view"]["id"] == "exclusive-purpose" and back["view"]["selected"] == ["none"]
    assert back["token"] == call(op="revisit", token=later, step=3)["token"]
    assert call(op="view", token="", **{"from": later})["view"]["selected"] == ["ai-system"]  # to the first question
    # Forward, another path, or an altered link left behind: the step as it is.
    assert call(op="view", token=later, **{"from": earlier})["token"] == later
    assert call(op="view", token=earlier, **{"from": token_of({**PRIVATE, "what-is-it": "dont-know"})})["token"] == earlier
    assert call(op="view", token=earlier, **{"from": "not-a-token"})["token"] == earlier


def test_finished_token_gives_the_result_and_its_markdown():
    reply = call(op="markdown", token=token_of(PRIVATE), share_url="https://example.org/en/self-assessment/#eval=x")
    assert reply["view"]["kind"] == "result" and reply["view"]["verdict"]["id"] == "not-concerned"
    assert reply["markdown"].startswith("## Local AI and the AI Act – Verdict: Not concerned")


@pytest.mark.parametrize(
    ("request_", "code"),
    [
        ({"op": "view", "token": "1.bogus"}, "bad-token"),
        ({"op": "view", "token": "not a token"}, "bad-token"),
        ({"op": "answer", "token": "", "choice": ["bogus"]}, "unknown-option"),
        ({"op": "answer", "token": "", "choice": {"not": "a list"}}, "bad-selection"),
        ({"op": "markdown", "token": ""}, "not-finished"),
        ({"op": "explode", "token": ""}, "bad-request"),
        ({"op": "revisit", "token": "", "step": "two"}, "bad-request"),
        ({"op": "view", "token": 42}, "bad-token"),
        ({"op": "view", "token": "", "today": "yesterday"}, "bad-request"),
    ],
)
def test_errors_come_back_as_messages_in_the_readers_language(request_, code):
    reply = call(**request_)
    assert reply["ok"] is False and reply["error"]["code"] == code and reply["error"]["message"]
    french = json.loads(handle(json.dumps({"today": TODAY, **request_, "lang": "fr"})))
    assert french["error"]["message"] != reply["error"]["message"]


@pytest.mark.parametrize("raw", ["", "not json", "[]", "42", "null", '"view"', '{"op": "view"}', "{" * 10000])
def test_a_request_that_is_not_a_json_object_gets_an_error_reply(raw):
    reply = json.loads(handle(raw))
    assert reply["ok"] is False and reply["error"]["code"] in ("bad-request", "internal")


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["op", "lang", "token", "today", "choice", "step", "share_url"]),
        st.none() | st.booleans() | st.integers() | st.text(max_size=50) | st.lists(st.text(max_size=10), max_size=3),
    )
)
def test_any_request_gets_a_reply(request_):
    reply = json.loads(handle(json.dumps(request_)))
    assert isinstance(reply["ok"], bool)
    if not reply["ok"]:
        assert reply["error"]["message"]


def test_a_question_comes_with_the_engines_answer_to_each_option():
    reply = call(op="view", token=call(op="answer", token="", choice=["ai-system"])["token"])
    ahead = reply["ahead"]
    assert list(ahead) == [option["id"] for option in reply["view"]["options"]]
    for option_id, step in ahead.items():
        assert step == {key: call(op="answer", token=reply["token"], choice=[option_id])[key] for key in ("token", "view")}
    assert call(op="view", token=token_of(PRIVATE))["ahead"] == {}  # a result has nothing ahead
