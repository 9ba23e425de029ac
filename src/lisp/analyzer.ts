// Forms → IR. Resolves every name to its final JS identifier, expands macros,
// checks the shape of each special form and reports misuse as a LispError at
// the form's position.
import { Keyword, List, MapForm, SetForm, Sym, isList, isSym, isVector, locOf, showForm, type Form, type Loc } from "./forms.js";
import { lispError } from "./errors.js";
import { Macros, unknownLoc, type MacroEvaluator } from "./expander.js";
import { expandQuasiquote } from "./quasiquote.js";
import { UNBINDABLE, mangle, mangleKeyword, mangleProperty } from "./names.js";
import { OPERATOR_FUNCTIONS, PRELUDE_FUNCTIONS, QUASIQUOTE_HELPERS } from "./prelude-names.js";
import { NIL, type Node, type Program } from "./ir.js";

export interface AnalyzeOptions {
  file: string;
  source: string;
  macros: Macros;
  evaluateMacro: MacroEvaluator;
  /** Top-level definitions go to globalThis (the REPL). */
  repl?: boolean;
}

/** Lexical scope: Lisp name → JS name. */
class Scope {
  readonly names = new Map<string, string>();
  constructor(readonly parent?: Scope) {}

  lookup(name: string): string | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const found = scope.names.get(name);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}

/** One JS function body: names declared in it, globals read in it, whether it awaits. */
class FunctionScope {
  readonly declared = new Set<string>();
  readonly globals = new Set<string>();
  async = false;
  usesThis = false;
  /** Variables defined by a `def` inside a block: declared once at the top of the function body. */
  readonly hoisted: string[] = [];
  constructor(readonly parent?: FunctionScope) {}
}

interface Ctx {
  scope: Scope;
  fn: FunctionScope;
  /** The JS names a `recur` in tail position rebinds, or null outside a loop. */
  loop: string[] | null;
  toplevel: boolean;
}

const PRELUDE_JS = new Map<string, string>([
  ...PRELUDE_FUNCTIONS.map((name) => [name, mangle(name)] as [string, string]),
  ...QUASIQUOTE_HELPERS.map((name) => [name, name] as [string, string]),
  ...Object.entries(OPERATOR_FUNCTIONS),
]);
const PRELUDE_JS_NAMES = new Set(PRELUDE_JS.values());

const ARITHMETIC = new Set(["+", "-", "*", "/", "%"]);
const COMPARISON: Record<string, "<" | ">" | "<=" | ">=" | "==="> = { "<": "<", ">": ">", "<=": "<=", ">=": ">=", "=": "===", "not=": "===" };

type SpecialForm = (form: List, ctx: Ctx, tail: boolean, loc: Loc) => Node;

export class Analyzer {
  private readonly preludeUsed = new Map<string, true>();
  private readonly usedNames = new Set<string>();
  /** The last number given to a renamed binding, per JS name. */
  private readonly suffixes = new Map<string, number>();
  private readonly root: Ctx;
  private readonly special: Record<string, SpecialForm>;

  constructor(private readonly options: AnalyzeOptions) {
    this.root = { scope: new Scope(), fn: new FunctionScope(), loop: null, toplevel: true };
    this.special = {
      def: (f, c, _t, l) => this.def(f, c, l),
      fn: (f, c, _t, l) => this.fn(f, c, l, undefined),
      let: (f, c, t, l) => this.let(f, c, t, l),
      if: (f, c, t, l) => this.if(f, c, t, l),
      do: (f, c, t, l) => this.do(f.slice(1), c, t, l),
      "set!": (f, c, _t, l) => this.setBang(f, c, l),
      ".": (f, c, _t, l) => this.dot(f, c, l),
      get: (f, c, _t, l) => this.get(f, c, l),
      new: (f, c, _t, l) => this.newForm(f, c, l),
      await: (f, c, _t, l) => this.await(f, c, l),
      try: (f, c, _t, l) => this.try(f, c, l),
      throw: (f, c, _t, l) => ({ op: "throw", value: this.analyze(this.arity(f, 1, l)[0]!, c, false, l), loc: l }),
      while: (f, c, _t, l) => this.while(f, c, l),
      loop: (f, c, _t, l) => this.loop(f, c, l),
      recur: (f, c, t, l) => this.recur(f, c, t, l),
      for: (f, c, _t, l) => this.for(f, c, l, false),
      "for-await": (f, c, _t, l) => this.for(f, c, l, true),
      and: (f, c, _t, l) => this.logical(f, c, l, "&&"),
      or: (f, c, _t, l) => this.logical(f, c, l, "||"),
      quote: (f, _c, _t, l) => ({ op: "quote", form: this.arity(f, 1, l)[0]!, loc: l }),
      quasiquote: (f, c, t, l) => this.analyze(expandQuasiquote(this.arity(f, 1, l)[0]!, l, this.options.source), c, t, l),
      unquote: (_f, _c, _t, l) => this.fail("~ (unquote) is only meaningful inside ` (quasiquote)", l, "a form inside `", "quasiquote the template: `(f ~x)"),
      "unquote-splicing": (_f, _c, _t, l) => this.fail("~@ (unquote-splicing) is only meaningful inside ` (quasiquote)", l, "a form inside `", "quasiquote the template: `(f ~@xs)"),
      defmacro: (f, c, _t, l) => this.defmacro(f, c, l),
    };
  }

  /** A whole program. */
  program(forms: Form[]): Program {
    const body = forms.map((form) => this.analyze(form, this.root, false, undefined));
    return { body, declarations: this.root.fn.hoisted, preludeNames: [...this.preludeUsed.keys()], usedNames: this.usedNames };
  }

  /** One expression compiled on its own (a macro's function). */
  expression(form: Form): { node: Node; preludeNames: string[]; usedNames: Set<string> } {
    const node = this.analyze(form, { ...this.root, toplevel: false }, false, undefined);
    return { node, preludeNames: [...this.preludeUsed.keys()], usedNames: this.usedNames };
  }

  // --- dispatch --------------------------------------------------------------

  private analyze(form: Form, ctx: Ctx, tail: boolean, parentLoc: Loc | undefined): Node {
    const loc = locOf(form) ?? parentLoc;
    if (form instanceof Sym) return this.symbol(form, ctx, loc);
    if (form instanceof Keyword) return { op: "const", value: form.name, loc };
    if (form instanceof List) return this.list(form, ctx, tail, loc);
    if (form instanceof MapForm) return this.map(form, ctx, loc);
    if (form instanceof SetForm) return { op: "set", items: form.map((item) => this.analyze(item, ctx, false, loc)), loc };
    if (Array.isArray(form)) return { op: "array", items: form.map((item) => this.analyze(item, ctx, false, loc)), loc };
    if (form === undefined || form === null) return { op: "const", value: null, loc };
    const kind = typeof (form as unknown);
    if (kind === "object" || kind === "function" || kind === "symbol") {
      const what = `a macro produced a value that is not a form: ${String(form as unknown)}`;
      return this.fail(what, loc ?? unknownLoc(this.options.file), "symbols, lists, vectors, maps or literals");
    }
    return { op: "const", value: form, loc };
  }

  private list(form: List, ctx: Ctx, tail: boolean, loc: Loc | undefined): Node {
    if (form.length === 0) return { op: "array", items: [], loc };
    const head = form[0];
    const here = loc ?? unknownLoc(this.options.file);
    if (head instanceof Sym && ctx.scope.lookup(head.name) === undefined) {
      const name = head.name;
      const special = Object.hasOwn(this.special, name) ? this.special[name] : undefined;
      if (special) return special(form, ctx, tail, here);
      if (this.options.macros.has(name)) {
        let result: Node = NIL;
        this.options.macros.expand(form, this.options.source, loc, (expansion) => {
          result = this.analyze(expansion, ctx, tail, loc);
        });
        return result;
      }
      if (ARITHMETIC.has(name)) return this.arithmetic(name as "+", form, ctx, here);
      if (Object.hasOwn(COMPARISON, name)) return this.comparison(name, form, ctx, here);
      if (name === "not") return { op: "not", value: this.analyze(this.arity(form, 1, here)[0]!, ctx, false, loc), loc };
      if (name.length > 1 && name.startsWith(".") && name !== "..") return this.methodCall(form, ctx, here);
    }
    if (head instanceof Keyword && form.length === 2) {
      return { op: "member", object: this.analyze(form[1]!, ctx, false, loc), property: head.name, loc };
    }
    const callee = this.analyze(head, ctx, false, loc);
    return { op: "call", callee, args: this.args(form.slice(1), ctx, loc), loc };
  }

  /** Call arguments: every `:name value` pair becomes a keyword argument. */
  private args(forms: Form[], ctx: Ctx, loc: Loc | undefined): Node[] {
    const positional: Node[] = [];
    const entries: [string, Node][] = [];
    let kwLoc: Loc | undefined;
    for (let i = 0; i < forms.length; i++) {
      const form = forms[i];
      if (form instanceof Keyword && i + 1 < forms.length) {
        kwLoc ??= form.loc ?? loc;
        entries.push([mangleKeyword(form.name), this.analyze(forms[++i], ctx, false, loc)]);
      } else {
        positional.push(this.analyze(form, ctx, false, loc));
      }
    }
    if (entries.length > 0) positional.push({ op: "kwargs", marker: this.prelude("kw"), entries, loc: kwLoc });
    return positional;
  }

  // --- names -----------------------------------------------------------------

  private symbol(sym: Sym, ctx: Ctx, loc: Loc | undefined): Node {
    const name = sym.name;
    const local = ctx.scope.lookup(name);
    if (local !== undefined) return { op: "ref", name: local, loc };
    if (name === "this") {
      ctx.fn.usesThis = true;
      return { op: "this", loc };
    }
    const dot = name.indexOf(".");
    if (dot > 0 && dot < name.length - 1 && !name.includes("..")) {
      const parts = name.split(".");
      let node = this.symbol(new Sym(parts[0]!, loc), ctx, loc);
      for (const part of parts.slice(1)) node = { op: "member", object: node, property: mangleProperty(part), loc };
      return node;
    }
    const preludeName = PRELUDE_JS.get(name);
    if (preludeName !== undefined) return { op: "ref", name: this.prelude(name), loc };
    return this.global(mangle(name), ctx, loc);
  }

  private prelude(lispName: string): string {
    const js = PRELUDE_JS.get(lispName)!;
    this.preludeUsed.set(js, true);
    this.usedNames.add(js);
    return js;
  }

  /** A free name: a JS global, or a top-level definition that comes later. */
  private global(js: string, ctx: Ctx, loc: Loc | undefined): Node {
    this.usedNames.add(js);
    for (let fn: FunctionScope | undefined = ctx.fn; fn; fn = fn.parent) {
      // A binding that is no longer in Lisp scope still exists in the JS scope.
      if (fn.declared.has(js)) return { op: "member", object: { op: "ref", name: "globalThis", loc }, property: js, loc };
    }
    for (let fn: FunctionScope | undefined = ctx.fn; fn; fn = fn.parent) fn.globals.add(js);
    return { op: "ref", name: js, loc };
  }

  /** A new binding for `name` in `ctx`, renamed when its JS name is taken. */
  private declare(sym: Sym, ctx: Ctx, loc: Loc, exact = false): string {
    if (!((sym as unknown) instanceof Sym) || sym.name.includes(".") || sym.name === "&") {
      this.fail(`cannot bind ${showForm(sym)}: expected a plain name`, locOf(sym) ?? loc, "a symbol without dots");
    }
    const base = mangle(sym.name);
    let js = base;
    // An exact (top-level) definition may take a name that earlier code read as a free global: that was a forward reference.
    if (this.taken(js, ctx.fn, exact)) {
      // Resume numbering where this name left off, so many rebindings stay linear.
      let n = this.suffixes.get(base) ?? 0;
      do js = `${base}_${++n}`;
      while (this.taken(js, ctx.fn, exact));
      this.suffixes.set(base, n);
    }
    ctx.fn.declared.add(js);
    this.usedNames.add(js);
    ctx.scope.names.set(sym.name, js);
    return js;
  }

  private taken(js: string, fn: FunctionScope, ignoreGlobals: boolean): boolean {
    if (PRELUDE_JS_NAMES.has(js) || UNBINDABLE.has(js)) return true;
    for (let f: FunctionScope | undefined = fn; f; f = f.parent) {
      if (f.declared.has(js) || (!ignoreGlobals && f.globals.has(js))) return true;
    }
    return false;
  }

  // --- special forms ---------------------------------------------------------

  private def(form: List, ctx: Ctx, loc: Loc): Node {
    if (form.length !== 3 && form.length !== 2) {
      this.fail("def takes a name and a value", loc, "(def name value)");
    }
    const sym = form[1] as Sym;
    if (!(sym instanceof Sym)) this.fail(`def needs a name, got ${showForm(sym)}`, locOf(sym) ?? loc, "(def name value)");
    const value = form.length === 3 ? form[2] : null;
    // A visible variable of this same function is rebound rather than declared again.
    const visible = ctx.scope.lookup(sym.name);
    const existing = visible !== undefined && ctx.fn.declared.has(visible) ? visible : undefined;
    if (this.options.repl && ctx.fn === this.root.fn) {
      const js = mangle(sym.name);
      this.root.scope.names.set(sym.name, js);
      this.usedNames.add(js);
      this.root.fn.globals.add(js); // so no local of this entry hides it
      return { op: "def", name: js, mode: "global", init: this.definedValue(sym, js, value, ctx, loc), loc };
    }
    if (existing !== undefined) {
      return { op: "def", name: existing, mode: "assign", init: this.analyze(value, ctx, false, loc), loc };
    }
    // Declare first, so a function can call itself by its definition's name.
    const js = this.declare(sym, ctx, loc, ctx.toplevel);
    // Inside a block (an if branch, a loop body) a `let` would end with the block.
    if (!ctx.toplevel) ctx.fn.hoisted.push(js);
    const init = this.definedValue(sym, js, value, { ...ctx, toplevel: false }, loc);
    return { op: "def", name: js, mode: ctx.toplevel ? "let" : "assign", init, loc };
  }

  /** A def's value; a `fn` there takes the definition's name (`#<fn name>`, and it can call itself). */
  private definedValue(sym: Sym, js: string, value: Form, ctx: Ctx, loc: Loc): Node {
    if (isList(value) && isSym(value[0], "fn") && ctx.scope.lookup("fn") === undefined) {
      return this.fn(value, ctx, locOf(value) ?? loc, { lisp: sym.name, js });
    }
    return this.analyze(value, ctx, false, loc);
  }

  /** `self`: the JS name of the definition this fn initializes, which the fn reuses for its own name. */
  private fn(form: List, ctx: Ctx, loc: Loc, self: { lisp: string; js: string } | undefined): Node {
    let index = 1;
    let nameSym: Sym | undefined;
    if (form[1] instanceof Sym) nameSym = form[index++] as Sym;
    const params = form[index];
    if (!isVector(params)) {
      this.fail("fn needs a parameter vector", locOf(params ?? null) ?? loc, "(fn [a b] body…) or (fn name [a b] body…)");
    }
    const fnScope = new FunctionScope(ctx.fn);
    const inner: Ctx = { scope: new Scope(ctx.scope), fn: fnScope, loop: null, toplevel: false };
    let name: string | undefined;
    if (nameSym && self && nameSym.name === self.lisp) {
      name = self.js;
      inner.scope.names.set(self.lisp, self.js);
    } else if (nameSym) {
      name = this.declare(nameSym, inner, loc);
    }
    const names: string[] = [];
    let rest: string | undefined;
    for (let i = 0; i < params.length; i++) {
      const param = params[i]!;
      if (isSym(param, "&")) {
        if (i !== params.length - 2) this.fail("& must be followed by exactly one name", locOf(param) ?? loc, "[a b & more]");
        rest = this.declare(params[i + 1] as unknown as Sym, inner, loc);
        break;
      }
      names.push(this.declare(param as unknown as Sym, inner, loc));
    }
    const body = this.do(form.slice(index + 1), inner, false, loc);
    return {
      op: "fn",
      name,
      params: names,
      rest,
      body,
      declarations: fnScope.hoisted,
      async: fnScope.async,
      usesThis: fnScope.usesThis,
      loc,
    };
  }

  private bindingPairs(form: List, loc: Loc, what: string): [Sym, Form][] {
    const spec = form[1];
    const pairs: [Sym, Form][] = [];
    if (isVector(spec)) {
      if (spec.length % 2 !== 0) {
        this.fail(`${what} bindings need a value for every name`, locOf(spec) ?? loc, `(${what} [a 1 b 2] body…)`);
      }
      for (let i = 0; i < spec.length; i += 2) pairs.push([spec[i] as Sym, spec[i + 1]]);
    } else if (isList(spec)) {
      for (const pair of spec) {
        if (!isList(pair) || pair.length !== 2) {
          this.fail(`${what} bindings in parentheses are (name value) pairs`, locOf(pair) ?? locOf(spec) ?? loc, `(${what} ((a 1) (b 2)) body…)`);
        }
        pairs.push([pair[0] as Sym, pair[1]]);
      }
    } else {
      this.fail(`${what} needs a binding vector`, locOf(spec ?? null) ?? loc, `(${what} [a 1 b 2] body…) or (${what} ((a 1) (b 2)) body…)`);
    }
    return pairs;
  }

  private let(form: List, ctx: Ctx, tail: boolean, loc: Loc): Node {
    const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope), toplevel: false };
    const bindings: [string, Node][] = [];
    for (const [sym, value] of this.bindingPairs(form, loc, "let")) {
      const init = this.analyze(value, inner, false, loc);
      bindings.push([this.declare(sym, inner, loc), init]);
    }
    return { op: "let", bindings, body: this.do(form.slice(2), inner, tail, loc), loc };
  }

  private loop(form: List, ctx: Ctx, loc: Loc): Node {
    const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope), toplevel: false };
    const bindings: [string, Node][] = [];
    for (const [sym, value] of this.bindingPairs(form, loc, "loop")) {
      const init = this.analyze(value, inner, false, loc);
      bindings.push([this.declare(sym, inner, loc), init]);
    }
    // The body's tail is the loop's own tail: a recur there restarts this loop, not an outer one.
    inner.loop = bindings.map(([name]) => name);
    return { op: "loop", bindings, body: this.do(form.slice(2), inner, true, loc), loc };
  }

  private recur(form: List, ctx: Ctx, tail: boolean, loc: Loc): Node {
    if (!tail || ctx.loop === null) {
      this.fail("recur is only allowed in tail position of a loop", loc, "(loop [i 0] (if (< i 3) (recur (inc i)) i))", "make recur the last thing a loop body does; to repeat a function, wrap its body in a loop");
    }
    const args = form.slice(1).map((arg) => this.analyze(arg, ctx, false, loc));
    if (args.length !== ctx.loop.length) {
      this.fail(`recur needs ${ctx.loop.length} value(s), one per loop binding, got ${args.length}`, loc, undefined, "give recur one new value for each name the loop binds");
    }
    return { op: "recur", targets: ctx.loop, args, loc };
  }

  private if(form: List, ctx: Ctx, tail: boolean, loc: Loc): Node {
    if (form.length < 3 || form.length > 4) {
      this.fail("if takes a test, a then-branch and an optional else-branch", loc, "(if test then else?)");
    }
    const inner = ctx.toplevel ? { ...ctx, toplevel: false } : ctx;
    return {
      op: "if",
      test: this.analyze(form[1], inner, false, loc),
      then: this.analyze(form[2], inner, tail, loc),
      else: form.length === 4 ? this.analyze(form[3], inner, tail, loc) : NIL,
      loc,
    };
  }

  private do(forms: Form[], ctx: Ctx, tail: boolean, loc: Loc): Node {
    if (forms.length === 0) return { op: "const", value: null, loc };
    if (forms.length === 1) return this.analyze(forms[0], ctx, tail, loc);
    const body = forms.map((form, i) => this.analyze(form, ctx, tail && i === forms.length - 1, loc));
    return { op: "do", body, loc };
  }

  private setBang(form: List, ctx: Ctx, loc: Loc): Node {
    const [targetForm, valueForm] = this.arity(form, 2, loc);
    const target = this.analyze(targetForm!, ctx, false, loc);
    const assignable =
      target.op === "member" || target.op === "index" || (target.op === "ref" && !PRELUDE_JS_NAMES.has(target.name));
    if (!assignable || (target.op === "ref" && target.name === "globalThis")) {
      this.fail(`cannot set! ${showForm(targetForm!)}`, locOf(targetForm!) ?? loc, "a variable, obj.prop, (. obj prop) or (get obj key)");
    }
    return { op: "set!", target, value: this.analyze(valueForm!, ctx, false, loc), loc };
  }

  private dot(form: List, ctx: Ctx, loc: Loc): Node {
    if (form.length < 3) this.fail(". needs an object and at least one property", loc, "(. obj prop more-props…)");
    let node = this.analyze(form[1], ctx, false, loc);
    for (const step of form.slice(2)) {
      if (step instanceof Sym || step instanceof Keyword) {
        node = { op: "member", object: node, property: mangleProperty(step.name), loc: step.loc ?? loc };
      } else if (typeof step === "string") {
        node = { op: "index", object: node, key: { op: "const", value: step, loc }, loc };
      } else if (isList(step) && step[0] instanceof Sym) {
        // (. obj (method args…)) calls obj.method(args…)
        const method: Node = { op: "member", object: node, property: mangleProperty(step[0].name), loc: step[0].loc ?? loc };
        node = { op: "call", callee: method, args: this.args(step.slice(1), ctx, loc), loc: locOf(step) ?? loc };
      } else {
        this.fail(`. expects property names, got ${showForm(step)}`, locOf(step) ?? loc, "(. obj prop more-props…)");
      }
    }
    return node;
  }

  private get(form: List, ctx: Ctx, loc: Loc): Node {
    if (form.length !== 3 && form.length !== 4) this.fail("get takes an object, a key and an optional default", loc, "(get obj key default?)");
    const node: Node = { op: "index", object: this.analyze(form[1], ctx, false, loc), key: this.analyze(form[2], ctx, false, loc), loc };
    if (form.length === 3) return node;
    // (get o k d): the default when o[k] is nil.
    return { op: "logical", operator: "??", operands: [node, this.analyze(form[3], ctx, false, loc)], loc };
  }

  private newForm(form: List, ctx: Ctx, loc: Loc): Node {
    if (form.length < 2) this.fail("new needs a class", loc, "(new Class args…)");
    return { op: "new", callee: this.analyze(form[1], ctx, false, loc), args: this.args(form.slice(2), ctx, loc), loc };
  }

  private await(form: List, ctx: Ctx, loc: Loc): Node {
    const [value] = this.arity(form, 1, loc);
    ctx.fn.async = true;
    return { op: "await", value: this.analyze(value!, ctx, false, loc), loc };
  }

  private try(form: List, ctx: Ctx, loc: Loc): Node {
    const inner: Ctx = { ...ctx, toplevel: false, loop: null };
    const body: Form[] = [];
    let catchName: string | undefined;
    let handler: Node | undefined;
    let finalizer: Node | undefined;
    for (const part of form.slice(1)) {
      if (isList(part) && isSym(part[0], "catch")) {
        if (handler || finalizer) this.fail("a try has at most one catch, before any finally", locOf(part) ?? loc);
        const scope: Ctx = { ...inner, scope: new Scope(ctx.scope) };
        if (!(part[1] instanceof Sym)) this.fail("catch needs a name for the error", locOf(part) ?? loc, "(catch e handler…)");
        catchName = this.declare(part[1], scope, loc);
        handler = this.do(part.slice(2), scope, false, locOf(part) ?? loc);
      } else if (isList(part) && isSym(part[0], "finally")) {
        if (finalizer) this.fail("a try has at most one finally", locOf(part) ?? loc);
        finalizer = this.do(part.slice(1), inner, false, locOf(part) ?? loc);
      } else {
        if (handler || finalizer) this.fail("the body of a try comes before its catch and finally", locOf(part) ?? loc, "(try body… (catch e …) (finally …))");
        body.push(part);
      }
    }
    return { op: "try", body: this.do(body, inner, false, loc), catchName, handler, finalizer, loc };
  }

  private while(form: List, ctx: Ctx, loc: Loc): Node {
    if (form.length < 2) this.fail("while needs a test", loc, "(while test body…)");
    const inner: Ctx = { ...ctx, toplevel: false, loop: null };
    return { op: "while", test: this.analyze(form[1], inner, false, loc), body: this.do(form.slice(2), inner, false, loc), loc };
  }

  private for(form: List, ctx: Ctx, loc: Loc, isAwait: boolean): Node {
    const head = isAwait ? "for-await" : "for";
    const spec = form[1];
    if (!isVector(spec) || spec.length === 0 || spec.length % 2 !== 0) {
      this.fail(`${head} needs a binding vector of name and iterable pairs`, locOf(spec ?? null) ?? loc, `(${head} [x xs] body…)`);
    }
    if (isAwait) ctx.fn.async = true;
    const loops: [string, Node][] = [];
    let inner: Ctx = { ...ctx, toplevel: false, loop: null };
    for (let i = 0; i < spec.length; i += 2) {
      const iterable = this.analyze(spec[i + 1], inner, false, loc);
      inner = { ...inner, scope: new Scope(inner.scope) };
      loops.push([this.declare(spec[i] as unknown as Sym, inner, loc), iterable]);
    }
    let body = this.do(form.slice(2), inner, false, loc);
    for (let i = loops.length - 1; i >= 0; i--) {
      const [name, iterable] = loops[i]!;
      body = { op: "for", name, iterable, body, await: isAwait, loc };
    }
    return body;
  }

  private logical(form: List, ctx: Ctx, loc: Loc, operator: "&&" | "||"): Node {
    const operands = form.slice(1).map((item) => this.analyze(item, ctx, false, loc));
    if (operands.length === 0) return { op: "const", value: operator === "&&", loc };
    if (operands.length === 1) return operands[0]!;
    return { op: "logical", operator, operands, loc };
  }

  private arithmetic(name: "+" | "-" | "*" | "/" | "%", form: List, ctx: Ctx, loc: Loc): Node {
    const operands = form.slice(1).map((item) => this.analyze(item, ctx, false, loc));
    if (operands.length === 0) {
      if (name === "+") return { op: "const", value: 0, loc };
      if (name === "*") return { op: "const", value: 1, loc };
      this.fail(`${name} needs at least one argument`, loc, undefined);
    }
    if (operands.length === 1) {
      if (name === "-") return { op: "unary", operator: "-", value: operands[0]!, loc };
      if (name === "/") return { op: "binary", operator: "/", operands: [{ op: "const", value: 1, loc }, operands[0]!], loc };
      if (name === "%") this.fail("% needs two arguments", loc, "(% a b)");
      return operands[0]!;
    }
    return { op: "binary", operator: name, operands, loc };
  }

  private comparison(name: string, form: List, ctx: Ctx, loc: Loc): Node {
    const operands = form.slice(1).map((item) => this.analyze(item, ctx, false, loc));
    if (operands.length < 2) {
      if (operands.length === 0) this.fail(`${name} needs at least one argument`, loc, undefined);
      return { op: "const", value: name !== "not=", loc };
    }
    return { op: "compare", operator: COMPARISON[name]!, operands, negate: name === "not=", loc };
  }

  private methodCall(form: List, ctx: Ctx, loc: Loc): Node {
    const head = form[0] as Sym;
    if (form.length < 2) this.fail(`${head.name} needs an object to call the method on`, loc, `(${head.name} obj args…)`);
    const object = this.analyze(form[1], ctx, false, loc);
    const callee: Node = { op: "member", object, property: mangleProperty(head.name.slice(1)), loc: head.loc ?? loc };
    return { op: "call", callee, args: this.args(form.slice(2), ctx, loc), loc };
  }

  private map(form: MapForm, ctx: Ctx, loc: Loc | undefined): Node {
    const entries: [Node, Node][] = [];
    for (let i = 0; i < form.length; i += 2) {
      const key = form[i];
      const keyNode: Node =
        key instanceof Keyword ? { op: "const", value: key.name, loc: key.loc ?? loc } : this.analyze(key, ctx, false, loc);
      entries.push([keyNode, this.analyze(form[i + 1], ctx, false, loc)]);
    }
    return { op: "object", entries, loc };
  }

  private defmacro(form: List, ctx: Ctx, loc: Loc): Node {
    const name = form[1];
    if (!(name instanceof Sym) || !isVector(form[2])) {
      this.fail("defmacro needs a name and a parameter vector", loc, "(defmacro name [params] body…)");
    }
    if (!ctx.toplevel) this.fail("defmacro is only allowed at the top level", loc);
    const fnForm = new List();
    fnForm.push(new Sym("fn", name.loc), ...form.slice(2));
    const analyzer = new Analyzer({ ...this.options, repl: false });
    const { node, preludeNames, usedNames } = analyzer.expression(fnForm);
    try {
      this.options.macros.define(name.name, this.options.evaluateMacro(node, preludeNames, usedNames));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.fail(`macro ${name.name} could not be defined: ${message}`, loc);
    }
    return { op: "const", value: null, loc };
  }

  // --- helpers ---------------------------------------------------------------

  /** The arguments of a special form that takes exactly `n`. */
  private arity(form: List, n: number, loc: Loc): Form[] {
    if (form.length !== n + 1) {
      const head = (form[0] as Sym).name;
      this.fail(`${head} takes ${n} argument${n === 1 ? "" : "s"}, got ${form.length - 1}`, loc, undefined);
    }
    return form.slice(1);
  }

  private fail(what: string, loc: Loc, expected?: string, suggestion?: string): never {
    throw lispError(what, loc, this.options.source, { expected, suggestion });
  }
}

