"""The tree's data model, built from the TOML files in decision_tree/data/."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from .errors import TreeError
from .resources import read_json, read_toml

END = "end"
Text = dict[str, str]  # {"fr": ..., "en": ...}: one entry per language of the catalogue
# A duty owed by either role is shown as the reader's own when they hold one of the two only.
EITHER_ROLE = {"provider-or-deployer": ("provider", "deployer"), "importer-or-distributor": ("importer", "distributor")}


@dataclass(frozen=True)
class Condition:
    """Holds when every `all` fact, at least one `any` fact (if listed) and no `none` fact is present."""

    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # As sets once, because every path of the tree tests every condition (set operations run in C).
        object.__setattr__(self, "_all", frozenset(self.all))
        object.__setattr__(self, "_any", frozenset(self.any))
        object.__setattr__(self, "_none", frozenset(self.none))

    def holds(self, facts: Set[str]) -> bool:
        return self._all <= facts and (not self._any or not self._any.isdisjoint(facts)) and self._none.isdisjoint(facts)

    def facts(self) -> tuple[str, ...]:
        return self.all + self.any + self.none


@dataclass(frozen=True)
class Branch:
    goto: str
    when: Condition | None = None


UNSURE_OPTION = "dont-know"


@dataclass(frozen=True)
class Option:
    id: str
    label: Text
    next: tuple[Branch, ...] | None = None
    exclusive: bool = False
    citations: tuple[str, ...] = ()  # what the answer means in law (e.g. the Annex III point)

    @property
    def is_unsure(self) -> bool:
        """Whether this is the "I don't know" option (by convention the id `dont-know`): the result names it as open."""
        return self.id == UNSURE_OPTION


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # "single" or "multiple"
    text: Text
    why: Text
    help: Text
    citations: tuple[str, ...]
    options: tuple[Option, ...]
    next: tuple[Branch, ...] | None

    def option(self, option_id: str) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)


@dataclass(frozen=True)
class Route:
    id: str
    next: tuple[Branch, ...]


@dataclass(frozen=True)
class Derived:
    id: str
    label: Text
    when: Condition


@dataclass(frozen=True)
class Finding:
    id: str
    when: Condition
    roles: tuple[str, ...] = ()
    obligations: tuple[str, ...] = ()
    reschedules: tuple[str, ...] = ()
    suspends: tuple[str, ...] = ()  # obligations other findings add that do not apply when this one holds
    notes: tuple[str, ...] = ()
    starts: str | None = None  # milestone id (`from` in the data)
    review: bool = False
    decisive: tuple[str, ...] = ()  # the provisions that decide this finding (citations)
    decisive_answers: tuple[str, ...] = ()  # questions whose chosen options' citations decide it
    role_reasons: dict[str, Text] = field(default_factory=dict)  # why the reader holds a role, here
    why: str | None = None  # names a verdict sentence of Tree.verdict_why_finding (whose order is their priority)


@dataclass(frozen=True)
class Obligation:
    id: str
    holder: str
    severity: str
    starts: str
    citations: tuple[str, ...]
    text: Text
    conditional: bool = False  # owed from its date only if something then happens (a design change)
    # A duty owed by either of two roles under each one's own articles: those articles, by role.
    role_citations: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def cited_for(self, roles: Set[str]) -> tuple[str, ...]:
        """Its citations for a reader holding these roles: the common ones, then the articles of the
        roles held among those it names (of each of them when none is held: the static tree, the
        affected reader)."""
        named = [role for role in self.role_citations if role in roles] or list(self.role_citations)
        return (*self.citations, *(ref for role in named for ref in self.role_citations[role]))


@dataclass(frozen=True)
class Milestone:
    id: str
    date: date
    original: date | None
    citations: tuple[str, ...]
    label: Text
    deadline: bool = False  # duties already running are due by this date, rather than starting on it


@dataclass(frozen=True)
class Note:
    id: str
    kind: str
    citations: tuple[str, ...]
    text: Text


@dataclass(frozen=True)
class Role:
    id: str
    citations: tuple[str, ...]
    label: Text
    reason: Text  # why a reader holds this role, in one line (a finding may say it more precisely)


@dataclass(frozen=True)
class AffectedScale:
    """The verdict scale of a reader affected by someone else's AI (labels.toml [verdicts.affected]).

    Such a reader holds `role` and owes nothing: their verdict says how the Act treats the use
    they are subject to, `from_severity` of the most severe duty the others owe in it."""

    role: str
    order: tuple[str, ...]  # from the mildest to the most severe
    from_severity: dict[str, str]  # severity (a verdict of the main scale) -> verdict of this scale


@dataclass(frozen=True)
class Language:
    """What differs by language besides the texts (labels.toml [languages.<code>])."""

    code: str
    name: str
    og_locale: str
    eurlex: str
    citation_style: str
    colon: str
    quotes: tuple[str, str]
    first_of_month: str
    date: str
    months: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # hashed by identity, so per-tree caches work
class Routing:
    """Only what routing needs: a frozen older tree (share-token format 1) is one of these."""

    start: str
    questions: dict[str, Question]
    routes: dict[str, Route]
    derived: tuple[Derived, ...]
    basis: date  # the legal basis the links of that format were made under


@dataclass(frozen=True, eq=False)  # hashed by identity, so per-tree caches work
class Tree:
    start: str
    questions: dict[str, Question]
    routes: dict[str, Route]
    derived: tuple[Derived, ...]
    findings: tuple[Finding, ...]
    obligations: dict[str, Obligation]
    milestones: dict[str, Milestone]
    notes: dict[str, Note]
    roles: dict[str, Role]
    verdicts: tuple[str, ...]  # the main scale, from the mildest to the most severe: also the severities of obligations
    affected: AffectedScale
    verdict_labels: dict[str, Text]  # every verdict of both scales
    verdict_why: dict[str, Text]
    # sentences more precise than a verdict's own, named by findings: id -> verdict -> text
    verdict_why_finding: dict[str, dict[str, Text]]
    ui: dict[str, Text]
    widget: dict[str, Text]
    errors: dict[str, Text]
    languages: dict[str, Language]  # in the site's order; the first is the default
    legal_basis: dict[str, Any]
    token_version: int

    @property
    def all_verdicts(self) -> tuple[str, ...]:
        """Every verdict a result can give: the main scale, then the affected reader's."""
        return self.verdicts + self.affected.order


SOURCES = ("tree.toml", "obligations.toml", "timeline.toml", "labels.toml", "meta.toml")


def load_sources() -> dict[str, dict]:
    """The raw data files, by name (tests mutate copies of these to build broken trees)."""
    return {name: read_toml(name) for name in SOURCES}


@cache
def load_tree() -> Tree:
    return build_tree(load_sources())


def build_tree(sources: dict[str, dict]) -> Tree:
    """Turn the raw data into a Tree; structural mistakes raise TreeError naming the entry."""
    tree, obligations, timeline, labels, meta = (sources[name] for name in SOURCES)
    try:
        return Tree(
            start=tree["start"],
            questions=_by_id(tree.get("questions", []), _question, "question"),
            routes=_by_id(tree.get("routes", []), _route, "route"),
            derived=tuple(_entry(raw, _derived, "derived fact") for raw in tree.get("derived", [])),
            findings=tuple(_entry(raw, _finding, "finding") for raw in tree.get("findings", [])),
            obligations=_by_id(obligations.get("obligations", []), _obligation, "obligation"),
            milestones=_by_id(timeline.get("milestones", []), _milestone, "milestone"),
            notes={key: _entry({"id": key, **raw}, _note, "note") for key, raw in labels["notes"].items()},
            roles={key: _entry({"id": key, **raw}, _role, "role") for key, raw in labels["roles"].items()},
            verdicts=tuple(labels["verdicts"]["order"]),
            affected=_entry(dict(labels["verdicts"]["affected"]), _affected_scale, "affected verdict scale"),
            verdict_labels=dict(labels["verdicts"]["label"]),
            verdict_why=dict(labels["verdicts"]["why"]),
            verdict_why_finding={key: dict(by_verdict) for key, by_verdict in labels["verdicts"].get("why_finding", {}).items()},
            ui=dict(labels["ui"]),
            widget=dict(labels["widget"]),
            errors=dict(labels["errors"]),
            languages={
                code: _entry({"code": code, **labels["languages"][code]}, _language, "language")
                for code in labels["languages"]["order"]
            },
            legal_basis=dict(meta["legal_basis"]),
            token_version=int(meta["share_token"]["version"]),
        )
    except KeyError as missing:
        raise TreeError(f"missing key {missing} in the tree's data") from None


@cache
def load_routing_v1() -> Routing:
    """The routing of share-token format 1, frozen when format 2 replaced it."""
    raw = read_json("token-v1-routing.json")
    return Routing(
        start=raw["start"],
        questions=_by_id(raw["questions"], _bare_question, "question"),
        routes=_by_id(raw["routes"], _route, "route"),
        derived=tuple(Derived(id=entry["id"], label={}, when=_condition(entry["when"])) for entry in raw["derived"]),
        basis=date.fromisoformat(raw["basis"]),
    )


def _entry(raw: dict, make, kind: str):
    try:
        return make(raw)
    except (KeyError, TypeError, ValueError) as problem:
        raise TreeError(f"{kind} {raw.get('id', '?')!r}: malformed ({problem!r})") from None


def _by_id(entries: list[dict], make, kind: str) -> dict:
    built: dict = {}
    for raw in entries:
        entry = _entry(raw, make, kind)
        if entry.id in built:
            raise TreeError(f"{kind} {entry.id!r}: defined twice")
        built[entry.id] = entry
    return built


def _condition(raw: dict) -> Condition:
    unknown = set(raw) - {"all", "any", "none"}
    if unknown:
        raise ValueError(f"unknown condition keys {sorted(unknown)}")
    return Condition(**{key: tuple(value) for key, value in raw.items()})


def _next(raw: str | list | None) -> tuple[Branch, ...] | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        return (Branch(goto=raw),)
    return tuple(Branch(goto=branch["goto"], when=_condition(branch["when"]) if "when" in branch else None) for branch in raw)


def _question(raw: dict) -> Question:
    return Question(
        id=raw["id"],
        kind=raw.get("kind", "single"),
        text=raw["text"],
        why=raw["why"],
        help=raw["help"],
        citations=tuple(raw.get("citations", ())),
        options=tuple(
            Option(
                id=option["id"],
                label=option["label"],
                next=_next(option.get("next")),
                exclusive=bool(option.get("exclusive", False)),
                citations=tuple(option.get("citations", ())),
            )
            for option in raw["options"]
        ),
        next=_next(raw.get("next")),
    )


def _bare_question(raw: dict) -> Question:
    """A question of a frozen routing: ids and routing only, no text."""
    return _question({"text": {}, "why": {}, "help": {}, **raw, "options": [{"label": {}, **o} for o in raw["options"]]})


def _affected_scale(raw: dict) -> AffectedScale:
    return AffectedScale(role=raw["role"], order=tuple(raw["order"]), from_severity=dict(raw["from_severity"]))


def _language(raw: dict) -> Language:
    return Language(**{**raw, "quotes": tuple(raw["quotes"]), "months": tuple(raw["months"])})


def _route(raw: dict) -> Route:
    return Route(id=raw["id"], next=_next(raw["next"]))


def _derived(raw: dict) -> Derived:
    return Derived(id=raw["id"], label=raw["label"], when=_condition(raw["when"]))


def _finding(raw: dict) -> Finding:
    return Finding(
        id=raw["id"],
        when=_condition(raw["when"]),
        roles=tuple(raw.get("roles", ())),
        obligations=tuple(raw.get("obligations", ())),
        reschedules=tuple(raw.get("reschedules", ())),
        suspends=tuple(raw.get("suspends", ())),
        notes=tuple(raw.get("notes", ())),
        starts=raw.get("from"),
        review=bool(raw.get("review", False)),
        decisive=tuple(raw.get("decisive", ())),
        decisive_answers=tuple(raw.get("decisive_answers", ())),
        role_reasons=dict(raw.get("role_reasons", {})),
        why=raw.get("why"),
    )


def _obligation(raw: dict) -> Obligation:
    return Obligation(
        id=raw["id"],
        holder=raw["holder"],
        severity=raw["severity"],
        starts=raw["from"],
        citations=tuple(raw["citations"]),
        text=raw["text"],
        conditional=raw.get("conditional", False),
        role_citations={role: tuple(refs) for role, refs in raw.get("role_citations", {}).items()},
    )


def _milestone(raw: dict) -> Milestone:
    return Milestone(
        id=raw["id"],
        date=raw["date"],
        original=raw.get("original"),
        citations=tuple(raw["citations"]),
        label=raw["label"],
        deadline=raw.get("deadline", False),
    )


def _note(raw: dict) -> Note:
    return Note(id=raw["id"], kind=raw["kind"], citations=tuple(raw["citations"]), text=raw["text"])


def _role(raw: dict) -> Role:
    return Role(id=raw["id"], citations=tuple(raw["citations"]), label=raw["label"], reason=raw["reason"])
