"""Page-level conventions: H1 ids, titles, French numbering, and the assessment links of the
pages that explain a result.

- Every page's H1 has an explicit id, the same in both languages (the slug of each
  language's title would differ, and could collide with an H2's id).
- The front matter title never uses " - " as a separator (the H1s use " : " / ": ").
- French pages cite inserted provisions in the Official Journal's French numbering
  (« point b bis) », « paragraphe 1 bis », « article 4 bis »), in their own words and in the
  labels the citation hook writes.
- The explanatory pages link the self-assessment (#eval=<token>) with the verdict the engine
  gives for that token as the link text, as the summary table does.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from decision_tree import share, views
from decision_tree.citations import parse
from decision_tree.model import load_tree
from docs_site import DOCS, french_sources, twin_source, verdict_link_problem
from site_tooling.hooks.citations import citation_refs
from support import ENGLISH_STYLE_IN_FRENCH

TODAY = date(2026, 11, 28)
H1 = re.compile(r"^#\s(?P<title>.*?)(?:\s*\{[^}]*#(?P<id>[A-Za-z][\w-]*)[^}]*\})?\s*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]*)#eval=([^)\s]+)\)")
TARGET = "../self-assessment/"
RESULT_PAGES = ["reading-results", "changes-2026", "affected-persons"]
PAIRS = [path for path in french_sources() if twin_source(path).is_file()]


def _body(path: Path) -> list[str]:
    """The page's lines after its front matter."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0] == "---":
        lines = lines[lines.index("---", 1) + 1 :]
    return lines


def _h1(path: Path) -> re.Match | None:
    in_code = False
    for line in _body(path):
        if FENCE.match(line):
            in_code = not in_code
        elif not in_code and (match := H1.match(line)):
            return match
    return None


def _title(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1]).get("title", "")


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.name)
def test_h1_has_the_same_explicit_id_in_both_languages(path):
    french, english = _h1(path), _h1(twin_source(path))
    assert french and english, f"docs/{path.name} or its twin has no H1"
    assert french["id"], f"docs/{path.name}: the H1 has no explicit id ({{#id}})"
    assert french["id"] == english["id"], (
        f"H1 ids differ: docs/{path.name} #{french['id']}, docs/{twin_source(path).name} #{english['id']}"
    )


@pytest.mark.parametrize("path", PAIRS + [twin_source(p) for p in PAIRS], ids=lambda p: p.name)
def test_title_uses_the_h1_separator(path):
    title, h1 = _title(path), _h1(path)["title"]
    assert " - " not in title, f"docs/{path.name}: title {title!r} uses ' - ' (the H1 is {h1!r})"


@pytest.mark.parametrize("path", french_sources(), ids=lambda p: p.name)
def test_french_pages_use_the_french_numbering(path):
    """Footnote definitions ("[^num]: …") may quote the English numbering on purpose."""
    wrong = [
        f"line {number}: {match[0]!r}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if not line.startswith("[^")
        for match in ENGLISH_STYLE_IN_FRENCH.finditer(line)
    ]
    refs = citation_refs(path.read_text(encoding="utf-8"))
    wrong += [
        f"{ref}: label {parse(ref).label('fr')!r}"
        for ref in sorted(refs)
        if ENGLISH_STYLE_IN_FRENCH.search(parse(ref).label("fr"))
    ]
    assert not wrong, f"docs/{path.name}: English-style numbering in French:\n" + "\n".join(wrong)


def test_french_tooltips_use_the_french_numbering():
    text = (DOCS / ".snippets" / "abbreviations.md").read_text(encoding="utf-8")
    assert not ENGLISH_STYLE_IN_FRENCH.search(text)


def _links(stem: str, lang: str) -> list[tuple[str, str, str]]:
    name = f"{stem}.md" if lang == "fr" else f"{stem}.{lang}.md"
    return LINK.findall((DOCS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("stem", RESULT_PAGES)
def test_result_pages_link_the_verdict_they_state(stem, lang):
    links = _links(stem, lang)
    assert links, f"{stem} ({lang}) has no #eval= link to the self-assessment"
    wrong = []
    for text, target, token in links:
        if target != TARGET:
            wrong.append(f"{token}: links {target!r}, not {TARGET!r}")
            continue
        if problem := verdict_link_problem(text, token, lang):
            wrong.append(problem)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("stem", RESULT_PAGES)
def test_result_pages_link_the_same_tokens_in_both_languages(stem):
    assert [token for _, _, token in _links(stem, "fr")] == [token for _, _, token in _links(stem, "en")]


def test_reading_results_shows_every_verdict():
    """The page that explains the scale opens one example of each verdict."""
    tree_labels = {
        views.result(share.decode(token, "en"), TODAY)["verdict"]["label"] for _, _, token in _links("reading-results", "en")
    }
    assert len(tree_labels) == len(load_tree().all_verdicts)  # both scales: the affected reader's too
