"""JSON in, JSON out: the one entry point the browser calls (through Pyodide) and tests reuse.

The browser keeps only the share token ("" before the first answer); every call replays it,
so the page can never hold a state the engine did not produce. Requests:

    {"op": "view", "lang": "fr", "token": "", "today": "2026-11-28"}
    {"op": "view", ..., "from": <token>}     the browser's Back: when `token` is an earlier step
                                             of `from`, its later answers are remembered
    {"op": "answer", ..., "choice": ["in-scope"]}
    {"op": "back", ...}
    {"op": "revisit", ..., "step": 2}        back to the question of answer number `step` (0-based)
    {"op": "markdown", ..., "share_url": "https://.../#eval=..."}
    {"op": "calendar", ..., "share_url": "https://.../#eval=..."}   the upcoming dates as .ics

Replies: {"ok": true, "token": ..., "view": {...}, "ahead": {...}}, or {"ok": false, "error":
{"code": ..., "message": <reader's language>}}. The reply's token is "" while nothing is
answered or remembered. When the view is a single-choice question, "ahead" maps each option to
the token and view that answering it gives, so the page can draw the next step in the frame of
the click; it still confirms with the engine afterwards.

When the view is a result (and only then: never inside "ahead"), the reply also carries what
the result screen draws besides the view:

    "details": {
        "alternatives": {...},        what decides the verdict (alternatives.what_decides)
        "open_answers": {...} | null, what each "I don't know" leaves open (alternatives.open_answers)
        "timeline_svg": "<svg…>",     the reader's dates as inline SVG, or null without obligations
        "calendar_events": 2,         how many events the calendar op would give (0: hide it)
    }

The result view itself groups its obligations for the card ("schedule": already applicable,
then each later date with how long until it, each by who owes them). The "markdown" op adds
"markdown" (the checklist, with the share link last); the "calendar" op adds "calendar":
{"text": <iCalendar, CRLF> or null, "filename": "….ics", "events": n, "message": <why there is
no file> or null}. Both answer "not-finished" before the result.

`handle` is total: whatever the request (not JSON, not an object, wrong types, a bug), it
returns an error reply rather than raising.
"""

from __future__ import annotations

import json
from datetime import date

from . import engine, share, views
from .alternatives import open_answers, what_decides
from .errors import AssessmentError
from .model import load_tree
from .render_calendar import filename, to_ics, upcoming
from .render_result import to_markdown
from .render_timeline import to_svg
from .wording import colon

OPERATIONS = ("view", "answer", "back", "revisit", "markdown", "calendar")


def handle(request_json: str) -> str:
    tree = load_tree()
    lang = next(iter(tree.languages))
    try:
        request = json.loads(request_json)
        if not isinstance(request, dict):
            raise AssessmentError("bad-request", "not a JSON object")
        if request.get("lang") in tree.languages:
            lang = request["lang"]
        reply = _reply(request, lang)
    except AssessmentError as problem:
        reply = _error(problem.code, lang, problem.detail)
    except Exception as problem:  # noqa: BLE001 (the page must always get an answer)
        reply = _error("internal", lang, f"{type(problem).__name__}: {problem}")
    return json.dumps(reply, ensure_ascii=False)


def _error(code: str, lang: str, detail: str) -> dict:
    message = load_tree().errors[code][lang]
    return {"ok": False, "error": {"code": code, "message": message, "detail": detail[:500]}}


def _reply(request: dict, lang: str) -> dict:
    operation, token = request.get("op"), request.get("token") or ""
    if operation not in OPERATIONS:
        raise AssessmentError("bad-request", f"unknown operation {operation!r}")
    if not isinstance(token, str):
        raise AssessmentError("bad-token", "the token is not a string")
    try:
        today = date.fromisoformat(request.get("today"))
    except (TypeError, ValueError):
        raise AssessmentError("bad-request", "today must be a YYYY-MM-DD date") from None
    state = share.decode(token, lang) if token else engine.start(lang)
    if operation == "view" and isinstance(request.get("from"), str):
        state = _went_back(state, request["from"], lang)
    if operation == "answer":
        state = engine.answer(state, _choice(request.get("choice")))
    elif operation == "back":
        state = engine.back(state)
    elif operation == "revisit":
        if not isinstance(request.get("step"), int):
            raise AssessmentError("bad-request", "step must be a whole number")
        state = engine.revisit(state, request["step"])
    reply = {"ok": True, "token": _token(state), "view": views.view(state, today)}
    reply["ahead"] = _ahead(state, reply["view"], today)
    if reply["view"]["kind"] == "result":
        reply["details"] = _details(state, reply["view"])
    elif operation in ("markdown", "calendar"):
        raise AssessmentError("not-finished")
    share_url = request.get("share_url") if isinstance(request.get("share_url"), str) else None
    if operation == "markdown":
        details = reply["details"]
        reply["markdown"] = to_markdown(
            reply["view"], share_url=share_url, alternatives=details["alternatives"], open_answers=details["open_answers"]
        )
    elif operation == "calendar":
        reply["calendar"] = _calendar(reply["view"], reply["token"], share_url)
    return reply


def _went_back(state: engine.State, left: str, lang: str) -> engine.State:
    """The step the browser's Back leads to from the step of token `left`: when `state` answers
    the first questions of `left` as it does, the later answers are remembered (the earlier
    choice is shown selected, and reused), as the page's own "Previous question" does."""
    if state.remembered or not left:
        return state
    try:
        previous = share.decode(left, lang)
    except AssessmentError:
        return state  # a link altered in the address bar: the step is shown as it is
    step = len(state.answers)
    if step < len(previous.answers) and previous.answers[:step] == state.answers:
        return engine.revisit(previous, step)
    return state


def _details(state: engine.State, view: dict) -> dict:
    return {
        "alternatives": what_decides(state),
        "open_answers": open_answers(state),
        "timeline_svg": to_svg(view),
        "calendar_events": len(upcoming(view)),
    }


def _calendar(view: dict, token: str, share_url: str | None) -> dict:
    text, lang, ui = to_ics(view, token, share_url), view["lang"], load_tree().ui
    return {
        "text": text,
        "filename": filename(lang),
        "events": len(upcoming(view)),
        "message": None if text else ui["calendar_none"][lang].format(colon=colon(lang)),
    }


def _choice(choice) -> str | list[str]:
    if isinstance(choice, str) or (isinstance(choice, list) and all(isinstance(option, str) for option in choice)):
        return choice
    raise AssessmentError("bad-selection", "choice must be an option id or a list of them")


def _token(state: engine.State) -> str:
    return share.encode(state) if state.answers or state.remembered else ""


def _ahead(state: engine.State, view: dict, today: date) -> dict:
    if view["kind"] != "question" or view["multiple"]:
        return {}
    following = {option["id"]: engine.answer(state, option["id"]) for option in view["options"]}
    return {
        option_id: {"token": _token(next_state), "view": views.view(next_state, today)}
        for option_id, next_state in following.items()
    }
