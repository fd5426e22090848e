"""Citations: "Art. 5(1)(f)", "Art. 50(4), second subparagraph", "Annex III(5)(b)", "Recital 103",
"2026/1744 Recital 38".

Whole acts too: "2024/1689" (the AI Act as amended: the consolidated text), "2024/1689 OJ"
(the AI Act as published in the Official Journal in 2024) and "2026/1744" (the amending act).

A citation string is parsed once into a Citation, which knows how to label itself in
French or English, link to EUR-Lex in that language, and whether it exists in the law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .model import load_tree
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
    r"Art\. (?P<article>\d+[a-z]?)(?P<parts>(?:\([0-9a-z]+\))*)(?:, (?P<subparagraph>first|second|third|fourth) subparagraph)?"
    r"|Annex (?P<annex>[IVX]+)(?P<annex_parts>(?:\([0-9a-z]+\))*)"
    r"|Recital (?P<recital>\d+))$"
)
_WHOLE_ACT = re.compile(r"^(?:(?P<ai_act>2024/1689)(?P<published> OJ)?|(?P<amending>2026/1744))$")


@dataclass(frozen=True)
class Citation:
    ref: str
    act: str  # "ai-act" or "amending-act"
    kind: str  # "article", "annex", "recital", or "act" (a whole act; number "OJ": as published in 2024)
    number: str
    parts: tuple[str, ...] = ()
    subparagraph: str = ""  # "second": a subparagraph of a numbered paragraph (no point below it)

    def exists(self) -> bool:
        if self.kind == "act":
            return True
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
        if self.subparagraph and (not paragraph or point is not None):
            return False  # a subparagraph belongs to a numbered paragraph
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
        code = load_tree().languages[lang].eurlex
        if self.kind == "act":
            celex = AMENDING if self.act == "amending-act" else ORIGINAL if self.number == "OJ" else CONSOLIDATED
            return EURLEX.format(lang=code, celex=celex)
        if self.act == "amending-act":
            prefix = "art" if self.kind == "article" else "rct"
            return EURLEX.format(lang=code, celex=AMENDING) + f"#{prefix}_{self.number}"
        if self.kind == "recital":
            return EURLEX.format(lang=code, celex=ORIGINAL) + f"#rct_{self.number}"
        anchor = f"art_{self.number}" if self.kind == "article" else f"anx_{self.number}"
        return EURLEX.format(lang=code, celex=CONSOLIDATED) + f"#{anchor}"

    def label(self, lang: str) -> str:
        style = load_tree().languages[lang].citation_style
        if self.kind == "act":
            return _WHOLE_ACTS[style][self.ref]
        label = _LABELLERS[style](self)
        if self.act == "amending-act":
            return _AMENDING_ACT[style] + label
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
        point, deeper = citation.parts[0], "".join(f"({part})" for part in citation.parts[1:])
        if point[0].isdigit():
            return f"{text}({point}){deeper}"
        where = _POINTS_PARAGRAPH.get(citation.number, {}).get("en")
        return (f"{text}, {where}, point ({point})" if where else f"{text}, point ({point})") + deeper
    text += "".join(f"({part})" for part in citation.parts)
    return f"{text}, {citation.subparagraph} subparagraph" if citation.subparagraph else text


def _label_fr(citation: Citation) -> str:
    if citation.kind == "recital":
        return f"considérant {citation.number}"
    if citation.kind == "annex":
        head, rest = f"annexe {citation.number}", citation.parts
        if not rest:
            return head
        return f"{head}, point {_fr_number(rest[0])}" + "".join(f" {_fr_point(part)})" for part in rest[1:])
    text = f"art. {_fr_number(citation.number)}"
    if not citation.parts:
        return text
    if _has_no_paragraphs(citation):
        where = _POINTS_PARAGRAPH.get(citation.number, {}).get("fr")
        label = _fr_point(citation.parts[0])  # Art. 3: "point 14 bis)"; Art. 113: "point c)"
        text += f", {where}, point {label})" if where else f", point {label})"
        return text + "".join(f" {part})" for part in citation.parts[1:])
    text += f", paragraphe {_fr_number(citation.parts[0])}"
    if citation.subparagraph:
        return f"{text}, {_FR_ORDINALS[citation.subparagraph]} alinéa"
    if len(citation.parts) > 1:
        text += f", point {_fr_point(citation.parts[1])})"
    return text + "".join(f" {part})" for part in citation.parts[2:])


_FR_ORDINALS = {"first": "premier", "second": "deuxième", "third": "troisième", "fourth": "quatrième"}

# The French Official Journal numbers inserted provisions with Latin adverbs, where the
# English text adds a letter: Article 4a = article 4 bis, Article 5(1a) = paragraphe 1 bis,
# point (ba) = point b bis), point (bb) = point b ter), Article 3(14b) = point 14 ter).
_LATIN = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "nonies", "decies")
_LATIN_SUFFIX = {chr(ord("a") + i): word for i, word in enumerate(_LATIN)}


def _fr_number(part: str) -> str:
    """Article or paragraph numbers: 4a -> 4 bis, 14b -> 14 ter; 12 and III unchanged."""
    match = re.fullmatch(r"(\d+)([a-j])", part)
    return f"{match[1]} {_LATIN_SUFFIX[match[2]]}" if match else part


def _fr_point(part: str) -> str:
    """Points: ba -> b bis, bb -> b ter, 14a -> 14 bis; a and 12 unchanged.
    Only points take this form: sub-points are roman numerals ("ii", "iv")."""
    if part[0].isdigit():
        return _fr_number(part)
    match = re.fullmatch(r"([a-z])([a-j])", part)
    return f"{match[1]} {_LATIN_SUFFIX[match[2]]}" if match else part


def _has_no_paragraphs(citation: Citation) -> bool:
    table = load_index()["ai_act"]["articles"].get(citation.number, {})
    return set(table) == {""}


# Citation styles (a language's `citation_style`): the Official Journal's usage in each language.
_LABELLERS = {"fr": _label_fr, "en": _label_en}
_AMENDING_ACT = {"fr": "règlement (UE) 2026/1744, ", "en": "Reg. (EU) 2026/1744, "}
_WHOLE_ACTS = {
    "fr": {
        "2024/1689": "règlement (UE) 2024/1689",
        "2024/1689 OJ": "règlement (UE) 2024/1689 (JO L du 12.7.2024)",
        "2026/1744": "règlement (UE) 2026/1744",
    },
    "en": {
        "2024/1689": "Regulation (EU) 2024/1689",
        "2024/1689 OJ": "Regulation (EU) 2024/1689 (OJ L, 12.7.2024)",
        "2026/1744": "Regulation (EU) 2026/1744",
    },
}


def parse(ref: str) -> Citation:
    """Parse a citation string; raises ValueError for a string of the wrong form."""
    if whole := _WHOLE_ACT.match(ref):
        act = "amending-act" if whole["amending"] else "ai-act"
        return Citation(ref, act, "act", "OJ" if whole["published"] else "")
    match = _PATTERN.match(ref)
    if not match:
        raise ValueError(f"not a citation: {ref!r}")
    act = "amending-act" if match["act"] else "ai-act"
    if match["article"]:
        return Citation(ref, act, "article", match["article"], _parts(match["parts"]), match["subparagraph"] or "")
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
