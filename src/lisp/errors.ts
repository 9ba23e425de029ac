// Compile-time errors, reported the way Fennel's friend.fnl does: where, what,
// the source line with a caret under the place, and a suggestion.
import type { Loc } from "./forms.js";

export interface LispErrorDetails {
  /** What went wrong, one line, without the position prefix. */
  what: string;
  loc: Loc;
  /** The program text, to quote the offending line. */
  source?: string;
  /** What the compiler expected instead. */
  expected?: string;
  /** How to fix it. */
  suggestion?: string;
  /** The input ended inside an open bracket or string: more text could complete it (the REPL reads on). */
  incomplete?: boolean;
}

export class LispError extends Error {
  override readonly name = "LispError";
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly endLine: number;
  /** 1-based, exclusive. */
  readonly endColumn: number;
  readonly what: string;
  readonly expected?: string;
  readonly suggestion?: string;
  readonly incomplete: boolean;
  /** The source line with a caret under the place, or "" without source. */
  readonly frame: string;

  constructor(details: LispErrorDetails) {
    const { loc } = details;
    const file = loc.source ?? "<input>";
    super(`${file}:${loc.start.line}:${loc.start.column + 1}: ${details.what}`);
    this.file = file;
    this.line = loc.start.line;
    this.column = loc.start.column + 1;
    this.endLine = loc.end.line;
    this.endColumn = loc.end.column + 1;
    this.what = details.what;
    this.expected = details.expected;
    this.suggestion = details.suggestion;
    this.incomplete = details.incomplete === true;
    this.frame = details.source === undefined ? "" : frameOf(details.source, loc);
  }

  /** The full report: message, quoted source, expectation and suggestion. */
  formatted(): string {
    const lines = [shortLine(this.message)];
    if (this.frame) lines.push(this.frame);
    if (this.expected) lines.push(shortLine(`expected: ${this.expected}`));
    if (this.suggestion) lines.push(shortLine(`try: ${this.suggestion}`));
    return lines.join("\n");
  }
}

/** The source line and a caret under a 1-based line and column: for errors found at run time. */
export function frameAt(source: string, line: number, column: number): string {
  return frameOf(source, { start: { line, column: column - 1 }, end: { line, column } });
}

/** At most this many columns of the source line are quoted, centred on the error. */
const FRAME_WIDTH = 120;

/** `  3 | (defn broken [x]` plus a caret line under the span (first line only). */
function frameOf(source: string, loc: Loc): string {
  const lineText = sourceLine(source, loc.start.line);
  if (lineText === undefined) return "";
  const gutter = `${loc.start.line} | `;
  const start = Math.min(loc.start.column, lineText.length);
  const end = loc.end.line === loc.start.line ? Math.max(loc.end.column, start + 1) : start + 1;
  // A long line (minified code, a binary file) is cut to a window around the error.
  const from = lineText.length <= FRAME_WIDTH ? 0 : Math.max(0, Math.min(start - FRAME_WIDTH / 2, lineText.length - FRAME_WIDTH));
  const to = Math.min(lineText.length, from + FRAME_WIDTH);
  const before = from > 0 ? "…" : "";
  const after = to < lineText.length ? "…" : "";
  // Tabs become two spaces, so the frame holds no control character at all and the caret lines up.
  const quoted = (text: string) => terminalSafe(text).replace(/\t/g, "  ");
  const shown = before + quoted(lineText.slice(from, to)) + after;
  const pad = " ".repeat(before.length + quoted(lineText.slice(from, start)).length);
  const width = Math.max(1, quoted(lineText.slice(start, Math.min(end, to))).length);
  return `${gutter}${shown}\n${" ".repeat(gutter.length)}${pad}${"^".repeat(width)}`;
}

// C0 controls but tab, DEL, C1 controls, and bidirectional overrides: quoted
// source must never drive the user's terminal (ANSI/OSC escapes) or reorder text.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line of a report: terminal-safe, and cut when a quoted form makes it huge. */
export function shortLine(text: string, limit = 2 * FRAME_WIDTH): string {
  const safe = terminalSafe(text);
  return safe.length <= limit ? safe : `${safe.slice(0, limit)}…`;
}

/** `text` with control characters spelled as escapes (`\x1b`, `\u202e`). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

function sourceLine(source: string, line: number): string | undefined {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = source.indexOf("\n", start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = source.indexOf("\n", start);
  return source.slice(start, end < 0 ? source.length : end).replace(/\r$/, "");
}

/** Helper for the common case of an error at a form's position. */
export function lispError(
  what: string,
  loc: Loc,
  source: string | undefined,
  extra: { expected?: string; suggestion?: string } = {},
): LispError {
  return new LispError({ what, loc, source, ...extra });
}
