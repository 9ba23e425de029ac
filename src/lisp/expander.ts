// Macros: a table of compile-time functions from forms to forms. A defmacro
// body is compiled to JS by this same compiler and evaluated with `new
// Function` against the compile-time prelude, identically in Node and the
// browser. The analyzer asks `expand` whenever a list's head names a macro.
import { List, Sym, locOf, withLoc, type Form, type Loc } from "./forms.js";
import { LispError, lispError } from "./errors.js";
import type { Node } from "./ir.js";

export type MacroFunction = (...args: Form[]) => Form;

/** Turns a macro's analyzed `(fn …)` into a callable function. */
export type MacroEvaluator = (fn: Node, preludeNames: string[], usedNames: Set<string>) => MacroFunction;

const MAX_EXPANSION_DEPTH = 500;

export class Macros {
  private depth = 0;

  constructor(private readonly table: Map<string, MacroFunction>) {}

  has(name: string): boolean {
    return this.table.has(name);
  }

  define(name: string, fn: MacroFunction): void {
    this.table.set(name, fn);
  }

  entries(): Map<string, MacroFunction> {
    return new Map(this.table);
  }

  /**
   * Run the macro named by `form`'s head on its arguments. The result keeps the
   * call's position where the macro built new forms, so errors and source maps
   * point at the call.
   */
  expand(form: List, source: string, fallback: Loc | undefined, then: (expansion: Form) => Form | void): void {
    const head = form[0] as Sym;
    const loc = locOf(form) ?? fallback;
    const fn = this.table.get(head.name)!;
    if (this.depth >= MAX_EXPANSION_DEPTH) {
      throw lispError(`macro ${head.name} expands too deeply (more than ${MAX_EXPANSION_DEPTH} nested expansions)`, loc ?? unknownLoc(), source, {
        suggestion: "check that the macro's recursion reaches a base case",
      });
    }
    let expansion: Form;
    try {
      expansion = fn(...form.slice(1));
    } catch (error) {
      if (error instanceof LispError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw lispError(`macro ${head.name} failed: ${message}`, loc ?? unknownLoc(), source, {
        suggestion: `check the arguments given to ${head.name}`,
      });
    }
    if (expansion instanceof Array) withLoc(expansion, loc);
    this.depth++;
    try {
      then(expansion);
    } finally {
      this.depth--;
    }
  }
}

export function unknownLoc(file = "<input>"): Loc {
  return { source: file, start: { line: 1, column: 0 }, end: { line: 1, column: 0 } };
}
