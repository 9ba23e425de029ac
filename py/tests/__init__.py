"""Tests of the py/polyglot_runtime package. test_stdio_* drive a subprocess; the rest run in-process (also under Pyodide)."""

import os
import sys

# The runtime is a top-level package (Pyodide imports it as `polyglot_runtime` too).
_PY_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _PY_DIR not in sys.path:
    sys.path.insert(0, _PY_DIR)
