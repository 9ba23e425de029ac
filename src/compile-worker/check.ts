// Checking one program: compile it (or only read it) and turn a LispError into a positioned problem.
import { compile, LispError, read } from "../lisp/index.js";
import type { CheckMode, CheckResult } from "./messages.js";

/** Not expanded until the first Run: a shared program's macros are its author's code. */
export const READ_ONLY_NOTE = "macros of a shared program are expanded when you press Run; until then only brackets and strings are checked";

/** Check `source`; a LispError becomes a positioned problem instead of a throw. */
export function checkProgram(source: string, filename: string, mode: CheckMode = "full"): CheckResult {
  try {
    if (mode === "read") {
      read(source, filename);
      return { ok: true, code: undefined, note: READ_ONLY_NOTE };
    }
    return { ok: true, code: compile(source, { filename, target: "function" }).code };
  } catch (error) {
    if (!(error instanceof LispError)) {
      // A compiler bug, not the user's: still say so where they are looking.
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `internal compiler error: ${message}`, range: { line: 1, column: 1 } };
    }
    const details = [error.what];
    if (error.expected) details.push(`expected: ${error.expected}`);
    if (error.suggestion) details.push(`try: ${error.suggestion}`);
    return {
      ok: false,
      // The position leads, so it reads the same here as in the output: "3:1: …".
      message: `${error.line}:${error.column}: ${details.join("\n")}`,
      range: { line: error.line, column: error.column, endLine: error.endLine, endColumn: error.endColumn },
    };
  }
}
