// Forms → IR. Resolves every name to its final JS identifier, expands macros,
// checks the shape of each special form and reports misuse as a LispError at
// the form's position.
import { Keyword, List, MapForm, SetForm, Sym, isList, isSym, isVector, locOf, showForm, type Form, type Loc } from "./forms.js";
import { lispError } from "./errors.js";
import { Macros, unknownLoc, type MacroEvaluator } from "./expander.js";
import { expandQuasiquote } from "./quasiquote.js";
import { UNBINDABLE, mangle, mangleKeyword, mangleProperty } from "./names.js";
import { interopHint } from "./interop-hints.js";
import { OPERATOR_FUNCTIONS, PRELUDE_FUNCTIONS, QUASIQUOTE_HELPERS } from "./prelude-names.js";
import { NIL, type CatchClause, type Node, type Program } from "./ir.js";
import { FunctionScope, Scope, type LispFunctionInfo, type RecurTarget } from "./scope.js";

export interface AnalyzeOptions {
  file: string;
  source: string;
  macros: Macros;
  evaluateMacro: MacroEvaluator;
  /** Top-level definitions go to globalThis (the REPL). */
  repl?: boolean;
  /** Globals known to hold Lisp functions (earlier REPL entries); updated with this program's top-level definitions. */
  lispFunctions?: Map<string, LispFunctionInfo>;
}

interface Ctx {
  scope: Scope;
  fn: FunctionScope;
  /** What a `recur` in tail position rebinds, or null outside a loop or fn body. */
  loop: RecurTarget | null;
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

type SpecialForm = (this: Analyzer, form: List, ctx: Ctx, tail: boolean, loc: Loc) => Node;

export class Analyzer {
  private readonly preludeUsed = new Map<string, true>();
  private readonly usedNames = new Set<string>();
  /** The last number given to a renamed binding, per JS name. */
  private readonly suffixes = new Map<string, number>();
  private readonly root: Ctx;
  /** REPL globals this entry defined: what a session keeps of `lispFunctions`. */
  readonly replGlobals = new Set<string>();
  /** JS names (of this program, or of earlier REPL entries) whose value is a Lisp function. */
  private readonly lispFunctions: Map<string, LispFunctionInfo>;

  /** Special forms by name: each method checks its form's shape and builds its node. */
  private static readonly special: Readonly<Record<string, SpecialForm>> = {
    def: Analyzer.prototype.def,
    fn: Analyzer.prototype.fnForm,
    let: Analyzer.prototype.let,
    if: Analyzer.prototype.if,
    do: Analyzer.prototype.doForm,
    "set!": Analyzer.prototype.setBang,
    ".": Analyzer.prototype.dot,
    new: Analyzer.prototype.newForm,
    await: Analyzer.prototype.await,
    try: Analyzer.prototype.try,
    throw: Analyzer.prototype.throw,
    while: Analyzer.prototype.while,
    loop: Analyzer.prototype.loop,
    recur: Analyzer.prototype.recur,
    for: Analyzer.prototype.forOf,
    "for-await": Analyzer.prototype.forAwait,
    and: Analyzer.prototype.and,
    or: Analyzer.prototype.or,
    quote: Analyzer.prototype.quote,
    quasiquote: Analyzer.prototype.quasiquote,
    unquote: Analyzer.prototype.unquote,
    "unquote-splicing": Analyzer.prototype.unquoteSplicing,
    defmacro: Analyzer.prototype.defmacro,
  };

  constructor(private readonly options: AnalyzeOptions) {
    this.root = { scope: new Scope(), fn: new FunctionScope(), loop: null, toplevel: true };
    this.lispFunctions = options.lispFunctions ?? new Map();
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
      const special = Object.hasOwn(Analyzer.special, name) ? Analyzer.special[name] : undefined;
      if (special) return special.call(this, form, ctx, tail, here);
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
    if (isList(head) && form[1] instanceof Sym && form[1].name.startsWith(".") && form[1].name.length > 1) {
      const attr = form[1].name.slice(1);
      this.fail(`${showForm(head)}.${attr} is not a property access: the '.${attr}' is read as a separate form`, locOf(form[1]) ?? here, `(. ${showForm(head)} ${attr}) for the attribute, or a name for the object first`, `((. ${showForm(head)} ${attr}) …), or (py.import "module" :as m) then (m.${attr} …)`);
    }
    const callee = this.analyze(head, ctx, false, loc);
    const known = callee.op === "ref" ? this.lispFunction(callee.name) : undefined;
    if (known) return { op: "call", callee, args: this.plainArgs(form, known, ctx, here), loc };
    const args = this.args(form.slice(1), ctx, loc);
    const last = args[args.length - 1];
    if (last?.op === "kwargs" && isPure(callee)) {
      // Checked at run time: a Python callable takes them, a JS function only as a parameter it declares.
      args[args.length - 1] = { ...last, marker: this.prelude("$kwfor"), check: { callee, positional: args.length - 1, lispName: showForm(head) } };
    }
    return { op: "call", callee, args, loc };
  }

  /** A prelude function, or a binding of this program (or an earlier REPL entry) made by `fn`/`defn`. */
  private lispFunction(js: string): LispFunctionInfo | undefined {
    if (PRELUDE_JS_NAMES.has(js)) return js === "kw" ? undefined : { params: 0, rest: true };
    return this.lispFunctions.get(js);
  }

  /**
   * Arguments of a call to a known Lisp function: keywords are plain values there
   * (`(map :name people)`), so a keyword the function has no parameter for is an error, not silence.
   */
  private plainArgs(form: List, fn: LispFunctionInfo, ctx: Ctx, loc: Loc): Node[] {
    const forms = form.slice(1);
    if (!fn.rest && forms.length > fn.params) {
      const keywords = forms.filter((f): f is Keyword => f instanceof Keyword);
      if (keywords.length > 0) {
        const head = showForm(form[0]);
        const names = keywords.map((k) => `:${k.name}`).join(" ");
        this.fail(
          `${head} takes ${fn.params} argument${fn.params === 1 ? "" : "s"}, so ${names} would be dropped: keyword arguments go to Python callables, and a Lisp function takes a keyword as a plain value`,
          locOf(keywords[0]!) ?? loc,
          `${fn.params} argument(s)`,
          `pass a map instead: (${head} … {${names.split(" ").map((k) => `${k} value`).join(" ")}})`,
        );
      }
    }
    return forms.map((item) => this.analyze(item, ctx, false, loc));
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
    const hint = interopHint(name);
    if (hint) this.fail(hint.what, locOf(sym) ?? loc ?? unknownLoc(this.options.file), hint.expected, hint.suggestion);
    if (name.startsWith("py/") && name.length > 3) {
      // py/len, py/list…: Python's builtins, as Clojure spells a namespace.
      const builtins: Node = { op: "call", callee: { op: "ref", name: this.prelude("$py"), loc }, args: [{ op: "const", value: "builtins", loc }], loc };
      return name.slice(3).split(".").reduce<Node>((object, part) => ({ op: "member", object, property: mangleProperty(part), loc }), builtins);
    }
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
  private declare(sym: Sym, ctx: Ctx, exact = false): string {
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
    // A new binding is not the Lisp function an earlier one of that JS name was, until its definer says so.
    this.lispFunctions.delete(js);
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

  /**
   * Check that a binding site holds a plain name. `what` says which form wants
   * it ("def needs a name"), `expected` shows the form's shape.
   */
  private expectName(form: Form | undefined, loc: Loc, what: string, expected: string, dotted = false): asserts form is Sym {
    if (!(form instanceof Sym)) {
      this.fail(`${what}, got ${form === undefined ? "nothing" : showForm(form)}`, (form !== undefined ? locOf(form) : undefined) ?? loc, expected);
    }
    if ((!dotted && form.name.includes(".")) || form.name === "&") {
      this.fail(`${what}, got ${form.name}: a name to bind has no dots`, locOf(form) ?? loc, expected);
    }
  }

  // --- special forms ---------------------------------------------------------

  private def(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    if (form.length !== 3 && form.length !== 2) {
      this.fail("def takes a name and a value", loc, "(def name value)");
    }
    const sym = form[1];
    this.expectName(sym, loc, "def needs a name", "(def name value)");
    const value = form.length === 3 ? form[2] : null;
    // A visible variable of this same function is rebound rather than declared again.
    const visible = ctx.scope.lookup(sym.name);
    const existing = visible !== undefined && ctx.fn.declared.has(visible) ? visible : undefined;
    if (this.options.repl && ctx.fn === this.root.fn) {
      const js = mangle(sym.name);
      this.root.scope.names.set(sym.name, js);
      this.usedNames.add(js);
      this.root.fn.globals.add(js); // so no local of this entry hides it
      this.replGlobals.add(js);
      return { op: "def", name: js, mode: "global", init: this.definedValue(sym, js, value, ctx, loc), loc };
    }
    if (existing !== undefined) {
      return { op: "def", name: existing, mode: "assign", init: this.definedValue(sym, existing, value, ctx, loc), loc };
    }
    // Declare first, so a function can call itself by its definition's name.
    const js = this.declare(sym, ctx, ctx.toplevel);
    // Inside a block (an if branch, a loop body) a `let` would end with the block.
    if (!ctx.toplevel) ctx.fn.hoisted.push(js);
    const init = this.definedValue(sym, js, value, { ...ctx, toplevel: false }, loc);
    return { op: "def", name: js, mode: ctx.toplevel ? "let" : "assign", init, loc };
  }

  /** A def's value; a `fn` there takes the definition's name (`#<fn name>`, and it can call itself). */
  private definedValue(sym: Sym, js: string, value: Form, ctx: Ctx, loc: Loc): Node {
    // Known as a Lisp function from here on (and while its own body is analyzed, for recursion).
    this.lispFunctions.delete(js);
    if (isList(value) && isSym(value[0], "fn") && ctx.scope.lookup("fn") === undefined) {
      const shape = fnShape(value);
      if (shape) this.lispFunctions.set(js, shape);
      return this.fn(value, ctx, locOf(value) ?? loc, { lisp: sym.name, js });
    }
    return this.analyze(value, ctx, false, loc);
  }

  private fnForm(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    return this.fn(form, ctx, loc, undefined);
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
      this.expectName(nameSym, loc, "a fn's name must be a plain name", "(fn name [a b] body…)");
      name = this.declare(nameSym, inner);
    }
    const names: string[] = [];
    let rest: string | undefined;
    for (let i = 0; i < params.length; i++) {
      const param = params[i]!;
      if (isSym(param, "&")) {
        if (i !== params.length - 2) this.fail("& must be followed by exactly one name", locOf(param) ?? loc, "[a b & more]");
        const restSym = params[i + 1];
        this.expectName(restSym, locOf(param) ?? loc, "& in a fn's parameters needs a name after it", "[a b & more]");
        rest = this.declare(restSym, inner);
        break;
      }
      this.expectName(param, loc, "a fn parameter must be a plain name", "(fn [a b & more] body…)");
      names.push(this.declare(param, inner));
    }
    // The body's tail may `recur`: that rebinds the parameters and runs the body again.
    const recur: RecurTarget = { names: rest === undefined ? names : [...names, rest], form: "fn", used: false };
    inner.loop = recur;
    let body = this.do(form.slice(index + 1), inner, true, loc);
    if (recur.used) body = { op: "loop", bindings: recur.names.map((n) => [n, { op: "ref", name: n, loc }]), reuse: true, body, loc };
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
      for (let i = 0; i < spec.length; i += 2) {
        const name = spec[i];
        this.expectName(name, locOf(spec) ?? loc, `a ${what} binding needs a name`, `(${what} [a 1 b 2] body…)`);
        pairs.push([name, spec[i + 1]]);
      }
    } else if (isList(spec)) {
      for (const pair of spec) {
        if (!isList(pair) || pair.length !== 2) {
          this.fail(`${what} bindings in parentheses are (name value) pairs`, locOf(pair) ?? locOf(spec) ?? loc, `(${what} ((a 1) (b 2)) body…)`);
        }
        const name = pair[0];
        this.expectName(name, locOf(pair) ?? loc, `a ${what} binding needs a name`, `(${what} ((a 1) (b 2)) body…)`);
        pairs.push([name, pair[1]]);
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
      const js = this.declare(sym, inner);
      const shape = isList(value) && isSym(value[0], "fn") ? fnShape(value) : undefined;
      if (shape) this.lispFunctions.set(js, shape);
      else this.lispFunctions.delete(js);
      bindings.push([js, init]);
    }
    return { op: "let", bindings, body: this.do(form.slice(2), inner, tail, loc), loc };
  }

  private loop(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope), toplevel: false };
    const bindings: [string, Node][] = [];
    for (const [sym, value] of this.bindingPairs(form, loc, "loop")) {
      const init = this.analyze(value, inner, false, loc);
      bindings.push([this.declare(sym, inner), init]);
    }
    // The body's tail is the loop's own tail: a recur there restarts this loop, not an outer one.
    inner.loop = { names: bindings.map(([name]) => name), form: "loop", used: false };
    return { op: "loop", bindings, body: this.do(form.slice(2), inner, true, loc), loc };
  }

  private recur(form: List, ctx: Ctx, tail: boolean, loc: Loc): Node {
    if (!tail || ctx.loop === null) {
      this.fail(
        "recur is only allowed in tail position of a loop or fn",
        loc,
        "(loop [i 0] (if (< i 3) (recur (inc i)) i)) or (defn f [n] (if (> n 0) (recur (dec n)) n))",
        "make recur the last thing the loop or function body does (not inside a try, an argument or a nested fn)",
      );
    }
    const target = ctx.loop;
    const args = form.slice(1).map((arg) => this.analyze(arg, ctx, false, loc));
    if (args.length !== target.names.length) {
      const per = target.form === "loop" ? "loop binding" : "parameter of the fn (& more counts as one)";
      this.fail(`recur needs ${target.names.length} value(s), one per ${per}, got ${args.length}`, loc, undefined, `give recur one new value for each ${per}`);
    }
    target.used = true;
    return { op: "recur", targets: target.names, args, loc };
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

  private doForm(form: List, ctx: Ctx, tail: boolean, loc: Loc): Node {
    return this.do(form.slice(1), ctx, tail, loc);
  }

  private throw(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    return { op: "throw", value: this.analyze(this.arity(form, 1, loc)[0]!, ctx, false, loc), loc };
  }

  private quote(form: List, _ctx: Ctx, _tail: boolean, loc: Loc): Node {
    return { op: "quote", form: this.arity(form, 1, loc)[0]!, loc };
  }

  private quasiquote(form: List, ctx: Ctx, tail: boolean, loc: Loc): Node {
    return this.analyze(expandQuasiquote(this.arity(form, 1, loc)[0]!, loc, this.options.source), ctx, tail, loc);
  }

  private unquote(_form: List, _ctx: Ctx, _tail: boolean, loc: Loc): Node {
    return this.fail("~ (unquote) is only meaningful inside ` (quasiquote)", loc, "a form inside `", "quasiquote the template: `(f ~x)");
  }

  private unquoteSplicing(_form: List, _ctx: Ctx, _tail: boolean, loc: Loc): Node {
    return this.fail("~@ (unquote-splicing) is only meaningful inside ` (quasiquote)", loc, "a form inside `", "quasiquote the template: `(f ~@xs)");
  }

  private do(forms: Form[], ctx: Ctx, tail: boolean, loc: Loc): Node {
    if (forms.length === 0) return { op: "const", value: null, loc };
    if (forms.length === 1) return this.analyze(forms[0], ctx, tail, loc);
    const body = forms.map((form, i) => this.analyze(form, ctx, tail && i === forms.length - 1, loc));
    return { op: "do", body, loc };
  }

  private setBang(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    const [targetForm, valueForm] = this.arity(form, 2, loc);
    const target = this.place(targetForm!, ctx, loc);
    const assignable =
      target.op === "member" || target.op === "index" || (target.op === "ref" && !PRELUDE_JS_NAMES.has(target.name));
    if (!assignable || (target.op === "ref" && target.name === "globalThis")) {
      this.fail(`cannot set! ${showForm(targetForm!)}`, locOf(targetForm!) ?? loc, "a variable, obj.prop, (. obj prop) or (get obj key)");
    }
    return { op: "set!", target, value: this.analyze(valueForm!, ctx, false, loc), loc };
  }

  private dot(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
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

  /** A set! target: `(get obj key)` there is the place `obj[key]`, not the prelude's lookup. */
  private place(form: Form, ctx: Ctx, loc: Loc): Node {
    if (isList(form) && isSym(form[0], "get") && ctx.scope.lookup("get") === undefined) {
      if (form.length !== 3) this.fail("set! of (get obj key) takes no default", locOf(form) ?? loc, "(set! (get obj key) value)");
      return { op: "index", object: this.analyze(form[1], ctx, false, loc), key: this.analyze(form[2], ctx, false, loc), loc };
    }
    return this.analyze(form, ctx, false, loc);
  }

  private newForm(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    if (form.length < 2) this.fail("new needs a class", loc, "(new Class args…)");
    return { op: "new", callee: this.analyze(form[1], ctx, false, loc), args: this.args(form.slice(2), ctx, loc), loc };
  }

  private await(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    const [value] = this.arity(form, 1, loc);
    ctx.fn.async = true;
    return { op: "await", value: this.analyze(value!, ctx, false, loc), loc };
  }

  private try(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    const inner: Ctx = { ...ctx, toplevel: false, loop: null };
    const body: Form[] = [];
    const clauses: CatchClause[] = [];
    let finalizer: Node | undefined;
    for (const part of form.slice(1)) {
      if (isList(part) && isSym(part[0], "catch")) {
        const here = locOf(part) ?? loc;
        if (finalizer) this.fail("catch clauses come before the finally", here, "(try body… (catch e …) (finally …))");
        if (clauses.length > 0 && clauses[clauses.length - 1]!.type === undefined) {
          this.fail("a (catch e …) without a class catches everything, so no catch clause may follow it", here, "typed clauses first: (catch ValueError e …) (catch e …)");
        }
        clauses.push(this.catchClause(part, inner, here));
      } else if (isList(part) && isSym(part[0], "finally")) {
        if (finalizer) this.fail("a try has at most one finally", locOf(part) ?? loc);
        finalizer = this.do(part.slice(1), inner, false, locOf(part) ?? loc);
      } else {
        if (clauses.length > 0 || finalizer) this.fail("the body of a try comes before its catch and finally", locOf(part) ?? loc, "(try body… (catch e …) (finally …))");
        body.push(part);
      }
    }
    const matcher = clauses.some((c) => c.type !== undefined) ? this.prelude("$catches") : undefined;
    return { op: "try", body: this.do(body, inner, false, loc), clauses, matcher, finalizer, loc };
  }

  /** `(catch e body…)`, or `(catch ClassName e body…)`: a Python class (or base class) name, or a JS error class. */
  private catchClause(part: List, ctx: Ctx, loc: Loc): CatchClause {
    const typed = part.length >= 3 && part[1] instanceof Sym && part[2] instanceof Sym && /^\p{Lu}/u.test(part[1].name);
    const type = typed ? (part[1] as Sym).name : undefined;
    const nameForm = typed ? part[2] : part[1];
    this.expectName(nameForm, loc, "catch needs a name for the error", "(catch e handler…) or (catch ValueError e handler…)");
    const scope: Ctx = { ...ctx, scope: new Scope(ctx.scope) };
    const name = this.declare(nameForm, scope);
    return { type, name, body: this.do(part.slice(typed ? 3 : 2), scope, false, loc), loc };
  }

  private while(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    if (form.length < 2) this.fail("while needs a test", loc, "(while test body…)");
    const inner: Ctx = { ...ctx, toplevel: false, loop: null };
    return { op: "while", test: this.analyze(form[1], inner, false, loc), body: this.do(form.slice(2), inner, false, loc), loc };
  }

  private forOf(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    return this.for(form, ctx, loc, false);
  }

  private forAwait(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    return this.for(form, ctx, loc, true);
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
      const name = spec[i];
      this.expectName(name, locOf(spec) ?? loc, `${head} needs a name for each item`, `(${head} [x xs] body…)`);
      loops.push([this.declare(name, inner), iterable]);
    }
    let body = this.do(form.slice(2), inner, false, loc);
    for (let i = loops.length - 1; i >= 0; i--) {
      const [name, iterable] = loops[i]!;
      body = { op: "for", name, iterable, body, await: isAwait, loc };
    }
    return body;
  }

  private and(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    return this.logical(form, ctx, loc, "&&");
  }

  private or(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    return this.logical(form, ctx, loc, "||");
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

  private defmacro(form: List, ctx: Ctx, _tail: boolean, loc: Loc): Node {
    const name = form[1];
    // A macro name is never a JS binding, so dots are fine (py.import).
    this.expectName(name, loc, "defmacro needs a name", "(defmacro name [params] body…)", true);
    if (!isVector(form[2])) this.fail("defmacro needs a parameter vector after its name", locOf(form[2] ?? null) ?? loc, "(defmacro name [params] body…)");
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

/** The parameter shape of a `(fn …)` form, or undefined when it is malformed (the analyzer reports that). */
function fnShape(form: List): LispFunctionInfo | undefined {
  const params = form[1] instanceof Sym ? form[2] : form[1];
  if (!isVector(params)) return undefined;
  const amp = params.findIndex((p) => isSym(p, "&"));
  return amp < 0 ? { params: params.length, rest: false } : { params: amp, rest: true };
}

/** A callee the writer may evaluate twice: a name, or properties of one. */
function isPure(node: Node): boolean {
  if (node.op === "ref" || node.op === "this") return true;
  return node.op === "member" && isPure(node.object);
}
