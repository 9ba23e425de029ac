// Section 3: how many envelopes an expression costs. An attribute chain
// ending in a call, `os.path.join("a", "b")`, must travel as ONE `call`.
export const title = "3. Round trips";
export const description =
  "Envelopes the bridge sends for one expression, counted by a Transport decorator " +
  "(`bench/lib/counting-transport.mjs`) on a fresh bridge. Counts are exact, not timed.";

const CASES = [
  {
    label: '`os.path.join("a", "b")`, first use of `os`',
    expect: "a/b",
    run: (bridge) => bridge.module("os").path.join("a", "b"),
    oneEnvelope: true,
  },
  {
    label: '`os.path.join("a", "b")` again',
    expect: "a/b",
    run: (bridge) => bridge.module("os").path.join("a", "b"),
    oneEnvelope: true,
  },
  {
    label: '`collections.Counter("abca").most_common(1)` (object, then method)',
    run: (bridge) => bridge.module("collections").Counter("abca").then((counter) => counter.most_common(1)),
  },
];

export async function run() {
  const { polyglot } = await import("../lib/polyglot.mjs");
  const { CountingTransport } = await import("../lib/counting-transport.mjs");
  const { row, unavailable, targets } = await import("../lib/results.mjs");
  const PythonBridge = await polyglot("PythonBridge");

  const runtimes = {
    cpython: () => polyglot("NodePythonTransport").then((T) => new T()),
    "pyodide-node": () => polyglot("NodePyodideTransport").then((T) => new T()),
  };
  const rows = [];
  const notes = [];
  for (const [runtime, makeTransport] of Object.entries(runtimes)) {
    let bridge;
    try {
      const counter = new CountingTransport(await makeTransport());
      bridge = new PythonBridge(counter);
      await bridge.module("math").sqrt(2); // start-up envelopes are not the expression's
      for (const testCase of CASES) {
        const label = `${testCase.label} — ${runtime}`;
        const target = testCase.oneEnvelope ? targets.oneEnvelope : undefined;
        try {
          counter.take();
          const value = await testCase.run(bridge);
          const sent = counter.take();
          if (testCase.expect !== undefined && value !== testCase.expect) throw new Error(`answered ${JSON.stringify(value)}`);
          rows.push(row(label, "envelopes", [sent.length], { target }));
          notes.push(`Ops sent for ${label}: ${sent.map((m) => m.op).join(", ") || "(none)"}.`);
        } catch (error) {
          rows.push(unavailable(label, error, { target }));
        }
      }
    } catch (error) {
      rows.push(unavailable(`all cases — ${runtime}`, error));
    } finally {
      await bridge?.close().catch(() => {});
    }
  }
  return { rows, notes };
}
