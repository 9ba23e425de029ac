// PythonBridge against a scripted in-process transport: the exact envelopes it
// sends, when it starts, batching, aborts. No Python involved.
import { describe, expect, test } from "vitest";
import { BridgeClosedError, callOptions, kw, PythonBridge, PythonError, release } from "../../src/bridge/index.js";
import type { ErrorReply, OkReply, Reply, Request, WireValue } from "../../src/protocol/messages.js";
import type { CallbackSupport, Transport, TransportHandlers } from "../../src/protocol/transport.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Py = any;

/** Records every request; `answer` decides each reply (by default: held until `reply()` is called). */
class ScriptedTransport implements Transport {
  readonly name = "scripted";
  readonly callbacks: CallbackSupport = { supported: true };
  readonly sent: Request[] = [];
  starts = 0;
  interrupts = 0;
  private readonly waiting = new Map<Request["id"], (reply: Reply) => void>();

  constructor(private readonly answer?: (request: Request) => WireValue) {}

  async start(_handlers: TransportHandlers): Promise<void> {
    this.starts++;
  }

  request(message: Request): Promise<Reply> {
    this.sent.push(structuredClone(message));
    if (this.answer) return Promise.resolve({ id: message.id, ok: true, result: this.answer(message) });
    return new Promise((resolve) => this.waiting.set(message.id, resolve));
  }

  reply(index: number, reply: Omit<OkReply, "id"> | Omit<ErrorReply, "id">): void {
    const id = this.sent[index]!.id;
    this.waiting.get(id)!({ ...reply, id } as Reply);
  }

  interrupt(): void {
    this.interrupts++;
  }

  kill(): void {}

  async close(): Promise<void> {}
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("PythonBridge envelopes", () => {
  test("a.b.c(x, kw) is one call envelope, and nothing starts before first use", async () => {
    const transport = new ScriptedTransport(() => 42);
    const bridge = new PythonBridge(transport);
    const a: Py = bridge.module("a");
    const path = a.b.c;
    expect(transport.starts).toBe(0);
    expect(await path(1, "x", kw({ k: [true] }))).toBe(42);
    expect(transport.starts).toBe(1);
    expect(transport.sent).toEqual([
      { id: 1, op: "call", target: { module: "a" }, path: ["b", "c"], args: [1, "x"], kwargs: { k: [true] } },
    ]);
  });

  test("configure() before start is sent first once the runtime starts", async () => {
    const transport = new ScriptedTransport(() => null);
    const bridge = new PythonBridge(transport);
    await bridge.configure({ baseDir: "/programs" });
    expect(transport.sent).toEqual([]);
    await (bridge.module("./tools.py") as Py).greet();
    expect(transport.sent.map((m) => m.op)).toEqual(["configure", "call"]);
    expect(transport.sent[0]).toMatchObject({ base_dir: "/programs" });
  });

  test("a lazy path sent as an argument is fetched first, then inlined", async () => {
    const transport = new ScriptedTransport((m) => (m.op === "getattr" ? 3.14 : "done"));
    const bridge = new PythonBridge(transport);
    const math: Py = bridge.module("math");
    expect(await (bridge.module("m") as Py).f({ pi: math.pi })).toBe("done");
    expect(transport.sent).toEqual([
      { id: 1, op: "getattr", target: { module: "math" }, path: ["pi"] },
      { id: 2, op: "call", target: { module: "m" }, path: ["f"], args: [{ pi: 3.14 }] },
    ]);
  });

  test("released refs travel together in one release envelope", async () => {
    let next = 10;
    const transport = new ScriptedTransport((m) => (m.op === "call" ? { __pyref__: next++, type: "T", callable: false } : 0));
    const bridge = new PythonBridge(transport);
    const make: Py = (bridge.module("m") as Py).make;
    const objects = [await make(), await make(), await make()];
    for (const object of objects) release(object);
    release(objects[0]); // twice is once
    await tick();
    expect(transport.sent.filter((m) => m.op === "release")).toEqual([{ id: 4, op: "release", refs: [10, 11, 12] }]);
    await expect(objects[1].method()).rejects.toThrow(/released/);
  });
});

describe("PythonBridge aborts and failures", () => {
  test("aborting the running call interrupts Python; aborting a queued one does not", async () => {
    const transport = new ScriptedTransport();
    const bridge = new PythonBridge(transport);
    const m: Py = bridge.module("m");
    const running = new AbortController();
    const queued = new AbortController();
    const first = m.slow(callOptions({ signal: running.signal }));
    const second = m.slow(callOptions({ signal: queued.signal }));
    await tick();
    queued.abort();
    await expect(second).rejects.toMatchObject({ name: "AbortError" });
    expect(transport.interrupts).toBe(0);
    running.abort(new Error("user gave up"));
    await expect(first).rejects.toThrow("user gave up");
    expect(transport.interrupts).toBe(1);
    transport.reply(0, { ok: false, error: { type: "KeyboardInterrupt", message: "", traceback: "" } }); // late: ignored
    expect(transport.sent[0]).not.toHaveProperty("kwargs");
  });

  test("a failed setattr rejects the next call and is emitted as 'error'", async () => {
    const transport = new ScriptedTransport();
    const bridge = new PythonBridge(transport);
    const m: Py = bridge.module("m");
    const errors: Error[] = [];
    bridge.on("error", (error) => errors.push(error));
    m.frozen = 1;
    const next = m.f();
    await tick();
    expect(transport.sent.map((r) => r.op)).toEqual(["setattr", "call"]);
    expect(transport.sent[0]).toMatchObject({ target: { module: "m" }, path: ["frozen"], value: 1 });
    transport.reply(0, { ok: false, error: { type: "AttributeError", message: "read-only", traceback: "tb" } });
    transport.reply(1, { ok: true, result: 5 });
    const error = await next.catch((e: Error) => e);
    expect(error).toBeInstanceOf(PythonError);
    expect(error).toMatchObject({ type: "AttributeError", message: "read-only" });
    expect(errors).toEqual([error]);
  });
});

describe("PythonBridge when the runtime dies", () => {
  /** Rejects every request with the one error a transport rejects its pending calls with. */
  class DyingTransport extends ScriptedTransport {
    readonly death = new BridgeClosedError("scripted: Pyodide suffered a fatal error");
    override request(message: Request): Promise<Reply> {
      this.sent.push(structuredClone(message));
      return Promise.reject(this.death);
    }
  }

  function callFirst(m: Py): Promise<unknown> {
    return m.first();
  }

  function callSecond(m: Py): Promise<unknown> {
    return m.second();
  }

  test("with captured call sites, each pending call rejects with its own error that names the death and the call", async () => {
    const transport = new DyingTransport();
    const bridge = new PythonBridge(transport, { callSites: "capture" });
    const m: Py = bridge.module("m");
    const [first, second] = await Promise.all([callFirst(m).catch((e: Error) => e), callSecond(m).catch((e: Error) => e)]);
    for (const error of [first, second]) {
      expect(error).toBeInstanceOf(BridgeClosedError);
      expect((error as Error).message).toBe(transport.death.message);
      expect((error as Error).cause).toBe(transport.death);
      expect((error as Error).stack).toMatch(/^BridgeClosedError: scripted: Pyodide suffered a fatal error\n\s+at /);
    }
    expect(first).not.toBe(second);
    expect((first as Error).stack).toContain("callFirst");
    expect((second as Error).stack).toContain("callSecond");
  });

  test("without captured sites, the transport's own error comes through", async () => {
    const transport = new DyingTransport();
    const bridge = new PythonBridge(transport);
    const m: Py = bridge.module("m");
    expect(await callFirst(m).catch((e: Error) => e)).toBe(transport.death);
  });
});

describe("PythonBridge arguments it cannot send", () => {
  function sendDeep(m: Py, levels: number): Promise<unknown> {
    let deep: unknown[] = [];
    for (let i = 0; i < levels; i++) deep = [deep];
    return m.f(deep);
  }

  test("a value nested too deep is refused before sending, saying where, with the call's own frames", async () => {
    const transport = new ScriptedTransport(() => 1);
    const bridge = new PythonBridge(transport, { callSites: "capture" });
    const m: Py = bridge.module("m");
    const error = (await sendDeep(m, 100_000).catch((e: Error) => e)) as Error;
    expect(error.name).toBe("BridgeError");
    expect(error.message).toMatch(/nested deeper than 100 levels to Python .*argument 1, at \[0\]/);
    // Not 10 frames of the encoder's recursion: the caller, where the runner can place it.
    expect(error.stack).toMatch(/^BridgeError: cannot send a value nested deeper than 100 levels/);
    expect(error.stack).toContain("sendDeep");
    expect(transport.sent.filter((r) => r.op === "call")).toEqual([]);
  });
});

describe("PythonError.mro", () => {
  test("is the MRO the runtime sent, own class first", () => {
    const error = new PythonError({ type: "KeyError", message: "'a'", traceback: "", mro: ["KeyError", "LookupError", "Exception", "BaseException", "object"] });
    expect(error.mro).toEqual(["KeyError", "LookupError", "Exception", "BaseException", "object"]);
    expect(Object.isFrozen(error.mro)).toBe(true);
  });

  test("falls back to the type alone when a peer omits it or sends something else", () => {
    expect(new PythonError({ type: "ValueError", message: "", traceback: "" }).mro).toEqual(["ValueError"]);
    const odd = { type: "ValueError", message: "", traceback: "", mro: [1, 2] } as unknown as ErrorReply["error"];
    expect(new PythonError(odd).mro).toEqual(["ValueError"]);
  });
});
