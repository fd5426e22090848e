"""Every path through the tree: the reference list for reviewers and for the other test layers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from itertools import combinations

from .engine import State, current_node, facts, next_node, replay, start
from .errors import AssessmentError
from .model import END, Question, Tree, load_tree
from .share import encode
from .views import result


def choices(question: Question) -> Iterator[tuple[str, ...]]:
    """Every valid answer to a question: each option, or each allowed set for multiple choice."""
    if question.kind == "single":
        yield from ((option.id,) for option in question.options)
        return
    exclusive = [option.id for option in question.options if option.exclusive]
    others = [option.id for option in question.options if not option.exclusive]
    yield from ((option_id,) for option_id in exclusive)
    for size in range(1, len(others) + 1):
        yield from combinations(others, size)


def walk(lang: str, tree: Tree | None = None) -> Iterator[State]:
    """Every finished state, depth first, in option order."""
    tree = tree or load_tree()
    return finished_from(start(lang, tree), tree)


def finished_from(state: State, tree: Tree) -> Iterator[State]:
    """Every finished state that continues `state`'s answers, depth first, in option order."""
    lang = state.lang
    pending = [(State(lang, state.answers), current_node(state, tree))]
    while pending:
        state, node = pending.pop()
        if node == END:
            yield state
            continue
        question = tree.questions[node]
        following = []
        for chosen in choices(question):
            answers = state.answers + ((node, chosen),)
            following.append((State(lang, answers), next_node(question, chosen, facts(answers, tree), tree)))
        pending.extend(reversed(following))


def follow_answers(answers: Mapping[str, str | Sequence[str]], lang: str, tree: Tree | None = None) -> State:
    """The finished state of answers keyed by question (golden cases, examples in the docs).

    Raises AssessmentError("unanswered") naming the first question asked that has no valid
    answer, or the answers no question on the path used: a named situation must say
    everything the tree asks, and nothing else."""
    tree = tree or load_tree()
    given = {question_id: (choice,) if isinstance(choice, str) else tuple(choice) for question_id, choice in answers.items()}
    state, unused = replay(lang, given, tree=tree)
    node = current_node(state, tree)
    if node != END:
        problem = "an answer that is not valid" if node in given else "no answer"
        raise AssessmentError("unanswered", f"question {node!r} ({tree.questions[node].text['en']}) has {problem}")
    if unused:
        raise AssessmentError("unanswered", f"answers no question on the path asks: {sorted(unused)}")
    return state


def export(lang: str, today: date, tree: Tree | None = None) -> list[dict]:
    """Every path with its token and result."""
    tree = tree or load_tree()
    return [{"token": encode(state, tree), "result": result(state, today, tree)} for state in walk(lang, tree)]
