// The engine's thread: Pyodide running the decision_tree package. It holds no state of its
// own: every request carries the share token, and the reply is the package's JSON.
//   in:  {start: true} | {id, request}
//   out: {id, reply} | {id, failure: text} | {progress: key} | {download: {loaded, total}}
//        | {ready: true} | {fatal: key, detail}
// Every request gets an answer: a reply, or a failure when the engine is not running or the
// call itself failed (the bridge already turns Python errors into error replies).
// The downloads start first, before this module's imports arrive; the wasm and Pyodide's
// script come gzipped and are decompressed here, whatever the host's compression. The work
// itself (decompressing, compiling, restoring) waits for {start}: the page's engine client
// sends it when the widget takes the worker over, so that it does not compete with the page's
// own start for the processor (the worker may be started by an inline script, early).

const assets = new URL("../pyodide/", import.meta.url);
// engine.mjs's SNAPSHOT_FILE, WASM_FILE and SCRIPT_FILE, named here so that nothing waits for it.
const FILES = { snapshot: "engine.snapshot", wasm: "pyodide.asm.wasm.gz", script: "pyodide.asm.mjs.gz" };
const REPORT_EVERY_MS = 100;
// Pyodide installs a standard library before restoring; the snapshot imports nothing new, so
// this one is an empty zip (the build's python_stdlib.zip, for Node), here without a request.
const EMPTY_STDLIB = "data:application/zip;base64,UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==";
let handle = null;

function reason(error) {
  const text = String(error && (error.message || error));
  return /fetch|network|load|404|import/i.test(text) ? "reason_network" : "reason_crash";
}

let failed = false;
const fail = (error) => {
  if (failed) return; // one report per start: the page shows it once
  failed = true;
  postMessage({ fatal: reason(error), detail: String(error) });
};
// Pyodide does not always reject loadPyodide when a download fails (a blocked wasm leaves it
// waiting forever), so every fetch reports its own failure. Pyodide's own request for its wasm
// gets the one decompressed here.
const fetchFromNetwork = self.fetch.bind(self);
let wasmForPyodide = null;
self.fetch = async (resource, ...options) => {
  if (wasmForPyodide && String(resource).endsWith("/pyodide.asm.wasm")) return wasmForPyodide;
  try {
    const response = await fetchFromNetwork(resource, ...options);
    if (!response.ok) fail(new Error(`fetch ${response.status} ${response.url}`));
    return response;
  } catch (error) {
    fail(new Error(`fetch failed: ${error}`));
    throw error;
  }
};
// A failed download also rejects promises inside Pyodide that nobody awaits: it has been
// reported above, so it is not left to surface as an uncaught error.
addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!handle) fail(event.reason);
});

// Download progress for the page: bytes received of the three files, and their total once
// every one has announced its length (unknown if the host compressed one on the fly).
const download = { loaded: 0, total: 0, awaited: Object.keys(FILES).length, sentAt: 0 };
function report(force = false) {
  const now = performance.now();
  if (!force && now - download.sentAt < REPORT_EVERY_MS) return;
  download.sentAt = now;
  postMessage({ download: { loaded: download.loaded, total: download.awaited ? null : download.total || null } });
}
function counted(response) {
  const length = Number(response.headers.get("Content-Length"));
  const exact = length > 0 && !response.headers.get("Content-Encoding");
  download.total = exact && download.total !== null ? download.total + length : null;
  download.awaited -= 1;
  const counter = new TransformStream({
    transform(chunk, stream) {
      download.loaded += chunk.byteLength;
      report();
      stream.enqueue(chunk);
    },
    flush: () => report(true), // a file's last bytes are always reported: a finished download reads 100 %
  });
  return response.body.pipeThrough(counter);
}
// The body, decompressed as it arrives; as it is if it does not start with gzip's magic number
// (a host that sends a .gz file with Content-Encoding: gzip has the browser decompress it).
async function gunzip(body) {
  const reader = body.getReader();
  const first = await reader.read();
  const whole = new ReadableStream({
    start(stream) {
      if (!first.done) stream.enqueue(first.value);
    },
    async pull(stream) {
      const { done, value } = await reader.read();
      if (done) stream.close();
      else stream.enqueue(value);
    },
  });
  const gzipped = !first.done && first.value[0] === 0x1f && first.value[1] === 0x8b;
  return gzipped ? whole.pipeThrough(new DecompressionStream("gzip")) : whole;
}
let begin;
const begun = new Promise((resolve) => {
  begin = resolve;
});
// Each file is read as it arrives, from the start (none waits for another), and kept until
// {start}; then decompressed, the rest as it arrives.
const gunzipped = (name) =>
  self
    .fetch(new URL(name, assets))
    .then(async (response) => {
      const kept = counted(response).pipeThrough(new TransformStream(undefined, { highWaterMark: Infinity }));
      await begun;
      return new Response(await gunzip(kept)).arrayBuffer();
    })
    .then((buffer) => new Uint8Array(buffer));
const snapshot = gunzipped(FILES.snapshot);
const wasm = gunzipped(FILES.wasm);
const script = gunzipped(FILES.script);
const lock = self.fetch(new URL("pyodide-lock.json", assets)).then((response) => response.text());
const pyodideLoader = import(new URL("pyodide.mjs", assets).href);
const engineLoader = import("./engine.mjs");
for (const pending of [snapshot, wasm, script, lock, pyodideLoader, engineLoader]) pending.catch(fail);

async function start() {
  postMessage({ progress: "loading_start" });
  await begun;
  wasmForPyodide = wasm.then((bytes) => new Response(bytes, { headers: { "Content-Type": "application/wasm" } }));
  // Pyodide's script, decompressed, is imported from memory (a blob: URL of this worker).
  const createPyodideModule = async (settings) => {
    const url = URL.createObjectURL(new Blob([await script], { type: "text/javascript" }));
    try {
      return (await import(url)).default(settings);
    } finally {
      URL.revokeObjectURL(url);
    }
  };
  const [{ loadPyodide }, { startEngine }] = await Promise.all([pyodideLoader, engineLoader]);
  const settings = { createPyodideModule, stdLibURL: EMPTY_STDLIB, lockFileURL: undefined, lockFileContents: lock };
  const pyodide = await startEngine(loadPyodide, assets.href, snapshot, wasm, settings);
  report(true);
  handle = pyodide.pyimport("decision_tree.bridge").handle;
  postMessage({ ready: true });
  // The snapshot spares Python's work, not the browser's: the interpreter's machine code is
  // compiled on first use. One request now, so that the reader's first answer waits less.
  handle(JSON.stringify({ op: "view", lang: "en", token: "", today: "2026-01-01" }));
}

const started = start().catch(fail);

onmessage = async ({ data }) => {
  if (data?.start) return begin();
  await started;
  if (!handle) return postMessage({ id: data.id, failure: "the engine did not start" });
  try {
    postMessage({ id: data.id, reply: JSON.parse(handle(JSON.stringify(data.request))) });
  } catch (error) {
    postMessage({ id: data.id, failure: String(error && (error.message || error)) });
  }
};

