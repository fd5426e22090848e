"""Derive the index of citable provisions from the legal reference texts.

The decision tree's validation (and the docs tests) check every citation against this
index, so a citation to an article, paragraph, point, annex or recital that does not
exist fails the build. Run it again whenever the reference texts change:

    python -m site_tooling.extract_provisions LEGAL_TEXTS_DIR > decision_tree/data/provisions.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

CONSOLIDATED = "regulation-2024-1689-consolidated-2026-07-27-en.txt"
ORIGINAL = "regulation-2024-1689-en.txt"
AMENDING = "regulation-2026-1744-en.txt"

ARTICLE = re.compile(r"^\[#art_(\w+)\]$")
PARAGRAPH = re.compile(r"^\[#(\d{3}[A-Z]?)\.(\d{3})([A-Z]?)\]$")  # 004A.001: Art. 4a(1)
ANNEX = re.compile(r"^\[#anx_([IVX]+)\]$")
RECITAL = re.compile(r"^\[#rct_(\d+)\]$")
# Points sit two spaces in ("  (a) ...", "  (ba) ...", "  (14a) ..."); sub-points are deeper.
POINT = re.compile(r"^  \((\d+[a-z]?|[a-z]{1,2})\) ")
# Annex numbered items sit two spaces in too ("  1. Biometrics ..."), or at the margin.
ANNEX_ITEM = re.compile(r"^ {0,2}(\d+)\. ")
ANNEX_POINT = re.compile(r"^ {6}\(([a-z]{1,2})\) ")


def paragraph_id(number: str, letter: str) -> str:
    return f"{int(number)}{letter.lower()}"


def index_consolidated(lines: list[str]) -> dict:
    """Articles -> paragraphs -> points, and annexes -> items -> points."""
    articles: dict[str, dict[str, list[str]]] = {}
    annexes: dict[str, dict[str, list[str]]] = {}
    article = paragraph = annex = item = None
    for line in lines:
        if line.startswith("[quoted"):
            continue
        if match := ARTICLE.match(line):
            article, paragraph, annex = match.group(1), "", None
            articles[article] = {"": []}
        elif match := PARAGRAPH.match(line):
            paragraph = paragraph_id(match.group(2), match.group(3))
            articles[article].setdefault(paragraph, [])
        elif match := ANNEX.match(line):
            annex, item, article = match.group(1), "", None
            annexes[annex] = {"": []}
        elif annex is not None and (match := ANNEX_ITEM.match(line)):
            item = match.group(1)
            annexes[annex].setdefault(item, [])
        elif annex is not None and (match := ANNEX_POINT.match(line)):
            annexes[annex][item].append(match.group(1))
        elif article is not None and (match := POINT.match(line)):
            points = articles[article][paragraph]
            if match.group(1) not in points:  # a paragraph may list (a), (b)… twice (Art. 43(1))
                points.append(match.group(1))
    return {"articles": articles, "annexes": annexes}


def recitals(lines: list[str]) -> list[int]:
    return sorted({int(m.group(1)) for line in lines if (m := RECITAL.match(line))})


def article_numbers(lines: list[str]) -> list[str]:
    return [m.group(1) for line in lines if (m := ARTICLE.match(line))]


def build_index(legal_dir: Path) -> dict:
    read = lambda name: (legal_dir / name).read_text(encoding="utf-8").splitlines()  # noqa: E731
    amending = read(AMENDING)
    return {
        "ai_act": {
            **index_consolidated(read(CONSOLIDATED)),
            "recitals": recitals(read(ORIGINAL)),
        },
        "amending_act": {
            "articles": article_numbers(amending),
            "recitals": recitals(amending),
        },
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    json.dump(build_index(Path(argv[1])), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
