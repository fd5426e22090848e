"""What the tests run inside Pyodide, under Node (run.mjs, snapshot_format.mjs, digests.py).

A package so that CPython's side of a comparison is the very code Pyodide runs: pytest puts
tests/ on sys.path for the test modules next to it, so they import `pyodide.digests`, while
run.mjs runs digests.py as a script in the restored engine (this file plays no part there).
"""
