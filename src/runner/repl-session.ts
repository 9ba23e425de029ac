// The CLI REPL's evaluator (Node only): one ReplSession for macros and
// definitions, each entry run with `vm`'s breakOnSigint so Ctrl-C ends a JS
// loop as Node's own REPL does, while the session and its globals live on.
import { Script } from "node:vm";
import { createPrelude, locateError, LispError, ReplSession, type CompileResult } from "../lisp/index.js";
import type { PythonBridge } from "../bridge/index.js";
import { fromLispError, fromRuntimeError, type ProgramError } from "./program-error.js";
import { describedTo, untilAborted } from "./run-program.js";

export type ReplResult = { ok: true; value: unknown } | { ok: false; error: ProgramError };

/** Where the running entry finds its prelude: a script run by `vm` sees only globals. */
const PRELUDE_SLOT = Symbol.for("polyglot.replPrelude");
/** The wrapper puts the compiled code on its second line. */
const HEADER_LINES = 1;

/** An entry that ran: an error from a function it defined is placed in its source. */
interface RanEntry {
  filename: string;
  source: string;
  compiled: { map: CompileResult["map"] };
  sourceURL: string;
}

export class ReplEvaluator {
  readonly session = new ReplSession();
  private runs = 0;
  private readonly ran: RanEntry[] = [];

  constructor(
    private readonly bridge: PythonBridge | undefined,
    private readonly write: (text: string, stream: "stdout" | "stderr") => void,
    /** Answers `(read-line prompt)`; without it read-line gives nil. */
    private readonly readLine?: (prompt: string) => Promise<string | null>,
  ) {}

  /** Every entry that compiled, in order, each ending in a newline: what Tab completion reads definitions from. */
  transcript(): string {
    return this.ran.map((entry) => (entry.source.endsWith("\n") ? entry.source : entry.source + "\n")).join("");
  }

  /**
   * Compile and run one entry. The synchronous part runs under breakOnSigint:
   * a SIGINT then ends it with an "Interrupted" error. Aborting `signal` stops
   * a wait on Python (interrupting it).
   */
  async evaluate(source: string, signal: AbortSignal): Promise<ReplResult> {
    const filename = this.session.nextFilename();
    let compiled;
    try {
      compiled = this.session.compile(source, filename);
    } catch (error) {
      if (error instanceof LispError) return { ok: false, error: fromLispError(error, filename) };
      throw error;
    }
    this.runs += 1;
    const sourceURL = `polyglot-repl-${this.runs}.js`;
    const entry: RanEntry = { filename, source, compiled, sourceURL };
    this.ran.push(entry);
    const bridge = this.bridge;
    const show = describedTo(this.write);
    const prelude = createPrelude({
      write: (text) => this.write(text, "stdout"),
      module: bridge ? (name: string) => bridge.module(name) : undefined,
      show,
      readLine: this.readLine,
    });
    const unsubscribe = bridge
      ? [
          bridge.on("stdout", (text: string) => this.write(text, "stdout")),
          bridge.on("stderr", (text: string) => this.write(text, "stderr")),
          bridge.on("display", show),
        ]
      : [];
    const slots = globalThis as unknown as Record<symbol, unknown>;
    try {
      const script = new Script(`(async function (__prelude) {\n${compiled.code}\n})(globalThis[Symbol.for("polyglot.replPrelude")])`, {
        filename: sourceURL,
      });
      slots[PRELUDE_SLOT] = prelude;
      const entered = script.runInThisContext({ breakOnSigint: true }) as Promise<unknown>;
      const running = entered.then(async (value) => (await prelude.$settled(), value));
      delete slots[PRELUDE_SLOT];
      const value = await untilAborted(running, signal, () => bridge?.interrupt());
      return { ok: true, value };
    } catch (error) {
      if (isSigintBreak(error)) {
        return { ok: false, error: fromRuntimeError(new ReplInterrupted(), filename, source, undefined) };
      }
      const where = this.origin(error) ?? entry;
      const position = locateError(error, where.compiled, where.sourceURL, HEADER_LINES);
      return { ok: false, error: fromRuntimeError(error, where.filename, where.source, position) };
    } finally {
      delete slots[PRELUDE_SLOT];
      for (const stop of unsubscribe) stop();
    }
  }

  /** The entry of the innermost stack frame that belongs to any entry (a function an earlier entry defined, say). */
  private origin(error: unknown): RanEntry | undefined {
    const stack = stackOf(error);
    let best: RanEntry | undefined;
    let bestAt = Infinity;
    for (const entry of this.ran) {
      const at = stack.indexOf(`${entry.sourceURL}:`);
      if (at >= 0 && at < bestAt) [best, bestAt] = [entry, at];
    }
    return best;
  }
}

/** The text of an error's stack, or "" when it has none. */
function stackOf(error: unknown): string {
  return error instanceof Error && typeof error.stack === "string" ? error.stack : "";
}

class ReplInterrupted extends Error {
  override readonly name = "Interrupted";
  constructor() {
    super("Ctrl-C stopped the entry; the session and its definitions are kept");
  }
}

/** What `vm` throws when breakOnSigint ends a script. */
function isSigintBreak(error: unknown): boolean {
  return error instanceof Error && /Script execution was interrupted by `SIGINT`/.test(error.message);
}
