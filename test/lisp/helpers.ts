// Compile Lisp and run it the way the runner does, collecting what it prints.
import { parse } from "acorn";
import { compile, createPrelude, locateError, type CompileResult } from "../../src/lisp/index.js";

export const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (prelude: unknown) => Promise<unknown>;

export interface Run {
  output: string;
  value: unknown;
  error?: unknown;
  located?: { line: number; column: number };
  compiled: CompileResult;
}

/** Throws if `code` is not valid JS for its target. */
export function assertParses(code: string, target: "module" | "function"): void {
  if (target === "module") parse(code, { ecmaVersion: "latest", sourceType: "module" });
  else parse(`(async function (__prelude) {\n${code}\n})`, { ecmaVersion: "latest", sourceType: "script" });
}

export async function run(
  source: string,
  options: { filename?: string; module?: (name: string) => unknown; repl?: boolean } = {},
): Promise<Run> {
  const filename = options.filename ?? "test.lisp";
  const compiled = compile(source, { filename, target: "function", repl: options.repl });
  assertParses(compiled.code, "function");
  let output = "";
  const prelude = createPrelude({ write: (text) => (output += text), module: options.module });
  const fn = new AsyncFunction("__prelude", `${compiled.code}\n//# sourceURL=${filename}`);
  try {
    const value = await fn(prelude);
    return { output, value, compiled };
  } catch (error) {
    return { output, value: undefined, error, located: locateError(error, compiled, filename), compiled };
  }
}

/** Run and return what was printed; rethrow a runtime error. */
export async function output(source: string, options: Parameters<typeof run>[1] = {}): Promise<string> {
  const result = await run(source, options);
  if (result.error !== undefined) throw result.error;
  return result.output;
}

export function js(source: string, target: "module" | "function" = "function"): string {
  const { code } = compile(source, { filename: "test.lisp", target });
  assertParses(code, target);
  return code;
}

export interface DocExample {
  line: number;
  info: string;
  source: string;
  expected: string;
}

/** Fenced blocks `lang` followed directly by an `output` block. */
export function docExamples(markdown: string): DocExample[] {
  const blocks: { info: string; text: string; line: number }[] = [];
  const fence = /^```([^\n`]*)\n([\s\S]*?)^```\s*$/gm;
  for (const match of markdown.matchAll(fence)) {
    const line = markdown.slice(0, match.index).split("\n").length;
    blocks.push({ info: match[1]!.trim(), text: match[2]!, line });
  }
  const examples: DocExample[] = [];
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    if (block.info.startsWith("lisp") && next?.info === "output") {
      examples.push({ line: block.line, info: block.info, source: block.text, expected: next.text });
    }
  });
  return examples;
}
