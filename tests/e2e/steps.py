"""Reader actions on the assessment, as a person would do them."""

from __future__ import annotations

from site_tooling.local_site import (  # the benchmark's reader clicks the same way
    ASSESSMENT,
    answer,
    current_is_multiple,
    current_question,
    walk,
)

__all__ = ["ASSESSMENT", "answer", "current_is_multiple", "current_question", "obligations", "open_assessment", "verdict", "walk"]


def open_assessment(watched, lang: str, token: str | None = None):
    url = watched.base + ASSESSMENT[lang] + (f"#eval={token}" if token else "")
    watched.page.goto(url)
    return watched.page


def verdict(page) -> str:
    page.wait_for_selector(".dt-result .dt-verdict")
    return page.get_attribute(".dt-result .dt-verdict", "data-verdict")


def obligations(page) -> list[str]:
    return page.eval_on_selector_all(".dt-obligations > li", "items => items.map(i => i.dataset.obligation)")
