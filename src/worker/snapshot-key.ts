// What a Pyodide memory snapshot was made from, as one line of text: the Node worker's per-user
// cache (snapshot-location.ts) and the browser's Cache Storage (browser-snapshot-store.ts) both
// keep a snapshot under this key and use it only when the key matches exactly. Pyodide itself
// refuses a snapshot from another build (it checks its BUILD_ID); the key also covers the
// runtime package, whose modules a snapshot holds already imported.
import { runtimeFingerprintText, type RuntimeFiles } from "./runtime-files.js";

/** Bump when what a snapshot holds changes (see makeRuntimeSnapshot and snapshot-boot.ts). */
export const SNAPSHOT_FORMAT = 2;

/** SHA-256 of `bytes` as lowercase hex (Web Crypto: the same in Node 20+, browsers and workers). */
export async function sha256Hex(bytes: BufferSource): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** `format 2 pyodide 314.0.7 runtime <sha256 of every runtime file>\n` */
export async function snapshotKey(files: RuntimeFiles, pyodideVersion: string): Promise<string> {
  const runtime = await sha256Hex(new TextEncoder().encode(runtimeFingerprintText(files)));
  return `format ${SNAPSHOT_FORMAT} pyodide ${pyodideVersion} runtime ${runtime}\n`;
}
