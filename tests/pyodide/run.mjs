// Load the site's Pyodide assets (precompiled stdlib, our wheel through our lock file) under
// Node, exactly as the browser worker does, then print report(<date>) from digests.py.
//   node tests/pyodide/run.mjs <assets dir> <YYYY-MM-DD>
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [assets, today] = process.argv.slice(2);
const pyodide = await loadPyodide({
  indexURL: assets + "/",
  stdLibURL: join(assets, "python_stdlib.zip"),
  lockFileURL: join(assets, "pyodide-lock.json"),
  packages: ["ai-act-decision-tree"],
});
pyodide.runPython(await readFile(fileURLToPath(new URL("digests.py", import.meta.url)), "utf8"));
process.stdout.write(pyodide.runPython(`report(${JSON.stringify(today)})`));
