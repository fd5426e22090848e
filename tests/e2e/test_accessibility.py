"""axe-core (the pinned npm package) in the browser: no serious or critical WCAG 2.2 AA
violation on the assessment (first question and a result) and on a content page, in both
languages and both palettes."""

from __future__ import annotations

from pathlib import Path

import pytest

from steps import open_assessment, verdict
from support import CREDIT_SCORING, token_of

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CREDIT = token_of(CREDIT_SCORING)


def serious_violations(page) -> list[str]:
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
