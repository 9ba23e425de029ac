// The shape every section returns: rows of measurements, each with its
// samples, an optional comparison (paired per-round ratios) and target.
import { pairedRatios, summarize } from "./stats.mjs";

/**
 * A measured row.
 *   unit:   "µs/call", "calls/s", "MB/s", "ms", "lines/s", "envelopes"…
 *   versus: { label, samples } measured in the same rounds; ratio = this / versus.
 *   target: { on: "ratio" | "value", op: "<=" | ">=", value, text }
 */
export function row(label, unit, samples, { versus, target, note } = {}) {
  const result = { label, unit, summary: summarize(samples), samples };
  if (versus) {
    const ratios = pairedRatios(samples, versus.samples);
    result.versus = { label: versus.label, ratio: summarize(ratios) };
  }
  if (target) result.target = { ...target, met: targetMet(result, target) };
  if (note) result.note = note;
  return result;
}

/** A row that could not be measured, with the reason. */
export function unavailable(label, reason, { target } = {}) {
  return { label, unavailable: String(reason?.message ?? reason).split("\n")[0], target };
}

function targetMet(result, target) {
  const value = target.on === "value" ? result.summary.median : result.versus?.ratio.median;
  if (!Number.isFinite(value)) return null;
  return target.op === "<=" ? value <= target.value : value >= target.value;
}

export const targets = {
  sequentialVsFloor: { on: "ratio", op: "<=", value: 1.2, text: "≤ 1.2× floor" },
  pipelinedVsFloor: { on: "ratio", op: ">=", value: 0.8, text: "≥ 0.8× floor" },
  pipelinedVsPeer: { on: "ratio", op: ">=", value: 3, text: "≥ 3× peer" },
  bulkVsJson: { on: "ratio", op: ">=", value: 10, text: "≥ 10× JSON baseline" },
  coldStartPyodide: { on: "value", op: "<=", value: 1000, text: "≤ 1 s" },
  compileVsAcorn: { on: "ratio", op: "<=", value: 3, text: "≤ 3× acorn" },
  runtimeStartVsBefore: { on: "ratio", op: "<=", value: 1.05, text: "≤ 1.05× the one-file runtime" },
  oneEnvelope: { on: "value", op: "<=", value: 1, text: "= 1 envelope" },
  echoWithin50ms: { on: "value", op: "<=", value: 50, text: "≤ 50 ms" },
};
