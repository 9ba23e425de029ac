// Completion and hover for a Lisp text, independent of any editor: the
// playground's CodeMirror sources and the REPL's Tab both sit on this.
import { BUILTIN_DOCS } from "./lisp-docs.js";
import {
  contextAt,
  definitions,
  definitionsByName,
  localsAt,
  splitDotted,
  symbolAt,
  tokenize,
  type Definition,
} from "./lisp-text.js";
import { isFileModule, type PythonCatalog, type PythonMember, type PythonTarget } from "./python-catalog.js";

export type ItemKind = PythonMember["kind"] | "variable" | "special form" | "macro" | "local";

export interface CompletionItem {
  label: string;
  kind: ItemKind;
  /** A short detail shown beside the label: a signature, a line number. */
  detail?: string;
  /** The first line of the docstring, or the builtin's doc. */
  info?: string;
}

export interface CompletionResult {
  /** Where the replaced word starts. */
  from: number;
  items: CompletionItem[];
  /** Why Python names are missing, when they are. */
  note?: string;
}

export interface HoverResult {
  from: number;
  to: number;
  title: string;
  signature?: string;
  doc?: string;
}

export interface CompleterOptions {
  catalog: PythonCatalog;
  /** The current text of a file module the program names (`./tools.py`), if there is one. */
  pythonFile(spec: string): string | undefined;
}

export class Completer {
  constructor(private readonly options: CompleterOptions) {}

  /** What to offer at `offset`; undefined when nothing is being typed and the ask was not explicit. */
  async complete(text: string, offset: number, explicit = false): Promise<CompletionResult | undefined> {
    const tokens = tokenize(text);
    const context = contextAt(text, offset, tokens);
    if (!context) return undefined;
    if (context.kind === "module") {
      const answer = await this.options.catalog.modules();
      if (!answer.ok) return { from: context.from, items: [], note: answer.reason };
      const items = answer.value
        .filter((name) => name.startsWith(context.prefix))
        .map((name): CompletionItem => ({ label: name, kind: "module" }));
      return { from: context.from, items };
    }
    const defs = definitions(text, tokens);
    if (context.kind === "member") {
      // A name bound further down still counts: files are written top to bottom and back.
      const target = this.target(defs, context.object, context.path);
      if (typeof target === "string") return { from: context.from, items: [], note: target };
      const answer = await this.options.catalog.members(target);
      if (!answer.ok) return { from: context.from, items: [], note: answer.reason };
      const items = answer.value
        .filter((member) => member.name.startsWith(context.prefix))
        .map((member): CompletionItem => ({
          label: member.name,
          kind: member.kind,
          detail: member.signature ?? undefined,
          info: member.doc ?? undefined,
        }));
      return { from: context.from, items };
    }
    if (context.prefix === "" && !explicit) return undefined;
    return { from: context.from, items: lispNames(text, offset, tokens, defs).filter((item) => item.label.startsWith(context.prefix)) };
  }

  /** What the name under `offset` is: a Python attribute's signature and docstring, or where a Lisp name comes from. */
  async hover(text: string, offset: number): Promise<HoverResult | undefined> {
    const tokens = tokenize(text);
    const token = symbolAt(tokens, offset);
    if (!token) return undefined;
    const defs = definitions(text, tokens);
    const byName = definitionsByName(defs);
    const dotted = splitDotted(token.text);
    const span = { from: token.from, to: token.to };
    if (dotted && byName.get(dotted.object)?.kind === "python") {
      // Up to the part under the pointer: hovering `os` of `os.path.join` describes os.
      const cut = token.text.indexOf(".", offset - token.from);
      const parts = (cut < 0 ? token.text : token.text.slice(0, cut)).split(".");
      const target = this.target(defs, parts[0]!, parts.slice(1));
      if (typeof target === "string") return { ...span, title: token.text, doc: target };
      const answer = await this.options.catalog.describe(target);
      if (!answer.ok) return { ...span, title: parts.join("."), doc: answer.reason };
      const value = answer.value;
      return { ...span, title: `${parts.join(".")} — Python ${value.kind}`, signature: value.signature ?? undefined, doc: value.doc ?? `(${value.type})` };
    }
    const local = localsAt(text, token.from, tokens).findLast((name) => name.name === token.text);
    if (local) return { ...span, title: `${token.text} — local`, doc: `bound at line ${lineAt(text, local.from)}` };
    const def = byName.get(token.text);
    if (def) return { ...span, ...describeDefinition(def) };
    const builtin = BUILTIN_DOCS.get(token.text);
    if (builtin) return { ...span, title: `${token.text} — ${builtin.kind}`, signature: builtin.usage, doc: builtin.doc };
    return undefined;
  }

  /** The Python object `object.path…` names, or why it names none. */
  private target(defs: readonly Definition[], object: string, path: readonly string[]): PythonTarget | string {
    const def = definitionsByName(defs).get(object);
    if (!def || def.kind !== "python" || def.module === undefined) {
      return def ? `${object} is not a Python module (def it with ($py "module") to complete it)` : `${object} is not defined`;
    }
    if (!isFileModule(def.module)) return { kind: "module", module: def.module, path };
    const source = this.options.pythonFile(def.module);
    if (source === undefined) return `no file ${def.module} to read its names from`;
    return { kind: "source", filename: def.module, source, path };
  }
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

function describeDefinition(def: Definition): Omit<HoverResult, "from" | "to"> {
  const where = `defined at line ${def.line}`;
  if (def.kind === "python") return { title: `${def.name} — Python module ${def.module}`, doc: where };
  if (def.kind === "def") return { title: `${def.name} — def`, doc: where };
  const kind = def.kind === "defn" ? "function" : "macro";
  return {
    title: `${def.name} — ${kind}`,
    signature: def.params ? `(${def.name} ${def.params.slice(1, -1)})` : undefined,
    doc: def.doc ? `${def.doc}\n${where}` : where,
  };
}

/** Every Lisp name that can stand at `offset`: locals first, then the file's names, then builtins. */
export function lispNames(text: string, offset: number, tokens = tokenize(text), defs = definitions(text, tokens)): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  const add = (item: CompletionItem) => {
    if (seen.has(item.label)) return;
    seen.add(item.label);
    items.push(item);
  };
  for (const local of localsAt(text, offset, tokens).reverse()) add({ label: local.name, kind: "local" });
  for (const def of [...definitionsByName(defs).values()]) {
    const kind: ItemKind = def.kind === "defn" ? "function" : def.kind === "defmacro" ? "macro" : def.kind === "python" ? "module" : "variable";
    add({ label: def.name, kind, detail: `line ${def.line}`, info: def.doc ?? (def.module ? `Python ${def.module}` : undefined) });
  }
  for (const [name, doc] of BUILTIN_DOCS) {
    const kind: ItemKind = doc.kind === "special form" ? "special form" : doc.kind === "macro" ? "macro" : "function";
    add({ label: name, kind, detail: doc.usage, info: doc.doc });
  }
  return items;
}
