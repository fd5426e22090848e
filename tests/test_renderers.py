"""Renderers: the static no-JavaScript tree, the Markdown result and the diagram."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from support import result_of
from decision_tree.model import load_tree
from decision_tree.render_diagram import to_mermaid
from decision_tree.render_result import to_markdown, to_text
from decision_tree.render_static import END_ANCHOR, anchor, render_html

TREE = load_tree()


class Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a":
            self.links.append(attrs["href"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_static_tree_has_every_question_and_every_link_resolves(lang):
    parsed = Anchors()
    parsed.feed(render_html(lang))
    expected = [anchor(question_id) for question_id in TREE.questions] + [END_ANCHOR]
    assert [i for i in parsed.ids if i.startswith("q-")] == expected
    assert len(set(parsed.ids)) == len(parsed.ids)
    internal = {link[1:] for link in parsed.links if link.startswith("#")}
    assert internal <= set(parsed.ids)
    assert {anchor(q) for q in TREE.questions} - {TREE.start and anchor(TREE.start)} <= internal
    external = [link for link in parsed.links if not link.startswith("#")]
    assert external and all(link.startswith(f"https://eur-lex.europa.eu/legal-content/{lang.upper()}/") for link in external)


def test_static_tree_lists_every_finding_and_every_option():
    html = render_html("en")
    assert all(f'id="rule-{finding.id}"' in html for finding in TREE.findings)
    for question in TREE.questions.values():
        for option in question.options:
            assert option.label["en"].replace("'", "&#x27;") in html


def test_static_tree_is_generated_in_each_language():
    assert 'lang="fr"' in render_html("fr") and "Pourquoi cette question :" in render_html("fr")
    assert "Why we ask:" in render_html("en")


def test_markdown_result_for_forums():
    markdown = to_markdown(
        result_of("1.ai-system.in-scope.none.organisation.build-for-others.none.general-purpose.yes.no.proprietary"),
        share_url="https://example.org/en/self-assessment/#1.ai-system",
    )
    assert markdown.startswith("**Verdict:** Concerned")
    assert "[Art. 50(1)](https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02024R1689-20260727#art_50)" in markdown
    assert "as of 2026-07-27" in markdown and "not legal advice" in markdown
    assert markdown.rstrip().endswith("<https://example.org/en/self-assessment/#1.ai-system>")
    text = to_text(result_of("1.ai-system.in-scope.none.private-person.use-only", "fr"))
    assert "Verdict : Non concerné" in text and "](" not in text and "**" not in text


def test_diagram_has_every_node_and_edge_target():
    diagram = to_mermaid("en")
    assert diagram.startswith("flowchart TD")
    for node in (*TREE.questions, *TREE.routes):
        assert re.search(rf"^  n_{node.replace('-', '_')}\W", diagram, re.M), node
    assert "-->" in diagram and " end" not in diagram.split("\n", 1)[1].split("(")[0]
