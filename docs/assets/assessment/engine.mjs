// The decision-tree engine: Pyodide restored from a memory snapshot that the build took after
// installing, importing and running the decision_tree package (scripts/pyodide/snapshot.mjs).
// Restoring skips CPython's start-up and every import: the browser compiles no Python at all.
// The page's worker and the Node tests both start the engine through this module.

// The files the page downloads besides pyodide.mjs (scripts/build_pyodide_assets.py makes them):
// the snapshot, and Pyodide's wasm and JavaScript gzipped by the build, decompressed by the
// worker (DecompressionStream), whatever the host's own compression.
export const SNAPSHOT_FILE = "engine.snapshot";
export const WASM_FILE = "pyodide.asm.wasm.gz";
export const SCRIPT_FILE = "pyodide.asm.mjs.gz";
const PAGE = 65536; // one WebAssembly memory page
const HEADER = 12; // total length, number of stored pages, bytes of data segments folded in (uint32 LE)

// The snapshot file is gzip of: the header, the index of each stored page (uint32 each), then
// those pages. Pages of zeros (over half of the memory) are not stored. Pyodide's memory
// snapshot is its own header (whose length is the uint32 at byte 4) followed by the wasm's
// memory, and that memory starts as the wasm's data segments, which the page downloads anyway
// (in pyodide.asm.wasm): each segment is XORed into the memory before packing and again after
// unpacking, so what did not change since start-up is stored as zeros (1.5 MB less to
// download, gzipped; 3 MB less to decompress).
export function packMemory(memory, segments = []) {
  memory = foldSegments(memory.slice(), segments);
  const stored = [];
  for (let start = 0; start < memory.length; start += PAGE) {
    if (memory.subarray(start, start + PAGE).some((byte) => byte !== 0)) stored.push(start / PAGE);
  }
  const indexEnd = HEADER + 4 * stored.length;
  const packed = new Uint8Array(indexEnd + stored.length * PAGE);
  const view = new DataView(packed.buffer);
  view.setUint32(0, memory.length, true);
  view.setUint32(4, stored.length, true);
  view.setUint32(8, segmentBytes(segments), true);
  let offset = indexEnd;
  stored.forEach((page, i) => {
    view.setUint32(HEADER + 4 * i, page, true);
    const bytes = memory.subarray(page * PAGE, (page + 1) * PAGE);
    packed.set(bytes, offset);
    offset += bytes.length;
  });
  return packed.subarray(0, offset);
}

export function unpackMemory(packed, segments = []) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const memory = new Uint8Array(view.getUint32(0, true));
  const count = view.getUint32(4, true);
  if (view.getUint32(8, true) !== segmentBytes(segments)) throw new Error("engine snapshot: made from another wasm");
  let offset = HEADER + 4 * count;
  for (let i = 0; i < count; i++) {
    const start = view.getUint32(HEADER + 4 * i, true) * PAGE;
    const length = Math.min(PAGE, memory.length - start);
    memory.set(packed.subarray(offset, offset + length), start);
    offset += length;
  }
  if (offset !== packed.length) throw new Error("engine snapshot: unexpected length");
  return foldSegments(memory, segments);
}

function segmentBytes(segments) {
  return segments.reduce((total, segment) => total + segment.bytes.length, 0);
}

// XOR the data segments into Pyodide's snapshot (in place): applied twice, it gives the bytes back.
function foldSegments(snapshot, segments) {
  if (!segments.length) return snapshot;
  const base = new DataView(snapshot.buffer, snapshot.byteOffset).getUint32(4, true); // Pyodide's header length
  for (const { offset, bytes } of segments) {
    const target = snapshot.subarray(base + offset, base + offset + bytes.length);
    for (let i = 0; i < bytes.length; i++) target[i] ^= bytes[i];
  }
  return snapshot;
}

// The active data segments of a wasm module: where each initialises memory 0, and its bytes.
export function dataSegments(wasm) {
  let at = 8; // magic and version
  const unsigned = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const signed32 = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = wasm[at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return shift < 32 && byte & 0x40 ? value | (-1 << shift) : value;
  };
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = unsigned();
    if (id !== 11) {
      at += size;
      continue;
    }
    const segments = [];
    for (let count = unsigned(); count > 0; count--) {
      const kind = unsigned();
      if (kind === 1) {
        at += unsigned(); // passive: not in memory at start
        continue;
      }
      if (kind === 2 && unsigned() !== 0) throw new Error("wasm data: a memory other than 0");
      if (kind > 2 || wasm[at++] !== 0x41) throw new Error("wasm data: an offset that is not a constant");
      const offset = signed32();
      if (wasm[at++] !== 0x0b) throw new Error("wasm data: an offset that is not a constant");
      const length = unsigned();
      segments.push({ offset, bytes: wasm.subarray(at, at + length) });
      at += length;
    }
    return segments;
  }
  return [];
}

// `assets` is the folder (URL or path, ending in "/") holding pyodide.mjs and the two small files
// below; `snapshot` is the snapshot file decompressed (bytes, or a promise of them); `wasm` the
// decompressed pyodide.asm.wasm that Pyodide instantiates (bytes, or a promise of them).
// `settings` go to loadPyodide as they are (the page's worker passes Pyodide's script there).
export async function startEngine(loadPyodide, assets, snapshot, wasm, settings = {}) {
  const memory = Promise.all([snapshot, wasm]).then(([packed, bytes]) => unpackMemory(packed, dataSegments(bytes)));
  return loadPyodide({
    indexURL: assets,
    // Pyodide installs a standard library before restoring; the snapshot imports nothing new
    // (the build took the library off sys.path), so this one is an empty zip.
    stdLibURL: `${assets}python_stdlib.zip`,
    // Lists no package: nothing is installed at start, and Pyodide fetches no default lock.
    lockFileURL: `${assets}pyodide-lock.json`,
    _loadSnapshot: memory,
    ...settings,
  });
}
