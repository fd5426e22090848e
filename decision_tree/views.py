"""What a reader sees, in their language: the engine's states and outcomes as JSON-ready dicts.

The engine decides (ids, milestones); this module words it: labels, citations linked in the
reader's language, dates written the language's way, "applies since / from" relative to the
day the view is computed.
"""

from __future__ import annotations

from datetime import date

from . import citations, engine, wording
from .engine import State
from .errors import AssessmentError
from .model import EITHER_ROLE, END, Finding, Tree, load_tree


def view(state: State, today: date, tree: Tree | None = None) -> dict:
    """What to show now: the current question, or the result once the questions end."""
    tree = tree or load_tree()
    if engine.current_node(state, tree) == END:
        return result(state, today, tree)
    return question_view(state, tree)


def question_view(state: State, tree: Tree | None = None) -> dict:
    tree = tree or load_tree()
    node = engine.current_node(state, tree)
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
        "citations": _cite(question.citations, lang),
        "options": [{"id": option.id, "label": option.label[lang], "exclusive": option.exclusive} for option in question.options],
        "selected": list(dict(state.remembered).get(node, ())),  # the reader's earlier choice, if any
        "progress": {"answered": answered, "at_most": answered + engine.longest_path(question.id, tree)},
        "can_go_back": answered > 0,
        "notices": notices(state, tree),
    }


def result(state: State, today: date, tree: Tree | None = None) -> dict:
    """The verdict, decisive provisions, roles, obligations (and their schedule), notes and answers."""
    tree = tree or load_tree()
    lang, outcome = state.lang, engine.outcome(state, tree)
    obligations = [
        _obligation(obligation_id, milestone, today, outcome.roles, lang, tree)
        for obligation_id, milestone in outcome.obligations
    ]
    reader_owes = tree.affected.role not in outcome.roles
    held = [finding for finding in tree.findings if finding.id in outcome.findings]  # in the tree's order
    return {
        "kind": "result",
        "lang": lang,
        "verdict": {
            "id": outcome.verdict,
            "label": tree.verdict_labels[outcome.verdict][lang],
            "why": _verdict_why(outcome.verdict, held, lang, tree),
        },
        "decisive": _cite(outcome.decisive, lang),
        "needs_review": outcome.needs_review,
        "review_text": _review_text(state, tree) if outcome.needs_review else None,
        "roles": [_role(role_id, held, lang, tree) for role_id in outcome.roles],
        # A reader affected by someone else's AI owes nothing: the list is what others owe them.
        "reader_owes": reader_owes,
        "obligations_heading": tree.ui["obligations" if reader_owes else "obligations_affected"][lang],
        "obligations": obligations,
        "schedule": schedule(obligations, lang, tree),
        "notes": [_note(note_id, lang, tree) for note_id in outcome.notes],
        "answers": [_answer(question_id, chosen, lang, tree) for question_id, chosen in state.answers],
        "findings": list(outcome.findings),
        "legal_basis": {
            "as_of": tree.legal_basis["as_of"].isoformat(),
            "reviewed_on": tree.legal_basis["reviewed_on"].isoformat(),
            "label": tree.legal_basis["label"][lang],
            "line": wording.legal_basis_line(lang, tree),
        },
        "computed_on": today.isoformat(),
        "computed_on_text": tree.ui["computed_on"][lang].format(date=wording.format_date(today, lang, tree)),
        "notices": notices(state, tree),
    }


def _review_text(state: State, tree: Tree) -> str:
    """The "needs review" line, naming the questions answered "I don't know" (the details say what each
    possible answer would give: alternatives.open_answers)."""
    lang, steps = state.lang, engine.unsure_steps(state.answers, tree)
    if not steps:
        return tree.ui["needs_review"][lang]
    questions = [wording.quote(tree.questions[state.answers[step][0]].text[lang], lang, tree) for step in steps]
    return tree.ui["needs_review_open"][lang].format(colon=wording.colon(lang, tree), questions=", ".join(questions))


def notices(state: State, tree: Tree) -> list[dict]:
    """Why an opened link does not replay exactly as it was made (empty for a current link)."""
    lang, said = state.lang, []
    if state.questions_changed:  # once nothing is left to ask, the reader is told what the result rests on
        key = "notice_questions_changed_done" if engine.current_node(state, tree) == END else "notice_questions_changed"
        text = tree.ui[key][lang]
        if state.dropped:  # named as the link writes them: an answer that no longer exists has no label
            dropped = ", ".join(state.dropped)
            text += " " + tree.ui["notice_dropped"][lang].format(colon=wording.colon(lang, tree), answers=dropped)
        said.append({"id": "questions-changed", "text": text})
    if state.link_basis is not None:
        text = tree.ui["notice_basis_changed"][lang].format(
            then=wording.format_date(state.link_basis, lang, tree),
            now=wording.format_date(tree.legal_basis["as_of"], lang, tree),
        )
        said.append({"id": "basis-changed", "text": text})
    return said


def _cite(refs, lang: str) -> list[dict]:
    return [citations.render(ref, lang) for ref in refs]


def _verdict_why(verdict: str, held: list[Finding], lang: str, tree: Tree) -> str:
    """The verdict's sentence: the first of the catalogue's more precise sentences (in its order, from
    the particular to the general) that a finding held names and that words this verdict, or the
    verdict's own."""
    named = {finding.why for finding in held}
    sentences = (by_verdict for key, by_verdict in tree.verdict_why_finding.items() if key in named)
    precise = [by_verdict[verdict] for by_verdict in sentences if verdict in by_verdict]
    return (precise[0] if precise else tree.verdict_why[verdict])[lang]


def _role(role_id: str, held: list[Finding], lang: str, tree: Tree) -> dict:
    """A role and why the reader holds it: the most specific reason a finding held gives (the last
    one that has one), or the role's own."""
    role = tree.roles[role_id]
    reasons = [finding.role_reasons[role_id] for finding in held if role_id in finding.role_reasons]
    reason = (reasons[-1] if reasons else role.reason)[lang]
    return {"id": role.id, "label": role.label[lang], "reason": reason, "citations": _cite(role.citations, lang)}


def _obligation(obligation_id: str, milestone_id: str, today: date, roles: tuple[str, ...], lang: str, tree: Tree) -> dict:
    obligation, milestone = tree.obligations[obligation_id], tree.milestones[milestone_id]
    applies = "since" if engine.applies_since(milestone_id, today, tree) else "from"
    held = [role for role in EITHER_ROLE.get(obligation.holder, ()) if role in roles]
    holder = held[0] if len(held) == 1 else obligation.holder
    return {
        "id": obligation.id,
        "text": obligation.text[lang],
        "severity": obligation.severity,
        "holder": {"id": holder, "label": tree.roles[holder].label[lang]},
        "citations": _cite(obligation.cited_for(set(held)), lang),
        "conditional": obligation.conditional,
        "applies": {
            "status": applies,
            "date": milestone.date.isoformat(),
            "original_date": milestone.original.isoformat() if milestone.original else None,
            "milestone": milestone.id,
            "deadline": milestone.deadline,
            "text": wording.when_owed(milestone, applies == "since", lang, tree),
            "date_text": wording.format_date(milestone.date, lang, tree),
            "until": wording.time_until(milestone.date, today, lang, tree) if applies == "from" else None,
            "original_text": (
                f"{wording.heading('original_date', lang, tree)} {wording.format_date(milestone.original, lang, tree)}"
                if milestone.original
                else None
            ),
        },
    }


def schedule(obligations: list[dict], lang: str, tree: Tree) -> dict:
    """The result's obligations as the result card lays them out: those that already apply, then
    one entry per later date (how long until it, the original date where the 2026 amendment
    moved it), each grouped by who owes them. Obligations are named by id (see "obligations")."""
    later: dict[str, list[dict]] = {}
    for obligation in obligations:
        if obligation["applies"]["status"] == "from":
            later.setdefault(obligation["applies"]["date"], []).append(obligation)
    dates = []
    for day in sorted(later):
        first = later[day][0]["applies"]
        dates.append(
            {
                "date": day,
                "date_text": first["date_text"],
                "until": first["until"],
                "original_date": next((o["applies"]["original_date"] for o in later[day] if o["applies"]["original_date"]), None),
                "original_text": next((o["applies"]["original_text"] for o in later[day] if o["applies"]["original_text"]), None),
                "milestones": list(dict.fromkeys(o["applies"]["milestone"] for o in later[day])),
                "holders": _by_holder(later[day]),
            }
        )
    applicable = [obligation for obligation in obligations if obligation["applies"]["status"] == "since"]
    return {
        "now": {"heading": tree.ui["applies_now"][lang], "holders": _by_holder(applicable)},
        "later": {"heading": tree.ui["applies_later"][lang], "dates": dates},
    }


def _by_holder(obligations: list[dict]) -> list[dict]:
    """[{"holder": {id, label}, "obligations": [ids]}], holders in order of first appearance."""
    groups: dict[str, dict] = {}
    for obligation in obligations:
        holder = obligation["holder"]
        groups.setdefault(holder["id"], {"holder": dict(holder), "obligations": []})["obligations"].append(obligation["id"])
    return list(groups.values())


def _note(note_id: str, lang: str, tree: Tree) -> dict:
    note = tree.notes[note_id]
    return {
        "id": note.id,
        "kind": note.kind,
        "kind_label": tree.ui[note.kind][lang],
        "text": note.text[lang],
        "citations": _cite(note.citations, lang),
    }


def _answer(question_id: str, chosen: tuple[str, ...], lang: str, tree: Tree) -> dict:
    question = tree.questions[question_id]
    return {
        "question_id": question_id,
        "question": question.text[lang],
        "options": [
            {
                "id": option_id,
                "label": question.option(option_id).label[lang],
                "citations": _cite(question.option(option_id).citations, lang),
            }
            for option_id in chosen
        ],
    }
