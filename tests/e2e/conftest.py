"""Browser tests: the real built site, served over HTTP on 127.0.0.1 under a project sub-path
(as on GitHub Pages), driven in Debian's headless Chromium through Playwright. The build, the
server and the browser's settings are the benchmark's too (site_tooling.local_site)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from site_tooling.local_site import CHROMIUM, CHROMIUM_ARGS, SUB_PATH, build_site, missing_chromium, serving
from steps import new_context

if missing_chromium():
    pytest.skip(missing_chromium(), allow_module_level=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the site for http://127.0.0.1:<port>/ia-locale-ai-act/ and serve it there."""
    served = tmp_path_factory.mktemp("served")
    with serving(served) as base:
        build_site(served / SUB_PATH, base)
        yield base


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
    context = new_context(browser)
    page = context.new_page()
    page.set_default_timeout(60000)
    yield Watched(page, site)
    context.close()
