"""Read the package's data files (works the same on CPython and in Pyodide)."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib import resources


def _data(name: str):
    return resources.files("decision_tree").joinpath("data", name)


@cache
def read_toml(name: str) -> dict:
    with _data(name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def read_json(name: str) -> dict:
    with _data(name).open("r", encoding="utf-8") as handle:
        return json.load(handle)
