"""Reader actions on the assessment, as a person would do them."""

from __future__ import annotations

from site_tooling.local_site import ASSESSMENT, answer  # the benchmark's reader clicks the same way

__all__ = ["ASSESSMENT", "answer", "current_question", "obligations", "open_assessment", "verdict", "walk"]


def open_assessment(watched, lang: str, token: str | None = None):
    url = watched.base + ASSESSMENT[lang] + (f"#eval={token}" if token else "")
    watched.page.goto(url)
    return watched.page


def current_question(page) -> str | None:
    return page.evaluate("document.querySelector('.dt-screen .dt-step')?.dataset.question ?? null")


def walk(page, answers: dict) -> None:
    """Answer the questions through the interface, in the order the page asks them
    (answers keyed by question id, as the golden cases write them)."""
    while (question := current_question(page)) is not None:
        choice = answers[question]
        answer(page, [choice] if isinstance(choice, str) and current_is_multiple(page) else choice)


def current_is_multiple(page) -> bool:
    return page.locator(".dt-screen .dt-multiple").count() > 0


def verdict(page) -> str:
    page.wait_for_selector(".dt-result .dt-verdict")
    return page.get_attribute(".dt-result .dt-verdict", "data-verdict")


def obligations(page) -> list[str]:
    return page.eval_on_selector_all(".dt-obligations > li", "items => items.map(i => i.dataset.obligation)")
