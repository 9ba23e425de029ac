// `polyglot compile FILE.lisp [-o OUT.mjs] [--map] [--runtime pyodide|cpython|none] [--python PATH]`.
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { compile, LispError } from "../lisp/index.js";
import { CliFailure, EXIT_OK, EXIT_USAGE, fileProblem, UsageError } from "./errors.js";
import { runtimeFlags, type RuntimeFlags } from "./run-command.js";
import { usage } from "./usage.js";

export async function compileCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      map: { type: "boolean" },
      runtime: { type: "string" },
      python: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(usage.compile + "\n");
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError("expected one FILE.lisp; see 'polyglot compile --help'");
  const attach = values.runtime === "none" ? undefined : runtimeFlags(values);
  if (values.runtime === "none" && values.python !== undefined) throw new UsageError("--python needs --runtime cpython, not none");
  const file = positionals[0]!;
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(fileProblem("read", file, error));
  }

  let output: ReturnType<typeof compile>;
  try {
    output = compile(source, { filename: file, target: "module" });
  } catch (error) {
    if (!(error instanceof LispError)) throw error;
    // The same framed report as `polyglot run`: place, line, caret, hint.
    process.stderr.write(error.formatted() + "\n");
    return EXIT_USAGE;
  }

  const prefix = attach ? attachLines(attach) : [];
  const code = [...prefix, output.code].join("\n");
  // Each prefix line is one empty line of mappings, so the map still points at the Lisp.
  const map = JSON.stringify({ ...output.map, mappings: ";".repeat(prefix.length) + output.map.mappings });
  if (values.out) {
    const mapFile = `${values.out}.map`;
    const trailer = values.map ? `\n//# sourceMappingURL=${basename(mapFile)}\n` : "\n";
    await write(values.out, code + trailer);
    if (values.map) await write(mapFile, map + "\n");
  } else {
    const trailer = values.map
      ? `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString("base64")}\n`
      : "\n";
    process.stdout.write(code + trailer);
  }
  return EXIT_OK;
}

/** Module lines that attach Python before the program's first statement runs. */
function attachLines(flags: RuntimeFlags): string[] {
  const options = flags.python === undefined ? "" : `, { python: ${JSON.stringify(flags.python)} }`;
  return [
    'import { attachRuntime } from "polyglot-lisp/attach";',
    `attachRuntime(${JSON.stringify(flags.runtime)}, import.meta.url${options});`,
  ];
}

async function write(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new CliFailure(fileProblem("write", file, error));
  }
}
