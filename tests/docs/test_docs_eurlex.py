"""Links to the law, and the dates of the timeline, come from the tree's catalogues.

- No page writes a EUR-Lex URL: pages cite the law as `[text][Art. 2(10)]` (or `[][Art. 2(10)]`
  for the label), and the citations hook (scripts/hooks/citations.py) generates the link
  from `decision_tree.citations` (the sources page shows the act's ELI identifier as text).
- Every citation a page writes parses and exists in the regulation as amended, and so does
  every article (and paragraph) of the AI Act the prose names without a link.
- Every EUR-Lex link of the built pages is one the catalogue makes for an existing
  provision, in the page's language.
- The timeline tables are timeline.toml: every milestone, its date, its original date and
  its citations, written the language's way.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from decision_tree import load_tree
from decision_tree.citations import parse
from decision_tree.provisions import load_index
from decision_tree.wording import format_date
from docs_site import DOCS, LANGUAGES, english_sources, french_sources
from site_tooling.hooks import citations as hook

EURLEX = re.compile(r"https?://(?:www\.)?eur-lex\.europa\.eu[^\s)\]>\"']*", re.IGNORECASE)


def markdown_sources() -> list:
    return sorted(DOCS.glob("*.md")) + sorted((DOCS / ".snippets").glob("*.md"))


def language_of(path) -> str:
    return "en" if path.name.endswith(".en.md") else "fr"


def test_no_page_writes_a_eurlex_url():
    problems = []
    for path in markdown_sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for url in EURLEX.findall(line):
                problems.append(f"{path.relative_to(DOCS)}:{number}: {url}")
    assert not problems, (
        "EUR-Lex URLs written by hand (cite the provision instead, e.g. [article 2, paragraphe 10][Art. 2(10)]):\n"
        + "\n".join(problems[:60])
    )


def test_every_citation_written_in_the_pages_parses_and_exists():
    problems, count = [], 0
    for path in [*french_sources(), *english_sources()]:
        markdown = path.read_text(encoding="utf-8")
        try:
            refs = hook.citation_refs(hook.with_timeline(markdown, language_of(path)))  # the table cites too
        except ValueError as error:
            problems.append(f"{path.name}: {error}")
            continue
        count += len(refs)
        problems += [f"{path.name}: {ref!r} does not exist" for ref in sorted(refs) if not parse(ref).exists()]
    assert not problems, "\n".join(problems)
    assert count > 100, "the pages cite the law through the citation syntax"


# Articles named in running text: "article 26, paragraphe 7" / "Art. 26(7)", "article 4 bis" / "Art. 4a".
PROSE_MENTION = {
    "fr": re.compile(
        r"\b(?:art\.|articles?)\s+(\d+(?: (?:bis|ter|quater|quinquies))?)(?:, paragraphe (\d+(?: (?:bis|ter|quater))?))?", re.I
    ),
    "en": re.compile(r"\b(?:Art\.|Articles?)\s+(\d+[a-z]?)(?:\((\d+[a-z]?)\))?"),
}
# A mention followed closely by another act's name cites that act, not the AI Act.
OTHER_ACT = re.compile(
    r"^[^.;]{0,60}?(?:directive|RGPD|GDPR|2016/679|2019/790|2019/1020|2026/1744|2011/93|TFUE|TFEU|Charte|Charter"
    r"|du règlement \(UE\) 20(?!24)|of Regulation \(EU\) 20(?!24))",
    re.I,
)
LATIN_TO_LETTER = {"bis": "a", "ter": "b", "quater": "c", "quinquies": "d"}


def _latin_to_letter(number: re.Match) -> str:
    return number[1] + LATIN_TO_LETTER[number[2]]


def prose_refs(markdown: str, lang: str) -> list[str]:
    """The AI Act articles a page names in running text, as citation strings ("Art. 4a(2)")."""
    refs = []
    for match in PROSE_MENTION[lang].finditer(markdown):
        if OTHER_ACT.match(markdown[match.end() : match.end() + 80]):
            continue
        article, paragraph = (
            re.sub(r"(\d+) (\w+)", lambda m: m[1] + LATIN_TO_LETTER[m[2]], part or "") for part in match.groups()
        )
        refs.append(f"Art. {article}" + (f"({paragraph})" if paragraph else ""))
    return refs


def test_every_article_the_prose_names_exists():
    problems, count = [], 0
    for path in markdown_sources():
        refs = prose_refs(path.read_text(encoding="utf-8"), language_of(path))
        count += len(refs)
        problems += [f"{path.name}: {ref}" for ref in refs if not parse(ref).exists()]
    assert not problems, "articles named in the text that do not exist in the AI Act as amended:\n" + "\n".join(problems)
    assert count > 300


def test_a_prose_mention_of_another_act_or_a_missing_article_is_told_apart():
    assert prose_refs("voir l'article 4 bis, et l'article 26, paragraphe 7.", "fr") == ["Art. 4a", "Art. 26(7)"]
    assert prose_refs("Art. 4(3) of Directive 2019/790; Art. 99(6a)", "en") == ["Art. 99(6a)"]
    assert not parse(prose_refs("article 114, paragraphe 2", "fr")[0]).exists()


@cache
def catalogue_urls(lang: str) -> frozenset[str]:
    """Every URL the catalogue makes, in a language, for a provision that exists."""
    index = load_index()
    refs = ["2024/1689", "2024/1689 OJ", "2026/1744"]
    refs += [f"Art. {number}" for number in index["ai_act"]["articles"]]
    refs += [f"Annex {number}" for number in index["ai_act"]["annexes"]]
    refs += [f"Recital {number}" for number in index["ai_act"]["recitals"]]
    refs += [f"2026/1744 Art. {number}" for number in index["amending_act"]["articles"]]
    refs += [f"2026/1744 Recital {number}" for number in index["amending_act"]["recitals"]]
    return frozenset(parse(ref).url(lang) for ref in refs if parse(ref).exists())


def test_eurlex_links_of_the_built_pages_come_from_the_catalogue(site):
    problems, count = [], 0
    for _stem, lang, file in site.content_pages:
        for a in site.soup(file).find_all("a", href=True):
            href = a["href"].strip()
            if "eur-lex.europa.eu" not in href:
                continue
            count += 1
            if href not in catalogue_urls(lang):
                problems.append(f"{file.relative_to(site.root)}: {href} ({a.get_text(' ', strip=True)!r})")
    assert not problems, f"{len(problems)} EUR-Lex links the catalogue does not make:\n" + "\n".join(problems[:60])
    assert count > 1000


# --------------------------------------------------------------------------- the timeline


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_timeline_table_is_timeline_toml(site, lang):
    tables = site.soup(site.page_file("timeline", lang)).select(f"div.{hook.TIMELINE_CLASS} table")
    assert len(tables) == 1, "the timeline page has one generated dates table"
    rows = [row.find_all("td") for row in tables[0].select("tbody tr")]
    milestones = sorted(load_tree().milestones.values(), key=lambda milestone: milestone.date)
    assert len(rows) == len(milestones), "one row per milestone of timeline.toml"
    for milestone, (when, what, original, cited) in zip(milestones, rows, strict=True):
        assert when.get_text(strip=True) == format_date(milestone.date, lang), milestone.id
        assert what.get_text().startswith(milestone.label[lang]), milestone.id
        expected = format_date(milestone.original, lang) if milestone.original else "–"
        assert original.get_text(strip=True) == expected, milestone.id
        assert [a["href"] for a in cited.find_all("a")] == [parse(ref).url(lang) for ref in milestone.citations]
        assert [a.get_text() for a in cited.find_all("a")] == [parse(ref).label(lang) for ref in milestone.citations]


# --------------------------------------------------------------------------- the hook itself


def test_citation_links_are_generated_in_the_page_language():
    markdown = "Voir l'[article 2, paragraphe 10][Art. 2(10)] et le [][2026/1744 Recital 38].\n"
    expanded = hook.expand(markdown, "fr")
    assert "[article 2, paragraphe 10][Art. 2(10)]" in expanded
    assert "[règlement (UE) 2026/1744, considérant 38][2026/1744 Recital 38]" in expanded
    assert f"[Art. 2(10)]: {parse('Art. 2(10)').url('fr')}" in expanded
    assert "/EN/" in hook.expand(markdown, "en").split("\n\n")[-1]


def test_what_is_not_a_citation():
    with pytest.raises(ValueError, match="not a citation"):
        hook.expand("[article 5][Art 5]\n", "fr")  # a typo fails the build rather than showing brackets
    with pytest.raises(ValueError, match="does not exist"):
        hook.expand("[article 200][Art. 200]\n", "fr")
    # footnotes, references the page defines, and code are left alone
    page = "Text[^1] and [x][site].\n\n```\n[code][Art 5]\n```\n\n[site]: https://example.org/\n[^1]: Note.\n"
    assert hook.expand(page, "en") == page


def test_date_tokens():
    tree = load_tree()
    moved = next(milestone for milestone in tree.milestones.values() if milestone.original)
    text = hook.expand(f"{{{{date:{moved.id}}}}}, {{{{date:{moved.id}:original}}}}, {{{{date:reviewed-on}}}}", "en")
    assert text == ", ".join(format_date(day, "en") for day in (moved.date, moved.original, tree.legal_basis["reviewed_on"]))
    with pytest.raises(ValueError, match="no milestone"):
        hook.expand("{{date:no-such-milestone}}", "fr")


def test_timeline_fence_checks_its_milestones():
    with pytest.raises(ValueError, match="not a milestone"):
        hook.expand("```timeline\n| a | b | c | d |\nno-such-milestone: x\n```\n", "fr")
