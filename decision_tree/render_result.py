"""A result (the dict from engine.result) as Markdown for forum posts, or as plain text."""

from __future__ import annotations

import re

from .model import Tree, load_tree
from .render_static import heading


def to_markdown(result: dict, share_url: str | None = None, tree: Tree | None = None) -> str:
    tree = tree or load_tree()
    lang, ui = result["lang"], tree.ui
    link = lambda citation: f"[{citation['label']}]({citation['url']})"  # noqa: E731
    lines = [f"**{heading('verdict', lang, tree)}** {result['verdict']['label']}"]
    if result["needs_review"]:
        lines.append(f"\n> {ui['needs_review'][lang]}")
    roles = ", ".join(role["label"] for role in result["roles"]) or ui["none_role"][lang]
    lines.append(f"\n**{heading('roles', lang, tree)}** {roles}")
    lines.append(f"\n**{ui['obligations'][lang]}**\n")
    for obligation in result["obligations"]:
        cited = ", ".join(link(citation) for citation in obligation["citations"])
        lines.append(f"- {obligation['text']} ({obligation['holder']['label']} — {cited} — {obligation['applies']['text']})")
    if not result["obligations"]:
        lines.append(f"- {ui['no_obligations'][lang]}")
    if result["notes"]:
        lines.append(f"\n**{ui['notes'][lang]}**\n")
        lines.extend(
            f"- *{note['kind_label']}* — {note['text']} ({', '.join(link(c) for c in note['citations'])})"
            for note in result["notes"]
        )
    lines.append(f"\n**{ui['answers'][lang]}**\n")
    lines.extend(
        f"- {answer['question']} → {', '.join(option['label'] for option in answer['options'])}"
        for answer in result["answers"]
    )
    basis = result["legal_basis"]
    lines.append(
        f"\n{heading('legal_basis', lang, tree)} {basis['label']}, {ui['legal_basis_as_of'][lang]} "
        f"{basis['as_of']}, {ui['reviewed_on'][lang]} {basis['reviewed_on']}. {ui['not_legal_advice'][lang]}"
    )
    if share_url:
        lines.append(f"\n<{share_url}>")
    return "\n".join(lines) + "\n"


def to_text(result: dict, tree: Tree | None = None) -> str:
    """Plain text for a terminal: the Markdown without its emphasis and link syntax."""
    markdown = to_markdown(result, tree=tree)
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown).replace("**", "").replace("*", "")
