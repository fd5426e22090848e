"""The tree as a Mermaid flowchart (questions, routing nodes and the end), from the data only."""

from __future__ import annotations

from .model import END, Tree, load_tree
from .render_static import describe


def to_mermaid(lang: str = "en", tree: Tree | None = None) -> str:
    tree = tree or load_tree()
    node = lambda name: "n_" + name.replace("-", "_")  # noqa: E731 (Mermaid ids: no "-", no keywords)
    clean = lambda text: text.replace('"', "'")  # noqa: E731
    lines = ["flowchart TD", f'  {node(END)}(["{clean(tree.ui["end"][lang])}"])']
    for question in tree.questions.values():
        lines.append(f'  {node(question.id)}["{clean(question.text[lang])}"]')
    for route in tree.routes.values():
        lines.append(f"  {node(route.id)}{{{{{route.id}}}}}")
    for question in tree.questions.values():
        for option in question.options:
            for branch in option.next or question.next:
                lines.append(f'  {node(question.id)} -- "{clean(option.label[lang])[:60]}" --> {node(branch.goto)}')
    for route in tree.routes.values():
        for branch in route.next:
            label = clean(describe(branch.when, lang, tree))[:60] if branch.when else "…"
            lines.append(f'  {node(route.id)} -- "{label}" --> {node(branch.goto)}')
    return "\n".join(lines) + "\n"
