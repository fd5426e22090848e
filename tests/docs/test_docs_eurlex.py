"""Links to the law and citations of the law.

- Every EUR-Lex link is in an allowed form, in the page's language, and its anchor
  names an article, annex or recital that exists.
- Every article (with paragraph and point when given) and annex cited in the visible
  text of a page exists in the regulation as amended (the provisions index).
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache

import pytest

from decision_tree.provisions import load_index

EURLEX_LANG = {"fr": "FR", "en": "EN"}
ELI_LANG = {"fr": "fra", "en": "eng"}
CONSOLIDATED, AI_ACT_2024, AMENDING_ACT = "02024R1689-20260727", "32024R1689", "32026R1744"

CELEX_LINK = re.compile(
    r"^https://eur-lex\.europa\.eu/legal-content/(?P<lang>FR|EN)/TXT/\?uri=CELEX:"
    r"(?P<celex>02024R1689-20260727|32024R1689|32026R1744)(?:#(?P<anchor>[^#]+))?$"
)
ELI_LINK = re.compile(r"^https://eur-lex\.europa\.eu/eli/reg/(?P<act>2024/1689|2026/1744)/oj/(?P<lang>fra|eng)$")


@lru_cache(maxsize=1)
def index() -> dict:
    return load_index()


def anchor_problem(celex: str, anchor: str) -> str | None:
    """Why `#anchor` does not exist in the act `celex` (None if it does)."""
    ai_act, amending = index()["ai_act"], index()["amending_act"]
    match = re.fullmatch(r"(art|anx|rct)_([0-9A-Za-z]+)", anchor)
    if match is None:
        return f"anchor #{anchor} is not #art_N, #anx_X or #rct_N"
    kind, value = match.groups()
    if celex in (CONSOLIDATED, AI_ACT_2024):
        if kind == "art" and value not in ai_act["articles"]:
            return f"article {value} does not exist in Reg. (EU) 2024/1689"
        if kind == "anx" and value not in ai_act["annexes"]:
            return f"annex {value} does not exist in Reg. (EU) 2024/1689"
        if kind == "rct":
            if celex == CONSOLIDATED:
                return "the consolidated text has no recitals: link recitals to CELEX:32024R1689"
            if not value.isdigit() or int(value) not in ai_act["recitals"]:
                return f"recital {value} does not exist in Reg. (EU) 2024/1689"
        return None
    # Regulation (EU) 2026/1744
    if kind == "art" and value not in amending["articles"]:
        return f"article {value} does not exist in Reg. (EU) 2026/1744"
    if kind == "anx":
        return "Reg. (EU) 2026/1744 has no annexes"
    if kind == "rct" and (not value.isdigit() or int(value) not in amending["recitals"]):
        return f"recital {value} does not exist in Reg. (EU) 2026/1744"
    return None


def eurlex_problem(href: str, lang: str) -> str | None:
    if (match := CELEX_LINK.match(href)) is not None:
        if match["lang"] != EURLEX_LANG[lang]:
            return f"language {match['lang']} on a '{lang}' page (use {EURLEX_LANG[lang]})"
        return anchor_problem(match["celex"], match["anchor"]) if match["anchor"] else None
    if (match := ELI_LINK.match(href)) is not None:
        if match["lang"] != ELI_LANG[lang]:
            return f"language {match['lang']} on a '{lang}' page (use {ELI_LANG[lang]})"
        return None
    return "not an allowed EUR-Lex form (legal-content/{FR|EN}/TXT/?uri=CELEX:… or eli/reg/…/oj/{fra|eng})"


def test_eurlex_links_are_well_formed_and_in_the_page_language(site):
    problems, count = [], 0
    for stem, lang, file in site.content_pages:
        for a in site.soup(file).find_all("a", href=True):
            href = a["href"].strip()
            if "eur-lex.europa.eu" not in href:
                continue
            count += 1
            if (problem := eurlex_problem(href, lang)) is not None:
                problems.append(f"{file.relative_to(site.root)}: {href} ({a.get_text(' ', strip=True)!r}): {problem}")
    assert not problems, f"{len(problems)} bad EUR-Lex links:\n" + "\n".join(problems[:60])
    if count == 0:
        pytest.skip("no EUR-Lex link in the pages yet")


# --------------------------------------------------------------------------- citations

_LETTERS = {"bis": "a", "ter": "b", "quater": "c", "quinquies": "d", "sexies": "e"}
_NUM = r"\d{1,3}(?:[a-z]{1,2}\b|\s(?:bis|ter|quater|quinquies|sexies)\b|er\b)?"
# English: Art. 50(2), Article 5(1)(f), Art. 4a; French: article 5, paragraphe 1, point f),
# art. 3, point 4), article 4 bis; lists: Articles 16 and 26, articles 8 à 15.
ARTICLE = re.compile(
    r"(?<![\w.])(?P<word>[Aa]rt(?:icles?|s?\.))\s*(?P<num>" + _NUM + r")"
    r"(?P<parens>(?:\s?\((?:\d{1,3}[a-z]{0,2}|[a-z]{1,3})\))*)"
    r"(?:,?\s*(?:paragraphe|par\.|§)\s*(?P<fpara>" + _NUM + r"))?"
    r"(?:,?\s*(?:premier|deuxième|troisième|quatrième|\w+ième)\s+alinéa"
    r"|,?\s*(?:first|second|third|fourth|fifth|sixth)\s+(?:sub)?paragraph)?"
    r"(?:,?\s*points?\s+\(?(?P<fpoint>\d{1,3}|[a-z]{1,2})(?:\s(?P<fpsuffix>bis|ter|quater))?\))?"
)
LIST_TAIL = re.compile(r"^(?:\s*(?:,|et|and|or|ou|à|to|–|-)\s*(" + _NUM + r")(?![\d/]))+")
ANNEX = re.compile(
    r"(?<![\w.])(?P<word>[Aa]nnex(?:es?)?)\s+(?P<annex>[IVX]{1,5})\b"
    r"(?:,\s*(?:section\s+[A-Z],\s*)?points?\s+(?P<item>\d{1,2})(?:\s?\(?(?P<point>[a-z])\))?)?"
)
# A citation followed by one of these cites another act: not checked.
OTHER_ACT_AFTER = re.compile(
    r"^[\s,]*(?:of\s+(?:the\s+)?(?:Directive|Regulation|Reg\.|Decision|Charter|Treaty|TFEU|TEU|GDPR|Convention)"
    r"|du\s+(?:règlement|RGPD|traité|TFUE)|de\s+la\s+(?:directive|décision|Charte|convention)"
    r"|de\s+l[’'](?:accord|acte)|GDPR|RGPD|TFEU|TFUE|TEU|TUE|DSA|DMA|EUDPR)",
    re.IGNORECASE,
)
# …unless it is one of the two acts this site is about.
THIS_ACT_AFTER = re.compile(
    r"^[\s,]*(?:of\s+(?:the\s+)?(?:Regulation|Reg\.)\s+\(EU\)\s+2024/1689|du\s+règlement\s+\(UE\)\s+2024/1689"
    r"|du\s+règlement\s+sur\s+l[’']IA|of\s+the\s+AI\s+Act|de\s+l[’']AI\s+Act|du\s+RIA)",
    re.IGNORECASE,
)
AMENDING_AFTER = re.compile(
    r"^[\s,]*(?:of\s+(?:the\s+)?(?:Regulation|Reg\.)\s+\(EU\)\s+2026/1744|du\s+règlement\s+\(UE\)\s+2026/1744)",
    re.IGNORECASE,
)
AMENDING_BEFORE = re.compile(r"(?:2026/1744|Digital Omnibus|omnibus numérique)\s*,?\s*$", re.IGNORECASE)
OTHER_ACT_BEFORE = re.compile(r"(?:Directive|directive|Regulation \(EU\) (?!2024/1689)\d{4}/\d+|règlement \(UE\) "
                              r"(?!2024/1689)\d{4}/\d+|GDPR|RGPD|TFEU|TFUE)\s*,?\s*$")


def _norm(number: str | None) -> str | None:
    if number is None:
        return None
    number = number.strip()
    parts = number.split()
    if len(parts) == 2 and parts[1] in _LETTERS:
        return parts[0] + _LETTERS[parts[1]]
    return re.sub(r"er$", "", number) if re.fullmatch(r"\d+er", number) else number


def article_problem(article: str, para: str | None, point: str | None, amending: bool) -> str | None:
    if amending:
        return None if article in index()["amending_act"]["articles"] else (
            f"article {article} does not exist in Reg. (EU) 2026/1744")
    articles = index()["ai_act"]["articles"]
    if article not in articles:
        return f"article {article} does not exist"
    paragraphs = articles[article]
    if para is None:
        if point is None:
            return None
        if point in paragraphs.get("", []) or any(point in pts for pts in paragraphs.values()):
            return None
        return f"article {article} has no point {point}"
    if para in paragraphs and para != "":
        if point is None or point in paragraphs[para]:
            return None
        return f"article {article}({para}) has no point ({point})"
    if para in paragraphs.get("", []):  # e.g. Art. 3(4): point 4 of an article without paragraphs
        return None
    return f"article {article} has no paragraph or point ({para})"


def _visible_text(soup) -> str:
    article = soup.select_one("article.md-content__inner")
    if article is None:
        return ""
    article = copy.copy(article)  # the parsed page is shared by the tests: do not edit it
    for hidden in article.select("code, pre, script, style, .headerlink, .ial-legal-notice"):
        hidden.decompose()
    text = article.get_text(" ")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s+([,.;:)\]])", r"\1", re.sub(r"([(\[])\s+", r"\1", text))


def citations(text: str):
    """(citation text, article, paragraph, point, act) for every article citation;
    act is "ai_act", "amending_act" or None (another act: not checked)."""
    for match in ARTICLE.finditer(text):
        after = text[match.end(): match.end() + 80]
        before = text[max(0, match.start() - 40): match.start()]
        if THIS_ACT_AFTER.match(after):
            act = "ai_act"
        elif AMENDING_AFTER.match(after) or AMENDING_BEFORE.search(before):
            act = "amending_act"
        elif OTHER_ACT_AFTER.match(after) or OTHER_ACT_BEFORE.search(before):
            act = None
        else:
            act = "ai_act"
        parens = re.findall(r"\(([^)]*)\)", match["parens"] or "")
        para = point = None
        if parens:
            if re.fullmatch(r"\d+[a-z]*", parens[0]):
                para = parens[0]
                point = parens[1] if len(parens) > 1 else None
            else:
                point = parens[0]
        if match["fpara"]:
            para = _norm(match["fpara"])
        if match["fpoint"]:
            point = match["fpoint"] + (_LETTERS[match["fpsuffix"]] if match["fpsuffix"] else "")
        yield match.group(0), _norm(match["num"]), para, point, act
        if match["word"].lower() in ("articles", "arts."):
            tail = LIST_TAIL.match(text[match.end():])
            if tail:
                for number in re.findall(_NUM, tail.group(0)):
                    yield f"{match.group(0)} … {number}", _norm(number), None, None, act


def annex_citations(text: str):
    for match in ANNEX.finditer(text):
        after = text[match.end(): match.end() + 80]
        if OTHER_ACT_AFTER.match(after) and not THIS_ACT_AFTER.match(after):
            continue
        yield match.group(0), match["annex"], match["item"], match["point"]


def annex_problem(annex: str, item: str | None, point: str | None) -> str | None:
    annexes = index()["ai_act"]["annexes"]
    if annex not in annexes:
        return f"annex {annex} does not exist"
    if item is None:
        return None
    if item not in annexes[annex]:
        return f"annex {annex} has no point {item}"
    if point is not None and point not in annexes[annex][item]:
        return f"annex {annex}, point {item} has no point ({point})"
    return None


def test_cited_articles_and_annexes_exist(site):
    problems, count = [], 0
    for stem, lang, file in site.content_pages:
        text = _visible_text(site.soup(file))
        for cited, article, para, point, act in citations(text):
            if act is None:
                continue
            count += 1
            if (problem := article_problem(article, para, point, act == "amending_act")) is not None:
                problems.append(f"{file.relative_to(site.root)}: {cited!r}: {problem}")
        for cited, annex, item, point in annex_citations(text):
            count += 1
            if (problem := annex_problem(annex, item, point)) is not None:
                problems.append(f"{file.relative_to(site.root)}: {cited!r}: {problem}")
    assert not problems, f"{len(problems)} citations of provisions that do not exist:\n" + "\n".join(problems[:60])
    if count == 0:
        pytest.skip("no citation found in the pages yet")


# --------------------------------------------------------------------------- the parser itself

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see Art. 50(2) for", [("50", "2", None, "ai_act")]),
        ("under Art. 5(1)(f).", [("5", "1", "f", "ai_act")]),
        ("Article 5(1)(ba) added", [("5", "1", "ba", "ai_act")]),
        ("Art. 3(4) defines", [("3", "4", None, "ai_act")]),
        ("new Art. 113(d)", [("113", None, "d", "ai_act")]),
        ("(Art. 113, third paragraph, point (b))", [("113", None, "b", "ai_act")]),
        ("(art. 113, troisième alinéa, point c))", [("113", None, "c", "ai_act")]),
        ("Art. 5(1), points (a) to (h)", [("5", "1", "a", "ai_act")]),
        ("Art. 4a", [("4a", None, None, "ai_act")]),
        ("l'art. 50, paragraphe 2, impose", [("50", "2", None, "ai_act")]),
        ("l'article 5, paragraphe 1, point f), interdit", [("5", "1", "f", "ai_act")]),
        ("article 5, paragraphe 1, point b bis)", [("5", "1", "ba", "ai_act")]),
        ("(art. 3, point 4))", [("3", None, "4", "ai_act")]),
        ("l'article 4 bis", [("4a", None, None, "ai_act")]),
        ("l'article 1er du règlement (UE) 2026/1744", [("1", None, None, "amending_act")]),
        ("Article 4(3) of Directive 2019/790", [("4", "3", None, None)]),
        ("Art. 9 GDPR", [("9", None, None, None)]),
        ("article 6 du RGPD", [("6", None, None, None)]),
        ("article 17 de la directive 2019/790", [("17", None, None, None)]),
        ("Articles 16 and 26", [("16", None, None, "ai_act"), ("26", None, None, "ai_act")]),
        ("articles 8 à 15", [("8", None, None, "ai_act"), ("15", None, None, "ai_act")]),
        ("Art. 50 of Regulation (EU) 2024/1689", [("50", None, None, "ai_act")]),
    ],
)
def test_citation_parser(text, expected):
    assert [(a, p, q, act) for _, a, p, q, act in citations(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Annex III, point 5(b)", [("III", "5", "b")]),
        ("l'annexe III, point 5 b)", [("III", "5", "b")]),
        ("annexe I, section A, points 11", [("I", "11", None)]),
        ("Annex XIII", [("XIII", None, None)]),
    ],
)
def test_annex_parser(text, expected):
    assert [(a, i, p) for _, a, i, p in annex_citations(text)] == expected


def test_checker_rejects_what_does_not_exist():
    assert article_problem("5", "1", "f", False) is None
    assert article_problem("200", None, None, False) is not None
    assert article_problem("50", "9", None, False) is not None
    assert article_problem("5", "1", "z", False) is not None
    assert annex_problem("XV", None, None) is not None
    assert eurlex_problem(
        "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:02024R1689-20260727#art_50", "fr") is None
    assert eurlex_problem(
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02024R1689-20260727#art_50", "fr") is not None
    assert eurlex_problem(
        "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:02024R1689-20260727#rct_12", "fr") is not None
    assert eurlex_problem("https://eur-lex.europa.eu/eli/reg/2024/1689/oj/eng", "en") is None
    assert eurlex_problem("https://eur-lex.europa.eu/eli/reg/2024/1689/oj", "en") is not None
