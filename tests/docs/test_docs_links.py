"""Every internal link and anchor of the built site resolves; the language selector and
the hreflang links of each page point to the same page in the other language."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from docs_site import LANGUAGES, page_path

# Attributes that hold a URL the browser follows or loads.
URL_ATTRIBUTES = (
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("form", "action"),
)
# Schemes that are not documents of the site.
IGNORED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


def _page_url(site, file) -> str:
    rel = file.relative_to(site.root).as_posix()
    if rel == "404.html":
        # Served at any depth: everything in it must work from the site root.
        return site.site_url + "404.html"
    return site.url_of(file)


def test_internal_links_and_anchors_resolve(site):
    problems = []
    for file in site.html_files():
        base = _page_url(site, file)
        soup = site.soup(file)
        for tag, attribute in URL_ATTRIBUTES:
            for element in soup.find_all(tag, attrs={attribute: True}):
                href = element[attribute].strip()
                if not href or href.startswith(IGNORED_SCHEMES):
                    continue
                scheme = urlsplit(href).scheme.lower()
                if scheme and scheme not in ("http", "https"):
                    problems.append(f"{file.relative_to(site.root)}: unknown link scheme in {href!r}")
                    continue
                target_url = urljoin(base, href)
                if not target_url.startswith(site.site_url):
                    if urlsplit(target_url).netloc == urlsplit(site.site_url).netloc:
                        problems.append(f"{file.relative_to(site.root)}: {href!r} leaves the site's sub-path")
                    continue  # outbound link
                target = site.file_for(target_url)
                if not target.is_file():
                    problems.append(f"{file.relative_to(site.root)}: {href!r} -> missing {target.relative_to(site.root)}")
                    continue
                fragment = urldefrag(target_url)[1]
                if fragment.startswith("eval="):  # answers for the assessment, not an anchor
                    if not site.soup(target).select(".dt-widget"):
                        problems.append(f"{file.relative_to(site.root)}: {href!r} -> no assessment there")
                    continue
                if fragment and target.suffix == ".html" and fragment not in site.ids(target):
                    problems.append(
                        f"{file.relative_to(site.root)}: {href!r} -> no id {fragment!r} in {target.relative_to(site.root)}"
                    )
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems[:60])


def _twins(stem: str) -> dict[str, str]:
    return {lang: page_path(stem, lang) for lang in LANGUAGES}


def test_language_selector_points_to_the_same_page(site):
    problems = []
    for stem, _lang, file in site.content_pages:
        soup = site.soup(file)
        links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
        if set(links) != set(LANGUAGES):
            problems.append(f"{file.relative_to(site.root)}: language selector offers {sorted(links)}")
            continue
        for other, expected in _twins(stem).items():
            got = urljoin(site.url_of(file), links[other])
            if got != site.site_url + expected:
                problems.append(
                    f"{file.relative_to(site.root)}: selector '{other}' -> {got}, expected {site.site_url + expected}"
                )
    assert not problems, "\n".join(problems)


def test_hreflang_pairs_are_in_the_sitemap_and_point_to_the_twins(site):
    """hreflang pairs are in sitemap.xml (xhtml:link) and in <head>, where they are written
    rel="alternate " so that Material's script (which fetches "sitemap.xml" beside every
    element matching [rel=alternate] exactly) leaves them alone (tests/docs/test_site_output.py)."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        url.find("s:loc", ns).text.strip(): {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        for url in ET.parse(site.root / "sitemap.xml").getroot().findall("s:url", ns)
    }
    problems = []
    for stem, lang, file in site.content_pages:
        if 'rel="alternate"' in file.read_text(encoding="utf-8"):
            problems.append(f"{file.relative_to(site.root)}: a link Material would fetch a sitemap for")
        expected = {code: site.site_url + path for code, path in _twins(stem).items()}
        found = entries.get(site.site_url + page_path(stem, lang), {})
        if {code: found.get(code) for code in expected} != expected:
            problems.append(f"{file.relative_to(site.root)}: sitemap alternates {found}, expected {expected}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_lang_is_the_page_language(site, lang):
    wrong = [
        f"{file.relative_to(site.root)}: lang={site.soup(file).html.get('lang')!r}"
        for stem, page_lang, file in site.content_pages
        if page_lang == lang and site.soup(file).html.get("lang") != lang
    ]
    assert not wrong, "\n".join(wrong)
