// The names Python knows, asked of the live interpreter and cached: members of a
// module or of an attribute path, members of a file module from its current text,
// the importable module names, and one object's description for a hover.
//
// Asking never blocks the caller for long: an answer is either cached, arrives
// within `waitMs`, or the caller is told why not (Python loading, busy in a run,
// an error) while the request goes on and fills the cache for the next time.

/** One public name of a Python object, as polyglot_runtime.introspect lists it. */
export interface PythonMember {
  name: string;
  kind: "function" | "class" | "module" | "value";
  signature: string | null;
  doc: string | null;
}

/** One object, for a hover. */
export interface PythonDescription {
  name: string;
  kind: PythonMember["kind"];
  signature: string | null;
  doc: string | null;
  type: string;
}

/** How the catalog reaches Python (the page's bridge, the REPL's bridge, a fake in tests). */
export interface PythonQuery {
  members(module: string, path: readonly string[]): Promise<PythonMember[]>;
  sourceMembers(source: string, filename: string, path: readonly string[]): Promise<PythonMember[]>;
  describe(module: string, path: readonly string[]): Promise<PythonDescription>;
  sourceDescribe(source: string, filename: string, path: readonly string[]): Promise<PythonDescription>;
  modules(): Promise<string[]>;
}

/** A module by name, or a file module by its text (the tab's, not the file Python last loaded). */
export type PythonTarget =
  | { kind: "module"; module: string; path: readonly string[] }
  | { kind: "source"; filename: string; source: string; path: readonly string[] };

export type Answer<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface CatalogOptions {
  /** The query path, or a sentence saying why there is none yet ("Python is loading"). */
  query(): PythonQuery | string;
  /** Why an answer may be slow right now ("a program is running"), if it may. */
  busyReason?(): string | undefined;
  /** How long an ask waits for an uncached answer before saying why not (a function: it may depend on whether Python is busy). */
  waitMs?: number | (() => number);
}

interface Entry<T> {
  promise: Promise<T>;
  settled?: Answer<T>;
}

/** Whether a `$py` argument names a file (as the runtime decides: files.is_file_module). */
export function isFileModule(name: string): boolean {
  return name.endsWith(".py") || name.startsWith("./") || name.startsWith("../") || name.startsWith("/");
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const type = (error as { type?: unknown }).type;
    return typeof type === "string" ? `${type}: ${error.message}` : error.message;
  }
  return String(error);
}

export class PythonCatalog {
  private readonly entries = new Map<string, Entry<unknown>>();
  /** The key of the latest text asked about for each file module: older texts are forgotten. */
  private readonly latestSource = new Map<string, string>();

  constructor(private readonly options: CatalogOptions) {}

  /** Forget everything (a new interpreter). */
  clear(): void {
    this.entries.clear();
    this.latestSource.clear();
  }

  members(target: PythonTarget): Promise<Answer<PythonMember[]>> {
    return this.ask(`members ${keyOf(target)}`, target, (query) =>
      target.kind === "module"
        ? query.members(target.module, target.path)
        : query.sourceMembers(target.source, target.filename, target.path),
    );
  }

  describe(target: PythonTarget): Promise<Answer<PythonDescription>> {
    return this.ask(`describe ${keyOf(target)}`, target, (query) =>
      target.kind === "module"
        ? query.describe(target.module, target.path)
        : query.sourceDescribe(target.source, target.filename, target.path),
    );
  }

  modules(): Promise<Answer<string[]>> {
    return this.ask("modules", undefined, (query) => query.modules());
  }

  /** A cached answer, without asking (for callers that must not wait at all). */
  cachedMembers(target: PythonTarget): Answer<PythonMember[]> | undefined {
    return this.entries.get(`members ${keyOf(target)}`)?.settled as Answer<PythonMember[]> | undefined;
  }

  private ask<T>(key: string, target: PythonTarget | undefined, send: (query: PythonQuery) => Promise<T>): Promise<Answer<T>> {
    const known = this.entries.get(key) as Entry<T> | undefined;
    if (known?.settled) return Promise.resolve(known.settled);
    let entry = known;
    if (!entry) {
      const query = this.options.query();
      if (typeof query === "string") return Promise.resolve({ ok: false, reason: query });
      if (target?.kind === "source") this.forgetOlderSource(target);
      const created: Entry<T> = { promise: send(query) };
      created.promise.then(
        (value) => (created.settled = { ok: true, value }),
        (error: unknown) => {
          // An error is an answer too (a module that does not exist), but a transport
          // failure is not kept: the next ask tries again.
          if (error instanceof Error && error.name === "PythonError") created.settled = { ok: false, reason: errorText(error) };
          else if (this.entries.get(key) === created) this.entries.delete(key);
        },
      );
      this.entries.set(key, created as Entry<unknown>);
      entry = created;
    }
    return this.within(entry);
  }

  /** A file module's tab changed: what was asked about its older text goes. */
  private forgetOlderSource(target: PythonTarget & { kind: "source" }): void {
    const tag = sourceTag(target);
    const older = this.latestSource.get(target.filename);
    if (older !== undefined && older !== tag) {
      for (const key of [...this.entries.keys()]) if (key.includes(older)) this.entries.delete(key);
    }
    this.latestSource.set(target.filename, tag);
  }

  /** The entry's answer if it comes within waitMs; otherwise why it has not. */
  private within<T>(entry: Entry<T>): Promise<Answer<T>> {
    const option = this.options.waitMs ?? 1500;
    const waitMs = typeof option === "function" ? option() : option;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const busy = this.options.busyReason?.();
        resolve({ ok: false, reason: busy ? `${busy}: Python has not answered yet` : "Python has not answered yet" });
      }, waitMs);
      entry.promise.then(
        (value) => {
          clearTimeout(timer);
          resolve({ ok: true, value });
        },
        (error: unknown) => {
          clearTimeout(timer);
          resolve({ ok: false, reason: errorText(error) });
        },
      );
    });
  }
}

/** A short, stable key for a target; a file module's text is hashed, so a changed tab asks again. */
function keyOf(target: PythonTarget): string {
  if (target.kind === "module") return `module ${target.module} ${target.path.join(".")}`;
  return `${sourceTag(target)} ${target.path.join(".")}`;
}

function sourceTag(target: PythonTarget & { kind: "source" }): string {
  return `source ${target.filename}#${hash(target.source)}`;
}

/** FNV-1a over the text: collisions only cost a stale listing, never a wrong program. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16) + text.length.toString(16);
}

/** Runs answers through in order of asking: one superseded by a newer ask resolves as `stale`. */
export class LatestOnly {
  private generation = 0;

  async run<T>(answer: Promise<T>): Promise<T | typeof STALE> {
    const mine = ++this.generation;
    const value = await answer;
    return mine === this.generation ? value : STALE;
  }
}

export const STALE: unique symbol = Symbol("stale");
