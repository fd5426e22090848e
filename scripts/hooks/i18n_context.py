"""Per-language site context: the "not legal advice" notice and the legal-basis date.

The dates come from `decision_tree.legal_basis()` (the single source the widget and the
CLI use too) and are put into `config.extra.legal_basis` for the templates; the
templates hold no date. Also localises the heading permalink title and gives the
templates the site-root paths of each language (used by the 404 page), and keeps
the default language's build of the root 404.html.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

import site_hooks_common as common

TEXT = {
    "fr": {
        "notice": "Information générale, pas un conseil juridique.",
        "basis": "Base juridique\u00a0:",
        "version": "version du",
        "reviewed": "vérifiée le",
        "aria_label": "Avertissement",
        "permalink": "Lien permanent vers cette section",
    },
    "en": {
        "notice": "General information, not legal advice.",
        "basis": "Legal basis:",
        "version": "version of",
        "reviewed": "checked on",
        "aria_label": "Disclaimer",
        "permalink": "Permanent link to this section",
    },
}


@event_priority(-200)  # after the i18n plugin has switched to the language being built
def on_config(config):
    lang = common.current_language(config)
    text = TEXT.get(lang, TEXT["en"])
    basis = common.legal_basis(config)

    config.extra["legal_basis"] = {
        "lang": lang,
        "notice": text["notice"],
        "basis": text["basis"],
        "label": basis.label[lang],
        "version": text["version"],
        "as_of": common.format_date(basis.as_of, lang),
        "as_of_iso": basis.as_of.isoformat(),
        "reviewed": text["reviewed"],
        "reviewed_on": common.format_date(basis.reviewed_on, lang),
        "reviewed_on_iso": basis.reviewed_on.isoformat(),
        "aria_label": text["aria_label"],
    }

    root = common.site_root_path(config)
    config.extra["site_paths"] = {code: root + common.language_path(code) for code in common.LANGUAGES}

    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = text["permalink"]
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
