// Where the Node worker keeps its Pyodide memory snapshot: a per-user cache folder, so that
// every install (not only a clone that ran a build script) boots fast from the second run on.
//   $XDG_CACHE_HOME/polyglot/<key>/   or   ~/.cache/polyglot/<key>/
// <key> is a digest of the snapshot key (Pyodide version + runtime files), so a new key gets
// a new folder and an old snapshot is never mistaken for a current one.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

export interface SnapshotPlace {
  folder: string;
  snapshot: string;
  keyFile: string;
}

/** The cache root: XDG_CACHE_HOME when absolute (as the XDG spec asks), else ~/.cache. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), ".cache"), "polyglot");
}

export function snapshotPlace(key: string, env: NodeJS.ProcessEnv = process.env): SnapshotPlace {
  const digest = createHash("sha256").update(key).digest("hex").slice(0, 20);
  const folder = join(cacheRoot(env), digest);
  return { folder, snapshot: join(folder, "pyodide.snapshot"), keyFile: join(folder, "key.txt") };
}

/** The cached snapshot when its key file matches `key` exactly; undefined otherwise. */
export async function readCachedSnapshot(place: SnapshotPlace, key: string): Promise<Uint8Array | undefined> {
  try {
    if ((await readFile(place.keyFile, "utf8")) !== key) return undefined;
    return await readFile(place.snapshot);
  } catch {
    return undefined;
  }
}

/**
 * Store a snapshot: written under temporary names, then renamed, so two processes making it at
 * once (or one killed half-way) never leave a torn file that a later run would load.
 */
export async function writeCachedSnapshot(place: SnapshotPlace, key: string, snapshot: Uint8Array): Promise<void> {
  await mkdir(place.folder, { recursive: true });
  const tag = `.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await writeFile(place.snapshot + tag, snapshot);
    await writeFile(place.keyFile + tag, key);
    await rename(place.snapshot + tag, place.snapshot);
    // The key last: a reader that sees it also sees the snapshot it describes.
    await rename(place.keyFile + tag, place.keyFile);
  } finally {
    await rm(place.snapshot + tag, { force: true });
    await rm(place.keyFile + tag, { force: true });
  }
}
