"""Languages live in the data: a third language added to a copy of the data works in the engine,
the CLI, the static renderer and the widget strings with no code change."""

from __future__ import annotations

import copy

import pytest

from decision_tree import cli, engine, share, views
from decision_tree.model import load_tree
from decision_tree.paths import follow_answers
from decision_tree.render_static import render_html
from decision_tree.render_widget import render_mount, strings
from decision_tree.validation import validate
from support import CREDIT_SCORING, TODAY
from tree_copies import texts, tree_from


def add_language(sources: dict) -> None:
    """Language "xx": every English text copied under the new code, English settings."""
    for table in texts(sources):
        table["xx"] = "[xx] " + table["en"]
    languages = sources["labels.toml"]["languages"]
    languages["xx"] = {**copy.deepcopy(languages["en"]), "name": "Test"}
    languages["order"].append("xx")


@pytest.fixture
def third_language():
    with tree_from(add_language) as tree:
        yield tree


def test_the_copy_is_a_valid_tree_in_three_languages(third_language):
    assert list(third_language.languages) == ["fr", "en", "xx"]
    assert validate(third_language) == []


def test_the_engine_answers_in_the_new_language(third_language):
    state = follow_answers(CREDIT_SCORING, "xx", third_language)
    result = views.result(state, TODAY, third_language)
    assert result["verdict"]["label"] == "[xx] Strongly concerned"
    assert result["obligations"][1]["applies"]["text"] == "[xx] applies from 2 December 2027"
    assert result["legal_basis"]["line"].startswith("[xx] Legal basis:")
    assert share.decode(share.encode(state), "xx", third_language) == state
    assert views.question_view(engine.start("xx", third_language), third_language)["text"].startswith("[xx] ")


def test_the_cli_offers_and_uses_the_new_language(third_language, capsys):
    token = share.encode(follow_answers(CREDIT_SCORING, "xx", third_language))
    assert cli.main(["--lang", "xx", "--date", TODAY.isoformat(), "result", token]) == 0
    out = capsys.readouterr().out
    assert "[xx] Verdict:" in out and "[xx] Strongly concerned" in out


def test_the_static_tree_and_the_widget_in_the_new_language(third_language):
    html = render_html("xx", third_language)
    assert 'lang="xx"' in html and "[xx] Why we ask:" in html
    widget = strings("xx", third_language)
    assert widget["restart"] == "[xx] Start again" and widget["colon"] == ":"
    assert 'data-lang="xx"' in render_mount("xx", "./", third_language)


def test_the_real_tree_is_back_afterwards():
    assert list(load_tree().languages) == ["fr", "en"]
    with pytest.raises(SystemExit):
        cli.main(["--lang", "xx", "validate"])
