// A CPython runtime never outlives its host: SIGTERM to the node process (the transport
// kills its child) or SIGKILL (the runtime's watchdog sees its parent change) leaves no
// Python process behind, even while Python is busy in a loop.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { alive } from "../helpers/processes.js";

const hostScript = fileURLToPath(new URL("./fixtures/busy-host.mjs", import.meta.url));


/** Start the host; resolves with it and Python's pid once Python is spinning. */
function startHost(): Promise<{ host: ReturnType<typeof spawn>; python: number }> {
  return new Promise((resolve, reject) => {
    const host = spawn(process.execPath, [hostScript], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    host.stdout!.setEncoding("utf8");
    host.stdout!.on("data", (chunk: string) => {
      out += chunk;
      const match = /python (\d+)\n/.exec(out);
      if (match) resolve({ host, python: Number(match[1]) });
    });
    host.on("exit", (code) => reject(new Error(`the host exited (${code}) before Python started: ${out}`)));
  });
}

/** Polls until the pid is gone; the bound only keeps a failure from hanging. */
async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (const start = Date.now(); Date.now() - start < withinMs; ) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !alive(pid);
}

describe("no orphaned Python", () => {
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    test(`${signal} to the node host alone ends its busy Python child`, async () => {
      const { host, python } = await startHost();
      expect(alive(python)).toBe(true);
      const exited = new Promise((resolve) => host.once("exit", resolve));
      host.kill(signal);
      await exited;
      const ended = await gone(python, 5000);
      if (!ended) process.kill(python, "SIGKILL"); // do not leave it spinning after a failure
      expect(ended).toBe(true);
    }, 30_000);
  }
});
