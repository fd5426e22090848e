// The benchmark's baseline: loadPyodide() with the npm package's stock files (stock stdlib
// zip of .py sources, default lock), served by the benchmark's server at ./pyodide/.
const indexURL = new URL("pyodide/", import.meta.url).href;
try {
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const pyodide = await loadPyodide({ indexURL });
  postMessage({ ready: true, version: pyodide.version });
} catch (error) {
  postMessage({ error: String(error) });
}
