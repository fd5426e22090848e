// Round trips of engine.mjs's snapshot format on made-up memories; prints a JSON report.
//   node tests/pyodide/snapshot_format.mjs
import { packMemory, unpackMemory } from "../../docs/assets/assessment/engine.mjs";

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
process.stdout.write(JSON.stringify(report));
