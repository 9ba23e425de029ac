// The data the reader produces, the macro expander transforms and the analyzer
// consumes. Forms are ordinary JS values, so macros can take them apart with
// the prelude (`count`, `first`, `rest`, `map`, `=`…):
//
//   string, number, bigint, boolean, null     themselves
//   symbol                                    Sym      (distinct from strings)
//   keyword                                   Keyword
//   (a b c)                                   List     (an Array subclass)
//   [a b c]                                   a plain Array
//   {k v …}                                   MapForm  (an Array subclass, flat k v pairs)
//   #{a b}                                    SetForm  (an Array subclass)
//
// Source positions are ESTree SourceLocations (1-based line, 0-based column) so
// the writer can hand them to the emitted JS nodes without conversion.
import type { Position, SourceLocation } from "estree";

export type Loc = SourceLocation;

/**
 * The reader's compact SourceLocation: one object per form instead of three.
 * It is its own `start` position; `end` is built when asked (errors want it,
 * source maps do not).
 */
export class Span implements SourceLocation {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: number,
    readonly endLine: number,
    readonly endColumn: number,
  ) {}
  get start(): Position {
    return this;
  }
  get end(): Position {
    return { line: this.endLine, column: this.endColumn };
  }
}

export class Sym {
  constructor(
    readonly name: string,
    public loc?: Loc,
  ) {}
  toString(): string {
    return this.name;
  }
}

export class Keyword {
  constructor(
    readonly name: string,
    public loc?: Loc,
  ) {}
  toString(): string {
    return this.name;
  }
}

// Collection forms are Array subclasses carrying their own position. Derived
// arrays (slice, filter…) keep the class (Array species), so `(rest xs)` of a
// list is a list.
export class List extends Array<Form> {
  loc?: Loc;
}
/** A vector as the reader produced it; macros may also return plain arrays, which are vectors too. */
export class Vector extends Array<Form> {
  loc?: Loc;
}
export class MapForm extends Array<Form> {
  loc?: Loc;
}
export class SetForm extends Array<Form> {
  loc?: Loc;
}

export type Form = string | number | bigint | boolean | null | undefined | Sym | Keyword | Form[];

export function locOf(form: Form): Loc | undefined {
  return typeof form === "object" && form !== null ? (form as { loc?: Loc }).loc : undefined;
}

/** Give a form built without a position (by a macro) the position of the code it replaces. */
export function withLoc<T extends Form>(form: T, loc: Loc | undefined): T {
  if (loc === undefined || typeof form !== "object" || form === null) return form;
  const target = form as { loc?: Loc };
  if (target.loc === undefined && (!Array.isArray(form) || form instanceof List || form instanceof Vector || form instanceof MapForm || form instanceof SetForm)) {
    target.loc = loc;
  }
  return form;
}

export function list(items: Form[], loc?: Loc): List {
  const result = new List();
  for (const item of items) result.push(item);
  return withLoc(result, loc);
}

export function isSym(form: Form, name?: string): form is Sym {
  return form instanceof Sym && (name === undefined || form.name === name);
}

export const isList = (form: Form): form is List => form instanceof List;
/** A vector is any array that is not a list, map or set form: macros may return plain arrays. */
export const isVector = (form: Form): form is Form[] =>
  Array.isArray(form) && !(form instanceof List || form instanceof MapForm || form instanceof SetForm);

let gensymCount = 0;

/** A fresh symbol for macro hygiene: `tmp$1`, `tmp$2`… (`$` + digits never comes out of a user's name by accident). */
export function gensym(prefix = "G"): Sym {
  return new Sym(`${prefix}$${++gensymCount}`);
}

/** Run `fn` with gensym numbering starting from 1, so a compile's output does not depend on earlier compiles. */
export function withFreshGensyms<T>(fn: () => T): T {
  const saved = gensymCount;
  gensymCount = 0;
  try {
    return fn();
  } finally {
    gensymCount = saved;
  }
}

/** Lisp-ish rendering of a form, for error messages. */
export function showForm(form: Form, limit = 60): string {
  const text = render(form);
  return text.length > limit ? text.slice(0, limit - 1) + "…" : text;
}

function render(form: Form): string {
  if (form === null || form === undefined) return "nil";
  if (typeof form === "string") return JSON.stringify(form);
  if (typeof form === "bigint") return `${form}n`;
  if (form instanceof Sym) return form.name;
  if (form instanceof Keyword) return `:${form.name}`;
  if (Array.isArray(form)) {
    const inner = form.map(render).join(" ");
    if (form instanceof List) return `(${inner})`;
    if (form instanceof MapForm) return `{${inner}}`;
    if (form instanceof SetForm) return `#{${inner}}`;
    return `[${inner}]`;
  }
  return String(form);
}
