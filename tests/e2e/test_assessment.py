"""The in-page assessment, end to end in headless Chromium against the built site."""

from __future__ import annotations

import re

import pytest

from decision_tree.model import load_tree
from steps import ASSESSMENT, answer, current_question, new_context, obligations, open_assessment, verdict, walk
from support import CHATBOT_VENDOR, CREDIT_SCORING, PRIVATE, result_of, token_of

CHATBOT = token_of(CHATBOT_VENDOR)
CREDIT = token_of(CREDIT_SCORING)
ERRORS = load_tree().errors


@pytest.mark.parametrize(("lang", "answers"), [("fr", CHATBOT_VENDOR), ("en", CREDIT_SCORING)])
def test_a_full_path_reaches_the_engines_result(watched, lang, answers):
    page = open_assessment(watched, lang)
    walk(page, answers)
    token = token_of(answers)
    result = result_of(answers, lang)
    assert verdict(page) == result["verdict"]["id"]
    assert sorted(obligations(page)) == sorted(o["id"] for o in result["obligations"])
    assert result["verdict"]["label"] in page.inner_text(".dt-verdict")
    assert page.text_content(".dt-print-title").endswith(result["computed_on_text"])  # the day the tests compare on
    assert page.url.endswith(f"#eval={token}")
    assert page.evaluate("document.activeElement.id") == "dt-result-title"
    assert result["verdict"]["label"] in page.text_content(".dt-announce")  # announced to screen readers
    links = page.eval_on_selector_all(".dt-obligations a", "links => links.map(a => a.href)")
    assert links and all(f"/legal-content/{lang.upper()}/" in link for link in links)
    assert watched.foreign_requests() == []
    assert watched.errors == []


def at_the_exclusive_purpose_question(watched):
    """The English assessment after three answers given through the interface."""
    page = open_assessment(watched, "en")
    for choice in ("ai-system", "organisation", "in-scope"):
        answer(page, choice)
    assert current_question(page) == "exclusive-purpose"
    return page


def test_back_returns_to_the_previous_question(watched):
    page = at_the_exclusive_purpose_question(watched)
    page.click(".dt-back")
    page.wait_for_selector(".dt-step[data-question='eu-link']")
    page.wait_for_url(re.compile(r"\.who-are-you:organisation\.~eu-link:in-scope$"))  # once the engine confirms it
    assert page.get_attribute(".dt-option[data-option='in-scope']", "aria-pressed") == "true"  # the earlier choice
    assert page.evaluate("document.activeElement.id") == "dt-question-title"


def test_previous_question_and_the_browsers_back_go_the_same_way(watched):
    """On a step answered from the one before, "Previous question" is the browser's Back: the
    browser's Back after it goes further back, not forward again; Forward returns."""
    page = at_the_exclusive_purpose_question(watched)
    page.click(".dt-back")
    page.wait_for_selector(".dt-step[data-question='eu-link'] .dt-option[data-option='in-scope'][aria-pressed='true']")
    page.go_back()
    page.wait_for_selector(".dt-step[data-question='who-are-you'] .dt-option[data-option='organisation'][aria-pressed='true']")
    page.click(".dt-back")  # down to the first question, whose entry holds no answers
    page.wait_for_selector(".dt-step[data-question='what-is-it'] .dt-option[data-option='ai-system'][aria-pressed='true']")
    page.go_forward()
    page.wait_for_selector(".dt-step[data-question='who-are-you']")
    assert watched.errors == []


def test_a_share_link_replays_to_the_same_result(watched, browser, site):
    page = open_assessment(watched, "fr")
    walk(page, CREDIT_SCORING)
    shared = page.input_value("#dt-share")
    assert shared == page.url and "#eval=" in shared
    other = new_context(browser).new_page()
    other.goto(shared)
    assert verdict(other) == verdict(page)
    assert obligations(other) == obligations(page)
    other.context.close()


def test_answers_can_be_changed_from_the_result_keeping_the_later_ones(watched):
    page = open_assessment(watched, "en", CHATBOT)
    verdict(page)
    page.click(".dt-answers li:nth-child(5) .dt-edit")
    page.wait_for_selector(".dt-step[data-question='activity']")
    assert page.get_attribute(".dt-option[data-option='build-for-others']", "aria-pressed") == "true"
    answer(page, "use-ready-made")  # a deployer: the prohibited-practice and use answers are replayed
    assert current_question(page) == "deployer-uses"


@pytest.mark.parametrize(
    "token", ["1.ai-system.in-scope.bogus", "1.ai-sys", "999.2026-07-27.what-is-it:ai-system", "1.rules-only.in-scope"]
)
def test_a_tampered_link_shows_a_clear_message_and_a_restart(watched, token):
    page = open_assessment(watched, "en", token)
    page.wait_for_selector(".dt-error[role=alert]")
    assert page.inner_text(".dt-error h3") == ERRORS["bad-token"]["en"]
    page.click(".dt-error button")
    page.wait_for_selector(".dt-step[data-question='what-is-it']")
    assert watched.errors == []


def test_the_first_question_is_in_the_html_before_any_script(site, browser):
    """Also what a reader sees before the scripts arrive: at 320 px, nothing scrolls sideways,
    the theme's language menu included (WCAG 1.4.10)."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site + ASSESSMENT["fr"])
    assert page.is_visible(".dt-step[data-question='what-is-it'] h3")
    page.focus(".md-select .md-header__button")  # the language menu opens
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.evaluate("document.querySelector('.md-select__inner').getBoundingClientRect().right") <= 320
    assert page.is_visible("noscript, .dt-noscript") or page.locator("noscript").count() == 1
    # Without JavaScript the options are links through the static version of the whole tree, drawn
    # as the buttons that replace them (not underlined: no change of look when the widget takes over).
    assert page.eval_on_selector("a.dt-option", "a => getComputedStyle(a).textDecorationLine") == "none"
    page.click("a.dt-option[data-option='ai-system']")
    assert page.url.endswith("#q-who-are-you")
    assert page.is_visible("#q-who-are-you")
    assert page.locator(".dt-static section.dt-question").count() == len(load_tree().questions)
    context.close()


def test_with_the_widget_running_the_static_tree_is_folded_and_section_links_keep_the_answers(watched):
    """The version without JavaScript is out of the way (not in the Tab order) until opened; a link
    to a section of the page scrolls there and leaves the answers in the address, so a reload
    keeps them."""
    page = watched.page
    page.set_viewport_size({"width": 1400, "height": 900})
    open_assessment(watched, "en")
    assert page.evaluate("document.querySelector('.dt-static-frame').open") is False
    assert not page.is_visible(".dt-static #q-who-are-you h3")
    page.click("button.dt-option[data-option='ai-system']")
    page.wait_for_selector(".dt-step[data-question='who-are-you']")
    answers = page.evaluate("location.hash")
    page.locator("a.md-nav__link[href='#privacy']:visible").first.click()
    page.wait_for_function("() => document.activeElement.id === 'privacy'")
    assert page.evaluate("location.hash") == answers
    page.locator("a[href='#static-tree']:visible").first.click()
    assert page.evaluate("document.querySelector('.dt-static-frame').open") is True and page.evaluate("location.hash") == answers
    page.reload()
    page.wait_for_selector(".dt-step[data-question='who-are-you']")
    assert watched.errors == []


def hold_the_engine(page, delay_ms: int) -> None:
    """The engine's wasm arrives `delay_ms` late: the reader meets the first steps before the engine runs."""

    def slow(route):
        page.wait_for_timeout(delay_ms)
        route.continue_()

    page.route("**/assets/pyodide/pyodide.asm.wasm*", slow)


def test_clicks_before_the_engine_is_ready_are_kept(watched):
    """The first steps ship with the page: drawn at once, before the engine runs. An answer whose
    next step did not ship (a result) is kept, said to be, and applied once the engine runs."""
    page = watched.page
    hold_the_engine(page, 1500)
    open_assessment(watched, "en")
    page.click("button.dt-option[data-option='ai-system']")
    page.wait_for_selector(".dt-step[data-question='who-are-you']", timeout=1000)
    page.click("button.dt-option[data-option='organisation']")
    page.wait_for_selector(".dt-step[data-question='eu-link']", timeout=1000)
    assert page.url.endswith(".what-is-it:ai-system.who-are-you:organisation")
    assert not page.evaluate("performance.getEntriesByName('dt-engine-ready').length")
    assert "saved" not in page.inner_text(".dt-status").lower()
    page.click("button.dt-option[data-option='no-eu-link']")
    assert "saved" in page.inner_text(".dt-status").lower()
    page.wait_for_selector(".dt-result .dt-verdict")
    assert page.url.endswith(".what-is-it:ai-system.who-are-you:organisation.eu-link:no-eu-link")
    assert watched.errors == []


def test_while_an_answer_waits_its_status_and_the_download_stay_in_view_on_a_phone(watched):
    """Below the question (nothing moves it when they appear), at the bottom of the screen while
    the reader reads a question longer than the screen."""
    page = watched.page
    page.set_viewport_size({"width": 320, "height": 640})
    hold_the_engine(page, 8000)
    open_assessment(watched, "en")
    for option in ("ai-system", "organisation"):
        page.click(f"button.dt-option[data-option='{option}']")
    page.wait_for_selector(".dt-step[data-question='eu-link']", timeout=1000)
    page.click("button.dt-option[data-option='no-eu-link']")  # a result: it waits for the engine
    page.evaluate("document.querySelector('#dt-question-title').scrollIntoView({ block: 'start' })")
    page.wait_for_timeout(300)
    boxes = page.evaluate("""() => {
      const box = (selector) => document.querySelector(selector).getBoundingClientRect();
      const header = box('.md-header').bottom;
      return { header, screen: box('.dt-screen'), status: box('.dt-status'), download: box('.dt-download') };
    }""")
    assert boxes["screen"]["bottom"] > 640, boxes  # the question runs below the screen: the bar sticks
    assert "saved" in page.inner_text(".dt-status").lower() and page.is_visible(".dt-download")
    for part in ("status", "download"):
        assert boxes["header"] <= boxes[part]["top"] and boxes[part]["bottom"] <= 640, (part, boxes)
    page.wait_for_selector(".dt-result .dt-verdict", timeout=60000)
    assert watched.errors == []


@pytest.mark.parametrize("back", ["button", "browser"])
def test_previous_question_withdraws_an_answer_still_waiting_for_the_engine(watched, back):
    """An answer whose next step did not ship waits for the engine; "Previous question", or the
    browser's Back, meanwhile leaves the question at once, and the answer is never applied."""
    page = watched.page
    hold_the_engine(page, 3000)
    open_assessment(watched, "en")
    for question, option in (("what-is-it", "ai-system"), ("who-are-you", "organisation"), ("eu-link", "no-eu-link")):
        page.wait_for_selector(f".dt-step[data-question='{question}']", timeout=1000)
        page.click(f"button.dt-option[data-option='{option}']")
    assert "saved" in page.inner_text(".dt-status").lower()  # a result: it did not ship
    page.click(".dt-back") if back == "button" else page.go_back()
    chosen = ".dt-step[data-question='who-are-you'] .dt-option[data-option='organisation'][aria-pressed='true']"
    page.wait_for_selector(chosen, timeout=1000)
    assert "saved" not in page.inner_text(".dt-status").lower()
    page.wait_for_function("() => performance.getEntriesByName('dt-engine-ready').length", timeout=60_000)
    page.wait_for_timeout(500)  # the withdrawn answer would be drawn by now
    assert current_question(page) == "who-are-you" and page.query_selector(".dt-result") is None
    assert "no-eu-link" not in page.url
    assert watched.errors == []


def test_a_click_before_the_widgets_script_runs_is_kept_not_followed(watched):
    """On a slow connection the first question is on screen, as links into the version without
    JavaScript, before the widget's script arrives: a click then is kept, said to be, and given
    once the script runs, instead of leaving for the version without JavaScript."""
    page = watched.page

    def slow(route):
        page.wait_for_timeout(1500)
        route.continue_()

    page.route("**/assets/assessment/widget.js*", slow)
    page.goto(watched.base + ASSESSMENT["en"], wait_until="commit")
    page.click("a.dt-option[data-option='rules-only']")
    page.click("a.dt-option[data-option='ai-system']")  # the latest click wins
    assert page.evaluate("location.hash") == ""
    assert page.inner_text(".dt-status") == load_tree().widget["queued"]["en"]
    assert page.eval_on_selector_all("a.dt-option[data-chosen]", "links => links.map(a => a.dataset.option)") == ["ai-system"]
    page.wait_for_selector(".dt-step[data-question='who-are-you']")
    assert page.url.endswith(".what-is-it:ai-system")
    assert watched.errors == []


def test_previous_question_before_the_engine_is_ready_is_drawn_at_once_with_the_earlier_answer(watched):
    """On a shipped step, "Previous question" and the browser's Back need no engine: the step is
    drawn with the earlier answer selected; once the engine runs it confirms the step without
    drawing it again, and the address keeps the later answer, as the engine's own "back" does."""
    page = watched.page
    hold_the_engine(page, 3000)
    open_assessment(watched, "en")
    page.click("button.dt-option[data-option='ai-system']")
    page.wait_for_selector(".dt-step[data-question='who-are-you']", timeout=1000)
    page.click("button.dt-option[data-option='organisation']")
    page.wait_for_selector(".dt-step[data-question='eu-link']", timeout=1000)
    earlier_answer = ".dt-step[data-question='who-are-you'] .dt-option[data-option='organisation'][aria-pressed='true']"
    page.go_back()  # the browser's Back, likewise
    page.wait_for_selector(earlier_answer, timeout=1000)
    page.go_forward()
    page.wait_for_selector(".dt-step[data-question='eu-link']", timeout=1000)
    page.click(".dt-back")
    page.wait_for_selector(earlier_answer, timeout=1000)
    assert not page.evaluate("performance.getEntriesByName('dt-engine-ready').length")
    page.evaluate("document.querySelector('.dt-step').dataset.drawnBeforeTheEngine = 'yes'")
    page.wait_for_url(re.compile(r"\.what-is-it:ai-system\.~who-are-you:organisation$"), timeout=60_000)
    assert page.get_attribute(".dt-step", "data-drawn-before-the-engine") == "yes"  # confirmed, not drawn again
    page.click("button.dt-option[data-option='organisation']")
    page.wait_for_selector(".dt-step[data-question='eu-link']")
    assert watched.errors == []


def refuse(route):
    route.abort()


def corrupt(route):
    route.fulfill(status=200, body=b"\x1f\x8b not the engine")


@pytest.mark.parametrize(
    ("blocked", "handler"),
    [
        ("**/assets/pyodide/pyodide.asm.wasm*", refuse),
        ("**/assets/pyodide/**", refuse),
        ("**/assets/pyodide/engine.snapshot", refuse),
        ("**/assets/pyodide/engine.snapshot", corrupt),
        ("**/assets/assessment/worker.js", refuse),
        ("**/assets/assessment/engine.mjs", refuse),
    ],
    ids=["wasm", "all-pyodide", "snapshot", "corrupt-snapshot", "worker", "loader"],
)
def test_when_pyodide_cannot_load_the_reader_gets_a_reason_a_retry_and_the_static_version(watched, blocked, handler):
    page = watched.page
    page.route(blocked, handler)
    open_assessment(watched, "fr")  # the engine starts as soon as the widget is in view
    page.wait_for_selector(".dt-failure[role=alert]")
    strings = load_tree().widget
    assert page.inner_text(".dt-failure h3") == strings["failed"]["fr"]
    page.wait_for_timeout(500)  # the failure screen takes the focus: that must not restart the engine
    assert [url.endswith("/assets/assessment/worker.js") for url in watched.requests].count(True) == 1
    assert page.is_visible(".dt-failure a[href='#static-tree']")
    assert page.is_visible("#static-tree") and page.is_visible(".dt-static #q-who-are-you h3")  # unfolded
    page.unroute(blocked)
    page.click(".dt-failure button")
    page.wait_for_selector(".dt-step[data-question='what-is-it']")


def test_pages_without_the_assessment_download_no_pyodide_byte(watched):
    for path in ("", "en/", "timeline/", "en/summary/"):
        watched.page.goto(watched.base + path)
    watched.page.wait_for_load_state("networkidle")
    assert not [url for url in watched.requests if "pyodide" in url or "assessment/" in url]


def test_the_engine_files_are_served_with_the_types_pyodide_needs(watched):
    responses = {}
    watched.page.on(
        "response",
        lambda response: responses.setdefault(response.url.rsplit("/", 1)[-1], response.headers.get("content-type", "")),
    )
    page = open_assessment(watched, "en")
    answer(page, "ai-system")
    page.wait_for_function("() => performance.getEntriesByName('dt-engine-ready').length")
    # The wasm and Pyodide's script ship gzipped and are decompressed by the worker (which
    # also takes them from a host that decompressed them on the way).
    assert responses["pyodide.asm.wasm.gz"] == responses["pyodide.asm.mjs.gz"] == "application/gzip"
    assert re.match(r"(text|application)/javascript", responses["pyodide.mjs"])
    assert re.match(r"(text|application)/javascript", responses["worker.js"])
    assert re.match(r"(text|application)/javascript", responses["engine.mjs"])
    assert not [name for name in responses if name.endswith("pyodide-lock.json") and "cdn" in name]


def test_copy_as_markdown_for_forums(watched):
    watched.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = open_assessment(watched, "en", CHATBOT)
    verdict(page)
    page.click("text=Copy as Markdown (forums)")
    page.wait_for_function("() => document.querySelector('.dt-feedback').textContent.length > 0")
    markdown = page.evaluate("navigator.clipboard.readText()")
    assert markdown.startswith("## Local AI and the AI Act – Verdict: Concerned")
    assert markdown.rstrip().endswith(f"#eval={CHATBOT}") and "<http" not in markdown  # the link last, a plain URL


def test_keyboard_alone_completes_an_assessment(watched):
    page = open_assessment(watched, "en")
    while (question := current_question(page)) is not None:
        option = PRIVATE[question]
        page.focus(".dt-screen h3")
        for _ in range(40):  # Tab until the wanted option has the focus, then Enter
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.option") == option:
                break
        page.keyboard.press("Enter")
        page.wait_for_function("q => !document.querySelector(`.dt-step[data-question='${q}']`)", arg=question)
    assert verdict(page) == "not-concerned"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_layout_holds_at_320_pixels(watched, scheme):
    page = watched.page
    page.set_viewport_size({"width": 320, "height": 640})
    page.emulate_media(color_scheme=scheme)
    open_assessment(watched, "fr", CREDIT)
    verdict(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_assessment_stores_nothing_on_the_device(watched):
    """What the page says: nothing kept beyond the browser's own cache and the colour scheme
    (Material's palette, in local storage); no answer anywhere."""
    page = open_assessment(watched, "en")
    walk(page, CHATBOT_VENDOR)
    verdict(page)
    stored = page.evaluate("""async () => ({
      local: Object.keys(localStorage), palette: Object.values(localStorage).join(),
      session: Object.keys(sessionStorage),
      databases: (await indexedDB.databases()).map((db) => db.name), caches: await caches.keys(),
      cookies: document.cookie })""")
    assert [key.rsplit("/", 1)[-1] for key in stored.pop("local")] == [".__palette"]
    assert "ai-system" not in stored.pop("palette")
    assert stored == {"session": [], "databases": [], "caches": [], "cookies": ""}
