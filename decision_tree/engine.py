"""The pure assessment engine: states in, plain dicts out. No I/O, nothing global changes.

A State is the language and the answers given so far; every view is recomputed from it,
so a state decoded from a share link is exactly the state the reader had.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from . import citations
from .errors import AssessmentError
from .model import END, LANGUAGES, Branch, Question, Tree, load_tree

Answer = tuple[str, tuple[str, ...]]  # (question id, chosen option ids)


@dataclass(frozen=True)
class State:
    lang: str
    answers: tuple[Answer, ...] = ()


# ----------------------------------------------------------------------------- moving


def start(lang: str = "fr") -> State:
    if lang not in LANGUAGES:
        raise AssessmentError("unknown-language", repr(lang))
    return State(lang=lang)


def answer(state: State, choice: str | Sequence[str], tree: Tree | None = None) -> State:
    """Answer the current question with one option id (or several for a multiple-choice one)."""
    tree = tree or load_tree()
    node = current_node(state, tree)
    if node == END:
        raise AssessmentError("finished")
    question = tree.questions[node]
    chosen = (choice,) if isinstance(choice, str) else tuple(choice)
    _check_choice(question, chosen)
    return State(state.lang, state.answers + ((question.id, _in_option_order(question, chosen)),))


def back(state: State) -> State:
    """Undo the last answer (at the first question, stay there)."""
    return State(state.lang, state.answers[:-1])


def _check_choice(question: Question, chosen: tuple[str, ...]) -> None:
    unknown = [option_id for option_id in chosen if question.option(option_id) is None]
    if unknown:
        raise AssessmentError("unknown-option", f"{question.id}: {unknown}")
    if not chosen or len(set(chosen)) != len(chosen):
        raise AssessmentError("bad-selection", f"{question.id}: {list(chosen)}")
    if question.kind == "single" and len(chosen) != 1:
        raise AssessmentError("bad-selection", f"{question.id} takes one answer")
    exclusive = [option_id for option_id in chosen if question.option(option_id).exclusive]
    if exclusive and len(chosen) > 1:
        raise AssessmentError("bad-selection", f"{question.id}: {exclusive[0]} excludes the others")


def _in_option_order(question: Question, chosen: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(option.id for option in question.options if option.id in chosen)


# ----------------------------------------------------------------------------- facts and routing


def facts(answers: Sequence[Answer], tree: Tree) -> frozenset[str]:
    """Answer facts ("question:option") plus the derived facts that hold for them."""
    known = {f"{question_id}:{option_id}" for question_id, options in answers for option_id in options}
    for derived in tree.derived:
        if derived.when.holds(frozenset(known)):
            known.add(derived.id)
    return frozenset(known)


def follow(branches: Sequence[Branch], known: frozenset[str], tree: Tree) -> str:
    """The question (or END) the branches lead to, passing through routing-only nodes."""
    target = next(branch.goto for branch in branches if branch.when is None or branch.when.holds(known))
    while target in tree.routes:
        target = follow(tree.routes[target].next, known, tree)
    return target


def next_node(question: Question, chosen: Sequence[str], known: frozenset[str], tree: Tree) -> str:
    option_next = question.option(chosen[0]).next if question.kind == "single" else None
    return follow(option_next or question.next, known, tree)


def current_node(state: State, tree: Tree | None = None) -> str:
    """Replay the answers; the id of the question to answer now, or END."""
    return _replay(tree or load_tree(), state.answers)[0]


@lru_cache(maxsize=2048)
def _replay(tree: Tree, answers: tuple[Answer, ...]) -> tuple[str, frozenset[str]]:
    """(node to answer now, facts) after the answers, each prefix computed once (memoised:
    a share token is replayed on every request from the browser)."""
    if not answers:
        return _first_question(tree), frozenset()
    node, _ = _replay(tree, answers[:-1])
    question_id, chosen = answers[-1]
    if node != question_id:
        raise AssessmentError("bad-token", f"answer {len(answers)} is for {question_id!r}, not {node!r}")
    question = tree.questions[question_id]
    _check_choice(question, chosen)
    known = facts(answers, tree)
    return next_node(question, chosen, known, tree), known


def _first_question(tree: Tree) -> str:
    return follow((Branch(goto=tree.start),), frozenset(), tree)


# ----------------------------------------------------------------------------- views


def view(state: State, today: date, tree: Tree | None = None) -> dict:
    """What to show now: the current question, or the result once the questions end."""
    tree = tree or load_tree()
    if current_node(state, tree) == END:
        return result(state, today, tree)
    return question_view(state, tree)


def question_view(state: State, tree: Tree | None = None) -> dict:
    tree = tree or load_tree()
    node = current_node(state, tree)
    if node == END:
        raise AssessmentError("finished")
    question, lang = tree.questions[node], state.lang
    answered = len(state.answers)
    return {
        "kind": "question",
        "lang": lang,
        "id": question.id,
        "multiple": question.kind == "multiple",
        "text": question.text[lang],
        "why": question.why[lang],
        "help": question.help[lang],
        "citations": [citations.render(ref, lang) for ref in question.citations],
        "options": [
            {"id": option.id, "label": option.label[lang], "exclusive": option.exclusive}
            for option in question.options
        ],
        "progress": {"answered": answered, "at_most": answered + longest_path(question.id, tree)},
        "can_go_back": answered > 0,
    }


def result(state: State, today: date, tree: Tree | None = None) -> dict:
    """The verdict, roles, obligations, notes and answers, as plain JSON-ready data."""
    tree = tree or load_tree()
    if current_node(state, tree) != END:
        raise AssessmentError("not-finished")
    lang, known = state.lang, _replay(tree, state.answers)[1]
    findings = [finding for finding in tree.findings if finding.when.holds(known)]
    starts = _obligation_starts(findings, tree)
    severities = [tree.obligations[obligation_id].severity for obligation_id in starts]
    verdict = max(severities, key=tree.verdicts.index, default=tree.verdicts[0])
    roles = _unique(role for finding in findings for role in finding.roles)
    notes = _unique(note for finding in findings for note in finding.notes)
    return {
        "kind": "result",
        "lang": lang,
        "verdict": {"id": verdict, "label": tree.verdict_labels[verdict][lang]},
        "needs_review": any(finding.review for finding in findings),
        "roles": [_role_view(role_id, lang, tree) for role_id in roles],
        "obligations": [
            _obligation_view(obligation_id, milestone_id, today, lang, tree)
            for obligation_id, milestone_id in starts.items()
        ],
        "notes": [_note_view(note_id, lang, tree) for note_id in notes],
        "answers": [_answer_view(question_id, chosen, lang, tree) for question_id, chosen in state.answers],
        "findings": [finding.id for finding in findings],
        "legal_basis": {
            "as_of": tree.legal_basis["as_of"].isoformat(),
            "reviewed_on": tree.legal_basis["reviewed_on"].isoformat(),
            "label": tree.legal_basis["label"][lang],
        },
        "computed_on": today.isoformat(),
    }


def _obligation_starts(findings, tree: Tree) -> dict[str, str]:
    """Obligation id -> milestone id it applies from, in the order the findings add them."""
    starts: dict[str, str] = {}
    for finding in findings:
        for obligation_id in finding.obligations:
            starts.setdefault(obligation_id, finding.starts or tree.obligations[obligation_id].starts)
    for finding in findings:
        for obligation_id in finding.reschedules:
            if obligation_id in starts:
                starts[obligation_id] = finding.starts
    return starts


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def _role_view(role_id: str, lang: str, tree: Tree) -> dict:
    role = tree.roles[role_id]
    return {
        "id": role.id,
        "label": role.label[lang],
        "citations": [citations.render(ref, lang) for ref in role.citations],
    }


def _obligation_view(obligation_id: str, milestone_id: str, today: date, lang: str, tree: Tree) -> dict:
    obligation, milestone = tree.obligations[obligation_id], tree.milestones[milestone_id]
    applies = "since" if milestone.date <= today else "from"
    return {
        "id": obligation.id,
        "text": obligation.text[lang],
        "severity": obligation.severity,
        "holder": {"id": obligation.holder, "label": tree.roles[obligation.holder].label[lang]},
        "citations": [citations.render(ref, lang) for ref in obligation.citations],
        "applies": {
            "status": applies,
            "date": milestone.date.isoformat(),
            "original_date": milestone.original.isoformat() if milestone.original else None,
            "milestone": milestone.id,
            "text": f"{tree.ui['applies_' + applies][lang]} {format_date(milestone.date, lang, tree)}",
        },
    }


def _note_view(note_id: str, lang: str, tree: Tree) -> dict:
    note = tree.notes[note_id]
    return {
        "id": note.id,
        "kind": note.kind,
        "kind_label": tree.ui[note.kind][lang],
        "text": note.text[lang],
        "citations": [citations.render(ref, lang) for ref in note.citations],
    }


def _answer_view(question_id: str, chosen: tuple[str, ...], lang: str, tree: Tree) -> dict:
    question = tree.questions[question_id]
    return {
        "question_id": question_id,
        "question": question.text[lang],
        "options": [
            {
                "id": option_id,
                "label": question.option(option_id).label[lang],
                "citations": [citations.render(ref, lang) for ref in question.option(option_id).citations],
            }
            for option_id in chosen
        ],
    }


def format_date(day: date, lang: str, tree: Tree | None = None) -> str:
    tree = tree or load_tree()
    month = tree.months[lang][day.month - 1]
    ordinal = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{ordinal} {month} {day.year}"


# ----------------------------------------------------------------------------- progress


def longest_path(node: str, tree: Tree) -> int:
    """How many questions at most remain from `node` (itself included), whatever the answers."""
    return _longest_paths(tree)[node]


@cache
def _longest_paths(tree: Tree) -> dict[str, int]:
    lengths: dict[str, int] = {}

    def visit(node: str) -> int:
        if node == END:
            return 0
        if node not in lengths:
            lengths[node] = 0 if node in tree.routes else 1  # cycles are rejected by validation
            lengths[node] += max(visit(target) for target in successors(node, tree))
        return lengths[node]

    for node in (*tree.questions, *tree.routes):
        visit(node)
    return lengths


def successors(node: str, tree: Tree) -> list[str]:
    """Every node a question or route may lead to, under any condition."""
    if node in tree.routes:
        return [branch.goto for branch in tree.routes[node].next]
    question = tree.questions[node]
    branches = [branch for option in question.options for branch in (option.next or question.next or ())]
    return _unique(branch.goto for branch in branches)
