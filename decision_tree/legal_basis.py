"""The date the tree's legal content stands on, shown on every page and every result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import load_tree


@dataclass(frozen=True)
class LegalBasis:
    as_of: date
    reviewed_on: date
    label: dict[str, str]


def legal_basis() -> LegalBasis:
    data = load_tree().legal_basis
    return LegalBasis(as_of=data["as_of"], reviewed_on=data["reviewed_on"], label=dict(data["label"]))
