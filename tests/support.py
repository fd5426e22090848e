"""Shared helpers for the decision-tree tests (imported as a module, not a conftest).

Tests name situations as answers keyed by question and build tokens from them, so no test
holds a token literal of the current format.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

from decision_tree import engine, share, views
from decision_tree.paths import follow_answers

TODAY = date(2026, 11, 28)
GOLDEN_CASES_DIR = Path(__file__).with_name("golden_cases")


def golden_cases() -> list[dict]:
    """Every golden case, file by file (one file per class of situations), in file order."""
    files = sorted(GOLDEN_CASES_DIR.glob("*.toml"))
    return [case for path in files for case in tomllib.loads(path.read_text(encoding="utf-8"))["cases"]]


START = {"what-is-it": "ai-system", "eu-link": "in-scope", "exclusive-purpose": "none"}
PRIVATE = {**START, "who-are-you": "private-person", "private-activity": "use-only"}
ORGANISATION = {**START, "who-are-you": "organisation"}
# An affected reader is asked neither the operators' link with the Union nor their exclusive purposes.
AFFECTED = {"what-is-it": "ai-system", "who-are-you": "affected-person"}
CHATBOT_VENDOR = {
    **ORGANISATION,
    "activity": "build-for-others",
    "prohibited-practice": "none",
    "use-area": "general-purpose",
    "gpai-integration": "yes",
    "interaction": "yes",
    "generation": "yes-new",
    "generates-realistic-people": "no",
    "licence": "proprietary",
}
CREDIT_SCORING = {
    **ORGANISATION,
    "activity": "use-ready-made",
    "prohibited-practice": "none",
    "use-area": "essential-services",
    "services-use": "credit-scoring",
    "tool-origin": "dedicated",
    "decision-role": "profiles-people",
    "public-nature": "neither",
    "high-risk-legacy": "no",
    "deployer-uses": ["none"],
}
# A bank builds its own credit-scoring system (Annex III point 5(b)) and runs it: provider and
# deployer, high-risk; the Art. 6(3) answers to the decision-role question lead to a question
# not answered yet (its own uses of the output).
OWN_CREDIT_SCORING = {
    **ORGANISATION,
    "activity": "build-own-use",
    "prohibited-practice": "none",
    "use-area": "essential-services",
    "services-use": "credit-scoring",
    "decision-role": "profiles-people",
    "public-nature": "financial-institution",
    "high-risk-legacy": "no",
    "interaction": "no",
    "generation": "no",
}
OFFICE_PREFIX = {**ORGANISATION, "activity": "use-ready-made", "prohibited-practice": "none", "use-area": "general-purpose"}
OFFICE_USE = {**OFFICE_PREFIX, "deployer-uses": ["none"]}
# The use area not known: the cautious branch (Annex III) and a "needs review" result.
UNSURE_AREA = {**OFFICE_USE, "use-area": "dont-know", "public-nature": "neither", "high-risk-legacy": "no"}


def state_of(answers: dict, lang: str = "en") -> engine.State:
    return follow_answers(answers, lang)


def token_of(answers: dict) -> str:
    return share.encode(state_of(answers))


def partial(answers: dict, lang: str = "en") -> engine.State:
    """The state after answers that stop before the end (a link shared mid-way)."""
    state, unused = engine.replay(lang, {q: (c,) if isinstance(c, str) else tuple(c) for q, c in answers.items()})
    assert not unused, unused
    return state


def result_of(answers: dict, lang: str = "en", today: date = TODAY) -> dict:
    return views.result(state_of(answers, lang), today)


# English-style numbering in French text: "point ba)", "paragraphe 1a", "art. 4a", "14a)".
ENGLISH_STYLE_IN_FRENCH = re.compile(
    r"\bpoints? [a-z][a-j]\)"
    r"|\bparagraphes? \d+[a-j]\b"
    r"|\b(?:art\.|articles?) \d+[a-j]\b"
    r"|\bpoints? \d+[a-j]\)"
    r"|\bet [a-z][a-j]\)"
    r"|\bet \d+[a-j]\b"
)


def contrast_ratio(first: list[float], second: list[float]) -> float:
    """WCAG contrast ratio of two opaque sRGB colours (0–255 channels)."""

    def luminance(rgb: list[float]) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
