"""What CPython and the browser's engine must agree on, computed the same way by both.

- **Every path's decision**: the token and the engine's outcome (verdict, roles, obligations
  and their start, notes, findings, decisive provisions, review flag) of every finished path.
  The tree has a few hundred thousand paths, so they are compared by group: one digest per
  group of paths that share their first answers (a difference names its group's token).
- **The result's wording**: the full result view, in each language, of a set of paths that
  together meet every answer, finding, verdict and decisive provision of the tree, and of one
  path in every `SAMPLE_EVERY` besides (the wording is a function of the outcome and the
  answers: these exercise every piece of it).

The engine restored from the site's snapshot can import nothing its snapshot did not load, so
the digest comes from _sha2, the C core of hashlib built into CPython and Pyodide alike
(hashlib itself is a .py module).
"""

import json
import sys
from _sha2 import sha256
from datetime import date

from decision_tree import engine, share, views
from decision_tree.engine import State
from decision_tree.paths import walk

GROUP_BY = 7  # answers shared by the paths of a group
SAMPLE_EVERY = 150


def decisions_and_worded_paths() -> tuple[dict[str, list], list[str]]:
    """({group token: [paths, digest]}, tokens of the paths whose wording is compared)."""
    groups: dict[tuple, list] = {}
    worded: list[str] = []
    seen: set = set()
    for number, state in enumerate(walk("en")):
        outcome = engine.outcome(state)
        token = share.encode(state)
        fields = (outcome.verdict, outcome.needs_review, outcome.roles, outcome.obligations, outcome.notes, outcome.findings)
        entry = groups.setdefault(state.answers[:GROUP_BY], [0, sha256()])
        entry[0] += 1
        entry[1].update((token + repr((*fields, outcome.decisive))).encode())
        meets = {("finding", f) for f in outcome.findings} | {("decisive", ref) for ref in outcome.decisive}
        meets |= {("answer", question_id, option_id) for question_id, options in state.answers for option_id in options}
        meets.add(("verdict", outcome.verdict))
        if number % SAMPLE_EVERY == 0 or not meets <= seen:
            seen |= meets
            worded.append(token)
    return {share.encode(State("en", group)): [count, digest.hexdigest()] for group, (count, digest) in groups.items()}, worded


def wording_digests(tokens: list[str], lang: str, today: date) -> list[str]:
    digests = []
    for token in tokens:
        result = json.dumps(views.result(share.decode(token, lang), today), sort_keys=True, ensure_ascii=False)
        digests.append(sha256(result.encode()).hexdigest())
    return digests


def imports_sealed() -> bool:
    try:
        import hashlib  # noqa: F401  (in Pyodide's standard library, not in the snapshot)
    except ModuleNotFoundError:
        return True
    return False


def report(today: str) -> str:
    groups, worded = decisions_and_worded_paths()
    return json.dumps(
        {
            "python": list(sys.version_info[:3]),
            "platform": sys.platform,
            "imports_sealed": imports_sealed(),
            "groups": groups,
            "worded": worded,
            "wording": {lang: wording_digests(worded, lang, date.fromisoformat(today)) for lang in ("fr", "en")},
        }
    )
