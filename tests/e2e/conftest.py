"""Browser tests: the real built site, served over HTTP on 127.0.0.1 under a project sub-path
(as on GitHub Pages), driven in Debian's headless Chromium through Playwright."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUB_PATH = "ia-locale-ai-act"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the networking flags Chromium keeps trying to reach its own services.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (make test installs it)", allow_module_level=True)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser aborting a download (the tests block some on purpose) is not an error


def build_site(base_url: str, served: Path) -> None:
    """`mkdocs build --strict` for `base_url`, into the sub-path folder of `served`
    (shared with the benchmark). Raises CalledProcessError with MkDocs' output."""
    env = {**os.environ, "SITE_URL": base_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(served / SUB_PATH)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the site for http://127.0.0.1:<port>/ia-locale-ai-act/ and serve it there."""
    served = tmp_path_factory.mktemp("served")
    handler = functools.partial(QuietHandler, directory=str(served))
    server = QuietServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    build_site(base, served)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page plus what it did: requests, console errors, uncaught exceptions."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.base).netloc
        return [url for url in self.requests if urlsplit(url).netloc != own and not url.startswith(("data:", "blob:"))]


@pytest.fixture
def watched(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(60000)
    yield Watched(page, site)
    context.close()
