"""Reader actions on the assessment, as a person would do them."""

from __future__ import annotations

ASSESSMENT = {"fr": "self-assessment/", "en": "en/self-assessment/"}


def open_assessment(watched, lang: str, token: str | None = None):
    url = watched.base + ASSESSMENT[lang] + (f"#eval={token}" if token else "")
    watched.page.goto(url)
    return watched.page


def current_question(page) -> str | None:
    return page.evaluate("document.querySelector('.dt-screen .dt-step')?.dataset.question ?? null")


def answer(page, choice: str | list[str]) -> None:
    """Answer the question on screen and wait until the next step replaces it."""
    question = current_question(page)
    if isinstance(choice, list):
        for option in choice:
            page.check(f".dt-multiple input[value='{option}']")
        page.click(".dt-multiple button[type=submit]")
    else:
        page.click(f".dt-screen button.dt-option[data-option='{choice}']")
    page.wait_for_function(
        "q => !document.querySelector(`.dt-screen .dt-step[data-question='${q}']`)", arg=question
    )


def walk(page, token: str) -> None:
    """Answer every step of a share token (without its version prefix) through the interface."""
    for step in token.split(".")[1:]:
        answer(page, step.split("+") if "+" in step or current_is_multiple(page) else step)


def current_is_multiple(page) -> bool:
    return page.locator(".dt-screen .dt-multiple").count() > 0


def verdict(page) -> str:
    page.wait_for_selector(".dt-result .dt-verdict")
    return page.get_attribute(".dt-result .dt-verdict", "data-verdict")


def obligations(page) -> list[str]:
    return page.eval_on_selector_all(".dt-obligations > li", "items => items.map(i => i.dataset.obligation)")
