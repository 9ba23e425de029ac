// The `polyglot` command: dispatch to run, compile or repl; map failures to exit codes.
import { compileCommand } from "./compile-command.js";
import { EXIT_OK, EXIT_RUNTIME, EXIT_USAGE, UsageError } from "./errors.js";
import { replCommand } from "./repl-command.js";
import { runCommand } from "./run-command.js";
import { usage } from "./usage.js";

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  run: runCommand,
  compile: compileCommand,
  repl: replCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    process.stdout.write(usage.main + "\n");
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}' (use run, compile or repl)`);
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`polyglot: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`polyglot: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    return EXIT_RUNTIME;
  }
}

/** node:util parseArgs rejects unknown flags and missing values with these codes. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

// Set the exit code rather than calling process.exit(): piped stdout must drain first.
process.exitCode = await main(process.argv.slice(2));
