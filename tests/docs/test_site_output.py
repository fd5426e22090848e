"""What scripts/hooks/site_output.py and the theme overrides leave in the built site: one search
index per language, Material pointed at it and at the site's search worker; a 404 page per
language; hreflang links Material's script ignores; a Content-Security-Policy with the hashes
of the page's own inline scripts; Subresource Integrity on every script."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest

from docs_site import LANGUAGES, page_path

EXECUTABLE = {None, "", "text/javascript", "application/javascript", "module"}


def _index(site, lang: str) -> dict:
    folder = site.root / ("search" if lang == "fr" else f"{lang}/search")
    return json.loads((folder / "search_index.json").read_text(encoding="utf-8"))


def _material_config(soup) -> dict:
    return json.loads(soup.select_one("script#__config").get_text())


def _policy(soup) -> dict[str, list[str]]:
    metas = soup.select('head meta[http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1, f"{len(metas)} CSP meta tags"
    return {part.split()[0]: part.split()[1:] for part in metas[0]["content"].split(";") if part.strip()}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_search_index(site, lang):
    index = _index(site, lang)
    assert index["config"]["lang"] == [lang]
    assert "stemmer" in index["config"]["pipeline"], "the site's search worker stems words"
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not [loc for loc in locations if loc.startswith("en/")], "English pages in an index"
    expected = {
        page_path(stem, lang)[3:] if lang == "en" else page_path(stem, lang)
        for stem, page_lang, _ in site.content_pages
        if page_lang == lang
    }
    assert expected <= locations, f"pages missing from the {lang} index: {sorted(expected - locations)}"
    words = " ".join(doc["text"] for doc in index["docs"])
    other = {"fr": "the", "en": "les"}[lang]
    assert len(re.findall(rf"\b{other}\b", words)) < 20, f"the {lang} index holds the other language's text"


def test_material_searches_the_pages_language_with_the_sites_worker(site):
    workers = site.root / "assets" / "javascripts" / "workers"
    for _stem, lang, file in site.content_pages:
        config = _material_config(site.soup(file))
        page_url = site.url_of(file)
        base = urljoin(page_url, config["base"])
        assert base == site.site_url + ("" if lang == "fr" else f"{lang}/"), f"{file}: search base {base}"
        worker = urlsplit(urljoin(page_url, config["search"]))
        assert worker.path.endswith("/assets/javascripts/workers/search-i18n.js"), config["search"]
        material = dict(part.split("=") for part in worker.query.split("&"))["worker"]
        assert (workers / material).is_file(), f"Material's worker {material} is not in the build"


def test_content_pages_load_the_search_deferral_before_materials_bundle(site):
    for _stem, _lang, file in site.content_pages:
        sources = [s["src"] for s in site.soup(file).select("body script[src]")]
        defer = next(i for i, src in enumerate(sources) if "search-defer.js" in src)
        bundle = next(i for i, src in enumerate(sources) if "/bundle." in src)
        assert defer < bundle, f"{file}: search-defer.js must run before Material's bundle"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_assessment_pages_first_paint_waits_for_the_first_question(site, lang):
    """The widget's stylesheet is requested with the theme's (before the head's first script),
    and `rel=expect` holds the first paint until the first question and its options are parsed:
    the question is not painted a frame after the header."""
    soup = site.soup(site.page_file("self-assessment", lang))
    head = [
        tag
        for tag in soup.head.find_all(["link", "script"])
        if tag.name == "script" or "stylesheet" in tag["rel"] or "expect" in tag["rel"]
    ]
    stylesheet = next(i for i, tag in enumerate(head) if tag.get("href", "").endswith("/assessment/assessment.css"))
    first_script = next(i for i, tag in enumerate(head) if tag.name == "script")
    assert stylesheet < first_script, "the widget's stylesheet comes after a script of the head"
    expects = [tag for tag in head if tag.name == "link" and "expect" in tag["rel"]]
    assert len(expects) == 1 and expects[0].get("blocking") == "render", expects
    screen = soup.select_one(expects[0]["href"])
    assert screen is not None and "dt-screen" in screen["class"], f"rel=expect points at {expects[0]['href']}"
    assert screen.select_one(".dt-step .dt-options .dt-option"), "the first question's options are not in the screen"
    # The screen ends within the page's first 64 KB (its early steps follow it at once): the
    # first paint does not wait for the page's no-JavaScript tree.
    raw = site.page_file("self-assessment", lang).read_bytes()
    assert raw.index(b'class="dt-early"') < 64 * 1024


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_widget_runs_once_arrived_with_its_imports_requested_from_the_head(site, lang):
    """The widget's module is `async` (it does not wait for the rest of the page, its
    no-JavaScript tree and the theme's script), and every module it imports, directly or not, is
    preloaded from the <head>, so that none waits for widget.js to be requested."""
    page = site.page_file("self-assessment", lang)
    soup = site.soup(page)
    (widget,) = [tag for tag in soup.select("script[type=module][src]") if "/assessment/widget.js" in tag["src"]]
    assert widget.has_attr("async") and widget.has_attr("integrity")
    folder = site.root / "assets" / "assessment"
    imported, pending = set(), ["widget.js"]
    while pending:
        for name in re.findall(r'^import [^;]*? from "\./([\w-]+\.js)";', (folder / pending.pop()).read_text(), re.M):
            if name not in imported:
                imported.add(name)
                pending.append(name)
    preloaded = {
        urlsplit(urljoin(str(page), tag["href"])).path.rsplit("/", 1)[1] for tag in soup.head.select("link[rel=modulepreload]")
    }
    assert imported and preloaded == imported


def test_a_404_page_per_language(site):
    root = urlsplit(site.site_url).path
    pages = {"fr": site.root / "404.html", "en": site.root / "en" / "404.html"}
    for lang, file in pages.items():
        soup = site.soup(file)
        assert soup.html["lang"] == lang
        parts = soup.select(".ial-404 > .ial-404__part")
        assert [p["lang"] for p in parts][0] == lang, "the page's language comes first"
        assert parts[0].find("h1") is not None and not parts[0].h1.find(attrs={"lang": True})
        script = soup.select_one('head script[src*="not-found.js"]')
        assert script is not None and script["data-root"] == root
        links = {a["hreflang"]: a["href"] for a in soup.select(".ial-404 a[hreflang]")}
        assert links == {"fr": root, "en": root + "en/"}
        search = soup.select_one("[data-md-component=search-query]")["placeholder"]
        assert search == {"fr": "Rechercher", "en": "Search"}[lang]


def _bundle_source(site, name: str) -> str:
    source_map = next((site.root / "assets" / "javascripts").glob("bundle.*.min.js.map"))
    sources = json.loads(source_map.read_text(encoding="utf-8"))
    pairs = zip(sources["sources"], sources["sourcesContent"], strict=True)
    return next(content for path, content in pairs if path.endswith(name))


def test_material_fetches_a_sitemap_only_beside_links_whose_rel_is_exactly_alternate(site):
    """Why our hreflang links say `rel="alternate "`: Material's script selects
    `link[rel=alternate]` (an exact value) and fetches "sitemap.xml" beside each one."""
    alternate = _bundle_source(site, "integrations/alternate/index.ts")
    assert 'getElements<HTMLLinkElement>("link[rel=alternate]")' in alternate, (
        "Material now selects alternate links differently: re-check the hreflang links in overrides/main.html"
    )
    assert "fetchSitemap(url)" in alternate


def test_every_page_has_hreflang_links_to_its_twins(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = ET.parse(site.root / "sitemap.xml").getroot()
    pairs = {
        url.find("s:loc", ns).text.strip(): {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        for url in sitemap.findall("s:url", ns)
    }
    for stem, lang, file in site.content_pages:
        links = site.soup(file).select("head link[hreflang]")
        found = {link["hreflang"]: link["href"] for link in links}
        url = site.site_url + page_path(stem, lang)
        assert found == {code: site.site_url + page_path(stem, code) for code in LANGUAGES}, f"{file}: {found}"
        assert found == pairs[url], f"{file}: hreflang links differ from sitemap.xml"
        assert all(link.get("rel") == ["alternate"] for link in links), "rel holds the one token 'alternate'"
        raw = re.findall(r"<link\b[^>]*\bhreflang=[^>]*>", file.read_text(encoding="utf-8"))
        assert raw and all('rel="alternate "' in tag for tag in raw), f"{file}: rel must not be exactly 'alternate'"


def _inline_hashes(soup) -> set[str]:
    hashes = set()
    for script in soup.find_all("script"):
        if script.get("src") or script.get("type") not in EXECUTABLE:
            continue
        digest = base64.b64encode(hashlib.sha256(script.string.encode("utf-8")).digest()).decode()
        hashes.add(f"'sha256-{digest}'")
    return hashes


def test_every_page_has_a_content_security_policy(site):
    problems = []
    for file in site.html_files():
        soup = site.soup(file)
        where = file.relative_to(site.root).as_posix()
        head = [el for el in soup.head.find_all(True, recursive=False)]
        if head[0].name != "meta" or not head[0].get("charset") or head[1].get("http-equiv") != "Content-Security-Policy":
            problems.append(f"{where}: the policy must follow <meta charset>, before any script")
            continue
        policy = _policy(soup)
        scripts = policy["script-src"]
        if scripts[0] != "'self'" or "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts:
            problems.append(f"{where}: script-src {scripts}")
        hashes = {source for source in scripts if source.startswith("'sha256-")}
        if hashes != _inline_hashes(soup):
            problems.append(f"{where}: hashes {sorted(hashes)} != inline scripts {sorted(_inline_hashes(soup))}")
        assessment = where in ("self-assessment/index.html", "en/self-assessment/index.html")
        if ("'wasm-unsafe-eval'" in scripts) != assessment:
            problems.append(f"{where}: 'wasm-unsafe-eval' {'missing' if assessment else 'present'}")
        for name, value in {
            "default-src": ["'self'"],
            "connect-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'none'"],
            "worker-src": ["'self'"],
        }.items():
            if policy.get(name) != value:
                problems.append(f"{where}: {name} {policy.get(name)}")
        if "frame-ancestors" in policy or "report-uri" in policy or "sandbox" in policy:
            problems.append(f"{where}: a directive a <meta> policy ignores")
    assert not problems, "\n".join(problems[:40])


def test_every_script_carries_its_integrity(site):
    root = urlsplit(site.site_url).path
    problems = []
    for file in site.html_files():
        for script in site.soup(file).select("script[src]"):
            src = script["src"]
            path = urlsplit(src).path
            target = site.root / path[len(root) :] if path.startswith("/") else (file.parent / path).resolve()
            data = target.read_bytes()
            expected = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
            if script.get("integrity") != expected:
                problems.append(f"{file.relative_to(site.root)}: {src} integrity {script.get('integrity')}")
            if not re.search(r"\.[0-9a-f]{8,}\.min\.js$", path) and f"v={hashlib.sha256(data).hexdigest()[:12]}" not in src:
                problems.append(f"{file.relative_to(site.root)}: {src} is not versioned by its content")
    assert not problems, "\n".join(problems[:40])
