"""The site builds with --strict; every page of the nav exists in both languages."""

from __future__ import annotations

import re

import pytest

from docs_site import DOCS, LANGUAGES, abbreviations_source, page_path, page_stem


def test_strict_build_passes(strict_build):
    tail = "\n".join(strict_build.output.splitlines()[-60:])
    assert strict_build.returncode == 0, f"`mkdocs build --strict` failed:\n{tail}"


def _nav_files(items) -> list[str]:
    files = []
    for item in items:
        if isinstance(item, str):
            files.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                files.extend(_nav_files(value) if isinstance(value, list) else [value])
    return files


def test_nav_pages_exist_in_docs(docs_config):
    missing = [f for f in _nav_files(docs_config.nav) if not (DOCS / f).is_file()]
    assert not missing, f"pages listed in the nav of mkdocs.yml but missing from docs/: {missing}"


def test_every_nav_page_is_built_in_both_languages(site, docs_config):
    missing = []
    for name in _nav_files(docs_config.nav):
        stem = page_stem(DOCS / name)
        for lang in LANGUAGES:
            if not site.page_file(stem, lang).is_file():
                missing.append(page_path(stem, lang) or "/")
    assert not missing, f"nav pages not built: {missing}"


def test_english_nav_is_fully_translated(site, docs_config):
    """Every nav label has an English translation (i18n nav_translations)."""
    french_labels = set()
    for item in docs_config.nav:
        stack = [item]
        while stack:
            entry = stack.pop()
            if isinstance(entry, dict):
                for label, value in entry.items():
                    french_labels.add(label)
                    if isinstance(value, list):
                        stack.extend(value)
    translations = {}
    for lang in docs_config.plugins["i18n"].config.languages:
        if lang.locale == "en":
            translations = lang.nav_translations or {}
    untranslated = sorted(label for label in french_labels if label not in translations)
    assert not untranslated, f"nav labels without an English translation: {untranslated}"

    nav = site.soup(site.page_file("index", "en")).select_one("nav.md-nav--primary")
    nav_text = {" ".join(text.split()) for text in nav.stripped_strings}
    assert "Home" in nav_text, f"English nav: {sorted(nav_text)}"
    for label in french_labels:
        if translations.get(label) != label:
            assert label not in nav_text, f"French nav label {label!r} shown in the English nav"


def test_snippets_are_not_built_as_pages(site):
    built = [p.relative_to(site.root).as_posix() for p in site.root.rglob("*")]
    leaked = [p for p in built if ".snippets" in p or re.search(r"(^|/)abbreviations", p)]
    assert not leaked, f"docs/.snippets must not be published: {leaked}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_abbreviation_file_exists(lang):
    path = abbreviations_source(lang)
    assert path.is_file(), f"missing glossary tooltips file {path.relative_to(DOCS.parent)}"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    bad = [line for line in lines if not re.match(r"^\*\[[^\]]+\]:\s*\S", line)]
    assert not bad, f"{path.name}: lines that are not `*[term]: explanation`: {bad[:5]}"


def _abbreviations(path) -> dict[str, str]:
    if not path.is_file():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\*\[([^\]]+)\]:\s*(.*\S)\s*$", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def test_tooltips_come_from_the_page_language(site):
    """French pages show the French explanations only, English pages the English ones."""
    lists = {lang: _abbreviations(abbreviations_source(lang)) for lang in LANGUAGES}
    if not any(lists.values()):
        pytest.skip("no abbreviations written yet")
    problems = []
    for stem, lang, file in site.content_pages:
        own = set(lists[lang].values())
        other = {lang2: set(values.values()) - own for lang2, values in lists.items() if lang2 != lang}
        source = DOCS / (f"{stem}.md" if lang == "fr" else f"{stem}.{lang}.md")
        own |= set(_abbreviations(source).values())  # terms a page defines itself
        for abbr in site.soup(file).select("article abbr[title]"):
            title = " ".join(abbr["title"].split())
            normalised_own = {" ".join(t.split()) for t in own}
            if title not in normalised_own:
                foreign = any(title in {" ".join(t.split()) for t in values} for values in other.values())
                kind = "tooltip from the other language" if foreign else "tooltip from no abbreviation list"
                problems.append(f"{file.relative_to(site.root)}: {abbr.get_text()!r}: {kind}: {title!r}")
    assert not problems, "\n".join(problems[:30])


def test_every_page_gets_the_tooltips_of_its_language(site):
    """A term of the page's list that appears in the page's prose is marked up as <abbr>."""
    lists = {lang: _abbreviations(abbreviations_source(lang)) for lang in LANGUAGES}
    checked, problems = 0, []
    for _stem, lang, file in site.content_pages:
        if not lists[lang]:
            continue
        article = site.soup(file).select_one("article.md-content__inner")
        marked = {abbr.get_text() for abbr in article.select("abbr[title]")}
        for paragraph in article.find_all("p"):
            # The assessment blocks are generated HTML (from the decision tree's own texts).
            if paragraph.find_parent(["code", "pre", "a"]) is not None or paragraph.find_parent(
                class_=["dt-widget", "dt-static"]
            ):
                continue
            # One text node at a time: a term split by markup (<strong>) cannot get a tooltip.
            texts = [s for s in paragraph.find_all(string=True) if s.parent.name not in ("code", "a", "abbr")]
            for term in lists[lang]:
                if any(re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text) for text in texts):
                    problems.append(f"{file.relative_to(site.root)}: {term!r} has no tooltip")
        checked += len(marked)
    assert not problems, "\n".join(problems[:30])
    if checked == 0:
        pytest.skip("no abbreviation term marked up in the pages yet")
