"""Citations: "Art. 5(1)(f)", "Annex III(5)(b)", "Recital 103", "2026/1744 Recital 38".

A citation string is parsed once into a Citation, which knows how to label itself in
French or English, link to EUR-Lex in that language, and whether it exists in the law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .provisions import load_index

EURLEX = "https://eur-lex.europa.eu/legal-content/{lang}/TXT/?uri=CELEX:{celex}"
CONSOLIDATED = "02024R1689-20260727"  # the AI Act as amended, in force from 27 July 2026
ORIGINAL = "32024R1689"  # the 2024 Official Journal text: the only one with recitals
AMENDING = "32026R1744"  # Regulation (EU) 2026/1744

# Where the points of an article without numbered paragraphs sit, as the amending act cites
# them ("Article 113, third paragraph, point (a)").
_POINTS_PARAGRAPH = {"113": {"fr": "troisième alinéa", "en": "third paragraph"}}

_PATTERN = re.compile(
    r"^(?P<act>2026/1744 )?(?:"
    r"Art\. (?P<article>\d+[a-z]?)(?P<parts>(?:\([0-9a-z]+\))*)"
    r"|Annex (?P<annex>[IVX]+)(?P<annex_parts>(?:\([0-9a-z]+\))*)"
    r"|Recital (?P<recital>\d+))$"
)


@dataclass(frozen=True)
class Citation:
    ref: str
    act: str  # "ai-act" or "amending-act"
    kind: str  # "article", "annex" or "recital"
    number: str
    parts: tuple[str, ...] = ()

    def exists(self) -> bool:
        index = load_index()
        if self.act == "amending-act":
            key = "articles" if self.kind == "article" else "recitals"
            known = [str(number) for number in index["amending_act"][key]]
            return self.number in known and not self.parts
        ai_act = index["ai_act"]
        if self.kind == "recital":
            return int(self.number) in ai_act["recitals"]
        table = ai_act["articles" if self.kind == "article" else "annexes"].get(self.number)
        if table is None:
            return False
        paragraph, point = self._paragraph_and_point(table)
        if paragraph not in table:
            return False
        return point is None or point in table[paragraph]

    def _paragraph_and_point(self, table: dict) -> tuple[str, str | None]:
        """Articles without numbered paragraphs (Art. 3, Art. 113) take their points directly."""
        if not self.parts:
            return "", None
        if set(table) == {""}:
            return "", self.parts[0] if len(self.parts) == 1 else "(too deep)"
        if len(self.parts) > 2:
            return self.parts[0], "(too deep)"
        return self.parts[0], self.parts[1] if len(self.parts) == 2 else None

    def url(self, lang: str) -> str:
        code = lang.upper()
        if self.act == "amending-act":
            prefix = "art" if self.kind == "article" else "rct"
            return EURLEX.format(lang=code, celex=AMENDING) + f"#{prefix}_{self.number}"
        if self.kind == "recital":
            return EURLEX.format(lang=code, celex=ORIGINAL) + f"#rct_{self.number}"
        anchor = f"art_{self.number}" if self.kind == "article" else f"anx_{self.number}"
        return EURLEX.format(lang=code, celex=CONSOLIDATED) + f"#{anchor}"

    def label(self, lang: str) -> str:
        label = _LABELLERS[lang](self)
        if self.act == "amending-act":
            return ("règlement (UE) 2026/1744, " if lang == "fr" else "Reg. (EU) 2026/1744, ") + label
        return label


def _label_en(citation: Citation) -> str:
    if citation.kind == "recital":
        return f"Recital {citation.number}"
    if citation.kind == "annex":
        head, rest = f"Annex {citation.number}", citation.parts
        if not rest:
            return head
        return f"{head}, point {rest[0]}" + "".join(f"({part})" for part in rest[1:])
    text = f"Art. {citation.number}"
    if citation.parts and _has_no_paragraphs(citation):
        point = citation.parts[0]
        if point[0].isdigit():
            return f"{text}({point})"
        where = _POINTS_PARAGRAPH.get(citation.number, {}).get("en")
        return f"{text}, {where}, point ({point})" if where else f"{text}, point ({point})"
    return text + "".join(f"({part})" for part in citation.parts)


def _label_fr(citation: Citation) -> str:
    if citation.kind == "recital":
        return f"considérant {citation.number}"
    if citation.kind == "annex":
        head, rest = f"annexe {citation.number}", citation.parts
        if not rest:
            return head
        return f"{head}, point {rest[0]}" + "".join(f" {part})" for part in rest[1:])
    text = f"art. {citation.number}"
    if not citation.parts:
        return text
    if _has_no_paragraphs(citation):
        where = _POINTS_PARAGRAPH.get(citation.number, {}).get("fr")
        return f"{text}, {where}, point {citation.parts[0]})" if where else f"{text}, point {citation.parts[0]})"
    text += f", paragraphe {citation.parts[0]}"
    if len(citation.parts) > 1:
        text += f", point {citation.parts[1]})"
    return text


def _has_no_paragraphs(citation: Citation) -> bool:
    table = load_index()["ai_act"]["articles"].get(citation.number, {})
    return set(table) == {""}


_LABELLERS = {"fr": _label_fr, "en": _label_en}


def parse(ref: str) -> Citation:
    """Parse a citation string; raises ValueError for a string of the wrong form."""
    match = _PATTERN.match(ref)
    if not match:
        raise ValueError(f"not a citation: {ref!r}")
    act = "amending-act" if match["act"] else "ai-act"
    if match["article"]:
        return Citation(ref, act, "article", match["article"], _parts(match["parts"]))
    if match["annex"]:
        if act == "amending-act":
            raise ValueError(f"the amending act has no annex citation form: {ref!r}")
        return Citation(ref, act, "annex", match["annex"], _parts(match["annex_parts"]))
    return Citation(ref, act, "recital", match["recital"])


def _parts(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\(([0-9a-z]+)\)", text))


def render(ref: str, lang: str) -> dict:
    """A citation as the interface shows it: {"ref", "label", "url"} (a fresh dict each time)."""
    return dict(_rendered(ref, lang))


@cache
def _rendered(ref: str, lang: str) -> tuple:
    citation = parse(ref)
    return (("ref", ref), ("label", citation.label(lang)), ("url", citation.url(lang)))
