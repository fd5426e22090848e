"""The tree as a Mermaid flowchart (questions, routing nodes and the end), from the data only."""

from __future__ import annotations

from .model import END, Tree, load_tree
from .wording import describe


def _node(name: str) -> str:
    return "n_" + name.replace("-", "_")  # Mermaid ids: no "-", no keywords


def _label(text: str, limit: int | None = None) -> str:
    """Mermaid quoted labels cannot hold a double quote: use #quot; (Mermaid's own entity)."""
    text = text if limit is None or len(text) <= limit else text[: limit - 1] + "…"
    return text.replace('"', "#quot;")


def to_mermaid(lang: str, tree: Tree | None = None) -> str:
    tree = tree or load_tree()
    lines = ["flowchart TD", f'  {_node(END)}(["{_label(tree.ui["end"][lang])}"])']
    for question in tree.questions.values():
        lines.append(f'  {_node(question.id)}["{_label(question.text[lang])}"]')
    for route in tree.routes.values():
        lines.append(f"  {_node(route.id)}{{{{{route.id}}}}}")
    for question in tree.questions.values():
        for option in question.options:
            for branch in option.next or question.next:
                lines.append(f'  {_node(question.id)} -- "{_label(option.label[lang], 60)}" --> {_node(branch.goto)}')
    for route in tree.routes.values():
        for branch in route.next:
            label = _label(describe(branch.when, lang, tree), 60) if branch.when else "…"
            lines.append(f'  {_node(route.id)} -- "{label}" --> {_node(branch.goto)}')
    return "\n".join(lines) + "\n"
