"""Bytecode for Pyodide, made by Pyodide's own interpreter (run by compile.mjs under Node).

The engine snapshot (snapshot.mjs) is taken from a Pyodide that imports these .pyc files
rather than compiling sources: the compiler's freed memory would otherwise stay in the
snapshot, and the browser would download and decompress it. The .pyc files use unchecked
hashes: nothing compares them against a source mtime at import time. They are compiled as
`python -OO` does (optimize=2: no docstrings, no assert statements), which leaves 0.3 MB less
in the gzipped snapshot; nothing the engine runs reads a docstring (the Node parity test walks
every path on the restored engine).
"""

import importlib.util
import io
import marshal
import zipfile

_FLAGS_UNCHECKED_HASH = 0b01  # hash-based pyc, source not checked (PEP 552)


def pyc(source: bytes, path: str) -> bytes:
    code = compile(source, path, "exec", dont_inherit=True, optimize=2)
    header = importlib.util.MAGIC_NUMBER + _FLAGS_UNCHECKED_HASH.to_bytes(4, "little")
    return header + importlib.util.source_hash(source) + marshal.dumps(code)


def compile_zip(zip_bytes: bytes) -> bytes:
    """The zip (the standard library, or our wheel) with each module as .pyc in place of its
    .py, stored uncompressed: it never leaves the build, and stored entries import fastest.
    A module that does not compile (test fixtures with deliberate syntax errors) keeps its .py.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".py"):
                try:
                    target.writestr(info.filename[:-3] + ".pyc", pyc(data, info.filename))
                    continue
                except SyntaxError:
                    pass
            target.writestr(info.filename, data)
    return out.getvalue()
