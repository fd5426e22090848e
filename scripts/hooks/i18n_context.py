"""Per-language site context: the "not legal advice" notice and the legal-basis line.

Both come from the data catalogue (`decision_tree.legal_basis()`, the one wording the results
and the CLI use too) and are put into `config.extra.legal_basis` for the templates, which
hold no text or date of their own. Also localises the heading permalink title, gives the
templates the site-root paths of each language (used by the 404 page), and keeps the
default language's build of the root 404.html.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from decision_tree import legal_basis, load_tree
from site_tooling.hooks import common


@event_priority(-200)  # after the i18n plugin has switched to the language being built
def on_config(config):
    lang = common.current_language(config)
    ui = load_tree().ui
    config.extra["legal_basis"] = {
        "lang": lang,
        "notice": ui["not_legal_advice"][lang],
        "line": legal_basis().line[lang],
        "aria_label": ui["site_notice_label"][lang],
    }

    root = common.site_root_path(config)
    config.extra["site_paths"] = {code: root + common.language_path(code) for code in common.LANGUAGES}
    # The 404 page shows its own language first and the others after it.
    config.extra["not_found"] = {
        code: {part: ui[f"site_not_found_{part}"][code] for part in ("title", "text", "home")} for code in common.LANGUAGES
    }

    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = ui["site_permalink"][lang]
    return config


# The i18n plugin builds the default language first, then the others into the same
# folder, and each build writes the root 404.html: the last one (English) would win.
# Keep the default language's page, whose body holds both languages anyway.
_default_404: dict[str, bytes] = {}


def on_post_build(config):  # runs before the i18n plugin's post_build (priority -100)
    page = Path(config.site_dir) / "404.html"
    if common.current_language(config) == common.DEFAULT_LANGUAGE:
        if page.is_file():
            _default_404["page"] = page.read_bytes()
    elif "page" in _default_404:
        page.write_bytes(_default_404.pop("page"))
