// Usage mistakes: one line on stderr and exit code 2. Other expected failures (a file that
// cannot be written): one line and exit code 1, never an "internal error" with a stack.
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export class CliFailure extends Error {
  override readonly name = "CliFailure";
}

export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** `cannot read 'x.lisp': ENOENT`: the errno code names the cause without Node's quoting. */
export function fileProblem(verb: "read" | "write", file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return `cannot ${verb} '${file}': ${code ?? String(error)}`;
}
