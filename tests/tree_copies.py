"""Trees built from modified copies of the data, swapped in for the whole package (bridge, CLI,
renderers) for the length of a `with` block: how tests prove a data change needs no code change."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from decision_tree import model


@contextmanager
def tree_from(mutate: Callable[[dict], None]) -> Iterator[model.Tree]:
    sources = copy.deepcopy(model.load_sources())
    mutate(sources)
    real = model.load_sources
    model.load_sources = lambda: sources
    model.load_tree.cache_clear()
    try:
        yield model.load_tree()
    finally:
        model.load_sources = real
        model.load_tree.cache_clear()


def texts(mapping) -> Iterator[dict]:
    """Every bilingual text table in the data (a dict holding an "en" string)."""
    if isinstance(mapping, dict):
        if isinstance(mapping.get("en"), str):
            yield mapping
        for value in mapping.values():
            yield from texts(value)
    elif isinstance(mapping, list):
        for value in mapping:
            yield from texts(value)


def insert_team_size_question(sources: dict) -> None:
    """A new question asked of every organisation, between exclusive-purpose and activity."""
    tree = sources["tree.toml"]
    purpose = next(question for question in tree["questions"] if question["id"] == "exclusive-purpose")
    assert purpose["next"][-1] == {"goto": "activity"}
    purpose["next"][-1] = {"goto": "team-size"}
    text = lambda fr, en: {"fr": fr, "en": en}  # noqa: E731
    tree["questions"].insert(
        tree["questions"].index(purpose) + 1,
        {
            "id": "team-size",
            "text": text("Combien de personnes ?", "How many people?"),
            "why": text("Pour le test.", "For the test."),
            "help": text("Pour le test.", "For the test."),
            "next": "activity",
            "options": [{"id": "small", "label": text("Peu", "Few")}, {"id": "large", "label": text("Beaucoup", "Many")}],
        },
    )


def bump_token_format(sources: dict) -> None:
    sources["meta.toml"]["share_token"]["version"] += 1
