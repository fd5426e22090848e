"""Helpers of the documentation tests: the sources in docs/ and the built site."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urldefrag

from site_tooling import ROOT, local_site

CONFIG = local_site.CONFIG  # mkdocs.yml
DOCS = ROOT / "docs"
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}

_HEADING_ID = re.compile(r"^#{1,6}\s.*\{[^}]*#([A-Za-z][\w-]*)[^}]*\}\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def run_mkdocs_build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (the browser tests' and the benchmark's build); the caller
    reads its return code and output."""
    return local_site.build_site(site_dir, config_file=config_file, check=False)


# --------------------------------------------------------------------------- sources


def abbreviations_source(lang: str) -> Path:
    """The glossary tooltips of a language, named like the pages (no suffix for French)."""
    name = "abbreviations.md" if lang == DEFAULT_LANGUAGE else f"abbreviations.{lang}.md"
    return DOCS / ".snippets" / name


def french_sources() -> list[Path]:
    """docs/x.md: the French pages (suffix layout: no language suffix)."""
    return sorted(p for p in DOCS.glob("*.md") if not re.search(r"\.[a-z]{2}\.md$", p.name))


def english_sources() -> list[Path]:
    return sorted(DOCS.glob("*.en.md"))


def twin_source(path: Path) -> Path:
    if path.name.endswith(".en.md"):
        return path.with_name(path.name[: -len(".en.md")] + ".md")
    return path.with_name(path.name[: -len(".md")] + ".en.md")


def page_stem(path: Path) -> str:
    return re.sub(r"(\.[a-z]{2})?\.md$", "", path.name)


def page_path(stem: str, lang: str) -> str:
    """Site-root-relative URL path of a page: "" (French home), "x/", "en/", "en/x/"."""
    path = "" if stem == "index" else f"{stem}/"
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def heading_ids(path: Path) -> list[str]:
    """Explicit heading ids (`## Title {#id}`) in document order, outside code fences."""
    ids, fence = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker[0]
            elif marker[0] == fence:
                fence = None
            continue
        if fence is None and (heading := _HEADING_ID.match(line)):
            ids.append(heading.group(1))
    return ids


_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def front_matter_error(path: Path) -> str | None:
    """Why the page's front matter is not a YAML mapping (None if it is, or if there is none).

    MkDocs silently ignores invalid front matter and publishes it as text."""
    import yaml

    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if match is None:
        return None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        return " ".join(str(error).split())
    return None if isinstance(data, dict) else "front matter is not a mapping"


def front_matter(path: Path) -> dict[str, str]:
    """The page's front matter as MkDocs reads it ({} if absent or invalid)."""
    import yaml

    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if match is None:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def verdict_link_problem(text: str, token: str, lang: str) -> str | None:
    """Why an assessment link whose text names a verdict is wrong (None if it is right): it must
    open a finished result on the current tree, with no "questions changed" or "legal basis"
    note, whose verdict label is the link's text (computed on a day every obligation has started)."""
    from datetime import date

    from decision_tree import engine, share, views

    state = share.decode(token, lang)
    if engine.current_node(state) != "end" or state.questions_changed or state.link_basis:
        return f"{token}: does not open a finished result on the current tree"
    label = views.result(state, date(2026, 11, 28))["verdict"]["label"]
    return None if text == label else f"{token}: link says {text!r}, engine says {label!r}"


# --------------------------------------------------------------------------- built site


@dataclass
class Build:
    site_dir: Path
    returncode: int
    output: str


@dataclass
class Site:
    root: Path
    site_url: str
    _soups: dict = field(default_factory=dict)

    def file_for(self, url: str) -> Path | None:
        """The built file a URL of the site points to (None if it leaves the site)."""
        url = urldefrag(url)[0].split("?")[0]
        if not url.startswith(self.site_url):
            return None
        rel = url[len(self.site_url) :]
        target = self.root / rel
        if rel == "" or rel.endswith("/"):
            target = target / "index.html"
        return target

    def url_of(self, file: Path) -> str:
        rel = file.relative_to(self.root).as_posix()
        if rel.endswith("index.html"):
            rel = rel[: -len("index.html")]
        return self.site_url + rel

    def soup(self, file: Path):
        from bs4 import BeautifulSoup

        file = Path(file)
        if file not in self._soups:
            self._soups[file] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return self._soups[file]

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def page_file(self, stem: str, lang: str) -> Path:
        return self.root / page_path(stem, lang) / "index.html"

    def ids(self, file: Path) -> set[str]:
        soup = self.soup(file)
        ids = {el["id"] for el in soup.find_all(id=True)}
        ids |= {el["name"] for el in soup.find_all("a", attrs={"name": True})}
        return ids

    @cached_property
    def content_pages(self) -> list[tuple[str, str, Path]]:
        """(stem, lang, built file) of every page written in docs/, both languages."""
        pages = []
        for source in french_sources():
            pages.append((page_stem(source), "fr", self.page_file(page_stem(source), "fr")))
        for source in english_sources():
            pages.append((page_stem(source), "en", self.page_file(page_stem(source), "en")))
        return pages
