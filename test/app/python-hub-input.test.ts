// The page's hub sends Python's input() to the run Python works for, answers
// end of input when nobody asks, and cancels a wait with KeyboardInterrupt when
// the run is stopped.
import { describe, expect, it } from "vitest";
import { PythonHub, type HubClientHandlers } from "../../src/app/python-hub.js";
import type { InputRequest, PythonRequest, Reply, Request } from "../../src/protocol/messages.js";
import type { Transport, TransportHandlers } from "../../src/protocol/transport.js";

/** A Python that never answers by itself: the test settles its requests. */
class HeldTransport implements Transport {
  readonly name = "held";
  readonly callbacks = { supported: true };
  handlers: TransportHandlers | undefined;
  readonly waiting = new Map<Request["id"], (reply: Reply) => void>();
  interrupts = 0;

  async start(handlers: TransportHandlers): Promise<void> {
    this.handlers = handlers;
  }
  request(message: Request): Promise<Reply> {
    return new Promise((resolve) => this.waiting.set(message.id, resolve));
  }
  interrupt(): void {
    this.interrupts += 1;
  }
  kill(): void {}
  async close(): Promise<void> {}

  /** Python asks for a line, as its input() does. */
  ask(prompt: string, id = "py-1"): Promise<Reply> {
    const request: InputRequest = { id, op: "input", prompt };
    return this.handlers!.onPythonRequest(request);
  }
}

function client(answer: (request: PythonRequest) => Promise<Reply>): HubClientHandlers {
  return { call: answer, released: () => undefined, exited: () => undefined };
}

async function started(): Promise<{ hub: PythonHub; python: HeldTransport }> {
  const python = new HeldTransport();
  const hub = new PythonHub(python);
  await hub.pageTransport.start({ onPythonRequest: async (r) => ({ id: r.id, ok: true, result: null }), onNotice: () => {}, onExit: () => {} });
  return { hub, python };
}

describe("PythonHub and input()", () => {
  it("asks the client whose request Python is running", async () => {
    const { hub, python } = await started();
    const asked: string[] = [];
    hub.addClient("idle run", client(async (r) => ({ id: r.id, ok: true, result: "wrong" })));
    const busy = hub.addClient("busy run", client(async (r) => {
      if (r.op === "input") asked.push(r.prompt);
      return { id: r.id, ok: true, result: "Ada" };
    }));
    void hub.send(busy, { id: 1, op: "ping" });
    expect(await python.ask("Name? ")).toEqual({ id: "py-1", ok: true, result: "Ada" });
    expect(asked).toEqual(["Name? "]);
  });

  it("answers end of input when Python works for nobody", async () => {
    const { python } = await started();
    expect(await python.ask("? ")).toEqual({ id: "py-1", ok: true, result: null });
  });

  it("a stopped run's wait ends with KeyboardInterrupt, and Python is interrupted", async () => {
    const { hub, python } = await started();
    const run = hub.addClient("run 1", client(() => new Promise<Reply>(() => {}))); // the person never answers
    void hub.send(run, { id: 1, op: "ping" });
    const answer = python.ask("Waiting: ");
    const ended = hub.end(run);
    const reply = await answer;
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.type).toBe("KeyboardInterrupt");
    expect(python.interrupts).toBe(1);
    for (const settle of python.waiting.values()) settle({ id: 0, ok: true, result: "pong" });
    await ended;
  });
});
