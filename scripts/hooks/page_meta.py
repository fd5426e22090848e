"""Per page and language: title, description, OpenGraph, Twitter card and hreflang data.

Puts a `social` mapping into the page context; `overrides/main.html` renders it.
Every URL is absolute and derived from site_url, so link previews and search engines
get the right address whatever the site's sub-path.
"""

from __future__ import annotations

import re

from decision_tree import load_tree
from site_tooling.hooks import common

IMAGE_PATH = "assets/images/social-card-{lang}.png"
IMAGE_SIZE = (1200, 630)

_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def _plain(text) -> str:
    return _SPACES.sub(" ", _TAGS.sub("", str(text or ""))).strip()


def twin_paths(page, lang: str) -> dict[str, str]:
    """Site-root-relative path of this page in every language ("" is the French home)."""
    paths = {lang: common.page_path(page.url)}
    alternates = getattr(page.file, "alternates", None) or {}
    for code in common.LANGUAGES:
        if code in paths:
            continue
        alternate = alternates.get(code)
        if alternate is not None:
            paths[code] = common.page_path(alternate.url)
        else:
            # Suffix layout: the same path, under the language's folder.
            own = paths[lang]
            own = own[len(common.language_path(lang)) :] if own.startswith(common.language_path(lang)) else own
            paths[code] = common.language_path(code) + own
    return paths


def on_page_context(context, page, config, nav):
    lang = common.current_language(config)
    ui = load_tree().ui
    base = common.site_url(config)
    site_name = config.site_name

    # page.is_homepage is False for the English home page (en/): compare paths instead.
    is_home = common.page_path(page.url) == common.language_path(lang)
    meta = page.meta or {}
    title = _plain(meta.get("title") or page.title or site_name)
    full_title = title if is_home or site_name in title else f"{title}{ui['site_title_separator'][lang]}{site_name}"
    description = _plain(meta.get("description") or config.site_description)

    paths = twin_paths(page, lang)
    urls = {code: base + path for code, path in paths.items()}

    context["social"] = {
        "lang": lang,
        "title": title,
        "full_title": full_title,
        "description": description,
        "url": urls[lang],
        "type": "website" if is_home else "article",
        "locale": common.OG_LOCALES[lang],
        "locale_alternates": [common.OG_LOCALES[code] for code in common.LANGUAGES if code != lang],
        "site_name": site_name,
        "image": base + IMAGE_PATH.format(lang=lang),
        "image_alt": ui["site_image_alt"][lang],
        "image_width": IMAGE_SIZE[0],
        "image_height": IMAGE_SIZE[1],
        "twin_paths": paths,
    }
    return context
