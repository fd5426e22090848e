"""The steps shipped with the page (decision_tree.early) are the engine's own: for every shipped
step, the bridge's reply to the page's request gives the same token and view, and each listed
choice gives the token listed. Under Pyodide, the restored engine gives the same replies
(test_pyodide_parity.py)."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from decision_tree.bridge import handle
from decision_tree.early import DEPTH, early_steps
from decision_tree.model import load_tree
from decision_tree.render_widget import render_mount

TREE = load_tree()
LANGUAGES = list(TREE.languages)
DAYS = ["2026-01-01", "2027-08-02", "2031-12-31"]  # question views do not depend on the day


def ask(**request) -> dict:
    reply = json.loads(handle(json.dumps(request)))
    assert reply["ok"], reply
    return reply


@pytest.fixture(scope="module", params=LANGUAGES)
def shipped(request) -> tuple[str, dict]:
    return request.param, early_steps(request.param)


def test_every_shipped_step_is_the_engines_view_on_any_day(shipped):
    lang, early = shipped
    for token, (view, _) in early["steps"].items():
        for day in DAYS:
            reply = ask(op="view", lang=lang, token=token, today=day)
            assert reply["token"] == token
            # Written alike: the page compares the engine's confirmation with the step drawn as text.
            assert json.dumps(reply["view"]) == json.dumps(early["views"][view])


def test_every_shipped_choice_leads_where_the_engine_does(shipped):
    lang, early = shipped
    for token, (_, choices) in early["steps"].items():
        for choice, following in choices.items():
            reply = ask(op="answer", lang=lang, token=token, choice=choice.split("+"), today=DAYS[0])
            assert reply["token"] == following
            assert following in early["steps"]


def test_every_question_within_the_depth_is_shipped_and_no_result(shipped):
    lang, early = shipped
    views = early["views"]
    assert all(view["kind"] == "question" for view in views)
    # Breadth-first from the first question: every question reached within DEPTH answers is there.
    level, seen = [""], {""}
    for _ in range(DEPTH):
        following = []
        for token in level:
            view = views[early["steps"][token][0]]
            reply_ahead = ask(op="view", lang=lang, token=token, today=DAYS[0])["ahead"]
            if not view["multiple"]:
                expected = {option for option, step in reply_ahead.items() if step["view"]["kind"] == "question"}
                assert set(early["steps"][token][1]) == expected
            following += [step for step in early["steps"][token][1].values() if step not in seen]
        seen.update(following)
        level = following
    assert seen == set(early["steps"])


def test_the_page_carries_its_languages_steps():
    for lang in LANGUAGES:
        html = render_mount(lang, "./")
        found = re.search(r'<script type="application/json" class="dt-early">(.*?)</script>', html)
        assert json.loads(found.group(1).replace("<\\/", "</")) == early_steps(lang)
        # Small beside the page (it ships on every visit): counted as a host sends it, gzipped
        # (≈ 10.5 KB in French for 65 steps and 15 views once importers and distributors were asked;
        # ≈ 12.3 KB once the first questions' help covered employees, earnings and white labels).
        assert len(gzip.compress(found.group(1).encode())) < 13_000
