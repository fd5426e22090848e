"""Shared helpers for the decision-tree tests (imported as a module, not a conftest)."""

from __future__ import annotations

from datetime import date

from decision_tree import engine, share

TODAY = date(2026, 11, 28)


def result_of(token: str, lang: str = "en", today: date = TODAY) -> dict:
    return engine.result(share.decode(token, lang), today)
