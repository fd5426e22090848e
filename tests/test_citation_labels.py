"""Citation labels follow each language's Official Journal usage.

The French Official Journal numbers the provisions inserted by an amendment with Latin
adverbs where the English text adds a letter: Article 4a is « article 4 bis », Article 5(1a)
« paragraphe 1 bis », point (ba) « point b bis) », point (bb) « point b ter) ». Every label
the tree shows, and every French text of the tree, must use that convention.
"""

from __future__ import annotations

import pytest

from decision_tree import citations
from decision_tree.model import load_tree
from decision_tree.resources import read_toml
from support import ENGLISH_STYLE_IN_FRENCH


def tree_citations() -> list[str]:
    tree = load_tree()
    entries = [
        *tree.questions.values(),
        *(option for question in tree.questions.values() for option in question.options),
        *tree.obligations.values(),
        *tree.notes.values(),
        *tree.roles.values(),
        *tree.milestones.values(),
    ]
    refs = {ref for entry in entries for ref in entry.citations}
    refs |= {ref for finding in tree.findings for ref in finding.decisive}
    return sorted(refs)


def french_texts(value, where: str = ""):
    """(where, text) for every French string of a data file."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "fr" and isinstance(item, str):
                yield where, item
            else:
                yield from french_texts(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            label = item.get("id", index) if isinstance(item, dict) else index
            yield from french_texts(item, f"{where}[{label}]")


@pytest.mark.parametrize(
    ("ref", "french", "english"),
    [
        ("Art. 5(1)(ba)", "art. 5, paragraphe 1, point b bis)", "Art. 5(1)(ba)"),
        ("Art. 5(1)(bb)", "art. 5, paragraphe 1, point b ter)", "Art. 5(1)(bb)"),
        ("Art. 5(1a)", "art. 5, paragraphe 1 bis", "Art. 5(1a)"),
        ("Art. 5(1b)", "art. 5, paragraphe 1 ter", "Art. 5(1b)"),
        ("Art. 6(1c)", "art. 6, paragraphe 1 quater", "Art. 6(1c)"),
        ("Art. 4a", "art. 4 bis", "Art. 4a"),
        ("Art. 60a", "art. 60 bis", "Art. 60a"),
        ("Art. 75d", "art. 75 quinquies", "Art. 75d"),
        ("Art. 3(14a)", "art. 3, point 14 bis)", "Art. 3(14a)"),
        ("Art. 3(14b)", "art. 3, point 14 ter)", "Art. 3(14b)"),
        ("Art. 99(6a)", "art. 99, paragraphe 6 bis", "Art. 99(6a)"),
        ("Art. 99(4)(da)", "art. 99, paragraphe 4, point d bis)", "Art. 99(4)(da)"),
        ("Art. 5(1)(f)", "art. 5, paragraphe 1, point f)", "Art. 5(1)(f)"),
        ("Art. 3(14)", "art. 3, point 14)", "Art. 3(14)"),
        ("Art. 113(c)", "art. 113, troisième alinéa, point c)", "Art. 113, third paragraph, point (c)"),
        ("Art. 50(4), second subparagraph", "art. 50, paragraphe 4, deuxième alinéa", "Art. 50(4), second subparagraph"),
        ("Annex III(5)(b)", "annexe III, point 5 b)", "Annex III, point 5(b)"),
        ("Recital 103", "considérant 103", "Recital 103"),
    ],
)
def test_labels_follow_the_official_journal_numbering(ref, french, english):
    citation = citations.parse(ref)
    assert citation.label("fr") == french
    assert citation.label("en") == english


def test_every_french_label_the_tree_shows_uses_the_french_numbering():
    wrong = [
        f"{ref}: {label!r}"
        for ref in tree_citations()
        if ENGLISH_STYLE_IN_FRENCH.search(label := citations.parse(ref).label("fr"))
    ]
    assert not wrong, "French citation labels with English-style numbering:\n" + "\n".join(wrong)


def test_the_tree_cites_inserted_provisions():
    """The check above means something: the tree does cite inserted provisions."""
    refs = tree_citations()
    assert "Art. 5(1)(ba)" in refs and "Art. 5(1a)" in refs


@pytest.mark.parametrize("name", ["tree.toml", "obligations.toml", "labels.toml", "timeline.toml", "meta.toml"])
def test_french_texts_of_the_tree_use_the_french_numbering(name):
    wrong = [
        f"{where}: {match[0]!r} in {text[:80]!r}…"
        for where, text in french_texts(read_toml(name))
        for match in ENGLISH_STYLE_IN_FRENCH.finditer(text)
    ]
    assert not wrong, f"{name}: English-style numbering in French text:\n" + "\n".join(wrong)
