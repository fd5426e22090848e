"""The built site as a reader gets it, on this machine: build it, serve it, open it in Chromium.

Shared by the docs tests (tests/docs), the browser tests (tests/e2e) and the benchmark
(scripts/bench.py), so all of them measure and check the same build.

- `build_site()` runs `mkdocs build --strict` in a subprocess (as `make build` does), for a
  given `site_url`, into a given folder (served under SUB_PATH: `served / SUB_PATH`).
- The browser tests and the benchmark serve the site under a project sub-path, as GitHub
  Pages does (`http://127.0.0.1:<port>/ia-locale-ai-act/`), with Python's http.server
  (`QuietHandler`, `QuietServer`, `serving()`).
- They drive Debian's headless Chromium (`CHROMIUM`, `CHROMIUM_ARGS`): Playwright cannot
  download its own browsers here.
- `walk()` answers the assessment as a reader does, one click at a time (the benchmark times
  it; tests/e2e/steps.py holds the browser tests' finer-grained steps, on the same markup).
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from site_tooling import ROOT

CONFIG = ROOT / "mkdocs.yml"
SUB_PATH = "ia-locale-ai-act"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the networking flags Chromium keeps trying to reach its own services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUILD_TIMEOUT_S = 600


def build_site(
    site_dir: Path, site_url: str | None = None, config_file: Path = CONFIG, check: bool = True
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict --clean` of `config_file` into `site_dir`, for `site_url` (the
    SITE_URL variable mkdocs.yml reads; its default when None). With `check`, a failed build
    raises CalledProcessError carrying MkDocs' output; else the caller reads `returncode`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "--config-file",
            str(config_file),
            "--site-dir",
            str(site_dir),
        ],
        cwd=ROOT,
        env=env,
        check=check,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser aborting a download (the tests block some on purpose) is not an error


@contextmanager
def serving(served: Path) -> Iterator[str]:
    """Serve `served` on 127.0.0.1 (a free port) while the block runs; yields the base URL of
    the site under its sub-path: http://127.0.0.1:<port>/ia-locale-ai-act/."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    finally:
        server.shutdown()
        server.server_close()


def missing_chromium() -> str | None:
    """Why the browser cannot run, or None if it can."""
    if Path(CHROMIUM).exists():
        return None
    return f"no Chromium at {CHROMIUM} (make test installs it, or set CHROMIUM=/path/to/chromium)"


# --- The reader on the assessment page (a Playwright page) -------------------------------------

ASSESSMENT = {"fr": "self-assessment/", "en": "en/self-assessment/"}
_CURRENT_QUESTION = "document.querySelector('.dt-screen .dt-step')?.dataset.question ?? null"
QUESTION_GONE = "q => !document.querySelector(`.dt-screen .dt-step[data-question='${q}']`)"


def answer(page, choice: str | list[str]) -> None:
    """Answer the question on screen and wait until the next step replaces it."""
    question = current_question(page)
    if isinstance(choice, list):
        for option in choice:
            page.check(f".dt-multiple input[value='{option}']")
        page.click(".dt-multiple button[type=submit]")
    else:
        page.click(f".dt-screen button.dt-option[data-option='{choice}']")
    page.wait_for_function(QUESTION_GONE, arg=question)


def current_question(page) -> str | None:
    return page.evaluate(_CURRENT_QUESTION)


def current_is_multiple(page) -> bool:
    return page.locator(".dt-screen .dt-multiple").count() > 0


def walk(page, answers: Mapping[str, str | list[str]]) -> None:
    """Answer the questions through the interface, in the order the page asks them (answers
    keyed by question id, as the golden cases write them: a tree change moves nothing)."""
    while (question := current_question(page)) is not None:
        choice = answers[question]
        answer(page, [choice] if isinstance(choice, str) and current_is_multiple(page) else choice)
