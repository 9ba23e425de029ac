// Which packages a shared program needs, and which of those a playground lacks. A link carries
// the names only, never the wheels: the person who opens it is told what to add.
//
// "Needs" is read from the files: a module name in a Lisp string ("numpy" in ($py "numpy") or
// py.import), and a Python `import x` / `from x import` or a quoted name. Every available package
// that provides one of those modules is named, with what it depends on. A name built at run time
// is not seen; naming a package the program does not import costs only a line on opening.
import { normalizeName } from "../packages/wheel.js";
import type { HostPackageListing } from "../protocol/host-api.js";
import type { ProjectFile } from "./files.js";

type Available = Pick<HostPackageListing["available"][number], "name" | "imports" | "depends">;

const MODULE_STRING = /(["'])([A-Za-z_]\w*)(?:\.[A-Za-z_]\w*)*\1/g;
const PYTHON_IMPORT = /^[ \t]*import[ \t]+([^#\n]+)/gm;
const PYTHON_FROM = /^[ \t]*from[ \t]+([A-Za-z_]\w*)/gm;

/** Top-level module names the files may import. */
export function mentionedModules(files: readonly ProjectFile[]): Set<string> {
  const found = new Set<string>();
  for (const file of files) {
    const python = file.name.endsWith(".py");
    for (const match of file.text.matchAll(MODULE_STRING)) {
      // Lisp strings are double-quoted; a single quote there is `quote`, not a string.
      if (python || match[1] === '"') found.add(match[2]!);
    }
    if (!python) continue;
    for (const match of file.text.matchAll(PYTHON_FROM)) found.add(match[1]!);
    for (const match of file.text.matchAll(PYTHON_IMPORT)) {
      for (const part of match[1]!.split(",")) {
        const top = /^\s*([A-Za-z_]\w*)/.exec(part);
        if (top) found.add(top[1]!);
      }
    }
  }
  return found;
}

/** The distributions (sorted) that provide a module the files mention, and their dependencies. */
export function neededPackages(files: readonly ProjectFile[], available: readonly Available[]): string[] {
  const modules = mentionedModules(files);
  const byName = new Map(available.map((entry) => [entry.name, entry]));
  const needed = new Set<string>();
  const add = (name: string): void => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dependency of byName.get(name)?.depends ?? []) add(dependency);
  };
  for (const entry of available) if (entry.imports.some((module) => modules.has(module))) add(entry.name);
  return [...needed].sort();
}

/** The names a link asks for that none of `available` provides. */
export function missingPackages(needed: readonly string[], available: readonly Pick<Available, "name">[]): string[] {
  const have = new Set(available.map((entry) => entry.name));
  return [...new Set(needed.map(normalizeName))].filter((name) => !have.has(name)).sort();
}

/** What the page says when a link's packages are missing. */
export function missingPackagesMessage(missing: readonly string[]): string {
  const list = missing.join(", ");
  const them = missing.length === 1 ? "its wheel" : "their wheels";
  return `This program needs ${missing.length === 1 ? "a package" : "packages"} this playground does not have: ${list}. Add ${them} with Packages (see docs/packages.md), or ask whoever hosts the playground to serve ${missing.length === 1 ? "it" : "them"}.`;
}
