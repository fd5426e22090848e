"""The assessment's mount point, rendered at build time: its strings and its first question.

The first question is plain HTML from the engine's own view, so it is readable (and, as links
into the static version, answerable) before any script runs; the page's script turns its links
into buttons and starts Pyodide when needed. The first steps after it ship with the page too
(decision_tree.early: the engine's views, computed by the build), so that a reader's first
answers are drawn at once while the engine downloads. `root` is the relative URL of the site root.
"""

from __future__ import annotations

import json
from html import escape

from . import engine, views
from .early import early_steps
from .model import Tree, load_tree
from .render_static import anchor
from .wording import colon, heading

# Interface strings the page needs, besides the [widget] table.
_UI_KEYS = (
    "why",
    "help",
    "sources",
    "verdict",
    "decisive",
    "roles",
    "notes",
    "answers",
    "who",
    "continue_with",
    "no_obligations",
    "none_role",
    "not_legal_advice",
    "choose_all",
    "analysis",
    "review",
    "info",
    "site_name",
    "timeline",
)


# A share link in the address (answers after "#eval=") hides the first question from the first
# paint (the widget shows the link's step instead once the engine has replayed it); if the
# widget's script never runs, the question comes back after a few seconds. Inline, so it runs
# before the first paint; the site's Content-Security-Policy allows it by its hash.
REPLAY_GUARD = (
    'if(location.hash.indexOf("#eval=")===0&&location.hash.length>6){'
    'var w=document.currentScript.parentNode;w.classList.add("dt-replaying");'
    'setTimeout(function(){if(!w.classList.contains("dt-live"))w.classList.remove("dt-replaying")},4000)}'
)


# The engine's worker starts as soon as the parser meets the widget (just before it; like any
# script, once the stylesheets of the page's <head> are in), long before the page's other scripts
# and the widget's modules arrive on a slow connection. It only downloads until the widget's engine
# client takes it over (engine-client.js: its messages so far are kept for it) and tells it to
# start. Without module workers or WebAssembly, nothing starts here and the widget says why.
# Until the widget's module turns the first question's links into buttons, a click on one is
# kept (`dtEarlyChoice`, the latest wins) and said to be, instead of leaving for the version
# without JavaScript; once the page has loaded without the module, the links work as links.
EARLY_START = (
    '(function(){document.addEventListener("click",function(e){'
    'var a=e.target.closest&&e.target.closest(".dt-screen a.dt-option");'
    'if(!a||document.readyState==="complete")return;e.preventDefault();window.dtEarlyChoice=a.dataset.option;'
    'var o=document.querySelectorAll(".dt-screen a.dt-option");for(var i=0;i<o.length;i++)o[i].removeAttribute("data-chosen");'
    'a.setAttribute("data-chosen","");var s=document.querySelector(".dt-widget .dt-status"),'
    'j=document.querySelector(".dt-widget .dt-strings");if(s&&j)s.textContent=JSON.parse(j.textContent).queued},true);'
    'if(typeof WebAssembly!=="object")return;'
    'try{var w=new Worker(document.currentScript.dataset.worker,{type:"module"}),q=[];performance.mark("dt-engine-download");'
    "w.onmessage=function(e){q.push(e.data)};w.onerror=function(e){e.preventDefault();q.push({crashed:true})};"
    "window.dtEarlyEngine={worker:w,messages:q}}catch(e){}})()"
)


def strings(lang: str, tree: Tree) -> dict[str, str]:
    texts = {key: text[lang] for key, text in tree.widget.items()}
    texts.update({key: tree.ui[key][lang] for key in _UI_KEYS})
    texts.update({f"error_{code}": text[lang] for code, text in tree.errors.items()})  # before Python runs
    texts["colon"] = colon(lang, tree)
    return texts


# The widget's stylesheet belongs in the page's <head> (the site hook puts it there): linked
# from the body, it would be discovered late and hold back the first question's paint.
STYLESHEET = "assets/assessment/assessment.css"
# The screen holding the first question: the page's first paint waits for it (the site hook).
SCREEN_ID = "dt-screen"
# The modules widget.js imports (directly or not), preloaded from the page's <head> (the site
# hook) so that they do not wait for widget.js to arrive before they are requested.
WIDGET_IMPORTS = ("dom.js", "engine-client.js", "page-links.js", "screens.js")


def render_mount(lang: str, root: str, tree: Tree | None = None) -> str:
    tree = tree or load_tree()
    payload = _json(strings(lang, tree))
    return (
        f'<script data-worker="{escape(root)}assets/assessment/worker.js">{EARLY_START}</script>\n'
        f'<div class="dt-widget" data-lang="{lang}" data-root="{escape(root)}">\n'
        f'<script type="application/json" class="dt-strings">{payload}</script>\n'
        f'<script class="dt-replay-guard">{REPLAY_GUARD}</script>\n'
        f'<noscript><p class="dt-noscript">{escape(tree.widget["noscript"][lang])} '
        f'<a href="#static-tree">{escape(tree.widget["static_link"][lang])}</a></p></noscript>\n'
        f'<div class="dt-announce dt-visually-hidden" role="status" aria-live="polite"></div>\n'
        f'<p class="dt-loading">{escape(tree.widget["replaying"][lang])}</p>\n'
        f'<div class="dt-screen" id="{SCREEN_ID}">\n{first_question(lang, tree)}\n</div>\n'
        # The status line and the download bar: after the screen, so that neither moves the
        # question when it appears or goes; kept in view together while an answer waits.
        f'<div class="dt-waiting"><div class="dt-status" role="status" aria-live="polite"></div>\n'
        f"{download_progress(lang, tree)}</div>\n"
        # After the first question, so that it does not delay its paint.
        f'<script type="application/json" class="dt-early">{_json(early_steps(lang, tree))}</script>\n'
        f"</div>\n"
        # `async`: the widget runs as soon as it has arrived, the parser being past its mount, not
        # once the whole page (its no-JavaScript tree, ≈ 300 KB) and the theme's script are in:
        # on a slow connection, tens of seconds in which an answer could only be kept.
        f'<script type="module" async src="{escape(root)}assets/assessment/widget.js"></script>\n'
    )


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def download_progress(lang: str, tree: Tree) -> str:
    """Shown while the engine downloads: a bar and its figures (drawn often), and a polite
    announcement that the script updates only every quarter (screen readers hear four)."""
    label = escape(tree.widget["download_label"][lang])
    return (
        '<div class="dt-download" hidden>'
        f'<label><span class="dt-download-label">{label}</span> '
        '<progress class="dt-download-bar" max="100"></progress></label> '
        '<span class="dt-download-figures" aria-hidden="true"></span>'
        '<span class="dt-download-announce dt-visually-hidden" role="status" aria-live="polite"></span>'
        "</div>"
    )


def first_question(lang: str, tree: Tree) -> str:
    """The first step as the script would draw it; options link to the static version."""
    view = views.question_view(engine.start(lang, tree), tree)
    question = tree.questions[view["id"]]
    cited = ", ".join(f'<a href="{escape(c["url"])}">{escape(c["label"])}</a>' for c in view["citations"])
    options = "\n".join(
        f'<li><a class="dt-option" data-option="{option["id"]}" '
        f'href="#{anchor(_target(question, option["id"], tree))}">{escape(option["label"])}</a></li>'
        for option in view["options"]
    )
    progress = tree.widget["progress"][lang].format(n=1, m=view["progress"]["at_most"])
    return (
        f'<section class="dt-step" data-question="{view["id"]}" aria-labelledby="dt-question-title">\n'
        '<h3 class="dt-question" id="dt-question-title" tabindex="-1" elementtiming="dt-first-question">'
        f"{escape(view['text'])}</h3>\n"
        f'<p class="dt-progress">{escape(progress)}</p>\n'
        f'<details class="dt-help"><summary>{escape(tree.ui["why"][lang])}</summary><p>{escape(view["why"])}</p></details>\n'
        f'<details class="dt-help"><summary>{escape(tree.ui["help"][lang])}</summary><p>{escape(view["help"])}</p>'
        f"<p>{escape(heading('sources', lang, tree))} {cited}</p></details>\n"
        f'<p class="dt-hint">{escape(tree.widget["first_question_hint"][lang])}</p>\n'
        f'<ul class="dt-options">\n{options}\n</ul>\n'
        f"</section>"
    )


def _target(question, option_id: str, tree: Tree) -> str:
    """Where the option leads in the static version: the next question when it does not depend
    on earlier answers, else this question's own section (which lists the branches)."""
    branches = question.option(option_id).next or question.next
    if len(branches) == 1 and branches[0].goto not in tree.routes:
        return branches[0].goto
    return question.id
