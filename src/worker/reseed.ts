// Fresh randomness for every start. A memory snapshot holds the `random` module's state as it was
// when the snapshot was made, so without this every start from it draws the same numbers (a
// shuffle, a simulation, a game repeat themselves run after run). os.urandom reaches the
// platform's CSPRNG (crypto.getRandomValues), which the snapshot cannot freeze.
//
// String hashes cannot be given a new seed: CPython fixes its hash secret while the interpreter
// starts, and every str already in the snapshot (interned names, dict keys) carries a hash made
// with it, so changing it after a restore would corrupt those dicts. Each snapshot gets its own
// secret when it is made; see docs/protocol.md ("Randomness after a snapshot").
import type { PyodideAPI } from "pyodide";

/** Python run after every boot: reseeds the shared Random instance when `random` is already imported. */
export const RESEED_PYTHON = [
  "def _polyglot_reseed():",
  "    import os, sys",
  "    random = sys.modules.get('random')",
  "    # Not imported yet: its import seeds itself from os.urandom.",
  "    if random is not None:",
  "        random.seed(os.urandom(32))",
  "_polyglot_reseed()",
  "del _polyglot_reseed",
].join("\n");

export function reseedRandom(pyodide: PyodideAPI): void {
  const namespace = pyodide.toPy({});
  try {
    pyodide.runPython(RESEED_PYTHON, { globals: namespace });
  } finally {
    namespace.destroy();
  }
}
