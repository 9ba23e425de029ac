// Wall time of a child process from spawn to exit, with its output checked.
import { spawn } from "node:child_process";

export function timedRun(command, args, { expectStdout, cwd, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${[command, ...args].join(" ")} exited ${code ?? signal}: ${stderr.trim().split("\n")[0] ?? ""}`));
      if (expectStdout !== undefined && stdout.trim() !== expectStdout)
        return reject(new Error(`printed ${JSON.stringify(stdout.trim().slice(0, 80))}, expected ${JSON.stringify(expectStdout)}`));
      resolve(ms);
    });
  });
}
