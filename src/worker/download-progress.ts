// Measures how much of Pyodide's files (pyodide.asm.wasm, python_stdlib.zip…)
// has arrived, by counting the bytes of every fetch made while Pyodide loads.
// Pyodide reports no progress itself, and most of a cold start is download.
import type { LoadProgress } from "../protocol/host-api.js";

/** Smallest step worth a message, so a 10 MB download does not send thousands. */
const STEP = 0.01;

export function watchDownloads(report: (progress: LoadProgress) => void): () => void {
  const originalFetch = globalThis.fetch;
  const files: { loaded: number; total: number }[] = [];
  let shown = 0;

  const update = (detail: string) => {
    const loaded = files.reduce((sum, file) => sum + file.loaded, 0);
    const total = files.reduce((sum, file) => sum + file.total, 0);
    // Compressed responses can deliver more bytes than Content-Length says; never go backwards either.
    const fraction = Math.min(1, Math.max(shown, loaded / total));
    if (fraction - shown < STEP && fraction < 1) return;
    shown = fraction;
    report({ phase: "download", fraction, detail });
  };

  globalThis.fetch = async (input, init) => {
    const response = await originalFetch(input, init);
    const total = Number(response.headers.get("Content-Length"));
    const name = new URL(response.url || String(input), location.href).pathname.split("/").pop() ?? "";
    // The small lock file arrives before the big files start; counting it would show 100% early.
    if (!response.ok || !response.body || !(total > 0) || name.endsWith(".json")) return response;
    const file = { loaded: 0, total };
    files.push(file);
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        file.loaded += chunk.byteLength;
        update(name);
        controller.enqueue(chunk);
      },
    });
    // Same status and headers (Content-Type matters to WebAssembly.instantiateStreaming).
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return () => {
    globalThis.fetch = originalFetch;
  };
}
