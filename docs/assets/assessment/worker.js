// The engine's thread: Pyodide running the decision_tree package. It holds no state of its
// own: every request carries the share token, and the reply is the package's JSON.
//   in:  {id, request}            out: {id, reply} | {progress: key} | {ready: true} | {fatal: key, detail}
import { SNAPSHOT_FILE, startEngine } from "./engine.mjs";

const assets = new URL("../pyodide/", import.meta.url);
let handle = null;

async function start() {
  postMessage({ progress: "loading_start" });
  const snapshot = fetch(new URL(SNAPSHOT_FILE, assets)).then((response) => response.body);
  const { loadPyodide } = await import(new URL("pyodide.mjs", assets).href);
  const pyodide = await startEngine(loadPyodide, assets.href, await snapshot);
  handle = pyodide.pyimport("decision_tree.bridge").handle;
  postMessage({ ready: true });
  // The snapshot spares Python's work, not the browser's: the interpreter's machine code is
  // compiled on first use. One request now, so that the reader's first answer waits less.
  handle(JSON.stringify({ op: "view", lang: "en", token: "1", today: "2026-01-01" }));
}

function reason(error) {
  const text = String(error && (error.message || error));
  return /fetch|network|load|404|import/i.test(text) ? "reason_network" : "reason_crash";
}

const fail = (error) => postMessage({ fatal: reason(error), detail: String(error) });
// Pyodide does not always reject loadPyodide when a download fails (a blocked wasm leaves it
// waiting forever), so every fetch it makes reports its own failure.
const fetchFromNetwork = self.fetch.bind(self);
self.fetch = async (...args) => {
  try {
    const response = await fetchFromNetwork(...args);
    if (!response.ok) fail(new Error(`fetch ${response.status} ${response.url}`));
    return response;
  } catch (error) {
    fail(new Error(`fetch failed: ${error}`));
    throw error;
  }
};
addEventListener("unhandledrejection", (event) => handle || fail(event.reason));
const started = start().catch(fail);

onmessage = async ({ data }) => {
  await started;
  if (handle) postMessage({ id: data.id, reply: JSON.parse(handle(JSON.stringify(data.request))) });
};
