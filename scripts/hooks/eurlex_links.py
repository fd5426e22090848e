"""Short links to the law, expanded to EUR-Lex in the page's language.

Pages write `[article 50](A:50)` and the built page links the EUR-Lex text in French
on French pages and in English on English pages:

    A:50        article 50 of Reg. (EU) 2024/1689, consolidated text   #art_50
    A:5(1)(f)   same; the paragraph/point part only documents the link  #art_5
    X:III       Annex III, consolidated text                            #anx_III
    C           the consolidated text (version in force from 27 July 2026)
    R:12        recital 12 of Reg. (EU) 2024/1689 as published in 2024  #rct_12
                (consolidated texts carry no recitals)
    J           Reg. (EU) 2024/1689 as published in the Official Journal
    O:38        recital 38 of Reg. (EU) 2026/1744                       #rct_38
    OA:2        article 2 of Reg. (EU) 2026/1744                        #art_2
    O           Reg. (EU) 2026/1744

Every article, annex and recital is checked against the provisions index
(`decision_tree.provisions.load_index()`); an unknown one is a warning, so the strict
build fails and names the page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import event_priority, get_plugin_logger

import site_hooks_common as common

log = get_plugin_logger("eurlex_links")

CONSOLIDATED = "02024R1689-20260727"
AI_ACT_2024 = "32024R1689"
AMENDING_ACT = "32026R1744"
EURLEX_LANG = {"fr": "FR", "en": "EN"}

SHORT_LINK = re.compile(
    r"^(?P<kind>A|X|R|O|OA):(?P<number>\d+[a-z]*|[IVXLC]+)(?P<rest>(?:\([0-9a-z]+\))*)$"
    r"|^(?P<whole>C|J|O)$"
)

_state = {"lang": common.DEFAULT_LANGUAGE, "page": "?", "index": None}


def eurlex_url(lang: str, celex: str, anchor: str = "") -> str:
    url = f"https://eur-lex.europa.eu/legal-content/{EURLEX_LANG[lang]}/TXT/?uri=CELEX:{celex}"
    return f"{url}#{anchor}" if anchor else url


def expand(href: str, lang: str, index: dict) -> str | None:
    """The EUR-Lex URL for a short link; None if `href` is not a short link.

    Raises ValueError if it is one but names a provision that does not exist."""
    match = SHORT_LINK.match(href)
    if match is None:
        return None
    whole = match.group("whole")
    if whole:
        celex = {"C": CONSOLIDATED, "J": AI_ACT_2024, "O": AMENDING_ACT}[whole]
        return eurlex_url(lang, celex)
    kind, number = match.group("kind"), match.group("number")
    ai_act, amending = index["ai_act"], index["amending_act"]
    if kind == "A":
        if number not in ai_act["articles"]:
            raise ValueError(f"article {number} does not exist in Regulation (EU) 2024/1689 as amended")
        return eurlex_url(lang, CONSOLIDATED, f"art_{number}")
    if kind == "X":
        if number not in ai_act["annexes"]:
            raise ValueError(f"annex {number} does not exist in Regulation (EU) 2024/1689")
        return eurlex_url(lang, CONSOLIDATED, f"anx_{number}")
    if not number.isdigit():
        raise ValueError(f"{href!r}: a recital or article number is expected")
    if kind == "R":
        if int(number) not in ai_act["recitals"]:
            raise ValueError(f"recital {number} does not exist in Regulation (EU) 2024/1689")
        return eurlex_url(lang, AI_ACT_2024, f"rct_{number}")
    if kind == "O":
        if int(number) not in amending["recitals"]:
            raise ValueError(f"recital {number} does not exist in Regulation (EU) 2026/1744")
        return eurlex_url(lang, AMENDING_ACT, f"rct_{number}")
    if number not in amending["articles"]:  # kind == "OA"
        raise ValueError(f"article {number} does not exist in Regulation (EU) 2026/1744")
    return eurlex_url(lang, AMENDING_ACT, f"art_{number}")


class _ShortLinkTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            href = element.get("href", "")
            try:
                url = expand(href, _state["lang"], _state["index"])
            except ValueError as error:
                log.warning(f"Doc file '{_state['page']}': link '{href}': {error}")
                continue
            if url is not None:
                element.set("href", url)


class ShortLinkExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After the inline processor (20) has made the links, before MkDocs checks them (0).
        md.treeprocessors.register(_ShortLinkTreeprocessor(md), "eurlex_short_links", 10)


@event_priority(-200)
def on_config(config):
    _state["lang"] = common.current_language(config)
    _state["index"] = common.provisions_index(config)
    if not any(isinstance(ext, ShortLinkExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(ShortLinkExtension())
    return config


def on_page_markdown(markdown, page, config, files):
    _state["page"] = page.file.src_uri
    return markdown
