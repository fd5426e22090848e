// The in-page self-assessment: sends the reader's clicks to the decision_tree package (run by
// Pyodide in a module Web Worker, see engine-client.js) and draws what it returns (screens.js).
// It holds no legal logic. The answers live in the URL fragment (#eval=<token>), which
// browsers never send to a server: each answer is a history entry, so Back and Forward step
// through the questions, a reload keeps the state, and a link pasted in the same tab is
// followed. Python starts when the widget comes near the viewport or on the first click;
// answers given before it is ready (or before a failed start is retried) are kept. The first
// steps ship with the page (decision_tree/early.py): answers that lead to them are drawn at
// once, before the engine runs, and the engine confirms the step on screen once it does.

import { element } from "./dom.js";
import { EngineClient } from "./engine-client.js";
import { foldStaticTree, keepAnswersOnSectionLinks, openStaticTree } from "./page-links.js";
import { errorScreen, failureScreen, fillDetails, questionScreen, resultScreen } from "./screens.js";

const HASH = "#eval=";
const MINE = "&mine="; // keep-fragment.js writes the same
const NOTHING_LATE = () => ({});
const RUNTIME_ERRORS = ["internal", "bad-request"]; // the page's fault, not the reader's
const SLOW_DOWNLOAD_MS = 30000; // download time still to go beyond which a waiting answer is told of the version without JavaScript

class Assessment {
  constructor(root) {
    this.root = root;
    this.lang = root.dataset.lang;
    this.t = JSON.parse(root.querySelector(".dt-strings").textContent);
    this.status = root.querySelector(".dt-status");
    this.announcer = root.querySelector(".dt-announce");
    this.screen = root.querySelector(".dt-screen");
    this.download = root.querySelector(".dt-download");
    this.downloaded = null; // {loaded, total} bytes of the engine's download, while it runs
    this.engine = new EngineClient(
      (key) => this.say(this.t[key]),
      (key) => this.showFailure(key),
      (loaded, total) => this.showDownload(loaded, total),
    );
    // The engine's first steps, shipped with the page: {views, steps: {token: [view, {choice: token}]}}.
    this.early = JSON.parse(root.querySelector(".dt-early")?.textContent || '{"views":[],"steps":{}}');
    this.token = ""; // no answer yet; the engine writes every token
    // choice (option ids joined by "+") -> {token, view}: the engine's answer to each choice, in advance
    this.ahead = this.earlyAhead("");
    this.pendingChoice = null; // an answer given before the engine could apply it
    this.confirming = false; // a confirmation is queued and not yet sent
    this.drawnAhead = null; // the view drawn ahead of the engine (JSON), until it confirms it
    this.returnTo = null; // Back to a result left by "see that result": that control's token, to focus
    this.leftByBack = null; // the step Back left (or a later one of its answers), for the next confirmation
    this.laterStep = null; // gone back before the engine ran: the furthest step of these answers
    this.busy = Promise.resolve();
    this.actions = {
      answer: (optionId) => this.answer([optionId]),
      answerSeveral: (chosen) => this.answer(chosen),
      back: () => this.goBack(),
      edit: (step) => this.run({ op: "revisit", step }, { history: "push" }),
      restart: () => this.restart(),
      retry: () => this.retry(),
      shareLink: () => location.origin + location.pathname + HASH + this.token,
      // A result seen from "what decides" is not the reader's: its checklist says so first.
      markdown: async (link) => {
        const text = await this.run({ op: "markdown", share_url: link });
        return window.history.state?.whatIf ? `> ${this.t.what_if}\n\n${text}` : text;
      },
      calendar: (link) => this.downloadCalendar(link),
      open: (token) => this.open(token),
      backToMine: () => this.backToMine(),
    };
    root.classList.add("dt-live");
    // Each answer is a history entry: on Back or Forward the screen drawn takes the focus and
    // brings its heading into view; the browser's own scroll restoration would land elsewhere,
    // leaving the focus off screen.
    window.history.scrollRestoration = "manual";
    foldStaticTree();
    keepAnswersOnSectionLinks(() => Boolean(this.token), HASH);
    this.adoptFirstQuestion();
    addEventListener("popstate", () => this.followLocation());
    addEventListener("hashchange", () => this.followLocation());
    const fromAddress = this.locationToken();
    if (fromAddress.invalid) this.showError(this.t["error_bad-token"]);
    if (fromAddress.mine) {
      // A what-if result the language switcher brought here: said to be one, the reader's own a link away.
      window.history.replaceState({ whatIf: 1, mine: fromAddress.mine, elsewhere: true }, "", HASH + fromAddress.token);
      dispatchEvent(new Event("dt-location"));
    }
    if (fromAddress.token) {
      this.token = fromAddress.token;
      if (!this.showEarly()) this.run({ op: "view", from: window.history.state?.left }, { history: "replace" });
    } else {
      this.startWhenNear();
      this.takeEarlyChoice();
    }
  }

  // An answer clicked before this module ran (kept by the page's inline script): given now.
  takeEarlyChoice() {
    const choice = window.dtEarlyChoice;
    delete window.dtEarlyChoice;
    if (choice && this.screen.querySelector(`button.dt-option[data-option="${CSS.escape(choice)}"]`)) this.answer([choice]);
  }

  // The token in the address bar: "" without one; {invalid} when the fragment cannot be read;
  // `mine`: the reader's own token after a what-if result's (MINE, written by keep-fragment.js).
  locationToken() {
    if (!location.hash.startsWith(HASH)) return { token: "" };
    try {
      const [token, mine] = decodeURIComponent(location.hash.slice(HASH.length)).split(MINE);
      return { token, mine };
    } catch {
      return { token: "", invalid: true }; // a malformed percent-escape: a bad link like any other
    }
  }

  // Back, Forward, or a link pasted in this tab: show the state the address holds (a link to a
  // section of the page, such as the table of contents, leaves the assessment as it is). After Back,
  // the engine remembers the answers of the step left (`from`): the earlier choice is shown
  // selected, as with "Previous question", and the address keeps them.
  followLocation() {
    if (location.hash && !location.hash.startsWith(HASH)) return; // a link to a section of the page
    const { token, invalid } = this.locationToken();
    if (invalid) return this.showError(this.t["error_bad-token"]);
    if (token === this.token) return;
    this.withdrawPending();
    const left = this.token;
    this.token = token;
    if (!this.showEarly(left)) this.run({ op: "view", from: left }, { history: "replace" });
  }

  // The view of a step shipped with the page, and the steps its choices lead to.
  earlyView(token) {
    const step = this.early.steps[token];
    return step ? this.early.views[step[0]] : null;
  }

  earlyAhead(token) {
    const ahead = {};
    for (const [choice, next] of Object.entries(this.early.steps[token]?.[1] || {})) {
      if (this.earlyView(next)) ahead[choice] = { token: next, view: this.earlyView(next) };
    }
    return ahead;
  }

  // Before the engine runs, a step of the address that shipped with the page is drawn at once
  // (the engine confirms it once it runs). Reached by going back from the step `left`, it shows
  // the choice that led there selected. Whether it was drawn.
  showEarly(left = null) {
    let view = !this.engine.isReady && !this.pendingChoice && this.earlyView(this.token);
    if (!view) return false;
    const back = this.earlyChoiceBack(this.token, left);
    if (back) {
      view = { ...view, selected: back.choice.split("+") };
      window.history.replaceState({ ...window.history.state, left: back.from, later: back.later }, ""); // for a Forward or reload here
    }
    this.draw(view);
    this.laterStep = back?.later ?? null;
    this.drawnAhead = JSON.stringify(view);
    // Going back, the engine reuses the later answers wherever the next answer leads: what
    // shipped does not know them, so an answer here waits for the engine.
    this.ahead = back ? {} : this.earlyAhead(this.token);
    this.confirm(back?.later ?? left);
    return true;
  }

  // Going back to the shipped step `token` from `left` (the step on screen until now), or to this
  // history entry once left before the engine ran (its state): the choice that led on, and the
  // furthest step of the same answers known, whose later answers the engine is to remember.
  earlyChoiceBack(token, left) {
    const onScreen = left && this.earlyPrevious(left);
    if (onScreen?.token === token) return { from: left, choice: onScreen.choice, later: this.laterStep ?? left };
    const kept = window.history.state;
    const inEntry = kept?.left && this.earlyPrevious(kept.left);
    if (inEntry?.token === token) return { from: kept.left, choice: inEntry.choice, later: kept.later };
    return null;
  }

  // "Previous question". Before the engine runs, a step shipped with the page whose choice led
  // here is drawn at once (the engine then remembers this step's answers, as its own "back"
  // does). Otherwise the engine's "back", once it runs.
  goBack() {
    this.withdrawPending();
    // Answered from the entry below: the browser's own Back, so that the two Backs agree.
    if (window.history.state?.below !== undefined) return window.history.back();
    const left = this.token;
    const previous = !this.engine.isReady && this.earlyPrevious(left);
    if (previous) {
      this.remember(previous.token, "push");
      return this.showEarly(left);
    }
    if (!this.engine.isReady) this.say(this.t.loading_start);
    this.run({ op: "back" }, { history: "push" });
  }

  // An answer still waiting for the engine is withdrawn when the reader leaves its question
  // ("Previous question", the browser's Back or Forward): leaving does not apply it first.
  withdrawPending() {
    if (!this.pendingChoice) return;
    this.pendingChoice.withdrawn = true;
    this.pendingChoice = null;
    this.say("");
  }

  // The shipped step whose choice leads to `token`, and that choice ("a+b"), if any.
  earlyPrevious(token) {
    for (const [before, [, next]] of Object.entries(this.early.steps)) {
      const choice = Object.keys(next).find((key) => next[key] === token);
      if (choice !== undefined) return { token: before, choice };
    }
    return null;
  }

  // The first question is already in the page: its links become buttons that answer it.
  adoptFirstQuestion() {
    for (const link of this.screen.querySelectorAll("a.dt-option")) {
      const button = element("button", { type: "button", class: "dt-option", "data-option": link.dataset.option, "aria-pressed": "false" });
      button.append(...link.childNodes);
      button.addEventListener("click", () => this.answer([button.dataset.option]));
      link.replaceWith(button);
    }
  }

  // Whichever comes first starts the engine, once: after a failure, only the reader's retry
  // starts it again (the failure screen takes the focus, which must not restart it).
  startWhenNear() {
    const listening = new AbortController();
    let observer = null;
    const begin = () => {
      listening.abort();
      observer?.disconnect();
      this.engine.start().then(() => this.say(this.t.ready), () => {}); // failures: see onFailure
    };
    this.root.addEventListener("focusin", begin, { signal: listening.signal });
    if (!("IntersectionObserver" in window)) return begin();
    observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) begin();
    }, { rootMargin: "200px" });
    observer.observe(this.root);
  }

  // The status line (loading, queued answer): silent while an error or failure is on screen,
  // so that a message never stands beside an error that contradicts it.
  say(text) {
    this.status.textContent = this.screen.querySelector(".dt-error") ? "" : text;
  }

  // An answer whose next step is not known in advance waits for the engine; until the engine
  // takes it, a later click on the same question replaces it (the latest choice wins).
  choose(choice) {
    if (this.pendingChoice) {
      this.pendingChoice.choice = choice;
    } else {
      const pending = (this.pendingChoice = { choice });
      this.run({ op: "answer" }, { late: () => ({ choice: pending.choice }), skip: () => pending.withdrawn, history: "push" });
    }
    for (const button of this.screen.querySelectorAll("button.dt-option")) {
      button.setAttribute("aria-pressed", String(choice.includes(button.dataset.option)));
    }
    if (!this.engine.isReady) this.say(this.downloadIsSlow() ? this.t.queued_slow : this.t.queued);
  }

  // Whether the engine's download, at its pace so far, has more than SLOW_DOWNLOAD_MS to go: the
  // waiting reader is then told of the version without JavaScript, which answers at once.
  downloadIsSlow() {
    const { loaded, total } = this.downloaded ?? {};
    const began = performance.getEntriesByName("dt-engine-download")[0]?.startTime;
    if (!loaded || !total || began === undefined) return false;
    return ((total - loaded) * (performance.now() - began)) / loaded > SLOW_DOWNLOAD_MS;
  }

  // Download progress while the engine loads (null: done): the figures as they arrive, and a
  // polite announcement at each quarter only.
  showDownload(loaded, total) {
    this.downloaded = loaded === null ? null : { loaded, total };
    if (!this.download) return;
    this.download.hidden = loaded === null;
    if (loaded === null) return;
    const megabytes = (bytes) => (bytes / 1e6).toLocaleString(this.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const percent = total ? Math.min(100, Math.floor((100 * loaded) / total)) : null;
    const bar = this.download.querySelector("progress");
    if (percent === null) bar.removeAttribute("value");
    else bar.value = percent;
    const text = (percent === null ? this.t.download_done : this.t.download_progress)
      .replace("{done}", megabytes(loaded))
      .replace("{total}", megabytes(total))
      .replace("{percent}", percent);
    this.download.querySelector(".dt-download-figures").textContent = text;
    const quarter = percent === null ? 0 : Math.floor(percent / 25);
    if (quarter > 0 && quarter !== this.announcedQuarter) { // each quarter, and once complete
      this.announcedQuarter = quarter;
      this.download.querySelector(".dt-download-announce").textContent = text;
    }
  }

  // Requests run one after the other, each on the token the previous one produced.
  // `history`: "push" (a reader's step), "replace" (the same step, normalised) or "none".
  // A `quiet` request only refreshes what lies ahead (the step on screen is already right).
  run(request, { late = NOTHING_LATE, skip = () => false, history = "none", quiet = false, entry = null } = {}) {
    const askedAt = performance.now();
    this.busy = this.busy.then(async () => {
      try {
        const wasReady = this.engine.isReady; // the first reply also waited for the start
        // The request is made once the engine runs: on the step on screen then, with the
        // latest pending choice.
        await this.engine.start().finally(() => quiet && (this.confirming = false));
        if (skip()) return; // an answer withdrawn by "Previous question" while it waited
        const sent = { ...request, ...late(), lang: this.lang, token: this.token, today: today() };
        if (quiet && this.leftByBack) [sent.from, this.leftByBack] = [this.leftByBack, null];
        const reply = await this.engine.call(sent);
        if (late !== NOTHING_LATE) this.pendingChoice = null;
        if (!reply.ok) return this.refused(reply.error);
        if (quiet && sent.token !== this.token) return; // the reader moved on: that step has its own
        this.ahead = reply.ahead || {};
        if (quiet) {
          this.remember(reply.token, "replace"); // after Back, the answers of the step left
          return this.confirmed(reply);
        }
        this.drawnAhead = null;
        this.remember(reply.token, history, request.op === "answer" ? { below: sent.token } : entry);
        if (request.op === "markdown" || request.op === "calendar") return reply[request.op];
        this.draw(reply.view, reply.details);
        if (wasReady) this.measureStep(askedAt);
      } catch (failure) {
        // A start failure has been shown by onFailure (the pending choice is kept for the
        // retry); a request the engine could not handle is shown here.
        if (failure?.reasonKey) {
          console.error("self-assessment engine:", failure.message);
          this.showFailure(failure.reasonKey);
        }
      }
    });
    return this.busy;
  }

  // `entry`: the state of a pushed entry (the step it was answered from, or a what-if result);
  // replacing keeps the entry's own.
  remember(token, history, entry = null) {
    const changed = token !== this.token;
    this.token = token;
    if (history === "none" || (history === "replace" && !changed)) return;
    const url = token ? HASH + token : location.pathname + location.search;
    if (history === "push") window.history.pushState(entry, "", url);
    else window.history.replaceState(window.history.state, "", url);
    dispatchEvent(new Event("dt-location")); // the language switcher keeps the fragment
  }

  // Click to next step on screen, for the benchmark (scripts/bench.py).
  measureStep(askedAt) {
    requestAnimationFrame(() => performance.measure("dt-step", { start: askedAt }));
  }

  // An answer whose next step is known in advance (the engine's reply, or a step shipped with
  // the page) is drawn at once, in the frame of the click; the engine then confirms it and
  // computes the steps after it. `choice`: the option ids, in the question's order.
  answer(choice) {
    const ahead = !this.pendingChoice && this.ahead[choice.join("+")];
    if (!ahead) return this.choose(choice);
    const askedAt = performance.now();
    this.remember(ahead.token, "push", { below: this.token });
    this.draw(ahead.view);
    this.drawnAhead = JSON.stringify(ahead.view);
    this.ahead = this.earlyAhead(ahead.token);
    this.measureStep(askedAt);
    this.confirm();
  }

  // One confirmation at a time: clicks made while one waits for the engine share the next. A
  // step reached by Back is confirmed with the step it left (`left`), whose later answers the
  // engine then remembers.
  confirm(left = null) {
    this.leftByBack = left;
    if (this.confirming) return;
    this.confirming = true;
    this.run({ op: "view" }, { quiet: true });
  }

  // The engine's reply for the step drawn ahead of it: drawn again only if it differs (it
  // should not); a result gets what only the engine computes.
  confirmed(reply) {
    const differs = this.drawnAhead !== null && JSON.stringify(reply.view) !== this.drawnAhead;
    this.drawnAhead = null;
    if (differs) return this.draw(reply.view, reply.details);
    this.addDetails(reply.details);
  }

  draw(view, details = null) {
    this.laterStep = null;
    const whatIf = view.kind === "result" && window.history.state?.whatIf;
    const step = view.kind === "result" ? resultScreen(view, details, this.t, this.actions, whatIf) : questionScreen(view, this.t, this.actions);
    this.screen.replaceChildren(step);
    this.root.classList.remove("dt-replaying");
    document.documentElement.classList.toggle("dt-has-result", view.kind === "result"); // print the result alone
    // An entry left for another result keeps its place: Back scrolls there, and the focus goes back
    // to the control that left it (once drawn: it may come with the details), not the heading above.
    const { scrollY, returnTo } = window.history.state ?? {};
    this.returnTo = returnTo ?? null;
    if (!this.focusReturn(step)) step.querySelector("h3").focus({ preventScroll: scrollY !== undefined });
    if (scrollY !== undefined) window.scrollTo(0, scrollY);
    this.say("");
    // Screen readers hear the verdict once; the announcer is not shown (nor printed).
    this.announcer.textContent = view.kind === "result" ? this.t.result_announce.replace("{verdict}", view.verdict.label) : "";
  }

  // A result drawn ahead of the engine gets what only the engine computes (timeline, what
  // decides the verdict) from its confirmation, in place: the focus stays where it is.
  addDetails(details) {
    const result = this.screen.querySelector(".dt-result");
    if (result && details) fillDetails(result, details, this.t, this.actions);
    if (result) this.focusReturn(result);
  }

  // The "see that result" control the reader left this result by, if it is on screen.
  focusReturn(within) {
    const control = this.returnTo && within.querySelector(`.dt-see[data-token="${CSS.escape(this.returnTo)}"]`);
    if (!control?.checkVisibility()) return false;
    this.returnTo = null;
    control.focus({ preventScroll: true });
    return true;
  }

  // "See that result" under what decides the verdict: another set of answers, a new step.
  // The entry says so (`whatIf`, kept for Back, Forward and reload): the result is not the reader's,
  // whose own is that many entries back (one opened from another is one more).
  open(token) {
    const { whatIf = 0, mine = this.token } = window.history.state ?? {};
    // Back returns to where the reader was on this result (its list of what decides), not its top.
    window.history.replaceState({ ...window.history.state, scrollY: window.scrollY, returnTo: token }, "");
    this.token = token;
    this.run({ op: "view" }, { history: "push", entry: { whatIf: whatIf + 1, mine } });
  }

  // "Back to my result": that many entries back, or, for a what-if result reached from the other
  // language (whose entries belong to the other page), the reader's own result opened here.
  backToMine() {
    const { whatIf, mine, elsewhere } = window.history.state;
    if (!elsewhere) return window.history.go(-whatIf);
    this.token = mine;
    this.run({ op: "view" }, { history: "push" });
  }

  // The reader's dates as an .ics file, made by the engine and saved from the page: nothing is sent.
  async downloadCalendar(link) {
    const calendar = await this.run({ op: "calendar", share_url: link });
    if (!calendar?.text) return;
    const file = new Blob([calendar.text], { type: "text/calendar;charset=utf-8" });
    const save = element("a", { href: URL.createObjectURL(file), download: calendar.filename });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(save.href), 10000);
  }

  restart() {
    this.token = "";
    window.history.pushState(null, "", location.pathname + location.search);
    dispatchEvent(new Event("dt-location"));
    if (!this.showEarly()) this.run({ op: "view" });
  }

  // The reader's retry after a failure: the engine starts again, and an answer given before
  // the failure is applied once it is ready.
  retry() {
    this.engine.stop();
    this.screen.replaceChildren(element("p", { class: "dt-retrying", text: this.t.loading_start }));
    if (this.pendingChoice) this.run({ op: "answer" }, { late: () => ({ choice: this.pendingChoice.choice }), history: "push" });
    else this.run({ op: "view" });
  }

  // The engine's error reply: a reader's bad input (a tampered link...) is theirs to fix; a
  // request the page itself got wrong, or a bug, is a failure of the page.
  refused(error) {
    if (!RUNTIME_ERRORS.includes(error.code)) return this.showError(error.message);
    console.error("self-assessment engine:", error.code, error.detail);
    this.showFailure("reason_runtime");
  }

  showScreen(node) {
    this.say("");
    document.documentElement.classList.remove("dt-has-result");
    this.announcer.textContent = "";
    this.root.classList.remove("dt-replaying");
    this.screen.replaceChildren(node);
    node.querySelector("h3").focus();
  }

  showError(message) {
    this.showScreen(errorScreen(message, this.t, this.actions));
  }

  showFailure(reasonKey) {
    this.showScreen(failureScreen(reasonKey, this.t, this.actions));
    openStaticTree(); // where the failure screen sends the reader
  }
}

function today() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

for (const root of document.querySelectorAll(".dt-widget")) new Assessment(root);
