// What completion and hover need to know about a Lisp text that is being typed:
// tokens, the names it defines, the Python modules it binds, the locals in scope
// at a position. Text being edited is rarely complete, so this never throws and
// never uses the compiler's reader: unclosed brackets and strings are fine.

export type TokenType = "open" | "close" | "string" | "symbol" | "prefix";

export interface Token {
  type: TokenType;
  /** The text as written (a string token keeps its quotes, an unclosed one lacks the last). */
  text: string;
  from: number;
  to: number;
}

const delimiters = new Set(["(", ")", "[", "]", "{", "}", '"', ";", "'", "`", "~", "@", ","]);

function isSpace(char: string): boolean {
  return char === " " || char === "\n" || char === "\t" || char === "\r" || char === ",";
}

export function isSymbolChar(char: string): boolean {
  return !isSpace(char) && !delimiters.has(char);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const char = text[pos]!;
    const start = pos;
    if (isSpace(char)) {
      pos += 1;
    } else if (char === ";") {
      while (pos < text.length && text[pos] !== "\n") pos += 1;
    } else if (char === "(" || char === "[" || char === "{") {
      tokens.push({ type: "open", text: char, from: start, to: ++pos });
    } else if (char === "#" && text[pos + 1] === "{") {
      pos += 2;
      tokens.push({ type: "open", text: "#{", from: start, to: pos });
    } else if (char === ")" || char === "]" || char === "}") {
      tokens.push({ type: "close", text: char, from: start, to: ++pos });
    } else if (char === '"') {
      pos += 1;
      while (pos < text.length && text[pos] !== '"') pos += text[pos] === "\\" ? 2 : 1;
      pos = Math.min(pos + 1, text.length);
      tokens.push({ type: "string", text: text.slice(start, pos), from: start, to: pos });
    } else if (char === "'" || char === "`" || char === "~" || char === "@") {
      pos += text[pos + 1] === "@" && char === "~" ? 2 : 1;
      tokens.push({ type: "prefix", text: text.slice(start, pos), from: start, to: pos });
    } else {
      while (pos < text.length && isSymbolChar(text[pos]!)) pos += 1;
      tokens.push({ type: "symbol", text: text.slice(start, pos), from: start, to: pos });
    }
  }
  return tokens;
}

/** A string token's content, escapes undone the simple way (enough for module names and docs). */
export function stringValue(token: Token): string {
  const closed = token.text.length >= 2 && token.text.endsWith('"') && !token.text.endsWith('\\"');
  const inner = token.text.slice(1, closed ? -1 : undefined);
  return inner.replace(/\\(.)/g, (_, escaped: string) => (escaped === "n" ? "\n" : escaped === "t" ? "\t" : escaped));
}

export type DefinitionKind = "def" | "defn" | "defmacro" | "python";

export interface Definition {
  name: string;
  kind: DefinitionKind;
  /** Where the name is written. */
  from: number;
  line: number;
  /** defn's docstring, if any. */
  doc?: string;
  /** defn/defmacro's parameter vector as written. */
  params?: string;
  /** For a Python binding: the module name or file path given to $py / py.import. */
  module?: string;
}

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line += 1;
  return line;
}

/** The text of the form starting at token `index` (for a parameter vector). */
function formText(text: string, tokens: Token[], index: number): string {
  const first = tokens[index];
  if (!first) return "";
  if (first.type !== "open") return first.text;
  let depth = 0;
  for (let i = index; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "open") depth += 1;
    if (token.type === "close") depth -= 1;
    if (depth === 0) return text.slice(first.from, token.to);
  }
  return text.slice(first.from);
}

function isSymbol(token: Token | undefined, name?: string): token is Token {
  return token?.type === "symbol" && (name === undefined || token.text === name);
}

/**
 * Every `def`, `defn`, `defmacro` and `py.import` in the text, wherever it stands,
 * with a Python module recorded for `(def x ($py "m"))` and `(py.import "m" :as x)`.
 * Later definitions of a name come later in the list.
 */
export function definitions(text: string, tokens = tokenize(text)): Definition[] {
  const found: Definition[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]!.type !== "open" || tokens[i]!.text !== "(") continue;
    const head = tokens[i + 1]!;
    if (!isSymbol(head)) continue;
    const nameToken = tokens[i + 2];
    if (head.text === "py.import") {
      const moduleToken = tokens[i + 2];
      if (moduleToken?.type !== "string") continue;
      const module = stringValue(moduleToken);
      const as = tokens[i + 3];
      const alias = isSymbol(as, ":as") && isSymbol(tokens[i + 4]) ? tokens[i + 4]! : undefined;
      const name = alias ? alias.text : module;
      if (!alias && !/^[A-Za-z_][\w.]*$/.test(module)) continue;
      const at = alias ? alias.from : moduleToken.from;
      found.push({ name, kind: "python", from: at, line: lineOf(text, at), module });
      continue;
    }
    if (!isSymbol(nameToken)) continue;
    const line = lineOf(text, nameToken.from);
    if (head.text === "def") {
      const value = pythonModuleAt(tokens, i + 3);
      if (value !== undefined) found.push({ name: nameToken.text, kind: "python", from: nameToken.from, line, module: value });
      else found.push({ name: nameToken.text, kind: "def", from: nameToken.from, line });
    } else if (head.text === "defn" || head.text === "defmacro") {
      let next = i + 3;
      let doc: string | undefined;
      if (tokens[next]?.type === "string") {
        doc = stringValue(tokens[next]!);
        next += 1;
      }
      const params = tokens[next]?.text === "[" ? formText(text, tokens, next) : undefined;
      found.push({ name: nameToken.text, kind: head.text, from: nameToken.from, line, doc, params });
    }
  }
  return found;
}

/** The module of `($py "m")` or `(await ($py "m"))` starting at token `index`, if that is what stands there. */
function pythonModuleAt(tokens: Token[], index: number): string | undefined {
  let i = index;
  if (tokens[i]?.text === "(" && isSymbol(tokens[i + 1], "await")) i += 2;
  if (tokens[i]?.text === "(" && isSymbol(tokens[i + 1], "$py") && tokens[i + 2]?.type === "string") {
    return stringValue(tokens[i + 2]!);
  }
  return undefined;
}

/** The last definition of each name (what the name means at the end of the file). */
export function definitionsByName(defs: readonly Definition[]): Map<string, Definition> {
  const byName = new Map<string, Definition>();
  for (const def of defs) byName.set(def.name, def);
  return byName;
}

// ---- Locals ----------------------------------------------------------------

/** Forms whose first vector binds names, and how: every symbol in it, or every other item. */
const binders: Readonly<Record<string, "params" | "pairs">> = {
  fn: "params",
  defn: "params",
  defmacro: "params",
  let: "pairs",
  loop: "pairs",
  for: "pairs",
  "for-await": "pairs",
};

interface Frame {
  open: Token;
  head?: string;
  /** Items seen so far in this bracket. */
  items: number;
  /** The names this form binds, visible to the rest of it. */
  names: Local[];
  /** Set while this is a binding vector: how it binds, and the frame that gets the names. */
  binding?: { mode: "params" | "pairs" | "all"; owner: Frame };
  boundVector: boolean;
}

export interface Local {
  name: string;
  from: number;
}

/** The local names in scope at `offset` (innermost last): parameters, let/loop/for bindings, catch names. */
export function localsAt(text: string, offset: number, tokens = tokenize(text)): Local[] {
  const stack: Frame[] = [{ open: { type: "open", text: "", from: 0, to: 0 }, items: 0, names: [], boundVector: false }];
  for (const token of tokens) {
    if (token.from >= offset) break;
    const frame = stack[stack.length - 1]!;
    if (token.type === "close") {
      if (stack.length > 1) stack.pop();
      continue;
    }
    if (token.type === "prefix") continue;
    const index = frame.items++;
    if (frame.binding && token.type === "symbol" && token.to < offset) {
      const { mode, owner } = frame.binding;
      const binds = mode === "pairs" ? index % 2 === 0 : token.text !== "&" && !token.text.startsWith(":");
      if (binds) owner.names.push({ name: token.text, from: token.from });
    }
    if (frame.open.text === "(" && index === 0 && token.type === "symbol") frame.head = token.text;
    // (catch Class e …) binds e.
    if (frame.head === "catch" && index === 2 && token.type === "symbol" && token.to < offset) {
      frame.names.push({ name: token.text, from: token.from });
    }
    if (token.type !== "open") continue;
    const child: Frame = { open: token, items: 0, names: [], boundVector: false };
    const mode = frame.head !== undefined ? binders[frame.head] : undefined;
    if (frame.binding && (frame.binding.mode !== "pairs" || index % 2 === 0)) {
      child.binding = { mode: "all", owner: frame.binding.owner }; // destructuring
    } else if (mode && token.text === "[" && !frame.boundVector) {
      frame.boundVector = true;
      child.binding = { mode, owner: frame };
    }
    stack.push(child);
  }
  return stack.flatMap((frame) => frame.names);
}

// ---- What is being typed ---------------------------------------------------

export type CompletionContext =
  /** A Lisp name: `pri|`. */
  | { kind: "symbol"; prefix: string; from: number }
  /** A Python attribute: `stats.me|`, `os.path.jo|`, `(. stats me|`. */
  | { kind: "member"; object: string; path: string[]; prefix: string; from: number }
  /** A module name inside `($py "|")` or `(py.import "|")`. */
  | { kind: "module"; prefix: string; from: number };

/** The enclosing list's head and the items before `offset` in it, for `(. obj attr)`. */
function enclosingList(tokens: Token[], offset: number): Token[] | undefined {
  const stack: Token[][] = [];
  for (const token of tokens) {
    if (token.from >= offset) break;
    if (token.type === "open") stack.push([token]);
    else if (token.type === "close") stack.pop();
    else stack[stack.length - 1]?.push(token);
  }
  const innermost = stack[stack.length - 1];
  return innermost && innermost[0]!.text === "(" ? innermost.slice(1) : undefined;
}

/** A dotted name split into the object and its attribute path: `os.path` → os, [path]. */
export function splitDotted(name: string): { object: string; path: string[] } | undefined {
  const parts = name.split(".");
  if (parts.length < 2 || parts.some((part) => part === "")) return undefined;
  return { object: parts[0]!, path: parts.slice(1) };
}

export function contextAt(text: string, offset: number, tokens = tokenize(text)): CompletionContext | undefined {
  const inside = tokens.find((token) => token.from < offset && offset <= token.to);
  if (inside?.type === "string") {
    const closedBefore = inside.text.length > 1 && inside.text.endsWith('"') && offset === inside.to;
    if (closedBefore) return undefined;
    const list = enclosingList(tokens, inside.from);
    const head = list?.[0];
    if (list && list.length === 1 && isSymbol(head) && (head.text === "$py" || head.text === "py.import")) {
      return { kind: "module", prefix: text.slice(inside.from + 1, offset), from: inside.from + 1 };
    }
    return undefined;
  }
  if (inside && inside.type !== "symbol") return undefined;
  const word = inside ? text.slice(inside.from, offset) : "";
  const from = inside ? inside.from : offset;
  const list = enclosingList(tokens, from);
  // (. obj attr): the item after the object.
  if (list && isSymbol(list[0], ".") && list.length === 2 && isSymbol(list[1]) && !word.includes(".")) {
    const dotted = splitDotted(list[1].text);
    const object = dotted ? dotted.object : list[1].text;
    return { kind: "member", object, path: dotted ? dotted.path : [], prefix: word, from };
  }
  const lastDot = word.lastIndexOf(".");
  if (lastDot > 0) {
    const parts = word.slice(0, lastDot).split(".");
    if (!parts.some((part) => part === "")) {
      return { kind: "member", object: parts[0]!, path: parts.slice(1), prefix: word.slice(lastDot + 1), from: from + lastDot + 1 };
    }
  }
  return { kind: "symbol", prefix: word, from };
}

/** The symbol token under `offset` (a hover), if any. */
export function symbolAt(tokens: Token[], offset: number): Token | undefined {
  return tokens.find((token) => token.type === "symbol" && token.from <= offset && offset < token.to);
}
