// The analyzer's scopes: Lisp names in lexical scope, and the JS function
// that each binding ends up declared in.

/** What the analyzer knows about a binding whose value is a Lisp function, for keyword rules and arity hints. */
export interface LispFunctionInfo {
  /** Fixed parameters. */
  params: number;
  /** Takes `& more`. */
  rest: boolean;
}

/** Lexical scope: Lisp name → JS name. */
export class Scope {
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
export class FunctionScope {
  readonly declared = new Set<string>();
  readonly globals = new Set<string>();
  async = false;
  usesThis = false;
  /** Variables defined by a `def` inside a block: declared once at the top of the function body. */
  readonly hoisted: string[] = [];
  constructor(readonly parent?: FunctionScope) {}
}

/** Where a `recur` in tail position goes: the JS names it rebinds, and whether one was seen. */
export interface RecurTarget {
  readonly names: string[];
  /** "loop" or "fn", for messages. */
  readonly form: "loop" | "fn";
  used: boolean;
}
