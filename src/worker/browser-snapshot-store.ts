// The browser's Pyodide memory snapshot, kept in Cache Storage by the Worker that made it (made
// on the first visit, right after the runtime is imported; see snapshot-boot.ts). One entry,
// under a URL naming the digest of its key (snapshot-key.ts), with the full key and the bytes'
// SHA-256 beside it: an entry whose key or digest does not match is deleted and never restored,
// so a damaged or outdated snapshot means one normal boot, which then stores a good one.
import { version as pyodideVersion } from "pyodide";
import type { RuntimeFiles } from "./runtime-files.js";
import { sha256Hex, snapshotKey } from "./snapshot-key.js";

/** Not versioned per deployment: a snapshot depends on Pyodide and the runtime only, which its key covers. */
export const SNAPSHOT_CACHE = "polyglot-pyodide-snapshot";
const KEY_HEADER = "X-Polyglot-Snapshot-Key";
const DIGEST_HEADER = "X-Polyglot-Snapshot-Sha256";

export interface StoreEvents {
  /** A stored snapshot was thrown away, and why. */
  discarded?(reason: string): void;
}

async function entryURL(key: string): Promise<string> {
  const digest = (await sha256Hex(new TextEncoder().encode(key))).slice(0, 20);
  return new URL(`polyglot-snapshot/${digest}.snapshot`, self.location.origin).href;
}

/** Header values are one line; the key ends in "\n". */
const headerKey = (key: string) => key.trim();

/** The stored snapshot for these runtime files, when it is intact; undefined otherwise (and when Cache Storage is unavailable). */
export async function readStoredSnapshot(files: RuntimeFiles, events: StoreEvents = {}): Promise<Uint8Array | undefined> {
  if (typeof caches === "undefined") return undefined;
  const key = await snapshotKey(files, pyodideVersion);
  const url = await entryURL(key);
  const cache = await caches.open(SNAPSHOT_CACHE);
  const response = await cache.match(url);
  if (!response) return undefined;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const problem =
    response.headers.get(KEY_HEADER) !== headerKey(key)
      ? "it was made from other runtime files"
      : response.headers.get(DIGEST_HEADER) !== (await sha256Hex(bytes))
        ? `its bytes do not match their digest (${bytes.byteLength} bytes)`
        : undefined;
  if (problem === undefined) return bytes;
  await cache.delete(url);
  events.discarded?.(problem);
  return undefined;
}

/** Keep `snapshot` as the only entry: every older one (another key) is deleted. */
export async function storeSnapshot(files: RuntimeFiles, made: Uint8Array): Promise<void> {
  if (typeof caches === "undefined") throw new Error("Cache Storage is not available here");
  const snapshot = onArrayBuffer(made);
  const key = await snapshotKey(files, pyodideVersion);
  const url = await entryURL(key);
  const digest = await sha256Hex(snapshot);
  const cache = await caches.open(SNAPSHOT_CACHE);
  await cache.put(
    url,
    new Response(snapshot, {
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Length": String(snapshot.byteLength),
        [KEY_HEADER]: headerKey(key),
        [DIGEST_HEADER]: digest,
      },
    }),
  );
  for (const request of await cache.keys()) if (request.url !== url) await cache.delete(request);
}

/** Web Crypto and Response take bytes on an ArrayBuffer; Pyodide's snapshot is one already (copied only if not). */
function onArrayBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
}
