"""The site loads nothing from third-party hosts: no web fonts, no CDN scripts or styles,
no remote images or frames. Outbound links (<a href>) to EUR-Lex and other
documentation are fine; resources are not."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

# (tag, attribute, rel values that make a <link> a resource; None = any)
RESOURCE_ATTRIBUTES = (
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("frame", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
)
RESOURCE_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
}
CSS_URL = re.compile(r"""url\(\s*['"]?\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?((?:https?:)?//[^'")\s;]+)""", re.IGNORECASE)
# JavaScript that loads from a literal remote URL (src=, href=, CSS url(), imports).
# Case-sensitive on purpose: `new URL("https://…")` builds a URL, it loads nothing.
JS_LOADS = re.compile(
    r"""(?:\bsrc\s*=\s*|\bhref\s*=\s*|\burl\(\s*|importScripts\(\s*|\bimport\s*\(\s*|\bfrom\s*|@import\s+)"""
    r"""['"`]((?:https?:)?//[^'"`\s)]+)"""
)


def _third_party(url: str, base: str, site_url: str) -> bool:
    absolute = urljoin(base, url.strip())
    if urlsplit(absolute).scheme not in ("http", "https", ""):
        return False  # data:, blob:
    return not absolute.startswith(site_url)


def test_google_fonts_are_off(docs_config, site):
    assert docs_config.theme["font"] is False, "theme.font must be false (no Google Fonts)"
    for file in site.root.rglob("*"):
        if file.suffix in (".html", ".css", ".js") and file.is_file():
            text = file.read_text(encoding="utf-8", errors="replace")
            assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, (
                f"{file.relative_to(site.root)} references Google Fonts"
            )


def test_html_loads_no_third_party_resource(site):
    problems = []
    for file in site.html_files():
        base = site.url_of(file) if file.name != "404.html" else site.site_url + "404.html"
        soup = site.soup(file)
        for tag, attribute in RESOURCE_ATTRIBUTES:
            for element in soup.find_all(tag, attrs={attribute: True}):
                for url in re.split(r",\s*", element[attribute]) if attribute == "srcset" else [element[attribute]]:
                    url = url.strip().split(" ")[0]
                    if url and _third_party(url, base, site.site_url):
                        problems.append(f"{file.relative_to(site.root)}: <{tag} {attribute}={url!r}>")
        for link in soup.find_all("link", href=True):
            rels = {r.lower() for r in link.get("rel", [])}
            if rels & RESOURCE_RELS and _third_party(link["href"], base, site.site_url):
                problems.append(f"{file.relative_to(site.root)}: <link rel={sorted(rels)} href={link['href']!r}>")
        styles = [s.get_text() for s in soup.find_all("style")] + [e["style"] for e in soup.find_all(style=True)]
        for css in styles:
            for url in CSS_URL.findall(css) + CSS_IMPORT.findall(css):
                if _third_party(url, base, site.site_url):
                    problems.append(f"{file.relative_to(site.root)}: inline style loads {url!r}")
    assert not problems, "third-party resources:\n" + "\n".join(problems[:40])


def test_css_loads_no_third_party_resource(site):
    problems = []
    for file in site.root.rglob("*.css"):
        text = file.read_text(encoding="utf-8", errors="replace")
        for url in CSS_URL.findall(text) + CSS_IMPORT.findall(text):
            if _third_party(url, site.url_of(file), site.site_url):
                problems.append(f"{file.relative_to(site.root)}: {url}")
    assert not problems, "CSS loads third-party resources:\n" + "\n".join(problems)


def test_javascript_loads_no_third_party_resource(site):
    problems = []
    for file in site.root.rglob("*"):
        if file.suffix not in (".js", ".mjs") or not file.is_file():
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        for url in JS_LOADS.findall(text):
            if "${" in url:
                continue  # host computed at run time (template literal), not a fixed third party
            if _third_party(url, site.url_of(file), site.site_url):
                problems.append(f"{file.relative_to(site.root)}: {url}")
    assert not problems, "JavaScript loads third-party resources:\n" + "\n".join(problems)


def test_material_features_that_fetch_from_third_parties_are_unused(site, docs_config):
    """Material's bundle can fetch from third parties in two cases, both kept off:
    Mermaid diagrams (script from a CDN) and repository facts (GitHub API, with repo_url)."""
    assert not docs_config.repo_url, "repo_url makes Material query the GitHub API from the reader's browser"
    for _stem, _lang, file in site.content_pages:
        soup = site.soup(file)
        assert not soup.select(".mermaid, pre.mermaid, div.mermaid"), f"{file}: Mermaid diagram (loads a CDN script)"
        assert not soup.select('[data-md-component="source"]'), f"{file}: repository widget (calls the GitHub API)"
