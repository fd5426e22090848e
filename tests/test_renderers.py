"""Renderers: the static no-JavaScript tree, the Markdown result and the diagram."""

from __future__ import annotations

import html as entities
import re
from html.parser import HTMLParser

import pytest

from decision_tree.model import load_tree
from decision_tree.render_diagram import to_mermaid
from decision_tree.render_result import to_markdown, to_text
from decision_tree.render_static import END_ANCHOR, anchor, render_html
from support import CHATBOT_VENDOR, PRIVATE, result_of

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
    sections = [i for i in parsed.ids if i.startswith("q-")]
    assert sorted(sections) == sorted([anchor(question_id) for question_id in TREE.questions] + [END_ANCHOR])
    assert sections[:3] == [anchor(TREE.start), anchor("who-are-you"), anchor("eu-link")] and sections[-1] == END_ANCHOR
    assert len(set(parsed.ids)) == len(parsed.ids)
    internal = {link[1:] for link in parsed.links if link.startswith("#")}
    assert internal <= set(parsed.ids)
    assert {anchor(q) for q in TREE.questions} - {TREE.start and anchor(TREE.start)} <= internal
    external = [link for link in parsed.links if not link.startswith("#")]
    assert external and all(link.startswith(f"https://eur-lex.europa.eu/legal-content/{lang.upper()}/") for link in external)


def test_static_tree_numbers_questions_as_met_and_says_otherwise_only_after_a_condition(lang="en"):
    html = render_html(lang)
    assert f"<h3>Question 2. {TREE.questions['who-are-you'].text[lang]}</h3>" in html.replace("&#x27;", "'")
    assert "→ <ul><li>otherwise" not in html  # an unconditional step to a route lists the route's conditions
    numbers = {int(number) for number in re.findall(r"<h3>Question (\d+)\.", html)}
    for section in re.findall(r"<h3>Question (\d+)\.(.*?)</section>", html, flags=re.S):
        here, body = int(section[0]), section[1]
        assert all(int(target) > here for target in re.findall(r">Question (\d+)</a>", body)), here  # forward only
    assert numbers == set(range(1, len(TREE.questions) + 1))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_answer_quoted_in_a_condition_names_the_question_numbered_so(lang):
    """A quoted answer's "(Q5)" is the section headed "Question 5", in the rules and the branches."""
    page = entities.unescape(render_html(lang))
    word = TREE.ui["question"][lang]
    headed = dict(re.findall(rf'<section class="dt-question" id="q-([a-z0-9-]+)">\n<h3>{word} (\d+)\.', page))
    numbered = {int(number): question_id for question_id, number in headed.items()}
    opening, closing = TREE.languages[lang].quotes
    quoted = re.findall(rf"{opening}([^{closing}]+){closing} \(Q(\d+)\)", page)
    assert len(quoted) > 150
    wrong = [(label, n) for label, n in quoted if label not in {o.label[lang] for o in TREE.questions[numbered[int(n)]].options}]
    assert wrong == []


def test_static_tree_lists_every_finding_and_every_option():
    html = render_html("en")
    assert all(f'id="rule-{finding.id}"' in html for finding in TREE.findings)
    for question in TREE.questions.values():
        for option in question.options:
            assert option.label["en"].replace("'", "&#x27;") in html


def test_static_tree_is_generated_in_each_language_with_its_dates():
    french, english = render_html("fr"), render_html("en")
    assert 'lang="fr"' in french and "Pourquoi cette question\u00a0:" in french
    assert "Why we ask:" in english
    assert "s'applique à partir du 2 décembre 2027" in french.replace("&#x27;", "'") and "applies from 2 December 2027" in english
    assert "2027-12-02" not in french + english  # one date format per language
    assert "à respecter au plus tard le 2 août 2030" in french and "due by 2 August 2030" in english  # a deadline
    assert "applies from 2 August 2030" not in english


def test_markdown_result_for_forums():
    answers = {**CHATBOT_VENDOR, "generation": "no"}
    del answers["generates-realistic-people"]  # asked only of a generative system
    markdown = to_markdown(result_of(answers), share_url="https://example.org/en/self-assessment/#eval=x")
    assert markdown.startswith("## Local AI and the AI Act – Verdict: Concerned")
    assert (
        "Concerned ([Art. 50(1)](https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02024R1689-20260727#art_50)"
        in markdown.splitlines()[0]
    )
    assert "as of 27 July 2026, reviewed on 1 December 2026" in markdown and "not legal advice" in markdown
    assert "&" not in markdown  # Markdown is not HTML-escaped
    assert markdown.endswith("\n\nhttps://example.org/en/self-assessment/#eval=x\n") and "<https" not in markdown  # a plain URL
    text = to_text(result_of(PRIVATE, "fr"))
    assert "Verdict\u00a0: Non concerné" in text and "](" not in text and "**" not in text


def test_diagram_has_every_node_and_edge_target():
    diagram = to_mermaid("en")
    assert diagram.startswith("flowchart TD")
    for node in (*TREE.questions, *TREE.routes):
        assert re.search(rf"^  n_{node.replace('-', '_')}\W", diagram, re.M), node
    assert "-->" in diagram and " end" not in diagram.split("\n", 1)[1].split("(")[0]
