// Puts the program's Python files into Pyodide's file system before a run.
//
// Only files whose text changed are written: the runtime reloads a file module
// when its file changes, so untouched modules keep their state between runs,
// and an edited one is loaded afresh.
import type { ProjectFile } from "./files.js";

/** What the sync needs from the bridge: run Python source in a module. */
export interface PythonExecutor {
  exec(moduleName: string, source: string): Promise<unknown>;
}

/** A module of our own, so the sync's names never leak into the user's. */
const syncModule = "__polyglot_playground__";

/** A Python string literal for `text`. JSON's escapes are all valid Python escapes with the same meaning. */
function pythonString(text: string): string {
  return JSON.stringify(text);
}

export class PythonFileSync {
  /** What each file held when it was last written into `interpreter`. */
  private written = new Map<string, string>();
  private interpreter: PythonExecutor | undefined;

  constructor(readonly baseDir: string) {}

  /** Write the files that changed since the last sync into this interpreter (all of them into a new one). */
  async sync(python: PythonExecutor, files: readonly ProjectFile[]): Promise<void> {
    if (python !== this.interpreter) {
      // A fresh interpreter starts with an empty folder.
      this.interpreter = python;
      this.written = new Map();
    }
    const changed = files.filter((file) => this.written.get(file.name) !== file.text);
    const keep = files.map((file) => file.name);
    const removed = [...this.written.keys()].filter((name) => !keep.includes(name));
    if (changed.length === 0 && removed.length === 0 && this.written.size > 0) return;

    const payload = {
      changed: Object.fromEntries(changed.map((file) => [file.name, file.text])),
      removed,
    };
    const source = `
import importlib as _importlib, json as _json, pathlib as _pathlib, sys as _sys
_base = _pathlib.Path(${pythonString(this.baseDir)})
_base.mkdir(parents=True, exist_ok=True)
_payload = _json.loads(${pythonString(JSON.stringify(payload))})
_touched = set()
for _name in _payload["removed"]:
    _path = _base / _name
    _path.unlink(missing_ok=True)
    _touched.add(str(_path))
for _name, _text in _payload["changed"].items():
    _path = _base / _name
    _path.write_text(_text, encoding="utf-8")
    _touched.add(str(_path))
# Plain imports between the files (import helpers) must see the new text too.
for _key, _module in list(_sys.modules.items()):
    if getattr(_module, "__file__", None) in _touched:
        del _sys.modules[_key]
_importlib.invalidate_caches()
`;
    await python.exec(syncModule, source);
    for (const name of removed) this.written.delete(name);
    for (const file of changed) this.written.set(file.name, file.text);
  }
}
