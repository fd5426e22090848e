// The engine's thread: Pyodide running the decision_tree package. It holds no state of its
// own: every request carries the share token, and the reply is the package's JSON.
//   in:  {id, request}            out: {id, reply} | {progress: key} | {ready: true} | {fatal: key, detail}
const assets = new URL("../pyodide/", import.meta.url);
let handle = null;

async function start() {
  postMessage({ progress: "loading_start" });
  const { loadPyodide } = await import(new URL("pyodide.mjs", assets).href);
  const pyodide = await loadPyodide({
    indexURL: assets.href,
    // Bytecode compiled at build time by this same Pyodide: no compiling at start-up.
    stdLibURL: new URL("python_stdlib.zip", assets).href,
    // Lists only our wheel, with its sha256: Pyodide checks it and fetches no other lock.
    lockFileURL: new URL("pyodide-lock.json", assets).href,
  });
  postMessage({ progress: "loading_package" });
  await pyodide.loadPackage("ai-act-decision-tree", { messageCallback: () => {}, errorCallback: () => {} });
  handle = pyodide.pyimport("decision_tree.bridge").handle;
  // One throwaway request reads the tree data and runs the code once, so the reader's
  // first answer does not pay for it.
  handle(JSON.stringify({ op: "view", lang: "en", token: "1", today: "2026-01-01" }));
  postMessage({ ready: true });
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
