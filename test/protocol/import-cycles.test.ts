// Folders under src/ import each other in one direction only: this reads every import
// of every module and fails on a cycle between folders (src/<folder>), naming it.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const srcDir = fileURLToPath(new URL("../../src", import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

// Static imports and re-exports (`… from "x"`), side-effect imports and dynamic import("x").
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

/** The folder under src/ a file belongs to ("" for files directly in src/). */
function folderOf(file: string): string {
  const parts = relative(srcDir, file).split(sep);
  return parts.length > 1 ? parts[0]! : "";
}

/** folder → folders it imports (relative imports that leave the folder, within src/). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(srcDir)) {
    const from = folderOf(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1]!;
      if (!specifier.startsWith(".")) continue;
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(srcDir + sep)) continue; // py/ files, package.json…
      const to = folderOf(target);
      if (to === from || from === "") continue; // src/index.ts is the package entry, above every folder
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${relative(srcDir, file)} imports "${specifier}"`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle found by depth-first search, as the folders in order and the import that closes each step. */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const found: string[] = [];
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (folder: string): void => {
    state.set(folder, "active");
    stack.push(folder);
    for (const [next] of graph.get(folder) ?? []) {
      if (state.get(next) === "active") {
        const loop = [...stack.slice(stack.indexOf(next)), next];
        const why = loop.slice(0, -1).map((f, i) => graph.get(f)!.get(loop[i + 1]!)!);
        found.push(`${loop.join(" → ")} (${why.join("; ")})`);
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(folder, "done");
  };
  for (const folder of graph.keys()) if (!state.has(folder)) visit(folder);
  return found;
}

describe("imports between folders of src/", () => {
  const graph = folderGraph();

  test("the reader sees the imports (the graph is not empty)", () => {
    expect(graph.get("bridge")?.has("protocol")).toBe(true);
    expect(graph.get("lisp")?.has("protocol")).toBe(true);
  });

  test("no folder imports in a circle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  test("src/protocol is a leaf: it imports nothing of ours", () => {
    expect([...(graph.get("protocol") ?? new Map<string, string>()).values()]).toEqual([]);
  });

  test("the cycle finder finds a planted cycle", () => {
    const planted = new Map([
      ["a", new Map([["b", "a.ts imports b"]])],
      ["b", new Map([["a", "b.ts imports a"]])],
    ]);
    expect(cycles(planted)).toEqual(["a → b → a (a.ts imports b; b.ts imports a)"]);
  });
});
