// Contestant (a): raw newline-JSON over a pipe to bench/floors/json_echo.py
// (or, as a diagnostic, json_echo_batched.py).
import { fileURLToPath } from "node:url";
import { LineProcess } from "../lib/line-process.mjs";

const scripts = {
  simple: fileURLToPath(new URL("./json_echo.py", import.meta.url)),
  batched: fileURLToPath(new URL("./json_echo_batched.py", import.meta.url)),
};

/** batched: the diagnostic floor that batches reads and writes on both sides. */
export async function startStdioEcho({ python = "python3", batched = false } = {}) {
  const proc = new LineProcess(python, ["-u", batched ? scripts.batched : scripts.simple], { coalesceWrites: batched });
  await proc.ready;
  return {
    call: () => proc.request({ op: "call", args: [2] }).then((reply) => reply.result),
    close: async () => proc.close(),
  };
}
