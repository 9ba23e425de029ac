// Constructors for the ESTree nodes the writer emits. Identifiers and literals
// take the Lisp position they came from: those are what astring maps.
import type * as ES from "estree";
import { Keyword, List, MapForm, SetForm, Sym, type Form, type Loc } from "./forms.js";
import { isIdentifierName } from "./names.js";

export function ident(name: string, loc?: Loc): ES.Identifier {
  return loc ? { type: "Identifier", name, loc } : { type: "Identifier", name };
}

// Literals carry no position: they cannot fail at run time, and every mapping
// costs time in the source map; the names around them place the line.
export function literal(value: string | boolean | null): ES.Literal {
  return { type: "Literal", value };
}

export function constant(value: string | number | bigint | boolean | null, loc?: Loc): ES.Expression {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ident("NaN", loc);
    if (value < 0 || Object.is(value, -0)) return { type: "UnaryExpression", operator: "-", prefix: true, argument: constant(-value, loc) };
    if (value === Infinity) return ident("Infinity", loc);
    return { type: "Literal", value, raw: String(value) } as ES.Literal;
  }
  if (typeof value === "bigint") {
    if (value < 0n) return { type: "UnaryExpression", operator: "-", prefix: true, argument: constant(-value, loc) };
    return { type: "Literal", value, bigint: value.toString() } as ES.BigIntLiteral;
  }
  return literal(value);
}

export function member(object: ES.Expression, name: string, loc?: Loc): ES.MemberExpression {
  // astring would print `5.toString()`, which does not parse.
  const target =
    object.type === "Literal" && typeof object.value === "number" ? ({ ...object, raw: `(${object.raw ?? object.value})` } as ES.Literal) : object;
  if (isIdentifierName(name)) {
    return { type: "MemberExpression", object: target, property: ident(name, loc), computed: false, optional: false };
  }
  // A computed property keeps its position: reading it is what fails on nil.
  const key: ES.Literal = { type: "Literal", value: name, loc };
  return { type: "MemberExpression", object: target, property: key, computed: true, optional: false };
}

/** An object property: identifier-like string keys print bare, other keys are computed. */
export function property(key: ES.Expression, value: ES.Expression): ES.Property {
  const base = { type: "Property", value, kind: "init", method: false, shorthand: false } as const;
  if (key.type === "Literal" && typeof key.value === "string") {
    // A literal "__proto__" key would set the prototype; a computed one defines a property.
    if (key.value === "__proto__") return { ...base, key, computed: true };
    if (isIdentifierName(key.value)) return { ...base, key: ident(key.value, key.loc ?? undefined), computed: false };
    return { ...base, key, computed: false };
  }
  if (key.type === "Literal" && typeof key.value === "number") return { ...base, key, computed: false };
  return { ...base, key, computed: true };
}

export function declare(kind: "let" | "const", name: string, init: ES.Expression | undefined, loc?: Loc): ES.VariableDeclaration {
  return { type: "VariableDeclaration", kind, declarations: [{ type: "VariableDeclarator", id: ident(name, loc), init: init ?? null }] };
}

/** `let a, b;` for variables assigned later in nested blocks (none: no statement). */
export function declareAll(names: string[]): ES.Statement[] {
  if (names.length === 0) return [];
  return [
    {
      type: "VariableDeclaration",
      kind: "let",
      declarations: names.map((name) => ({ type: "VariableDeclarator", id: ident(name), init: null })),
    },
  ];
}

export function assign(left: ES.Pattern, right: ES.Expression): ES.ExpressionStatement {
  return { type: "ExpressionStatement", expression: { type: "AssignmentExpression", operator: "=", left, right } };
}

export function newSet(items: ES.Expression[], loc?: Loc): ES.NewExpression {
  return { type: "NewExpression", callee: ident("Set", loc), arguments: [{ type: "ArrayExpression", elements: items }] };
}

/** Evaluating it has no effect and gives the same value every time (for a name: unless reassigned). */
export function isTrivial(expression: ES.Expression): boolean {
  return (
    expression.type === "Identifier" ||
    expression.type === "Literal" ||
    expression.type === "ThisExpression" ||
    expression.type === "ArrowFunctionExpression" ||
    expression.type === "FunctionExpression" ||
    (expression.type === "UnaryExpression" && expression.operator === "-" && expression.argument.type === "Literal")
  );
}

/** Does `expression` read the identifier `name` anywhere (conservatively)? */
export function mentions(expression: unknown, name: string): boolean {
  if (expression === null || typeof expression !== "object") return false;
  const node = expression as { type?: string; name?: string };
  if (node.type === "Identifier") return node.name === name;
  for (const [key, value] of Object.entries(expression)) {
    if (key === "loc") continue;
    if (Array.isArray(value) ? value.some((item) => mentions(item, name)) : mentions(value, name)) return true;
  }
  return false;
}

/** `(quote form)` as JS data: lists and vectors → arrays, symbols and keywords → strings. */
export function quoted(form: Form, loc?: Loc): ES.Expression {
  if (form === null || form === undefined) return constant(null, loc);
  if (form instanceof Sym || form instanceof Keyword) return literal(form.name);
  if (form instanceof MapForm) {
    const properties: ES.Property[] = [];
    for (let i = 0; i < form.length; i += 2) properties.push(property(quoted(form[i], loc), quoted(form[i + 1], loc)));
    return { type: "ObjectExpression", properties };
  }
  if (form instanceof SetForm) return newSet(form.map((item) => quoted(item, loc)), loc);
  if (form instanceof List || Array.isArray(form)) return { type: "ArrayExpression", elements: form.map((item) => quoted(item, loc)) };
  return constant(form, loc);
}
