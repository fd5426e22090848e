// Start the engine under Node as the page's worker does (engine.mjs restoring the site's
// snapshot, with the site's gzipped wasm and JavaScript, decompressed), then print a JSON
// report: the interpreter, whether it can import anything new, the bridge's replies to the
// requests given, and report(<date>) from digests.py.
//   node tests/pyodide/run.mjs <assets dir> <YYYY-MM-DD> <requests JSON>
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { loadPyodide } from "pyodide";
import { SCRIPT_FILE, SNAPSHOT_FILE, WASM_FILE, startEngine } from "../../docs/assets/assessment/engine.mjs";

const [assets, today, requests] = process.argv.slice(2);
// Under Node, Pyodide reads its wasm and script from the index folder: the site's, decompressed.
const folder = await mkdtemp(join(tmpdir(), "engine-"));
try {
  for (const name of [WASM_FILE, SCRIPT_FILE]) {
    await writeFile(join(folder, name.replace(/\.gz$/, "")), gunzipSync(await readFile(join(assets, name))));
  }
  for (const name of ["python_stdlib.zip", "pyodide-lock.json"]) await copyFile(join(assets, name), join(folder, name));
  const snapshot = new Uint8Array(gunzipSync(await readFile(join(assets, SNAPSHOT_FILE))));
  const wasm = new Uint8Array(await readFile(join(folder, "pyodide.asm.wasm")));
  const pyodide = await startEngine(loadPyodide, folder + "/", snapshot, wasm);
  const handle = pyodide.pyimport("decision_tree.bridge").handle;
  const replies = JSON.parse(requests).map((request) => JSON.parse(handle(JSON.stringify(request))));
  pyodide.runPython(await readFile(fileURLToPath(new URL("digests.py", import.meta.url)), "utf8"));
  const report = JSON.parse(pyodide.runPython(`report(${JSON.stringify(today)})`));
  process.stdout.write(JSON.stringify({ ...report, replies }));
} finally {
  await rm(folder, { recursive: true, force: true });
}
