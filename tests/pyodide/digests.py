"""One digest per path of the tree: run by CPython and by Pyodide, the lists must be equal."""

import hashlib
import json
import sys
from datetime import date

from decision_tree import engine, share
from decision_tree.paths import walk


def path_digests(lang: str, today: date) -> list[list[str]]:
    rows = []
    for state in walk(lang):
        result = json.dumps(engine.result(state, today), sort_keys=True, ensure_ascii=False)
        rows.append([share.encode(state), hashlib.sha256(result.encode()).hexdigest()])
    return rows


def report(today: str) -> str:
    return json.dumps(
        {
            "python": list(sys.version_info[:3]),
            "platform": sys.platform,
            "paths": {lang: path_digests(lang, date.fromisoformat(today)) for lang in ("fr", "en")},
        }
    )
