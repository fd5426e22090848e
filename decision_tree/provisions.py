"""The index of provisions that exist in the law as it stands (see scripts/extract_provisions.py)."""

from __future__ import annotations

from .resources import read_json


def load_index() -> dict:
    """{"ai_act": {"articles": {art: {para: [points]}}, "annexes": {annex: {item: [points]}},
    "recitals": [n]}, "amending_act": {"articles": [n], "recitals": [n]}}.
    Paragraph "" holds points of articles (or items of annexes) that have no numbered paragraph."""
    return read_json("provisions.json")
