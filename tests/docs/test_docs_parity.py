"""French and English pages come in pairs with the same explicit heading ids, in the
same order, so /x/#id and /en/x/#id point to the same section."""

from __future__ import annotations

import pytest

from docs_site import english_sources, french_sources, front_matter_error, heading_ids, page_stem, twin_source

FRENCH = french_sources()
ENGLISH = english_sources()


@pytest.mark.parametrize("path", FRENCH, ids=lambda p: p.name)
def test_french_page_has_english_twin(path):
    assert twin_source(path).is_file(), f"docs/{path.name} has no English twin docs/{twin_source(path).name}"


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.name)
def test_english_page_has_french_twin(path):
    assert twin_source(path).is_file(), f"docs/{path.name} has no French twin docs/{twin_source(path).name}"


@pytest.mark.parametrize("path", [p for p in FRENCH if twin_source(p).is_file()], ids=lambda p: p.name)
def test_same_heading_ids_in_same_order(path):
    french, english = heading_ids(path), heading_ids(twin_source(path))
    assert french, f"docs/{path.name} has no explicit heading id ({{#id}})"
    if french != english:
        only_fr = [i for i in french if i not in english]
        only_en = [i for i in english if i not in french]
        detail = f"only in French: {only_fr}; only in English: {only_en}"
        if not only_fr and not only_en:
            detail = f"same ids, different order:\n  fr: {french}\n  en: {english}"
        pytest.fail(f"docs/{path.name} and docs/{twin_source(path).name} differ in heading ids: {detail}")


@pytest.mark.parametrize("path", FRENCH + ENGLISH, ids=lambda p: p.name)
def test_heading_ids_are_unique(path):
    ids = heading_ids(path)
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"docs/{path.name}: duplicate heading ids {duplicates}"


@pytest.mark.parametrize("path", FRENCH + ENGLISH, ids=lambda p: p.name)
def test_heading_ids_are_in_the_built_page(path, site):
    lang = "en" if path.name.endswith(".en.md") else "fr"
    built = site.page_file(page_stem(path), lang)
    assert built.is_file(), f"docs/{path.name} was not built to {built.relative_to(site.root)}"
    present = site.ids(built)
    missing = [i for i in heading_ids(path) if i not in present]
    assert not missing, f"{built.relative_to(site.root)} lacks the ids {missing} of docs/{path.name}"


@pytest.mark.parametrize("path", FRENCH + ENGLISH, ids=lambda p: p.name)
def test_front_matter_is_valid_yaml(path):
    """Invalid front matter is not an error for MkDocs: it drops the title and description
    and prints the front matter at the top of the page. Quote values that contain ': '."""
    error = front_matter_error(path)
    assert error is None, f"docs/{path.name}: invalid YAML front matter ({error})"
