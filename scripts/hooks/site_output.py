"""MkDocs hook: what the built site serves besides its pages' content.

Runs once both languages are built (the i18n plugin builds French, then English into the same
folder, then writes one search index for both), over every HTML file of the site:

- **Search per language.** `search/search_index.json` is split: French pages stay in
  `search/search_index.json`, English pages go to `en/search/search_index.json` (locations
  relative to `en/`), each with its own lunr language. English pages get `en/` as Material's
  base URL, which Material only uses to find the index and to resolve result links, so each
  language searches its own pages. Every page's Material configuration points the search
  worker to `assets/javascripts/workers/search-i18n.js` (from `overrides/`: accent folding and
  stemming, and Material's worker loaded only when the index arrives), and
  `assets/javascripts/search-defer.js` holds the index download until the reader opens the
  search.
- **404 per language.** The English build's 404 page is kept as `en/404.html`; the root
  `404.html` stays the French build (GitHub Pages serves it for any missing address, and
  `assets/javascripts/not-found.js` shows the English one for a missing English address).
- **Content-Security-Policy** as a `<meta http-equiv>` at the top of every page: scripts from
  the site only, plus the sha256 of each inline script Material writes (computed here, from the
  HTML as built); `'wasm-unsafe-eval'` only on the pages holding the assessment (Pyodide).
- **Subresource Integrity** (`integrity="sha384-..."`) on every script the pages load. A script
  whose file name does not already carry its content hash (Material's do) gets `?v=<hash>`
  appended, so a cached copy of an older version is never checked against the new hash: the
  URL changes when the content does, and only then.

Standalone on purpose: it imports nothing from the other hooks. `mkdocs serve` injects its
live-reload script into each page it serves, so under `serve` inline scripts are allowed
(`'unsafe-inline'`) instead of listed by hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

from site_tooling.hooks.common import DEFAULT_LANGUAGE, current_language

log = logging.getLogger("mkdocs.hooks.site_output")

# Languages lunr (Material's search) has a stemmer for here; others fall back to English.
SEARCH_LANGUAGES = {"fr", "en"}
SEARCH_WORKER = "search-i18n.js"
ASSESSMENT_MARKER = 'class="dt-widget"'

_commands: dict[str, str] = {}
_not_found: dict[str, str] = {}  # language -> its build's 404 page, until the final pass

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"", re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?m?js$")
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def on_startup(command, dirty):
    _commands["current"] = command


def on_post_template(output_content, template_name, config):
    """Keep each non-default language's 404 page: every build writes the root 404.html."""
    lang = current_language(config)
    if template_name == "404.html" and lang != DEFAULT_LANGUAGE:
        _not_found[lang] = output_content
    return output_content


@event_priority(-150)  # after the i18n plugin's post_build (-100), which builds the other languages
def on_post_build(config):
    plugin = config.plugins.get("i18n")
    if plugin is not None and getattr(plugin, "building", False):
        return  # a language built from inside the i18n plugin: the outer build finishes the site
    site = Path(config.site_dir)
    for lang, page in sorted(_not_found.items()):
        target = site / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    _not_found.clear()
    split_search_index(site)
    serving = _commands.get("current") == "serve"
    root = urlsplit(config.site_url or "/").path or "/"
    root = root if root.endswith("/") else root + "/"
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        finished = finish_page(text, page, site, root, serving=serving)
        if finished != text:
            page.write_text(finished, encoding="utf-8")


# --------------------------------------------------------------------------- search


def split_search_index(site: Path) -> None:
    """One index per language, each in its language's folder, with its own lunr language."""
    index_file = site / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    languages = [lang for lang in index["config"].get("lang", []) if lang != DEFAULT_LANGUAGE]
    parts: dict[str, list] = {DEFAULT_LANGUAGE: []}
    for lang in languages:
        parts[lang] = []
    for doc in index["docs"]:
        owner = next((lang for lang in languages if doc["location"].startswith(f"{lang}/")), DEFAULT_LANGUAGE)
        if owner != DEFAULT_LANGUAGE:
            doc = {**doc, "location": doc["location"][len(owner) + 1 :]}
        parts[owner].append(doc)
    for lang, docs in parts.items():
        config = {**index["config"], "lang": [lang] if lang in SEARCH_LANGUAGES else ["en"]}
        folder = site / "search" if lang == DEFAULT_LANGUAGE else site / lang / "search"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "search_index.json").write_text(
            json.dumps({**index, "config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )


def _material_config(text: str, page_lang: str, page: Path, site: Path) -> str:
    """Material's JSON configuration: the language's search base and our search worker."""
    match = _CONFIG.search(text)
    if match is None:
        return text
    config = json.loads(match.group(2))
    if page_lang != DEFAULT_LANGUAGE and (site / page_lang / "search" / "search_index.json").is_file():
        config["base"] = f"{config['base'].rstrip('/')}/{page_lang}/"
    worker = config.get("search") or ""
    folder, _, name = worker.rpartition("/")
    wrapper = site / "assets" / "javascripts" / "workers" / SEARCH_WORKER
    if name and name != SEARCH_WORKER and wrapper.is_file():
        config["search"] = f"{folder}/{SEARCH_WORKER}?worker={name}&v={_short_hash(wrapper.read_bytes())}"
    payload = json.dumps(config, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return text[: match.start(2)] + payload + text[match.end(2) :]


# --------------------------------------------------------------------------- CSP and SRI


def finish_page(text: str, page: Path, site: Path, root: str = "/", serving: bool = False) -> str:
    """The page with Material's configuration set, SRI on its scripts and the CSP in <head>.
    `root` is the URL path of the site root ("/ia-locale-ai-act/"), for absolute script URLs."""
    lang_match = _HTML_LANG.search(text)
    page_lang = lang_match.group(1) if lang_match else DEFAULT_LANGUAGE
    text = _material_config(text, page_lang, page, site)
    text = _SCRIPT.sub(lambda m: _with_integrity(m, page, site, root), text)
    policy = content_security_policy(text, serving=serving)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">'
    text = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    charset = _CHARSET.search(text)
    if charset is not None:
        return text[: charset.end()] + "\n  " + meta + text[charset.end() :]
    return text.replace("<head>", "<head>\n  " + meta, 1)


def _attributes(raw: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(next((g for g in m.groups()[1:] if g is not None), "")) for m in _ATTR.finditer(raw)
    }


def _is_executable(attributes: dict[str, str]) -> bool:
    return attributes.get("type", "").strip().lower() in _EXECUTABLE_TYPES


def inline_script_hashes(text: str) -> list[str]:
    """sha256 sources of the inline scripts the browser runs (JSON blocks are data)."""
    hashes = []
    for match in _SCRIPT.finditer(text):
        attributes = _attributes(match.group(1))
        if "src" in attributes or not _is_executable(attributes):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group(2).encode("utf-8")).digest()).decode()
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def content_security_policy(text: str, serving: bool = False) -> str:
    scripts = ["'self'"]
    scripts += ["'unsafe-inline'"] if serving else inline_script_hashes(text)
    if ASSESSMENT_MARKER in text:
        scripts.append("'wasm-unsafe-eval'")  # Pyodide compiles its WebAssembly
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(scripts),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ]
    return "; ".join(directives)


def _short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _local_file(src: str, page: Path, site: Path, root: str) -> Path | None:
    """The built file a script's URL points to (None if it is not in the site)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    if path.startswith("/"):
        if not path.startswith(root):
            return None
        target = site / path[len(root) :]
    else:
        target = page.parent / path
    try:
        target = target.resolve()
        target.relative_to(site.resolve())
    except ValueError:
        return None
    return target if target.is_file() else None


def _with_integrity(match: re.Match, page: Path, site: Path, root: str) -> str:
    raw, body = match.group(1), match.group(2)
    attributes = _attributes(raw)
    src = attributes.get("src")
    if not src or "integrity" in attributes:
        return match.group(0)
    file = _local_file(src, page, site, root)
    if file is None:
        return match.group(0)
    data = file.read_bytes()
    digest = base64.b64encode(hashlib.sha384(data).digest()).decode()
    new_src = src
    if not _HASHED_NAME.search(urlsplit(src).path) and "?" not in src:
        new_src = f"{src}?v={_short_hash(data)}"
    raw = re.sub(r"""\bsrc\s*=\s*(["'])[^"']*\1""", f'src="{html.escape(new_src)}"', raw, count=1)
    return f'<script{raw} integrity="sha384-{digest}">{body}</script>'
