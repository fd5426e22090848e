// Build the engine snapshot: start Pyodide under Node, run engine_setup.py (install the wheel,
// warm up, seal), then save the interpreter's memory in the format engine.mjs restores (with
// the data segments of the wasm that the page downloads folded in).
//   node snapshot.mjs <stdlib zip> <wheel> <pyodide.asm.wasm> <output file>
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { constants, gzipSync } from "node:zlib";
import { loadPyodide } from "pyodide";
import { dataSegments, packMemory, unpackMemory } from "../../docs/assets/assessment/engine.mjs";

const [stdlib, wheel, wasm, output] = process.argv.slice(2);
if (!output) {
  console.error("usage: node snapshot.mjs <stdlib zip> <wheel> <pyodide.asm.wasm> <output file>");
  process.exit(2);
}
// Under Node, sys.executable and $_ would be this script's path: give them what a browser has,
// so nothing of the build machine ends up in the memory the site ships.
const pyodide = await loadPyodide({ stdLibURL: stdlib, _makeSnapshot: true, _sysExecutable: "./this.program" });
pyodide.FS.writeFile("/tmp/engine.whl", new Uint8Array(await readFile(wheel)));
pyodide.runPython(await readFile(fileURLToPath(new URL("engine_setup.py", import.meta.url)), "utf8"));
pyodide.runPython(`install("/tmp/engine.whl"); warm_up(); seal()`);
const memory = pyodide.makeMemorySnapshot();
const segments = dataSegments(new Uint8Array(await readFile(wasm)));
const packed = packMemory(memory, segments);
// The page restores what it is given: check here that the format gives this memory back.
const restored = unpackMemory(packed, segments);
if (restored.length !== memory.length || restored.some((byte, i) => byte !== memory[i])) {
  console.error("engine snapshot: packing does not round-trip");
  process.exit(1);
}
await writeFile(output, gzipSync(packed, { level: constants.Z_BEST_COMPRESSION }));
