"""A result's upcoming dates as an iCalendar file (RFC 5545), in the reader's language.

One all-day event per date after `today` (the result's `computed_on`) on which some of the
reader's obligations start to apply: DTSTART;VALUE=DATE and DTEND the next day, SUMMARY naming
who owes them, DESCRIPTION listing them with their articles (each with its original date where the
2026 amendment moved it), the share link, the legal basis and "not legal advice"; a reminder
(VALARM) 30 days before, when that is still ahead.

Deterministic: DTSTAMP is `today` at midnight UTC, and each UID is derived from the share token
and the date's milestones, so downloading the file again (or in the other language) updates the
same events instead of adding copies. CRLF line endings, lines folded at 75 octets (never inside
a UTF-8 character), TEXT values escaped (backslash, semicolon, comma, newline).

An iCalendar object needs at least one event: with no upcoming date there is no file, and
`to_ics` returns None (the page hides the button; the command line says why).
"""

from __future__ import annotations

from datetime import date, timedelta

from . import wording
from .model import Tree, load_tree

PRODID = "-//ai-act-decision-tree//self-assessment//{lang}"
REMINDER = timedelta(days=30)  # each event's alarm, before its day


def to_ics(result: dict, token: str, share_url: str | None = None, tree: Tree | None = None) -> str | None:
    """The calendar of a result view (views.result) made from `token`, or None without a later date."""
    tree = tree or load_tree()
    events = upcoming(result)
    if not events:
        return None
    lang = result["lang"]
    today = date.fromisoformat(result["computed_on"])
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + PRODID.format(lang=lang.upper()),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for day, obligations in events.items():
        lines.extend(_event(day, obligations, result, token, share_url, today, tree))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def filename(lang: str, tree: Tree | None = None) -> str:
    return (tree or load_tree()).ui["calendar_filename"][lang] + ".ics"


def upcoming(result: dict) -> dict[str, list[dict]]:
    """The result's obligations that start after `computed_on`, by date (ISO), in date order."""
    today = result["computed_on"]
    by_day: dict[str, list[dict]] = {}
    for obligation in result["obligations"]:
        if obligation["applies"]["date"] > today:
            by_day.setdefault(obligation["applies"]["date"], []).append(obligation)
    return dict(sorted(by_day.items()))


def _event(
    day: str, obligations: list[dict], result: dict, token: str, share_url: str | None, today: date, tree: Tree
) -> list[str]:
    lang, ui = result["lang"], tree.ui
    colon = wording.colon(lang, tree)
    start = date.fromisoformat(day)
    holders = ", ".join(dict.fromkeys(obligation["holder"]["label"] for obligation in obligations))
    if not result["reader_owes"]:  # an affected reader: what others owe them, whatever its kind
        kind = "calendar_summary_affected"
    elif all(obligation["applies"]["deadline"] for obligation in obligations):
        kind = "calendar_summary_deadline"
    elif all(obligation["conditional"] for obligation in obligations):
        kind = "calendar_summary_conditional"
    else:
        kind = "calendar_summary"
    summary = ui[kind][lang].format(colon=colon, holders=holders)
    milestones = "+".join(dict.fromkeys(obligation["applies"]["milestone"] for obligation in obligations))
    description = [f"{ui['verdict'][lang]}{colon} {result['verdict']['label']}"]
    if result["review_text"]:  # what stays open in the result stays said beside its dates
        description.append(result["review_text"])
    description.append("")
    for obligation in obligations:
        cited = ", ".join(citation["label"] for citation in obligation["citations"])
        line = f"- {obligation['text']} ({obligation['holder']['label']} — {cited})"
        original = obligation["applies"]["original_text"]
        if original:  # the amendment moved this obligation's date (not every one on the day)
            line += f" {ui['calendar_moved'][lang]} ({original})."
        description.append(line)
    if share_url:
        description += ["", f"{ui['calendar_result'][lang]}{colon} {share_url}"]
    description += ["", f"{result['legal_basis']['line']} {ui['not_legal_advice'][lang]}"]
    event = [
        "BEGIN:VEVENT",
        f"UID:{_digest(token)}-{start:%Y%m%d}-{milestones}",
        f"DTSTAMP:{today:%Y%m%d}T000000Z",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{start + timedelta(days=1):%Y%m%d}",
        "SUMMARY:" + escape(summary),
        "DESCRIPTION:" + escape("\n".join(description)),
        "TRANSP:TRANSPARENT",
    ]
    if share_url and share_url.isprintable() and not any(character.isspace() for character in share_url):
        event.append("URL:" + share_url)  # a URI value is not escaped: only a clean one goes there
    if start - today > REMINDER:  # a reminder that is still ahead, to prepare rather than discover
        event += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + escape(summary), f"TRIGGER:-P{REMINDER.days}D", "END:VALARM"]
    return [*event, "END:VEVENT"]


def escape(text: str) -> str:
    """An iCalendar TEXT value (RFC 5545, 3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """A content line folded so that no physical line exceeds `limit` octets (RFC 5545, 3.1):
    continuation lines start with one space, and a UTF-8 character is never split."""
    pieces, current, size = [], "", 0
    for character in line:
        octets = len(character.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            current, size = " ", 1
        current += character
        size += octets
    pieces.append(current)
    return "\r\n".join(pieces)


def _digest(text: str) -> str:
    """A stable 64-bit FNV-1a digest in hex (hashlib is not in the browser's engine)."""
    value = 0xCBF29CE484222325
    for octet in text.encode("utf-8"):
        value = ((value ^ octet) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"
