// Why a target is missed, from profiling (--cpu-prof, cProfile, and the diagnostic
// rows each section measures beside the contestants). The report prints the cause
// next to every target that this run missed; a miss with no entry says so plainly.
// Keys match "SECTION | measurement label | comparison label".

export const causes = [
  {
    match: /^5c \| Pyodide: runtime package/,
    cause:
      "The package is a dozen files (13 when this was measured) where the one-file runtime was one: each is a separate write into Pyodide's in-memory file system and a separate module import (finder lookup, compile, exec), about 0.3 ms apiece as WebAssembly, which adds 3 ms to a 31 ms import. This step runs only on a boot without a memory snapshot (the snapshot holds the imported runtime), about 0.1% of such a 2.4 s boot; CPython's spawn-to-ready, where the same split is paid by a native interpreter, is within 2%. Bundling the files into one string at build time would win back the 3 ms at the cost of the package's tracebacks naming real files; not done.",
  },
  {
    match: /^5b \| first visit − floor/,
    cause:
      "The playground's own work on a first visit beyond a bare loadPyodide(): the page's bundle (CodeMirror, the compiler, the app) is fetched and parsed before the Pyodide worker starts, then the runtime package is installed and the snapshot made (the snapshot itself is ~20 ms, its own row). Starting the Pyodide worker from a tiny inline script before the app bundle loads would overlap the two; not built.",
  },
  {
    match: /^5b \| first visit: load → editor usable/,
    cause:
      "The editor waits for the whole app bundle (CodeMirror, the Lisp compiler for the completion catalog, the output and workspace modules): about 1 MB of JavaScript parsed on this 2-core machine. Splitting the editor into a first chunk that mounts before the rest loads would bring it under 300 ms; not built.",
  },
  {
    match: /^1 \| .*NodePythonTransport, sequential/,
    cause:
      "A round trip is two pipe hops plus Python's own work per request: `handle_json` (parse, resolve `math.sqrt`, call, encode) is ~8 µs in-process against the floor's bare `json.loads` + `math.sqrt`, and the bridge adds ~5–10 µs of JS (envelope, id map, promise). On this shared 2-core machine the spread is wider than the gap: earlier runs of the same code measured 1.01–1.08×.",
  },
  {
    match: /^1 \| .*NodePythonTransport, pipelined \| floor/,
    cause:
      "Pipelined throughput is bound by Python's per-request work once I/O is batched (the runtime reads 64 KiB at a time and answers a whole batch with one write). Earlier runs of the same code measured 1.6–2.0× the floor.",
  },
  {
    match: /^1 \| .*pipelined \| esem/,
    cause:
      "esem-bridge is not on npm, so its protocol is driven against OUR runtime's esem mode: both contestants share the same batched I/O loop and the same Python process, and what differs is only the envelope and our proxies. The real esem-bridge (one write and flush per reply, a typed envelope per element) cannot be installed here to be measured; against the runtime it would need, 3× is out of reach by protocol changes alone.",
  },
  {
    match: /^1 \| .*pipelined \| pythonia/,
    cause: "Same cause as the pipelined floor row: Python's per-request work bounds throughput once I/O is batched.",
  },
  {
    match: /^2a \| .*NodePyodideTransport, (sequential|pipelined) \| floor/,
    cause:
      "The floor is a JS echo, and Pyodide alone takes much of the budget: see the \"raw Pyodide call in a worker\" rows, a bare `math.sqrt` call into Pyodide per message with no protocol at all (sequentially it is already above 1.2× the echo; pipelined it sits near 0.8×). The rest is ours: each envelope costs ~11–12 µs of `handle_json` running as WebAssembly (JSON parse, dispatch, JSON encode), measured in the worker, where the raw call does none of that. Requests and replies already travel batched (one message per tick each way, one crossing into Python per batch). Closing the gap needs a cheaper per-envelope path in Pyodide (e.g. handing parsed objects across the FFI instead of JSON text); not built.",
  },
  {
    match: /^2b \| .*PyodideWorkerTransport, (sequential|pipelined) \| floor/,
    cause:
      "As for Node: the floor is a JS echo in a Worker, and Pyodide's per-envelope `handle_json` work as WebAssembly is most of the gap; a sequential call cannot be batched, so it pays the whole round trip plus that work each time. The page already batches same-tick requests into one message and the worker answers a batch with one message.",
  },
  {
    match: /^4 \| 1M floats, JS → Python/,
    cause:
      "The bridge sends the list as `__f64__` (base64 of float64s, encoded natively). What is left is Python's side: base64 decode of 10.7 MB (~28 ms) and building 1,000,000 float objects for the `list` the spec requires (`array.tolist()`, ~25 ms), plus writing and reading 10.7 MB of JSON text. Binary frames (no base64) would remove about a third; they are not built yet.",
  },
  {
    match: /^4 \| 1M floats, Python → JS/,
    cause: "Python encodes `__f64__` (array + base64, ~35 ms); the JS side decodes it into a plain Array, which the spec's list → array rule requires.",
  },
  {
    match: /^5a \| .*Pyodide/,
    cause:
      "Most of a cold start is Pyodide restoring its memory snapshot (dist/lib/pyodide.snapshot, ~0.7 s on an idle core); the CLI's own start is the `(print 1)` row.",
  },
  {
    match: /^5d \| second `polyglot run`/,
    cause:
      "The installed CLI takes the same path as 5a's Pyodide rows: it restores the same memory snapshot (~30 MiB), from the per-user cache instead of a build folder. Timed by hand side by side on this shared 2-core machine (load average 5–6 from other work), the installed bin took 0.87–1.18 s and the repo's own bin 0.96–1.07 s: installing adds nothing, and most of that time is Pyodide restoring its snapshot on a busy core.",
  },
  {
    match: /^6 \| compile/,
    cause: "Garbage collection is about a quarter of compile time (forms, IR and ESTree are separate plain-data stages); source-map generation is the next largest cost.",
  },
];

export function causeOf(key) {
  return causes.find((entry) => entry.match.test(key))?.cause;
}
