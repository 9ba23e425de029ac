// The Python half of import-driven package loading, as source text the Pyodide host runs once.
//
// Python's import is synchronous, and so is this: a finder at the END of sys.meta_path (so a
// module that is already importable never reaches it, and one already imported never gets past
// sys.modules) looks the top-level name up in the package index, unpacks the providing wheel and
// its dependencies, deps first, into site-packages with Pyodide's own unpacker
// (pyodide._package_loader.unpack_buffer, what loadPackage itself calls), and hands the import
// back to the ordinary path finder. Pyodide's loadPackage is async and cannot run under a
// synchronous `import` inside a Python file module; unpacking can. Outside Pyodide (the unit
// tests, on CPython) it unpacks with zipfile.
//
// A top-level name nobody provides raises the "not available in this Pyodide" error, but only
// when the import statement or import_module asks: probes such as importlib.util.find_spec
// still get None, as libraries expect.
export const FINDER_PYTHON = String.raw`
import importlib
import importlib.machinery
import io
import os
import sys
import zipfile

_DOCS = "docs/packages.md"


def _site_packages():
    try:
        from pyodide._package_loader import get_install_dir
        return get_install_dir("site")
    except ImportError:
        import sysconfig
        return sysconfig.get_paths()["purelib"]


class PolyglotPackageFinder:
    """Installs a wheel from the package index the first time one of its imports is asked for."""

    def __init__(self, read, report=None, site=None):
        self._read = read  # file name -> the wheel's bytes (a JS Uint8Array in Pyodide)
        self._report = report  # (package name, bytes) after each install, or None
        self._site = site or _site_packages()
        self._packages = {}
        self._by_import = {}
        self.installed = set()

    def update(self, index):
        """index: {"packages": {name: {file, imports, order, missing}}} (see src/packages)."""
        self._packages = dict(index.get("packages", {}))
        self._by_import = {}
        for name, package in self._packages.items():
            for module in package.get("imports", []):
                self._by_import.setdefault(module, name)

    def provider(self, module):
        return self._by_import.get(module.partition(".")[0])

    def find_spec(self, fullname, path=None, target=None):
        if path is not None:
            return None  # a submodule: its package's own path finder knows it
        name = self._by_import.get(fullname)
        if name is None or name in self.installed:
            if name is None and _asked_by_import():
                raise ModuleNotFoundError(
                    f"{fullname} is not available in this Pyodide; add its wheel to the package folder ({_DOCS})",
                    name=fullname,
                )
            return None
        self.install(name)
        return importlib.machinery.PathFinder.find_spec(fullname, path, target)

    def install(self, name):
        package = self._packages[name]
        if package.get("missing"):
            needed = ", ".join(package["missing"])
            raise ModuleNotFoundError(
                f"{name} needs {needed}, which the package folder does not hold; add the wheel ({_DOCS})",
                name=name,
            )
        for step in package.get("order", [name]):
            if step in self.installed:
                continue
            entry = self._packages[step]
            data = self._read(entry["file"])
            size = _unpack(data, entry["file"], self._site_for(entry))
            self.installed.add(step)
            if self._report is not None:
                self._report(step, size)
        importlib.invalidate_caches()

    def _site_for(self, entry):
        if entry.get("install_dir") == "dynlib":
            try:
                from pyodide._package_loader import get_install_dir
                return get_install_dir("dynlib")
            except ImportError:
                pass
        return self._site


def _unpack(data, file_name, folder):
    try:
        from pyodide._package_loader import unpack_buffer
    except ImportError:
        unpack_buffer = None
    if unpack_buffer is not None and hasattr(data, "_into_file"):
        unpack_buffer(data, filename=file_name, extract_dir=folder, calculate_dynlibs=False, metadata={"INSTALLER": "polyglot"})
        return data.byteLength
    raw = bytes(data.to_py()) if hasattr(data, "to_py") else bytes(data)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        archive.extractall(folder)
    return len(raw)


def _asked_by_import():
    """True when the import system itself (not a find_spec probe) is looking for the module."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith("<frozen importlib"):
        if frame.f_code.co_name == "_find_and_load_unlocked":
            return True
        frame = frame.f_back
    return False


def install(read, report=None, site=None):
    """Put one finder at the end of sys.meta_path (again after a restart of this function) and return it."""
    for finder in list(sys.meta_path):
        if type(finder).__name__ == "PolyglotPackageFinder":
            sys.meta_path.remove(finder)
    finder = PolyglotPackageFinder(read, report, site)
    sys.meta_path.append(finder)
    return finder
`;
