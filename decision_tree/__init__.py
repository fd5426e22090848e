"""Does the EU AI Act apply to my (local) AI? A bilingual decision tree, stdlib only.

Public API: start, answer, back, view, question_view, result (engine); encode, decode
(share tokens); AssessmentError, TreeError; load_tree, validate, check; legal_basis.
"""

from .engine import State, answer, back, question_view, result, start, view
from .errors import AssessmentError, TreeError
from .legal_basis import legal_basis
from .model import load_tree
from .share import decode, encode
from .validation import check, validate

__all__ = [
    "AssessmentError", "State", "TreeError", "answer", "back", "check", "decode", "encode",
    "legal_basis", "load_tree", "question_view", "result", "start", "validate", "view",
]
