// `polyglot repl`: read forms (across lines while brackets are open), run each
// entry, print its value readably. Definitions and macros persist (one
// ReplSession); Ctrl-C ends a running JS loop or interrupts Python; Tab
// completes Lisp names and Python attributes (repl-completion.ts). Every line
// typed goes through one queue, so input() and (read-line) in an entry take the
// lines that follow it, piped or typed.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { readable } from "../lisp/index.js";
import { ReplEvaluator } from "../runner/repl-session.js";
import { bridgeQuery } from "../completion/bridge-query.js";
import { replCompleter } from "./repl-completion.js";
import { createBridge } from "./runtimes.js";
import { LineQueue } from "./line-queue.js";
import { runtimeFlags } from "./run-command.js";
import { EXIT_OK } from "./errors.js";
import { usage } from "./usage.js";

const PROMPT = "polyglot> ";
const CONTINUE = "......... ";

export async function replCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      runtime: { type: "string" },
      python: { type: "string" },
      packages: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  void positionals;
  if (values.help) {
    process.stdout.write(usage.repl + "\n");
    return EXIT_OK;
  }
  const baseDir = process.cwd();
  const interactive = process.stdin.isTTY === true;
  const lines = new LineQueue();
  const readLine = (text: string): Promise<string | null> => {
    // On a terminal the prompt is readline's, so it stays in front of what is typed.
    if (interactive) prompt(text);
    else if (text !== "") process.stdout.write(text);
    return lines.next();
  };
  const bridge = createBridge({ ...runtimeFlags(values), baseDir, input: readLine });
  const write = (text: string, stream: "stdout" | "stderr") => process[stream].write(text);
  let pending = "";
  let running: AbortController | undefined;
  const evaluator = new ReplEvaluator(bridge, write, readLine);
  const completer = replCompleter({
    query: () => bridgeQuery(bridge),
    baseDir,
    entered: () => evaluator.transcript() + pending,
    busyReason: () => (running ? "an entry is running" : undefined),
    note: (text) => {
      // Below the line, then the prompt and the line again, as readline shows a list of names.
      process.stdout.write(`\n(${text})\n`);
      input.prompt(true);
    },
  });
  const input = createInterface({ input: process.stdin, output: process.stdout, prompt: PROMPT, terminal: interactive, completer });
  // Piped input (a script, a test) gets results only, without prompts between them.
  const prompt = (text: string) => {
    input.setPrompt(text);
    if (interactive) input.prompt();
  };
  const onInterrupt = () => {
    if (running) {
      lines.cancelWaits();
      running.abort();
    } else {
      pending = "";
      process.stdout.write("\n");
      prompt(PROMPT);
    }
  };
  // A terminal in raw mode turns Ctrl-C into readline's event; piped input gets the real signal.
  // While an entry's JS runs, raw mode is off so Ctrl-C is a SIGINT that vm's breakOnSigint turns into an error.
  input.on("SIGINT", onInterrupt);
  process.on("SIGINT", onInterrupt);
  const setRawMode = (on: boolean) => {
    if (interactive && process.stdin.isTTY) process.stdin.setRawMode(on);
  };

  const evaluate = async (source: string) => {
    running = new AbortController();
    setRawMode(false);
    const done = evaluator.evaluate(source, running.signal);
    // The entry's synchronous part has run; awaiting Python, Ctrl-C is readline's again.
    setRawMode(true);
    const result = await done;
    running = undefined;
    if (!result.ok) process.stderr.write(result.error.text + "\n");
    else if (result.value !== undefined) process.stdout.write(readable(result.value) + "\n");
  };

  // Lines arrive faster than entries run when input is piped: they wait in the queue.
  input.on("line", (line) => lines.push(line));
  input.on("close", () => lines.end());

  prompt(PROMPT);
  for (let line = await lines.next(); line !== null; line = await lines.next()) {
    pending += line + "\n";
    if (evaluator.session.needsMore(pending)) {
      prompt(CONTINUE);
      continue;
    }
    const source = pending;
    pending = "";
    if (source.trim() !== "") await evaluate(source);
    prompt(PROMPT);
  }
  process.off("SIGINT", onInterrupt);
  await bridge.close();
  return EXIT_OK;
}
