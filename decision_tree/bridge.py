"""JSON in, JSON out: the one entry point the browser calls (through Pyodide) and tests reuse.

The browser keeps only the share token; every call replays it, so the page can never hold a
state the engine did not produce. Requests:

    {"op": "view", "lang": "fr", "token": "1.ai-system", "today": "2026-11-28"}
    {"op": "answer", ..., "choice": ["in-scope"]}
    {"op": "back", ...}
    {"op": "revisit", ..., "step": 2}        back to the question of answer number `step` (0-based)
    {"op": "markdown", ..., "share_url": "https://.../#1.ai-system..."}

Replies: {"ok": true, "token": ..., "view": {...}, "ahead": {...}} (plus "markdown" for that
op), or {"ok": false, "error": {"code": ..., "message": <reader's language>}}. When the view
is a single-choice question, "ahead" maps each option to the token and view that answering
it gives, so the page can draw the next step in the frame of the click; it still confirms
with the engine afterwards.
"""

from __future__ import annotations

import json
from datetime import date

from . import engine, share
from .errors import AssessmentError
from .model import LANGUAGES, load_tree
from .render_result import to_markdown


def handle(request_json: str) -> str:
    request = json.loads(request_json)
    lang = request.get("lang") if request.get("lang") in LANGUAGES else "en"
    try:
        return json.dumps(_reply(request, lang), ensure_ascii=False)
    except AssessmentError as problem:
        message = load_tree().errors[problem.code][lang]
        return json.dumps({"ok": False, "error": {"code": problem.code, "message": message}}, ensure_ascii=False)


def _reply(request: dict, lang: str) -> dict:
    today = date.fromisoformat(request["today"])
    state = share.decode(request.get("token") or "1", lang)
    operation = request["op"]
    if operation == "answer":
        state = engine.answer(state, request["choice"])
    elif operation == "back":
        state = engine.back(state)
    elif operation == "revisit":
        state = engine.State(state.lang, state.answers[: int(request["step"])])
    elif operation not in ("view", "markdown"):
        raise AssessmentError("bad-token", f"unknown operation {operation!r}")
    reply = {"ok": True, "token": share.encode(state), "view": engine.view(state, today)}
    reply["ahead"] = _ahead(state, reply["view"], today)
    if operation == "markdown":
        if reply["view"]["kind"] != "result":
            raise AssessmentError("not-finished")
        reply["markdown"] = to_markdown(reply["view"], share_url=request.get("share_url"))
    return reply


def _ahead(state: engine.State, view: dict, today: date) -> dict:
    if view["kind"] != "question" or view["multiple"]:
        return {}
    following = {option["id"]: engine.answer(state, option["id"]) for option in view["options"]}
    return {
        option_id: {"token": share.encode(next_state), "view": engine.view(next_state, today)}
        for option_id, next_state in following.items()
    }
