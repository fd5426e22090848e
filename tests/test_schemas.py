"""The data files match their JSON Schemas (schemas/); a broken copy is rejected, naming the entry.

The schemas hold the structure (which keys, of which type, ids in kebab-case, enums);
validation.py keeps what needs the whole tree (references, languages, routing, paths).
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

import fastjsonschema
import pytest

from decision_tree import citations

DATA = resources.files("decision_tree").joinpath("data")
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
DATA_FILES = sorted(entry.name for entry in DATA.iterdir() if entry.name.endswith(".toml")) + ["provisions.json"]


def schema_name(data_file: str) -> str:
    return data_file.rsplit(".", 1)[0] + ".schema.json"


@cache
def _raw(data_file: str):
    text = DATA.joinpath(data_file).read_bytes()
    return tomllib.loads(text.decode("utf-8")) if data_file.endswith(".toml") else json.loads(text)


def data(data_file: str):
    """A fresh copy of a data file, as a JSON Schema sees it: TOML dates become ISO strings."""
    return _as_json(copy.deepcopy(_raw(data_file)))


def _as_json(value):
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, datetime.date):  # tomllib gives datetime.date for a local date
        return value.isoformat()
    return value


@cache
def schema(data_file: str) -> dict:
    return json.loads((SCHEMAS / schema_name(data_file)).read_text(encoding="utf-8"))


@cache
def validator(data_file: str):
    return fastjsonschema.compile(schema(data_file))


# How an entry is named in a message, after the key that holds it (as validation.py names them).
SINGULAR = {
    "questions": "question",
    "options": "option",
    "routes": "route",
    "derived": "derived fact",
    "findings": "finding",
    "obligations": "obligation",
    "milestones": "milestone",
    "roles": "role",
    "notes": "note",
    "ui": "interface string",
    "widget": "widget string",
    "errors": "error message",
    "languages": "language",
}


def problem(data_file: str, content) -> str | None:
    """The first schema violation, as "<file>: <entry> <field>: <rule>", or None."""
    try:
        validator(data_file)(content)
    except fastjsonschema.JsonSchemaValueException as error:
        rule = error.message[len(error.name) :].strip()
        where = _where(content, error.path[1:])
        return f"{data_file}: {where}: {rule}" if where else f"{data_file}: {rule}"
    return None


def _where(content, path: list[str]) -> str:
    """Turn a path such as questions.3.options.1.id into "question 'licence' option 'x' id"."""
    words: list[str] = []
    node, parent_key = content, None
    for part in path:
        if isinstance(node, list):
            node = node[int(part)]
            if isinstance(node, dict) and "id" in node and parent_key in SINGULAR:
                words[-1] = f"{SINGULAR[parent_key]} {node['id']!r}"
            else:
                words[-1] = f"{words[-1]}[{part}]"
        else:
            node = node[part]
            if parent_key in SINGULAR and words and words[-1] == parent_key and part != "order":
                words[-1] = f"{SINGULAR[parent_key]} {part!r}"
            else:
                words.append(part)
        parent_key = part
    return " ".join(words)


# ----------------------------------------------------------------------------- the real data


def test_every_data_file_has_a_schema_and_every_schema_a_data_file():
    assert sorted(schema_name(name) for name in DATA_FILES) == sorted(path.name for path in SCHEMAS.glob("*.schema.json"))


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_the_data_file_matches_its_schema(data_file):
    assert schema(data_file)["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert problem(data_file, data(data_file)) is None


def test_definitions_shared_by_several_schemas_are_identical():
    """Each schema stands alone (an editor loads one file); the copies must not drift apart."""
    seen: dict[str, tuple[str, dict]] = {}
    for data_file in DATA_FILES:
        for name, definition in schema(data_file).get("definitions", {}).items():
            first = seen.setdefault(name, (data_file, definition))
            assert definition == first[1], f"definition {name!r} differs in {schema_name(data_file)} and {schema_name(first[0])}"


def _citations(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("citations", "decisive"):
                yield from item
            else:
                yield from _citations(item)
    elif isinstance(value, list):
        for item in value:
            yield from _citations(item)


def test_the_citation_pattern_accepts_what_the_parser_accepts():
    pattern = re.compile(schema("tree.toml")["definitions"]["citation"]["pattern"])
    refs = {ref for name in DATA_FILES if name.endswith(".toml") for ref in _citations(_raw(name))}
    refs |= {"Art. 4a", "Art. 5(1a)", "2026/1744 Recital 38", "Annex III(5)(b)"}
    wrong = {"article fifty", "Art 5", "Art. 5(1)(F)", "Annex 3", "2026/1744 Annex I", "Recital", " Art. 5"}
    for ref in refs | wrong:
        try:
            citations.parse(ref)
            parsed = True
        except ValueError:
            parsed = False
        assert bool(pattern.search(ref)) == parsed, ref


def test_dates_are_toml_dates_not_strings():
    """A quoted date would pass the schema (it sees dates as ISO strings) but not the engine."""
    dated = {
        "timeline.toml": [(m, key) for m in _raw("timeline.toml")["milestones"] for key in ("date", "original") if key in m],
        "meta.toml": [(_raw("meta.toml")["legal_basis"], key) for key in ("as_of", "reviewed_on")],
    }
    for data_file, places in dated.items():
        for table, key in places:
            assert type(table[key]) is datetime.date, f"{data_file}: {key} = {table[key]!r} must be a TOML date"


def test_a_third_language_needs_no_change_to_the_schemas():
    """The languages come from labels.toml [languages], never from the schemas."""

    def add_german(value):
        if isinstance(value, dict):
            if value and set(value) == {"fr", "en"} and all(isinstance(text, str) for text in value.values()):
                value["de"] = "[de] " + value["en"]
            for item in value.values():
                add_german(item)
        elif isinstance(value, list):
            for item in value:
                add_german(item)

    for data_file in DATA_FILES:
        content = data(data_file)
        add_german(content)
        if data_file == "labels.toml":
            languages = content["languages"]
            languages["order"].append("de")
            languages["de"] = {**languages["en"], "name": "Deutsch", "eurlex": "DE"}
        assert problem(data_file, content) is None


# ----------------------------------------------------------------------------- broken copies


def question(content, question_id):
    return next(q for q in content["questions"] if q["id"] == question_id)


def option(content, question_id, option_id):
    return next(o for o in question(content, question_id)["options"] if o["id"] == option_id)


def finding(content, finding_id):
    return next(f for f in content["findings"] if f["id"] == finding_id)


def route(content, route_id):
    return next(r for r in content["routes"] if r["id"] == route_id)


def _set(table, key, value):
    table[key] = value


# (file, how to break a copy of it, what the message must say)
DEFECTS = {
    # ids: lowercase kebab-case
    "option id not kebab-case": (
        "tree.toml",
        lambda t: option(t, "licence", "proprietary").update(id="Proprietary_Licence"),
        "question 'licence' option 'Proprietary_Licence' id: must match pattern",
    ),
    "question id not kebab-case": (
        "tree.toml",
        lambda t: question(t, "licence").update(id="Licence"),
        "question 'Licence' id: must match pattern",
    ),
    "route id not kebab-case": (
        "tree.toml",
        lambda t: route(t, "public-route").update(id="public route"),
        "route 'public route' id: must match pattern",
    ),
    "derived fact id not kebab-case": (
        "tree.toml",
        lambda t: t["derived"][0].update(id="Deployer"),
        "derived fact 'Deployer' id: must match pattern",
    ),
    "finding id not kebab-case": (
        "tree.toml",
        lambda t: finding(t, "ai-literacy").update(id="ai_literacy"),
        "finding 'ai_literacy' id: must match pattern",
    ),
    "obligation id not kebab-case": (
        "obligations.toml",
        lambda o: o["obligations"][0].update(id="AI-literacy"),
        "obligation 'AI-literacy' id: must match pattern",
    ),
    "milestone id not kebab-case": (
        "timeline.toml",
        lambda m: m["milestones"][0].update(id="entry_into_force"),
        "milestone 'entry_into_force' id: must match pattern",
    ),
    "role key not kebab-case": (
        "labels.toml",
        lambda lab: _set(lab["roles"], "Provider", lab["roles"].pop("provider")),
        "roles: must not contain {'Provider'} properties",
    ),
    "note key not kebab-case": (
        "labels.toml",
        lambda lab: _set(lab["notes"], "not_ai_system", lab["notes"].pop("not-ai-system")),
        "notes: must not contain {'not_ai_system'} properties",
    ),
    # texts: a table of language code -> non-empty text
    "text that is not a table of languages": (
        "tree.toml",
        lambda t: question(t, "eu-link").update(text="What is your link with the EU?"),
        "question 'eu-link' text: must be object",
    ),
    "blank text": (
        "tree.toml",
        lambda t: option(t, "licence", "proprietary")["label"].update(fr=" "),
        "question 'licence' option 'proprietary' label fr: must match pattern",
    ),
    "text under a key that is not a language code": (
        "obligations.toml",
        lambda o: o["obligations"][0]["text"].update(english="AI literacy"),
        "obligation 'ai-literacy' text: must not contain {'english'} properties",
    ),
    "text table with no language": (
        "timeline.toml",
        lambda m: m["milestones"][0].update(label={}),
        "milestone 'entry-into-force' label: must contain at least 1 properties",
    ),
    # enums
    "question kind neither single nor multiple": (
        "tree.toml",
        lambda t: question(t, "deployer-uses").update(kind="several"),
        "question 'deployer-uses' kind: must be one of ['single', 'multiple']",
    ),
    "note kind not info, analysis or review": (
        "labels.toml",
        lambda lab: lab["notes"]["not-ai-system"].update(kind="opinion"),
        "note 'not-ai-system' kind: must be one of ['info', 'analysis', 'review']",
    ),
    "obligation severity not a verdict": (
        "obligations.toml",
        lambda o: o["obligations"][0].update(severity="severe"),
        "obligation 'ai-literacy' severity: must be one of",
    ),
    "verdict order naming an unknown verdict": (
        "labels.toml",
        lambda lab: lab["verdicts"]["order"].append("banned"),
        "verdicts order[5]: must be one of",
    ),
    # required and allowed keys
    "question without why": (
        "tree.toml",
        lambda t: question(t, "licence").pop("why"),
        "question 'licence': must contain ['why'] properties",
    ),
    "question without options": (
        "tree.toml",
        lambda t: question(t, "licence").update(options=[]),
        "question 'licence' options: must contain at least 1 items",
    ),
    "misspelt option key": (
        "tree.toml",
        lambda t: option(t, "licence", "proprietary").update(lable=option(t, "licence", "proprietary").pop("label")),
        "question 'licence' option 'proprietary': must contain ['label'] properties",
    ),
    "unknown finding key": (
        "tree.toml",
        lambda t: finding(t, "ai-literacy").update(obligation=["ai-literacy"]),
        "finding 'ai-literacy': must not contain {'obligation'} properties",
    ),
    "exclusive that is not a boolean": (
        "tree.toml",
        lambda t: option(t, "deployer-uses", "none").update(exclusive="yes"),
        "question 'deployer-uses' option 'none' exclusive: must be boolean",
    ),
    "reschedules without a from milestone": (
        "tree.toml",
        lambda t: next(f for f in t["findings"] if "reschedules" in f).pop("from"),
        "missing dependency from for reschedules",
    ),
    "unknown top-level table": (
        "labels.toml",
        lambda lab: lab.update(month={"fr": "mois", "en": "month"}),
        "must not contain {'month'} properties",
    ),
    "interface string key not snake_case": (
        "labels.toml",
        lambda lab: lab["ui"].update({"legal-basis": {"fr": "Base", "en": "Basis"}}),
        "ui: must not contain {'legal-basis'} properties",
    ),
    # conditions and branches
    "empty condition": (
        "tree.toml",
        lambda t: finding(t, "ai-literacy").update(when={}),
        "finding 'ai-literacy' when: must contain at least 1 properties",
    ),
    "condition with an empty list": (
        "tree.toml",
        lambda t: finding(t, "ai-literacy").update(when={"any": []}),
        "finding 'ai-literacy' when any: must contain at least 1 items",
    ),
    "unknown condition key": (
        "tree.toml",
        lambda t: t["derived"][0].update(when={"some": ["activity:use-ready-made"]}),
        "derived fact 'deployer' when: must not contain {'some'} properties",
    ),
    "malformed fact": (
        "tree.toml",
        lambda t: t["derived"][0].update(when={"any": ["activity:use ready made"]}),
        "derived fact 'deployer' when any[0]: must match pattern",
    ),
    "branch without goto": (
        "tree.toml",
        lambda t: route(t, "public-route")["next"][-1].pop("goto"),
        "route 'public-route' next[1]: must contain ['goto'] properties",
    ),
    "next that is neither an id nor branches": (
        "tree.toml",
        lambda t: option(t, "what-is-it", "ai-system").update(next={"goto": "eu-link"}),
        "question 'what-is-it' option 'ai-system' next: must be string or array",
    ),
    "no branches": (
        "tree.toml",
        lambda t: route(t, "public-route").update(next=[]),
        "route 'public-route' next: must contain at least 1 items",
    ),
    # citations
    "malformed citation": (
        "tree.toml",
        lambda t: question(t, "licence")["citations"].append("article fifty"),
        "question 'licence' citations[",
    ),
    "citation listed twice": (
        "labels.toml",
        lambda lab: lab["roles"]["provider"]["citations"].append("Art. 3(3)"),
        "role 'provider' citations: must contain unique items",
    ),
    "obligation without citations": (
        "obligations.toml",
        lambda o: o["obligations"][0].update(citations=[]),
        "obligation 'ai-literacy' citations: must contain at least 1 items",
    ),
    "a role's articles empty": (
        "obligations.toml",
        lambda o: o["obligations"][0].update(role_citations={"deployer": []}),
        "obligation 'ai-literacy' role_citations deployer: must contain at least 1 items",
    ),
    # dates, languages, meta
    "date that is not a date": (
        "timeline.toml",
        lambda m: m["milestones"][0].update(date="1 August 2024"),
        "milestone 'entry-into-force' date: must be date",
    ),
    "language without months": (
        "labels.toml",
        lambda lab: lab["languages"]["en"].pop("months"),
        "language 'en': must contain",
    ),
    "language with eleven months": (
        "labels.toml",
        lambda lab: lab["languages"]["fr"]["months"].pop(),
        "language 'fr' months: must contain at least 12 items",
    ),
    "language order with a malformed code": (
        "labels.toml",
        lambda lab: lab["languages"]["order"].append("English"),
        "languages order[2]: must match pattern",
    ),
    "share-token version that is not a positive integer": (
        "meta.toml",
        lambda m: m["share_token"].update(version=0),
        "share_token version: must be bigger than or equal to 1",
    ),
    "provisions: an article that is not a number": (
        "provisions.json",
        lambda p: p["ai_act"]["articles"].update({"five": {"": []}}),
        "ai_act articles: must not contain {'five'} properties",
    ),
}


@pytest.mark.parametrize("defect", DEFECTS, ids=list(DEFECTS))
def test_each_structural_defect_is_rejected_and_named(defect):
    data_file, mutate, expected = DEFECTS[defect]
    content = data(data_file)
    mutate(content)
    message = problem(data_file, content)
    assert message is not None, f"{defect}: not rejected"
    assert message.startswith(f"{data_file}: ") and expected in message, message
