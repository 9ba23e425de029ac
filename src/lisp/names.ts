// Lisp names → JS identifiers. Deterministic, so the same symbol always becomes
// the same identifier across files and REPL entries.
//   add-one → add_one     (a '-' between name characters, as Hy does)
//   empty?  → empty$QMARK   set! → set$BANG   ->  → $DASH$GT
//   class   → class$      (reserved words get a trailing '$')

export const CHAR_NAMES: Readonly<Record<string, string>> = {
  "-": "$DASH",
  "?": "$QMARK",
  "!": "$BANG",
  "*": "$STAR",
  "+": "$PLUS",
  "<": "$LT",
  ">": "$GT",
  "=": "$EQ",
  "/": "$SLASH",
  "%": "$PCT",
  "&": "$AMP",
  "|": "$BAR",
  "^": "$CARET",
  ".": "$DOT",
  ":": "$COLON",
  "'": "$QUOTE",
  "#": "$HASH",
  "@": "$AT",
  "~": "$TILDE",
};

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await"
  ).split(" "),
);

// Unicode letters are valid in JS identifiers, so `π` stays `π` and `(. u π)`
// reaches the Python attribute of that name.
const IDENTIFIER = /^[\p{ID_Start}_$][\p{ID_Continue}_$\u200c\u200d]*$/u;
const NAME_CHAR = /[\p{ID_Continue}_$\u200c\u200d]/u;
const START_CHAR = /^[\p{ID_Start}_$]/u;

const cache = new Map<string, string>();

/** The JS identifier for a Lisp name used as a binding or variable. */
export function mangle(name: string): string {
  const known = cache.get(name);
  if (known !== undefined) return known;
  let out = mangleChars(name);
  if (RESERVED.has(out)) out += "$";
  cache.set(name, out);
  return out;
}

/** The JS property name for a Lisp name after a dot (reserved words are fine there). */
export function mangleProperty(name: string): string {
  return mangleChars(name);
}

/** A keyword argument's name: mangled like a symbol, reserved words allowed (they are object keys). */
export const mangleKeyword = mangleProperty;

function mangleChars(name: string): string {
  if (IDENTIFIER.test(name)) return name;
  let out = "";
  const chars = Array.from(name);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (NAME_CHAR.test(ch)) out += ch;
    else if (ch === "-" && i > 0 && i < chars.length - 1 && NAME_CHAR.test(chars[i - 1]!) && NAME_CHAR.test(chars[i + 1]!)) out += "_";
    else out += CHAR_NAMES[ch] ?? `$u${ch.codePointAt(0)!.toString(16)}$`;
  }
  if (out === "" || !START_CHAR.test(out)) out = "$" + out;
  return out;
}

/** Names that are valid references but must never be declared (strict mode, or shadowing would mislead). */
export const UNBINDABLE = new Set(["arguments", "eval", "undefined", "NaN", "Infinity", "globalThis"]);

/** Can `text` follow a dot, or be an object key, without quotes? (Reserved words can.) */
export function isIdentifierName(text: string): boolean {
  return IDENTIFIER.test(text);
}
