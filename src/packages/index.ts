// Python packages for Pyodide: package index, wheel metadata, dependency order, and the Python
// finder that installs on import. Browser-safe; the disk reader is ./package-folder.ts.
export { normalizeName, parseWheelName, readWheel, requiresDist, topLevelOf, type WheelInfo } from "./wheel.js";
export { buildIndex, lockEntries, providerOf, resolve, wheelEntry, type PackageEntry, type PackageIndex } from "./package-index.js";
export { FINDER_PYTHON } from "./finder-python.js";
