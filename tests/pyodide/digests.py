"""One digest per path of the tree: CPython and the browser's engine must give the same list.

The engine restored from the site's snapshot can import nothing its snapshot did not load, so
the digest comes from _sha2, the C core of hashlib built into CPython and Pyodide alike
(hashlib itself is a .py module).
"""

import json
import sys
from _sha2 import sha256
from datetime import date

from decision_tree import share, views
from decision_tree.paths import walk


def path_digests(lang: str, today: date) -> list[list[str]]:
    rows = []
    for state in walk(lang):
        result = json.dumps(views.result(state, today), sort_keys=True, ensure_ascii=False)
        rows.append([share.encode(state), sha256(result.encode()).hexdigest()])
    return rows


def imports_sealed() -> bool:
    try:
        import hashlib  # noqa: F401  (in Pyodide's standard library, not in the snapshot)
    except ModuleNotFoundError:
        return True
    return False


def report(today: str) -> str:
    return json.dumps(
        {
            "python": list(sys.version_info[:3]),
            "platform": sys.platform,
            "imports_sealed": imports_sealed(),
            "paths": {lang: path_digests(lang, date.fromisoformat(today)) for lang in ("fr", "en")},
        }
    )
