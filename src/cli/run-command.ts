// `polyglot run FILE.lisp` / `polyglot run -e CODE`.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { describeRuntimeError, runProgram, type Compiled } from "../runner/index.js";
import { createBridge, isRuntimeName, type RuntimeName } from "./runtimes.js";
import { EXIT_OK, EXIT_RUNTIME, EXIT_USAGE, fileProblem, UsageError } from "./errors.js";
import { interruptTwice } from "./process-guard.js";
import { streamLines } from "./line-queue.js";
import { usage } from "./usage.js";

export interface RuntimeFlags {
  runtime: RuntimeName;
  python?: string;
  /** Pyodide's package folder: --packages, else $POLYGLOT_PACKAGES. */
  packages?: string;
}

/**
 * Parse `--runtime` and `--python`, shared by run, repl and compile. `--python` names a CPython
 * interpreter, so on its own it implies `--runtime cpython`; beside another runtime it is a mistake.
 */
export function runtimeFlags(values: { runtime?: string; python?: string; packages?: string }): RuntimeFlags {
  const runtime = values.runtime ?? (values.python !== undefined ? "cpython" : "pyodide");
  if (!isRuntimeName(runtime)) throw new UsageError(`unknown runtime '${runtime}' (use pyodide or cpython)`);
  if (values.python !== undefined && runtime !== "cpython") {
    throw new UsageError(`--python names a CPython interpreter, so it needs --runtime cpython (not ${runtime})`);
  }
  if (values.packages !== undefined && runtime !== "pyodide") {
    throw new UsageError(`--packages is a folder of wheels for Pyodide; CPython imports what pip installed (docs/packages.md)`);
  }
  const packages = runtime === "pyodide" ? (values.packages ?? (process.env.POLYGLOT_PACKAGES || undefined)) : undefined;
  return { runtime, python: values.python, packages };
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      eval: { type: "string", short: "e" },
      runtime: { type: "string" },
      python: { type: "string" },
      packages: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(usage.run + "\n");
    return EXIT_OK;
  }
  const flags = runtimeFlags(values);
  const program = await loadProgram(values.eval, positionals);

  // input() and (read-line) read the terminal's stdin (the prompt goes to stdout, as CPython's does).
  const lines = streamLines(process.stdin);
  const readLine = (prompt: string): Promise<string | null> => {
    if (prompt !== "") process.stdout.write(prompt);
    return lines.next();
  };
  const bridge = createBridge({ ...flags, baseDir: program.baseDir, input: readLine });
  const write = (text: string, stream: "stdout" | "stderr") => process[stream].write(text);
  // Errors that escape the program (a throw inside a setTimeout callback) still get a Lisp position.
  let compiled: Compiled | undefined;
  const onStrayError = (error: unknown) => {
    const report = compiled
      ? describeRuntimeError(error, program.source, program.filename, compiled).text
      : String(error);
    process.stderr.write(report + "\n");
    process.exitCode = EXIT_RUNTIME;
    void bridge.close();
  };
  process.on("uncaughtException", onStrayError);
  process.on("unhandledRejection", onStrayError);

  // First Ctrl-C stops the program (interrupting Python); a second ends the process.
  const stop = new AbortController();
  const removeInterrupt = interruptTwice(() => {
    lines.cancelWaits();
    stop.abort();
  });
  try {
    const result = await runProgram(program.source, { filename: program.filename, bridge, write, signal: stop.signal, readLine });
    compiled = result.compiled;
    if (result.ok) return EXIT_OK;
    process.stderr.write(result.error.text + "\n");
    return result.error.kind === "syntax" ? EXIT_USAGE : EXIT_RUNTIME;
  } finally {
    // A read-line nobody awaited must not hold the process open on stdin.
    lines.close();
    // Closing waits for a Python that may ignore the interrupt: a second Ctrl-C must still end it.
    await bridge.close();
    removeInterrupt();
  }
}

interface Program {
  source: string;
  filename: string;
  baseDir: string;
}

async function loadProgram(code: string | undefined, positionals: string[]): Promise<Program> {
  if (code !== undefined) {
    if (positionals.length > 0) throw new UsageError("give either a FILE or -e CODE, not both");
    return { source: code, filename: "<eval>", baseDir: process.cwd() };
  }
  if (positionals.length !== 1) throw new UsageError("expected one FILE.lisp (or -e CODE); see 'polyglot run --help'");
  const file = positionals[0]!;
  try {
    return { source: await readFile(file, "utf8"), filename: file, baseDir: dirname(resolve(file)) };
  } catch (error) {
    throw new UsageError(fileProblem("read", file, error));
  }
}
