// Share links: every file of the program, in the URL fragment, and the names of the packages it
// needs (never their wheels: see link-packages.ts).
// JSON → deflate-raw (CompressionStream) → base64url, so a link needs no server
// and the code never leaves the browser until the user sends the link.
import { isProjectFileList, type ProjectFile } from "./files.js";

/** The fragment key: `#code=…`. */
const fragmentKey = "code";
const formatVersion = 1;
/** PEP 508's distribution name, at most 100 characters. */
const DISTRIBUTION_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$/;

interface SharedProgram {
  v: number;
  files: { name: string; text: string }[];
  /** Distribution names; absent in links made before packages existed, and when none is needed. */
  packages?: string[];
}

/** What a link holds. */
export interface SharedContents {
  files: ProjectFile[];
  packages: string[];
}

export class ShareLinkError extends Error {
  override readonly name = "ShareLinkError";
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareLinkError("the link contains characters that base64url does not use");
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    throw new ShareLinkError("the link's data is not valid base64url");
  }
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The fragment (without `#`) that encodes these files and the names of the packages they need. */
export async function encodeFiles(files: readonly ProjectFile[], packages: readonly string[] = []): Promise<string> {
  const program: SharedProgram = { v: formatVersion, files: files.map(({ name, text }) => ({ name, text })) };
  if (packages.length > 0) program.packages = [...packages];
  const json = new TextEncoder().encode(JSON.stringify(program));
  return `${fragmentKey}=${toBase64Url(await deflate(json))}`;
}

/** Whether a fragment (with or without `#`) carries a shared program. */
export function hasSharedProgram(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, "")).has(fragmentKey);
}

function isSharedProgram(value: unknown): value is SharedProgram {
  if (typeof value !== "object" || value === null) return false;
  const { v, files, packages } = value as { v?: unknown; files?: unknown; packages?: unknown };
  return (
    v === formatVersion &&
    (packages === undefined || (Array.isArray(packages) && packages.every((name: unknown) => typeof name === "string"))) &&
    isProjectFileList(files)
  );
}

/** The files a fragment encodes. Throws ShareLinkError, saying why, when it is damaged. */
export async function decodeFiles(hash: string): Promise<ProjectFile[]> {
  return (await decodeLink(hash)).files;
}

/** The files and package names a fragment encodes. Throws ShareLinkError, saying why, when it is damaged. */
export async function decodeLink(hash: string): Promise<SharedContents> {
  const data = new URLSearchParams(hash.replace(/^#/, "")).get(fragmentKey);
  if (data === null || data === "") throw new ShareLinkError("the link holds no program");
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(await inflate(fromBase64Url(data)));
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError("the link's data is truncated or corrupt");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ShareLinkError("the link's data is not a saved program");
  }
  if (!isSharedProgram(parsed)) throw new ShareLinkError("the link's data is not a saved program");
  // Shown to whoever opens the link: only names a wheel could have, and not without end.
  const packages = (parsed.packages ?? []).filter((name) => DISTRIBUTION_NAME.test(name)).slice(0, 100);
  return { files: parsed.files.map(({ name, text }) => ({ name, text })), packages };
}

/** The full link for a fragment, on the current page. */
export function linkFor(fragment: string, location: Location = window.location): string {
  return `${location.origin}${location.pathname}${location.search}#${fragment}`;
}
