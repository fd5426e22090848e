"""axe-core (the pinned npm package) in the browser: no serious or critical WCAG 2.2 AA
violation on the assessment (first question and a result) and on a content page, in both
languages and both palettes."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_tree import share
from steps import TRANSITIONS_OVER, open_assessment, verdict
from support import CREDIT_SCORING, partial, token_of

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CREDIT = token_of(CREDIT_SCORING)


# Contrast is measured once the theme's colour transitions (125 ms, as the palette is applied)
# are over: mid-way, a link is neither its light nor its dark colour. The no-JavaScript tree
# skips its styles while off screen (content-visibility): reading them starts its transitions.
STYLES_READ = "() => { for (const element of document.querySelectorAll('body *')) getComputedStyle(element).color; }"


def serious_violations(page) -> list[str]:
    page.evaluate(STYLES_READ)
    page.wait_for_function(TRANSITIONS_OVER)
    page.evaluate(AXE.read_text(encoding="utf-8"))  # the site's policy blocks an inserted inline script
    results = page.evaluate("tags => axe.run(document, { runOnly: { type: 'tag', values: tags } })", TAGS)
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_assessment_first_question(watched, lang, scheme):
    watched.page.emulate_media(color_scheme=scheme)
    page = open_assessment(watched, lang)
    page.wait_for_selector("button.dt-option")
    assert serious_violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_assessment_result(watched, lang, scheme):
    watched.page.emulate_media(color_scheme=scheme)
    page = open_assessment(watched, lang, CREDIT)
    verdict(page)
    assert serious_violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["when-concerned/", "en/when-concerned/"])
def test_content_page(watched, path, scheme):
    watched.page.emulate_media(color_scheme=scheme)
    watched.page.goto(watched.base + path)
    assert serious_violations(watched.page) == []


# Keyboard focus (WCAG 2.4.7) is a ring distinct from a chosen answer's fill, on answers and
# on the boxes of a multiple-choice question alike.
FOCUSED_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  return [document.activeElement.tagName, document.activeElement.type, style.outlineStyle, parseFloat(style.outlineWidth)];
}"""


def tab_to(page, selector: str, most: int = 40) -> None:
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_keyboard_focus_shows_on_answers_and_on_checkboxes(watched, scheme):
    watched.page.emulate_media(color_scheme=scheme)
    before_the_last = {question: choice for question, choice in CREDIT_SCORING.items() if question != "deployer-uses"}
    page = open_assessment(watched, "en", share.encode(partial(before_the_last)))  # a multiple-choice question
    page.wait_for_selector(".dt-multiple input[type=checkbox]")
    tab_to(page, ".dt-multiple input[type=checkbox]")
    tag, kind, style, width = page.evaluate(FOCUSED_RING)
    assert (tag, kind) == ("INPUT", "checkbox") and style == "solid" and width >= 2
    first = open_assessment(watched, "en")
    first.wait_for_selector("button.dt-option")
    tab_to(first, "button.dt-option")
    _, _, style, width = first.evaluate(FOCUSED_RING)
    assert style == "solid" and width >= 2
    result = open_assessment(watched, "en", CREDIT)  # the share link's field, on a result
    verdict(result)
    tab_to(result, ".dt-share", most=80)
    _, _, style, width = result.evaluate(FOCUSED_RING)
    assert style == "solid" and width >= 2


# On a phone the theme's menu and search are closed panels: the keyboard reaches their buttons,
# never their hidden links (WCAG 2.4.7, 2.4.3), and each opens, takes the focus and gives it back.
FOCUSED = """() => {
  const element = document.activeElement, box = element.getBoundingClientRect();
  return {on: box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight,
          what: element.outerHTML.slice(0, 80), menu: !!element.closest('.md-sidebar--primary'),
          button: element.getAttribute('for'), expanded: element.getAttribute('aria-expanded'),
          search: element.matches('.md-search__input'), main: !!element.closest('.md-content')};
}"""


# The open menu has slid into place (its transition may not have started when the focus moves).
SLID_IN = """() => {
  const menu = document.querySelector('.md-sidebar--primary');
  return menu.getBoundingClientRect().left >= 0 && menu.getAnimations().length === 0;
}"""
# The focused element is the one drawn at its centre (not covered by another level or the page).
SEEN = """() => {
  const element = document.activeElement, box = element.getBoundingClientRect();
  const drawn = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return [element.textContent.trim(), box.left >= 0 && box.right <= innerWidth && !!drawn && element.contains(drawn)];
}"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_on_a_phone_the_keyboard_opens_the_menu_and_the_search_and_never_visits_them_closed(watched, lang):
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(watched.base + ("en/" if lang == "en" else "") + "timeline/")
    seen = []
    while not seen or not seen[-1]["main"]:
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
        assert len(seen) < 20, [s["what"] for s in seen]
    assert all(s["on"] and not s["menu"] and not s["search"] for s in seen), [s["what"] for s in seen if not s["on"]]
    buttons = {s["button"]: s["expanded"] for s in seen if s["button"]}
    assert buttons == {"__drawer": "false", "__search": "false"}

    page.focus(".md-header__button[for='__drawer']")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')")
    page.wait_for_function(SLID_IN)
    # Every link of the open menu is one the reader sees (one list, no level hidden beneath);
    # tabbing out of it closes it.
    links = []
    while page.evaluate(FOCUSED)["menu"]:
        links.append(page.evaluate(SEEN))
        page.keyboard.press("Tab")
        assert len(links) < 40
    assert len(links) > 10 and all(seen for _, seen in links), [text for text, seen in links if not seen]
    page.wait_for_function("() => !document.querySelector('#__drawer').checked")
    page.focus(".md-header__button[for='__drawer']")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Escape")
    assert page.evaluate(FOCUSED)["button"] == "__drawer" and not page.is_checked("#__drawer")

    page.focus(".md-header__button[for='__search']")
    page.keyboard.press(" ")
    search_button = ".md-header__button[for='__search']"
    assert page.evaluate(FOCUSED)["search"] and page.get_attribute(search_button, "aria-expanded") == "true"
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.activeElement.matches(\".md-header__button[for='__search']\")")


def test_on_a_phone_a_menu_opened_by_a_tap_takes_the_focus_and_closes_on_escape(watched):
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(watched.base + "en/timeline/")
    page.click(".md-header__button[for='__drawer']")
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')")  # Tab walks the menu
    page.keyboard.press("Escape")
    assert page.evaluate(FOCUSED)["button"] == "__drawer" and not page.is_checked("#__drawer")
