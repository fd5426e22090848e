"""MkDocs hook: the self-assessment in the pages, and its Pyodide assets in the build.

Why a hook plus fences: the mount point belongs in the Markdown (```assessment and
```decision-tree fences, whose body is the page language), while checking the tree, fixing the
relative URL of the site root per page, and building the Pyodide assets are build steps. The
hook registers the fences itself, so mkdocs.yml needs no importable Python path.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from decision_tree import check, load_tree
from decision_tree.render_static import render_html
from decision_tree.resources import read_json, read_toml
from decision_tree.render_widget import render_mount

SITE_ROOT = "@@site-root@@"  # replaced per page by the relative URL of the site root
_BUILDER = Path(__file__).resolve().parents[1] / "build_pyodide_assets.py"


def on_config(config):
    for cached in (load_tree, read_toml, read_json):  # `mkdocs serve` rebuilds in one process
        cached.cache_clear()
    check(load_tree())  # a broken tree fails the build, naming the entry at fault
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = superfences.setdefault("custom_fences", [])
    if not any(fence["name"] == "assessment" for fence in fences):
        fences.append({"name": "assessment", "class": "assessment", "format": _assessment})
        fences.append({"name": "decision-tree", "class": "decision-tree", "format": _static_tree})
    return config


def _language(source: str) -> str:
    lang = source.strip()
    if lang not in ("fr", "en"):
        raise ValueError(f"an assessment fence holds the page language (fr or en), not {lang!r}")
    return lang


def _assessment(source, language, css_class, options, md, **kwargs):
    return render_mount(_language(source), SITE_ROOT)


def _static_tree(source, language, css_class, options, md, **kwargs):
    return render_html(_language(source))


def on_post_page(output, page, config):
    if SITE_ROOT not in output:
        return output
    root = "../" * page.url.count("/") or "./"
    return output.replace(SITE_ROOT, root)


def on_post_build(config):
    spec = importlib.util.spec_from_file_location("build_pyodide_assets", _BUILDER)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    builder.build(Path(config.site_dir) / "assets" / "pyodide")
