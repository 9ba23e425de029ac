// Summaries of repeated measurements. The machine is noisy, so we report the
// median with its spread, never a mean.

export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** { n, median, min, max, q1, q3 } of an array of numbers. */
export function summarize(samples) {
  const sorted = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
  };
}

/**
 * Ratios of two series measured in the same interleaved rounds, round by
 * round: pairing cancels most of the drift a busy machine adds to both.
 */
export function pairedRatios(numerator, denominator) {
  const n = Math.min(numerator.length, denominator.length);
  const ratios = [];
  for (let i = 0; i < n; i++) ratios.push(numerator[i] / denominator[i]);
  return ratios;
}
