"""Share tokens: the answers as a short, readable, URL-safe string.

Format: "<version>.<step>.<step>..." where each step is the chosen option id, or several
joined by "+" for a multiple-choice question. Question ids are implied by replaying the
steps through the tree, so option ids alone suffice. Example: "1.ai-system.established-eu".
"""

from __future__ import annotations

import re

from .engine import State, answer, current_node, start
from .errors import AssessmentError
from .model import END, Tree, load_tree

MAX_LENGTH = 2000
_SHAPE = re.compile(r"^[0-9]+(\.[a-z0-9+-]+)*$")


def encode(state: State, tree: Tree | None = None) -> str:
    tree = tree or load_tree()
    steps = ["+".join(chosen) for _, chosen in state.answers]
    return ".".join([str(tree.token_version), *steps])


def decode(token: str, lang: str, tree: Tree | None = None) -> State:
    """The state a token encodes; AssessmentError("bad-token" or "stale-token") otherwise."""
    tree = tree or load_tree()
    state = start(lang)
    token = token.strip()
    if len(token) > MAX_LENGTH or not _SHAPE.match(token):
        raise AssessmentError("bad-token", "malformed")
    version, *steps = token.split(".")
    if int(version) != tree.token_version:
        raise AssessmentError("stale-token", f"version {version}, expected {tree.token_version}")
    for position, step in enumerate(steps, start=1):
        if current_node(state, tree) == END:
            raise AssessmentError("bad-token", f"step {position} comes after the end")
        try:
            state = answer(state, step.split("+"), tree)
        except AssessmentError as problem:
            raise AssessmentError("bad-token", f"step {position}: {problem.detail}") from None
    return state
