"""Does the EU AI Act apply to my (local) AI? A bilingual decision tree, stdlib only.

Public API, everything the browser needs:
- moving: start, answer, back, revisit, replay (engine), with State;
- deciding: outcome (engine), an Outcome in ids;
- showing: view, question_view, result (views), in the reader's language;
- sharing: encode, decode (share tokens);
- errors: AssessmentError (reader input), TreeError (broken data);
- data: load_tree, legal_basis.

Build-time tools are imported from their modules, so the browser never loads them:
decision_tree.validation (check, validate), decision_tree.paths (walk, export), the renderers.
"""

from .engine import Outcome, State, answer, back, outcome, replay, revisit, start
from .errors import AssessmentError, TreeError
from .legal_basis import legal_basis
from .model import load_tree
from .share import decode, encode
from .views import question_view, result, view

__all__ = [
    "AssessmentError",
    "Outcome",
    "State",
    "TreeError",
    "answer",
    "back",
    "decode",
    "encode",
    "legal_basis",
    "load_tree",
    "outcome",
    "question_view",
    "replay",
    "result",
    "revisit",
    "start",
    "view",
]
