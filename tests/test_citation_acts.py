"""Whole acts are citations too: the pages link them through the same catalogue."""

from __future__ import annotations

import pytest

from decision_tree.citations import parse


@pytest.mark.parametrize(
    ("ref", "celex", "french", "english"),
    [
        ("2024/1689", "02024R1689-20260727", "règlement (UE) 2024/1689", "Regulation (EU) 2024/1689"),
        (
            "2024/1689 OJ",
            "32024R1689",
            "règlement (UE) 2024/1689 (JO L du 12.7.2024)",
            "Regulation (EU) 2024/1689 (OJ L, 12.7.2024)",
        ),
        ("2026/1744", "32026R1744", "règlement (UE) 2026/1744", "Regulation (EU) 2026/1744"),
    ],
)
def test_whole_acts(ref, celex, french, english):
    citation = parse(ref)
    assert citation.kind == "act" and citation.exists()
    assert citation.url("fr") == f"https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:{celex}"
    assert citation.url("en") == f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}"
    assert (citation.label("fr"), citation.label("en")) == (french, english)


@pytest.mark.parametrize("ref", ["2026/1744 OJ", "2024/1689 Art. 5", "2025/1689", "2024/1689 "])
def test_what_is_not_a_whole_act(ref):
    with pytest.raises(ValueError):
        parse(ref)
