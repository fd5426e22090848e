"""Bytecode for Pyodide, made by Pyodide's own interpreter (run by compile.mjs under Node).

The engine snapshot (snapshot.mjs) is taken from a Pyodide that imports these .pyc files
rather than compiling sources: the compiler's freed memory would otherwise stay in the
snapshot, and the browser would download and decompress it. The .pyc files use unchecked
hashes: nothing compares them against a source mtime at import time.
"""

import base64
import hashlib
import importlib.util
import io
import marshal
import zipfile

_FLAGS_UNCHECKED_HASH = 0b01  # hash-based pyc, source not checked (PEP 552)


def pyc(source: bytes, path: str) -> bytes:
    code = compile(source, path, "exec", dont_inherit=True, optimize=0)
    header = importlib.util.MAGIC_NUMBER + _FLAGS_UNCHECKED_HASH.to_bytes(4, "little")
    return header + importlib.util.source_hash(source) + marshal.dumps(code)


def precompile_stdlib(zip_bytes: bytes) -> bytes:
    """The stdlib zip with each module as .pyc in place of its .py, stored uncompressed (it
    never leaves the build, and stored entries are the quickest to import from).
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


def add_bytecode_to_wheel(wheel_bytes: bytes) -> bytes:
    """The wheel with __pycache__/*.cpython-XY.pyc beside each module, listed in RECORD."""
    tag = f"cpython-{__import__('sys').version_info.major}{__import__('sys').version_info.minor}"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(wheel_bytes)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        record_name = next(name for name in source.namelist() if name.endswith(".dist-info/RECORD"))
        record = source.read(record_name).decode().splitlines()
        for info in source.infolist():
            if info.filename == record_name:
                continue
            data = source.read(info)
            target.writestr(info, data)
            if info.filename.endswith(".py"):
                folder, _, name = info.filename.rpartition("/")
                compiled_name = f"{folder}/__pycache__/{name[:-3]}.{tag}.pyc"
                compiled = pyc(data, info.filename)
                target.writestr(compiled_name, compiled)
                digest = base64.urlsafe_b64encode(hashlib.sha256(compiled).digest()).rstrip(b"=").decode()
                record.insert(-1, f"{compiled_name},sha256={digest},{len(compiled)}")
        target.writestr(record_name, "\n".join(record) + "\n")
    return out.getvalue()
