"""Reader actions on the assessment, as a person would do them."""

from __future__ import annotations

from site_tooling.local_site import (  # the benchmark's reader clicks the same way
    ASSESSMENT,
    answer,
    current_is_multiple,
    current_question,
    walk,
)
from support import TODAY

__all__ = [
    "ASSESSMENT",
    "TRANSITIONS_OVER",
    "answer",
    "current_is_multiple",
    "current_question",
    "new_context",
    "obligations",
    "open_assessment",
    "verdict",
    "walk",
]


# The theme's colour transitions (125 ms, as the palette is applied) are over: mid-way, a colour
# is neither its light nor its dark one.
TRANSITIONS_OVER = "() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running')"


# The page's clock moved to that day, still running (the theme's timers read Date.now()); its
# Date only: Playwright's clock would also replace `performance`, whose marks the tests read.
ON_THE_DAY = """(() => {
  const RealDate = Date;
  const offset = new RealDate("%sT12:00:00").getTime() - RealDate.now();
  globalThis.Date = class extends RealDate {
    constructor(...given) { super(...(given.length ? given : [RealDate.now() + offset])); }
    static now() { return RealDate.now() + offset; }
  };
})();"""


def new_context(browser, **options):
    """A browser context on the day the expected results are computed for (the page passes its
    own date to the engine), so that a date passing does not change what the tests compare."""
    context = browser.new_context(**options)
    context.add_init_script(ON_THE_DAY % TODAY.isoformat())
    return context


def open_assessment(watched, lang: str, token: str | None = None):
    url = watched.base + ASSESSMENT[lang] + (f"#eval={token}" if token else "")
    watched.page.goto(url)
    return watched.page


def verdict(page) -> str:
    page.wait_for_selector(".dt-result .dt-verdict")
    return page.get_attribute(".dt-result .dt-verdict", "data-verdict")


def obligations(page) -> list[str]:
    return page.eval_on_selector_all(".dt-obligations > li", "items => items.map(i => i.dataset.obligation)")
