"""Helpers shared by the site's MkDocs hooks (not a hook itself).

MkDocs puts a hook's folder on sys.path while it imports the hook, so the hooks next
to this file can `import site_hooks_common`.
"""

from __future__ import annotations

import importlib
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_LANGUAGE = "fr"
LANGUAGES = ("fr", "en")
# OpenGraph locales: French of France, British English (EU English).
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}

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


def format_date(day: date, lang: str) -> str:
    """The date as the package writes it (month names from its catalogue)."""
    return importlib.import_module("decision_tree.engine").format_date(day, lang)


def _ensure_importable(config) -> None:
    """The project's package is installed in the virtualenv; fall back to the repository."""
    try:
        importlib.import_module("decision_tree")
    except ImportError:
        repo_root = str(Path(config.config_file_path).resolve().parent)
        if repo_root not in sys.path:
            sys.path.insert(0, repo_root)


def legal_basis(config):
    """decision_tree.legal_basis.legal_basis(): the dates the legal content stands on."""
    _ensure_importable(config)
    return importlib.import_module("decision_tree.legal_basis").legal_basis()
