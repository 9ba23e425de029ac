// Lisp names → JS identifiers. Deterministic, so the same symbol always becomes
// the same identifier across files and REPL entries.
//   add-one → add_one     (a '-' between name characters, as Hy does)
//   empty?  → empty$QMARK   set! → set$BANG   ->  → $DASH$GT
//   class   → class$      (reserved words get a trailing '$')

const CHAR_NAMES: Record<string, string> = {
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

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const NAME_CHAR = /[A-Za-z0-9_$]/;

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
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    if (NAME_CHAR.test(ch)) out += ch;
    else if (ch === "-" && i > 0 && i < name.length - 1 && NAME_CHAR.test(name[i - 1]!) && NAME_CHAR.test(name[i + 1]!)) out += "_";
    else out += CHAR_NAMES[ch] ?? `$u${ch.codePointAt(0)!.toString(16)}$`;
    if (ch.codePointAt(0)! > 0xffff) i++;
  }
  if (/^[0-9]/.test(out) || out === "") out = "$" + out;
  return out;
}

/** Names that are valid references but must never be declared (strict mode, or shadowing would mislead). */
export const UNBINDABLE = new Set(["arguments", "eval", "undefined", "NaN", "Infinity", "globalThis"]);

/** Can `text` follow a dot, or be an object key, without quotes? (Reserved words can.) */
export function isIdentifierName(text: string): boolean {
  return IDENTIFIER.test(text);
}
