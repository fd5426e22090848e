"""The two exception types: one for readers' input, one for maintainers' data."""

from __future__ import annotations


class AssessmentError(ValueError):
    """Invalid reader input (unknown answer, tampered share link...).

    `code` keys a message in labels.toml [errors], so the interface can show it in the
    reader's language; `detail` is for logs and tests, never shown as is.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


class TreeError(ValueError):
    """The tree data is broken. The message names the node or entry at fault."""
