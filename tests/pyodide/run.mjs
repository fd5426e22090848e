// Start the engine under Node exactly as the page's worker does (engine.mjs restoring the site's
// snapshot), then print a JSON report: the interpreter, whether it can import anything new,
// the bridge's replies to the requests given, and report(<date>) from digests.py.
//   node tests/pyodide/run.mjs <assets dir> <YYYY-MM-DD> <requests JSON>
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { SNAPSHOT_FILE, startEngine } from "../../docs/assets/assessment/engine.mjs";

const [assets, today, requests] = process.argv.slice(2);
const snapshot = new Blob([await readFile(join(assets, SNAPSHOT_FILE))]).stream();
const pyodide = await startEngine(loadPyodide, assets + "/", snapshot);
const handle = pyodide.pyimport("decision_tree.bridge").handle;
const replies = JSON.parse(requests).map((request) => JSON.parse(handle(JSON.stringify(request))));
pyodide.runPython(await readFile(fileURLToPath(new URL("digests.py", import.meta.url)), "utf8"));
const report = JSON.parse(pyodide.runPython(`report(${JSON.stringify(today)})`));
process.stdout.write(JSON.stringify({ ...report, replies }));
