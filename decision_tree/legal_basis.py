"""The date the tree's legal content stands on, shown on every page and every result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import load_tree
from .wording import legal_basis_line


@dataclass(frozen=True)
class LegalBasis:
    as_of: date
    reviewed_on: date
    label: dict[str, str]
    line: dict[str, str]  # the one sentence every page and result shows, per language


def legal_basis() -> LegalBasis:
    tree = load_tree()
    data = tree.legal_basis
    line = {lang: legal_basis_line(lang, tree) for lang in tree.languages}
    return LegalBasis(as_of=data["as_of"], reviewed_on=data["reviewed_on"], label=dict(data["label"]), line=line)
