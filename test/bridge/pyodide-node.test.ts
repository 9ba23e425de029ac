// The behaviour suite and Pyodide-specific checks, against NodePyodideTransport
// (Pyodide in a worker_threads worker; callbacks over the SharedArrayBuffer channel).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { BridgeClosedError, kw, PythonBridge, PythonError } from "../../src/bridge/index.js";
import type { PythonRequest, Reply, Request } from "../../src/protocol/messages.js";
import { NodePyodideTransport } from "../../src/transports/node-pyodide.js";
import type { TransportHandlers } from "../../src/protocol/transport.js";
import type { LoadProgress } from "../../src/protocol/host-api.js";
import { behaviourCases } from "./behaviour-cases.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Py = any;

const gc = (globalThis as { gc?: () => void }).gc;
const expectGc =
  gc &&
  (async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("behaviour on Pyodide in a Node worker", () => {
  const bridge = new PythonBridge(new NodePyodideTransport(), { autoRestart: true });
  afterAll(() => bridge.close());

  for (const behaviour of behaviourCases) {
    test(behaviour.name, () => behaviour.run(bridge, { expectGc }));
  }
});

describe("NodePyodideTransport through a bridge", () => {
  const bridge = new PythonBridge(new NodePyodideTransport());
  afterAll(() => bridge.close());
  const helpers = async (): Promise<Py> => {
    await bridge.exec(
      "pg_pyodide",
      [
        "def nest(f, n):",
        "    return f(n)",
        "def echo_through(f, text):",
        "    return f(text)",
        "def call_twice(f):",
        "    return [f(1), f(2)]",
      ].join("\n"),
    );
    return bridge.module("pg_pyodide");
  };

  test("says callbacks are supported (Node has SharedArrayBuffer)", () => {
    expect(bridge.callbacks).toEqual({ supported: true });
  });

  test("re-enters five levels deep: JS → Python → JS → … ", async () => {
    const h = await helpers();
    const levels: number[] = [];
    const descend = async (n: number): Promise<number> => {
      levels.push(n);
      return n === 0 ? 0 : 1 + ((await h.nest(descend, n - 1)) as number);
    };
    expect(await h.nest(descend, 5)).toBe(5);
    expect(levels).toEqual([5, 4, 3, 2, 1, 0]);
  });

  test("carries messages larger than the channel (chunked) both ways during a callback", async () => {
    const h = await helpers();
    const big = "ünïcode €𝄞 ".repeat(20_000); // ~300 KB in UTF-8, far above the 64 KiB data area
    const reply = await h.echo_through(async (text: string) => {
      // A nested request with a big argument, sent while Python waits: it travels the channel too.
      const upper = (await (bridge.module("builtins") as Py).str.upper(text)) as string;
      return upper.toLowerCase();
    }, big);
    expect(reply).toBe(big.toUpperCase().toLowerCase());
  });

  test("an unrelated call made while Python waits on a callback is served, not deadlocked", async () => {
    const h = await helpers();
    const math: Py = bridge.module("math");
    let unrelated: Promise<unknown> | undefined;
    const result = await h.call_twice(async (x: number) => {
      // Not awaited inside Python's call chain: started here, awaited by the callback.
      unrelated ??= math.factorial(20);
      return ((await unrelated) as number) > 0 ? x * 100 : -1;
    });
    expect(result).toEqual([100, 200]);
  });

  test("an interrupt lands while Python is blocked waiting for a callback", async () => {
    const h = await helpers();
    let finishSlowCallback: (() => void) | undefined;
    const slow = () => new Promise<number>((resolve) => (finishSlowCallback = () => resolve(1)));
    const call = h.nest(slow, 0);
    await sleep(200);
    const start = Date.now();
    bridge.interrupt();
    const error = await call.catch((e: Error) => e);
    expect(error).toBeInstanceOf(PythonError);
    expect((error as PythonError).type).toBe("KeyboardInterrupt");
    expect(Date.now() - start).toBeLessThan(1000);
    // The abandoned callback answers late; Python must ignore that reply and keep working.
    finishSlowCallback!();
    await sleep(50);
    expect(await h.call_twice((x: number) => x + 1)).toEqual([2, 3]);
    expect(await (bridge.module("math") as Py).gcd(12, 18)).toBe(6);
  });

  test("file modules resolve against a baseDir given to configure() (mounted on demand)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "polyglot-pyodide-base-"));
    writeFileSync(join(dir, "tools.py"), 'def greet(name):\n    return f"Hello, {name}!"\n');
    await bridge.configure({ baseDir: dir });
    expect(await (bridge.module("./tools.py") as Py).greet("Ada")).toBe("Hello, Ada!");
  });

  test("calls issued in one tick, each with a callback, interleave with unrelated calls in the same batch", async () => {
    const h = await helpers();
    const math: Py = bridge.module("math");
    const results = await Promise.all([
      h.call_twice((x: number) => x * 10),
      math.gcd(12, 18),
      h.nest(async (n: number) => (await math.factorial(n)) as number, 5),
      math.sqrt(16),
      h.call_twice(async (x: number) => (await h.nest((y: number) => y + 1, x)) as number),
    ]);
    expect(results).toEqual([[10, 20], 6, 120, 4, [2, 3]]);
  });

  test("sorted() with a JS key, many calls in one request", async () => {
    const b: Py = bridge.module("builtins");
    const values = Array.from({ length: 500 }, (_, i) => (i * 7919) % 500);
    expect(await b.sorted(values, kw({ key: (x: number) => -x }))).toEqual([...values].sort((x, y) => y - x));
  });
});

describe("NodePyodideTransport on its own", () => {
  /** Handlers that answer callbacks with `answer` and record exits. */
  function handlers(answer: (request: PythonRequest) => Promise<Reply> | Reply = (r) => ({ id: r.id, ok: true, result: null })) {
    const exits: Error[] = [];
    const notices: unknown[] = [];
    const value: TransportHandlers = {
      onPythonRequest: async (request) => answer(request),
      onNotice: (notice) => notices.push(notice),
      onExit: (error) => exits.push(error),
    };
    return { value, exits, notices };
  }

  /** A started transport with `source` exec'd into `module`; stdout notices land in `log` as "out:TEXT". */
  async function startLogging(module: string, source: string) {
    const transport = new NodePyodideTransport();
    const h = handlers();
    const log: string[] = [];
    h.value.onNotice = (notice) => {
      if (notice.type === "stdout") log.push(`out:${notice.data.trim()}`);
    };
    await transport.start(h.value);
    expect((await transport.request({ id: "exec", op: "exec", module, source })).ok).toBe(true);
    return { transport, log };
  }

  test("reports loading progress in phase order", async () => {
    const phases: string[] = [];
    const transport = new NodePyodideTransport({ onProgress: (p: LoadProgress) => phases.push(p.phase) });
    await transport.start(handlers().value);
    expect(phases).toEqual(["worker", "python", "runtime", "ready"]);
    await transport.close();
  });

  test("kill rejects pending requests at once, calls onExit, and start() boots a fresh worker", async () => {
    const transport = new NodePyodideTransport();
    const h = handlers();
    await transport.start(h.value);
    const exec: Request = { id: 1, op: "exec", module: "spin", source: "def spin():\n    while True: pass\n" };
    expect((await transport.request(exec)).ok).toBe(true);
    const pending = transport.request({ id: 2, op: "call", target: { module: "spin" }, path: ["spin"], args: [] });
    await sleep(100);
    const start = Date.now();
    transport.kill();
    await expect(pending).rejects.toBeInstanceOf(BridgeClosedError);
    expect(Date.now() - start).toBeLessThan(1000);
    expect(h.exits.map((e) => e.name)).toEqual(["BridgeClosedError"]);
    await expect(transport.request({ id: 3, op: "ping" })).rejects.toBeInstanceOf(BridgeClosedError);

    await transport.start(handlers().value);
    expect(await transport.request({ id: 4, op: "ping" })).toEqual({ id: 4, ok: true, result: "pong" });
    await transport.close();
  });

  test("a fatal Pyodide error ends the worker: pending calls reject naming it, and a fresh Python starts", async () => {
    const bridge = new PythonBridge(new NodePyodideTransport(), { autoRestart: true });
    const exits: Error[] = [];
    bridge.on("exit", (error) => exits.push(error));
    const math: Py = bridge.module("math");
    expect(await math.sqrt(4)).toBe(2);
    // Freeing a list nested 100,000 deep recurses in C past the WebAssembly stack: a fatal error.
    const source = "x = []\nfor _ in range(100000): x = [x]\ndel x\n";
    const fatal = bridge.exec("pg_fatal", source).catch((e: Error) => e);
    const behind = math.sqrt(9).catch((e: Error) => e);
    for (const error of [await fatal, await behind]) {
      expect(error).toBeInstanceOf(BridgeClosedError);
      expect(error.message).toContain("Pyodide suffered a fatal error");
      expect(error.message).toContain("Maximum call stack size exceeded");
    }
    expect(exits.map((e) => e.message)).toEqual([(await fatal as Error).message]);
    expect(await math.sqrt(16)).toBe(4); // autoRestart: a fresh worker
    await bridge.close();
  });

  test("os._exit in Python ends the worker the same way, saying Python exited", async () => {
    const bridge = new PythonBridge(new NodePyodideTransport(), { autoRestart: true });
    const error = await bridge.exec("pg_exit", "import os\nos._exit(3)\n").then(
      () => new Error("os._exit returned"),
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(BridgeClosedError);
    expect(error.message).toContain("Python exited and can run no more (Program terminated with exit(3))");
    expect(await bridge.module("math").sqrt(16)).toBe(4);
    await bridge.close();
  });

  test("a worker that exits on its own rejects what is pending and reports the exit", async () => {
    const transport = new NodePyodideTransport();
    const h = handlers();
    await transport.start(h.value);
    // Python reaches the worker's `process` through Pyodide's `js` module and ends the thread.
    const dying = transport.request({
      id: 1,
      op: "exec",
      module: "die",
      source: "import js\njs.process.exit(7)\n",
    });
    const error = await dying.catch((e: Error) => e);
    expect(error).toBeInstanceOf(BridgeClosedError);
    expect((error as Error).message).toContain("code 7");
    expect(h.exits).toHaveLength(1);
    await transport.start(handlers().value);
    expect((await transport.request({ id: 2, op: "ping" })).ok).toBe(true);
    await transport.close();
  });

  test("an uncaught error in the worker ends it: onExit is called and requests reject", async () => {
    const transport = new NodePyodideTransport();
    const h = handlers();
    await transport.start(h.value);
    // The timer fires once Python is idle again, as a crash in the worker's own JS would.
    const source = "import js\njs.eval(\"setTimeout(() => { throw new Error('boom in the worker') })\")\n";
    expect((await transport.request({ id: 1, op: "exec", module: "crash", source })).ok).toBe(true);
    for (let i = 0; i < 100 && h.exits.length === 0; i++) await sleep(10);
    expect(h.exits).toHaveLength(1);
    expect(h.exits[0]).toBeInstanceOf(BridgeClosedError);
    expect(h.exits[0]!.message).toContain("boom in the worker");
    await expect(transport.request({ id: 2, op: "ping" })).rejects.toBeInstanceOf(BridgeClosedError);
    await transport.close();
  });

  test("many requests in one tick: every reply arrives, after the output its call printed", async () => {
    const { transport, log } = await startLogging("say", "def say(n):\n    print(n)\n    return n * 2\n");
    const count = 500;
    const replies = await Promise.all(
      Array.from({ length: count }, (_, n) =>
        transport.request({ id: n, op: "call", target: { module: "say" }, path: ["say"], args: [n] }).then((reply) => {
          log.push(`reply:${n}`);
          return reply;
        }),
      ),
    );
    expect(replies.map((reply) => (reply.ok ? reply.result : reply.error))).toEqual(
      Array.from({ length: count }, (_, n) => n * 2),
    );
    // Each call's output comes before its reply, and outputs come in call order.
    for (let n = 0; n < count; n++) expect(log.indexOf(`out:${n}`)).toBeLessThan(log.indexOf(`reply:${n}`));
    expect(log.filter((entry) => entry.startsWith("out:"))).toEqual(Array.from({ length: count }, (_, n) => `out:${n}`));
    await transport.close();
  });

  test("output streams while a batch runs: it is not held until the batch's replies leave", async () => {
    const transport = new NodePyodideTransport();
    const h = handlers();
    let printedAt = 0;
    h.value.onNotice = (notice) => {
      if (notice.type === "stdout" && notice.data.includes("started")) printedAt = Date.now();
    };
    await transport.start(h.value);
    const source =
      "import time\ndef slow():\n    print('started')\n    end = time.time() + 0.4\n    while time.time() < end: pass\n    return 1\n";
    expect((await transport.request({ id: "exec", op: "exec", module: "slow", source })).ok).toBe(true);
    let pingAt = 0;
    const ping = transport.request({ id: 1, op: "ping" }).then(() => (pingAt = Date.now()));
    const slow = transport.request({ id: 2, op: "call", target: { module: "slow" }, path: ["slow"], args: [] });
    const [, reply] = await Promise.all([ping, slow]);
    const doneAt = Date.now();
    expect(reply).toEqual({ id: 2, ok: true, result: 1 });
    expect(printedAt).toBeGreaterThan(0);
    expect(doneAt - printedAt).toBeGreaterThan(200);
    // The ping's reply left with the output, not with the slow call's reply.
    expect(doneAt - pingAt).toBeGreaterThan(200);
    await transport.close();
  });

  test("a long batch sends the replies it holds before it ends (handle_batch)", async () => {
    const transport = new NodePyodideTransport();
    await transport.start(handlers().value);
    const source = "import time\ndef spin(seconds):\n    end = time.time() + seconds\n    while time.time() < end: pass\n    return seconds\n";
    expect((await transport.request({ id: "exec", op: "exec", module: "spin", source })).ok).toBe(true);
    const arrived: Record<string, number> = {};
    const call = (id: string, seconds: number) =>
      transport
        .request({ id, op: "call", target: { module: "spin" }, path: ["spin"], args: [seconds] })
        .then((reply) => ((arrived[id] = Date.now()), reply));
    // One tick, one batch: the first two replies are older than 2 ms when the long call starts.
    const replies = await Promise.all([call("a", 0), call("b", 0.05), call("c", 0), call("long", 0.4)]);
    expect(replies.map((reply) => reply.ok)).toEqual([true, true, true, true]);
    expect(arrived.long! - arrived.a!).toBeGreaterThan(250);
    expect(arrived.long! - arrived.b!).toBeGreaterThan(250);
    await transport.close();
  });

  test("C-level output in a batch reaches the page", async () => {
    const { transport, log } = await startLogging("raw", "import os\ndef raw(text):\n    os.write(1, text.encode() + b'\\n')\n");
    const note = (id: number) => (reply: Reply) => (log.push(`reply:${id}`), reply);
    await Promise.all([
      transport.request({ id: 1, op: "ping" }).then(note(1)),
      transport.request({ id: 2, op: "call", target: { module: "raw" }, path: ["raw"], args: ["fd1"] }).then(note(2)),
    ]);
    // At once: it may overtake the held reply of the call before it (see pyodide-host.ts).
    expect(log.sort()).toEqual(["out:fd1", "reply:1", "reply:2"]);
    await transport.close();
  });

  test("an interrupt inside a batch aborts only the envelope it hit", async () => {
    const transport = new NodePyodideTransport();
    await transport.start(handlers().value);
    const source = "def forever():\n    while True: pass\n";
    expect((await transport.request({ id: "exec", op: "exec", module: "forever", source })).ok).toBe(true);
    const forever = transport.request({ id: 1, op: "call", target: { module: "forever" }, path: ["forever"], args: [] });
    const after = [2, 3].map((id) => transport.request({ id, op: "ping" }));
    await sleep(100);
    transport.interrupt();
    const first = await forever;
    expect(first.ok ? "ok" : first.error.type).toBe("KeyboardInterrupt");
    expect(await Promise.all(after)).toEqual([2, 3].map((id) => ({ id, ok: true, result: "pong" })));
    expect(await transport.request({ id: 4, op: "ping" })).toEqual({ id: 4, ok: true, result: "pong" });
    await transport.close();
  });

  test("close() ends the worker; requests afterwards reject", async () => {
    const transport = new NodePyodideTransport();
    const h = handlers();
    await transport.start(h.value);
    await transport.close();
    expect(h.exits).toHaveLength(1);
    await expect(transport.request({ id: 1, op: "ping" })).rejects.toBeInstanceOf(BridgeClosedError);
  });
});
