// The README's library example, run as a user would: through the package's own
// exports ("polyglot-lisp" resolves to this repo), and type-checked against dist/types.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const [, example, printed] = /```ts\n([\s\S]*?)```\s*\nprints[^\n]*\n\n```text\n([\s\S]*?)```/.exec(readme) ?? [];
// Inside the repo, so that `import … from "polyglot-lisp"` resolves through node_modules.
const folder = join(root, ".cache/readme-example");

describe("the README's library example", () => {
  it("is in the README with its expected output", () => {
    expect(example).toContain('from "polyglot-lisp"');
    expect(printed).toBeTruthy();
  });

  it("prints what the README says", () => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "example.mjs"), example!);
    const run = spawnSync("node", [join(folder, "example.mjs")], { encoding: "utf8", cwd: root, timeout: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(printed);
  });

  it("type-checks against the package's declarations", () => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "example.ts"), example!);
    writeFileSync(join(folder, "package.json"), JSON.stringify({ type: "module" }));
    const config = {
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, types: ["node"], lib: ["ES2023", "ESNext.Disposable", "DOM"] },
      files: ["example.ts"],
    };
    writeFileSync(join(folder, "tsconfig.json"), JSON.stringify(config));
    // The declarations are emitted on install; emit them again so this checks the current source.
    const emit = spawnSync("node", ["node_modules/typescript/bin/tsc", "-p", "tsconfig.types.json"], { cwd: root, encoding: "utf8" });
    expect(emit.stdout + emit.stderr).toBe("");
    const check = spawnSync("node", [join(root, "node_modules/typescript/bin/tsc"), "-p", join(folder, "tsconfig.json")], { encoding: "utf8" });
    expect(check.stdout + check.stderr).toBe("");
  });
});
