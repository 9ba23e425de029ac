// Import-driven package loading inside the Pyodide worker: hands the package index and a way to
// read wheels to the Python finder (src/packages/finder-python.ts), which installs a wheel the
// first time one of its modules is imported. Wheels the user adds (the playground) join the
// index here; a later entry of the same name wins.
import type { PyodideAPI } from "pyodide";
import { buildIndex, FINDER_PYTHON, readWheel, wheelEntry, type PackageEntry, type PackageIndex } from "../packages/index.js";
import type { HostPackageListing, LoadProgress } from "../protocol/host-api.js";

/** Where a worker's wheels come from: a folder on disk (Node) or our own origin (browser). */
export interface PackageSource {
  index: PackageIndex;
  /** The wheel's bytes, synchronously: Python's import cannot wait. */
  read(file: string): Uint8Array;
}

export type PackageListing = HostPackageListing;

interface PythonFinder {
  update(index: unknown): void;
}

export class PackageLoader {
  private readonly added = new Map<string, { entry: PackageEntry; bytes: Uint8Array }>();
  private readonly finder: PythonFinder;
  private readonly installed = new Set<string>();

  constructor(
    private readonly pyodide: PyodideAPI,
    private readonly source: PackageSource | undefined,
    report: (progress: LoadProgress) => void,
  ) {
    const namespace = pyodide.toPy({});
    pyodide.runPython(FINDER_PYTHON, { globals: namespace, filename: "<polyglot packages>" });
    const install = namespace.get("install") as (read: unknown, report: unknown) => PythonFinder;
    namespace.destroy();
    const onInstalled = (name: string, bytes: number): void => {
      this.installed.add(name);
      report({ phase: "package", detail: `${name} (${formatBytes(bytes)})`, package: { name, bytes } });
    };
    this.finder = install((file: string) => this.read(file), onInstalled);
    this.publish();
  }

  /** Add a wheel the user gave (replacing one of the same name); returns its index entry. */
  addWheel(file: string, bytes: Uint8Array): PackageEntry {
    const info = readWheel(file, bytes);
    const entry = { ...wheelEntry(info), order: [info.name], missing: [] };
    this.added.set(info.name, { entry, bytes });
    this.publish();
    return this.index().packages[info.name] ?? entry;
  }

  /** Forget an added wheel (an installed copy stays importable until Python restarts). */
  removeWheel(name: string): boolean {
    const removed = this.added.delete(name);
    if (removed) this.publish();
    return removed;
  }

  listing(): PackageListing {
    const available = Object.values(this.index().packages).map((entry) => ({
      name: entry.name,
      version: entry.version,
      imports: entry.imports,
      depends: entry.depends,
      origin: this.added.has(entry.name) ? ("added" as const) : ("folder" as const),
    }));
    return { available, loaded: [...this.installed].sort() };
  }

  private index(): PackageIndex {
    const folder = Object.values(this.source?.index.packages ?? {});
    return buildIndex([...folder, ...[...this.added.values()].map(({ entry }) => entry)]);
  }

  private read(file: string): Uint8Array {
    for (const { entry, bytes } of this.added.values()) if (entry.file === file) return bytes;
    if (!this.source) throw new Error(`no package source holds ${file}`);
    return this.source.read(file);
  }

  private publish(): void {
    const index = this.pyodide.toPy(this.index());
    try {
      this.finder.update(index);
    } finally {
      index.destroy();
    }
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
