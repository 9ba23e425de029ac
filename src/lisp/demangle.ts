// Compiled names → the Lisp names the user wrote, for runtime error messages.
// The error's Lisp position tells which symbol was being evaluated; failing
// that, the spelled-out characters (`$SLASH`, `$DOT`) are read back.
import { CHAR_NAMES, mangle, mangleProperty } from "./names.js";

const DELIMITER = /[\s()[\]{}"';,`~@^]/;
const SPELLED = new Map(Object.entries(CHAR_NAMES).map(([ch, spelled]) => [spelled, ch]));
const SPELLED_PATTERN = new RegExp(`(${[...SPELLED.keys()].map((s) => s.replace("$", "\\$")).join("|")})`, "g");

/** `message` with the JS identifiers of the symbol at `position` (1-based) written as in Lisp. */
export function lispNamesIn(message: string, source: string, position: { line: number; column: number } | undefined): string {
  const token = position ? tokenAt(source, position.line, position.column) : undefined;
  let out = message;
  let replaced = false;
  if (token) {
    for (const part of new Set([token, ...token.split(".")])) {
      for (const js of new Set([mangle(part), mangleProperty(part)])) {
        if (js === part || js === "") continue;
        const pattern = new RegExp(`(?<![\\w$])${escapeRegExp(js)}(?![\\w$])`, "gu");
        if (pattern.test(out)) {
          out = out.replace(pattern, part);
          replaced = true;
        }
      }
    }
  }
  // No position (or no match): any identifier in the message that some symbol of the source compiles to.
  if (!replaced) {
    const symbols = symbolsOf(source);
    out = out.replace(/(?<![\w$])[\p{ID_Start}_$][\p{ID_Continue}_$]*/gu, (js) => {
      if (!/[_$]/.test(js)) return js;
      return symbols.get(js) ?? js.replace(SPELLED_PATTERN, (spelled) => SPELLED.get(spelled)!);
    });
  }
  return out;
}

/** Every symbol-like token of the source, by the JS name it compiles to (first one wins). */
function symbolsOf(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const token of source.split(/[\s()[\]{}"';,`~@^]+/)) {
    if (token === "" || token.startsWith(":")) continue;
    for (const part of [token, ...token.split(".")]) {
      const js = mangle(part);
      if (js !== part && !found.has(js)) found.set(js, part);
    }
  }
  return found;
}

/** The symbol text starting at (or around) a 1-based line and column. */
function tokenAt(source: string, line: number, column: number): string | undefined {
  const lines = source.split("\n");
  const text = lines[line - 1];
  if (text === undefined) return undefined;
  let start = Math.min(column - 1, text.length);
  // A call is placed at its opening bracket: the name is its head.
  while (text[start] === "(") start++;
  while (start > 0 && !DELIMITER.test(text[start - 1]!)) start--;
  let end = start;
  while (end < text.length && !DELIMITER.test(text[end]!)) end++;
  const token = text.slice(start, end);
  return token === "" ? undefined : token;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
