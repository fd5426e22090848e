// The in-page self-assessment: draws what the decision_tree package returns and sends it the
// reader's clicks. It holds no legal logic. Python runs in a module Web Worker (worker.js),
// started when the widget comes near the viewport or on the first click; answers given before
// it is ready are kept and applied. The answers live in the URL fragment (#eval=<token>),
// which browsers never send to a server.

const HASH = "#eval=";
const START_TIMEOUT_MS = 120000;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child != null));
  return node;
}

function citationLinks(citations) {
  const span = element("span", { class: "dt-citations" });
  citations.forEach((citation, index) => {
    if (index) span.append(", ");
    span.append(element("a", { href: citation.url, text: citation.label }));
  });
  return span;
}

class Engine {
  // One worker per widget; requests are answered in order. A failure to start is reported
  // once, through onFailure, whoever was waiting for the engine.
  constructor(onProgress, onFailure) {
    this.onProgress = onProgress;
    this.onFailure = onFailure;
    this.pending = new Map();
    this.nextId = 1;
    this.ready = null;
  }

  start() {
    if (this.ready) return this.ready;
    this.ready = new Promise((resolve, reject) => {
      if (typeof WebAssembly !== "object") return reject("reason_no_wasm");
      let worker;
      try {
        worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
      } catch {
        return reject("reason_no_worker");
      }
      performance.mark("dt-engine-start"); // read by the benchmark (scripts/bench.py)
      const timer = setTimeout(() => reject("reason_timeout"), START_TIMEOUT_MS);
      // Events of a worker that was stopped (after a failure, before a retry) are ignored.
      const current = () => this.worker === worker;
      worker.onerror = (event) => {
        event.preventDefault();
        if (!current()) return;
        reject("reason_crash");
        this.failAll();
      };
      worker.onmessage = ({ data }) => {
        if (!current()) return;
        if (data.progress) this.onProgress(data.progress);
        else if (data.ready) {
          performance.mark("dt-engine-ready");
          clearTimeout(timer);
          resolve(worker);
        } else if (data.fatal) {
          clearTimeout(timer);
          reject(data.fatal);
        } else if (this.pending.has(data.id)) {
          this.pending.get(data.id).resolve(data.reply);
          this.pending.delete(data.id);
        }
      };
      this.worker = worker;
    });
    this.ready.catch((reasonKey) => {
      this.stop();
      this.onFailure(reasonKey);
    });
    return this.ready;
  }

  async call(request) {
    const worker = await this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, request });
    });
  }

  failAll() {
    for (const { reject } of this.pending.values()) reject("reason_crash");
    this.pending.clear();
  }

  stop() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
  }
}

class Assessment {
  constructor(root) {
    this.root = root;
    this.lang = root.dataset.lang;
    this.t = JSON.parse(root.querySelector(".dt-strings").textContent);
    this.status = root.querySelector(".dt-status");
    this.screen = root.querySelector(".dt-screen");
    this.engine = new Engine((key) => this.say(this.t[key]), (key) => this.showFailure(key));
    this.token = "1";
    this.ahead = {}; // option id -> {token, view}: the engine's answer to each option, in advance
    this.pendingChoice = null;
    this.busy = Promise.resolve();
    root.classList.add("dt-live");
    this.adoptFirstQuestion();
    const shared = location.hash.startsWith(HASH) ? decodeURIComponent(location.hash.slice(HASH.length)) : null;
    if (shared) {
      // The answers of a share link replace the first question: hide it until they are replayed.
      this.token = shared;
      this.screen.replaceChildren(element("p", { class: "dt-loading", text: this.t.title }));
      this.run({ op: "view" });
    } else {
      this.startWhenNear();
    }
  }

  // The first question is already in the page: its links become buttons that queue an answer.
  adoptFirstQuestion() {
    for (const link of this.screen.querySelectorAll("a.dt-option")) {
      const button = element("button", { type: "button", class: "dt-option", "data-option": link.dataset.option, "aria-pressed": "false" });
      button.append(...link.childNodes);
      button.addEventListener("click", () => this.choose([button.dataset.option], button));
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

  say(text) {
    this.status.textContent = text;
  }

  // Clicks made before the engine is ready: the latest choice on the visible question wins.
  choose(choice, button) {
    if (this.pendingChoice) {
      this.pendingChoice.choice = choice;
    } else {
      this.pendingChoice = { choice };
      this.run({ op: "answer" }, () => ({ choice: this.pendingChoice.choice }));
    }
    for (const other of this.screen.querySelectorAll("button.dt-option")) other.setAttribute("aria-pressed", String(other === button));
    if (!this.engineReady) this.say(this.t.queued);
  }

  // Requests run one after the other, each on the token the previous one produced.
  // A "quiet" request only refreshes what lies ahead (the step on screen is already right).
  run(request, late = () => ({}), quiet = false) {
    const askedAt = performance.now();
    this.busy = this.busy.then(async () => {
      try {
        await this.engine.start();
        const reply = await this.engine.call({ ...request, ...late(), lang: this.lang, token: this.token, today: today() });
        const wasReady = this.engineReady; // the first reply also waited for the start
        this.engineReady = true;
        this.pendingChoice = null;
        if (!reply.ok) return this.showError(reply.error.message);
        this.ahead = reply.ahead || {};
        if (quiet) return;
        this.remember(reply.token);
        if (request.op === "markdown") return reply.markdown;
        this.draw(reply.view);
        if (wasReady) this.measureStep(askedAt);
      } catch {
        this.pendingChoice = null; // the engine's onFailure has shown why
      }
    });
    return this.busy;
  }

  remember(token) {
    this.token = token;
    history.replaceState(null, "", token === "1" ? location.pathname + location.search : HASH + token);
  }

  // Click to next step on screen, for the benchmark (scripts/bench.py).
  measureStep(askedAt) {
    requestAnimationFrame(() => performance.measure("dt-step", { start: askedAt }));
  }

  // A single-choice answer the engine already computed is drawn at once, in the frame of the
  // click; the engine then confirms it and computes the steps after it.
  answer(optionId) {
    const ahead = this.ahead[optionId];
    if (!ahead) return this.run({ op: "answer", choice: [optionId] });
    const askedAt = performance.now();
    this.ahead = {};
    this.remember(ahead.token);
    this.draw(ahead.view);
    this.measureStep(askedAt);
    this.run({ op: "view" }, undefined, true);
  }

  draw(view) {
    const step = view.kind === "result" ? this.result(view) : this.question(view);
    this.screen.replaceChildren(step);
    const heading = step.querySelector("h3");
    heading.focus();
    if (view.kind === "result") this.say(this.t.result_announce.replace("{verdict}", view.verdict.label));
    else this.say("");
  }

  helpBlocks(view) {
    return [
      element("details", { class: "dt-help" }, element("summary", { text: this.t.why }), element("p", { text: view.why })),
      element("details", { class: "dt-help" },
        element("summary", { text: this.t.help }),
        element("p", { text: view.help }),
        element("p", {}, `${this.t.sources}${this.t.colon} `, citationLinks(view.citations))),
    ];
  }

  question(view) {
    const progress = this.t.progress.replace("{n}", view.progress.answered + 1).replace("{m}", view.progress.at_most);
    const section = element("section", { class: "dt-step", "data-question": view.id, "aria-labelledby": "dt-question-title" },
      element("h3", { class: "dt-question", id: "dt-question-title", tabindex: "-1", text: view.text }),
      element("p", { class: "dt-progress", text: progress }),
      ...this.helpBlocks(view));
    if (view.multiple) section.append(this.checkboxes(view));
    else {
      const list = element("ul", { class: "dt-options" });
      for (const option of view.options) {
        list.append(element("li", {}, element("button", {
          type: "button", class: "dt-option", "data-option": option.id, text: option.label,
          onclick: () => this.answer(option.id),
        })));
      }
      section.append(list);
    }
    if (view.can_go_back) {
      section.append(element("button", { type: "button", class: "dt-secondary dt-back", text: this.t.back, onclick: () => this.run({ op: "back" }) }));
    }
    return section;
  }

  checkboxes(view) {
    const form = element("form", { class: "dt-multiple" });
    const fieldset = element("fieldset", {}, element("legend", { text: this.t.choose_all }));
    for (const option of view.options) {
      const box = element("input", { type: "checkbox", name: "option", value: option.id, id: `dt-${option.id}`, "data-exclusive": option.exclusive ? "true" : false });
      box.addEventListener("change", () => {
        if (!box.checked) return;
        for (const other of form.querySelectorAll("input")) {
          if (other !== box && (box.dataset.exclusive || other.dataset.exclusive)) other.checked = false;
        }
      });
      fieldset.append(element("div", { class: "dt-check" }, box, element("label", { for: box.id, text: option.label })));
    }
    form.append(fieldset, element("button", { type: "submit", class: "dt-primary", text: this.t.continue }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const chosen = [...form.querySelectorAll("input:checked")].map((box) => box.value);
      this.run({ op: "answer", choice: chosen });
    });
    return form;
  }

  result(view) {
    const t = this.t;
    const section = element("section", { class: "dt-result", "aria-labelledby": "dt-result-title" },
      element("h3", { id: "dt-result-title", tabindex: "-1", text: t.result_heading }),
      element("p", { class: "dt-verdict", "data-verdict": view.verdict.id },
        element("span", { text: `${t.verdict}${t.colon} ` }), element("strong", { text: view.verdict.label })));
    if (view.needs_review) section.append(element("p", { class: "dt-review", text: t.needs_review }));

    const roles = view.roles.length ? view.roles.map((role) => role.label).join(", ") : t.none_role;
    section.append(element("p", { class: "dt-roles" }, element("span", { text: `${t.roles}${t.colon} ` }), element("strong", { text: roles })));

    section.append(element("h4", { text: t.obligations }));
    if (!view.obligations.length) section.append(element("p", { text: t.no_obligations }));
    else {
      const list = element("ol", { class: "dt-obligations" });
      for (const obligation of view.obligations) {
        const applies = obligation.applies;
        list.append(element("li", { "data-obligation": obligation.id },
          element("p", { text: obligation.text }),
          element("p", { class: "dt-meta" },
            `${t.who}${t.colon} ${obligation.holder.label} — `, citationLinks(obligation.citations), ` — `,
            element("span", { class: `dt-date dt-${applies.status}`, text: applies.text }))));
      }
      section.append(list);
    }

    if (view.notes.length) {
      section.append(element("h4", { text: t.notes }));
      const notes = element("ul", { class: "dt-notes" });
      for (const note of view.notes) {
        notes.append(element("li", { class: `dt-note dt-${note.kind}` },
          element("strong", { text: `${note.kind_label}${t.colon} ` }), note.text, " (", citationLinks(note.citations), ")"));
      }
      section.append(notes);
    }

    section.append(element("h4", { text: t.answers }));
    const answers = element("ol", { class: "dt-answers" });
    view.answers.forEach((answer, index) => {
      answers.append(element("li", {},
        element("span", { text: `${answer.question} — ` }),
        element("strong", { text: answer.options.map((option) => option.label).join(", ") }), " ",
        element("button", { type: "button", class: "dt-secondary dt-edit", text: t.edit, "aria-label": `${t.edit}${t.colon} ${answer.question}`,
          onclick: () => this.run({ op: "revisit", step: index }) })));
    });
    section.append(answers);

    const basis = view.legal_basis;
    section.append(element("p", { class: "dt-basis",
      text: `${t.legal_basis}${t.colon} ${basis.label}, ${t.legal_basis_as_of} ${basis.as_of}, ${t.reviewed_on} ${basis.reviewed_on}. ${t.not_legal_advice}` }));
    section.append(this.actions());
    return section;
  }

  actions() {
    const t = this.t;
    const link = location.origin + location.pathname + HASH + this.token;
    const feedback = element("p", { class: "dt-feedback", role: "status" });
    const copy = async (text) => {
      try {
        await navigator.clipboard.writeText(text);
        feedback.textContent = t.copied;
      } catch {
        feedback.textContent = t.copy_failed;
      }
    };
    const field = element("input", { type: "text", readonly: true, value: link, id: "dt-share", class: "dt-share" });
    return element("div", { class: "dt-actions" },
      element("label", { for: "dt-share", text: t.share }), field,
      element("p", { class: "dt-meta", text: t.share_help }),
      element("div", { class: "dt-buttons" },
        element("button", { type: "button", class: "dt-primary", text: t.copy_link, onclick: () => copy(link) }),
        element("button", { type: "button", class: "dt-secondary", text: t.copy_markdown,
          onclick: async () => copy(await this.run({ op: "markdown", share_url: link })) }),
        element("button", { type: "button", class: "dt-secondary", text: t.print, onclick: () => window.print() }),
        element("button", { type: "button", class: "dt-secondary", text: t.restart, onclick: () => this.restart() })),
      feedback);
  }

  restart() {
    this.token = "1";
    this.run({ op: "view" });
  }

  showError(message) {
    this.screen.replaceChildren(element("div", { class: "dt-error", role: "alert" },
      element("h3", { tabindex: "-1", text: message }),
      element("button", { type: "button", class: "dt-primary", text: this.t.restart, onclick: () => this.restart() })));
    this.screen.querySelector("h3").focus();
  }

  showFailure(reasonKey) {
    if (!this.t[reasonKey]) reasonKey = "reason_crash";
    this.say("");
    this.screen.replaceChildren(element("div", { class: "dt-error dt-failure", role: "alert" },
      element("h3", { tabindex: "-1", text: this.t.failed }),
      element("p", { text: this.t[reasonKey] }),
      element("p", {}, this.t.failed_static, " ", element("a", { href: "#static-tree", text: this.t.static_link })),
      element("button", { type: "button", class: "dt-primary", text: this.t.retry, onclick: () => this.run({ op: "view" }) })));
    this.screen.querySelector("h3").focus();
  }
}

function today() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

for (const root of document.querySelectorAll(".dt-widget")) new Assessment(root);
