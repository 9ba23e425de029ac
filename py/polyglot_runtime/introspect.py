"""Queries for the editor and the REPL: what a module or object holds, and what can be imported.

Hosts call these functions through the ordinary `call` op on the module
"polyglot_runtime.introspect" (no op of their own: the protocol stays as it is).
A query never runs the user's code beyond importing the module the program names,
and it changes nothing the program can see: a file module given as source text is
executed into a throwaway module object, with its output discarded.
"""

import contextlib
import importlib
import inspect
import io
import linecache
import pkgutil
import sys
import types

#: A listing stops after this many names (a module with more is rare; the editor shows a few anyway).
MAX_NAMES = 2000

#: The first docstring line is cut to this many characters.
MAX_DOC_LINE = 200

#: A hover's docstring is cut to this many characters.
MAX_DOC = 2000

_counter = 0


def kind_of(value):
    """"module", "class", "function" or "value"."""
    if inspect.ismodule(value):
        return "module"
    if inspect.isclass(value):
        return "class"
    if callable(value):
        return "function"
    return "value"


def signature_of(value):
    """inspect.signature as text ("(data, /)"), or None when it has none."""
    if not callable(value):
        return None
    try:
        return str(inspect.signature(value))
    except (TypeError, ValueError):
        return None


def doc_of(value, kind):
    """The docstring, for modules, classes and functions only (a value's would be its type's)."""
    if kind == "value":
        return None
    try:
        doc = inspect.getdoc(value)
    except Exception:  # noqa: BLE001 - a broken __doc__ property must not fail the listing
        return None
    return doc or None


def first_line(doc):
    if not doc:
        return None
    line = doc.strip().splitlines()[0].strip()
    return line[:MAX_DOC_LINE]


def describe_value(name, value):
    kind = kind_of(value)
    return {
        "name": name,
        "kind": kind,
        "signature": signature_of(value),
        "doc": first_line(doc_of(value, kind)),
    }


def _walk(value, path):
    for name in path:
        if type(name) is not str:
            raise TypeError(f"path must hold attribute names (strings), not {name!r}")
        value = getattr(value, name)
    return value


def _public_names(value):
    try:
        names = dir(value)
    except Exception:  # noqa: BLE001 - a broken __dir__: nothing to offer
        return []
    exported = getattr(value, "__all__", None) if inspect.ismodule(value) else None
    if isinstance(exported, (list, tuple)):
        names = sorted(set(names) | {name for name in exported if type(name) is str})
    return [name for name in names if not name.startswith("_")]


def list_members(value):
    """Every public name of `value` with its kind, signature and first docstring line."""
    members = []
    for name in _public_names(value)[:MAX_NAMES]:
        try:
            member = getattr(value, name)
        except Exception:  # noqa: BLE001 - a lazy attribute that fails: still a name
            members.append({"name": name, "kind": "value", "signature": None, "doc": None})
            continue
        members.append(describe_value(name, member))
    return members


def describe_object(value, name):
    """One object for a hover: kind, signature and docstring (cut to MAX_DOC)."""
    kind = kind_of(value)
    doc = doc_of(value, kind)
    return {
        "name": name,
        "kind": kind,
        "signature": signature_of(value),
        "doc": doc[:MAX_DOC] if doc else None,
        "type": type(value).__name__,
    }


def members(module, path=()):
    """The public names of module `module` (imported as the program would), at attribute `path`."""
    return list_members(_walk(importlib.import_module(module), path))


def describe(module, path=()):
    """The object at `path` in module `module`, for a hover."""
    value = _walk(importlib.import_module(module), path)
    return describe_object(value, ".".join([module, *path]))


def source_members(source, filename, path=()):
    """The public names of a file module given as source text, at attribute `path`.

    The text is executed into a fresh module object (its output discarded), so the
    program's own module of that file, if loaded, is neither run again nor changed.
    """
    return list_members(_walk(throwaway_module(source, filename), path))


def source_describe(source, filename, path=()):
    """The object at `path` of a file module given as source text, for a hover."""
    value = _walk(throwaway_module(source, filename), path)
    return describe_object(value, ".".join([filename, *path]))


def throwaway_module(source, filename):
    global _counter
    _counter += 1
    name = f"_polyglot_introspect_{_counter}"
    module = types.ModuleType(name)
    module.__file__ = filename
    code = compile(source, filename, "exec")
    saved_cache = linecache.cache.get(filename)
    # Listed in sys.modules only while its top level runs (dataclasses and typing look the
    # module up there), then taken out again.
    sys.modules[name] = module
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(code, module.__dict__)
    finally:
        sys.modules.pop(name, None)
        if saved_cache is not None:
            linecache.cache[filename] = saved_cache
    return module


def modules():
    """The importable top-level module names: built-in ones and those on sys.path, sorted."""
    names = set(sys.builtin_module_names)
    for info in pkgutil.iter_modules():
        names.add(info.name)
    return sorted(name for name in names if not name.startswith("_") and name.isidentifier())
