// What the numbers were measured on: hardware and the versions that matter.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

import { chromiumPath } from "../../e2e/chromium.mjs";

function commandOutput(command, args) {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 }).trim();
  } catch (error) {
    return `not available (${error.code ?? error.message.split("\n")[0]})`;
  }
}

function packageVersion(name) {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(url, "utf8")).version;
  } catch {
    return "not installed";
  }
}

function cpuModel() {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
    if (line) return line.split(":")[1].trim();
  } catch {}
  return os.cpus()[0]?.model ?? "unknown";
}

export function describeMachine() {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(" "),
    versions: {
      node: process.version,
      python: commandOutput("python3", ["-c", "import sys; print(sys.version.split()[0])"]),
      pyodide: packageVersion("pyodide"),
      chromium: commandOutput(chromiumPath, ["--version"]),
      pythonia: packageVersion("pythonia"),
      acorn: packageVersion("acorn"),
    },
  };
}
