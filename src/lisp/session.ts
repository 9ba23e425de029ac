// A REPL session: the macros and Lisp functions its entries defined, carried
// from one entry to the next. Whether an entry is complete is decided by the
// reader alone, so each entry is expanded (and its macros run) exactly once.
import { compile, type CompileResult, type ReplState } from "./compile.js";
import { LispError } from "./errors.js";
import { read } from "./reader.js";
import type { MacroFunction } from "./expander.js";
import type { LispFunctionInfo } from "./scope.js";

export class ReplSession implements ReplState {
  readonly macros = new Map<string, MacroFunction>();
  readonly lispFunctions = new Map<string, LispFunctionInfo>();
  private entries = 0;

  /** True while `text` ends inside an open bracket or string: more lines could complete it. */
  needsMore(text: string): boolean {
    try {
      read(text, "<repl>");
      return false;
    } catch (error) {
      // Any other syntax error is reported when the entry is compiled.
      return error instanceof LispError && error.incomplete;
    }
  }

  /** The next entry's file name: `<repl:3>`. */
  nextFilename(): string {
    this.entries += 1;
    return `<repl:${this.entries}>`;
  }

  /** Compile one entry (function target, definitions on globalThis); throws LispError. */
  compile(source: string, filename: string): CompileResult {
    return compile(source, { filename, target: "function", repl: true, session: this });
  }
}
