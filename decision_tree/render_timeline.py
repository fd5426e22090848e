"""A result's timeline as inline SVG: the reader's obligations on a time axis, today marked.

The page inserts the string as is (no drawing logic in the page's script). The axis is
vertical, so it reads at 320 px as well as on a wide screen: one row per distinct date of the
reader's obligations, in date order, with today's mark between the past and the future rows.
Each row gives the date in the language's format, "applies since" or how long until it, the
original date faintly where the 2026 amendment moved it, and who owes how many obligations.

Accessible and themable: role="img" with <title> and <desc> (the desc says every date in
words); nothing is said by colour alone (a past date is a filled disc, a later one a ring,
today a diamond, and each says it in words); every stroke and fill is `currentColor` or
"none", so the figure follows the page's text colour in dark mode and prints black. Classes
(all prefixed `dt-tl-`) let the page's stylesheet tint or space it:

    dt-tl            the <svg>            dt-tl-axis        the vertical line
    dt-tl-mark       a date's mark        dt-tl-past / dt-tl-future   on the mark and its row
    dt-tl-today      today's group: dt-tl-today-mark (a diamond), -label, -rule (dashed)
    dt-tl-row        one date's group
    dt-tl-date       the date             dt-tl-when        "already applicable" / "in 12 months"
    dt-tl-original   the original date (faint)                        dt-tl-who    who owes it

The viewBox is 270 units wide (width 100%, height from the aspect ratio): near the widget's
width on a 320 px screen (246 px), where the text is drawn at 0.9 of its nominal size; wider
screens scale it up to the width the page caps the figure at. Every
text is XML-escaped; no text is measured, long lines are wrapped by character count.
"""

from __future__ import annotations

from datetime import date

from . import wording
from .model import Tree, load_tree

WIDTH = 270
AXIS_X = 14
TEXT_X = 30
TOP = 16
LINE = 17  # baseline to baseline
ROW_GAP = 14
WRAP = 32  # characters per line at 13 units (about 7 units a character, 236 units free)


def to_svg(result: dict, tree: Tree | None = None, id_prefix: str = "dt-tl") -> str | None:
    """The timeline of a result view (views.result), or None when it lists no obligation."""
    tree = tree or load_tree()
    if not result["obligations"]:
        return None
    lang, ui = result["lang"], tree.ui
    today = date.fromisoformat(result["computed_on"])
    rows = _rows(result, lang, tree)
    today_text = f"{wording.heading('today', lang, tree)} {wording.format_date(today, lang, tree)}"

    parts, y, rings = [], TOP, []
    today_drawn = False
    for row in rows:
        if not today_drawn and row["day"] > today:
            parts.append(_today(y, today_text))
            y += LINE + ROW_GAP
            today_drawn = True
        if not row["past"]:
            rings.append(y - 4)  # the axis stops around a ring, so the ring stays hollow
        markup, y = _row(row, y)
        parts.append(markup)
    if not today_drawn:
        parts.append(_today(y, today_text))
        y += LINE + ROW_GAP
    height = y - ROW_GAP + 6

    title = ui["timeline_title"][lang].format(colon=wording.colon(lang, tree))
    desc = " ".join([*(row["sentence"] for row in rows), f"{today_text}."])
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dt-tl" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'font-size="13" fill="currentColor" stroke="none">'
        f'<title id="{title_id}">{_xml(title)}</title>'
        f'<desc id="{desc_id}">{_xml(desc)}</desc>' + _axis(TOP - 6, height - 6, rings) + "".join(parts) + "</svg>"
    )


def _axis(top: int, bottom: int, rings: list[int]) -> str:
    """The vertical line, in segments that leave a gap at each ring."""
    points, start = [], top
    for centre in rings:
        points.append((start, centre - 7))
        start = centre + 7
    points.append((start, bottom))
    path = " ".join(f"M{AXIS_X} {y1}V{y2}" for y1, y2 in points if y2 > y1)
    return f'<path class="dt-tl-axis" d="{path}" stroke="currentColor" stroke-width="2" fill="none"/>'


def _rows(result: dict, lang: str, tree: Tree) -> list[dict]:
    """One row per distinct date: its words, its marks, and a sentence for <desc>."""
    by_day: dict[str, list[dict]] = {}
    for obligation in result["obligations"]:
        by_day.setdefault(obligation["applies"]["date"], []).append(obligation)
    rows = []
    for day in sorted(by_day):
        obligations = by_day[day]
        applies = obligations[0]["applies"]
        past = applies["status"] == "since"
        when = tree.ui["applies_now"][lang] if past else applies["until"]
        original = next((o["applies"]["original_text"] for o in obligations if o["applies"]["original_text"]), None)
        holders: dict[tuple[str, str], list[dict]] = {}
        for obligation in obligations:
            holders.setdefault((obligation["holder"]["id"], obligation["holder"]["label"]), []).append(obligation)
        who = []
        for (holder, label), owed in holders.items():
            noun = "rights" if holder == tree.affected.role else "obligations"  # an affected reader holds rights
            count = wording.counted(noun, len(owed), lang, tree).replace(" ", "\u00a0")  # the count is never split
            who.append(f"{label}{wording.colon(lang, tree)} {count}")
        sentence = f"{applies['date_text']}{wording.colon(lang, tree)} {when}, {', '.join(who)}"
        if original:
            sentence += f" ({original})"
        rows.append(
            {
                "day": date.fromisoformat(day),
                "past": past,
                "date_text": applies["date_text"],
                "when": when,
                "original": original,
                "who": who,
                "sentence": sentence + ".",
            }
        )
    return rows


def _row(row: dict, y: int) -> tuple[str, int]:
    tense = "dt-tl-past" if row["past"] else "dt-tl-future"
    mark = f'<circle class="dt-tl-mark {tense}" cx="{AXIS_X}" cy="{y - 4}" r="6" ' + (
        'fill="currentColor"/>' if row["past"] else 'fill="none" stroke="currentColor" stroke-width="2"/>'
    )
    lines = [f'<text class="dt-tl-date" x="{TEXT_X}" y="{y}" font-weight="bold" font-size="14">{_xml(row["date_text"])}</text>']
    y += LINE
    lines.append(f'<text class="dt-tl-when" x="{TEXT_X}" y="{y}">{_xml(row["when"])}</text>')
    if row["original"]:
        y += LINE
        lines.append(
            f'<text class="dt-tl-original" x="{TEXT_X}" y="{y}" opacity="0.75" font-size="12">{_xml(row["original"])}</text>'
        )
    for who in row["who"]:
        for piece in _wrap(who, WRAP):
            y += LINE
            lines.append(f'<text class="dt-tl-who" x="{TEXT_X}" y="{y}">{_xml(piece)}</text>')
    return f'<g class="dt-tl-row {tense}">{mark}{"".join(lines)}</g>', y + LINE + ROW_GAP


def _today(y: int, text: str) -> str:
    size = 6
    diamond = f"{AXIS_X},{y - 4 - size} {AXIS_X + size},{y - 4} {AXIS_X},{y - 4 + size} {AXIS_X - size},{y - 4}"
    return (
        f'<g class="dt-tl-today">'
        f'<polygon class="dt-tl-today-mark" points="{diamond}" fill="currentColor"/>'
        f'<text class="dt-tl-today-label" x="{TEXT_X}" y="{y}" font-weight="bold">{_xml(text)}</text>'
        f'<line class="dt-tl-today-rule" x1="{TEXT_X}" y1="{y + 6}" x2="{WIDTH - 4}" y2="{y + 6}" '
        'stroke="currentColor" stroke-width="1" stroke-dasharray="3 3" opacity="0.5"/>'
        f"</g>"
    )


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&apos;")
