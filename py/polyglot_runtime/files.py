"""Modules by name or file path ("./tools.py"); file modules reload when the file changes."""

import linecache
import os
import sys
import time
import types

#: A file module written this recently may be rewritten within one timestamp tick, so its
#: content is compared too until then (Pyodide's in-memory FS has millisecond timestamps).
FRESH_FILE_NS = 2_000_000_000


def is_file_module(name):
    return name.endswith(".py") or (name[:1] in "./" and name.startswith(("./", "../", "/")))


class Modules:
    """Finds a module by name (import) or by file path, relative to `base_dir` (default: the cwd)."""

    def __init__(self):
        self.base_dir = None
        self._files = FileModules()

    def module(self, name):
        if is_file_module(name):
            return self._files.get(self.resolve_path(name))
        module = sys.modules.get(name)
        if module is None:
            import importlib  # noqa: PLC0415 - only the first use of a module name gets here

            module = importlib.import_module(name)
        return module

    def resolve_path(self, name):
        base = self.base_dir if self.base_dir is not None else os.getcwd()
        return os.path.normpath(os.path.join(base, name))


class _LoadedFile:
    """A module loaded from a file, with what is needed to notice that the file changed."""

    __slots__ = ("module", "mtime_ns", "size", "source")

    def __init__(self, module, stat, source):
        self.module = module
        self.mtime_ns = stat.st_mtime_ns
        self.size = stat.st_size
        # Kept only while the file is fresh enough to be rewritten within one timestamp tick.
        self.source = source

    def is_stale(self, path, stat, now_ns):
        if stat.st_mtime_ns != self.mtime_ns or stat.st_size != self.size:
            return True
        if self.source is None:
            return False
        with open(path, "rb") as file:
            changed = file.read() != self.source
        if now_ns - self.mtime_ns > FRESH_FILE_NS:
            self.source = None
        return changed


class FileModules:
    """Loads file modules by resolved path and reloads them when the file changes."""

    def __init__(self):
        self._loaded = {}
        self._counter = 0

    def get(self, path):
        try:
            stat = os.stat(path)
        except OSError:
            raise ModuleNotFoundError(f"No Python file at {path!r}", path=path) from None
        entry = self._loaded.get(path)
        if entry is not None and not entry.is_stale(path, stat, time.time_ns()):
            return entry.module
        return self._load(path, stat)

    def _load(self, path, stat):
        with open(path, "rb") as file:
            source = file.read()
        name = self._module_name(path)
        module = types.ModuleType(name)
        module.__file__ = path
        folder = os.path.dirname(path)
        if folder not in sys.path:
            sys.path.insert(0, folder)  # as `python3 tools.py` would, so sibling imports work
        linecache.cache.pop(path, None)  # tracebacks must show the new source
        previous = sys.modules.get(name)
        sys.modules[name] = module
        try:
            exec(compile(source, path, "exec"), module.__dict__)
        except BaseException:
            if previous is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = previous
            self._loaded.pop(path, None)
            raise
        fresh = time.time_ns() - stat.st_mtime_ns <= FRESH_FILE_NS
        self._loaded[path] = _LoadedFile(module, stat, source if fresh else None)
        return module

    def _module_name(self, path):
        stem = os.path.splitext(os.path.basename(path))[0]
        current = sys.modules.get(stem)
        if stem.isidentifier() and (current is None or getattr(current, "__file__", None) == path):
            return stem
        self._counter += 1
        safe = "".join(c if c.isalnum() else "_" for c in stem)
        return f"polyglot_file_{safe}_{self._counter}"
