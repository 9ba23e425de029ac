// One console line per Pyodide start in the browser worker: how Python started and what it cost.
// Tests and the benchmark read it as the evidence that a repeat visit restored the snapshot.
import type { BootReport } from "./snapshot-boot.js";

export function bootLine(report: BootReport): string {
  const parts = [
    report.from === "snapshot"
      ? `polyglot: Python restored from the memory snapshot in ${report.ms} ms`
      : `polyglot: Python started without a snapshot in ${report.ms} ms`,
  ];
  if (report.refused !== undefined) parts.push(`(the stored snapshot did not restore: ${report.refused})`);
  if (report.made) parts.push(`; snapshot made for the next start (${(report.made.bytes / 2 ** 20).toFixed(1)} MiB, ${report.made.ms} ms)`);
  if (report.notMade !== undefined) parts.push(`; no snapshot kept: ${report.notMade}`);
  return parts.join(" ");
}

export function logBoot(report: BootReport): void {
  (report.notMade === undefined ? console.info : console.warn)(bootLine(report));
}
