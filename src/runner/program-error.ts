// One shape for everything that can go wrong with a program, whatever the
// stage: the CLI prints `text`, the playground marks `line:column`.
import { PythonError } from "../bridge/errors.js";
import { frameAt, LispError, lispNamesIn, shortLine, terminalSafe } from "../lisp/index.js";

export type ProgramErrorKind = "syntax" | "runtime" | "python";

export interface ProgramError {
  kind: ProgramErrorKind;
  /** "SyntaxError", "TypeError", or the Python class name ("ValueError"). */
  type: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
  /** Python's formatted traceback, for Python errors. */
  traceback?: string;
  /** The whole report: `FILE:LINE:COL: Type: message`, the source line with a caret, the traceback. */
  text: string;
}

export function fromLispError(error: LispError, file: string): ProgramError {
  return {
    kind: "syntax",
    type: "SyntaxError",
    message: error.message,
    file: error.file || file,
    line: error.line,
    column: error.column,
    text: error.formatted(),
  };
}

/** A runtime failure (JS or Python), placed at `position` in the Lisp source when known. */
export function fromRuntimeError(
  error: unknown,
  file: string,
  source: string,
  position: { line: number; column: number } | undefined,
): ProgramError {
  const python = error instanceof PythonError ? error : undefined;
  const type = python ? python.type : errorName(error);
  // A JS error names the compiled identifiers (`undefined_fn`); the user wrote Lisp (`undefined-fn`).
  const message = python ? python.message : lispNamesIn(errorMessage(error), source, position);
  const where = position ? `${file}:${position.line}:${position.column}` : file;
  const lines = [shortLine(`${where}: ${type}: ${message}`, 1000)];
  const frame = position ? frameAt(source, position.line, position.column) : "";
  if (frame) lines.push(frame);
  if (python?.traceback) lines.push(python.traceback.trimEnd().split("\n").map(terminalSafe).join("\n"));
  return {
    kind: python ? "python" : "runtime",
    type,
    message,
    file,
    line: position?.line,
    column: position?.column,
    traceback: python?.traceback,
    text: lines.join("\n"),
  };
}

function errorName(error: unknown): string {
  if (error instanceof Error) return error.name || "Error";
  return "Error";
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  // `(throw "text")` and friends: show what was thrown.
  return typeof error === "string" ? error : String(error);
}
