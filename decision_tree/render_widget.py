"""The assessment's mount point, rendered at build time: its strings and its first question.

The first question is plain HTML from the engine's own view, so it is readable (and, as links
into the static version, answerable) before any script runs; the page's script turns its links
into buttons and starts Pyodide when needed. `root` is the relative URL of the site root.
"""

from __future__ import annotations

import json
from html import escape

from . import engine
from .model import Tree, load_tree
from .render_static import anchor, heading

# Interface strings the page needs, besides the [widget] table.
_UI_KEYS = (
    "why", "help", "sources", "verdict", "roles", "obligations", "notes", "answers", "who",
    "needs_review", "no_obligations", "none_role", "legal_basis", "legal_basis_as_of",
    "reviewed_on", "not_legal_advice", "choose_all", "analysis", "review", "info",
)


def strings(lang: str, tree: Tree) -> dict[str, str]:
    texts = {key: text[lang] for key, text in tree.widget.items()}
    texts.update({key: tree.ui[key][lang] for key in _UI_KEYS})
    texts["colon"] = " :" if lang == "fr" else ":"
    return texts


def render_mount(lang: str, root: str, tree: Tree | None = None) -> str:
    tree = tree or load_tree()
    payload = json.dumps(strings(lang, tree), ensure_ascii=False).replace("</", "<\\/")
    return (
        f'<div class="dt-widget" data-lang="{lang}" data-root="{escape(root)}">\n'
        f'<link rel="stylesheet" href="{escape(root)}assets/assessment/assessment.css">\n'
        f'<script type="application/json" class="dt-strings">{payload}</script>\n'
        f'<noscript><p class="dt-noscript">{escape(tree.widget["noscript"][lang])} '
        f'<a href="#static-tree">{escape(tree.widget["static_link"][lang])}</a></p></noscript>\n'
        f'<div class="dt-status" role="status" aria-live="polite"></div>\n'
        f'<div class="dt-screen">\n{first_question(lang, tree)}\n</div>\n'
        f"</div>\n"
        f'<script type="module" src="{escape(root)}assets/assessment/widget.js"></script>\n'
    )


def first_question(lang: str, tree: Tree) -> str:
    """The first step as the script would draw it; options link to the static version."""
    view = engine.question_view(engine.start(lang), tree)
    question = tree.questions[view["id"]]
    cited = ", ".join(f'<a href="{escape(c["url"])}">{escape(c["label"])}</a>' for c in view["citations"])
    options = "\n".join(
        f'<li><a class="dt-option" data-option="{option["id"]}" '
        f'href="#{anchor(_target(question, option["id"], tree))}">{escape(option["label"])}</a></li>'
        for option in view["options"]
    )
    progress = tree.widget["progress"][lang].format(n=1, m=view["progress"]["at_most"])
    return (
        f'<section class="dt-step" data-question="{view["id"]}" aria-labelledby="dt-question-title">\n'
        f'<h3 class="dt-question" id="dt-question-title" tabindex="-1" elementtiming="dt-first-question">{escape(view["text"])}</h3>\n'
        f'<p class="dt-progress">{escape(progress)}</p>\n'
        f'<details class="dt-help"><summary>{escape(tree.ui["why"][lang])}</summary><p>{escape(view["why"])}</p></details>\n'
        f'<details class="dt-help"><summary>{escape(tree.ui["help"][lang])}</summary><p>{escape(view["help"])}</p>'
        f"<p>{heading('sources', lang, tree)} {cited}</p></details>\n"
        f'<p class="dt-hint">{escape(tree.widget["first_question_hint"][lang])}</p>\n'
        f'<ul class="dt-options">\n{options}\n</ul>\n'
        f"</section>"
    )


def _target(question, option_id: str, tree: Tree) -> str:
    """Where the option leads in the static version: the next question when it does not depend
    on earlier answers, else this question's own section (which lists the branches)."""
    branches = question.option(option_id).next or question.next
    if len(branches) == 1 and branches[0].goto not in tree.routes:
        return branches[0].goto
    return question.id
