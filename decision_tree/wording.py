"""Plain-text wording shared by every output: dates, typography, condition sentences.

Nothing here escapes anything: the HTML renderer escapes what it puts in HTML, the Markdown
and Mermaid renderers use the text as is. Every word comes from the data catalogue
(labels.toml), every typographic rule from the language's settings.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from .engine import reading_order
from .model import Condition, Milestone, Tree, load_tree


def format_date(day: date, lang: str, tree: Tree | None = None) -> str:
    """The one way a date is written for readers in a language ("1er août 2026", "1 August 2026")."""
    language = (tree or load_tree()).languages[lang]
    number = language.first_of_month if day.day == 1 else str(day.day)
    return language.date.format(day=number, month=language.months[day.month - 1], year=day.year)


def when_owed(milestone: Milestone, started: bool, lang: str, tree: Tree) -> str:
    """When a duty is owed: "applies since", "applies from", or "due by" where the date is a
    deadline for duties that already run."""
    key = "applies_since" if started else "due_by" if milestone.deadline else "applies_from"
    return f"{tree.ui[key][lang]} {format_date(milestone.date, lang, tree)}"


def colon(lang: str, tree: Tree | None = None) -> str:
    return (tree or load_tree()).languages[lang].colon


def heading(key: str, lang: str, tree: Tree | None = None) -> str:
    """An interface label followed by the language's colon ("Verdict\u00a0:", "Verdict:")."""
    tree = tree or load_tree()
    return tree.ui[key][lang] + colon(lang, tree)


def quote(text: str, lang: str, tree: Tree | None = None) -> str:
    opening, closing = (tree or load_tree()).languages[lang].quotes
    return f"{opening}{text}{closing}"


def legal_basis_line(lang: str, tree: Tree | None = None) -> str:
    """The one wording of the legal basis, used by results, the CLI and every page's footer."""
    tree = tree or load_tree()
    basis = tree.legal_basis
    return tree.ui["legal_basis_line"][lang].format(
        colon=colon(lang, tree),
        label=basis["label"][lang],
        as_of=format_date(basis["as_of"], lang, tree),
        reviewed_on=format_date(basis["reviewed_on"], lang, tree),
    )


def question_number(question_id: str, tree: Tree) -> int:
    """The number a question has wherever numbers are shown (engine.reading_order)."""
    return _numbers(tree)[question_id]


@cache
def _numbers(tree: Tree) -> dict[str, int]:
    return {question_id: number for number, question_id in enumerate(reading_order(tree), start=1)}


def fact_label(fact: str, lang: str, tree: Tree) -> str:
    """A fact in words: an answer quoted with its question number, or a derived fact's label."""
    if ":" not in fact:
        return next(derived.label[lang] for derived in tree.derived if derived.id == fact)
    question_id, option_id = fact.split(":", 1)
    label = tree.questions[question_id].option(option_id).label[lang]
    return f"{quote(label, lang, tree)} (Q{question_number(question_id, tree)})"


def describe(condition: Condition, lang: str, tree: Tree) -> str:
    """A condition in words ("… and (… or …) and not: …")."""
    word = {key.removeprefix("word_"): text[lang] for key, text in tree.ui.items() if key.startswith("word_")}
    parts = []
    if condition.all:
        parts.append(word["and"].join(fact_label(fact, lang, tree) for fact in condition.all))
    if condition.any:
        parts.append("(" + word["or"].join(fact_label(fact, lang, tree) for fact in condition.any) + ")")
    if condition.none:
        parts.append(word["not"] + word["or"].join(fact_label(fact, lang, tree) for fact in condition.none))
    return word["and"].join(parts)


def counted(key: str, n: int, lang: str, tree: Tree | None = None) -> str:
    """A number with its noun: `<key>_one` for 1, `<key>_many` otherwise ("1 obligation", "5 obligations")."""
    tree = tree or load_tree()
    return tree.ui[f"{key}_{'one' if n == 1 else 'many'}"][lang].format(n=n)


def months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (28 Nov 2026 to 2 Dec 2027: 12)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def time_until(day: date, today: date, lang: str, tree: Tree | None = None) -> str:
    """How long until a later day: in days under a month, in months under two years, else in
    years and months ("tomorrow", "in 3 days", "in 12 months", "in 3 years", "in 3 years and 8 months");
    the exact date is always beside it."""
    tree = tree or load_tree()
    months = months_between(today, day)
    if months < 1:
        return counted("in_days", (day - today).days, lang, tree)
    if months < 24:
        return counted("in_months", months, lang, tree)
    years, months = divmod(months, 12)
    if not months:
        return counted("in_years", years, lang, tree)
    return tree.ui["in_years_and_months"][lang].format(
        years=counted("years", years, lang, tree), months=counted("months", months, lang, tree)
    )
