// The package as a user gets it (issue 14's acceptance, and issue 11's CLI after install): `npm pack`,
// then the tarball installed into temporary projects with npm, outside this repo, so nothing
// resolves from our own node_modules. In those projects:
//   - a TypeScript program under tsx calls Python on both Node transports, with a callback;
//   - `tsc --noEmit` (strict, skipLibCheck: false, no DOM lib) checks a Node-only consumer;
//   - a Vite app using "polyglot-lisp/browser" and the "polyglot-lisp/vite" plugin is built,
//     served by `vite preview` and run in the system Chromium, through a Python call with a callback;
//   - `polyglot compile` makes a .mjs that plain `node` runs, on each runtime;
//   - `polyglot run` twice on Pyodide: the first makes the per-user snapshot, the second reuses it.
// Every Pyodide start keeps its snapshot in a temporary XDG_CACHE_HOME, never in the user's cache.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "../../e2e/chromium.mjs";
import { describeRun, installProject, lockedSpec, packTarball, repoRoot, run, userEnv, type Ran } from "../../scripts/packed-install.mjs";

const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  version: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
};

const work = mkdtempSync(join(tmpdir(), "polyglot-packed-"));
const nodeApp = join(work, "node-app");
const webApp = join(work, "web-app");
/** Where library and compiled-module starts keep their Pyodide snapshot. */
const libraryCache = join(work, "cache-library");
let packed: { tarball: string; files: string[] };

/** Runs `args` in a consumer project, as from the user's shell. */
function inProject(folder: string, command: string, args: string[], extraEnv: Record<string, string> = {}, timeoutMs = 120_000): Promise<Ran> {
  return run(command, args, { cwd: folder, env: userEnv(extraEnv), timeoutMs });
}

function write(folder: string, name: string, text: string): void {
  writeFileSync(join(folder, name), text);
}

/** Succeeds or fails with everything the command printed. */
function expectSuccess(what: string, result: Ran): void {
  if (result.status !== 0) expect.fail(describeRun(what, result));
}

/** stderr without the one-line note a Pyodide start writes while it makes the snapshot. */
function stderrBesidesSnapshotNote(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("polyglot: preparing Pyodide for fast starts"))
    .join("\n");
}

beforeAll(async () => {
  packed = await packTarball(work);
  const [tsx, typescript, nodeTypes, vite] = ["tsx", "typescript", "@types/node", "vite"].map(lockedSpec);
  await Promise.all([
    installProject(nodeApp, [packed.tarball, tsx!, typescript!, nodeTypes!]),
    installProject(webApp, [packed.tarball, vite!]),
  ]);
}, 420_000);

afterAll(() => {
  if (!process.env.POLYGLOT_KEEP_PACKED) rmSync(work, { recursive: true, force: true });
});

describe("the packed tarball, installed into temporary projects", { timeout: 180_000 }, () => {
  it("ships the built library, the runtime and the declarations, and no sources, tests or maps", () => {
    const files = new Set(packed.files);
    const targets = Object.values(manifest.exports).flatMap((entry) => (typeof entry === "string" ? [entry] : [entry.types, entry.default]));
    const needed = [
      ...targets.map((target) => target.replace(/^\.\//, "")),
      ...Object.values(manifest.bin),
      "dist/lib/cli.js",
      "dist/lib/node-pyodide-worker.js",
      // The browser entry starts `new URL("./worker.js", import.meta.url)`.
      "dist/browser/worker.js",
      "py/polyglot_runtime/__init__.py",
      "LICENSE",
      "README.md",
    ];
    expect(needed.filter((file) => !files.has(file))).toEqual([]);
    const unwanted = packed.files.filter((file) => /^(src|test|e2e|bench|scripts|py\/tests)\/|\.map$|\.snapshot$|\.ts$/.test(file) && !file.endsWith(".d.ts"));
    expect(unwanted).toEqual([]);
  });

  it("installs the exact Pyodide it was built against, and none of the playground's packages", () => {
    const pyodide = JSON.parse(readFileSync(join(nodeApp, "node_modules/pyodide/package.json"), "utf8")) as { version: string };
    expect(pyodide.version).toBe(manifest.dependencies.pyodide);
    const installed = readdirSync(join(nodeApp, "node_modules"));
    expect(installed.filter((name) => ["@codemirror", "@lezer", "vitest", "@playwright"].includes(name))).toEqual([]);
  });

  it("runs a TypeScript program under tsx on both Node transports, with a callback into JS", async () => {
    write(nodeApp, "main.ts", MAIN_TS);
    const result = await inProject(nodeApp, "node_modules/.bin/tsx", ["main.ts"], { XDG_CACHE_HOME: libraryCache });
    expectSuccess("tsx main.ts", result);
    expect(result.stdout).toBe(
      [
        "hello from cpython",
        'cpython: sorted ["a","bb","ccc"] after 3 keys; top [["a",5]]',
        "hello from pyodide",
        'pyodide: sorted ["a","bb","ccc"] after 3 keys; top [["a",5]]',
        "",
      ].join("\n"),
    );
    expect(stderrBesidesSnapshotNote(result.stderr)).toBe("");
  });

  it("runs the compiler and runner from the main entry (runProgram over a CPython bridge)", async () => {
    write(nodeApp, "embed.ts", EMBED_TS);
    const result = await inProject(nodeApp, "node_modules/.bin/tsx", ["embed.ts"]);
    expectSuccess("tsx embed.ts", result);
    expect(result.stdout).toBe("compiled: import\nprinted: [\"a\" \"bb\" \"ccc\"]\nresult: ok\nread: (+ 1 2)\n");
    expect(result.stderr).toBe("");
  });

  it("type-checks a strict Node-only consumer with skipLibCheck: false", async () => {
    write(nodeApp, "main.ts", MAIN_TS);
    write(nodeApp, "embed.ts", EMBED_TS);
    write(nodeApp, "entries.ts", ENTRIES_TS);
    write(nodeApp, "tsconfig.json", JSON.stringify(NODE_TSCONFIG, null, 2));
    const result = await inProject(nodeApp, "node_modules/.bin/tsc", ["--noEmit", "-p", "tsconfig.json"]);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("builds a Vite app with the browser entry and the plugin, serves it with vite preview, and runs it in Chromium", async () => {
    write(webApp, "index.html", WEB_HTML);
    write(webApp, "main.ts", WEB_MAIN_TS);
    write(webApp, "vite.config.js", WEB_VITE_CONFIG);
    const vite = join(webApp, "node_modules/vite/bin/vite.js");
    const build = await inProject(webApp, process.execPath, [vite, "build"]);
    expectSuccess("vite build", build);
    const site = join(webApp, "dist");
    // The plugin copied Pyodide in and wrote the offline service worker; the worker was bundled.
    for (const file of ["pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "pyodide/pyodide.asm.mjs", "packages/index.json", "polyglot-sw.js"]) {
      expect(existsSync(join(site, file)), file).toBe(true);
    }
    expect(readdirSync(join(site, "assets")).some((name) => /^worker-.*\.js$/.test(name))).toBe(true);

    const port = await freePort();
    const preview = spawn(process.execPath, [vite, "preview", "--port", String(port), "--strictPort", "--host", "127.0.0.1"], {
      cwd: webApp,
      // CI=true turns picocolors on, which bolds the port inside the printed URL.
      env: { ...userEnv(), NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let previewLog = "";
    preview.stdout.setEncoding("utf8").on("data", (text: string) => (previewLog += text));
    preview.stderr.setEncoding("utf8").on("data", (text: string) => (previewLog += text));
    const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs], headless: true });
    try {
      const url = `http://127.0.0.1:${port}/`;
      await until(() => previewLog.replace(/\x1b\[[0-9;]*m/g, "").includes(url) || preview.exitCode !== null, "vite preview to listen", 120_000);
      expect(preview.exitCode, previewLog).toBeNull();
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
      page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
      page.on("response", (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(url);
      await page.waitForFunction(() => document.getElementById("result")?.dataset.done === "1", null, { timeout: 120_000 });
      expect(await page.textContent("#result")).toBe('isolated true; sorted ["a","bb","ccc"] after 3 keys; lisp printed 2');
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await browser.close().catch(() => {});
      preview.kill("SIGTERM");
    }
  });

  it("compiles a .lisp file with the installed CLI into a .mjs that plain node runs, on each runtime", async () => {
    write(nodeApp, "hello.lisp", HELLO_LISP);
    const env = { XDG_CACHE_HOME: libraryCache };
    for (const runtime of ["pyodide", "cpython"]) {
      const out = `hello-${runtime}.mjs`;
      const compiled = await inProject(nodeApp, "node_modules/.bin/polyglot", ["compile", "hello.lisp", "-o", out, "--runtime", runtime], env);
      expectSuccess(`polyglot compile --runtime ${runtime}`, compiled);
      // Pyodide once went looking for its files beside the mapped sources under --enable-source-maps.
      for (const flags of runtime === "pyodide" ? [[], ["--enable-source-maps"]] : [[]]) {
        const result = await inProject(nodeApp, process.execPath, [...flags, out], env);
        expectSuccess(`node ${flags.join(" ")} ${out}`, result);
        expect(result.stdout, `${runtime} ${flags.join(" ")}`).toBe('hello from python\n["a" "bb" "ccc"]\n');
        expect(stderrBesidesSnapshotNote(result.stderr), runtime).toBe("");
      }
    }
  });

  it("runs the installed CLI twice on Pyodide: the first run makes the per-user snapshot, the second reuses it", async () => {
    const cache = join(work, "cache-cli");
    const env = { XDG_CACHE_HOME: cache };
    const args = ["run", "-e", CLI_PROGRAM, "--runtime", "pyodide"];

    const first = await inProject(nodeApp, "node_modules/.bin/polyglot", args, env);
    expectSuccess("first polyglot run", first);
    expect(first.stdout).toBe('["a" "bb" "ccc"]\n');
    const folder = join(cache, "polyglot");
    const [digest, ...others] = readdirSync(folder);
    expect(others).toEqual([]);
    const snapshot = join(folder, digest!, "pyodide.snapshot");
    expect(first.stderr).toBe(`polyglot: preparing Pyodide for fast starts (once per version) in ${join(folder, digest!)}\n`);
    expect(readFileSync(join(folder, digest!, "key.txt"), "utf8")).toMatch(
      new RegExp(`^format \\d+ pyodide ${manifest.dependencies.pyodide.replace(/\./g, "\\.")} runtime [0-9a-f]{64}\\n$`),
    );
    const made = statSync(snapshot);
    expect(made.size).toBeGreaterThan(1_000_000);

    const second = await inProject(nodeApp, "node_modules/.bin/polyglot", args, env);
    expectSuccess("second polyglot run", second);
    expect(second.stdout).toBe('["a" "bb" "ccc"]\n');
    expect(second.stderr).toBe("");
    // Restored, not made again.
    expect(statSync(snapshot).mtimeMs).toBe(made.mtimeMs);
    expect(readdirSync(folder)).toEqual([digest]);
    console.info(`packed CLI on Pyodide: first run ${Math.round(first.ms)} ms (makes the snapshot), second ${Math.round(second.ms)} ms`);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function until(check: () => boolean, what: string, limitMs: number): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > limitMs) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- the consumers' files ----

/** Both Node transports: Python's print reaches process.stdout, Python calls the JS key function, `using` releases. */
const MAIN_TS = `import { PythonBridge, NodePythonTransport, NodePyodideTransport, kw, type Transport } from "polyglot-lisp";

async function trial(name: string, transport: Transport): Promise<string> {
  const bridge = new PythonBridge(transport);
  try {
    const builtins = bridge.module("builtins");
    await builtins.print(\`hello from \${name}\`);
    const keys: string[] = [];
    const sorted = await builtins.sorted(["bb", "a", "ccc"], kw({ key: (s: string) => (keys.push(s), s.length) }));
    using counter = await bridge.module("collections").Counter("abracadabra");
    const top = await counter.most_common(1);
    return \`\${name}: sorted \${JSON.stringify(sorted)} after \${keys.length} keys; top \${JSON.stringify(top)}\`;
  } finally {
    await bridge.close();
  }
}

console.log(await trial("cpython", new NodePythonTransport()));
console.log(await trial("pyodide", new NodePyodideTransport()));
`;

/** The compiler and runner of the main entry, and the "./lisp" entry's reader and printer. */
const EMBED_TS = `import { PythonBridge, NodePythonTransport, compile, runProgram } from "polyglot-lisp";
import { read, printed } from "polyglot-lisp/lisp";

const source = '(py.import "builtins" :as b) (print (await (b.sorted ["bb" "a" "ccc"] :key (fn [s] (count s)))))';
const { code } = compile(source, { filename: "embed.lisp" });
console.log(\`compiled: \${code.split(" ")[0]}\`);
const bridge = new PythonBridge(new NodePythonTransport());
const result = await runProgram(source, { filename: "embed.lisp", bridge, write: (text) => process.stdout.write(\`printed: \${text}\`) });
console.log(\`result: \${result.ok ? "ok" : result.error.message}\`);
await bridge.close();
console.log(\`read: \${read("(+ 1 2)", "x.lisp").map((form) => printed(form)).join(" ")}\`);
`;

/** Type-only uses of the other Node entries. */
const ENTRIES_TS = `import { attachRuntime, isRuntimeName, type RuntimeName } from "polyglot-lisp/attach";
import { print, kw } from "polyglot-lisp/prelude";
import { ReplSession, LispError, type CompileResult } from "polyglot-lisp/lisp";
import type { PyProxy, NodePyodideOptions } from "polyglot-lisp";

export function attach(name: string): void {
  const runtime: RuntimeName = isRuntimeName(name) ? name : "cpython";
  const bridge = attachRuntime(runtime, import.meta.url);
  void bridge.close();
}
export async function firstKey(open: () => Promise<PyProxy>): Promise<unknown> {
  using proxy = await open();
  return await proxy.keys();
}
export const options: NodePyodideOptions = { baseDir: "." };
export const used = [print, kw, ReplSession, LispError] as const;
export type Result = CompileResult["code"];
`;

const NODE_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    // Node only: no DOM lib.
    lib: ["ES2023", "ESNext.Disposable"],
    types: ["node"],
  },
  files: ["main.ts", "embed.ts", "entries.ts"],
};

const HELLO_LISP = `(py.import "builtins" :as b)
(await (b.print "hello from python"))
(print (await (b.sorted ["bb" "a" "ccc"] :key (fn [s] (count s)))))
`;

const CLI_PROGRAM = '(py.import "builtins" :as b) (print (await (b.sorted ["bb" "a" "ccc"] :key (fn [s] (count s)))))';

const WEB_HTML = `<!doctype html>
<html>
  <head><meta charset="utf-8"><title>polyglot-lisp consumer</title><link rel="icon" href="data:,"></head>
  <body><pre id="result">starting</pre><script type="module" src="./main.ts"></script></body>
</html>
`;

/** Python calls the page's key function (over SharedArrayBuffer: the page must be isolated), then a Lisp program runs. */
const WEB_MAIN_TS = `import { PythonBridge, PyodideWorkerTransport, kw, runProgram } from "polyglot-lisp/browser";

async function main(): Promise<string> {
  const bridge = new PythonBridge(new PyodideWorkerTransport());
  try {
    const keys: string[] = [];
    const sorted = await bridge.module("builtins").sorted(["bb", "a", "ccc"], kw({ key: (s: string) => (keys.push(s), s.length) }));
    let printed = "";
    const run = await runProgram('(py.import "math" :as m) (print (await (m.floor 2.5)))', { filename: "page.lisp", bridge, write: (text) => (printed += text) });
    if (!run.ok) throw new Error(run.error.message);
    return \`isolated \${crossOriginIsolated}; sorted \${JSON.stringify(sorted)} after \${keys.length} keys; lisp printed \${printed.trim()}\`;
  } finally {
    await bridge.close();
  }
}

const out = document.getElementById("result")!;
main().then(
  (text) => (out.textContent = text),
  (error: unknown) => (out.textContent = \`error: \${error instanceof Error ? error.stack : String(error)}\`),
).finally(() => (out.dataset.done = "1"));
`;

const WEB_VITE_CONFIG = `import { defineConfig } from "vite";
import { polyglot } from "polyglot-lisp/vite";

export default defineConfig({ plugins: [polyglot()] });
`;
