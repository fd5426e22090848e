"""The summary table's "Try it" links open the self-assessment pre-filled (#eval=<token>),
and the verdict each link names is the one the engine returns for its token.

Each link's text is the verdict label itself, so the check needs no guessing:
`[Concerned](../self-assessment/#eval=<token>)`. A row with a single link must show
that same verdict in its Verdict column; a row with variants names each variant before its
link (`bank: [Strongly concerned](...)`).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from docs_site import DOCS, verdict_link_problem

TODAY = date(2026, 11, 28)  # as the golden cases: every obligation of the tree has started
SOURCES = {"fr": DOCS / "summary.md", "en": DOCS / "summary.en.md"}
TARGET = "../self-assessment/"  # relative to /summary/ and /en/summary/: the same language
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]*)#eval=([^)\s]+)\)")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _rows(lang: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(Verdict cell, [(link text, target, token)]) for each row of the table that has links."""
    lines = SOURCES[lang].read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| Situation |"))
    verdict_column = _cells(lines[header]).index("Verdict")
    rows = []
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        rows.append((_cells(line)[verdict_column], LINK.findall(line)))
    return rows


def _links(lang: str) -> list[tuple[str, str, str]]:
    return [link for _, links in _rows(lang) for link in links]


@pytest.mark.parametrize("lang", SOURCES)
def test_every_row_links_to_the_assessment(lang):
    rows = _rows(lang)
    assert len(rows) == 8
    assert all(links for _, links in rows), "a row of the summary table has no #eval= link"
    text = SOURCES[lang].read_text(encoding="utf-8")
    assert text.count("#eval=") == len(_links(lang)), "an #eval= link is not in the table"
    bad = [target for _, target, _ in _links(lang) if target != TARGET]
    assert not bad, f"#eval= links must point to {TARGET!r}, not {bad}"


@pytest.mark.parametrize("lang", SOURCES)
def test_link_text_is_the_engine_verdict(lang):
    wrong = []
    for verdict_cell, links in _rows(lang):
        for text, _, token in links:
            if problem := verdict_link_problem(text, token, lang):
                wrong.append(problem)
        if len(links) == 1 and verdict_cell != f"**{links[0][0]}**":
            wrong.append(f"{links[0][2]}: Verdict column {verdict_cell!r}, link {links[0][0]!r}")
    assert not wrong, "\n".join(wrong)


def test_both_languages_link_the_same_tokens_in_the_same_order():
    french = [token for _, _, token in _links("fr")]
    english = [token for _, _, token in _links("en")]
    assert french == english
