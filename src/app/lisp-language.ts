// Syntax highlighting for Polyglot's Lisp: a small stream parser that knows the
// reader (docs/spec "Reading") and the special forms, so that keywords,
// BigInts, `#{` sets and `#_` discards colour the way the compiler reads them.
import { StreamLanguage, LanguageSupport, type StreamParser, type StringStream } from "@codemirror/language";
import { tags } from "@lezer/highlight";

/** Special forms and built-in macros: shown as keywords. */
const specialForms = new Set([
  "def", "defn", "defmacro", "fn", "let", "if", "when", "unless", "cond", "do", "set!",
  ".", "get", "new", "await", "try", "catch", "finally", "throw", "while", "loop", "recur",
  "for", "for-await", "and", "or", "not", "->", "->>", "quote", "quasiquote", "unquote",
  "unquote-splicing", "gensym", "py.import", "py->",
]);

/** Forms whose next symbol is the name being defined. */
const definers = new Set(["def", "defn", "defmacro"]);

/** The prelude: always in scope. */
const preludeNames = new Set([
  "print", "str", "range", "map", "filter", "reduce", "count", "first", "rest", "nth",
  "inc", "dec", "identity", "apply", "keys", "vals", "$py",
]);

const atoms = new Set(["nil", "true", "false"]);

const numberPattern = /^[-+]?(?:0[xX][0-9a-fA-F]+|\d+n|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(?=$|[\s,()[\]{}"';])/;
const symbolPattern = /^[^\s,()[\]{}"';`~@^]+/;

interface LispState {
  /** Inside a string that continues on the next line. */
  inString: boolean;
  /** The previous token opened a form: the next symbol is in head position. */
  headPosition: boolean;
  /** The previous token was a definer: the next symbol is a definition's name. */
  defining: boolean;
  /** For each open bracket, the column its contents indent to. */
  indents: number[];
}

function readString(stream: StringStream, state: LispState): string {
  let escaped = false;
  let next: string | void;
  while ((next = stream.next()) !== undefined) {
    if (next === '"' && !escaped) {
      state.inString = false;
      return "string";
    }
    escaped = !escaped && next === "\\";
  }
  state.inString = true;
  return "string";
}

export const lispParser: StreamParser<LispState> = {
  name: "polyglot-lisp",
  startState: () => ({ inString: false, headPosition: false, defining: false, indents: [] }),
  copyState: (state) => ({ ...state, indents: [...state.indents] }),
  token(stream, state) {
    if (state.inString) return readString(stream, state);
    if (stream.eatSpace() || stream.eat(",")) return null;
    const wasHead = state.headPosition;
    const wasDefining = state.defining;
    state.headPosition = false;
    state.defining = false;

    const ch = stream.peek();
    if (ch === ";") {
      stream.skipToEnd();
      return "comment";
    }
    if (ch === '"') {
      stream.next();
      return readString(stream, state);
    }
    if (ch === "(" || ch === "[" || ch === "{") {
      // Forms indent their body by two, like Clojure; data lines up after the bracket.
      state.indents.push(stream.column() + (ch === "(" ? 2 : 1));
      stream.next();
      state.headPosition = ch === "(";
      return "bracket";
    }
    if (ch === ")" || ch === "]" || ch === "}") {
      state.indents.pop();
      stream.next();
      return "bracket";
    }
    if (stream.match("#{")) {
      state.indents.push(stream.column() + 2);
      return "bracket";
    }
    if (stream.match("#_")) return "comment";
    if (stream.match("~@")) return "meta";
    if (ch === "'" || ch === "`" || ch === "~") {
      stream.next();
      return "meta";
    }
    if (stream.match(numberPattern)) return "number";
    if (ch === ":" && stream.match(/^:[^\s,()[\]{}"';]+/)) return "atom";

    const symbol = stream.match(symbolPattern);
    if (!symbol || symbol === true) {
      stream.next();
      return "invalidChar";
    }
    const word = symbol[0];
    if (wasDefining) return "def";
    if (atoms.has(word)) return "bool";
    if (wasHead && specialForms.has(word)) {
      state.defining = definers.has(word);
      return "keyword";
    }
    if (wasHead && word.startsWith(".") && word.length > 1) return "propertyName";
    if (preludeNames.has(word)) return "builtin";
    return wasHead ? "function" : "variableName";
  },
  indent(state) {
    if (state.inString) return null;
    return state.indents[state.indents.length - 1] ?? 0;
  },
  languageData: {
    commentTokens: { line: ";" },
    // `'` quotes a form in Lisp; auto-closing it would only get in the way.
    closeBrackets: { brackets: ["(", "[", "{", '"'] },
  },
  tokenTable: {
    bracket: tags.bracket,
    meta: tags.meta,
    def: tags.definition(tags.variableName),
    bool: tags.bool,
    atom: tags.atom,
    builtin: tags.standard(tags.variableName),
    function: tags.function(tags.variableName),
    propertyName: tags.propertyName,
    invalidChar: tags.invalid,
  },
};

export const lispLanguage = StreamLanguage.define(lispParser);

export function lisp(): LanguageSupport {
  return new LanguageSupport(lispLanguage);
}
