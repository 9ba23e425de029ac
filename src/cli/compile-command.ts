// `polyglot compile FILE.lisp [-o OUT.js] [--map]`.
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { compile, LispError } from "../lisp/index.js";
import { EXIT_OK, EXIT_USAGE, UsageError } from "./errors.js";
import { usage } from "./usage.js";

export async function compileCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      map: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(usage.compile + "\n");
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError("expected one FILE.lisp; see 'polyglot compile --help'");
  const file = positionals[0]!;
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read '${file}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }

  let output: ReturnType<typeof compile>;
  try {
    output = compile(source, { filename: file, target: "module" });
  } catch (error) {
    if (!(error instanceof LispError)) throw error;
    process.stderr.write(error.message + "\n");
    return EXIT_USAGE;
  }

  const map = JSON.stringify(output.map);
  if (values.out) {
    const mapFile = `${values.out}.map`;
    const trailer = values.map ? `\n//# sourceMappingURL=${basename(mapFile)}\n` : "\n";
    await writeFile(values.out, output.code + trailer);
    if (values.map) await writeFile(mapFile, map + "\n");
  } else {
    const trailer = values.map
      ? `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString("base64")}\n`
      : "\n";
    process.stdout.write(output.code + trailer);
  }
  return EXIT_OK;
}
