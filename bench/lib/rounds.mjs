// Interleaved rounds: every contestant runs once per round, in a rotating
// order, so slow phases of a noisy machine hit all of them alike.

/**
 * contestants: [{ name, measure: async () => number }]
 * Returns { [name]: number[] } with one sample per round (index = round).
 */
export async function interleave(contestants, { rounds, warmup = 1, onRound } = {}) {
  const samples = Object.fromEntries(contestants.map((c) => [c.name, []]));
  for (let r = -warmup; r < rounds; r++) {
    const offset = ((r % contestants.length) + contestants.length) % contestants.length;
    const order = contestants.slice(offset).concat(contestants.slice(0, offset));
    for (const c of order) {
      const value = await c.measure();
      if (r >= 0) samples[c.name].push(value);
    }
    onRound?.(r);
  }
  return samples;
}

/** Microseconds per call over `count` sequential awaited calls. */
export async function sequentialMicros(call, count) {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await call();
  return ((performance.now() - t0) * 1000) / count;
}

/** Calls per second with `count` calls in flight at once (Promise.all). */
export async function pipelinedPerSecond(call, count) {
  const t0 = performance.now();
  const pending = new Array(count);
  for (let i = 0; i < count; i++) pending[i] = call();
  await Promise.all(pending);
  return count / ((performance.now() - t0) / 1000);
}

/** How much each call section measures: the pipelined batch is 10,000 calls. */
export function callSizes(quick) {
  return quick
    ? { rounds: 2, sequentialCalls: 300, pipelinedCalls: 2000 }
    : { rounds: 7, sequentialCalls: 2000, pipelinedCalls: 10000 };
}

/**
 * Sequential µs per call and pipelined calls/s for each started contestant
 * ({ [name]: { call, close } }), in interleaved rounds; closes them afterwards.
 */
export async function measureCalls(contestants, { sequentialCalls, pipelinedCalls, rounds }) {
  const entries = Object.entries(contestants);
  const sequential = await interleave(
    entries.map(([name, c]) => ({ name, measure: () => sequentialMicros(c.call, sequentialCalls) })),
    { rounds },
  );
  const pipelined = await interleave(
    entries.map(([name, c]) => ({ name, measure: () => pipelinedPerSecond(c.call, pipelinedCalls) })),
    { rounds },
  );
  for (const [, c] of entries) await c.close().catch(() => {});
  return { sequential, pipelined };
}

/** Rejects after `ms`, so one hung contestant cannot stall the whole run. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
