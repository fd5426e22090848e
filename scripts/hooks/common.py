"""Helpers shared by the site's MkDocs hooks (not a hook itself): `site_tooling.hooks.common`."""

from __future__ import annotations

from urllib.parse import urlsplit

from decision_tree import load_tree

# The languages and their settings come from the data catalogue (labels.toml [languages]);
# the first is the default one, served at the site root.
LANGUAGES = tuple(load_tree().languages)
DEFAULT_LANGUAGE = LANGUAGES[0]
OG_LOCALES = {code: language.og_locale for code, language in load_tree().languages.items()}


def current_language(config) -> str:
    """The language being built: the i18n plugin builds each language in turn."""
    plugin = config.plugins.get("i18n")
    if plugin is not None:
        lang = getattr(plugin, "current_language", None) or getattr(plugin, "default_language", None)
        if lang:
            return lang
    return config.theme.get("language") or DEFAULT_LANGUAGE


def site_url(config) -> str:
    """site_url with exactly one trailing slash ("" when unset)."""
    url = config.site_url or ""
    return url.rstrip("/") + "/" if url else ""


def site_root_path(config) -> str:
    """The path part of site_url ("/ia-locale-ai-act/"), or "/" when unset."""
    path = urlsplit(site_url(config)).path or "/"
    return path if path.endswith("/") else path + "/"


def language_path(lang: str) -> str:
    """Where a language lives relative to the site root: "" for the default, "en/" for English."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_path(url: str) -> str:
    """Normalise a MkDocs page or file url ("./", ".", "x/") to a path relative to the site root."""
    url = url or ""
    if url in (".", "./"):
        return ""
    return url.lstrip("/")
