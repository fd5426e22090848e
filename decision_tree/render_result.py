"""A result view (views.result) as a Markdown checklist for forum posts and issue trackers, or as
plain text for a terminal.

The Markdown reads on its own when pasted: a title line naming the site, the verdict and the
provisions that decide it; what the verdict means, and each role with its reason; the reader's
obligations as `- [ ]` task items (those that already apply, then those to come, each with its
articles linked and its date); what the reader's "I don't know" answers leave open and what
decides the verdict (alternatives.open_answers and what_decides, when given); the notes; the
answers; the legal basis and "not legal advice"; and the share link as a plain URL on the last
line (forums and trackers link a bare URL themselves; `<…>` would show in some of them).
"""

from __future__ import annotations

import re

from .model import Tree, load_tree
from .wording import heading


def to_markdown(
    result: dict,
    share_url: str | None = None,
    tree: Tree | None = None,
    alternatives: dict | None = None,
    open_answers: dict | None = None,
    every_alternative: bool = False,
) -> str:
    """`every_alternative`: list what decides the verdict in full, not the first items and
    "… and N more" (a terminal cannot open the rest; a forum post stays short). Without a
    `share_url` the list is full anyway: nothing else could show the rest."""
    tree = tree or load_tree()
    lang, ui = result["lang"], tree.ui

    def cited(citations: list[dict]) -> str:
        return ", ".join(f"[{citation['label']}]({citation['url']})" for citation in citations)

    site, separator = ui["site_name"][lang], ui["site_title_separator"][lang]
    title = f"## {site}{separator}{heading('verdict', lang, tree)} {result['verdict']['label']}"
    if result["decisive"]:
        title += f" ({cited(result['decisive'])})"
    lines = [title, f"\n{result['verdict']['why']}"]
    if result["needs_review"]:
        lines.append(f"\n> {result['review_text']}")
    for notice in result["notices"]:
        lines.append(f"\n> {notice['text']}")
    lines.append(f"\n**{heading('roles', lang, tree)}**" + ("" if result["roles"] else f" {ui['none_role'][lang]}"))
    if result["roles"]:
        lines.append("")
        lines.extend(f"- {role['label']} — {role['reason']}" for role in result["roles"])  # the reason cites its articles

    lines.append(f"\n**{result['obligations_heading']}**")
    obligations = {obligation["id"]: obligation for obligation in result["obligations"]}
    schedule = result["schedule"]
    bullet = "- [ ] " if result["reader_owes"] else "- "  # a to-do only for what the reader must do
    if schedule["now"]["holders"]:
        lines.append(f"\n*{schedule['now']['heading']}*\n")
        lines.extend(bullet + _task(obligations[o], cited) for group in schedule["now"]["holders"] for o in group["obligations"])
    if schedule["later"]["dates"]:
        lines.append(f"\n*{schedule['later']['heading']}*\n")
        lines.extend(
            bullet + _task(obligations[o], cited)
            for day in schedule["later"]["dates"]
            for group in day["holders"]
            for o in group["obligations"]
        )
    if not result["obligations"]:
        lines.append(f"\n{ui['no_obligations'][lang]}")

    if open_answers is not None:
        lines.append(f"\n**{open_answers['heading']}**\n")
        for item in open_answers["items"]:
            lines.append(f"- {item['question']}")
            lines.extend(f"  - {outcome['text']}" for outcome in item["outcomes"])

    if alternatives is not None:
        lines.append(f"\n**{alternatives['heading']}**\n")
        in_full = every_alternative or not share_url
        listed = alternatives["items"] + (alternatives["more_items"] if in_full else [])
        for item in listed:
            lines.append(f"- {item['text']}" + (f" — {item['also_text']}" if item["also_text"] else ""))
        if alternatives["more"] and not in_full:
            more = len(alternatives["more_items"])  # a post cannot open them: the link below can
            lines.append(f"- {ui['what_decides_more_link'][lang].format(n=more)}")
        if alternatives["none"]:
            lines.append(f"- {alternatives['none']}")
        if alternatives["open"]:
            lines.append(f"\n{alternatives['open']['text']}")

    if result["notes"]:
        lines.append(f"\n**{ui['notes'][lang]}**\n")
        lines.extend(f"- *{note['kind_label']}* — {note['text']} ({cited(note['citations'])})" for note in result["notes"])
    lines.append(f"\n**{ui['answers'][lang]}**\n")
    for number, answer in enumerate(result["answers"], start=1):  # numbered as --change N counts them
        lines.append(f"{number}. {answer['question']} → {', '.join(option['label'] for option in answer['options'])}")
    lines.append(f"\n{result['legal_basis']['line']} {ui['not_legal_advice'][lang]}")
    if share_url:
        lines.append(f"\n{share_url}")
    return "\n".join(lines) + "\n"


def _task(obligation: dict, cited) -> str:
    """One obligation as a list item, after its bullet: text — who — articles — date (how long
    until it, the original date where the 2026 amendment moved it)."""
    applies = obligation["applies"]
    when = applies["text"]
    extra = [part for part in (applies["until"], applies["original_text"]) if part]
    if extra:
        when += f" ({', '.join(extra)})"
    return f"{obligation['text']} — {obligation['holder']['label']} — {cited(obligation['citations'])} — {when}"


def to_text(result: dict, tree: Tree | None = None, alternatives: dict | None = None, open_answers: dict | None = None) -> str:
    """Plain text for a terminal: the Markdown without its heading, emphasis and link syntax."""
    markdown = to_markdown(result, tree=tree, alternatives=alternatives, open_answers=open_answers, every_alternative=True)
    markdown = re.sub(r"^#+ ", "", markdown, flags=re.M)
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown).replace("**", "").replace("*", "")
