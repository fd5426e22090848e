// The page's side of the engine: one module Web Worker (worker.js) running the decision_tree
// package, requests answered in order. Start failures are reported once, through onFailure,
// whoever was waiting, and nothing starts the engine again until stop() (the reader's retry);
// a request the engine could not handle rejects with a runtime failure. onDownload gets the
// bytes received and their total (null when unknown) while the engine downloads, then null.

// The start fails once nothing has happened for this long: no byte downloaded, the engine not
// ready. A slow connection that keeps downloading is never cut off (the engine's 8 MB take over
// two minutes at 400 kbit/s); the browser tests shorten it (dtEngineStallMs).
const STALL_TIMEOUT_MS = window.dtEngineStallMs ?? 60000;
// The worker's work (decompressing, compiling, restoring) starts once the page's own start is
// over (the theme's DOMContentLoaded handlers and the frames after them: the first idle
// moment), so that they do not compete for the processor.
const whenIdle = (then) => (self.requestIdleCallback ? requestIdleCallback(then, { timeout: 1000 }) : setTimeout(then, 50));
const pageStarted = new Promise((resolve) => {
  if (document.readyState === "complete") return whenIdle(resolve);
  addEventListener("DOMContentLoaded", () => whenIdle(resolve), { once: true });
  addEventListener("load", resolve, { once: true });
});

export class RuntimeFailure extends Error {
  constructor(detail) {
    super(detail);
    this.reasonKey = "reason_runtime";
  }
}

export class EngineClient {
  constructor(onProgress, onFailure, onDownload = () => {}) {
    this.onProgress = onProgress;
    this.onFailure = onFailure;
    this.onDownload = onDownload;
    this.failure = null; // the reason of a failed start, until stop()
    this.pending = new Map();
    this.nextId = 1;
    this.ready = null;
    this.isReady = false;
  }

  start() {
    if (this.ready) return this.ready;
    if (this.failure) return Promise.reject(this.failure);
    this.ready = new Promise((resolve, reject) => {
      if (typeof WebAssembly !== "object") return reject("reason_no_wasm");
      // The page's inline script may have started the worker already, as soon as the widget
      // was parsed (render_widget.py): its messages so far are replayed below.
      const early = window.dtEarlyEngine;
      window.dtEarlyEngine = null;
      let worker = early?.worker;
      if (!worker) {
        try {
          worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
        } catch {
          return reject("reason_no_worker");
        }
      }
      pageStarted.then(() => {
        if (this.worker !== worker) return;
        worker.postMessage({ start: true }); // the worker downloads until then, and works from now on
        performance.mark("dt-engine-start"); // read by the benchmark
      });
      let timer = null;
      const watch = () => {
        clearTimeout(timer);
        timer = setTimeout(() => reject("reason_timeout"), STALL_TIMEOUT_MS);
      };
      watch();
      // Events of a worker that was stopped (after a failure, before a retry) are ignored.
      const current = () => this.worker === worker;
      const crashed = () => {
        if (!current()) return;
        reject("reason_crash");
        this.failAll(new RuntimeFailure("the engine's worker stopped"));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        crashed();
      };
      const received = (data) => {
        if (!current()) return;
        if (data.progress) this.onProgress(data.progress);
        else if (data.download) {
          watch(); // bytes are still arriving
          this.onDownload(data.download.loaded, data.download.total);
        }
        else if (data.ready) {
          performance.mark("dt-engine-ready");
          this.onDownload(null);
          clearTimeout(timer);
          this.isReady = true;
          resolve(worker);
        } else if (data.fatal) {
          clearTimeout(timer);
          reject(data.fatal);
        } else if (this.pending.has(data.id)) {
          const { resolve: settle, reject: fail } = this.pending.get(data.id);
          this.pending.delete(data.id);
          if (data.failure) fail(new RuntimeFailure(data.failure));
          else settle(data.reply);
        }
      };
      worker.onmessage = ({ data }) => received(data);
      this.worker = worker;
      for (const data of early?.messages ?? []) {
        if (data.crashed) crashed();
        else received(data);
      }
    });
    this.ready.catch((reasonKey) => {
      this.stop();
      this.failure = reasonKey;
      this.onDownload(null);
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

  failAll(failure) {
    for (const { reject } of this.pending.values()) reject(failure);
    this.pending.clear();
  }

  stop() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
    this.isReady = false;
    this.failure = null;
  }
}
