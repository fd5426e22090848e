"""The site around the pages, in headless Chromium against the built site under its sub-path:
search per language (accents folded, index downloaded only when the search opens), the 404
page in the reader's language (served as GitHub Pages serves it), hreflang links, the
Content-Security-Policy of every page (assessment and search included, and a share link
carrying markup), and the assessment's headings kept below the sticky header on a phone."""

from __future__ import annotations

import http.client
import re
import threading
import unicodedata
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlsplit

import pytest

from steps import ASSESSMENT, TRANSITIONS_OVER, answer, current_is_multiple, current_question, open_assessment, verdict, walk
from support import CREDIT_SCORING, contrast_ratio

LANGUAGES = ("fr", "en")
HOME = {"fr": "", "en": "en/"}
CREDIT = CREDIT_SCORING
SEARCH_PLACEHOLDER = {"fr": "Rechercher", "en": "Search"}
SEARCH_DIALOG = {"fr": "Recherche", "en": "Search"}

# Collects Content-Security-Policy violations before any page script runs.
WATCH_CSP = """
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
  });
"""


def violations(watched, console: list[str]) -> list[str]:
    found = watched.page.evaluate("window.__violations || []")
    return found + [text for text in console if "Refused to" in text or "Content Security Policy" in text]


def watch_console(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    return messages


# --------------------------------------------------------------------------- search


def open_search(page) -> None:
    page.click("[data-md-component=search-query]")


def search(page, query: str) -> list[str]:
    """Type a query as a reader does; the addresses of the results (pages and sections)."""
    field = page.locator("[data-md-component=search-query]")
    field.fill("")
    field.press_sequentially(query, delay=15)
    page.wait_for_function(
        """() => {
          const meta = document.querySelector('.md-search-result__meta');
          return meta && /\\d|aucun|no matching/i.test(meta.textContent);
        }"""
    )
    page.wait_for_timeout(250)  # the last keystroke's result
    return page.eval_on_selector_all(
        ".md-search-result__item a.md-search-result__link", "links => links.map(a => a.href.split('?')[0])"
    )


def pages_of(results: list[str]) -> set[str]:
    return {url.split("#")[0] for url in results}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_returns_only_pages_of_the_readers_language(watched, lang):
    watched.page.goto(watched.base + HOME[lang] + "timeline/")
    open_search(watched.page)
    english = watched.base + "en/"
    for query in ("obligations", "AI Act", "2026"):
        results = search(watched.page, query)
        assert results, f"{lang}: no result for {query!r}"
        wrong = [url for url in results if url.startswith(english) != (lang == "en")]
        assert not wrong, f"{lang} page, query {query!r}: results in the other language {wrong}"


@pytest.mark.parametrize(
    ("written", "typed"),
    [("déployeur", "deployeur"), ("évaluation", "evaluation"), ("déployeur", "deployeurs"), ("évaluation", "l'evaluation")],
)
def test_french_search_folds_accents_and_stems(watched, written, typed):
    watched.page.goto(watched.base + "timeline/")
    open_search(watched.page)
    expected = pages_of(search(watched.page, written))
    assert expected, f"no French page found for {written!r}"
    assert all(not url.startswith(watched.base + "en/") for url in expected)
    assert pages_of(search(watched.page, typed)) == expected, f"{typed!r} should find the pages {written!r} finds"


def test_english_search_folds_accents_and_stems(watched):
    watched.page.goto(watched.base + "en/timeline/")
    open_search(watched.page)
    expected = pages_of(search(watched.page, "provider"))
    assert expected and all(url.startswith(watched.base + "en/") for url in expected)
    assert pages_of(search(watched.page, "providers")) == expected
    assert pages_of(search(watched.page, "évaluation")) == pages_of(search(watched.page, "evaluation"))


@pytest.mark.parametrize(
    ("lang", "query", "marked"),
    [
        ("en", "deep fakes", ("deep", "fake")),
        ("fr", "déployeurs", ("deploy",)),
        ("fr", "évaluation", ("evalu",)),
        ("en", "évaluation", ("evalu",)),
    ],
)
def test_a_result_marks_each_word_once_whatever_its_stem(watched, lang, query, marked):
    """A word is indexed as written and as its stem at one place: marked once, the text intact,
    and only the words searched are marked (not a whole paragraph, not another word)."""
    watched.page.goto(watched.base + HOME[lang] + "timeline/")
    open_search(watched.page)
    assert search(watched.page, query)
    found = watched.page.evaluate("""() => {
      const texts = [...document.querySelectorAll('.md-search-result__article')];
      return {nested: texts.some((text) => text.querySelector('mark mark')),
              garbled: texts.filter((text) => /<mark|mark>|rk>/.test(text.textContent)).length,
              marked: [...document.querySelectorAll('.md-search-result mark')].map((m) => m.textContent)};
    }""")
    assert not found["nested"] and found["garbled"] == 0
    words = {unicodedata.normalize("NFD", word.lower()).encode("ascii", "ignore").decode() for word in found["marked"]}
    assert words and all(word.startswith(marked) for word in words), words


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_words_a_result_matched_keep_their_contrast(watched, scheme):
    watched.page.emulate_media(color_scheme=scheme)
    watched.page.goto(watched.base + "en/timeline/")
    open_search(watched.page)
    assert search(watched.page, "deep fakes")
    watched.page.wait_for_function(TRANSITIONS_OVER)
    colours = watched.page.evaluate("""() => {
      const rgb = (colour) => colour.match(/[0-9.]+/g).slice(0, 3).map(Number);
      const mark = document.querySelector('.md-search-result mark');
      let node = mark;
      while (getComputedStyle(node).backgroundColor.match(/[0-9.]+/g)?.[3] === '0') node = node.parentElement;
      return [rgb(getComputedStyle(mark).color), rgb(getComputedStyle(node).backgroundColor)];
    }""")
    assert contrast_ratio(*colours) >= 4.5, colours


def _search_downloads(requests: list[str]) -> list[str]:
    return [url for url in requests if re.search(r"/search/search_index\.json|/workers/search\.[0-9a-f]+|/lunr/", url)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_index_is_downloaded_only_when_the_search_opens(watched, lang):
    page = watched.page
    page.goto(watched.base + HOME[lang] + "when-concerned/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert _search_downloads(watched.requests) == [], "a content page's first load downloads the search index"
    index = watched.base + HOME[lang] + "search/search_index.json"
    with page.expect_request(lambda request: request.url == index):
        open_search(page)
    assert search(page, "obligations")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_button_on_a_phone_opens_and_loads_the_search(watched, lang):
    page = watched.page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(watched.base + HOME[lang] + "glossary/")
    page.wait_for_load_state("networkidle")
    assert _search_downloads(watched.requests) == []
    with page.expect_request(lambda request: request.url.endswith(HOME[lang] + "search/search_index.json")):
        page.click(".md-header label[for=__search]")
    assert search(page, "obligations")


# --------------------------------------------------------------------------- 404


class _GitHubPagesLike(BaseHTTPRequestHandler):
    """Forwards to the site's server; answers a missing address with the root 404.html and
    status 404, as GitHub Pages does."""

    upstream: tuple[str, int]
    root: str

    def log_message(self, *args):
        pass

    def _fetch(self, path: str):
        connection = http.client.HTTPConnection(*self.upstream, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body

    def do_GET(self):
        response, body = self._fetch(self.path)
        status, headers = response.status, response.getheaders()
        if status == 404:
            response, body = self._fetch(self.root + "404.html")
            status, headers = 404, response.getheaders()
        self.send_response(status)
        for name, value in headers:
            if name.lower() in ("content-type", "location", "last-modified"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_host(site):
    parts = urlsplit(site)
    handler = type("Handler", (_GitHubPagesLike,), {"upstream": (parts.hostname, parts.port), "root": parts.path})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{parts.path}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_missing_page_shows_the_404_in_its_language(watched, pages_host, lang):
    page = watched.page
    missing = pages_host + HOME[lang] + "no-such-page/?x=1#part"
    response = page.goto(missing)
    assert response.status == 404
    page.wait_for_function("lang => document.documentElement.lang === lang && !document.documentElement.hidden", arg=lang)
    page.wait_for_load_state("networkidle")
    assert page.url == missing, "the reader's address stays in the address bar"
    assert page.get_attribute("[data-md-component=search-query]", "placeholder") == SEARCH_PLACEHOLDER[lang]
    assert page.get_attribute(".md-search", "aria-label") == SEARCH_DIALOG[lang]
    first = page.locator(".ial-404 > .ial-404__part").first
    assert first.get_attribute("lang") == lang
    root = urlsplit(pages_host).path
    assert first.locator("a[hreflang]").get_attribute("href") == root + HOME[lang]
    title = {"fr": "Page introuvable", "en": "Page not found"}[lang]
    assert page.inner_text(".ial-404 h1") == title and page.title().startswith(title)
    header = page.inner_text(".md-header__topic")
    assert {"fr": "IA locale et AI Act", "en": "Local AI and the AI Act"}[lang] in header
    # No border drawn inside the title (the old stylesheet framed its inline language span).
    borders = page.eval_on_selector_all(".ial-404 h1, .ial-404 h1 *", "els => els.map(e => getComputedStyle(e).borderTopStyle)")
    assert set(borders) == {"none"}
    assert watched.errors == [] or all("404" in error for error in watched.errors)


# --------------------------------------------------------------------------- hreflang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hreflang_links_point_to_the_twin_pages_and_fetch_nothing(watched, lang):
    page = watched.page
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    page.goto(watched.base + HOME[lang] + "timeline/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    links = page.eval_on_selector_all(
        "head link[hreflang]", "links => links.map(l => [l.hreflang, l.href, l.relList.contains('alternate')])"
    )
    assert sorted(links) == [
        ["en", watched.base + "en/timeline/", True],
        ["fr", watched.base + "timeline/", True],
    ]
    for _, href, _ in links:
        assert page.request.get(href).status == 200
    assert not [url for url in watched.requests if url.endswith("sitemap.xml")], "Material fetched a sitemap"
    assert failed == []


# --------------------------------------------------------------------------- CSP


def _site_pages(watched) -> list[str]:
    sitemap = ET.fromstring(watched.page.request.get(watched.base + "sitemap.xml").body())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [loc.text.strip() for loc in sitemap.findall("s:url/s:loc", ns)]


def test_every_page_loads_under_its_policy_without_violation(watched, pages_host):
    page = watched.page
    page.context.add_init_script(WATCH_CSP)
    console = watch_console(page)
    urls = _site_pages(watched)
    assert len(urls) >= 20
    urls += [pages_host + "no-such-page/", pages_host + "en/no-such-page/"]
    problems = []
    for url in urls:
        console.clear()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        policy = page.eval_on_selector_all("head meta[http-equiv=Content-Security-Policy]", "metas => metas.map(m => m.content)")
        if len(policy) != 1:
            problems.append(f"{url}: {len(policy)} CSP meta tags")
            continue
        directives = dict((part.split()[0], part.split()[1:]) for part in policy[0].split(";") if part.strip())
        script_src = directives.get("script-src", [])
        assessment = url.rstrip("/").endswith("self-assessment")
        expected = {
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'none'"],
            "connect-src": ["'self'"],
        }
        for name, value in expected.items():
            if directives.get(name) != value:
                problems.append(f"{url}: {name} {directives.get(name)}")
        if "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src or script_src[:1] != ["'self'"]:
            problems.append(f"{url}: script-src {script_src}")
        if ("'wasm-unsafe-eval'" in script_src) != assessment:
            problems.append(f"{url}: 'wasm-unsafe-eval' {'missing' if assessment else 'present'}")
        found = violations(watched, console)
        if found:
            problems.append(f"{url}: {found}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_assessment_and_the_search_run_under_the_policy(watched, lang):
    page = watched.page
    page.context.add_init_script(WATCH_CSP)
    console = watch_console(page)
    open_assessment(watched, lang)
    walk(page, CREDIT)
    assert verdict(page)
    assert violations(watched, console) == []
    # The search, then Enter: Material opens the best result; the form itself never submits.
    open_search(page)
    assert search(page, "xyzzyqx") == []
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert violations(watched, console) == []
    results = search(page, "obligations")
    assert results
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert violations(watched, console) == []
    assert watched.errors == []


@pytest.mark.parametrize("encode", [False, True], ids=["raw", "percent-encoded"])
@pytest.mark.parametrize(
    "payload",
    ["<img src=x onerror=window.__pwned=1>", '"><svg onload=window.__pwned=1>', "1.ai-system<script>window.__pwned=1</script>"],
    ids=["img", "svg", "script"],
)
def test_a_share_link_carrying_markup_runs_and_injects_nothing(watched, payload, encode):
    page = watched.page
    page.context.add_init_script(
        WATCH_CSP
        + """
      window.__added = [];
      new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) {
          if (node.nodeType === 1) window.__added.push(node.outerHTML);
        }
      }).observe(document, { childList: true, subtree: true });
    """
    )
    console = watch_console(page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    fragment = quote(payload, safe="") if encode else payload
    page.goto(watched.base + ASSESSMENT["en"] + "#eval=" + fragment)
    page.wait_for_selector(".dt-error[role=alert], .dt-step")
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.evaluate("window.__pwned") is None
    injected = [html[:300] for html in page.evaluate("window.__added") if "__pwned" in html]
    assert injected == [], "the fragment's markup became elements"
    injected_nodes = "[onerror], [onload], img[src=x], .dt-widget svg, .dt-widget script:not([type]):not(.dt-replay-guard)"
    assert page.locator(injected_nodes).count() == 0
    # The fragment may be carried along as text (a link's address), never as a handler.
    handlers = (
        "[...document.querySelectorAll('*')]"
        ".flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))"
    )
    assert page.evaluate(handlers) == []
    assert not [url for url in watched.requests if url.rstrip("/").endswith("/x")]
    assert violations(watched, console) == []


# --------------------------------------------------------------------------- phone layout


@pytest.mark.parametrize(("lang", "width"), [("fr", 320), ("en", 320), ("en", 768), ("fr", 1600)])
def test_each_new_question_stays_below_the_header(watched, lang, width):
    page = watched.page
    page.set_viewport_size({"width": width, "height": 640})
    open_assessment(watched, lang)
    page.wait_for_selector("button.dt-option")
    hidden = []
    for _ in range(7):
        step = CREDIT[current_question(page)]
        answer(page, [step] if current_is_multiple(page) else step)
        position = page.evaluate("""() => {
          const heading = document.activeElement;
          const header = document.querySelector('.md-header').getBoundingClientRect();
          return { tag: heading.tagName, top: heading.getBoundingClientRect().top, header: header.bottom };
        }""")
        assert position["tag"] == "H3", f"the focus is on {position['tag']} after {step}"
        if position["top"] < position["header"]:
            hidden.append(
                f"after {step} ({current_question(page)}): heading top {position['top']:.0f} < header {position['header']:.0f}"
            )
    assert not hidden, "\n".join(hidden)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_table_wider_than_a_phone_scrolls_alone_with_a_shadow_at_its_hidden_edge(watched, lang):
    page = watched.page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(watched.base + HOME[lang] + "summary/")
    wraps = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
      .filter((wrap) => wrap.scrollWidth > wrap.clientWidth)
      .map((wrap) => getComputedStyle(wrap).backgroundAttachment)""")
    assert wraps, "the summary's table fits a phone: this test needs a wider one"
    assert all(attachment == "local, local, scroll, scroll" for attachment in wraps)  # covers scroll, shadows stay
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # the table scrolls, not the page


@pytest.mark.parametrize("page_name", ["summary", "glossary"])
def test_a_table_scrolled_to_its_end_on_a_phone_keeps_its_first_column_in_view(watched, page_name):
    page = watched.page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(watched.base + HOME["en"] + page_name + "/")
    first_cells = page.evaluate("""() => {
      const wrap = document.querySelector('.md-typeset__scrollwrap');
      wrap.scrollLeft = wrap.scrollWidth;
      const left = wrap.getBoundingClientRect().left;
      const rows = [...wrap.querySelectorAll('tr')];
      const first = rows.map((row) => row.cells[0].getBoundingClientRect());
      const last = rows.map((row) => row.cells[row.cells.length - 1].getBoundingClientRect());
      return {scrolled: wrap.scrollLeft, left, first: first.map((box) => [box.left, box.right]),
              lastLeft: Math.min(...last.map((box) => box.left))};
    }""")
    assert first_cells["scrolled"] > 0, f"the {page_name} table fits a phone: this test needs a wider one"
    # Every row's first cell stays at the table's visible left edge, ahead of the last column.
    assert all(abs(left - first_cells["left"]) < 1 for left, _ in first_cells["first"])
    assert all(right <= first_cells["lastLeft"] + 1 for _, right in first_cells["first"])


def test_a_printed_page_writes_out_links_to_other_documents_not_to_articles(watched):
    page = watched.page
    page.goto(watched.base + "en/timeline/")
    page.emulate_media(media="print")
    after = "(link) => getComputedStyle(link, '::after').content"
    other = page.locator(".md-content a[href*='eur-lex.europa.eu']:not([href*='#'])").first
    assert other.evaluate(after) == f'" <{other.get_attribute("href")}>"'
    article = page.locator(".md-content a[href*='#art_']").first
    assert article.evaluate(after) in ("none", "normal")
