"""The first steps of the assessment, computed by the build so that the page can draw them
before Python runs in the reader's browser (build time only: not imported by the package).

On a slow connection the engine needs seconds to download, while a reader answers the first
questions at once. For every question reachable within DEPTH answers, the build computes the
question's view and, for each choice, the token it leads to, as the bridge computes them for the
page's requests; render_widget ships them inline with the page. The page draws these
steps in the frame of the click and, once the engine runs, asks it to confirm the step on
screen and to compute what lies ahead (tests/test_early.py checks every shipped step against
the engine's reply).

A question's view does not depend on the day; a result does (what applies already, how long
until the rest), so results are never shipped: a path that ends within the shipped steps waits
for the engine there. A multiple-choice question's choices are keyed by the chosen option ids
in the question's order, joined by "+" (the page's form lists them in that order).

    {"views": [view, ...],                            each distinct view once
     "steps": {token: [view index, {choice: token}]}} "" is the first question; a choice is
                                                      listed only when its step is shipped
"""

from __future__ import annotations

import json
from itertools import combinations

from . import engine, share, views
from .engine import State
from .model import END, Tree, load_tree

DEPTH = 6  # answers: a reader who answers every 2 s meets the 7th question after 12 s


def early_steps(lang: str, tree: Tree | None = None, depth: int = DEPTH) -> dict:
    tree = tree or load_tree()
    views_seen: dict[str, int] = {}
    distinct: list[dict] = []  # as the bridge writes them: the page compares the engine's reply as text
    steps: dict[str, list] = {}
    level = [engine.start(lang, tree)]
    for answered in range(depth + 1):
        following = []
        for state in level:
            view = views.question_view(state, tree)
            key = json.dumps(view, ensure_ascii=False, sort_keys=True)
            token = token_of(state, tree)
            if key not in views_seen:
                views_seen[key] = len(distinct)
                distinct.append(view)
            steps[token] = [views_seen[key], {}]
            if answered == depth:
                continue
            for choice in _choices(tree, view):
                after = engine.answer(state, list(choice), tree)
                if engine.current_node(after, tree) != END:
                    steps[token][1]["+".join(choice)] = token_of(after, tree)
                    following.append(after)
        level = following
    return {"views": distinct, "steps": steps}


def token_of(state: State, tree: Tree) -> str:
    """The token the bridge replies with: "" while nothing is answered or remembered."""
    return share.encode(state, tree) if state.answers or state.remembered else ""


def _choices(tree: Tree, view: dict) -> list[tuple[str, ...]]:
    """Every choice the question accepts: each option, or each valid set of options."""
    options = tuple(option["id"] for option in view["options"])
    if not view["multiple"]:
        return [(option,) for option in options]
    question = tree.questions[view["id"]]
    every = (chosen for size in range(1, len(options) + 1) for chosen in combinations(options, size))
    return [chosen for chosen in every if engine.is_valid(question, chosen)]
