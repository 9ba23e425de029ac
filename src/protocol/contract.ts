// The tables both sides of the protocol must agree on. py/polyglot_runtime/protocol.py
// declares the same; `python3 -m polyglot_runtime --describe` prints Python's, and
// test/protocol/contract.test.ts compares them with these.

export const PROTOCOL_VERSION = 1;

/** Every op a host may send, with the fields each requires (messages.ts has their types). */
export const OPS = {
  ping: [],
  configure: [],
  import: ["module"],
  getattr: ["target", "path"],
  setattr: ["target", "path", "value"],
  call: ["target", "path", "args"],
  repr: ["target", "path"],
  str: ["target", "path"],
  release: ["refs"],
  iter: ["target", "path"],
  next: ["target", "path", "n"],
  exec: ["module", "source"],
  stats: [],
} as const satisfies Record<string, readonly string[]>;

/** Ops Python sends to the host: a callback, and input() (once `configure` said `input: true`). */
export const PYTHON_OPS = ["call_js", "input"] as const;

/** Notices: Python → host, no reply expected. */
export const NOTICES = ["ready", "stdout", "stderr", "release_js", "display"] as const;

/**
 * What a `display` notice (and `show`) may carry: the image types sniffed from
 * content, and HTML (from `_repr_html_`), which the playground shows in a sandboxed frame.
 */
export const PICTURE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", "text/html"] as const;

/** Every tag key. A plain dict that has any of these keys travels as `{__dict__: …}`. */
export const WIRE_TAGS = [
  "__pyref__",
  "__jsref__",
  "__bytes__",
  "__bigint__",
  "__float__",
  "__f64__",
  "__set__",
  "__map__",
  "__dict__",
] as const;

export const LIMITS = {
  /** Containers nested deeper than this are refused, by JS before sending and by Python. */
  maxDepth: 100,
  /** Python refuses JSON text nested deeper than this before parsing it. */
  maxJsonDepth: 1000,
  /** An array of at least this many floats travels as `{__f64__: base64}`. */
  f64MinLength: 64,
  /** Integers beyond ± this travel as `{__bigint__: digits}`. */
  maxSafeInteger: Number.MAX_SAFE_INTEGER,
} as const;
