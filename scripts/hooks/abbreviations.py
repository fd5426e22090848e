"""Glossary tooltips: append the abbreviation list of the page's language to every page.

`docs/.snippets/abbreviations.md` (French) and `docs/.snippets/abbreviations.en.md` hold
Markdown abbreviation lines (`*[term]: explanation`). The `abbr` extension turns every
occurrence of a term into `<abbr title="explanation">`, which Material shows as a
tooltip (feature content.tooltips). A French page gets only the French list, an
English page only the English one. The snippets folder starts with a dot, so MkDocs
never builds it as pages.
"""

from __future__ import annotations

from pathlib import Path

from site_tooling.hooks import common

SNIPPETS_DIR = ".snippets"


def on_config(config):
    # pymdownx.snippets resolves base_path from the working directory: pin it to
    # docs/.snippets so `--8<-- "file.md"` works wherever MkDocs is run from.
    snippets = config.mdx_configs.get("pymdownx.snippets")
    if snippets is not None:
        snippets["base_path"] = [str(Path(config.docs_dir) / SNIPPETS_DIR)]
    return config


def abbreviations_file(config, lang: str) -> Path:
    """The pages' suffix layout: no suffix for the default language."""
    name = "abbreviations.md" if lang == common.DEFAULT_LANGUAGE else f"abbreviations.{lang}.md"
    return Path(config.docs_dir) / SNIPPETS_DIR / name


def on_page_markdown(markdown, page, config, files):
    path = abbreviations_file(config, common.current_language(config))
    if not path.is_file():
        return markdown
    definitions = path.read_text(encoding="utf-8").strip()
    if not definitions:
        return markdown
    return f"{markdown.rstrip()}\n\n{definitions}\n"
