// The `polyglot` command: dispatch to run, compile or repl; map failures to exit codes.
import { readFileSync } from "node:fs";
import { compileCommand } from "./compile-command.js";
import { CliFailure, EXIT_OK, EXIT_RUNTIME, EXIT_USAGE, UsageError } from "./errors.js";
import { guardProcess } from "./process-guard.js";
import { replCommand } from "./repl-command.js";
import { runCommand } from "./run-command.js";
import { usage } from "./usage.js";

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  run: runCommand,
  compile: compileCommand,
  repl: replCommand,
};

/** From package.json: src/cli/ and the bundled dist/lib/ are both two levels below the root. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    process.stdout.write(usage.main + "\n");
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`polyglot ${packageVersion()}\n`);
    return EXIT_OK;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}' (use run, compile or repl)`);
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message, EXIT_USAGE);
    if (error instanceof CliFailure) return fail(error.message, EXIT_RUNTIME);
    const parseProblem = parseArgsProblem(error, name);
    if (parseProblem !== undefined) return fail(parseProblem, EXIT_USAGE);
    process.stderr.write(`polyglot: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    return EXIT_RUNTIME;
  }
}

function fail(message: string, code: number): number {
  process.stderr.write(`polyglot: ${message}\n`);
  return code;
}

/**
 * node:util parseArgs rejects unknown flags and missing values with ERR_PARSE_ARGS_* codes; its own
 * wording quotes unevenly and suggests `--`, so say it plainly with the option's name.
 */
function parseArgsProblem(error: unknown, command: string): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS") || typeof message !== "string") return undefined;
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
  const help = `see 'polyglot ${command} --help'`;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option '${option}'; ${help}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) return `option '${option}' needs a value; ${help}`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `'${command}' takes no file arguments; ${help}`;
  return `${message.replace(/'/g, "")}; ${help}`;
}

guardProcess();
// Set the exit code rather than calling process.exit(): piped stdout must drain first.
process.exitCode = await main(process.argv.slice(2));
