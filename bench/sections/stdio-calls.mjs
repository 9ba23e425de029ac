// Section 1: latency and throughput of a trivial call (math.sqrt(2)) into
// CPython over stdio, through the raw floor, our bridge, pythonia and esem.
export const title = "1. Call latency over stdio (CPython)";
export const description =
  "`math.sqrt(2)` into a CPython child process. Sequential: awaited one after another. " +
  "Pipelined: all issued at once, then `Promise.all`. Floor: a raw newline-JSON echo " +
  "(`bench/floors/json_echo.py`) driven by a minimal line splitter. esem: a minimal client of " +
  "esem-bridge's protocol (typed envelopes) talking to our runtime's esem mode (esem's `call` action; a JS integer " +
  "travels as an `int` envelope, as esem's proxy.js sends it).";

export async function run({ quick }) {
  const { startAll, startStdioEcho, startBridgeCpython, startPythonia, startEsemOnOurRuntime, startBridgeInstant } = await import(
    "../lib/contestants.mjs"
  );
  const { callSizes, measureCalls } = await import("../lib/rounds.mjs");
  const { row, unavailable, targets } = await import("../lib/results.mjs");

  const { rounds, sequentialCalls, pipelinedCalls } = callSizes(quick);
  const names = {
    floor: "floor: raw JSON echo",
    bridge: "PythonBridge + NodePythonTransport",
    pythonia: "pythonia",
    esem: "esem protocol → our runtime",
    batched: "diagnostic: batched-I/O echo",
    instant: "diagnostic: PythonBridge, instant in-process transport",
    asyncSites: 'diagnostic: PythonBridge with callSites: "async"',
  };
  const started = await startAll({
    floor: startStdioEcho,
    bridge: startBridgeCpython,
    pythonia: startPythonia,
    esem: startEsemOnOurRuntime,
    batched: () => startStdioEcho({ batched: true }),
    instant: startBridgeInstant,
    asyncSites: () => startBridgeCpython({ bridgeOptions: { callSites: "async" } }),
  });
  const live = Object.entries(started).filter(([, c]) => !c.error);

  const { sequential, pipelined } = await measureCalls(Object.fromEntries(live), { sequentialCalls, pipelinedCalls, rounds });

  const versus = (series, name) => (series[name] ? { label: names[name], samples: series[name] } : undefined);
  const measured = (name, label, build, target) =>
    started[name].error ? unavailable(label, started[name].error, { target }) : build(label);
  const rows = [
    measured("floor", `${names.floor}, sequential`, (label) => row(label, "µs/call", sequential.floor)),
    measured(
      "bridge",
      `${names.bridge}, sequential`,
      (label) =>
        row(label, "µs/call", sequential.bridge, {
          versus: versus(sequential, "floor"),
          target: targets.sequentialVsFloor,
        }),
      targets.sequentialVsFloor,
    ),
    measured("pythonia", `${names.pythonia}, sequential`, (label) =>
      row(label, "µs/call", sequential.pythonia, { versus: versus(sequential, "floor") }),
    ),
    measured("esem", `${names.esem}, sequential`, (label) =>
      row(label, "µs/call", sequential.esem, { versus: versus(sequential, "floor") }),
    ),
    measured("floor", `${names.floor}, pipelined`, (label) => row(label, "calls/s", pipelined.floor)),
  ];
  for (const [peer, target] of [
    ["floor", targets.pipelinedVsFloor],
    ["pythonia", targets.pipelinedVsPeer],
    ["esem", targets.pipelinedVsPeer],
  ]) {
    rows.push(
      measured(
        "bridge",
        `${names.bridge}, pipelined`,
        (label) =>
          started[peer].error
            ? unavailable(`${label} vs ${names[peer]}`, `${names[peer]}: ${started[peer].error}`, { target })
            : row(label, "calls/s", pipelined.bridge, { versus: versus(pipelined, peer), target }),
        target,
      ),
    );
  }
  rows.push(
    measured("pythonia", `${names.pythonia}, pipelined`, (label) =>
      row(label, "calls/s", pipelined.pythonia, { versus: versus(pipelined, "floor") }),
    ),
    measured("esem", `${names.esem}, pipelined`, (label) =>
      row(label, "calls/s", pipelined.esem, { versus: versus(pipelined, "floor") }),
    ),
  );
  rows.push(
    measured("batched", `${names.batched}, sequential`, (label) =>
      row(label, "µs/call", sequential.batched, { versus: versus(sequential, "floor") }),
    ),
    measured("batched", `${names.batched}, pipelined`, (label) =>
      row(label, "calls/s", pipelined.batched, { versus: versus(pipelined, "floor") }),
    ),
    measured("instant", `${names.instant}, sequential`, (label) => row(label, "µs/call", sequential.instant)),
    measured("instant", `${names.instant}, pipelined`, (label) => row(label, "calls/s", pipelined.instant)),
    measured("asyncSites", `${names.asyncSites}, sequential`, (label) =>
      row(label, "µs/call", sequential.asyncSites, { versus: versus(sequential, "floor") }),
    ),
    measured("asyncSites", `${names.asyncSites}, pipelined`, (label) =>
      row(label, "calls/s", pipelined.asyncSites, { versus: versus(pipelined, "floor") }),
    ),
  );
  return {
    rows,
    notes: [
      "The batched-I/O echo (`bench/floors/json_echo_batched.py`) is not a target: it reads all waiting requests in one " +
        "`os.read`, writes all replies in one `os.write`, and the client coalesces writes per tick — the headroom batching buys.",`${rounds} interleaved rounds (+1 warm-up); ${sequentialCalls} sequential calls and ${pipelinedCalls} pipelined calls per round.`],
  };
}
