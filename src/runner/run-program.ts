// Compile a Lisp program and run it against a Python bridge: the one path
// shared by the CLI, the REPL and the playground.
import { compile, createPrelude, locateError, LispError } from "../lisp/index.js";
import type { PythonBridge } from "../bridge/index.js";
import { describePicture } from "../pictures/describe.js";
import type { Picture, PictureSink } from "../pictures/picture.js";
import { fromLispError, fromRuntimeError, type ProgramError } from "./program-error.js";

export type OutputStream = "stdout" | "stderr";

export interface RunOptions {
  /** Shown in errors and used for the source map ("examples/hello.lisp"). */
  filename: string;
  /** Where `$py` and Python output come from; without it `$py` throws. */
  bridge?: PythonBridge;
  /** Receives every `print` and, during the run, Python's stdout and stderr, as they happen. */
  write(text: string, stream: OutputStream): void;
  /**
   * Receives every picture `show` draws, Lisp's and (during the run) Python's. Without it a
   * picture is written as one line of text: `[picture image/png 320×200, 5.1 KiB]` (the CLI).
   */
  show?: PictureSink;
  /** Aborting interrupts running Python and ends the run with an "Interrupted" error. */
  signal?: AbortSignal;
  /** REPL mode: top-level definitions live on globalThis and survive between runs. */
  repl?: boolean;
  /** Answers `(read-line prompt)`; without it read-line gives nil (end of input). */
  readLine?(prompt: string): Promise<string | null>;
}

export interface Compiled {
  code: string;
  map: ReturnType<typeof compile>["map"];
  /** The name V8 gives the running code in stack traces. */
  sourceURL: string;
}

export type RunResult =
  | { ok: true; value: unknown; compiled: Compiled }
  | { ok: false; error: ProgramError; compiled?: Compiled };

type ProgramFunction = (prelude: unknown) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...params: string[]
) => ProgramFunction;

let programsRun = 0;

export async function runProgram(source: string, options: RunOptions): Promise<RunResult> {
  const { filename, bridge, write, signal } = options;
  let compiled: Compiled;
  try {
    const output = compile(source, { filename, target: "function", repl: options.repl });
    programsRun += 1;
    compiled = { ...output, sourceURL: `polyglot-${programsRun}/${baseName(filename)}.js` };
  } catch (error) {
    if (error instanceof LispError) return { ok: false, error: fromLispError(error, filename) };
    throw error;
  }

  const show = options.show ?? describedTo(write);
  const prelude = createPrelude({
    write: (text) => write(text, "stdout"),
    module: bridge ? (name: string) => bridge.module(name) : undefined,
    show,
    readLine: options.readLine,
  });
  const unsubscribe = bridge
    ? [
        bridge.on("stdout", (text: string) => write(text, "stdout")),
        bridge.on("stderr", (text: string) => write(text, "stderr")),
        bridge.on("display", show),
      ]
    : [];
  try {
    const program = new AsyncFunction("__prelude", `${compiled.code}\n//# sourceURL=${compiled.sourceURL}`);
    // A show the program did not await still ends up in the output before the run ends.
    const running = program(prelude).then(async (value) => (await prelude.$settled(), value));
    const value = await (signal ? untilAborted(running, signal, () => bridge?.interrupt()) : running);
    return { ok: true, value, compiled };
  } catch (error) {
    return { ok: false, error: describeRuntimeError(error, source, filename, compiled), compiled };
  } finally {
    for (const stop of unsubscribe) stop();
  }
}

/** Pictures as one line of text each, for a host that cannot draw them. */
export function describedTo(write: (text: string, stream: OutputStream) => void): PictureSink {
  return (picture: Picture) => {
    write(describePicture(picture) + "\n", "stdout");
    if (picture.kind === "bitmap") picture.bitmap.close();
  };
}

/** Place an error thrown by (or escaping from) a compiled program at its Lisp form. */
export function describeRuntimeError(error: unknown, source: string, filename: string, compiled: Compiled): ProgramError {
  const position = locateError(error, compiled, compiled.sourceURL);
  return fromRuntimeError(error, filename, source, position);
}

export class InterruptedError extends Error {
  override readonly name = "Interrupted";
  constructor() {
    super("the program was stopped");
  }
}

/**
 * Settle with `work`, unless `signal` aborts first: then call `onAbort` (e.g. to
 * interrupt Python) and reject with InterruptedError, even if `work` never settles.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => void = () => {}): Promise<T> {
  if (signal.aborted) {
    onAbort();
    return Promise.reject(new InterruptedError());
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(new InterruptedError());
    };
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || "program.lisp";
}
