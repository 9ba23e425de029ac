// Text → forms. One pass over the characters with an explicit stack of open
// collections (so deep nesting cannot overflow the JS stack), keeping a
// SourceLocation on every symbol, keyword and collection.
import { Keyword, List, MapForm, SetForm, Span, Sym, Vector, type Form, type Loc } from "./forms.js";
import { LispError } from "./errors.js";

const CLOSER: Record<string, string> = { "(": ")", "[": "]", "{": "}", "#{": "}" };
const PREFIX_FORMS: Record<string, string> = {
  "'": "quote",
  "`": "quasiquote",
  "~": "unquote",
  "~@": "unquote-splicing",
};

type Frame =
  | { kind: "coll"; open: string; items: List | Vector | MapForm | SetForm; start: { line: number; column: number } }
  | { kind: "prefix"; name: string; text: string; start: { line: number; column: number } }
  | { kind: "discard"; start: { line: number; column: number } };

const enum Ch {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
}

// Characters that end a symbol, number or keyword token.
const DELIMITERS = new Uint8Array(128);
for (const c of " \t\n\r\f\v,()[]{}\";`~") DELIMITERS[c.charCodeAt(0)] = 1;

const NUMBER =
  /^[+-]?(?:0[xX][0-9a-fA-F]+n?|0[bB][01]+n?|0[oO][0-7]+n?|\d+n|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;

const isDigit = (code: number) => code >= 48 && code <= 57;

/** Starts like a number (`1`, `-1`, `+.5`, `.5`): then it must be one. */
function looksNumeric(text: string): boolean {
  let i = 0;
  let c = text.charCodeAt(0);
  if (c === 43 /* + */ || c === 45 /* - */) c = text.charCodeAt(++i);
  if (c === 46 /* . */) c = text.charCodeAt(++i);
  return isDigit(c);
}

export function read(source: string, file: string): Form[] {
  return new Reader(source, file).readAll();
}

class Reader {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly stack: Frame[] = [];
  private readonly top: Form[] = [];

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {}

  readAll(): Form[] {
    const src = this.source;
    // A first line `#!/usr/bin/env polyglot` makes a program executable; it is not code.
    if (src.startsWith("#!")) while (this.pos < src.length && src.charCodeAt(this.pos) !== Ch.Newline) this.pos++;
    while (true) {
      this.skipSpace();
      if (this.pos >= src.length) break;
      const start = this.here();
      const ch = src[this.pos];
      switch (ch) {
        case "(":
        case "[":
        case "{":
          this.advance(1);
          this.stack.push({ kind: "coll", open: ch, items: ch === "(" ? new List() : ch === "[" ? new Vector() : new MapForm(), start });
          break;
        case ")":
        case "]":
        case "}":
          this.close(ch, start);
          break;
        case "'":
        case "`":
          this.advance(1);
          this.stack.push({ kind: "prefix", name: PREFIX_FORMS[ch]!, text: ch, start });
          break;
        case "~": {
          const text = src[this.pos + 1] === "@" ? "~@" : "~";
          this.advance(text.length);
          this.stack.push({ kind: "prefix", name: PREFIX_FORMS[text]!, text, start });
          break;
        }
        case "#":
          this.dispatch(start);
          break;
        case '"':
          this.emit(this.readString(start));
          break;
        default:
          this.emit(this.readToken(start));
      }
    }
    this.finishInput();
    return this.top;
  }

  // --- positions -------------------------------------------------------------

  private here(): { line: number; column: number } {
    return { line: this.line, column: this.pos - this.lineStart };
  }

  private locFrom(start: { line: number; column: number }): Loc {
    return new Span(this.file, start.line, start.column, this.line, this.pos - this.lineStart);
  }

  /** The one character at `start` (built only when reporting an error). */
  private charLoc(start: { line: number; column: number }): Loc {
    return { source: this.file, start, end: { line: start.line, column: start.column + 1 } };
  }

  /** Advance over characters that contain no newline. */
  private advance(n: number): void {
    this.pos += n;
  }

  private skipSpace(): void {
    const src = this.source;
    while (this.pos < src.length) {
      const c = src.charCodeAt(this.pos);
      if (c === Ch.Newline) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === Ch.Space || c === Ch.Tab || c === Ch.Return || c === 44 /* , */ || c === 12 || c === 11) {
        this.pos++;
      } else if (c === 59 /* ; */) {
        while (this.pos < src.length && src.charCodeAt(this.pos) !== Ch.Newline) this.pos++;
      } else {
        return;
      }
    }
  }

  private fail(what: string, loc: Loc, expected?: string, suggestion?: string, incomplete = false): never {
    throw new LispError({ what, loc, source: this.source, expected, suggestion, incomplete });
  }

  // --- building --------------------------------------------------------------

  /** Hand a finished form to the innermost open frame, unwinding prefixes. */
  private emit(form: Form): void {
    let value = form;
    while (true) {
      const frame = this.stack[this.stack.length - 1];
      if (frame === undefined) {
        this.top.push(value);
        return;
      }
      if (frame.kind === "coll") {
        frame.items.push(value);
        return;
      }
      this.stack.pop();
      if (frame.kind === "discard") return;
      const loc = this.locFrom(frame.start);
      const wrapped = new List();
      wrapped.push(new Sym(frame.name, new Span(this.file, frame.start.line, frame.start.column, frame.start.line, frame.start.column + frame.text.length)), value);
      wrapped.loc = loc;
      value = wrapped;
    }
  }

  private close(closer: string, start: { line: number; column: number }): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) {
      this.fail(`unexpected '${closer}' with no open bracket`, this.charLoc(start), "a form or the end of the input", `remove this '${closer}', or add the '(' it should close`);
    }
    if (frame.kind !== "coll") {
      const what = frame.kind === "discard" ? "#_" : frame.text;
      this.fail(`'${what}' must be followed by a form, found '${closer}'`, this.charLoc(start), "a form", `add a form after '${what}' or remove it`);
    }
    const want = CLOSER[frame.open]!;
    if (closer !== want) {
      this.fail(
        `mismatched '${closer}': the '${frame.open}' opened at ${frame.start.line}:${frame.start.column + 1} needs '${want}'`,
        this.charLoc(start),
        `'${want}'`,
        `replace '${closer}' with '${want}'`,
      );
    }
    this.advance(1);
    this.stack.pop();
    const form = frame.items;
    form.loc = this.locFrom(frame.start);
    if (form instanceof MapForm && form.length % 2 !== 0) {
      this.fail(
        `a map needs an even number of forms (keys and values), this one has ${form.length}`,
        form.loc,
        "key value pairs",
        "add the missing key or value",
      );
    }
    this.emit(form);
  }

  private finishInput(): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) return;
    const loc: Loc = { source: this.file, start: frame.start, end: { line: frame.start.line, column: frame.start.column + 1 } };
    if (frame.kind === "coll") {
      const want = CLOSER[frame.open]!;
      this.fail(
        `unclosed '${frame.open}': the input ended before its '${want}'`,
        loc,
        `'${want}' to close the '${frame.open}' opened here`,
        `add '${want}' at the end of the form`,
        true,
      );
    }
    const what = frame.kind === "discard" ? "#_" : frame.text;
    this.fail(`'${what}' at the end of the input has no form to apply to`, loc, "a form", `add a form after '${what}' or remove it`, true);
  }

  // --- tokens ----------------------------------------------------------------

  private dispatch(start: { line: number; column: number }): void {
    const next = this.source[this.pos + 1];
    if (next === "{") {
      this.advance(2);
      this.stack.push({ kind: "coll", open: "#{", items: new SetForm(), start });
    } else if (next === "_") {
      this.advance(2);
      this.stack.push({ kind: "discard", start });
    } else {
      const loc: Loc = { source: this.file, start, end: { line: start.line, column: start.column + 2 } };
      this.fail(
        `unknown dispatch '#${next ?? ""}'`,
        loc,
        "'#{' for a set or '#_' to discard a form",
        "write a set as #{1 2}, or remove the '#'",
      );
    }
  }

  private readString(start: { line: number; column: number }): string {
    const src = this.source;
    this.pos++;
    let text = "";
    let chunk = this.pos;
    while (true) {
      if (this.pos >= src.length) {
        this.fail(
          "unterminated string: the input ended before its closing '\"'",
          { source: this.file, start, end: { line: start.line, column: start.column + 1 } },
          "'\"' to close the string opened here",
          "add '\"' where the string should end",
          true,
        );
      }
      const c = src.charCodeAt(this.pos);
      if (c === 34 /* " */) {
        text += src.slice(chunk, this.pos);
        this.pos++;
        return text;
      }
      if (c === Ch.Newline) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === 92 /* \ */) {
        text += src.slice(chunk, this.pos);
        text += this.readEscape();
        chunk = this.pos;
      } else {
        this.pos++;
      }
    }
  }

  private readEscape(): string {
    const src = this.source;
    const start = this.here();
    const c = src[this.pos + 1];
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "0": "\0", b: "\b", f: "\f", v: "\v" };
    if (c !== undefined && c in simple) {
      this.pos += 2;
      return simple[c]!;
    }
    if (c === "u") {
      const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(this.pos + 2, this.pos + 10));
      const plain = /^[0-9a-fA-F]{4}/.exec(src.slice(this.pos + 2, this.pos + 6));
      const hex = braced ? braced[1]! : plain ? plain[0] : undefined;
      const code = hex === undefined ? NaN : parseInt(hex, 16);
      if (!Number.isNaN(code) && code <= 0x10ffff) {
        this.pos += 2 + (braced ? braced[0].length : 4);
        return String.fromCodePoint(code);
      }
    }
    const shown = c === undefined || c === "\n" ? "" : c === "u" ? src.slice(this.pos + 1, this.pos + 6) : c;
    this.fail(
      `bad escape '\\${shown}' in string`,
      { source: this.file, start, end: { line: start.line, column: start.column + 1 + shown.length } },
      "one of \\n \\t \\r \\\" \\\\ \\0 \\b \\f \\v \\uXXXX \\u{X…}",
      "write a backslash itself as \\\\",
    );
  }

  private readToken(start: { line: number; column: number }): Form {
    const src = this.source;
    const begin = this.pos;
    while (this.pos < src.length) {
      const c = src.charCodeAt(this.pos);
      if (c < 128 && DELIMITERS[c] === 1) break;
      this.pos++;
    }
    const text = src.slice(begin, this.pos);
    const loc = this.locFrom(start);
    if (looksNumeric(text)) return this.number(text, loc);
    if (text.charCodeAt(0) === 58 /* : */) {
      const name = text.slice(1);
      if (name === "" || name.includes(":")) {
        this.fail(`bad keyword '${text}'`, loc, "a name after ':'", "write a keyword as :name");
      }
      return new Keyword(name, loc);
    }
    if (text === "nil") return null;
    if (text === "true") return true;
    if (text === "false") return false;
    return new Sym(text, loc);
  }

  private number(text: string, loc: Loc): number | bigint {
    if (!NUMBER.test(text)) {
      this.fail(`bad number '${text}'`, loc, "a number like 42, -7, 0x1F, 3.14, 1e-3 or 12n", "fix the digits, or start a name with a letter");
    }
    if (text.endsWith("n")) {
      const negative = text.startsWith("-");
      const digits = text.slice(text[0] === "-" || text[0] === "+" ? 1 : 0, -1);
      const value = BigInt(digits);
      return negative ? -value : value;
    }
    const unsigned = text.replace(/^[+-]/, "");
    const value = /^0[xXbBoO]/.test(unsigned) ? Number(unsigned) : Number(unsigned);
    return text.startsWith("-") ? -value : value;
  }
}

