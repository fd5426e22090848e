"""Run inside Pyodide by snapshot.mjs, before the interpreter's memory is saved.

Everything done here is paid once at build time instead of at every visit: the wheel is
installed and imported, every kind of request the page makes runs once in each language (so
the tree data is read and cached, and lazily imported modules are loaded), then the standard
library is taken off sys.path. The restored engine cannot import anything new: a path that
needed a module not loaded here fails loudly (the Node parity test walks every path on it)
instead of depending on files the page does not ship.
"""

import gc
import importlib
import json
import site
import sys
import zipfile

WARM_UP_DATE = "2026-01-01"  # any date: the warm-up loads code and data, no cache keeps a date


def install(wheel_path: str) -> None:
    with zipfile.ZipFile(wheel_path) as wheel:
        wheel.extractall(site.getsitepackages()[0])
    importlib.import_module("decision_tree.bridge")


def warm_up() -> None:
    from decision_tree import share
    from decision_tree.bridge import handle
    from decision_tree.model import load_tree
    from decision_tree.paths import walk

    for lang in load_tree().languages:
        finished = share.encode(next(iter(walk(lang))))
        first = _call(handle, op="view", lang=lang, token="")
        option = first["view"]["options"][0]["id"]
        requests = [
            {"op": "answer", "token": "", "choice": [option]},
            {"op": "view", "token": finished},
            {"op": "markdown", "token": finished, "share_url": "https://example.org/#eval=" + finished},
            {"op": "back", "token": finished},
            {"op": "revisit", "token": finished, "step": 1},
            {"op": "view", "token": "1.rules-only"},  # a link of the older format (reads its frozen routing)
            {"op": "view", "token": "not-a-token"},  # the error reply
        ]
        for request in requests:
            _call(handle, lang=lang, **request)


def seal() -> None:
    """Take the standard library zip off the import system, then free what can be freed."""
    stdlib = [entry for entry in sys.path if entry.endswith(".zip")]
    sys.path[:] = [entry for entry in sys.path if entry not in stdlib]
    for entry in stdlib:
        sys.path_importer_cache.pop(entry, None)
    importlib.import_module("zipimport")._zip_directory_cache.clear()
    gc.collect()


def _call(handle, **request) -> dict:
    reply = json.loads(handle(json.dumps({"today": WARM_UP_DATE, **request})))
    if not reply["ok"] and reply["error"]["code"] != "bad-token":
        raise RuntimeError(f"warm-up request failed: {request} -> {reply}")
    return reply
