"""Links to the law and its dates, written once in the pages and generated per language.

Citations. A page cites the law with a Markdown reference link whose reference is a
citation of `decision_tree.citations` (the catalogue the tree uses):

    [article 2, paragraphe 10][Art. 2(10)]   the author's link text
    [][Art. 2(10)]                           the citation's label in the page language

The hook checks that every such citation parses and exists in the regulation as amended
(a wrong one fails the build, naming the page), writes the label into empty link texts, and
appends the reference definitions: each citation's EUR-Lex URL in the page's language. So no
page writes a EUR-Lex URL (a test fails on one).

Dates. The timeline is data (`decision_tree/data/timeline.toml`), and pages write its dates
as tokens: `{{date:general-application}}` (a milestone's date), `{{date:high-risk-annex-iii:original}}`
(the date of the 2024 text where the 2026 amendment moved it), `{{date:as-of}}` and
`{{date:reviewed-on}}` (the legal basis). A ```` ```timeline ```` fence is replaced by the table
of every milestone: its first line is the table's header row (the page's words), and optional
lines `<milestone id>: <Markdown>` add the page's details under a milestone's label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mkdocs.exceptions import PluginError

from decision_tree import load_tree
from decision_tree.citations import parse
from decision_tree.wording import format_date
from site_tooling.hooks import common

# [text][ref]: link text without brackets, then a reference (not a footnote, "[^x]").
REFERENCE = re.compile(r"\[(?P<text>[^\[\]]*)\]\[(?P<ref>[^\[\]^][^\[\]]*)\]")
DEFINITION = re.compile(r"^ {0,3}\[(?P<id>[^\[\]]+)\]:", re.MULTILINE)
DATE = re.compile(r"\{\{date:(?P<id>[a-z0-9-]+)(?P<original>:original)?\}\}")
TIMELINE = re.compile(r"^```timeline[ \t]*\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
TIMELINE_CLASS = "ial-timeline"  # the generated table's container (the tests find it by it)


def on_page_markdown(markdown, page, config, files):
    try:
        return expand(markdown, common.current_language(config))
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def expand(markdown: str, lang: str) -> str:
    """The page's Markdown with its timeline table, dates and citation links generated."""
    markdown = with_timeline(markdown, lang)
    markdown = _outside_code(markdown, lambda text: DATE.sub(lambda match: _date(match, lang), text))
    refs = citation_refs(markdown)
    for ref in refs:
        citation = parse(ref)  # citation_refs only returns refs that parse
        if not citation.exists():
            raise ValueError(f"the citation {ref!r} names a provision that does not exist in the regulation as amended")

    def label(match: re.Match) -> str:
        ref = _normalise(match["ref"])
        if match["text"] or ref not in refs:
            return match[0]
        return f"[{parse(ref).label(lang)}][{ref}]"

    markdown = _outside_code(markdown, lambda text: REFERENCE.sub(label, text))
    if not refs:
        return markdown
    definitions = "\n".join(f"[{ref}]: {parse(ref).url(lang)}" for ref in sorted(refs))
    return f"{markdown.rstrip()}\n\n{definitions}\n"


def with_timeline(markdown: str, lang: str) -> str:
    """The page's Markdown with its timeline fences replaced by the table."""
    return TIMELINE.sub(lambda match: timeline_table(match["body"], lang), markdown)


def citation_refs(markdown: str) -> set[str]:
    """The citations a page's Markdown writes as reference links (outside code blocks).

    A reference the page does not define itself must be a citation: a ValueError names one
    that does not parse (a typo would otherwise show the brackets as text)."""
    defined = {_normalise(match["id"]).lower() for match in DEFINITION.finditer(markdown)}
    refs = set()
    for chunk in _prose(markdown):
        for match in REFERENCE.finditer(chunk):
            ref = _normalise(match["ref"])
            if ref.lower() in defined:
                continue
            try:
                parse(ref)
            except ValueError:
                raise ValueError(f"[{match['text']}][{ref}] is not a citation (see decision_tree/citations.py)") from None
            refs.add(ref)
    return refs


def timeline_table(body: str, lang: str) -> str:
    """The application dates as a Markdown table: one row per milestone of timeline.toml."""
    lines = [line for line in body.splitlines() if line.strip()]
    if not lines or not lines[0].lstrip().startswith("|"):
        raise ValueError("a timeline fence starts with the table's header row (| Date | … |)")
    header, columns = lines[0].strip(), lines[0].strip().strip("|").count("|") + 1
    if columns != 4:
        raise ValueError("the timeline table has four columns: date, what applies, original date, citations")
    milestones = load_tree().milestones
    details = {}
    for line in lines[1:]:
        milestone_id, _, text = line.partition(":")
        if milestone_id.strip() not in milestones:
            raise ValueError(f"timeline fence: {milestone_id.strip()!r} is not a milestone of timeline.toml")
        details[milestone_id.strip()] = text.strip()
    rows = [header, "|" + "---|" * columns]
    for milestone in sorted(milestones.values(), key=lambda milestone: milestone.date):
        what = milestone.label[lang] + (f"<br>{details[milestone.id]}" if milestone.id in details else "")
        original = f"**{format_date(milestone.original, lang)}**" if milestone.original else "–"
        cited = "<br>".join(f"[][{ref}]" for ref in milestone.citations)
        rows.append(f"| {format_date(milestone.date, lang)} | {what} | {original} | {cited} |")
    table = "\n".join(rows)
    return f'<div class="{TIMELINE_CLASS}" markdown>\n\n{table}\n\n</div>'


def _date(match: re.Match, lang: str) -> str:
    tree, key = load_tree(), match["id"]
    basis = {"as-of": "as_of", "reviewed-on": "reviewed_on"}
    if key in basis and not match["original"]:
        return format_date(tree.legal_basis[basis[key]], lang)
    milestone = tree.milestones.get(key)
    if milestone is None:
        raise ValueError(f"{match[0]}: no milestone {key!r} in timeline.toml (nor as-of, reviewed-on)")
    if match["original"]:
        if milestone.original is None:
            raise ValueError(f"{match[0]}: the milestone {key!r} has no original date")
        return format_date(milestone.original, lang)
    return format_date(milestone.date, lang)


def _normalise(ref: str) -> str:
    return " ".join(ref.split())


def _prose(markdown: str) -> Iterator[str]:
    """The runs of lines outside fenced code blocks."""
    for is_code, text in _chunks(markdown):
        if not is_code:
            yield text


def _outside_code(markdown: str, change) -> str:
    return "".join(text if is_code else change(text) for is_code, text in _chunks(markdown))


def _chunks(markdown: str) -> Iterator[tuple[bool, str]]:
    """(is fenced code, text) runs of lines, in order; joined, they give the Markdown back."""
    fence, run, in_code = None, [], False
    for line in markdown.splitlines(keepends=True):
        match = FENCE.match(line)
        opening = fence is None and match is not None
        if opening and run:
            yield False, "".join(run)
            run = []
        run.append(line)
        if opening:
            fence = match.group(1)
            in_code = True
        elif fence is not None and match is not None and line.strip() == match.group(1) and match.group(1)[0] == fence[0]:
            yield True, "".join(run)
            fence, run, in_code = None, [], False
    if run:
        yield in_code, "".join(run)
