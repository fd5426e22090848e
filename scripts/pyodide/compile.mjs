// Run scripts/pyodide/bytecode.py inside Pyodide (the interpreter the site ships) under Node,
// so the bytecode matches the browser's CPython exactly.
//   node compile.mjs <input zip or wheel> <output>
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node compile.mjs <input zip or wheel> <output>");
  process.exit(2);
}
const pyodide = await loadPyodide();
pyodide.runPython(await readFile(fileURLToPath(new URL("bytecode.py", import.meta.url)), "utf8"));
// Exchange bytes through Pyodide's in-memory file system: no proxy conversions.
pyodide.FS.writeFile("/tmp/input", new Uint8Array(await readFile(input)));
pyodide.runPython(`
with open("/tmp/input", "rb") as source, open("/tmp/output", "wb") as target:
    target.write(compile_zip(source.read()))
`);
await writeFile(output, pyodide.FS.readFile("/tmp/output"));
