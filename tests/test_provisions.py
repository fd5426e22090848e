"""The committed provisions index matches the legal reference texts it is derived from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decision_tree.provisions import load_index

ROOT = Path(__file__).resolve().parents[1]
LEGAL_TEXTS = Path(os.environ.get("LEGAL_TEXTS_DIR", ROOT.parent / "shared" / "legal"))


def test_index_covers_the_law_as_amended():
    index = load_index()
    articles = index["ai_act"]["articles"]
    assert len(articles) == 119 and {"4a", "60a", "75a", "75d"} <= set(articles)
    assert articles["5"]["1"] == ["a", "b", "ba", "bb", "c", "d", "e", "f", "g", "h"]
    assert "6a" in articles["99"] and "da" in articles["99"]["4"]
    assert articles["111"].keys() >= {"1", "2", "3", "4"}
    assert index["ai_act"]["annexes"]["III"]["5"] == ["a", "b", "c", "d"]
    assert len(index["ai_act"]["recitals"]) == 180
    assert len(index["amending_act"]["recitals"]) == 47


@pytest.mark.skipif(not LEGAL_TEXTS.is_dir(), reason="legal reference texts not available")
def test_index_is_up_to_date_with_the_texts():
    from site_tooling import extract_provisions as extract

    assert extract.build_index(LEGAL_TEXTS) == load_index()
