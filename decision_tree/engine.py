"""The pure assessment engine: states in, outcomes out. No I/O, no text, nothing global changes.

A State is the language, the answers on the path so far, and the answers it remembers for
questions not reached yet (kept when the reader steps back or edits an answer, or when an
older link answers questions the tree no longer asks at that point). An Outcome is the
result in ids (verdict, roles, obligations with their milestones, notes, decisive
provisions); `views` turns states and outcomes into text for a language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from .errors import AssessmentError
from .model import END, Branch, Question, Routing, Tree, load_tree

Answer = tuple[str, tuple[str, ...]]  # (question id, chosen option ids)


@dataclass(frozen=True)
class State:
    lang: str
    answers: tuple[Answer, ...] = ()  # the path: one answer per question asked, in order
    remembered: tuple[Answer, ...] = ()  # answers to questions not reached yet, reused when they are
    questions_changed: bool = False  # an opened link answered questions differently than the tree now asks
    link_basis: date | None = None  # the legal basis an opened link was made under, when it differs
    dropped: tuple[str, ...] = ()  # an opened link's answers left out ("question:option"), to name them


@dataclass(frozen=True)
class Outcome:
    verdict: str
    needs_review: bool
    roles: tuple[str, ...]
    obligations: tuple[tuple[str, str], ...]  # (obligation id, milestone id it applies from)
    notes: tuple[str, ...]
    findings: tuple[str, ...]
    decisive: tuple[str, ...]  # citation refs of the provisions that decide the verdict


# ----------------------------------------------------------------------------- moving


def start(lang: str, tree: Tree | None = None) -> State:
    if lang not in (tree or load_tree()).languages:
        raise AssessmentError("unknown-language", repr(lang))
    return State(lang=lang)


def answer(state: State, choice: str | Sequence[str], tree: Tree | None = None) -> State:
    """Answer the current question with one option id (or several for a multiple-choice one),
    then reuse remembered answers as long as the path meets their questions."""
    tree = tree or load_tree()
    node = current_node(state, tree)
    if node == END:
        raise AssessmentError("finished")
    question = tree.questions[node]
    chosen = (choice,) if isinstance(choice, str) else tuple(choice)
    check_choice(question, chosen)
    path = state.answers + ((node, in_option_order(question, chosen)),)
    remembered = {question_id: options for question_id, options in state.remembered if question_id != node}
    return _resume(State(state.lang, path), remembered, tree)


def back(state: State) -> State:
    """Undo the last answer, remembering it (at the first question, stay there)."""
    if not state.answers:
        return State(state.lang, remembered=state.remembered)
    return State(state.lang, state.answers[:-1], state.answers[-1:] + state.remembered)


def revisit(state: State, step: int) -> State:
    """Go back to the question of answer number `step` (0-based), remembering every later answer."""
    step = max(0, min(step, len(state.answers)))
    return State(state.lang, state.answers[:step], state.answers[step:] + state.remembered)


def check_choice(question: Question, chosen: tuple[str, ...]) -> None:
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


def in_option_order(question: Question, chosen: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(option.id for option in question.options if option.id in chosen)


def is_valid(question: Question, chosen: tuple[str, ...]) -> bool:
    try:
        check_choice(question, chosen)
    except AssessmentError:
        return False
    return True


# ----------------------------------------------------------------------------- replaying answers


def _resume(state: State, remembered: dict[str, tuple[str, ...]], tree: Tree) -> State:
    """Extend the path with remembered answers while the next question has one; at the end of
    the questions nothing is left to remember."""
    path = state.answers
    while (node := _replay(tree, path)[0]) != END and node in remembered:
        chosen = remembered.pop(node)
        if not is_valid(tree.questions[node], chosen):
            break  # the question changed since: the reader answers it again
        path += ((node, in_option_order(tree.questions[node], chosen)),)
    kept = () if _replay(tree, path)[0] == END else tuple(remembered.items())
    return State(state.lang, path, kept, state.questions_changed, state.link_basis, state.dropped)


def replay(
    lang: str,
    given: Mapping[str, Sequence[str]],
    remembered: Mapping[str, Sequence[str]] = {},  # noqa: B006 (read only)
    tree: Tree | None = None,
) -> tuple[State, dict[str, tuple[str, ...]]]:
    """Walk the tree from the start with answers keyed by question (a share link, a golden case).

    Returns the state and the given answers that were not used. The walk stops at the first
    question with no usable answer, or one the reader had only remembered; given answers
    not used stay remembered (or are dropped at the end). `questions_changed` is set when a
    given answer could not be used: its question or option no longer exists, or the path
    now stops before it.
    """
    tree = tree or load_tree()
    state = start(lang, tree)
    pending = {question_id: tuple(options) for question_id, options in given.items()}
    dropped: list[str] = []
    path: tuple[Answer, ...] = ()
    while (node := _replay(tree, path)[0]) != END and node in pending:
        chosen = pending.pop(node)
        if not is_valid(tree.questions[node], chosen):
            dropped.append(f"{node}:{'+'.join(chosen)}")
            break
        path += ((node, in_option_order(tree.questions[node], chosen)),)
    node = _replay(tree, path)[0]
    unknown = {question_id for question_id in pending if question_id not in tree.questions}
    changed = bool(dropped or pending)
    kept = {question_id: options for question_id, options in {**pending, **remembered}.items() if question_id not in unknown}
    left_out = pending if node == END else {question_id: pending[question_id] for question_id in unknown}
    dropped += [f"{question_id}:{'+'.join(options)}" for question_id, options in left_out.items()]
    if node == END:
        kept = {}
    answers_kept = tuple((question_id, tuple(options)) for question_id, options in kept.items())
    state = State(lang, path, answers_kept, changed, dropped=tuple(dropped))
    return state, pending


def replay_positional(steps: Sequence[Sequence[str]], routing: Routing) -> list[Answer]:
    """The (question, options) pairs of answers given by position through `routing` (an older
    tree's routing, for links of an older format). Raises AssessmentError("bad-token")."""
    path: tuple[Answer, ...] = ()
    for position, chosen in enumerate(steps, start=1):
        node = _replay(routing, path)[0]
        if node == END:
            raise AssessmentError("bad-token", f"step {position} comes after the end")
        question = routing.questions[node]
        try:
            check_choice(question, tuple(chosen))
        except AssessmentError as problem:
            raise AssessmentError("bad-token", f"step {position}: {problem.detail}") from None
        path += ((node, in_option_order(question, tuple(chosen))),)
    return list(path)


# ----------------------------------------------------------------------------- facts and routing


def facts(answers: Sequence[Answer], tree: Tree | Routing) -> frozenset[str]:
    """Answer facts ("question:option") plus the derived facts that hold for them."""
    known = {f"{question_id}:{option_id}" for question_id, options in answers for option_id in options}
    for derived in tree.derived:
        if derived.when.holds(known):
            known.add(derived.id)
    return frozenset(known)


def follow(branches: Sequence[Branch], known: frozenset[str], tree: Tree | Routing) -> str:
    """The question (or END) the branches lead to, passing through routing-only nodes."""
    target = next(branch.goto for branch in branches if branch.when is None or branch.when.holds(known))
    while target in tree.routes:
        target = follow(tree.routes[target].next, known, tree)
    return target


def next_node(question: Question, chosen: Sequence[str], known: frozenset[str], tree: Tree | Routing) -> str:
    option_next = question.option(chosen[0]).next if question.kind == "single" else None
    return follow(option_next or question.next, known, tree)


def current_node(state: State, tree: Tree | None = None) -> str:
    """Replay the answers; the id of the question to answer now, or END."""
    return _replay(tree or load_tree(), state.answers)[0]


@lru_cache(maxsize=4096)
def _replay(tree: Tree | Routing, answers: tuple[Answer, ...]) -> tuple[str, frozenset[str]]:
    """(node to answer now, facts) after the answers, each prefix computed once (memoised:
    a share token is replayed on every request from the browser)."""
    if not answers:
        return follow((Branch(goto=tree.start),), frozenset(), tree), frozenset()
    node, _ = _replay(tree, answers[:-1])
    question_id, chosen = answers[-1]
    if node != question_id:
        raise AssessmentError("bad-token", f"answer {len(answers)} is for {question_id!r}, not {node!r}")
    question = tree.questions[question_id]
    check_choice(question, chosen)
    known = facts(answers, tree)
    return next_node(question, chosen, known, tree), known


# ----------------------------------------------------------------------------- the outcome


def outcome(state: State, tree: Tree | None = None) -> Outcome:
    """The result of a finished state, in ids."""
    tree = tree or load_tree()
    node, known = _replay(tree, state.answers)
    if node != END:
        raise AssessmentError("not-finished")
    findings = _findings_that_hold(known, tree)
    starts = _obligation_starts(findings, tree)
    severity = max(
        (tree.obligations[obligation_id].severity for obligation_id in starts), key=tree.verdicts.index, default=tree.verdicts[0]
    )
    roles = _unique(role for finding in findings for role in finding.roles)
    return Outcome(
        verdict=verdict_of(severity, roles, tree),
        needs_review=any(finding.review for finding in findings) or bool(unsure_steps(state.answers, tree)),
        roles=roles,
        obligations=tuple(starts.items()),
        notes=_unique(note for finding in findings for note in finding.notes),
        findings=tuple(finding.id for finding in findings),
        decisive=_decisive(findings, severity, dict(state.answers), tree),
    )


def unsure_steps(answers: Sequence[Answer], tree: Tree) -> list[int]:
    """The steps of the path answered "I don't know": a result with one always needs review."""
    return [
        step
        for step, (question_id, chosen) in enumerate(answers)
        if any(tree.questions[question_id].option(option_id).is_unsure for option_id in chosen)
    ]


def verdict_of(severity: str, roles: tuple[str, ...], tree: Tree) -> str:
    """The verdict of a result whose most severe obligation has `severity`.

    A reader who provides or uses the system (or no one in particular) gets that severity: the
    verdict is the most demanding duty they owe. A reader affected by someone else's AI (the
    affected scale's role) owes nothing: their verdict, on the affected scale, says how the Act
    treats the use they are subject to (prohibited, regulated with duties owed to them, or not
    regulated), read from the most severe duty the others owe in it; the rights the reader holds
    have the lowest severity, so they never raise it."""
    if tree.affected.role in roles:
        return tree.affected.from_severity[severity]
    return severity


def level(finding, tree: Tree) -> str:
    """The verdict a finding implies on its own: its most severe obligation (or the lowest level)."""
    return _levels(tree)[finding.id]


@cache
def _levels(tree: Tree) -> dict[str, str]:
    def most_severe(finding) -> str:
        severities = (tree.obligations[obligation_id].severity for obligation_id in finding.obligations)
        return max(severities, key=tree.verdicts.index, default=tree.verdicts[0])

    return {finding.id: most_severe(finding) for finding in tree.findings}


def _findings_that_hold(known: frozenset[str], tree: Tree) -> list:
    """The findings whose condition holds, in the tree's order. Only those a present fact can
    trigger are tested (every path tests them all: the tree check and the tests walk them)."""
    always, triggered_by = _finding_triggers(tree)
    candidates = set(always).union(*(triggered_by.get(fact, ()) for fact in known))
    return [tree.findings[index] for index in sorted(candidates) if tree.findings[index].when.holds(known)]


@cache
def _finding_triggers(tree: Tree) -> tuple[tuple[int, ...], dict[str, tuple[int, ...]]]:
    """(findings that need no fact, fact -> findings that can hold only when it is present): a
    condition holds only with its first `all` fact, or else one of its `any` facts."""
    always, triggered_by = [], {}
    for index, finding in enumerate(tree.findings):
        needed = finding.when.all[:1] or finding.when.any
        if not needed:
            always.append(index)
        for fact in needed:
            triggered_by.setdefault(fact, []).append(index)
    return tuple(always), {fact: tuple(indices) for fact, indices in triggered_by.items()}


def _decisive(findings, severity: str, answers: dict[str, tuple[str, ...]], tree: Tree) -> tuple[str, ...]:
    """The provisions that decide the verdict: those named by the findings at the level of the
    result's most severe obligation, and the citations of the options chosen for the questions they name."""
    refs = []
    for finding in findings:
        if level(finding, tree) != severity:
            continue
        refs.extend(finding.decisive)
        for question_id in finding.decisive_answers:
            question = tree.questions[question_id]
            for option_id in answers.get(question_id, ()):
                refs.extend(question.option(option_id).citations)
    return tuple(ref for ref in _unique(refs) if not any(_narrows(other, ref) for other in refs))


def _narrows(ref: str, broader: str) -> bool:
    """A more specific citation narrows a broader one ("Annex III(5)(b)" narrows "Annex III")."""
    return ref.startswith((broader + "(", broader + ","))


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
    suspended = {obligation_id for finding in findings for obligation_id in finding.suspends}
    return {obligation_id: start for obligation_id, start in starts.items() if obligation_id not in suspended}


def _unique(items) -> tuple:
    return tuple(dict.fromkeys(items))


def applies_since(milestone_id: str, today: date, tree: Tree) -> bool:
    return tree.milestones[milestone_id].date <= today


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
    return list(_unique(branch.goto for branch in branches))


@cache
def reading_order(tree: Tree) -> tuple[str, ...]:
    """The questions in an order where every question comes after every one that leads to it (the
    tree has no cycle), each as close as that allows to where a reader first meets it: of the
    nodes whose every predecessor is placed, the one met earliest, level by level from the first.
    Questions are numbered in this order wherever a number is shown (the version without
    JavaScript, the conditions that quote an answer)."""
    following = {node: [target for target in successors(node, tree) if target != END] for node in [*tree.questions, *tree.routes]}
    met = {}  # node -> rank in a level-by-level walk from the first question
    queue = [tree.start]
    while queue:
        node = queue.pop(0)
        if node not in met:
            met[node] = len(met)
            queue += following[node]
    waiting = dict.fromkeys(following, 0)
    for targets in following.values():
        for target in targets:
            waiting[target] += 1
    ready, order = [tree.start], []
    while ready:
        ready.sort(key=met.__getitem__)
        node = ready.pop(0)
        order.append(node)
        for target in following[node]:
            waiting[target] -= 1
            if not waiting[target]:
                ready.append(target)
    # Every question is there: the tree's check proves each node reachable and no cycle.
    return tuple(node for node in order if node in tree.questions)
