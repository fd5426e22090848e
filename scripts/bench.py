"""Performance benchmark of the built site in headless Chromium: `make bench`.

    python -m site_tooling.bench [--runs 5] [--no-throttle] [--cache-control VALUE] [--out bench]

It builds the site for http://127.0.0.1:<port>/ia-locale-ai-act/ (as the browser tests do),
serves it from a server of its own on 127.0.0.1 only, measures it in Debian's headless
Chromium through Playwright, and writes bench/results.json (every raw sample, medians,
ranges, ratios, targets, the machine) and bench/results.md (a summary table).

Every visit uses a browser profile of its own, so a "cold" visit starts with empty caches; a
repeat visit relaunches the browser on the profile of the first (disk cache, compiled-code
cache), as a returning reader does. Each run measures, in this order:

- content pages (`/`, `en/timeline/`): first contentful paint (Paint Timing), bytes
  transferred, and every request the page and its workers make: none may be under
  `assets/pyodide/`;
- the self-assessment page, first visit: first contentful paint; the first question on screen
  (Element Timing `renderTime` of the `<h3 elementtiming="dt-first-question">` in the HTML);
  engine ready (the widget's `dt-engine-ready` mark: Python and the package loaded, measured
  from navigation start); main-thread long tasks (`longtask` entries) overlapping the engine
  start (`dt-engine-start`, when the widget tells the worker to start its work, to
  `dt-engine-ready`; the worker downloads from `dt-engine-download`, as the page is parsed,
  without working); then a full path of 11 answers, clicked as
  a reader does, timed by the widget's `dt-step` measures (click to the frame after the next
  step is drawn), once every request has its reply. The page's `Worker` is wrapped
  to timestamp each request and reply, which splits a click into request → reply handled
  (worker plus any wait on the main thread) and drawing;
- the same page, repeat visit (browser relaunched on the same profile): engine ready, bytes;
- a bare stock `loadPyodide()` in a module worker (scripts/bare_pyodide/bare.html) with the npm
  package's own files (stock stdlib, default lock), served under /stock/pyodide/: the
  baseline the site's engine start is compared with, in the same run;
- unless --no-throttle, the first and repeat visits again under a 4G-like network emulated
  by Chromium (CDP `Network.emulateNetworkConditions`, see THROTTLE; it applies to the
  worker's fetches too), then a scripted reader on a first visit under the same profile: from
  the moment the first question is painted, one answer every READER_PACE_S seconds along
  READER_ANSWERS (or as soon as the step is on screen, if it is not yet), each click timed in the page
  to the frame after the next step is drawn (`click → next step`; the last one is the wait
  before the result).

Bytes from a gzip-compressing host are computed from the same responses: each file the server
sent whose type such hosts compress (HTML, CSS, JavaScript, JSON, SVG, wasm: see COMPRESSED)
counted as gzip at level 6 plus its headers, the others as sent (the precompressed .gz files
and the snapshot, which is gzip already).

Bytes transferred are counted by the server itself: every byte it writes to the socket,
headers included, per request. On 127.0.0.1 without TLS that is what the browser received;
unlike the page's CDP events or Resource Timing, it includes the worker's fetches, and a file
the browser takes from its cache costs 0. The server is Python's http.server (as in the tests):
no compression, `Last-Modified` and 304 answers to `If-Modified-Since`, and by default the
`Cache-Control: max-age=600` that GitHub Pages, where the site is published, sends
(--cache-control sets another: `no-cache` for a returning reader whose copies have expired,
every file revalidated; `none` for no header, as http.server).

Ratios are computed within each run, then summarised like the other figures: median and
range (min-max) over the runs. A target is judged on the median, except "none" targets
(long tasks, Pyodide requests on content pages), judged on the worst run.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import math
import os
import platform
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from playwright.sync_api import sync_playwright

from decision_tree import share
from decision_tree.paths import follow_answers
from site_tooling import ROOT
from site_tooling.local_site import (  # the browser tests' build, server, Chromium and reader
    ASSESSMENT,
    CHROMIUM,
    CHROMIUM_ARGS,
    QUESTION_GONE,
    SUB_PATH,
    QuietHandler,
    QuietServer,
    build_site,
    current_is_multiple,
    current_question,
    missing_chromium,
    walk,
)

STOCK_PYODIDE = ROOT / "node_modules" / "pyodide"
BARE_PAGE = Path(__file__).resolve().parent / "bare_pyodide"
CONTENT_PAGES = ("", "en/timeline/")
LANG = "fr"
# The reader's path: a chatbot built for others on someone else's model, generating no synthetic
# content (11 answers, keyed by question as the golden cases are: a tree change moves nothing).
READER_ANSWERS = {
    "what-is-it": "ai-system",
    "eu-link": "in-scope",
    "exclusive-purpose": "none",
    "who-are-you": "organisation",
    "activity": "build-for-others",
    "prohibited-practice": "none",
    "use-area": "general-purpose",
    "gpai-integration": "yes",
    "interaction": "yes",
    "generation": "no",
    "licence": "proprietary",
}
VIEWPORT = {"width": 1280, "height": 720}
# 4G-like: 150 ms round trip, 9 Mbit/s down, 1.5 Mbit/s up (CDP takes bytes per second).
THROTTLE = {"offline": False, "latency": 150, "downloadThroughput": 9e6 / 8, "uploadThroughput": 1.5e6 / 8}
TIMEOUT_S = {"page": 60, "engine": 120, "engine_throttled": 300, "quiet": 20}
QUIET_S = 0.5  # the network is settled once the server has seen no request for this long
READER_PACE_S = 2.0  # the scripted reader answers one question every 2 s
# What a compressing host (GitHub Pages, most CDNs) gzips on the fly.
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/wasm")

# Timing of a reader's clicks in the page: each click (capture phase, before the widget's own
# handler) and, in the frame after the widget's screen next changes, that step's paint.
READER_TIMING = """(() => {
  const clicks = (window.benchClicks = []);
  const record = (event) => {
    const target = event.target.closest?.("button.dt-option, .dt-multiple button[type=submit]");
    if (target) clicks.push({ at: performance.now(), drawn: null, result: false });
  };
  addEventListener("click", record, { capture: true });
  addEventListener("DOMContentLoaded", () => {
    const screen = document.querySelector(".dt-screen");
    if (!screen) return;
    new MutationObserver(() => {
      const click = clicks.at(-1);
      if (!click || click.drawn !== null || !screen.querySelector(".dt-step, .dt-result")) return;
      click.drawn = -1; // drawn: painted in the next frame
      requestAnimationFrame(() => {
        click.drawn = performance.now();
        click.result = Boolean(screen.querySelector(".dt-result"));
      });
    }).observe(screen, { childList: true });
  });
})();"""

# Installed before any script of the page runs: buffered observers (long tasks, and the long
# animation frames that attribute them to scripts), and timestamps of the messages to and
# from workers (to split a click's latency into worker and main thread).
OBSERVE = """(() => {
  const seen = (window.benchEntries = { element: [], longtask: [], "long-animation-frame": [] });
  for (const type of Object.keys(seen)) {
    new PerformanceObserver((list) => seen[type].push(...list.getEntries().map((e) => e.toJSON())))
      .observe({ type, buffered: true });
  }
  const messages = (window.benchMessages = []);
  const note = (direction, data) => messages.push({ direction, id: data?.id, at: performance.now() });
  window.Worker = class extends window.Worker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => note("in", data)); // before the page's handler
    }
    postMessage(data, ...rest) {
      note("out", data);
      return super.postMessage(data, ...rest);
    }
  };
})();"""

COLLECT = """() => {
  const mark = (name) => performance.getEntriesByName(name, "mark")[0]?.startTime ?? null;
  const question = window.benchEntries.element.find((e) => e.identifier === "dt-first-question");
  const roundTrip = (sent) => {
    const back = sent && window.benchMessages.find((m) => m.direction === "in" && m.id === sent.id);
    return back ? back.at - sent.at : null;
  };
  return {
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    first_question: question ? question.renderTime || question.loadTime : null,
    engine_start: mark("dt-engine-start") ?? mark("bare-engine-start"),
    engine_ready: mark("dt-engine-ready") ?? mark("bare-engine-ready"),
    long_tasks: window.benchEntries.longtask.map((t) => ({ start: t.startTime, duration: t.duration })),
    // Long animation frames name the scripts that ran in them: what a long task was.
    long_frames: window.benchEntries["long-animation-frame"].map((frame) => ({
      start: frame.startTime, duration: frame.duration, blocking: frame.blockingDuration,
      scripts: frame.scripts.map((script) => ({
        invoker: script.invoker.replaceAll(location.origin, ""), duration: script.duration,
        source: script.sourceURL && new URL(script.sourceURL, location.href).pathname,
      })),
    })),
    steps: performance.getEntriesByName("dt-step", "measure").map((step) => ({
      duration: step.duration,
      reply: roundTrip(window.benchMessages.find((m) => m.direction === "out" && m.at >= step.startTime)),
    })),
    // The widget's first request: the one that may wait for the engine's start.
    first_reply: roundTrip(window.benchMessages.find((m) => m.direction === "out" && m.id !== undefined)),
  };
}"""

# Done when the engine is ready, or failed (the widget shows why; the bare page says so).
ENGINE_SETTLED = """() => performance.getEntriesByName("dt-engine-ready").length
  || performance.getEntriesByName("bare-engine-ready").length
  || document.querySelector(".dt-failure") || window.benchError"""
ENGINE_FAILURE = """() => window.benchError
  || document.querySelector(".dt-failure")?.innerText || null"""
# Every request has its reply: the last step, drawn ahead of the engine, is confirmed by a reply
# that takes longer (the result's timeline and "what decides" are computed then).
ALL_REPLIED = """() => window.benchMessages.filter((m) => m.direction === "out" && m.id !== undefined)
  .every((sent) => window.benchMessages.some((m) => m.direction === "in" && m.id === sent.id))"""
# Two frames later, every dt-step measure (taken in a requestAnimationFrame callback) is in.
TWO_FRAMES = """() => {
  window.benchFramesDone = false;
  requestAnimationFrame(() => requestAnimationFrame(() => { window.benchFramesDone = true; }));
}"""


# --- The server -------------------------------------------------------------------------------


@dataclass
class Served:
    path: str
    status: int
    bytes: int
    body: int = 0  # bytes of the body alone
    type: str = ""
    file: str = ""


class CountingWriter:
    """The response stream, counting what is written to the socket."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def write(self, data) -> int:
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class BenchHandler(QuietHandler):
    """The tests' handler, serving several folders by URL prefix and logging each response."""

    def setup(self):
        super().setup()
        self.wfile = CountingWriter(self.wfile)

    def translate_path(self, path: str) -> str:
        for prefix, folder in self.server.routes:
            if path.startswith(prefix):
                self.directory = str(folder)
                return super().translate_path("/" + path[len(prefix) :])
        return str(Path(self.directory) / "no-such-file")

    def send_response(self, code, message=None):
        self.status = code
        super().send_response(code, message)

    def send_header(self, keyword, value):
        if keyword.lower() == "content-type":
            self.content_type = value
        super().send_header(keyword, value)

    def send_head(self):
        self.file = self.translate_path(self.path.split("?", 1)[0].split("#", 1)[0])
        return super().send_head()

    def end_headers(self):
        if self.server.cache_control and self.status in (200, 304):
            self.send_header("Cache-Control", self.server.cache_control)
        super().end_headers()

    def handle_one_request(self):
        self.status, written = None, self.wfile.count
        self.content_type, self.file = "", ""
        self.server.begin()
        try:
            super().handle_one_request()
        finally:
            status = None if self.status is None else int(self.status)
            sent = self.wfile.count - written
            file = Path(self.file) / "index.html" if self.file and Path(self.file).is_dir() else Path(self.file or ".")
            body = file.stat().st_size if status == 200 and file.is_file() else 0
            self.server.end(Served(getattr(self, "path", "?"), status, sent, body, self.content_type, str(file)))


class BenchServer(QuietServer):
    """127.0.0.1 only; keeps a log of responses, read per visit."""

    def __init__(self, routes: dict[str, Path], cache_control: str | None):
        super().__init__(("127.0.0.1", 0), functools.partial(BenchHandler, directory=str(BARE_PAGE)))
        self.routes = sorted(routes.items(), key=lambda route: -len(route[0]))
        self.cache_control = cache_control
        self.log: list[Served] = []
        self.active, self.last_activity = 0, time.monotonic()
        self.lock = threading.Lock()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def begin(self):
        with self.lock:
            self.active += 1
            self.last_activity = time.monotonic()

    def end(self, served: Served):
        with self.lock:
            self.active -= 1
            self.last_activity = time.monotonic()
            if served.status is not None:
                self.log.append(served)

    def since(self, start: int) -> list[Served]:
        with self.lock:
            return self.log[start:]

    def wait_quiet(self, timeout: float) -> None:
        """Until no request is in flight and none came for QUIET_S seconds (or the timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if not self.active and time.monotonic() - self.last_activity >= QUIET_S:
                    return
            time.sleep(0.05)


@contextmanager
def serving(site: Path, cache_control: str | None):
    server = BenchServer({"/": site, "/stock/": BARE_PAGE, "/stock/pyodide/": STOCK_PYODIDE}, cache_control)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


# --- The browser ------------------------------------------------------------------------------


@contextmanager
def browser_page(playwright, profile: Path, throttle: dict | None = None):
    """A page of Chromium running on `profile` (an empty folder: a first-time visitor)."""
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        viewport=VIEWPORT,
    )
    try:
        context.set_default_timeout(TIMEOUT_S["page"] * 1000)
        context.add_init_script(OBSERVE)
        page = context.pages[0] if context.pages else context.new_page()
        if throttle:
            session = context.new_cdp_session(page)
            session.send("Network.enable")
            session.send("Network.emulateNetworkConditions", throttle)
        yield page
    finally:
        context.close()


@contextmanager
def fresh_profile():
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as folder:
        yield Path(folder)


def visit(page, server: BenchServer, url: str, engine_timeout: float | None = None) -> dict:
    """Open url, wait for its first contentful paint (and its engine, if given a timeout) and
    for the network to settle; returns the page's timings and what was transferred."""
    requested: list[str] = []

    def listener(request):
        requested.append(request.url.removeprefix(server.origin[:-1]))

    page.on("request", listener)
    start = len(server.log)
    page.goto(url, wait_until="load")
    page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length")
    if engine_timeout:
        wait_for_engine(page, engine_timeout)
    server.wait_quiet(TIMEOUT_S["quiet"])
    page.remove_listener("request", listener)
    sample = page.evaluate(COLLECT)
    served = server.since(start)
    sample["bytes"] = sum(response.bytes for response in served)
    sample["bytes_gzip_host"] = bytes_from_gzip_host(served)
    # Each response as sent, without the file it came from (a temporary path on this machine).
    sample["served"] = [{key: value for key, value in vars(response).items() if key != "file"} for response in served]
    sample["requested"] = requested
    return sample


def wait_for_engine(page, timeout: float) -> None:
    page.wait_for_function(ENGINE_SETTLED, timeout=timeout * 1000)
    failure = page.evaluate(ENGINE_FAILURE)
    if failure:
        raise RuntimeError(f"the engine did not start on {page.url}: {failure}")


def click_path(page, answers: dict) -> dict:
    """Answer the questions one click at a time. The widget's dt-step measures
    (click to the frame after the next step is drawn), each with its request → reply time,
    and the request → reply time of the first answer."""
    walk(page, answers)
    page.wait_for_function(ALL_REPLIED, timeout=TIMEOUT_S["quiet"] * 1000)
    page.evaluate(TWO_FRAMES)
    page.wait_for_function("() => window.benchFramesDone")
    sample = page.evaluate(COLLECT)
    return {"steps": sample["steps"], "first_reply": sample["first_reply"]}


# --- One run ----------------------------------------------------------------------------------


def content_page(playwright, server: BenchServer, base: str, path: str) -> dict:
    with fresh_profile() as profile, browser_page(playwright, profile) as page:
        sample = visit(page, server, base + path)
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")  # anything lazy?
        server.wait_quiet(TIMEOUT_S["quiet"])
        later = page.evaluate("() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)")
    everything = sample["requested"] + [response["path"] for response in sample["served"]] + later
    sample["pyodide_requests"] = sorted({url for url in everything if "/assets/pyodide/" in url})
    return sample


def assessment_visits(playwright, server: BenchServer, base: str, throttle: dict | None = None, answer: bool = True) -> dict:
    """First visit (then, if asked, the path of answers), and a repeat visit on the same profile."""
    url = base + ASSESSMENT[LANG]
    timeout = TIMEOUT_S["engine_throttled" if throttle else "engine"]
    visits = {}
    with fresh_profile() as profile:
        with browser_page(playwright, profile, throttle) as page:
            visits["cold"] = visit(page, server, url, timeout)
            if answer:
                visits["clicks"] = click_path(page, READER_ANSWERS)
        with browser_page(playwright, profile, throttle) as page:
            visits["warm"] = visit(page, server, url, timeout)
    return visits


def slow_reader(playwright, server: BenchServer, base: str) -> dict:
    """A first visit under the 4G-like profile, answering READER_ANSWERS at the reader's pace: the time
    of each click to its next step on screen, the engine's readiness, and the first question."""
    with fresh_profile() as profile, browser_page(playwright, profile, THROTTLE) as page:
        page.context.add_init_script(READER_TIMING)
        page.goto(base + ASSESSMENT[LANG], wait_until="domcontentloaded")
        page.wait_for_function("() => window.benchEntries.element.some((e) => e.identifier === 'dt-first-question')")
        next_click = time.monotonic() + READER_PACE_S
        while True:
            # the next step (or a waiting state first, if it has to)
            page.wait_for_selector(".dt-screen .dt-step, .dt-screen .dt-result", timeout=TIMEOUT_S["engine_throttled"] * 1000)
            if (question := current_question(page)) is None:
                break
            choice = READER_ANSWERS[question]
            multiple = not isinstance(choice, str) or current_is_multiple(page)
            target = ".dt-multiple button[type=submit]" if multiple else f".dt-screen button.dt-option[data-option='{choice}']"
            time.sleep(max(0.0, next_click - time.monotonic()))
            for option in ([choice] if isinstance(choice, str) else choice) if multiple else []:
                page.check(f".dt-multiple input[value='{option}']")
            page.click(target)
            page.wait_for_function(QUESTION_GONE, arg=question, timeout=TIMEOUT_S["engine_throttled"] * 1000)
            next_click = time.monotonic() + READER_PACE_S
        page.wait_for_function("() => window.benchClicks.at(-1).drawn > 0", timeout=TIMEOUT_S["engine_throttled"] * 1000)
        sample = page.evaluate(COLLECT)
        clicks = page.evaluate("() => window.benchClicks")
    return {
        "steps": [click["drawn"] - click["at"] for click in clicks],
        "result_drawn": clicks[-1]["result"],
        "engine_ready": sample["engine_ready"],
        "first_question": sample["first_question"],
    }


def bare_pyodide(playwright, server: BenchServer) -> dict:
    with fresh_profile() as profile, browser_page(playwright, profile) as page:
        sample = visit(page, server, server.origin + "stock/bare.html", TIMEOUT_S["engine"])
        sample["pyodide_version"] = page.evaluate("() => window.benchPyodideVersion")
    return sample


def one_run(playwright, server: BenchServer, base: str, throttle: bool) -> dict:
    run = {"load_average": os.getloadavg()}  # other work on the machine shows here
    run["content"] = {"/" + path: content_page(playwright, server, base, path) for path in CONTENT_PAGES}
    run.update(assessment_visits(playwright, server, base))
    run["bare"] = bare_pyodide(playwright, server)
    if throttle:
        run["throttled"] = assessment_visits(playwright, server, base, THROTTLE, answer=False)
        run["reader"] = slow_reader(playwright, server, base)
    return run


# --- Figures ----------------------------------------------------------------------------------


def long_tasks_during_start(visit_sample: dict) -> list[dict]:
    """The long tasks that began between the engine's start and its readiness. The start is
    marked once the page's own start is over (an idle callback, or the end of the task that
    fires `load`, in Chromium at times the DOMContentLoaded task): a long task that began
    before the mark is the theme's start, which the engine waits for, not the engine's work."""
    start, ready = visit_sample["engine_start"], visit_sample["engine_ready"]
    return [task for task in visit_sample["long_tasks"] if start <= task["start"] < ready]


@functools.cache
def gzipped_size(file: str) -> int:
    return len(gzip.compress(Path(file).read_bytes(), compresslevel=6))


def bytes_from_gzip_host(served: list[Served]) -> int:
    """What these responses would weigh from a host that gzips COMPRESSED types."""
    total = 0
    for response in served:
        compressible = response.body and response.type.startswith(COMPRESSED)
        total += response.bytes - response.body + gzipped_size(response.file) if compressible else response.bytes
    return total


def clicks(run: dict, part: str = "duration") -> list[float]:
    return [step[part] for step in run["clicks"]["steps"]]


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def at(*keys: str) -> Callable[[dict], float]:
    """The value under `keys` in one run's samples."""
    return lambda run: functools.reduce(lambda value, key: value[key], keys, run)


def ratio(top: Callable, bottom: Callable) -> Callable[[dict], float]:
    return lambda run: top(run) / bottom(run)


def then(value: Callable, function: Callable) -> Callable[[dict], float]:
    return lambda run: function(value(run))


def scaled(value: Callable, factor: float) -> Callable[[dict], float]:
    return then(value, lambda number: number * factor)


@dataclass
class Figure:
    name: str
    unit: str
    sample: Callable[[dict], float]  # one run -> one value
    at_most: float | None = None  # the target, judged on the median...
    every_run: bool = False  # ...or on the worst run
    throttled: bool = False


def content_figures(page: str) -> list[Figure]:
    return [
        Figure(f"`{page}`: first contentful paint", "ms", at("content", page, "fcp")),
        Figure(f"`{page}`: bytes transferred", "KB", scaled(at("content", page, "bytes"), 1e-3)),
        Figure(
            f"`{page}`: requests under assets/pyodide/",
            "",
            then(at("content", page, "pyodide_requests"), len),
            at_most=0,
            every_run=True,
        ),
    ]


def assessment_figures() -> list[Figure]:
    cold, warm, bare = (at(name, "engine_ready") for name in ("cold", "warm", "bare"))
    question, fcp = at("cold", "first_question"), at("cold", "fcp")
    throttled_cold, throttled_warm = at("throttled", "cold", "engine_ready"), at("throttled", "warm", "engine_ready")
    return [
        Figure("Assessment: first contentful paint", "ms", fcp),
        Figure("Assessment: first question on screen", "ms", question),
        Figure("First question ÷ first contentful paint", "×", ratio(question, fcp), at_most=1.05),
        Figure("Engine start requested (dt-engine-start)", "ms", at("cold", "engine_start")),
        Figure("Engine ready, first visit", "ms", cold),
        Figure("Stock `loadPyodide()` in a module worker", "ms", bare),
        Figure("Engine ready first visit ÷ stock loadPyodide", "×", ratio(cold, bare), at_most=0.5),
        Figure("Engine ready, repeat visit", "ms", warm),
        Figure("Repeat visit ÷ first visit (engine ready)", "×", ratio(warm, cold)),
        Figure(
            "Main-thread long tasks during engine start",
            "",
            then(at("cold"), lambda visit: len(long_tasks_during_start(visit))),
            at_most=0,
            every_run=True,
        ),
        Figure("Click → next step, median of the path", "ms", lambda run: statistics.median(clicks(run)), at_most=16),
        Figure("Click → next step, p95 of the path", "ms", lambda run: percentile(clicks(run), 0.95)),
        Figure("Click → next step: request → reply handled, median", "ms", lambda run: statistics.median(clicks(run, "reply"))),
        Figure("First answer: request → reply handled", "ms", at("clicks", "first_reply")),
        Figure("Bytes transferred, first visit", "MB", scaled(at("cold", "bytes"), 1e-6), at_most=9),
        Figure(
            "Bytes, first visit, from a gzip-compressing host (computed)",
            "MB",
            scaled(at("cold", "bytes_gzip_host"), 1e-6),
        ),
        Figure("Bytes transferred, repeat visit", "KB", scaled(at("warm", "bytes"), 1e-3)),
        Figure("Throttled: first question on screen", "ms", at("throttled", "cold", "first_question"), throttled=True),
        Figure("Throttled: engine ready, first visit", "ms", throttled_cold, at_most=8000, throttled=True),
        Figure("Throttled: engine ready, repeat visit", "ms", throttled_warm, throttled=True),
        Figure(
            "Throttled: repeat ÷ first visit (engine ready)",
            "×",
            ratio(throttled_warm, throttled_cold),
            at_most=0.1,
            throttled=True,
        ),
        Figure(
            f"Throttled reader (an answer every {READER_PACE_S:g} s): slowest click → next question",
            "ms",
            lambda run: max(run["reader"]["steps"][:-1]),
            at_most=50,
            throttled=True,
        ),
        Figure(
            "Throttled reader: click → result on screen (the wait before the result)",
            "ms",
            lambda run: run["reader"]["steps"][-1],
            at_most=1000,
            throttled=True,
        ),
        Figure("Throttled reader: engine ready (from navigation)", "ms", at("reader", "engine_ready"), throttled=True),
    ]


def summarise(figure: Figure, runs: list[dict]) -> dict:
    samples = [figure.sample(run) for run in runs]
    summary = {
        "figure": figure.name,
        "unit": figure.unit,
        "samples": samples,
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
    }
    if figure.at_most is not None:
        judged = summary["max"] if figure.every_run else summary["median"]
        summary.update(
            target=figure.at_most, judged_on="worst run" if figure.every_run else "median", met=judged <= figure.at_most
        )
    return summary


# --- Report -----------------------------------------------------------------------------------


def machine(playwright_version: str, chromium_version: str, pyodide_version: str | None) -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), platform.processor()
    )
    package = json.loads((STOCK_PYODIDE / "package.json").read_text())
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "os": f"{platform.system()} {platform.machine()}",
        "chromium": chromium_version,
        "playwright": playwright_version,
        "pyodide": package["version"],
        "pyodide_reported_by_browser": pyodide_version,
        "python": platform.python_version(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def throttle_profile() -> str:
    down, up = (THROTTLE[key] * 8 / 1e6 for key in ("downloadThroughput", "uploadThroughput"))
    return f"{THROTTLE['latency']} ms latency, {down:g} Mbit/s down, {up:g} Mbit/s up (CDP network emulation)"


def number(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 10 else f"{value:,.0f}"


def markdown(results: dict) -> str:
    m, s = results["machine"], results["settings"]
    lines = [
        "# Performance benchmark",
        "",
        f"`make bench` on {m['date'][:10]}: {m['cpu_count']} × {m['cpu_model']}, {m['chromium']} (headless), "
        f"Pyodide {m['pyodide']}. Median and range (min–max) over {s['runs']} runs; ratios computed within each run. "
        f"Server: Python's http.server on 127.0.0.1, no compression, Cache-Control: {s['cache_control'] or 'none'}. "
        f"Bytes: counted by the server, headers included. Throttled (4G-like): {s['throttle_profile']}. "
        f"Load average (1 min) at the start of each run: {', '.join(f'{load:.1f}' for load in s['load_average'])}.",
        "",
        "| Figure | Median | Range | Target | Met? |",
        "|---|---:|---:|---|---|",
    ]
    for row in results["figures"]:
        unit = f" {row['unit']}" if row["unit"] else ""
        target = (
            f"≤ {number(row['target'])}{unit}" + (" (every run)" if row["judged_on"] == "worst run" else "")
            if "target" in row
            else "—"
        )
        met = ("yes" if row["met"] else "**no**") if "met" in row else "—"
        lines.append(
            f"| {row['figure']} | {number(row['median'])}{unit} | {number(row['min'])}–{number(row['max'])} | {target} | {met} |"
        )
    return "\n".join(lines) + "\n"


def write(results: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    (out / "results.md").write_text(markdown(results))


def chromium_version(playwright) -> str:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        return f"Chromium {browser.version}"
    finally:
        browser.close()


# --- Main -------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--no-throttle", action="store_true", help="skip the 4G-like visits")
    parser.add_argument(
        "--cache-control",
        default="max-age=600",
        help="the Cache-Control header of every response (default: max-age=600, as GitHub Pages; none: no header)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench", help="output folder (default bench/)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main() -> None:
    args = arguments()
    if missing_chromium():
        raise SystemExit(missing_chromium())
    path = share.encode(follow_answers(READER_ANSWERS, LANG))  # the answers still fit the tree (or this fails at once)
    throttle = not args.no_throttle
    cache_control = None if args.cache_control == "none" else args.cache_control
    with tempfile.TemporaryDirectory(prefix="bench-site-") as folder, serving(Path(folder), cache_control) as server:
        base = f"{server.origin}{SUB_PATH}/"
        print("building the site…", flush=True)
        try:
            build_site(Path(folder) / SUB_PATH, base)
        except subprocess.CalledProcessError as failed:
            raise SystemExit(f"the site does not build:\n{failed.stderr[-3000:]}") from None
        runs = []
        with sync_playwright() as playwright:
            for index in range(args.runs):
                print(f"run {index + 1}/{args.runs}…", flush=True)
                runs.append(one_run(playwright, server, base, throttle))
            chromium = chromium_version(playwright)
    every = [figure for page in CONTENT_PAGES for figure in content_figures("/" + page)] + assessment_figures()
    selected = [figure for figure in every if throttle or not figure.throttled]
    results = {
        "machine": machine(version("playwright"), chromium, runs[0]["bare"]["pyodide_version"]),
        "settings": {
            "runs": args.runs,
            "language": LANG,
            "content_pages": ["/" + path for path in CONTENT_PAGES],
            "path": path,
            "viewport": VIEWPORT,
            "cache_control": cache_control,
            "throttle_profile": throttle_profile() if throttle else "not measured",
            "throttle_cdp": THROTTLE if throttle else None,
            "load_average": [run["load_average"][0] for run in runs],
        },
        "figures": [summarise(figure, runs) for figure in selected],
        "runs": runs,
    }
    write(results, args.out)
    print(markdown(results))


if __name__ == "__main__":
    main()
