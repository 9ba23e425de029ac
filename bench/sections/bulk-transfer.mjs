// Section 4: bulk transfer through our bridge on CPython, against a baseline
// that sends every element as its own typed JSON envelope (esem's format).
export const title = "4. Bulk transfer (CPython over stdio)";
export const description =
  "A list of 1,000,000 floats and 8 MiB of bytes, Python → JS (`make_floats(n)` / `make_bytes(n)` return it) " +
  "and JS → Python (`size_of(x)` receives it), helpers in `bench/py/bulk_helpers.py`. Time is call to reply, " +
  "so it includes encoding on both sides. MB/s counts the raw payload (8 bytes per float, 1 per byte; MB = 10⁶ B). " +
  "Baseline: `bench/floors/esem_style_worker.py`, every element its own `{type, value}` envelope (esem has no bytes " +
  "type, so bytes travel as a list of ints).";

const FLOATS = 1_000_000;
const BYTES = 8 * 2 ** 20;
// 8 Mi byte envelopes would be ~220 MB of JSON per transfer; the baseline's
// bytes are measured on 1 MiB, which MB/s normalizes.
const BASELINE_BYTES = 2 ** 20;

export async function run({ quick }) {
  const { join } = await import("node:path");
  const { startBridgeCpython } = await import("../lib/contestants.mjs");
  const { startEsemClient } = await import("../clients/esem-client.mjs");
  const { repoRoot } = await import("../lib/polyglot.mjs");
  const { interleave } = await import("../lib/rounds.mjs");
  const { row, unavailable, targets } = await import("../lib/results.mjs");

  const rounds = quick ? 2 : 3;
  const pyDir = join(repoRoot, "bench/py");
  const helpersFile = "./bulk_helpers.py";
  const floatsOut = new Float64Array(FLOATS).map((_, i) => (i * 0.618) % 1);
  const floatList = Array.from(floatsOut);
  const bytesOut = new Uint8Array(BYTES).map((_, i) => (i * 31) & 255);
  const baselineBytesOut = bytesOut.subarray(0, BASELINE_BYTES);

  const check = (value, length, what) => {
    if (value?.length !== length && value !== length) throw new Error(`${what}: got ${String(value?.length ?? value)}, expected ${length}`);
  };
  /** Seconds → MB/s for `bytes` of payload, timing one awaited transfer. */
  const timed = (bytes, transfer) => async () => {
    const t0 = performance.now();
    await transfer();
    return bytes / 1e6 / ((performance.now() - t0) / 1000);
  };

  const ours = await startBridgeCpython().catch((error) => ({ error }));
  const baseline = await startEsemClient("python3", ["-u", join(repoRoot, "bench/floors/esem_style_worker.py")], { cwd: pyDir }).catch(
    (error) => ({ error }),
  );
  const { startF64Floor } = await import("../floors/f64-client.mjs");
  const f64 = await startF64Floor(pyDir).catch((error) => ({ error }));
  const helpers = ours.bridge?.module(helpersFile);
  if (ours.bridge) await ours.bridge.configure({ baseDir: pyDir });

  const cases = [
    {
      label: "1M floats, Python → JS",
      ours: timed(FLOATS * 8, async () => check(await helpers.make_floats(FLOATS), FLOATS, "make_floats")),
      baseline: timed(FLOATS * 8, async () => check(await baseline.call(helpersFile, "make_floats", [FLOATS]), FLOATS, "baseline")),
      binary: timed(FLOATS * 8, async () => check(await f64.makeFloats(FLOATS), FLOATS, "f64")),
    },
    {
      label: "1M floats, JS → Python",
      ours: timed(FLOATS * 8, async () => check(await helpers.size_of(floatList), FLOATS, "size_of")),
      baseline: timed(FLOATS * 8, async () => check(await baseline.call(helpersFile, "size_of", [floatList]), FLOATS, "baseline")),
      binary: timed(FLOATS * 8, async () => check(await f64.sizeOf(floatList), FLOATS, "f64")),
    },
    {
      label: "8 MiB bytes, Python → JS",
      ours: timed(BYTES, async () => check(await helpers.make_bytes(BYTES), BYTES, "make_bytes")),
      baseline: timed(BASELINE_BYTES, async () =>
        check(await baseline.call(helpersFile, "make_bytes", [BASELINE_BYTES]), BASELINE_BYTES, "baseline"),
      ),
    },
    {
      label: "8 MiB bytes, JS → Python",
      ours: timed(BYTES, async () => check(await helpers.size_of(bytesOut), BYTES, "size_of")),
      baseline: timed(BASELINE_BYTES, async () =>
        check(await baseline.call(helpersFile, "size_of", [baselineBytesOut]), BASELINE_BYTES, "baseline"),
      ),
    },
  ];

  const rows = [];
  for (const c of cases) {
    const ourLabel = `${c.label}, PythonBridge + NodePythonTransport`;
    const baseLabel = `${c.label}, JSON-per-element baseline`;
    const contestants = [];
    if (!ours.error) contestants.push({ name: "ours", measure: c.ours });
    if (!baseline.error) contestants.push({ name: "baseline", measure: c.baseline });
    if (c.binary && !f64.error) contestants.push({ name: "binary", measure: c.binary });
    let samples;
    try {
      samples = await interleave(contestants, { rounds });
    } catch (error) {
      rows.push(unavailable(ourLabel, error, { target: targets.bulkVsJson }));
      continue;
    }
    if (baseline.error) rows.push(unavailable(baseLabel, baseline.error));
    else rows.push(row(baseLabel, "MB/s", samples.baseline));
    if (ours.error) rows.push(unavailable(ourLabel, ours.error, { target: targets.bulkVsJson }));
    else
      rows.push(
        row(ourLabel, "MB/s", samples.ours, {
          versus: samples.baseline ? { label: "baseline", samples: samples.baseline } : undefined,
          target: targets.bulkVsJson,
        }),
      );
    if (samples.binary) {
      rows.push(
        row(`${c.label}, diagnostic: base64 float64 prototype`, "MB/s", samples.binary, {
          versus: samples.baseline ? { label: "baseline", samples: samples.baseline } : undefined,
        }),
      );
    }
  }
  await ours.close?.().catch(() => {});
  await baseline.close?.().catch(() => {});
  await f64.close?.().catch(() => {});
  return {
    rows,
    notes: [
      "The base64 float64 prototype (`bench/floors/f64_worker.py`, `f64-client.mjs`) is not a target: it sends a float " +
        "list as `{\"__f64__\": base64}` (`array('d')` in Python, `Float64Array` in JS) — what a binary fast path in the bridge could reach.",
      `${rounds} interleaved rounds (+1 warm-up). The baseline's bytes are measured on ${BASELINE_BYTES / 2 ** 20} MiB (8 MiB would be ~220 MB of JSON per transfer).`,
    ],
  };
}
