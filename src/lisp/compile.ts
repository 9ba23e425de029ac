// Source → JS: read (reader.ts), analyze and expand macros (analyzer.ts,
// expander.ts), write ESTree (writer.ts), print it with a source map (emit.ts).
// Only LispError escapes.
import type { RawSourceMap } from "source-map-js";
import type * as ES from "estree";
import { emit, emitCode } from "./emit.js";
import { read } from "./reader.js";
import { Analyzer } from "./analyzer.js";
import { Macros, type MacroFunction } from "./expander.js";
import { LispError } from "./errors.js";
import { destructurePrelude, writeExpression, writeProgram } from "./writer.js";
import { withFreshGensyms } from "./forms.js";
import { createPrelude, type Prelude } from "./prelude.js";
import { CORE_MACROS } from "./core-macros.js";
import type { Node } from "./ir.js";
import type { LispFunctionInfo } from "./scope.js";

export type { RawSourceMap };

export interface CompileOptions {
  filename: string;
  /** "module" (default): an ES module importing "polyglot-lisp/prelude". "function": the body of `async (__prelude) => …`. */
  target?: "module" | "function";
  /** With target "function": top-level definitions live on globalThis, so they survive between entries. */
  repl?: boolean;
  /**
   * With `repl`: the macros and Lisp functions earlier entries defined, which this
   * entry sees and adds to (only when it compiles). Without it, one state shared by the process.
   */
  session?: ReplState;
}

/** What a REPL session carries from one entry to the next (see session.ts). */
export interface ReplState {
  readonly macros: Map<string, MacroFunction>;
  readonly lispFunctions: Map<string, LispFunctionInfo>;
}

export interface CompileResult {
  code: string;
  map: RawSourceMap;
}

export function compile(source: string, options: CompileOptions): CompileResult {
  const target = options.target ?? "module";
  try {
    return withFreshGensyms(() => {
      const repl = options.repl === true && target === "function";
      const state = repl ? (options.session ?? processRepl) : undefined;
      const forms = read(source, options.filename);
      const macros = new Macros(new Map([...coreMacros(), ...(state?.macros ?? [])]));
      // A copy: an entry that fails to compile leaves the session as it was.
      const lispFunctions = new Map(state?.lispFunctions ?? []);
      const analyzer = new Analyzer({ file: options.filename, source, macros, evaluateMacro, repl, lispFunctions });
      const program = writeProgram(analyzer.program(forms), { target });
      const result = emit(program, source, options.filename);
      // Like the REPL's definitions, its macros outlive the entry that defined them.
      if (state) {
        for (const [name, fn] of macros.entries()) state.macros.set(name, fn);
        for (const name of analyzer.replGlobals) {
          const info = lispFunctions.get(name);
          if (info) state.lispFunctions.set(name, info);
          else state.lispFunctions.delete(name);
        }
      }
      return result;
    });
  } catch (error) {
    throw asLispError(error, options.filename, source);
  }
}

/** Anything else that escapes (a stack overflow on absurd nesting, a bug) still reaches the user as a LispError. */
function asLispError(error: unknown, file: string, source: string): LispError {
  if (error instanceof LispError) return error;
  const tooDeep = error instanceof RangeError && /call stack/i.test(error.message);
  const what = tooDeep
    ? "the program is nested too deeply to compile"
    : `internal compiler error: ${error instanceof Error ? error.message : String(error)}`;
  return new LispError({ what, loc: { source: file, start: { line: 1, column: 0 }, end: { line: 1, column: 1 } }, source });
}

// --- macros ------------------------------------------------------------------

/** What a macro body sees: the prelude, printing to the console (a macro that prints is debugging). */
let compileTimePrelude: Prelude | undefined;

function evaluateMacro(fn: Node, preludeNames: string[], usedNames: Set<string>): MacroFunction {
  compileTimePrelude ??= createPrelude({ write: (text) => console.log(text.replace(/\n$/, "")) });
  const expression = writeExpression(fn, usedNames);
  const body: ES.Program = {
    type: "Program",
    sourceType: "script",
    body: [
      ...(preludeNames.length > 0 ? [destructurePrelude(preludeNames)] : []),
      { type: "ReturnStatement", argument: expression },
    ],
  };
  const factory = new Function("__prelude", emitCode(body)) as (prelude: Prelude) => MacroFunction;
  return factory(compileTimePrelude);
}

let coreTable: Map<string, MacroFunction> | undefined;
/** Macros and functions defined by REPL entries compiled with `repl: true` and no session of their own. */
const processRepl: ReplState = { macros: new Map(), lispFunctions: new Map() };

/** The built-in macros, compiled from Lisp the first time a program needs them. */
function coreMacros(): Map<string, MacroFunction> {
  if (coreTable) return coreTable;
  const macros = new Macros(new Map());
  const analyzer = new Analyzer({ file: "<core-macros>", source: CORE_MACROS, macros, evaluateMacro });
  analyzer.program(read(CORE_MACROS, "<core-macros>"));
  coreTable = macros.entries();
  return coreTable;
}
