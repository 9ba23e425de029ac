// The Transport of a program worker's PythonBridge: every envelope goes to the
// page, which forwards it to the one Pyodide worker it owns (see
// src/app/python-hub.ts). The page is never blocked, so Python's callbacks
// reach this worker even while Python waits on them synchronously.
import { envelopeText } from "./envelope-text.js";
import { BridgeClosedError, BridgeError } from "../protocol/errors.js";
import type { HostNotice, PythonRequest, Reply, Request, RequestId } from "../protocol/messages.js";
import type { CallbackSupport, Transport, TransportHandlers } from "../protocol/transport.js";
import type { FromProgramWorker } from "./messages.js";

export class RelayTransport implements Transport {
  readonly name = "pyodide-relay";
  private handlers: TransportHandlers | undefined;
  private readonly pending = new Map<RequestId, { resolve(reply: Reply): void; reject(error: Error): void }>();
  private closedWith: Error | undefined;

  constructor(
    private readonly post: (message: FromProgramWorker) => void,
    readonly callbacks: CallbackSupport,
  ) {}

  async start(handlers: TransportHandlers): Promise<void> {
    if (this.closedWith) throw this.closedWith;
    this.handlers = handlers;
  }

  request(message: Request): Promise<Reply> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (this.pending.has(message.id)) return Promise.reject(new BridgeError(`request id ${String(message.id)} is already in flight`));
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.post({ kind: "request", text: envelopeText(message) });
    });
  }

  /** The page forwarded Python's reply to one of our requests. */
  reply(text: string): void {
    const reply = JSON.parse(text) as Reply;
    const waiting = this.pending.get(reply.id);
    if (!waiting) return; // a reply nobody waits for: nothing to settle
    this.pending.delete(reply.id);
    waiting.resolve(reply);
  }

  /** Python called one of our functions: answer through the page. */
  call(text: string): void {
    const request = JSON.parse(text) as PythonRequest;
    const handlers = this.handlers;
    if (!handlers) return;
    void handlers.onPythonRequest(request).then((reply) => this.post({ kind: "answer", text: envelopeText(reply) }));
  }

  notice(text: string): void {
    this.handlers?.onNotice(JSON.parse(text) as HostNotice);
  }

  interrupt(): void {
    this.post({ kind: "interrupt" });
  }

  /** Python is gone (or the page let us go): fail everything pending. */
  exit(message: string): void {
    if (this.closedWith) return;
    const error = new BridgeClosedError(`${this.name}: ${message}`);
    this.closedWith = error;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of waiting) reject(error);
    this.handlers?.onExit(error);
  }

  kill(): void {
    this.exit("killed");
  }

  async close(): Promise<void> {
    this.exit("closed");
  }
}
