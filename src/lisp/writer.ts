// IR → ESTree. Expressions that need statements (do, let, loop, try, while,
// throw…) are hoisted into the enclosing statement list, with temporaries when
// a value is needed, instead of being wrapped in IIFEs; so `await`, `return`
// and loops keep their meaning. Identifiers and literals carry `loc`, which is
// what astring turns into source-map mappings.
import type * as ES from "estree";
import type { Node, NodeOf, Program } from "./ir.js";
import { assign, constant, declare, declareAll, ident, isTrivial, literal, member, mentions, newSet, property, quoted } from "./estree.js";

/** Where a statement's value goes. */
type Sink =
  | { kind: "discard" }
  | { kind: "return" }
  | { kind: "assign"; name: string }
  /**
   * The tail of a loop body: deliver to `result`, then leave the loop. `carriers`
   * names the variables `recur` assigns when they differ from the bindings.
   */
  | { kind: "loop"; result: Sink; carriers?: Map<string, string> };

/** Memo of needsStatements on each node (a symbol key, so the IR's data stays as it was). */
const NEEDS_STATEMENTS = Symbol("needsStatements");

const DISCARD: Sink = { kind: "discard" };
const RETURN: Sink = { kind: "return" };

export interface WriteOptions {
  target: "module" | "function";
  /** The module the prelude is imported from (module target). */
  preludeModule?: string;
}

export function writeProgram(program: Program, options: WriteOptions): ES.Program {
  const writer = new Writer(program.usedNames, new Set(program.preludeNames));
  const body: ES.Statement[] = declareAll(program.declarations);
  const last = program.body.length - 1;
  program.body.forEach((node, i) => {
    writer.stmt(node, body, options.target === "function" && i === last ? RETURN : DISCARD);
  });
  const names = program.preludeNames;
  const header: (ES.Statement | ES.ModuleDeclaration)[] = [];
  if (names.length > 0 && options.target === "module") {
    header.push({
      type: "ImportDeclaration",
      specifiers: names.map((name) => ({ type: "ImportSpecifier", imported: ident(name), local: ident(name) })),
      source: literal(options.preludeModule ?? "polyglot-lisp/prelude"),
      attributes: [],
    });
  } else if (names.length > 0) {
    header.push(destructurePrelude(names));
  }
  return { type: "Program", sourceType: options.target === "module" ? "module" : "script", body: [...header, ...body] };
}

/** `const { print, str } = __prelude;` */
export function destructurePrelude(names: string[]): ES.VariableDeclaration {
  return {
    type: "VariableDeclaration",
    kind: "const",
    declarations: [
      {
        type: "VariableDeclarator",
        id: {
          type: "ObjectPattern",
          properties: names.map((name) => ({
            type: "Property",
            key: ident(name),
            value: ident(name),
            kind: "init",
            method: false,
            shorthand: true,
            computed: false,
          })),
        },
        init: ident("__prelude"),
      },
    ],
  };
}

/** A single expression that needs no statements (a macro's function). */
export function writeExpression(node: Node, usedNames: Set<string>): ES.Expression {
  const out: ES.Statement[] = [];
  const expression = new Writer(usedNames, new Set()).expr(node, out);
  if (out.length > 0) throw new Error("internal: a function expression produced statements");
  return expression;
}

class Writer {
  private tempCount = 0;

  /** Temporaries and prelude names: identifiers no statement can reassign. */
  private readonly constants: Set<string>;

  constructor(
    private readonly usedNames: Set<string>,
    preludeNames: Set<string>,
  ) {
    this.constants = preludeNames;
  }

  private temp(): string {
    let name: string;
    do name = `t$${++this.tempCount}`;
    while (this.usedNames.has(name));
    this.constants.add(name);
    return name;
  }

  /** Does compiling `node` as an expression need statements before it? */
  needsStatements(node: Node): boolean {
    const cache = node as { [NEEDS_STATEMENTS]?: boolean };
    return (cache[NEEDS_STATEMENTS] ??= this.computeNeeds(node));
  }

  private computeNeeds(node: Node): boolean {
    const any = (nodes: Node[]) => {
      for (const n of nodes) if (this.needsStatements(n)) return true;
      return false;
    };
    switch (node.op) {
      case "const":
      case "ref":
      case "this":
      case "quote":
      case "fn":
        return false;
      case "member":
        return this.needsStatements(node.object);
      case "index":
        return this.needsStatements(node.object) || this.needsStatements(node.key);
      case "call":
      case "new":
        return this.needsStatements(node.callee) || any(node.args);
      case "kwargs":
        return any(node.entries.map(([, value]) => value));
      case "array":
      case "set":
        return any(node.items);
      case "object":
        return any(node.entries.flat());
      case "set!":
        return this.needsStatements(node.target) || this.needsStatements(node.value);
      case "if":
        return this.needsStatements(node.test) || this.needsStatements(node.then) || this.needsStatements(node.else);
      case "logical":
      case "binary":
        return any(node.operands);
      case "compare":
        return any(node.operands) || (node.operands.length > 2 && node.operands.slice(1, -1).some((n) => !isSimple(n)));
      case "not":
      case "unary":
      case "await":
        return this.needsStatements(node.value);
      case "do":
        return node.body.length > 1 || any(node.body);
      case "let":
        return node.bindings.length > 0 || this.needsStatements(node.body);
      default:
        return true;
    }
  }

  // --- expressions -------------------------------------------------------------

  expr(node: Node, out: ES.Statement[]): ES.Expression {
    switch (node.op) {
      case "const":
        return constant(node.value, node.loc);
      case "ref":
        return ident(node.name, node.loc);
      case "this":
        return { type: "ThisExpression", loc: node.loc };
      case "member":
        return member(this.expr(node.object, out), node.property, node.loc);
      case "index": {
        const [object, key] = this.exprList([node.object, node.key], out);
        return { type: "MemberExpression", object: object!, property: key!, computed: true, optional: false };
      }
      case "call":
      case "new": {
        const [callee, ...args] = this.exprList([node.callee, ...node.args], out, true);
        const type = node.op === "call" ? "CallExpression" : "NewExpression";
        return { type, callee: callee!, arguments: args, optional: false } as ES.CallExpression | ES.NewExpression;
      }
      case "kwargs": {
        const values = this.exprList(node.entries.map(([, value]) => value), out);
        const object: ES.ObjectExpression = {
          type: "ObjectExpression",
          properties: node.entries.map(([name], i) => property(literal(name), values[i]!)),
        };
        const args: ES.Expression[] = node.check ? [this.expr(node.check.callee, out), constant(node.check.positional), object, literal(node.check.lispName)] : [object];
        return { type: "CallExpression", callee: ident(node.marker, node.loc), arguments: args, optional: false };
      }
      case "array":
        return { type: "ArrayExpression", elements: this.exprList(node.items, out) };
      case "set":
        return newSet(this.exprList(node.items, out), node.loc);
      case "object": {
        const parts = this.exprList(node.entries.flat(), out);
        const properties: ES.Property[] = [];
        for (let i = 0; i < parts.length; i += 2) properties.push(property(parts[i]!, parts[i + 1]!));
        return { type: "ObjectExpression", properties };
      }
      case "quote":
        return quoted(node.form, node.loc);
      case "fn":
        return this.fn(node);
      case "set!": {
        // The target is a place, not a value: only its object (and key) are evaluated before the value.
        const target = node.target;
        if (target.op === "ref") {
          const value = this.expr(node.value, out);
          return { type: "AssignmentExpression", operator: "=", left: ident(target.name, target.loc), right: value };
        }
        const [left, value] = this.exprList([target, node.value], out);
        return { type: "AssignmentExpression", operator: "=", left: left as ES.Pattern, right: value! };
      }
      case "if":
        if (!this.needsStatements(node.then) && !this.needsStatements(node.else)) {
          const test = this.expr(node.test, out);
          return { type: "ConditionalExpression", test, consequent: this.expr(node.then, out), alternate: this.expr(node.else, out) };
        }
        return this.viaTemp(node, out);
      case "logical": {
        const [first, ...rest] = node.operands;
        if (rest.some((n) => this.needsStatements(n))) return this.logicalStatements(node, out);
        return rest.reduce<ES.Expression>(
          (left, right) => ({ type: "LogicalExpression", operator: node.operator, left, right: this.expr(right, out) }),
          this.expr(first!, out),
        );
      }
      case "not":
        return { type: "UnaryExpression", operator: "!", prefix: true, argument: this.expr(node.value, out) };
      case "unary":
        return { type: "UnaryExpression", operator: node.operator, prefix: true, argument: this.expr(node.value, out) };
      case "binary": {
        const [first, ...rest] = this.exprList(node.operands, out);
        return rest.reduce<ES.Expression>((left, right) => ({ type: "BinaryExpression", operator: node.operator, left, right }), first!);
      }
      case "compare":
        return this.compare(node, out);
      case "await":
        return { type: "AwaitExpression", argument: this.expr(node.value, out), loc: node.loc };
      case "do":
        node.body.slice(0, -1).forEach((item) => this.stmt(item, out, DISCARD));
        return this.expr(node.body[node.body.length - 1]!, out);
      case "let":
        this.declareBindings(node.bindings, out);
        return this.expr(node.body, out);
      case "def":
        this.stmt(node, out, DISCARD);
        return node.mode === "global" ? member(ident("globalThis"), node.name, node.loc) : ident(node.name, node.loc);
      case "throw":
      case "while":
      case "for":
        this.stmt(node, out, DISCARD);
        return constant(null, node.loc);
      case "loop":
      case "try":
        return this.viaTemp(node, out);
      case "recur":
        throw new Error("internal: recur outside a loop tail");
    }
  }

  /** `let t; <node delivering into t>` and then `t`. */
  private viaTemp(node: Node, out: ES.Statement[]): ES.Identifier {
    const name = this.temp();
    out.push(declare("let", name, undefined));
    this.stmt(node, out, { kind: "assign", name });
    return ident(name);
  }

  /**
   * Several expressions evaluated left to right. When a later one needs
   * statements, the earlier ones are first saved in temporaries so the
   * hoisted statements do not run before them.
   */
  private exprList(nodes: Node[], out: ES.Statement[], firstIsCallee = false): ES.Expression[] {
    const results: ES.Expression[] = [];
    for (const node of nodes) {
      if (this.needsStatements(node)) {
        const pre: ES.Statement[] = [];
        const value = this.expr(node, pre);
        // A called function's name is left alone: reassigning it in the arguments would be perverse.
        const first = firstIsCallee && results[0]?.type === "Identifier" ? 1 : 0;
        for (let i = first; i < results.length; i++) results[i] = this.spill(results[i]!, out);
        out.push(...pre);
        results.push(value);
      } else {
        results.push(this.expr(node, out));
      }
    }
    return results;
  }

  /** Save a value so later statements cannot change it; a method's object, not the method, so `this` survives. */
  private spill(expression: ES.Expression, out: ES.Statement[]): ES.Expression {
    if (expression.type === "Identifier" ? this.constants.has(expression.name) : isTrivial(expression)) return expression;
    if (expression.type === "MemberExpression" && expression.object.type !== "Super") {
      const object = this.spill(expression.object, out);
      const key = expression.computed ? this.spill(expression.property as ES.Expression, out) : expression.property;
      return { ...expression, object, property: key };
    }
    const name = this.temp();
    out.push(declare("const", name, expression));
    return ident(name);
  }

  private compare(node: NodeOf<"compare">, out: ES.Statement[]): ES.Expression {
    let operands = this.exprList(node.operands, out);
    // Middle operands are read twice; save them (and, to keep the order, everything before them).
    if (operands.length > 2) operands = operands.map((e, i) => (i === operands.length - 1 ? e : this.spill(e, out)));
    const operator = node.negate && operands.length === 2 ? "!==" : node.operator;
    let result: ES.Expression | undefined;
    for (let i = 0; i + 1 < operands.length; i++) {
      const pair: ES.Expression = { type: "BinaryExpression", operator, left: operands[i]!, right: operands[i + 1]! };
      result = result ? { type: "LogicalExpression", operator: "&&", left: result, right: pair } : pair;
    }
    if (node.negate && operands.length > 2) return { type: "UnaryExpression", operator: "!", prefix: true, argument: result! };
    return result!;
  }

  private fn(node: NodeOf<"fn">): ES.Expression {
    const params = parameters(node);
    if (!node.name && !node.usesThis && node.declarations.length === 0 && !this.needsStatements(node.body)) {
      const scratch: ES.Statement[] = [];
      const body = this.expr(node.body, scratch);
      return { type: "ArrowFunctionExpression", params, body, expression: true, async: node.async, generator: false, loc: node.loc };
    }
    return {
      type: "FunctionExpression",
      id: node.name ? ident(node.name, node.loc) : null,
      params,
      body: this.functionBody(node),
      async: node.async,
      generator: false,
      loc: node.loc,
    };
  }

  private functionBody(node: NodeOf<"fn">): ES.BlockStatement {
    const body = declareAll(node.declarations);
    this.stmt(node.body, body, RETURN);
    return { type: "BlockStatement", body };
  }

  // --- statements --------------------------------------------------------------

  private block(node: Node, sink: Sink): ES.BlockStatement {
    const body: ES.Statement[] = [];
    this.stmt(node, body, sink);
    return { type: "BlockStatement", body };
  }

  stmt(node: Node, out: ES.Statement[], sink: Sink): void {
    switch (node.op) {
      case "do":
        node.body.forEach((item, i) => this.stmt(item, out, i === node.body.length - 1 ? sink : DISCARD));
        return;
      case "let":
        this.declareBindings(node.bindings, out);
        this.stmt(node.body, out, sink);
        return;
      case "def":
        this.def(node, out);
        if (sink.kind !== "discard") this.deliver(node.mode === "global" ? member(ident("globalThis"), node.name) : ident(node.name), out, sink);
        return;
      case "if":
        this.if(node, out, sink);
        return;
      case "loop":
        this.loop(node, out, sink);
        return;
      case "recur":
        this.recur(node, out, sink);
        return;
      case "while":
        this.while(node, out);
        if (sink.kind !== "discard") this.deliver(constant(null), out, sink);
        return;
      case "for": {
        const iterable = this.expr(node.iterable, out);
        out.push({
          type: "ForOfStatement",
          await: node.await,
          left: declare("const", node.name, undefined, node.loc),
          right: iterable,
          body: this.block(node.body, DISCARD),
        });
        if (sink.kind !== "discard") this.deliver(constant(null), out, sink);
        return;
      }
      case "try":
        // (try body…) without catch or finally is just the body.
        if (node.clauses.length === 0 && !node.finalizer) return this.stmt(node.body, out, sink);
        out.push({
          type: "TryStatement",
          block: this.block(node.body, sink),
          handler: node.clauses.length > 0 ? this.catchClauses(node, sink) : null,
          finalizer: node.finalizer ? this.block(node.finalizer, DISCARD) : null,
        });
        return;
      case "throw":
        out.push({ type: "ThrowStatement", argument: this.expr(node.value, out) });
        return;
      case "logical":
        if (node.operands.slice(1).some((n) => this.needsStatements(n))) return this.deliver(this.logicalStatements(node, out), out, sink);
        return this.deliver(this.expr(node, out), out, sink);
      default:
        this.deliver(this.expr(node, out), out, sink);
    }
  }

  private deliver(value: ES.Expression, out: ES.Statement[], sink: Sink): void {
    switch (sink.kind) {
      case "discard":
        if (!isTrivial(value)) out.push({ type: "ExpressionStatement", expression: value });
        return;
      case "return":
        out.push({ type: "ReturnStatement", argument: value });
        return;
      case "assign":
        out.push(assign(ident(sink.name), value));
        return;
      case "loop":
        this.deliver(value, out, sink.result);
        if (sink.result.kind !== "return") out.push({ type: "BreakStatement", label: null });
        return;
    }
  }

  private declareBindings(bindings: [string, Node][], out: ES.Statement[]): void {
    for (const [name, init] of bindings) out.push(declare("let", name, this.expr(init, out)));
  }

  private def(node: NodeOf<"def">, out: ES.Statement[]): void {
    const init = node.init;
    if (node.mode === "let" && init.op === "fn" && init.name === node.name) {
      // (defn f …) reads best as a function declaration.
      out.push({
        type: "FunctionDeclaration",
        id: ident(node.name, node.loc),
        params: parameters(init),
        body: this.functionBody(init),
        async: init.async,
        generator: false,
      });
      return;
    }
    const value = this.expr(init, out);
    if (node.mode === "let") out.push(declare("let", node.name, value, node.loc));
    else if (node.mode === "assign") out.push(assign(ident(node.name, node.loc), value));
    else out.push(assign(member(ident("globalThis"), node.name, node.loc), value));
  }

  private if(node: NodeOf<"if">, out: ES.Statement[], sink: Sink): void {
    const simpleBranches = !this.needsStatements(node.then) && !this.needsStatements(node.else);
    if (simpleBranches && (sink.kind === "return" || sink.kind === "assign")) {
      return this.deliver(this.expr(node, out), out, sink);
    }
    let test = this.expr(node.test, out);
    if (sink.kind === "discard" && node.then.op === "const" && node.then.value === null) {
      // (unless t body…): `if (!t) { body }` rather than an empty then-branch.
      test = { type: "UnaryExpression", operator: "!", prefix: true, argument: test };
      out.push({ type: "IfStatement", test, consequent: this.block(node.else, sink), alternate: null });
      return;
    }
    const hasElse = !(node.else.op === "const" && node.else.value === null) || sink.kind !== "discard";
    out.push({
      type: "IfStatement",
      test,
      consequent: this.block(node.then, sink),
      alternate: hasElse ? this.block(node.else, sink) : null,
    });
  }

  /**
   * One JS catch for all clauses: `if (matches(e, "ValueError")) {…} else if … else throw e`.
   * Rethrowing the same object keeps its stack, so an uncaught error keeps its Lisp position.
   */
  private catchClauses(node: NodeOf<"try">, sink: Sink): ES.CatchClause {
    const [only] = node.clauses;
    if (node.clauses.length === 1 && only!.type === undefined) {
      return { type: "CatchClause", param: ident(only!.name, only!.loc ?? node.loc), body: this.block(only!.body, sink) };
    }
    const caught = this.temp();
    let chain: ES.Statement = { type: "ThrowStatement", argument: ident(caught) };
    for (const clause of [...node.clauses].reverse()) {
      const body = this.block(clause.body, sink);
      body.body.unshift(declare("let", clause.name, ident(caught), clause.loc));
      if (clause.type === undefined) {
        chain = body;
        continue;
      }
      const test: ES.Expression = {
        type: "CallExpression",
        callee: ident(node.matcher!, clause.loc),
        arguments: [ident(caught), literal(clause.type)],
        optional: false,
      };
      chain = { type: "IfStatement", test, consequent: body, alternate: chain };
    }
    return { type: "CatchClause", param: ident(caught), body: chain.type === "BlockStatement" ? chain : { type: "BlockStatement", body: [chain] } };
  }

  private logicalStatements(node: NodeOf<"logical">, out: ES.Statement[]): ES.Identifier {
    // let t = a; if (t) { t = b; if (t) { … } }   (|| tests !t, ?? tests t == null)
    const name = this.temp();
    out.push(declare("let", name, this.expr(node.operands[0]!, out)));
    let target = out;
    for (const operand of node.operands.slice(1)) {
      const body: ES.Statement[] = [];
      target.push({ type: "IfStatement", test: continueTest(node.operator, ident(name)), consequent: { type: "BlockStatement", body }, alternate: null });
      this.stmt(operand, body, { kind: "assign", name });
      target = body;
    }
    return ident(name);
  }

  private loop(node: NodeOf<"loop">, out: ES.Statement[], sink: Sink): void {
    if (sink.kind === "loop") {
      // A loop in the tail of another: finish the inner one, then hand its value on.
      const name = this.temp();
      out.push(declare("let", name, undefined));
      this.loop(node, out, { kind: "assign", name });
      return this.deliver(ident(name), out, sink);
    }
    if (!createsFunction(node.body)) {
      if (!node.reuse) this.declareBindings(node.bindings, out);
      out.push({
        type: "WhileStatement",
        test: constant(true),
        body: this.block(node.body, { kind: "loop", result: sink }),
      });
      return;
    }
    // A closure made in the body must keep the values of its own iteration, as in
    // Clojure: each pass gets fresh `let` bindings, and recur assigns the carriers.
    const carriers = new Map<string, string>();
    for (const [name, init] of node.bindings) {
      const carrier = this.temp();
      carriers.set(name, carrier);
      out.push(declare("let", carrier, this.expr(init, out)));
    }
    const body = this.block(node.body, { kind: "loop", result: sink, carriers });
    const fresh = [...carriers].map(([name, carrier]) => declare("let", name, ident(carrier)));
    body.body.unshift(...fresh);
    out.push({ type: "WhileStatement", test: constant(true), body });
  }

  private recur(node: NodeOf<"recur">, out: ES.Statement[], sink: Sink): void {
    if (sink.kind !== "loop") throw new Error("internal: recur outside a loop tail");
    const values = this.exprList(node.args, out);
    const carriers = sink.carriers;
    if (carriers) {
      // The values read this iteration's bindings, never the carriers: assign in any order.
      node.targets.forEach((target, i) => out.push(assign(ident(carriers.get(target) ?? target), values[i]!)));
      out.push({ type: "ContinueStatement", label: null });
      return;
    }
    // Assign directly while no later value reads a binding already reassigned; otherwise go through temporaries.
    const pending: ES.Statement[] = [];
    node.targets.forEach((target, i) => {
      const value = values[i]!;
      if (value.type === "Identifier" && value.name === target) return;
      const laterReads = values.slice(i + 1).some((later) => mentions(later, target));
      if (laterReads) {
        const name = this.temp();
        out.push(declare("const", name, value));
        pending.push(assign(ident(target), ident(name)));
      } else {
        out.push(assign(ident(target), value));
      }
    });
    out.push(...pending, { type: "ContinueStatement", label: null });
  }

  private while(node: NodeOf<"while">, out: ES.Statement[]): void {
    const body: ES.Statement[] = [];
    let test: ES.Expression;
    if (this.needsStatements(node.test)) {
      test = constant(true);
      const check = this.expr(node.test, body);
      body.push({
        type: "IfStatement",
        test: { type: "UnaryExpression", operator: "!", prefix: true, argument: check },
        consequent: { type: "BreakStatement", label: null },
        alternate: null,
      });
    } else {
      test = this.expr(node.test, out);
    }
    this.stmt(node.body, body, DISCARD);
    out.push({ type: "WhileStatement", test, body: { type: "BlockStatement", body } });
  }
}

// --- helpers -------------------------------------------------------------------

/** Whether any `fn` is created inside this IR (plain data, so a generic walk finds it). */
function createsFunction(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return false;
  if (Array.isArray(node)) return node.some(createsFunction);
  if ((node as { op?: unknown }).op === "fn") return true;
  for (const [key, value] of Object.entries(node)) {
    if (key !== "loc" && createsFunction(value)) return true;
  }
  return false;
}

function parameters(node: NodeOf<"fn">): ES.Pattern[] {
  const params: ES.Pattern[] = node.params.map((name) => ident(name, node.loc));
  if (node.rest) params.push({ type: "RestElement", argument: ident(node.rest, node.loc) });
  return params;
}

function continueTest(operator: "&&" | "||" | "??", value: ES.Identifier): ES.Expression {
  if (operator === "&&") return value;
  if (operator === "||") return { type: "UnaryExpression", operator: "!", prefix: true, argument: value };
  return { type: "BinaryExpression", operator: "==", left: value, right: literal(null) };
}

function isSimple(node: Node): boolean {
  return node.op === "const" || node.op === "ref";
}

