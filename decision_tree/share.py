"""Share tokens: the answers as a short, readable, URL-safe string that survives tree changes.

Format 2 (current): <format>.<legal basis>.<question>:<option>.<question>:<option>...
for example 2.2026-07-27.what-is-it:ai-system.who-are-you:organisation. Each answer names its question,
so adding, removing or reordering questions shifts nothing; several options of a
multiple-choice question are joined by "+"; an answer written "~question:option" is only
remembered (the reader stepped back to an earlier question and may meet it again). The legal
basis is the date of the law the link was made under.

Opening a link replays it on today's tree (engine.replay): answers whose question or option
no longer exists are dropped, so is a last answer cut off (a link pasted short), a question
the link does not answer is asked, and the state says so (`questions_changed`), as it says when
the legal basis differs (`link_basis`).

Format 1 (before): 1.<option>.<option>... by position; read through the tree's routing as
it stood then (data/token-v1-routing.json), then replayed like a format-2 link.

The format number lives in meta.toml and nowhere else.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .engine import Answer, State, replay, replay_positional
from .errors import AssessmentError
from .model import Tree, load_routing_v1, load_tree

MAX_LENGTH = 4000
# A token ends with an answer id: what follows it in a pasted sentence is punctuation, not the token.
TRAILING_PUNCTUATION = ".,;:!?)]>'\"»"
REMEMBERED = "~"
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_ANSWER = re.compile(rf"^(?P<remembered>{REMEMBERED})?(?P<question>{_ID}):(?P<options>{_ID}(?:\+{_ID})*)$")
_HEADER = re.compile(r"^(?P<format>[0-9]{1,3})\.(?P<basis>[0-9]{4}-[0-9]{2}-[0-9]{2})$")
_FORMAT_1 = re.compile(rf"^1(?:\.{_ID}(?:\+{_ID})*)*$")


def encode(state: State, tree: Tree | None = None) -> str:
    tree = tree or load_tree()
    parts = [str(tree.token_version), tree.legal_basis["as_of"].isoformat()]
    parts += [_answer(answer) for answer in state.answers]
    parts += [REMEMBERED + _answer(answer) for answer in state.remembered]
    return ".".join(parts)


def _answer(answer: Answer) -> str:
    question_id, options = answer
    return f"{question_id}:{'+'.join(options)}"


def decode(token: str, lang: str, tree: Tree | None = None) -> State:
    """The state a token gives on today's tree; AssessmentError("bad-token") if it is not a token."""
    tree = tree or load_tree()
    token = token.strip().rstrip(TRAILING_PUNCTUATION)  # a link pasted at the end of a sentence
    if len(token) > MAX_LENGTH:
        raise AssessmentError("bad-token", "too long")
    if _FORMAT_1.match(token):
        routing = load_routing_v1()
        given, remembered, basis, cut = dict(replay_positional(_steps(token), routing)), {}, routing.basis, False
    else:
        given, remembered, basis, cut = _current_format(token, tree)
    state, _ = replay(lang, given, remembered, tree)
    if cut:  # said as answers that no longer match: the link was altered
        state = replace(state, questions_changed=True)
    if basis != tree.legal_basis["as_of"]:
        state = replace(state, link_basis=basis)
    return state


def _steps(token: str) -> list[list[str]]:
    """Format 1: the options chosen at each step, by position."""
    return [step.split("+") for step in token.split(".")[1:]]


def _current_format(token: str, tree: Tree) -> tuple[dict, dict, date, bool]:
    """The answers given and remembered, the legal basis, and whether the last answer was cut off
    (a link pasted short: its answers before it are kept)."""
    parts = token.split(".")
    header = _HEADER.match(".".join(parts[:2]))
    if header is None:
        raise AssessmentError("bad-token", "malformed")
    if not 2 <= int(header["format"]) <= tree.token_version:
        raise AssessmentError("bad-token", f"unknown format {header['format']}")
    try:
        basis = date.fromisoformat(header["basis"])
    except ValueError:
        raise AssessmentError("bad-token", "malformed legal basis date") from None
    given: dict[str, tuple[str, ...]] = {}
    remembered: dict[str, tuple[str, ...]] = {}
    answers = parts[2:]
    for position, part in enumerate(answers, start=1):
        match = _ANSWER.match(part)
        if match is None and position == len(answers):
            return given, remembered, basis, True
        if match is None:
            raise AssessmentError("bad-token", f"answer {position} is malformed")
        question_id, options = match["question"], tuple(match["options"].split("+"))
        if question_id in given or question_id in remembered:
            raise AssessmentError("bad-token", f"{question_id} is answered twice")
        if match["remembered"]:
            remembered[question_id] = options
        elif remembered:
            raise AssessmentError("bad-token", f"answer {position} follows a remembered answer")
        else:
            given[question_id] = options
    return given, remembered, basis, False
