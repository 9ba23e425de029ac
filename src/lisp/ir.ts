// The analyzer's output and the writer's input: a small tree of plain objects
// in which every name is already the final JS identifier and every special
// form has been checked. `loc` is the Lisp position the node came from.
import type { Form, Loc } from "./forms.js";

export type Const = null | boolean | number | string | bigint;

export type Node =
  | { op: "const"; value: Const; loc?: Loc }
  | { op: "ref"; name: string; loc?: Loc }
  | { op: "this"; loc?: Loc }
  | { op: "member"; object: Node; property: string; loc?: Loc }
  | { op: "index"; object: Node; key: Node; loc?: Loc }
  | { op: "call"; callee: Node; args: Node[]; loc?: Loc }
  | { op: "new"; callee: Node; args: Node[]; loc?: Loc }
  /** `kw({name: value…})`: keyword arguments, the last argument of a call. */
  /**
   * `check`: the (side-effect free) callee and the number of positional arguments,
   * for `$kwfor(callee, n, {…})`, which refuses keyword arguments a JS function has no parameter for.
   */
  | { op: "kwargs"; marker: string; entries: [string, Node][]; check?: { callee: Node; positional: number; lispName: string }; loc?: Loc }
  | { op: "array"; items: Node[]; loc?: Loc }
  | { op: "object"; entries: [Node, Node][]; loc?: Loc }
  | { op: "set"; items: Node[]; loc?: Loc }
  | { op: "quote"; form: Form; loc?: Loc }
  /** `usesThis`: the body reads `this`, so it cannot be an arrow function. */
  /** `declarations`: variables `def`ined inside blocks of the body, declared at its top. */
  | {
      op: "fn";
      name?: string;
      params: string[];
      rest?: string;
      body: Node;
      declarations: string[];
      async: boolean;
      usesThis: boolean;
      loc?: Loc;
    }
  /** let: declare a new binding; assign: rebind a known one; global: REPL definition on globalThis. */
  | { op: "def"; name: string; mode: "let" | "assign" | "global"; init: Node; loc?: Loc }
  | { op: "set!"; target: Node; value: Node; loc?: Loc }
  | { op: "if"; test: Node; then: Node; else: Node; loc?: Loc }
  | { op: "do"; body: Node[]; loc?: Loc }
  | { op: "let"; bindings: [string, Node][]; body: Node; loc?: Loc }
  /** `reuse`: the bindings are a fn's own parameters (recur in a fn body), already declared. */
  | { op: "loop"; bindings: [string, Node][]; body: Node; reuse?: boolean; loc?: Loc }
  | { op: "recur"; targets: string[]; args: Node[]; loc?: Loc }
  | { op: "while"; test: Node; body: Node; loc?: Loc }
  | { op: "for"; name: string; iterable: Node; body: Node; await: boolean; loc?: Loc }
  /** `matcher`: the prelude function that tests an error against a clause's class, when a clause has one. */
  | { op: "try"; body: Node; clauses: CatchClause[]; matcher?: string; finalizer?: Node; loc?: Loc }
  | { op: "throw"; value: Node; loc?: Loc }
  | { op: "await"; value: Node; loc?: Loc }
  | { op: "logical"; operator: "&&" | "||" | "??"; operands: Node[]; loc?: Loc }
  | { op: "not"; value: Node; loc?: Loc }
  | { op: "unary"; operator: "-" | "+"; value: Node; loc?: Loc }
  /** Left-folded arithmetic: `a + b + c`. */
  | { op: "binary"; operator: "+" | "-" | "*" | "/" | "%"; operands: Node[]; loc?: Loc }
  /** Chained comparison: `a < b && b < c`; `negate` for not=. */
  | { op: "compare"; operator: "<" | ">" | "<=" | ">=" | "==="; operands: Node[]; negate: boolean; loc?: Loc };

/** One `(catch Type? name body…)`; no `type` catches everything. */
export interface CatchClause {
  type?: string;
  name: string;
  body: Node;
  loc?: Loc;
}

export type Op = Node["op"];
export type NodeOf<K extends Op> = Extract<Node, { op: K }>;

export const NIL: Node = { op: "const", value: null };

/** What the writer needs besides the nodes. */
export interface Program {
  body: Node[];
  /** Variables `def`ined inside blocks at the top level, declared before the body. */
  declarations: string[];
  /** Prelude names the program refers to, in first-use order. */
  preludeNames: string[];
  /** Every identifier the program declares or refers to, so temporaries can avoid them. */
  usedNames: Set<string>;
}
