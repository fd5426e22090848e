"""MkDocs hook: the self-assessment in the pages, and its Pyodide assets in the build.

Why a hook plus fences: the mount point belongs in the Markdown (```assessment and
```decision-tree fences, whose body is the page language), while checking the tree, fixing the
relative URL of the site root per page, and building the Pyodide assets are build steps. The
hook registers the fences itself, so mkdocs.yml names no Python function (`!!python/name:`).

What a build repeats is kept small, so that `mkdocs serve` rebuilds a docs edit in a few
seconds: the tree is checked once per version of the package (site_tooling.tree_check), not
once per language build, and the Pyodide assets are built once per version
(build/pyodide-assets/), in the background while the pages are built, and linked into the
site rather than copied.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from decision_tree.model import load_tree
from decision_tree.render_static import render_html
from decision_tree.render_widget import SCREEN_ID, STYLESHEET, WIDGET_IMPORTS, render_mount
from site_tooling import build_pyodide_assets, tree_check

SITE_ROOT = "@@site-root@@"  # replaced per page by the relative URL of the site root


def on_config(config):
    build_pyodide_assets.start()  # in the background, if this version of the package needs them
    tree_check.before_build()  # a broken tree fails the build, naming the entry at fault
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
    """Open for readers without JavaScript; the widget folds it (page-links.js)."""
    lang = _language(source)
    summary = load_tree().ui["static_summary"][lang]
    return f'<details class="dt-static-frame" open>\n<summary>{escape(summary)}</summary>\n{render_html(lang)}</details>'


# The page's first paint should show the first question, not the header alone: the widget's
# stylesheet goes before the head's first script, where the parser requests it with the theme's
# (at the end of the head, the browser requested it only once the theme's stylesheets had
# arrived and the parser got there), and the first paint waits until the parser has
# parsed the first question and its options (`rel=expect`: ≈ 33 KB into the page). The widget's
# imports are requested with them, before the engine's downloads take the connection.
HEAD_LINKS = (
    f'<link rel="stylesheet" href="{SITE_ROOT}{STYLESHEET}">\n<link rel="expect" href="#{SCREEN_ID}" blocking="render">\n'
    + "".join(f'<link rel="modulepreload" href="{SITE_ROOT}assets/assessment/{name}">\n' for name in WIDGET_IMPORTS)
)


def on_post_page(output, page, config):
    if SITE_ROOT not in output:
        return output
    root = "../" * page.url.count("/") or "./"
    head_end = output.index("</head>")
    first_script = output.find("<script", 0, head_end)
    at = head_end if first_script == -1 else first_script
    output = output[:at] + HEAD_LINKS + output[at:]
    return output.replace(SITE_ROOT, root)


def on_post_build(config):  # once per language build, into the same folder: the second finds it done
    build_pyodide_assets.build(Path(config.site_dir) / "assets" / "pyodide")
