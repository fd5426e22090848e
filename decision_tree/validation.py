"""Build-time checks of the tree: a broken tree fails loudly, naming the entry at fault.

The structure of each data file (which keys, of which type, kebab-case ids, enums, non-empty
conditions and option lists) is checked against its JSON Schema in schemas/ by
tests/test_schemas.py. What needs more than one entry stays here: references resolve, every
text exists in every language, routing, the graph and the paths.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import citations
from .errors import TreeError
from .model import EITHER_ROLE, END, Condition, Tree
from .paths import walk


def check(tree: Tree) -> None:
    """Raise TreeError listing every problem, or return quietly."""
    problems = validate(tree)
    if problems:
        raise TreeError("the decision tree is broken:\n- " + "\n- ".join(problems))


def validate(tree: Tree) -> list[str]:
    problems = [*_ids(tree), *_texts(tree), *_labelled_readings(tree), *_references(tree), *_citations(tree), *_routing(tree)]
    if problems:  # walking a structurally broken tree would only add noise
        return problems
    return [*_graph(tree)] or [*_paths(tree)]


# ----------------------------------------------------------------------------- identifiers


def _ids(tree: Tree) -> Iterator[str]:
    for question in tree.questions.values():
        ids = [option.id for option in question.options]
        if len(ids) != len(set(ids)):
            yield f"question {question.id!r}: two options share an id"
    clashes = set(tree.questions) & set(tree.routes)
    yield from (f"{node!r}: both a question and a route" for node in sorted(clashes))
    for kind, entries in (("derived fact", tree.derived), ("finding", tree.findings)):
        seen: set[str] = set()
        for entry in entries:
            if entry.id in seen:
                yield f"{kind} {entry.id!r}: id must be unique"
            seen.add(entry.id)


# ----------------------------------------------------------------------------- texts


def _texts(tree: Tree) -> Iterator[str]:
    for where, text in _all_texts(tree):
        text = text if isinstance(text, dict) else {}  # e.g. a verdict with no label at all
        for lang in tree.languages:
            if not str(text.get(lang, "")).strip():
                yield f"{where}: missing {lang} text"


# How a text says that it gives our reading or the Commission's non-binding guidelines, not the
# law's words: a note saying so is shown under "Analysis", never under "The law" (kind "info").
_OUR_READING = {
    "fr": ("notre lecture", "(analyse)", "la nôtre", "lignes directrices"),
    "en": ("our reading", "(analysis)", "(ours)", "guidelines"),
}


def _labelled_readings(tree: Tree) -> Iterator[str]:
    for key, note in tree.notes.items():
        said = [lang for lang in tree.languages if any(m in note.text.get(lang, "") for m in _OUR_READING.get(lang, ()))]
        if note.kind == "info" and said:
            yield f"note {key!r}: shown as the law, but its {said[0]} text gives a reading: make it an analysis"


def _all_texts(tree: Tree) -> Iterator[tuple[str, dict]]:
    for question in tree.questions.values():
        for field in ("text", "why", "help"):
            yield f"question {question.id!r} {field}", getattr(question, field)
        for option in question.options:
            yield f"question {question.id!r} option {option.id!r}", option.label
    yield from ((f"derived fact {entry.id!r}", entry.label) for entry in tree.derived)
    yield from ((f"obligation {key!r}", entry.text) for key, entry in tree.obligations.items())
    yield from ((f"note {key!r}", entry.text) for key, entry in tree.notes.items())
    yield from ((f"role {key!r}", entry.label) for key, entry in tree.roles.items())
    yield from ((f"role {key!r} reason", entry.reason) for key, entry in tree.roles.items())
    yield from ((f"finding {f.id!r} reason for {role!r}", text) for f in tree.findings for role, text in f.role_reasons.items())
    yield from (
        (f"verdict sentence {key!r} for {verdict!r}", text)
        for key, by_verdict in tree.verdict_why_finding.items()
        for verdict, text in by_verdict.items()
    )
    yield from ((f"milestone {key!r}", entry.label) for key, entry in tree.milestones.items())
    yield from ((f"verdict {key!r}", tree.verdict_labels.get(key)) for key in tree.all_verdicts)
    yield from ((f"verdict {key!r} why", tree.verdict_why.get(key)) for key in tree.all_verdicts)
    yield from ((f"interface string {key!r}", text) for key, text in tree.ui.items())
    yield from ((f"widget string {key!r}", text) for key, text in tree.widget.items())
    yield from ((f"error message {key!r}", text) for key, text in tree.errors.items())
    yield "legal basis label", tree.legal_basis.get("label")


# ----------------------------------------------------------------------------- references


def _references(tree: Tree) -> Iterator[str]:
    scale = tree.affected
    if scale.role not in tree.roles:
        yield f"affected verdict scale: unknown role {scale.role!r}"
    for key in (key for key in scale.order if key in tree.verdicts):
        yield f"affected verdict scale: {key!r} is also a verdict of the main scale"
    if set(scale.from_severity) != set(tree.verdicts):
        yield "affected verdict scale: from_severity must map every verdict of the main scale"
    for severity, verdict in scale.from_severity.items():
        if verdict not in scale.order:
            yield f"affected verdict scale: {severity!r} maps to {verdict!r}, not a verdict of that scale"
    for key, by_verdict in tree.verdict_why_finding.items():
        unknown = [verdict for verdict in by_verdict if verdict not in tree.all_verdicts]
        yield from (f"verdict sentence {key!r}: unknown verdict {verdict!r}" for verdict in unknown)
    for key, obligation in tree.obligations.items():
        if obligation.holder not in tree.roles:
            yield f"obligation {key!r}: unknown holder role {obligation.holder!r}"
        if obligation.severity not in tree.verdicts:
            yield f"obligation {key!r}: unknown severity {obligation.severity!r}"
        if obligation.holder == tree.affected.role and obligation.severity != tree.verdicts[0]:
            yield f"obligation {key!r}: a right of the affected reader is no duty: its severity must be {tree.verdicts[0]!r}"
        if obligation.starts not in tree.milestones:
            yield f"obligation {key!r}: unknown milestone {obligation.starts!r}"
        either = EITHER_ROLE.get(obligation.holder, ())
        for role in obligation.role_citations:
            if role not in either:
                yield f"obligation {key!r}: articles for {role!r}, not one of the roles that owe it {either}"
    for finding in tree.findings:
        where = f"finding {finding.id!r}"
        yield from (f"{where}: unknown role {ref!r}" for ref in (*finding.roles, *finding.role_reasons) if ref not in tree.roles)
        if finding.why is not None and finding.why not in tree.verdict_why_finding:
            yield f"{where}: unknown verdict sentence {finding.why!r}"
        for ref in (*finding.obligations, *finding.reschedules, *finding.suspends):
            if ref not in tree.obligations:
                yield f"{where}: unknown obligation {ref!r}"
        yield from (f"{where}: unknown note {ref!r}" for ref in finding.notes if ref not in tree.notes)
        # The "needs review" line sends the reader to the notes marked so: they must match.
        open_notes = [ref for ref in finding.notes if ref in tree.notes and tree.notes[ref].kind == "review"]
        if finding.review and not open_notes:
            yield f"{where}: needs review, but none of its notes is marked for review"
        if open_notes and not finding.review:
            yield f"{where}: note {open_notes[0]!r} is marked for review, but the finding does not need review"
        if finding.starts is not None and finding.starts not in tree.milestones:
            yield f"{where}: unknown milestone {finding.starts!r}"
        for question_id in finding.decisive_answers:
            if question_id not in tree.questions:
                yield f"{where}: decisive answers of unknown question {question_id!r}"
    answer_facts = {f"{q.id}:{o.id}" for q in tree.questions.values() for o in q.options}
    defined: set[str] = set()
    for derived in tree.derived:
        yield from _unknown_facts(f"derived fact {derived.id!r}", derived.when, answer_facts | defined)
        defined.add(derived.id)
    for finding in tree.findings:
        yield from _unknown_facts(f"finding {finding.id!r}", finding.when, answer_facts | defined)
    for node, branches in _all_branches(tree):
        for branch in branches:
            if branch.when is not None:
                yield from _unknown_facts(f"{node!r} next", branch.when, answer_facts | defined)


def _unknown_facts(where: str, condition: Condition, known: set[str]) -> Iterator[str]:
    for fact in condition.facts():
        if fact not in known:
            yield f"{where}: unknown fact {fact!r} (not an answer, nor a derived fact defined above)"


def _all_branches(tree: Tree):
    for question in tree.questions.values():
        if question.next:
            yield question.id, question.next
        for option in question.options:
            if option.next:
                yield f"{question.id}:{option.id}", option.next
    for route in tree.routes.values():
        yield route.id, route.next


# ----------------------------------------------------------------------------- citations


def _citations(tree: Tree) -> Iterator[str]:
    cited = [
        *((f"question {key!r}", entry.citations) for key, entry in tree.questions.items()),
        *(
            (f"question {key!r} option {option.id!r}", option.citations)
            for key, entry in tree.questions.items()
            for option in entry.options
        ),
        *((f"obligation {key!r}", entry.cited_for(set())) for key, entry in tree.obligations.items()),
        *((f"note {key!r}", entry.citations) for key, entry in tree.notes.items()),
        *((f"role {key!r}", entry.citations) for key, entry in tree.roles.items()),
        *((f"milestone {key!r}", entry.citations) for key, entry in tree.milestones.items()),
        *((f"finding {entry.id!r} decisive", entry.decisive) for entry in tree.findings),
    ]
    for where, refs in cited:
        for ref in refs:
            try:
                citation = citations.parse(ref)
            except ValueError:
                yield f"{where}: citation {ref!r} is not of a known form"
                continue
            if not citation.exists():
                yield f"{where}: citation {ref!r} does not exist in the regulation as amended"


# ----------------------------------------------------------------------------- routing


def _routing(tree: Tree) -> Iterator[str]:
    nodes = set(tree.questions) | set(tree.routes) | {END}
    if tree.start not in nodes - {END}:
        yield f"start {tree.start!r} is not a question or route"
    for node, branches in _all_branches(tree):
        for position, branch in enumerate(branches):
            if branch.goto not in nodes:
                yield f"{node!r}: leads to unknown node {branch.goto!r}"
            last = position == len(branches) - 1
            if last and branch.when is not None:
                yield f"{node!r}: the last branch must have no condition (the default)"
            if not last and branch.when is None:
                yield f"{node!r}: only the last branch may be unconditional"
    for question in tree.questions.values():
        where = f"question {question.id!r}"
        if question.kind == "multiple":
            if any(option.next for option in question.options):
                yield f"{where}: options of a multiple-choice question cannot have their own next"
            if not question.next:
                yield f"{where}: a multiple-choice question needs a next"
        else:
            if any(option.exclusive for option in question.options):
                yield f"{where}: only multiple-choice options can be exclusive"
            if not question.next and any(option.next is None for option in question.options):
                yield f"{where}: an option leads nowhere (no next on the option or the question)"


def _graph(tree: Tree) -> Iterator[str]:
    """Over every branch, conditions ignored: no cycle, and every node reached from the start."""
    from .engine import successors

    state: dict[str, str] = {}  # node -> "open" while on the current path, "done" after

    def visit(node: str, trail: list[str]) -> Iterator[str]:
        if node == END or state.get(node) == "done":
            return
        if state.get(node) == "open":
            cycle = trail[trail.index(node) :] + [node]
            yield "cycle: " + " -> ".join(cycle)
            return
        state[node] = "open"
        for target in successors(node, tree):
            yield from visit(target, trail + [node])
        state[node] = "done"

    yield from visit(tree.start, [])
    unreached = (set(tree.questions) | set(tree.routes)) - set(state)
    yield from (f"{node!r}: never reached from the start" for node in sorted(unreached))


def _paths(tree: Tree) -> Iterator[str]:
    """Over the real paths, conditions applied: every question, option and finding is used."""
    asked: set[str] = set()
    chosen: set[str] = set()
    fired: set[str] = set()
    from .engine import facts

    for state in walk(next(iter(tree.languages)), tree):
        known = facts(state.answers, tree)
        asked.update(question_id for question_id, _ in state.answers)
        chosen.update(f"{question_id}:{option_id}" for question_id, options in state.answers for option_id in options)
        fired.update(finding.id for finding in tree.findings if finding.when.holds(known))
    for question in tree.questions.values():
        if question.id not in asked:
            yield f"question {question.id!r}: no path asks it"
            continue
        for option in question.options:
            if f"{question.id}:{option.id}" not in chosen:
                yield f"question {question.id!r}: option {option.id!r} is never chosen on any path"
    yield from (f"finding {f.id!r}: holds on no path" for f in tree.findings if f.id not in fired)
    used_obligations = {ref for f in tree.findings for ref in f.obligations}
    yield from (f"obligation {key!r}: used by no finding" for key in tree.obligations if key not in used_obligations)
    used_notes = {ref for f in tree.findings for ref in f.notes}
    yield from (f"note {key!r}: used by no finding" for key in tree.notes if key not in used_notes)
