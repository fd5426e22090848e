"""The whole tree as static HTML, for readers without JavaScript (generated, never hand-written).

Each question is a section with a stable anchor (#q-<question id>) whose options link to the
next section (or say what the next section depends on); the last section lists how the
result is built from the answers.
"""

from __future__ import annotations

from html import escape

from . import citations
from .engine import reading_order
from .model import END, Branch, Question, Tree, load_tree
from .wording import colon, describe, heading, question_number, when_owed

END_ANCHOR = "q-result-rules"


def anchor(node: str) -> str:
    return END_ANCHOR if node == END else f"q-{node}"


def _heading(key: str, lang: str, tree: Tree) -> str:
    return escape(heading(key, lang, tree))


def render_html(lang: str, tree: Tree | None = None) -> str:
    tree = tree or load_tree()
    sections = [_question_html(tree.questions[question_id], lang, tree) for question_id in reading_order(tree)]
    return f'<div class="dt-static" lang="{lang}">\n' + "\n".join([*sections, _rules_html(lang, tree)]) + "\n</div>\n"


def _question_html(question: Question, lang: str, tree: Tree) -> str:
    options = "\n".join(
        f"<li>{escape(option.label[lang])} → {_destinations(option.next or question.next, lang, tree)}</li>"
        for option in question.options
    )
    several = f'<p class="dt-multiple">{escape(tree.ui["choose_all"][lang])}</p>\n' if question.kind == "multiple" else ""
    return (
        f'<section class="dt-question" id="{anchor(question.id)}">\n'
        f"<h3>{escape(tree.ui['question'][lang])} {question_number(question.id, tree)}. {escape(question.text[lang])}</h3>\n"
        f"<p><strong>{_heading('why', lang, tree)}</strong> {escape(question.why[lang])}</p>\n"
        f"<p><strong>{_heading('help', lang, tree)}</strong> {escape(question.help[lang])}</p>\n"
        f"<p><strong>{_heading('sources', lang, tree)}</strong> {_citation_links(question.citations, lang)}</p>\n"
        f"{several}<ul>\n{options}\n</ul>\n</section>"
    )


def _destinations(branches: tuple[Branch, ...], lang: str, tree: Tree) -> str:
    """A link to where the branches lead; routing-only nodes are expanded into their conditions."""
    word = {key: tree.ui[f"word_{key}"][lang] for key in ("if", "otherwise")}
    if len(branches) == 1 and branches[0].when is None:  # no condition: no "otherwise" alone
        only = branches[0].goto
        if only in tree.routes:
            return _destinations(tree.routes[only].next, lang, tree)
        return _link(only, lang, tree)
    items = []
    for branch in branches:
        target = (
            _destinations(tree.routes[branch.goto].next, lang, tree)
            if branch.goto in tree.routes
            else _link(branch.goto, lang, tree)
        )
        condition = escape(word["otherwise"] if branch.when is None else word["if"] + describe(branch.when, lang, tree))
        items.append(f"<li>{condition} → {target}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _link(node: str, lang: str, tree: Tree) -> str:
    if node == END:
        return f'<a href="#{END_ANCHOR}">{escape(tree.ui["word_end"][lang])}</a>'
    return f'<a href="#{anchor(node)}">{escape(tree.ui["question"][lang])} {question_number(node, tree)}</a>'


def _citation_links(refs, lang: str) -> str:
    rendered = (citations.render(ref, lang) for ref in refs)
    return ", ".join(f'<a href="{escape(c["url"])}">{escape(c["label"])}</a>' for c in rendered)


def _rules_html(lang: str, tree: Tree) -> str:
    rows = []
    for finding in tree.findings:
        parts = [f"<strong>{_heading('when_answered', lang, tree)}</strong> {escape(describe(finding.when, lang, tree))}"]
        if finding.roles:
            roles = ", ".join(escape(tree.roles[role].label[lang]) for role in finding.roles)
            parts.append(f"<strong>{_heading('roles', lang, tree)}</strong> {roles}")
        for obligation_id in finding.obligations:
            obligation = tree.obligations[obligation_id]
            milestone = tree.milestones[finding.starts or obligation.starts]
            # A right of the affected reader is no duty: it is labelled with its holder, not a severity.
            right = obligation.holder == tree.affected.role
            level = tree.roles[obligation.holder].label if right else tree.verdict_labels[obligation.severity]
            parts.append(
                f"<strong>{escape(level[lang])}</strong> — "
                f"{escape(obligation.text[lang])} ({_citation_links(obligation.cited_for(set()), lang)}; "
                f"{escape(when_owed(milestone, False, lang, tree))})"
            )
        for obligation_id in finding.reschedules:
            applies = when_owed(tree.milestones[finding.starts], False, lang, tree)
            parts.append(f"{escape(tree.obligations[obligation_id].text[lang])} → {escape(applies)}")
        for obligation_id in finding.suspends:
            parts.append(f"{escape(tree.ui['suspended'][lang])}{escape(tree.obligations[obligation_id].text[lang])}")
        for note_id in finding.notes:
            note = tree.notes[note_id]
            kind = escape(tree.ui[note.kind][lang])
            parts.append(f"<em>{kind}</em> — {escape(note.text[lang])} ({_citation_links(note.citations, lang)})")
        if finding.review:
            parts.append(f"<strong>{escape(tree.ui['needs_review'][lang])}</strong>")
        rows.append(f'<li id="rule-{finding.id}">' + "<br>".join(parts) + "</li>")
    verdicts = " &lt; ".join(escape(tree.verdict_labels[verdict][lang]) for verdict in tree.verdicts)
    affected = " &lt; ".join(escape(tree.verdict_labels[verdict][lang]) for verdict in tree.affected.order)
    affected_role = escape(tree.roles[tree.affected.role].label[lang])
    return (
        f'<section class="dt-rules" id="{END_ANCHOR}">\n'
        f"<h3>{escape(tree.ui['result_rules'][lang])}</h3>\n"
        f"<p>{escape(tree.ui['result_rules_guide'][lang])}</p>\n"
        f"<p>{_heading('verdict', lang, tree)} {verdicts}.</p>\n"
        f"<p>{affected_role}{escape(colon(lang, tree))} {affected}.</p>\n"
        f"<ol>\n" + "\n".join(rows) + "\n</ol>\n</section>"
    )
