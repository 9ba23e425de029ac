// The compile worker's messages, declared once: the page asks for a check of one source text,
// the worker answers with the same id. See worker.ts for why compiling happens off the page.

/** A 1-based position, as the compiler reports it; the end is optional. */
export interface SourceRange {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * What a check found. `code` is the compiled JavaScript, or undefined when only the reader ran
 * (macros were not expanded: `note` says why).
 */
export type CheckResult =
  | { ok: true; code: string; note?: undefined }
  | { ok: true; code: undefined; note: string }
  /** `summary`: one line for the JavaScript pane's note when this is not a syntax error. */
  | { ok: false; message: string; range: SourceRange; summary?: string };

/**
 * "full" compiles (macros expanded, so user code runs in the worker); "read" runs the reader
 * only (brackets, strings), for a shared program nobody has chosen to run yet.
 */
export type CheckMode = "full" | "read";

export interface CheckRequest {
  id: number;
  source: string;
  filename: string;
  mode: CheckMode;
}

export interface CheckReply {
  id: number;
  result: CheckResult;
}
