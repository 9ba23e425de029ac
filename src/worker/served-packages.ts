// The browser worker's package source: the package folder as the site serves it from our own
// origin (the Vite plugin writes <base>packages/index.json beside the wheels). Wheels are read
// with a synchronous XMLHttpRequest, allowed in workers, because Python's import cannot wait.
import type { PackageIndex } from "../packages/index.js";
import type { PackageSource } from "./package-loader.js";

/** The served index, or undefined when the site serves no package folder (404). */
export async function fetchPackageSource(baseURL: string): Promise<PackageSource | undefined> {
  const url = new URL("index.json", baseURL).href;
  const response = await fetch(url);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`package index ${url}: HTTP ${response.status}`);
  const text = await response.text();
  let index: PackageIndex;
  try {
    index = JSON.parse(text) as PackageIndex;
  } catch {
    // A static host's fallback page answers for any path: say so rather than "Unexpected token '<'".
    throw new Error(`package index ${url}: not JSON (starts ${JSON.stringify(text.slice(0, 20))}); serve the package folder with the polyglot-lisp/vite plugin or remove the packages option`);
  }
  if (typeof index !== "object" || index === null || typeof index.packages !== "object") {
    throw new Error(`package index ${url}: not a package index (no "packages" object)`);
  }
  return { index, read: (file) => readSync(new URL(encodeURIComponent(file), baseURL).href) };
}

function readSync(url: string): Uint8Array {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(`wheel ${url}: HTTP ${request.status}`);
  return new Uint8Array(request.response as ArrayBuffer);
}
