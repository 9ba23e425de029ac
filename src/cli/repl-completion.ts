// Tab in the REPL: the playground's Completer over everything entered so far,
// in readline's callback form. Readline holds typed keys while it waits, so an
// uncached answer is waited for briefly while an entry keeps Python busy (then
// Tab says why and the answer fills the cache), longer while Python is only slow
// (a first query imports inspect; Pyodide takes about half a second).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Completer } from "../completion/completer.js";
import { PythonCatalog, type PythonQuery } from "../completion/python-catalog.js";

/** Node's async completer: readline calls the callback form when the function declares two parameters. */
export type ReadlineCompleter = (line: string, callback: (error: Error | null, result: [string[], string]) => void) => void;

export interface ReplCompletionOptions {
  /** The query path to Python, made on first need (asking starts the runtime). */
  query(): PythonQuery;
  /** Where `($py "./tools.py")` is read from. */
  baseDir: string;
  /** The entries run so far and the open entry's earlier lines: their definitions are what Tab knows. */
  entered(): string;
  /** Why Python may be slow to answer ("an entry is running"), if it may. */
  busyReason(): string | undefined;
  /** Shows why Python names are missing (no names to list, but a reason). */
  note(text: string): void;
  /** How long readline may hold the line for an uncached answer: while busy, and while idle. */
  waitMs?: { busy: number; idle: number };
}

/** A file module's current text on disk, or undefined when it cannot be read. */
function readPythonFile(baseDir: string, spec: string): string | undefined {
  try {
    return readFileSync(resolve(baseDir, spec), "utf8");
  } catch {
    return undefined;
  }
}

export function replCompleter(options: ReplCompletionOptions): ReadlineCompleter {
  let query: PythonQuery | undefined;
  const wait = options.waitMs ?? { busy: 250, idle: 4000 };
  const catalog = new PythonCatalog({
    query: () => (query ??= options.query()),
    busyReason: options.busyReason,
    waitMs: () => (options.busyReason() ? wait.busy : wait.idle),
  });
  const completer = new Completer({ catalog, pythonFile: (spec) => readPythonFile(options.baseDir, spec) });

  const complete = async (line: string): Promise<[string[], string]> => {
    const before = options.entered();
    const text = before + line;
    // Tab is an explicit ask: an empty word lists every name, as Node's REPL does.
    const answer = await completer.complete(text, text.length, true);
    if (!answer) return [[], line];
    // A word never spans lines, so it starts within this one.
    const word = line.slice(Math.max(0, answer.from - before.length));
    if (answer.items.length === 0 && answer.note) options.note(answer.note);
    return [answer.items.map((item) => item.label), word];
  };

  return (line, callback) => {
    complete(line).then(
      (result) => callback(null, result),
      // A completer bug must not end the session: readline would print the error; list nothing instead.
      () => callback(null, [[], line]),
    );
  };
}
