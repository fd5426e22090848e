"""Link previews and search engines: title, description, OpenGraph, Twitter card,
canonical and hreflang on every page; sitemap; the bilingual 404 page; the "not legal
advice" notice and the legal-basis date on every page."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from decision_tree.legal_basis import legal_basis
from docs_site import DOCS, LANGUAGES, OG_LOCALES, front_matter, page_path

SITE_NAMES = {"fr": "IA locale et AI Act", "en": "Local AI and the AI Act"}
FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _meta(soup, key: str) -> list[str]:
    return [m.get("content", "") for m in soup.find_all("meta", attrs={"property": key})] + [
        m.get("content", "") for m in soup.find_all("meta", attrs={"name": key})
    ]


def _one(soup, key: str) -> str:
    values = _meta(soup, key)
    assert len(values) == 1, f"expected one <meta {key}>, found {values}"
    assert values[0].strip(), f"<meta {key}> is empty"
    return values[0]


def _source(stem: str, lang: str):
    return DOCS / (f"{stem}.md" if lang == "fr" else f"{stem}.{lang}.md")


def _site_description(docs_config, lang: str) -> str:
    if lang == "fr":
        return " ".join(docs_config.site_description.split())
    for language in docs_config.plugins["i18n"].config.languages:
        if language.locale == lang:
            return " ".join(language.site_description.split())
    raise AssertionError(lang)


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_every_page_has_its_meta_tags(site, docs_config):
    problems = []
    for stem, lang, file in site.content_pages:
        soup = site.soup(file)
        where = file.relative_to(site.root)
        url = site.site_url + page_path(stem, lang)
        try:
            title = soup.title.get_text(strip=True) if soup.title else ""
            assert title, "empty <title>"
            description = _one(soup, "description")
            expected = front_matter(_source(stem, lang)).get("description") or _site_description(docs_config, lang)
            assert " ".join(description.split()) == " ".join(expected.split()), (
                f"meta description {description!r} is not the page's (or site's) description {expected!r}"
            )
            assert _one(soup, "og:title").strip()
            assert _one(soup, "og:description") == description
            assert _one(soup, "og:type") == ("website" if stem == "index" else "article")
            assert _one(soup, "og:url") == url, f"og:url {_one(soup, 'og:url')} != {url}"
            assert _one(soup, "og:site_name") == SITE_NAMES[lang]
            assert _one(soup, "og:locale") == OG_LOCALES[lang]
            assert _meta(soup, "og:locale:alternate") == [OG_LOCALES[o] for o in LANGUAGES if o != lang]
            image = _one(soup, "og:image")
            assert image.startswith(site.site_url), f"og:image {image} is not under site_url"
            image_file = site.file_for(image)
            assert image_file.is_file(), f"og:image {image} is not in the build"
            assert png_size(image_file) == (1200, 630), f"og:image is {png_size(image_file)}, not 1200x630"
            assert _one(soup, "twitter:card") == "summary_large_image"
            assert _one(soup, "twitter:title").strip()
            assert _one(soup, "twitter:description") == description
            assert _one(soup, "twitter:image") == image
            canonical = [link["href"] for link in soup.select('head link[rel~="canonical"]')]
            assert canonical == [url], f"canonical {canonical} != {url}"
        except AssertionError as error:
            problems.append(f"{where}: {error}")
    assert not problems, "\n".join(problems)


def test_absolute_urls_use_the_site_sub_path(site):
    root = urlsplit(site.site_url).path
    for _stem, _lang, file in site.content_pages:
        soup = site.soup(file)
        for key in ("og:url", "og:image", "twitter:image"):
            assert urlsplit(_one(soup, key)).path.startswith(root), f"{file}: {key} outside {root}"


def test_sitemap_lists_both_languages(site):
    sitemap = site.root / "sitemap.xml"
    assert sitemap.is_file(), "sitemap.xml is not built"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(sitemap)
    locations = {loc.text.strip() for loc in tree.getroot().findall("s:url/s:loc", ns)}
    expected = {site.site_url + page_path(stem, lang) for stem, lang, _ in site.content_pages}
    missing = sorted(expected - locations)
    assert not missing, f"sitemap.xml lacks {missing}"
    for url in tree.getroot().findall("s:url", ns):
        alternates = {link.get("hreflang") for link in url.findall("x:link", ns)}
        assert set(LANGUAGES) <= alternates, f"{url.find('s:loc', ns).text}: alternates {alternates}"


def test_404_page_is_bilingual(site):
    page = site.root / "404.html"
    assert page.is_file(), "404.html is not built"
    soup = site.soup(page)
    assert soup.html.get("lang") == "fr", "the root 404.html should be the default language's build"
    french, english = soup.select_one('article [lang="fr"]'), soup.select_one('article [lang="en"]')
    assert french is not None and english is not None, "the 404 page must mark a French and an English part"
    assert "introuvable" in french.get_text().lower()
    assert "not found" in english.get_text().lower()
    root = urlsplit(site.site_url).path
    links = {a.get("hreflang"): a["href"] for a in soup.select("article a[hreflang]")}
    assert links == {"fr": root, "en": root + "en/"}, f"404 links {links}, expected {root} and {root}en/"
    for href in links.values():
        assert site.file_for(site.site_url + href[len(root) :]).is_file()


def _date(day, lang: str) -> str:
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {FR_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_shows_the_notice_and_the_legal_basis_line(site, lang):
    """The footer says the legal basis in the one wording the assessment's results use."""
    from decision_tree import load_tree, share, views
    from decision_tree.paths import walk

    basis = legal_basis()
    result_line = views.result(share.decode(share.encode(next(iter(walk(lang)))), lang), basis.as_of)["legal_basis"]["line"]
    assert basis.line[lang] == result_line
    expected = [load_tree().ui["not_legal_advice"][lang], basis.line[lang]]
    assert _date(basis.as_of, lang) in basis.line[lang] and _date(basis.reviewed_on, lang) in basis.line[lang]
    problems = []
    for _stem, page_lang, file in site.content_pages:
        if page_lang != lang:
            continue
        notice = site.soup(file).select_one("article .ial-legal-notice")
        if notice is None:
            problems.append(f"{file.relative_to(site.root)}: no legal notice")
            continue
        text = re.sub(r"[ \t\n]+", " ", notice.get_text(" ")).strip()  # keeps the no-break spaces
        missing = [part for part in expected if part not in text]
        if missing:
            problems.append(f"{file.relative_to(site.root)}: missing {missing} in {text!r}")
    assert not problems, "\n".join(problems)


def test_templates_hold_no_legal_basis_date():
    """The dates come from decision_tree.legal_basis() through a hook, never from a template."""
    basis = legal_basis()
    root = DOCS.parent / "overrides"
    needles = {basis.as_of.isoformat(), basis.reviewed_on.isoformat(), str(basis.as_of.year)}
    for template in root.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        found = [n for n in needles if n in text]
        assert not found, f"{template.relative_to(DOCS.parent)} hard-codes {found}"
