// The program's files: one Lisp entry point plus any number of Python modules
// that it loads with `($py "./name.py")`.

export interface ProjectFile {
  name: string;
  text: string;
}

/** The program that runs; it cannot be renamed or deleted. */
export const mainFileName = "main.lisp";

/** Whether stored or decoded data is a list of files ({ name, text } strings), before trusting it. */
export function isProjectFileList(value: unknown): value is ProjectFile[] {
  return (
    Array.isArray(value) &&
    value.every(
      (file: unknown) =>
        typeof file === "object" &&
        file !== null &&
        typeof (file as { name?: unknown }).name === "string" &&
        typeof (file as { text?: unknown }).text === "string",
    )
  );
}

/** A Python module name with `.py`: something `import` and `($py "./…")` can both load. */
const pythonFileName = /^[A-Za-z_][A-Za-z0-9_]*\.py$/;

export function isMainFile(name: string): boolean {
  return name === mainFileName;
}

export function fileLanguage(name: string): "lisp" | "python" {
  return name.endsWith(".lisp") ? "lisp" : "python";
}

/** Why `name` cannot be used for a new or renamed Python file, or undefined when it can. */
export function pythonFileNameProblem(name: string, existing: readonly string[]): string | undefined {
  if (!pythonFileName.test(name)) return "Use a Python module name ending in .py, like helpers.py";
  if (existing.includes(name)) return `There is already a file named ${name}`;
  return undefined;
}

/** A file left out of a program, and why. */
export interface DroppedFile {
  name: string;
  why: string;
}

/**
 * Files as they may arrive from a share link: the main file first, then Python
 * files with safe names only (a crafted link must not write outside the
 * program's folder). Everything left out is listed with its reason, so the
 * caller can say so instead of dropping it silently.
 */
export function sortOutFiles(files: readonly ProjectFile[]): { files: ProjectFile[]; dropped: DroppedFile[] } {
  let main: ProjectFile | undefined;
  const python: ProjectFile[] = [];
  const dropped: DroppedFile[] = [];
  for (const file of files) {
    if (isMainFile(file.name)) {
      if (main) dropped.push({ name: file.name, why: `a second ${mainFileName}` });
      else main = file;
      continue;
    }
    const taken = python.map((f) => f.name);
    if (pythonFileNameProblem(file.name, taken) === undefined) python.push(file);
    else dropped.push({ name: file.name, why: taken.includes(file.name) ? "a duplicate name" : "not a Python module name like helpers.py" });
  }
  return { files: [{ name: mainFileName, text: main?.text ?? "" }, ...python], dropped };
}

export function normalizeFiles(files: readonly ProjectFile[]): ProjectFile[] {
  return sortOutFiles(files).files;
}

/** A name like `module2.py` that is not taken yet. */
export function freshPythonFileName(existing: readonly string[]): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? "module.py" : `module${n}.py`;
    if (!existing.includes(name)) return name;
  }
}
