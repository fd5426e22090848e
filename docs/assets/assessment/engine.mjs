// The decision-tree engine: Pyodide restored from a memory snapshot that the build took after
// installing, importing and running the decision_tree package (scripts/pyodide/snapshot.mjs).
// Restoring skips CPython's start-up and every import: the browser compiles no Python at all.
// The page's worker and the Node tests both start the engine through this module.

export const SNAPSHOT_FILE = "engine.snapshot";
const PAGE = 65536; // one WebAssembly memory page
const HEADER = 8; // total length, number of stored pages (uint32, little-endian)

// The snapshot file is gzip of: the header, the index of each stored page (uint32 each), then
// those pages. Pages of zeros (over half of the memory) are not stored, which halves what the
// browser decompresses.
export function packMemory(memory) {
  const stored = [];
  for (let start = 0; start < memory.length; start += PAGE) {
    if (memory.subarray(start, start + PAGE).some((byte) => byte !== 0)) stored.push(start / PAGE);
  }
  const indexEnd = HEADER + 4 * stored.length;
  const packed = new Uint8Array(indexEnd + stored.length * PAGE);
  const view = new DataView(packed.buffer);
  view.setUint32(0, memory.length, true);
  view.setUint32(4, stored.length, true);
  let offset = indexEnd;
  stored.forEach((page, i) => {
    view.setUint32(HEADER + 4 * i, page, true);
    const bytes = memory.subarray(page * PAGE, (page + 1) * PAGE);
    packed.set(bytes, offset);
    offset += bytes.length;
  });
  return packed.subarray(0, offset);
}

export function unpackMemory(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const memory = new Uint8Array(view.getUint32(0, true));
  const count = view.getUint32(4, true);
  let offset = HEADER + 4 * count;
  for (let i = 0; i < count; i++) {
    const start = view.getUint32(HEADER + 4 * i, true) * PAGE;
    const length = Math.min(PAGE, memory.length - start);
    memory.set(packed.subarray(offset, offset + length), start);
    offset += length;
  }
  if (offset !== packed.length) throw new Error("engine snapshot: unexpected length");
  return memory;
}

// `assets` is the folder (URL or path, ending in "/") holding Pyodide's core files, the snapshot
// and the two small files below; `snapshot` is the snapshot file's body as a ReadableStream.
export async function startEngine(loadPyodide, assets, snapshot) {
  const memory = new Response(snapshot.pipeThrough(new DecompressionStream("gzip")))
    .arrayBuffer()
    .then((buffer) => unpackMemory(new Uint8Array(buffer)));
  return loadPyodide({
    indexURL: assets,
    // Pyodide installs a standard library before restoring; the snapshot imports nothing new
    // (the build took the library off sys.path), so this one is an empty zip.
    stdLibURL: `${assets}python_stdlib.zip`,
    // Lists no package: nothing is installed at start, and Pyodide fetches no default lock.
    lockFileURL: `${assets}pyodide-lock.json`,
    _loadSnapshot: memory,
  });
}
