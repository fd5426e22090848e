"""What decides your verdict: the answers that, given differently, change the verdict, the roles, or
what the reader owes and when.

For a finished state, each answer on the path is replayed with each other option of its
question (`engine.revisit` then `engine.answer`, so the reader's later answers are reused
wherever the new path still asks their questions). For a multiple-choice question each option
alone is tried, the exclusive "none of these" included. An alternative is reported when the
replay reaches a result whose verdict or roles (as a set) differ from the reader's, or, with
the same verdict and roles, other obligations or other dates (a system already on the market,
a public authority's impact assessment): `change` says which ("verdict", "roles", "duties").

What is not reported, and why:
- an alternative that changes nothing, or only notes or the review flag;
- one that changes only the roles or the obligations while the verdict stays the mildest of its
  scale: nothing is owed either way ("personal user" instead of "no role", or an affected
  reader's rights in another situation, tell the reader nothing);
- an obligations-only change when the verdict is a prohibition (another practice is as
  prohibited) or the reader is affected by someone else's AI (the rights of another situation),
  or behind questions the reader never answered: which obligations depends on
  those answers, so the question is counted in `open` instead;
- an alternative that stops at a question the reader never answered, unless every way of
  answering the questions it leads to gives one verdict and one set of roles (`settled`: the
  paths that continue it are walked, up to `SETTLED_LIMIT`, stopping at the first that differs).
  A settled alternative is reported like the others, worded "whatever you answer to the
  further questions this answer leads to", its link continuing at the first of them (with the
  reader's later answers, reused where they are asked). The others are only
  counted: the block then says, once, that some other answers lead to further questions
  (`open`), and the page's "Change" on each answer is where to explore them.

Answers the reader gave as "I don't know" are left out: the "I don't know" block
(`open_answers`) gives every possible answer to them. "I don't know" is never tried as an
alternative either: that not knowing would change the verdict says nothing about the law.

Grouping and ranking. The options of one question that give the same verdict and roles are
one item (the first in option order; the others are in `also`, each with its token), so ten
prohibited practices take one line. Answers that end the questions at once where the reader
went on come last: they are the gateways every result shares (is it AI, a link with the Union,
the exclusions, the prohibited practices), which matter less to a reader who already knows
them than the answers specific to their path. Then items that change the verdict come before
those that change only the roles, then those that change only obligations or dates; within
each, later answers come first: they are the
specific ones next to the verdict (the use, the role in the decision). At most `LIMIT` items
are shown at once, the gateways only when the path has no answer of its own that matters;
the others are behind "… and N more", with the total given.

The engine memoises every path prefix, and the id-level work is cached per path, so the
longest path costs a few milliseconds under CPython (tests/test_alternatives.py prints it).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice

from . import engine, share, wording
from .engine import Answer, State
from .model import END, Question, Tree, load_tree
from .paths import choices, finished_from

LIMIT = 5  # items shown at once; the others behind "… and N more"
CHANGES = ("verdict", "roles", "duties")  # what an alternative changes, in rank order
# Paths walked at most to find that an alternative's unanswered questions cannot change its
# verdict. Most such alternatives have fewer than 48 paths (a sample of the tree: 807 of 955);
# walking more would cost the longest results tens of milliseconds more in the browser.
SETTLED_LIMIT = 48


def what_decides(state: State, tree: Tree | None = None, limit: int = LIMIT) -> dict:
    """The "what decides your verdict" block of a finished state, in the reader's language.

    {"heading", "intro", "items": [...at most `limit`], "more_items": [the others, same form],
     "total", "more" (text or None), "none" (text when there is no item, else None),
     "open": {"questions": [ids], "text"} or None}
    """
    tree = tree or load_tree()
    lang = state.lang
    base, groups, open_questions = _alternatives(tree, state.lang, state.answers)
    items = [_item(group, base, state, tree) for group in groups]
    # The gateways every result shares wait behind "… and N more" when the path has its own.
    specific = sum(not _ends_at_once(group, state.answers) for group in groups)
    shown = min(limit, specific or limit)
    if len(groups) == shown + 1:
        shown += 1  # "… and 1 more" would hide one item behind a control as long as the item
    ui = tree.ui
    return {
        "heading": ui["what_decides"][lang],
        "intro": ui["what_decides_intro"][lang],
        "items": items[:shown],
        "more_items": items[shown:],
        "total": len(groups),
        "more": ui["what_decides_more"][lang].format(n=len(groups) - shown) if len(groups) > shown else None,
        "none": ui["what_decides_none"][lang] if not groups else None,
        "open": {
            "questions": list(open_questions),
            "text": ui["what_decides_open"][lang].format(
                colon=wording.colon(lang, tree),
                questions=", ".join(wording.quote(tree.questions[q].text[lang], lang, tree) for q in open_questions),
            ),
        }
        if open_questions
        else None,
    }


def open_answers(state: State, tree: Tree | None = None) -> dict | None:
    """What the reader's "I don't know" answers leave open: for each, every possible answer and
    the verdict it gives with the reader's other answers kept (or "further questions follow",
    with a token that continues from there). None when no answer is "I don't know".

    {"heading", "intro", "items": [{"step", "question_id", "question", "outcomes": [{"option",
     "verdict" (None when the questions that follow decide it), "finished", "text", "token"}]}]}
    """
    tree = tree or load_tree()
    lang, ui = state.lang, tree.ui
    steps = engine.unsure_steps(state.answers, tree)
    if not steps:
        return None
    base = engine.outcome(state, tree)
    items = []
    for step in steps:
        question_id = state.answers[step][0]
        question = tree.questions[question_id]
        outcomes = []
        for option in question.options:
            if option.is_unsure:
                continue
            after = engine.answer(engine.revisit(state, step), option.id, tree)
            finished = engine.current_node(after, tree) == END
            other = engine.outcome(after, tree) if finished else None
            verdict = other.verdict if other else (settled(after.answers, tree) or (None,))[0]
            label = tree.verdict_labels[verdict][lang] if verdict else None
            said = _outcome_words(label, finished, lang, tree) if label else ui["open_further"][lang]
            if other and other.verdict == base.verdict and set(other.obligations) != set(base.obligations):
                said = ui["same_verdict_other_duties"][lang].format(outcome=label)
            outcomes.append(
                {
                    "option": _option(question, option.id, lang),
                    "verdict": {"id": verdict, "label": label} if verdict else None,
                    "finished": finished,
                    "text": ui["open_if"][lang].format(
                        option=wording.quote(option.label[lang], lang, tree),
                        colon=wording.colon(lang, tree),
                        outcome=said,
                    ),
                    "token": share.encode(after, tree),
                }
            )
        items.append({"step": step, "question_id": question_id, "question": question.text[lang], "outcomes": outcomes})
    return {"heading": ui["open_heading"][lang], "intro": ui["open_intro"][lang], "items": items}


# ----------------------------------------------------------------------------- in ids (cached)

# (options tried, the state it gives: finished, or settled with the reader's later answers remembered)
_Alternative = tuple[tuple[str, ...], State]
# (step, question, verdict, roles, change: one of CHANGES, alternatives)
_Group = tuple[int, str, str, tuple[str, ...], str, tuple[_Alternative, ...]]


@lru_cache(maxsize=256)
def _alternatives(
    tree: Tree, lang: str, answers: tuple[Answer, ...]
) -> tuple[engine.Outcome, tuple[_Group, ...], tuple[str, ...]]:
    """(the reader's outcome, the groups that change the verdict, the roles or the obligations in
    rank order, the questions where some alternative leads to questions never answered)."""
    finished = State(lang, answers)
    base = engine.outcome(finished, tree)
    mildest = (tree.verdicts[0], tree.affected.order[0])
    gravest = (tree.verdicts[-1], tree.affected.order[-1])  # another prohibited practice's duties say nothing
    # An affected reader's rights in another situation say nothing either: they know their situation.
    duties_tell = base.verdict not in gravest and tree.affected.role not in base.roles
    groups: list[_Group] = []
    open_questions: list[str] = []
    unsure = engine.unsure_steps(answers, tree)  # the "I don't know" block lists every answer there
    for step, (question_id, chosen) in enumerate(answers):
        if step in unsure:
            continue
        question = tree.questions[question_id]
        by_outcome: dict[tuple, list] = {}
        for tried in candidates(question, chosen):
            after = engine.answer(engine.revisit(finished, step), tried, tree)
            duties = None  # the obligations and their dates, for a finished alternative
            if engine.current_node(after, tree) == END:
                other = engine.outcome(after, tree)
                verdict, roles, duties = other.verdict, other.roles, frozenset(other.obligations)
            elif found := settled(after.answers, tree):
                verdict, roles = found
            else:
                if question_id not in open_questions:
                    open_questions.append(question_id)
                continue
            if verdict != base.verdict:
                change = "verdict"
            elif base.verdict in mildest:
                continue
            elif set(roles) != set(base.roles):
                change = "roles"
            elif not duties_tell:
                continue
            elif duties is None:  # the questions that follow decide the obligations
                if question_id not in open_questions:
                    open_questions.append(question_id)
                continue
            elif duties != set(base.obligations):
                change = "duties"
            else:
                continue
            key = (verdict, frozenset(roles), duties if change == "duties" else None)
            entry = by_outcome.setdefault(key, [roles, change, []])
            entry[2].append((tried, after))
        for (verdict, *_), (roles, change, tried) in by_outcome.items():
            groups.append((step, question_id, verdict, roles, change, tuple(tried)))
    # stable: option order within a step
    groups.sort(key=lambda group: (_ends_at_once(group, answers), CHANGES.index(group[4]), -group[0]))
    # Then each question's items together, where its first one ranks: read as one answer's options.
    first = {}
    for position, group in enumerate(groups):
        first.setdefault(group[1], position)
    groups.sort(key=lambda group: first[group[1]])
    return base, tuple(groups), tuple(open_questions)


@lru_cache(maxsize=1024)
def settled(answers: tuple[Answer, ...], tree: Tree) -> tuple[str, tuple[str, ...]] | None:
    """(verdict, roles) when every finished path that continues `answers` gives this verdict and
    these roles (as a set), whatever is answered ("I don't know" included); None when two paths
    differ, or there are more than SETTLED_LIMIT of them."""
    start = State("", answers)
    question = tree.questions[engine.current_node(start, tree)]
    # First one path for each answer to the first open question: the verdict most often differs there.
    first_paths = (
        next(finished_from(State("", (*answers, (question.id, chosen))), tree))
        for chosen in islice(choices(question), SETTLED_LIMIT)
    )
    if len({engine.outcome(path, tree).verdict for path in first_paths}) > 1:
        return None
    found = None
    for count, path in enumerate(finished_from(start, tree)):
        other = engine.outcome(path, tree)
        if count == SETTLED_LIMIT or (found and (other.verdict, set(other.roles)) != (found[0], set(found[1]))):
            return None
        found = found or (other.verdict, other.roles)
    return found


def _ends_at_once(group: _Group, answers: tuple[Answer, ...]) -> bool:
    """Whether the group's answer ends the questions at once, where the reader went on: the
    gateways every result shares (not an AI system, no link with the Union, an exclusion, a
    prohibited practice), ranked after the answers specific to the reader's path."""
    step, *_, tried = group
    return len(tried[0][1].answers) == step + 1 < len(answers)


def candidates(question: Question, chosen: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The answers tried instead of `chosen`: each other option but "I don't know"; for a
    multiple-choice question, each option alone (the exclusive "none of these" included) unless
    it is the reader's answer."""
    return [(option.id,) for option in question.options if (option.id,) != chosen and not option.is_unsure]


# ----------------------------------------------------------------------------- in words


def _item(group: _Group, base: engine.Outcome, state: State, tree: Tree) -> dict:
    step, question_id, verdict, roles, change, tried = group
    lang, question = state.lang, tree.questions[question_id]
    chosen = state.answers[step][1]
    (first, first_state), others = tried[0], tried[1:]
    finished = engine.current_node(first_state, tree) == END
    verdict_label = tree.verdict_labels[verdict][lang]
    role_labels = [tree.roles[role_id].label[lang] for role_id in roles]
    roles_changed = set(roles) != set(base.roles)
    outcome_text = verdict_label
    # An affected reader never had a role with duties: "no role" would tell them nothing.
    if roles_changed and (roles or tree.affected.role not in base.roles):
        outcome_text += f" ({', '.join(role_labels) or tree.ui['none_role'][lang]})"
    if change == "duties":
        outcome_text = tree.ui["same_verdict_other_duties"][lang].format(outcome=outcome_text)
    outcome_text = _outcome_words(outcome_text, finished, lang, tree)
    return {
        "step": step,  # the answer's index on the path (the bridge's "revisit" step)
        "question_id": question_id,
        "question": question.text[lang],
        "chosen": [_option(question, option_id, lang) for option_id in chosen],
        "option": _option(question, first[0], lang),
        "change": change,
        "verdict": {"id": verdict, "label": verdict_label},
        "roles": [{"id": role_id, "label": label} for role_id, label in zip(roles, role_labels, strict=True)],
        "token": _token(first_state, tree),  # the result, or where the questions it leads to start
        "finished": finished,
        "text": tree.ui["what_decides_if"][lang].format(
            question=question.text[lang],
            option=wording.quote(question.option(first[0]).label[lang], lang, tree),
            chosen=tree.ui["word_and"][lang].join(wording.quote(question.option(o).label[lang], lang, tree) for o in chosen),
            colon=wording.colon(lang, tree),
            outcome=outcome_text,
        ),
        "also": [{**_option(question, options[0], lang), "token": _token(after, tree)} for options, after in others],
        "also_text": wording.counted("what_decides_same", len(others), lang, tree) if others else None,
    }


def _outcome_words(outcome: str, finished: bool, lang: str, tree: Tree) -> str:
    """The outcome as said after an alternative: as it is when the alternative ends the
    questions, else saying that the questions that follow cannot change it."""
    return outcome if finished else tree.ui["whatever_follows"][lang].format(outcome=outcome)


def _option(question, option_id: str, lang: str) -> dict:
    return {"id": option_id, "label": question.option(option_id).label[lang]}


def _token(after: State, tree: Tree) -> str:
    """A finished alternative's answers alone; one that leads to further questions keeps the
    reader's later answers, to be reused where those questions lead."""
    finished = engine.current_node(after, tree) == END
    return share.encode(after if not finished else State(after.lang, after.answers), tree)
