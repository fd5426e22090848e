"""The browser bridge: JSON requests replayed through the engine, errors as reader messages."""

from __future__ import annotations

import json

import pytest

from decision_tree.bridge import handle

TODAY = "2026-11-28"
PRIVATE = "1.ai-system.in-scope.none.private-person.use-only"


def call(**request):
    return json.loads(handle(json.dumps({"lang": "en", "today": TODAY, **request})))


def test_view_of_a_new_assessment_is_the_first_question():
    reply = call(op="view", token="")
    assert reply["ok"] and reply["token"] == "1" and reply["view"]["id"] == "what-is-it"


def test_answer_back_and_revisit_move_the_token():
    reply = call(op="answer", token="1", choice=["ai-system"])
    assert reply["token"] == "1.ai-system" and reply["view"]["id"] == "eu-link"
    assert call(op="back", token=reply["token"])["token"] == "1"
    assert call(op="revisit", token=PRIVATE, step=2)["view"]["id"] == "exclusive-purpose"


def test_finished_token_gives_the_result_and_its_markdown():
    reply = call(op="markdown", token=PRIVATE, share_url="https://example.org/en/self-assessment/#" + PRIVATE)
    assert reply["view"]["kind"] == "result" and reply["view"]["verdict"]["id"] == "not-concerned"
    assert reply["markdown"].startswith("**Verdict:** Not concerned")


@pytest.mark.parametrize(
    ("request_", "code"),
    [
        ({"op": "view", "token": "1.bogus"}, "bad-token"),
        ({"op": "view", "token": "7.ai-system"}, "stale-token"),
        ({"op": "answer", "token": "1", "choice": ["bogus"]}, "unknown-option"),
        ({"op": "markdown", "token": "1"}, "not-finished"),
        ({"op": "explode", "token": "1"}, "bad-token"),
    ],
)
def test_errors_come_back_as_messages_in_the_readers_language(request_, code):
    reply = call(**request_)
    assert reply == {"ok": False, "error": {"code": code, "message": reply["error"]["message"]}}
    french = json.loads(handle(json.dumps({**request_, "lang": "fr", "today": TODAY})))
    assert french["error"]["message"] != reply["error"]["message"]


def test_a_question_comes_with_the_engines_answer_to_each_option():
    reply = call(op="view", token="1.ai-system")
    ahead = reply["ahead"]
    assert list(ahead) == [option["id"] for option in reply["view"]["options"]]
    for option_id, step in ahead.items():
        assert step == {key: call(op="answer", token="1.ai-system", choice=[option_id])[key] for key in ("token", "view")}
    assert call(op="view", token=PRIVATE)["ahead"] == {}  # a result has nothing ahead
