// Round trips of engine.mjs's snapshot format on made-up memories, and the data segments of
// Pyodide's wasm as engine.mjs reads them; prints a JSON report.
//   node tests/pyodide/snapshot_format.mjs
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dataSegments, packMemory, unpackMemory } from "../../docs/assets/assessment/engine.mjs";

const PAGE = 65536;
function memory(length, filledPages) {
  const bytes = new Uint8Array(length);
  for (const page of filledPages) bytes.fill(7, page * PAGE, Math.min(length, page * PAGE + 100));
  bytes[length - 1] = length % 251; // the last, possibly partial, page
  return bytes;
}
const cases = {
  "pages and a partial one": memory(5 * PAGE + 123, [0, 2]),
  "exact pages": memory(4 * PAGE, [1]),
  "smaller than a page": memory(1000, []),
};
const report = {};
for (const [name, bytes] of Object.entries(cases)) {
  const packed = packMemory(bytes);
  const back = unpackMemory(packed);
  report[name] = { length: bytes.length, packed: packed.length, equal: back.length === bytes.length && back.every((b, i) => b === bytes[i]) };
}
const packed = packMemory(cases["pages and a partial one"]);
try {
  unpackMemory(packed.subarray(0, packed.length - 1));
  report.truncated = "accepted";
} catch (error) {
  report.truncated = String(error.message);
}
// A memory that still holds the wasm's data segments where they start (after Pyodide's header,
// whose length is the uint32 at byte 4), one byte of them changed since: folding the segments
// in leaves one page to store, and unpacking gives the memory back.
const HEAD = 128;
const segments = [
  { offset: 1024, bytes: new Uint8Array(3 * PAGE).fill(5) },
  { offset: 5 * PAGE, bytes: new Uint8Array(100).fill(9) },
];
const started = new Uint8Array(8 * PAGE);
new DataView(started.buffer).setUint32(4, HEAD, true);
for (const { offset, bytes } of segments) started.set(bytes, HEAD + offset);
started[HEAD + 1024 + PAGE + 17] = 42;
const folded = packMemory(started, segments);
const unfolded = unpackMemory(folded, segments);
report.segments = {
  packed: folded.length,
  equal: unfolded.length === started.length && unfolded.every((b, i) => b === started[i]),
};
try {
  unpackMemory(folded, segments.slice(1));
  report.other_wasm = "accepted";
} catch (error) {
  report.other_wasm = String(error.message);
}
// The data segments of a real wasm module: the one Pyodide ships.
const wasm = new Uint8Array(readFileSync(fileURLToPath(import.meta.resolve("pyodide/pyodide.asm.wasm"))));
const found = dataSegments(wasm);
report.pyodide_segments = { count: found.length, bytes: found.reduce((sum, s) => sum + s.bytes.length, 0), first: found[0].offset };
process.stdout.write(JSON.stringify(report));
