"""The result screen's outputs: obligations grouped for the card, the timeline (SVG), the Markdown
checklist, the calendar (.ics, read by a strict RFC 5545 parser written here), the bridge's
result details and calendar op, and the command line's formats."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from decision_tree import cli, share, views, wording
from decision_tree.alternatives import what_decides
from decision_tree.bridge import handle
from decision_tree.model import load_tree
from decision_tree.render_calendar import fold, to_ics
from decision_tree.render_result import to_markdown, to_text
from decision_tree.render_timeline import WIDTH, to_svg
from decision_tree.wording import format_date, time_until
from ical_parser import parse_ics
from support import (
    AFFECTED,
    CHATBOT_VENDOR,
    CREDIT_SCORING,
    OFFICE_USE,
    OWN_CREDIT_SCORING,
    PRIVATE,
    START,
    TODAY,
    UNSURE_AREA,
    partial,
    result_of,
    state_of,
    token_of,
)
from tree_copies import tree_from

SVG = "{http://www.w3.org/2000/svg}"
URL = "https://example.org/en/self-assessment/#eval="
# A path with four distinct dates, two of them after TODAY, both moved by the 2026 amendment.
SHARED_BIOMETRICS = {
    "what-is-it": "ai-system",
    "eu-link": "in-scope",
    "exclusive-purpose": "none",
    "who-are-you": "private-person",
    "private-activity": "share-tool",
    "prohibited-practice": "none",
    "use-area": "biometrics",
    "biometrics-use": "remote-identification",
    "decision-role": "profiles-people",
    "high-risk-legacy": "no",
    "interaction": "yes",
    "generation": "yes-before",
}


def distinct_dates(result: dict) -> list[str]:
    return sorted({obligation["applies"]["date"] for obligation in result["obligations"]})


# ----------------------------------------------------------------------------- the result card


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_system_already_on_the_market_says_why_its_high_risk_verdict_owes_little_for_now(lang):
    """A high-risk system whose type and model was on the market before the application date owes
    the high-risk duties only on a significant change of design (Art. 111(2)): the verdict's
    sentence says so instead of "the most demanding regime applies"."""
    tree = load_tree()
    legacy = result_of({**CREDIT_SCORING, "high-risk-legacy": "yes"}, lang)
    assert legacy["verdict"]["id"] == "strongly-concerned"
    assert legacy["verdict"]["why"] == tree.verdict_why_finding["legacy-high-risk"]["strongly-concerned"][lang]
    assert "111" in legacy["verdict"]["why"]
    assert result_of(CREDIT_SCORING, lang)["verdict"]["why"] == tree.verdict_why_finding["high-risk"]["strongly-concerned"][lang]


SYSTEMIC_MODEL = {
    **START,
    "who-are-you": "organisation",
    "activity": "model-work",
    "model-activity": "train",
    "model-scale": "systemic",
    "model-release": "internal-only",
    "model-establishment": "in-eu",
    "model-timing": "from-2025-08-02",
}
HOBBY_SYSTEMIC_MODEL = {
    **START,
    "who-are-you": "private-person",
    "private-activity": "publish-model",
    "model-activity": "modify",
    "modification-share": "over-one-third",
    "model-scale": "systemic",
    "model-release-private": "open-weights",
    "model-establishment": "in-eu",
    "model-timing": "from-2025-08-02",
}


@pytest.mark.parametrize(
    ("answers", "sentence"),
    [
        (CREDIT_SCORING, "high-risk"),
        (SYSTEMIC_MODEL, "systemic-risk"),
        ({**CREDIT_SCORING, "high-risk-legacy": "yes"}, "legacy-high-risk"),  # the particular before the general
        (HOBBY_SYSTEMIC_MODEL, "hobby-publication"),
        ({**UNSURE_AREA}, None),  # "I don't know" where the area is asked: high-risk to be safe, not said to be
    ],
)
def test_the_most_demanding_verdict_says_which_regime_applies(answers, sentence):
    tree = load_tree()
    result = result_of(answers)
    assert result["verdict"]["id"] == "strongly-concerned"
    expected = tree.verdict_why_finding[sentence] if sentence else tree.verdict_why
    assert result["verdict"]["why"] == expected["strongly-concerned"]["en"]


PUBLISHED_DEEP_FAKES = {**PRIVATE, "private-activity": "publish-output"}
PUBLISHED_CHATBOT = {
    **PRIVATE,
    "private-activity": "share-tool",
    "prohibited-practice": "none",
    "use-area": "general-purpose",
    "gpai-integration": "no",
    "interaction": "yes",
    "generation": "no",
    "licence": "open-source-free",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("answers", "sentence", "verdict", "role"),
    [
        (PUBLISHED_DEEP_FAKES, "personal-publication", "concerned", "deployer"),
        (PUBLISHED_CHATBOT, "hobby-publication", "concerned", "provider"),
        (SHARED_BIOMETRICS, "hobby-publication", "strongly-concerned", "provider"),
    ],
)
def test_a_private_publisher_is_told_the_duties_are_applied_to_be_safe(lang, answers, sentence, verdict, role):
    """Whether a private individual's publication leaves the purely personal activity (Art. 2(10)) or
    is placing on the market is not settled: the verdict's sentence says the duties are applied to be
    safe, instead of stating flatly that they apply, and the role's reason says so too."""
    tree = load_tree()
    shown = result_of(answers, lang)
    assert shown["verdict"]["id"] == verdict
    assert shown["verdict"]["why"] == tree.verdict_why_finding[sentence][verdict][lang]
    assert shown["verdict"]["why"] != tree.verdict_why[verdict][lang]
    reason = next(held["reason"] for held in shown["roles"] if held["id"] == role)
    assert ("to be safe" if lang == "en" else "par prudence") in reason


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("situation", "sentence"),
    [
        ("deep-fake", "affected-deep-fake"),
        ("chatbot", "affected-chatbot"),
        ("emotion-recognition", "affected-transparency"),
        ("biometric-categorisation", "affected-transparency"),
        ("credit-scoring", "affected-high-risk"),  # a high-risk decision: oversight and an explanation are owed
    ],
)
def test_an_affected_reader_owed_transparency_only_is_promised_nothing_else(lang, situation, sentence):
    """Only a transparency duty is owed to a reader shown a deep fake or talking to a chatbot: the
    verdict's sentence says so, instead of promising human oversight or an explanation (Art. 14, 86).
    Subject to a high-risk use, the reader is told those are owed, from the high-risk rules' date."""
    tree = load_tree()
    shown = result_of({**AFFECTED, "affected-situation": situation}, lang)
    assert shown["verdict"]["id"] == "protected"
    assert shown["verdict"]["why"] == tree.verdict_why_finding[sentence]["protected"][lang]
    oversight = "human oversight" if lang == "en" else "contrôle humain"
    assert (oversight in shown["verdict"]["why"]) is (sentence == "affected-high-risk")
    if sentence == "affected-high-risk":  # the date the duties owed start, as in the obligations listed
        later = {o["applies"]["date_text"] for o in shown["obligations"] if o["applies"]["status"] == "from"}
        assert later and all(day in shown["verdict"]["why"] for day in later)


SECTION_B_PRODUCT = {
    **START,
    "who-are-you": "organisation",
    "activity": "build-for-others",
    "prohibited-practice": "none",
    "use-area": "regulated-product",
    "product-use": "section-b",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("answers", "sentence"),
    [
        (SECTION_B_PRODUCT, "section-b"),
        (
            {
                **START,
                "who-are-you": "organisation",
                "activity": "model-work",
                "model-activity": "modify",
                "modification-share": "under-one-third",
            },
            "model-only",
        ),
    ],
)
def test_a_not_concerned_result_says_what_it_leaves_out(lang, answers, sentence):
    """ "No obligation" would mislead the provider of a high-risk Section B product (its duties come
    through sectoral law, Art. 2(2)) and a company whose model is offered as a service (that system
    has duties of its own): the verdict's sentence says so."""
    tree = load_tree()
    shown = result_of(answers, lang)
    assert shown["verdict"]["id"] == "not-concerned"
    assert shown["verdict"]["why"] == tree.verdict_why_finding[sentence]["not-concerned"][lang]


MODIFIER = {
    **START,
    "who-are-you": "organisation",
    "activity": "model-work",
    "model-activity": "modify",
    "modification-share": "over-one-third",
    "model-scale": "general-purpose",
    "model-release": "open-weights",
    "model-timing": "from-2025-08-02",
}


@pytest.mark.parametrize(("share", "to_be_safe"), [("over-one-third", False), ("dont-know", True)])
def test_a_model_modifier_is_told_its_obligations_are_limited_to_the_modification(share, to_be_safe):
    """Recital 109: a modifier who becomes the provider of the modified model owes the model duties for
    the modification only; the role's reason says so on the card, on paper and in the checklist."""
    shown = result_of({**MODIFIER, "modification-share": share}, "en")
    reason = next(held["reason"] for held in shown["roles"] if held["id"] == "gpai-model-provider")
    assert "limited to the modification" in reason and "recital 109" in reason
    assert ("to be safe" in reason) is to_be_safe


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_verdict_a_finding_sentence_does_not_word_keeps_its_own(lang):
    """The cautious publication sentence words "concerned" and "strongly concerned" only: a prohibited
    practice still leads with "do not"."""
    tree = load_tree()
    prohibited = result_of({**PRIVATE, "private-activity": "share-tool", "prohibited-practice": "social-scoring"}, lang)
    assert prohibited["verdict"]["id"] == "prohibited"
    assert "prohibited" not in tree.verdict_why_finding["hobby-publication"]
    assert prohibited["verdict"]["why"] == tree.verdict_why["prohibited"][lang]


def test_time_until_a_date_in_days_months_or_years_and_months_in_each_language():
    assert time_until(date(2026, 12, 2), TODAY, "en") == "in 4 days"
    assert time_until(date(2026, 11, 29), TODAY, "en") == "tomorrow"
    assert time_until(date(2026, 11, 29), TODAY, "fr") == "demain"
    assert time_until(date(2027, 12, 2), TODAY, "en") == "in 12 months"
    assert time_until(date(2026, 12, 28), TODAY, "fr") == "dans 1 mois"
    assert time_until(date(2030, 8, 2), TODAY, "en") == "in 3 years and 8 months"
    assert time_until(date(2030, 8, 2), TODAY, "fr") == "dans 3 ans et 8 mois"
    assert time_until(date(2029, 12, 28), TODAY, "en") == "in 3 years and 1 month"
    assert time_until(date(2028, 11, 28), TODAY, "fr") == "dans 2 ans"
    assert time_until(date(2029, 11, 30), TODAY, "en") == "in 3 years"


def test_obligations_are_grouped_as_applicable_now_then_by_date_and_by_who_owes_them():
    result = result_of(CREDIT_SCORING)
    schedule = result["schedule"]
    assert schedule["now"]["heading"] == "Already applicable" and schedule["later"]["heading"] == "Coming"
    # AI literacy is owed by a provider or a deployer: here the reader is a deployer only
    assert schedule["now"]["holders"] == [{"holder": {"id": "deployer", "label": "Deployer"}, "obligations": ["ai-literacy"]}]
    (later,) = schedule["later"]["dates"]
    assert later["date"] == "2027-12-02" and later["date_text"] == "2 December 2027" and later["until"] == "in 12 months"
    assert later["original_date"] == "2026-08-02" and later["original_text"] == "original text: 2 August 2026"
    assert [group["holder"]["id"] for group in later["holders"]] == ["deployer"]
    listed = [o for group in schedule["now"]["holders"] for o in group["obligations"]]
    listed += [o for day in schedule["later"]["dates"] for group in day["holders"] for o in group["obligations"]]
    assert sorted(listed) == sorted(obligation["id"] for obligation in result["obligations"])  # each once
    deployer = next(o for o in result["obligations"] if o["id"] == "high-risk-deployer")["applies"]
    assert deployer["until"] == "in 12 months" and deployer["date_text"] == "2 December 2027"
    assert result["obligations"][0]["applies"]["until"] is None  # already applies


def test_a_duty_of_either_role_stays_so_for_a_reader_who_holds_both():
    own = result_of(OWN_CREDIT_SCORING)  # the bank's own system: provider and deployer
    literacy = next(o for o in own["obligations"] if o["id"] == "ai-literacy")
    assert {role["id"] for role in own["roles"]} >= {"provider", "deployer"}
    assert literacy["holder"] == {"id": "provider-or-deployer", "label": "Provider or deployer"}


def test_a_result_without_obligations_has_an_empty_schedule():
    schedule = result_of(PRIVATE, "fr")["schedule"]
    assert schedule["now"] == {"heading": "Déjà applicables", "holders": []} and schedule["later"]["dates"] == []


# ----------------------------------------------------------------------------- the timeline


def parse_svg(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    return root


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_timeline_is_an_accessible_figure_with_one_mark_per_date_and_today(lang):
    result = views.result(state_of(SHARED_BIOMETRICS, lang), TODAY)
    root = parse_svg(to_svg(result))
    assert root.get("role") == "img" and root.get("width") == "100%"
    assert root.get("viewBox").split()[:3] == ["0", "0", str(WIDTH)]
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert list(root)[:2] == [title, desc] and title.text and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    dates = distinct_dates(result)
    assert len(dates) == 4
    marks = [element for element in root.iter() if "dt-tl-mark" in classes(element)]
    assert len(marks) == len(dates)
    assert [("dt-tl-past" in classes(mark)) for mark in marks] == [day <= TODAY.isoformat() for day in dates]
    assert len([element for element in root.iter() if "dt-tl-today-mark" in classes(element)]) == 1
    texts = [element.text for element in root.iter(SVG + "text")]
    for day in dates:  # each date in words, in the figure and in its description
        words = format_date(date.fromisoformat(day), lang)
        assert words in texts and words in desc.text
    assert format_date(TODAY, lang) in desc.text
    assert any(format_date(TODAY, lang) in text for text in texts)
    originals = [element for element in root.iter() if "dt-tl-original" in classes(element)]
    assert [element.text for element in originals] == [
        views.result(state_of(SHARED_BIOMETRICS, lang), TODAY)["schedule"]["later"]["dates"][0]["original_text"]
    ] * 2


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_line_of_the_timeline_fits_its_width(lang):
    """No text is measured: each line must fit at 0.56 em a character (the theme's font averages
    less, bold included), on the longest month names, on results with several dates."""
    september = date(2026, 9, 30)
    for answers in (SHARED_BIOMETRICS, CREDIT_SCORING, CHATBOT_VENDOR, {**CREDIT_SCORING, "high-risk-legacy": "yes"}):
        root = parse_svg(to_svg(views.result(state_of(answers, lang), september)))
        for text in root.iter(SVG + "text"):
            size = float(text.get("font-size") or root.get("font-size"))
            assert float(text.get("x")) + 0.56 * size * len(text.text) <= WIDTH, text.text


def test_an_affected_readers_timeline_counts_rights_not_obligations():
    applicant = result_of({**AFFECTED, "affected-situation": "job-application"})
    svg = ET.fromstring(to_svg(applicant))
    desc = svg.find(f"{SVG}desc").text
    assert "Affected person (you): 1\u00a0right" in desc and "(you): 1\u00a0obligation" not in desc
    assert "Deployer: 1\u00a0obligation" in desc


def test_the_timeline_uses_no_colour_but_the_text_colour_and_prefixed_classes():
    for answers in (CREDIT_SCORING, CHATBOT_VENDOR, SHARED_BIOMETRICS):
        svg = to_svg(result_of(answers))
        root = parse_svg(svg)
        for element in root.iter():
            assert element.get("style") is None
            for attribute in ("fill", "stroke", "color", "stop-color"):
                assert element.get(attribute) in (None, "currentColor", "none"), (element.tag, attribute)
            assert all(name.startswith("dt-tl") for name in classes(element))
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b|rgb\(|hsl\(", svg)


def test_the_timeline_places_today_between_past_and_coming_dates():
    root = parse_svg(to_svg(result_of(CREDIT_SCORING)))
    rows = [element for element in root if element.tag == SVG + "g"]
    kinds = [("today" if "dt-tl-today" in classes(row) else "past" if "dt-tl-past" in classes(row) else "future") for row in rows]
    assert kinds == ["past", "today", "future"]
    late = parse_svg(to_svg(result_of(CREDIT_SCORING, today=date(2030, 1, 1))))
    assert "dt-tl-today" in classes([element for element in late if element.tag == SVG + "g"][-1])


def test_the_timeline_escapes_its_text_and_is_none_without_obligations():
    def odd_label(sources: dict) -> None:
        sources["labels.toml"]["roles"]["deployer"]["label"]["en"] = 'Deployer <b>&amp; "co"'

    with tree_from(odd_label) as tree:
        result = views.result(state_of(CREDIT_SCORING), TODAY, tree)
        svg = to_svg(result, tree)
        root = parse_svg(svg)
        assert any('Deployer <b>&amp; "co"' in (element.text or "") for element in root.iter())
        assert "<b>" not in svg
    assert to_svg(result_of(PRIVATE)) is None


# ----------------------------------------------------------------------------- the checklist


def test_the_markdown_is_a_checklist_with_links_dates_and_the_plain_link_last():
    result = result_of(CREDIT_SCORING)
    markdown = to_markdown(result, share_url=URL + "x", alternatives=what_decides(state_of(CREDIT_SCORING)))
    lines = markdown.splitlines()
    assert lines[0].startswith("## Local AI and the AI Act – Verdict: Strongly concerned ([Art. 6(2)](https://eur-lex.europa.eu/")
    assert "[Annex III, point 5(b)](https://eur-lex.europa.eu/" in lines[0]
    tasks = [line for line in lines if line.startswith("- [ ] ")]
    assert len(tasks) == len(result["obligations"])
    for task, obligation in zip(tasks, result["obligations"], strict=True):
        assert task.startswith(f"- [ ] {obligation['text']} — {obligation['holder']['label']} — [")
        assert "](https://eur-lex.europa.eu/legal-content/EN/" in task and obligation["applies"]["text"] in task
    assert tasks[0].endswith("applies since 2 February 2025")
    assert tasks[1].endswith("applies from 2 December 2027 (in 12 months, original text: 2 August 2026)")
    assert lines.index("*Already applicable*") < lines.index("*Coming*")
    assert "**What decides your verdict**" in lines and "- … and 9 more, shown by the link below." in lines
    assert "**Good to know**" in lines and "**Your answers**" in lines
    assert result["legal_basis"]["line"] + " General information, not legal advice." in lines
    assert lines[-2:] == ["", URL + "x"] and "<" not in markdown
    # Without a link (the command line's default), nothing could show the rest: all are listed.
    block = what_decides(state_of(CREDIT_SCORING))
    every_item = block["items"] + block["more_items"]
    unlinked = to_markdown(result, alternatives=block).splitlines()
    listed = [line for line in unlinked if line.startswith("- ")]
    assert all(any(line.startswith(f"- {item['text']}") for line in listed) for item in every_item)
    assert not any(block["more"] in line for line in unlinked)


def test_the_french_checklist_and_one_without_obligations_or_link():
    markdown = to_markdown(result_of(PRIVATE, "fr"))
    assert markdown.startswith("## IA locale et AI Act – Verdict\u00a0: Non concerné ([art. 2, paragraphe 10](")
    assert "- [ ]" not in markdown and "Aucune obligation du règlement pour cette situation." in markdown
    assert markdown.endswith("pas un conseil juridique.\n")
    text = to_text(result_of(CREDIT_SCORING, "fr"), alternatives=what_decides(state_of(CREDIT_SCORING, "fr")))
    assert text.startswith(
        "IA locale et AI Act – Verdict\u00a0: Fortement concerné (art. 6, paragraphe 2, annexe III, point 5 b))"
    )
    assert "Ce qui décide de votre verdict" in text and "](" not in text and "*" not in text
    block = what_decides(state_of(CREDIT_SCORING, "fr"))
    assert block["more_items"] and block["more"] not in text  # a terminal lists every item: it cannot open the rest
    assert all(f"- {item['text']}" in text for item in block["items"] + block["more_items"])


# ----------------------------------------------------------------------------- the calendar


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_calendar_has_one_all_day_event_per_upcoming_date(lang):
    result = views.result(state_of(SHARED_BIOMETRICS, lang), TODAY)
    token = token_of(SHARED_BIOMETRICS)
    events = parse_ics(to_ics(result, token, URL + token))
    upcoming = [day for day in distinct_dates(result) if day > TODAY.isoformat()]
    assert [event["start"].isoformat() for event in events] == upcoming == ["2026-12-02", "2027-12-02"]
    for event in events:
        assert event["DTSTAMP"][1] == "20261128T000000Z"
        assert URL + token in event["DESCRIPTION"][1] and event["URL"][1] == URL + token
        assert result["legal_basis"]["line"] in event["DESCRIPTION"][1]
        owed = [o for o in result["obligations"] if o["applies"]["date"] == event["start"].isoformat()]
        for obligation in owed:
            assert obligation["text"] in event["DESCRIPTION"][1]
            assert obligation["citations"][0]["label"] in event["DESCRIPTION"][1]
            assert obligation["holder"]["label"] in event["SUMMARY"][1]
    assert ("Fournisseur" if lang == "fr" else "Provider") in events[0]["SUMMARY"][1]
    moved = load_tree().ui["calendar_moved"][lang]  # both dates were 2 August 2026: said as a sentence
    assert all(f"{moved} (" in event["DESCRIPTION"][1] for event in events)
    # A reminder 30 days before a date still that far ahead; none for tomorrow's (it would be past).
    assert events[0]["alarms"] == []
    (alarm,) = events[1]["alarms"]
    assert alarm["ACTION"][1] == "DISPLAY" and alarm["TRIGGER"][1] == "-P30D"
    assert alarm["DESCRIPTION"][1] == events[1]["SUMMARY"][1]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_affected_readers_calendar_says_what_they_are_owed_and_which_dates_moved(lang):
    """A job applicant: the deployer's duties moved to 2 December 2027 by the 2026 amendment, the
    right to an explanation (Art. 86, applicable since 2 August 2026) did not; both start that day."""
    answers = {**AFFECTED, "affected-situation": "job-application"}
    result, ui = result_of(answers, lang), load_tree().ui
    (event,) = parse_ics(to_ics(result, token_of(answers)))
    # The holders are the other side's roles: the summary names none (the description does).
    assert event["SUMMARY"][1] == ui["calendar_summary_affected"][lang].format(colon=wording.colon(lang, load_tree()))
    owed = [o for o in result["obligations"] if o["applies"]["date"] == event["start"].isoformat()]
    lines = event["DESCRIPTION"][1].split("\n")
    moved = {o["id"]: ui["calendar_moved"][lang] in next(line for line in lines if o["text"] in line) for o in owed}
    assert moved == {o["id"]: bool(o["applies"]["original_date"]) for o in owed}
    assert moved["affected-right-to-explanation"] is False and True in moved.values()


# A school, unsure whether it is public, already uses a dedicated grading tool: its high-risk duties
# run already and are due by 2 August 2030 (Art. 111(2)), a deadline rather than a start.
LEGACY_PUBLIC_GRADING = {
    "what-is-it": "ai-system",
    "eu-link": "in-scope",
    "exclusive-purpose": "none",
    "who-are-you": "organisation",
    "activity": "use-ready-made",
    "prohibited-practice": "none",
    "use-area": "education",
    "education-use": "listed-use",
    "tool-origin": "dedicated",
    "decision-role": "decides-or-recommends",
    "public-nature": "dont-know",
    "high-risk-legacy": "yes",
    "deployer-uses": ["none"],
}


@pytest.mark.parametrize(
    ("lang", "due", "summary"), [("en", "due by", "compliance deadline"), ("fr", "à respecter au plus tard le", "date limite")]
)
def test_a_deadline_reads_due_by_in_the_result_the_markdown_and_the_calendar(lang, due, summary):
    result = views.result(state_of(LEGACY_PUBLIC_GRADING, lang), TODAY)
    by_date = {o["applies"]["date"]: o["applies"] for o in result["obligations"]}
    assert by_date["2030-08-02"]["text"] == f"{due} {format_date(date(2030, 8, 2), lang)}"
    assert by_date["2025-02-02"]["text"].startswith("applies since" if lang == "en" else "s'applique depuis")
    assert f"{due} {format_date(date(2030, 8, 2), lang)}" in to_markdown(result)
    [event] = parse_ics(to_ics(result, token_of(LEGACY_PUBLIC_GRADING)))
    assert summary in event["SUMMARY"][1] and "2030" not in event["SUMMARY"][1]
    # Whether the school is public stays open: the event says so beside the deadline it depends on.
    assert result["review_text"] and event["DESCRIPTION"][1].split("\n")[1] == result["review_text"]
    starting = parse_ics(to_ics(result_of(CREDIT_SCORING, lang), token_of(CREDIT_SCORING)))
    assert all(summary not in event["SUMMARY"][1] for event in starting)  # a start keeps "apply from today"
    assert all(event["DESCRIPTION"][1].split("\n")[1] == "" for event in starting)  # nothing open there


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_duty_owed_only_on_a_design_change_is_not_announced_as_applying(lang):
    """A system already on the market owes its high-risk duties only if its design changes
    significantly (Art. 111(2)): its calendar event says so rather than that they apply."""
    tree = load_tree()
    legacy = {**CREDIT_SCORING, "high-risk-legacy": "yes"}
    result = result_of(legacy, lang)
    later = [o for o in result["obligations"] if o["applies"]["date"] > TODAY.isoformat()]
    assert later and all(o["conditional"] for o in later)
    [event] = parse_ics(to_ics(result, token_of(legacy)))
    holders = ", ".join(dict.fromkeys(o["holder"]["label"] for o in later))
    expected = tree.ui["calendar_summary_conditional"][lang].format(colon=wording.colon(lang, tree), holders=holders)
    assert event["SUMMARY"][1] == expected
    assert not any(o["conditional"] for o in result_of(CREDIT_SCORING, lang)["obligations"])


def test_the_right_to_explanation_is_not_said_to_be_moved_by_the_amendment():
    """Art. 86 has applied since 2 August 2026; the result dates it from when a system is Annex III
    high-risk (our reading, in a note), not as a date Regulation (EU) 2026/1744 moved."""
    applies = {o["id"]: o["applies"] for o in result_of(CREDIT_SCORING)["obligations"]}
    assert applies["explain-individual-decisions"]["date"] == applies["high-risk-deployer"]["date"] == "2027-12-02"
    assert applies["explain-individual-decisions"]["original_date"] is None
    assert applies["high-risk-deployer"]["original_date"] == "2026-08-02"
    assert "explanation-date" in {note["id"] for note in result_of(CREDIT_SCORING)["notes"]}


def test_calendar_uids_are_stable_distinct_and_shared_by_the_languages():
    token = token_of(CREDIT_SCORING)
    english = parse_ics(to_ics(result_of(CREDIT_SCORING), token))
    french = parse_ics(to_ics(result_of(CREDIT_SCORING, "fr"), token))
    again = parse_ics(to_ics(result_of(CREDIT_SCORING), token))
    assert [event["UID"] for event in english] == [event["UID"] for event in french] == [event["UID"] for event in again]
    biometrics = parse_ics(to_ics(result_of(SHARED_BIOMETRICS), token_of(SHARED_BIOMETRICS)))
    uids = [event["UID"][1] for event in biometrics]
    assert len(set(uids)) == len(uids) and english[0]["UID"][1] not in uids
    assert all(re.fullmatch(r"[0-9a-f]{16}-\d{8}-[a-z0-9+-]+", uid) for uid in uids)


def test_only_dates_after_today_become_events_and_none_gives_no_file():
    token = token_of(SHARED_BIOMETRICS)
    assert len(parse_ics(to_ics(result_of(SHARED_BIOMETRICS, today=date(2026, 12, 1)), token))) == 2
    assert (
        len(parse_ics(to_ics(result_of(SHARED_BIOMETRICS, today=date(2026, 12, 2)), token))) == 1
    )  # on the day: already applies
    assert to_ics(result_of(SHARED_BIOMETRICS, today=date(2027, 12, 2)), token) is None
    assert to_ics(result_of(CHATBOT_VENDOR), token_of(CHATBOT_VENDOR)) is None  # everything applies already
    assert to_ics(result_of(PRIVATE), token_of(PRIVATE)) is None


def test_calendar_text_is_escaped_and_folded_without_splitting_characters():
    def odd_text(sources: dict) -> None:
        obligation = next(o for o in sources["obligations.toml"]["obligations"] if o["id"] == "high-risk-deployer")
        obligation["text"]["en"] = "Semi; colon, comma \\ backslash\nnew line " + "é" * 80

    with tree_from(odd_text) as tree:
        result = views.result(state_of(CREDIT_SCORING), TODAY, tree)
        ics = to_ics(result, token_of(CREDIT_SCORING), "https://example.org/a b\r\nX-INJECTED:1", tree)
        (event,) = parse_ics(ics)
        assert "Semi; colon, comma \\ backslash\nnew line " + "é" * 80 in event["DESCRIPTION"][1]
        assert "URL" not in event and "X-INJECTED" not in event  # a URL with spaces or line breaks stays in the text only
    assert fold("x" * 200).split("\r\n")[1].startswith(" ")
    assert all(len(line.encode()) <= 75 for line in fold("é" * 100).split("\r\n"))


# ----------------------------------------------------------------------------- the bridge


def call(**request):
    return json.loads(handle(json.dumps({"lang": "en", "today": TODAY.isoformat(), **request})))


def test_a_result_reply_carries_the_details_and_a_question_reply_does_not():
    reply = call(op="view", token=token_of(CREDIT_SCORING))
    details = reply["details"]
    assert set(details) == {"alternatives", "open_answers", "timeline_svg", "calendar_events"}
    assert details["open_answers"] is None  # no "I don't know" among the answers
    assert details["alternatives"] == what_decides(state_of(CREDIT_SCORING))
    assert details["timeline_svg"] == to_svg(reply["view"]) and details["calendar_events"] == 1
    assert reply["view"]["schedule"]["later"]["dates"][0]["until"] == "in 12 months"
    assert call(op="view", token=token_of(PRIVATE))["details"]["timeline_svg"] is None
    question = call(
        op="view", token=share.encode(partial({key: value for key, value in PRIVATE.items() if key != "private-activity"}))
    )
    assert question["view"]["kind"] == "question" and "details" not in question
    assert {step["view"]["kind"] for step in question["ahead"].values()} == {"result", "question"}
    assert all(set(step) == {"token", "view"} for step in question["ahead"].values())  # never inside "ahead"


def test_the_calendar_op_gives_the_file_its_name_and_why_there_is_none():
    token = token_of(SHARED_BIOMETRICS)
    reply = call(op="calendar", token=token, share_url=URL + token)
    calendar = reply["calendar"]
    assert calendar["filename"] == "ai-act-timeline.ics" and calendar["events"] == 2 and calendar["message"] is None
    assert len(parse_ics(calendar["text"])) == 2 and reply["details"]["calendar_events"] == 2
    french = call(op="calendar", token=token_of(CHATBOT_VENDOR), lang="fr")["calendar"]
    assert french == {
        "text": None,
        "filename": "echeances-ai-act.ics",
        "events": 0,
        "message": "Aucune date à venir\u00a0: aucune de vos obligations ne commence plus tard.",
    }
    assert call(op="calendar", token="")["error"]["code"] == "not-finished"
    assert call(op="calendar", token=token, share_url=42)["ok"]  # a share_url that is not a string is left out


def test_the_markdown_op_includes_what_decides():
    reply = call(op="markdown", token=token_of(CREDIT_SCORING), share_url=URL + "x")
    assert "**What decides your verdict**" in reply["markdown"] and reply["markdown"].endswith(URL + "x\n")


# ----------------------------------------------------------------------------- the command line


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_text_and_markdown_say_what_decides_and_ics_is_a_calendar(capsys):
    token = token_of(CREDIT_SCORING)
    code, out, _ = run(capsys, "--date", "2026-11-28", "--lang", "en", "result", token)
    assert code == 0 and "What decides your verdict" in out and "— if you had answered" in out
    code, out, _ = run(
        capsys, "--date", "2026-11-28", "--lang", "en", "result", token, "--format", "markdown", "--share-url", URL + token
    )
    assert code == 0 and "**What decides your verdict**" in out and out.endswith(f"\n\n{URL}{token}\n")
    code, out, _ = run(
        capsys, "--date", "2026-11-28", "--lang", "fr", "result", token, "--format", "ics", "--share-url", URL + token
    )
    (event,) = parse_ics(out)
    assert code == 0 and event["start"] == date(2027, 12, 2) and "Déployeur" in event["SUMMARY"][1]
    code, out, err = run(capsys, "--date", "2026-11-28", "--lang", "en", "result", token_of(OFFICE_USE), "--format", "ics")
    # Nothing written and a failure, so that `> dates.ics` leaves no empty file taken for a calendar.
    assert code == 1 and out == "" and err.strip() == "No date ahead: none of your obligations starts later."


def test_an_affected_reader_reads_what_they_are_owed_not_obligations():
    applicant = {**AFFECTED, "affected-situation": "job-application"}
    markdown = to_markdown(result_of(applicant))
    assert "**What you are owed, and your rights**" in markdown and "**Obligations**" not in markdown
    assert "- [ ] " not in markdown  # nothing for the reader to tick off: plain items
    assert len([line for line in markdown.splitlines() if line.startswith("- ") and " — [Art. " in line]) >= 2
    assert result_of(CREDIT_SCORING)["obligations_heading"] == "Obligations"
