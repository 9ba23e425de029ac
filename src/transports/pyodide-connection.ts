// The page side of one running Pyodide worker: sends requests, matches
// replies, runs Python's callbacks, and picks the road for each message.
//
// Routing: while Python waits on one or more callbacks it is blocked in
// `receive()` and cannot see port messages, so EVERYTHING the page sends then
// (callback replies, nested requests, even unrelated new requests) goes
// through the SharedArrayBuffer channel. Otherwise messages use the port.
//
// Batching: requests sent to the port in one tick travel as ONE message, their
// envelopes joined by "\n" (JSON text never holds a raw newline); the worker
// handles them in one turn and answers with one message, a JSON array of
// Python's messages (or a single message on its own). See pyodide-host.ts.
//
// Python waits on callbacks as a stack. When a callback wait is abandoned
// (an interrupt raised out of `receive()`), the page learns it from the reply
// of the request the callback ran under, and stops routing to the channel.
import type { FatalNotice } from "../protocol/host-api.js";
import type { ErrorReply, FromPython, PythonRequest, Reply, Request, RequestId } from "../protocol/messages.js";
import { PendingRequests } from "./pending.js";
import { interruptInFlight } from "./interrupt.js";
import type { ChannelWriter } from "../protocol/sync-channel.js";
import type { TransportHandlers } from "../protocol/transport.js";

/** What arrives from the worker: Python's messages, or the worker's own fatal notice. */
type FromWorker = FromPython | FatalNotice;

/** A callback Python is blocked on. `serial` orders them: later calls get larger serials. */
interface CallbackWait {
  id: RequestId;
  serial: number;
}

export class PyodideConnection {
  private readonly pending = new PendingRequests();
  /** Callbacks Python waits on, innermost last. */
  private readonly waits: CallbackWait[] = [];
  private lastSerial = 0;
  /** Requests sent through the channel → the serial of the innermost wait when sent. */
  private readonly sentDuringWait = new Map<RequestId, number>();
  /** Envelopes for the port, queued in this tick (see flush). */
  private outbox: string[] = [];
  private flushQueued = false;
  private readonly flushNow = (): void => this.flush();

  constructor(
    private readonly port: MessagePort,
    private readonly channel: ChannelWriter | undefined,
    private readonly handlers: TransportHandlers,
    /** The worker reported a fatal Pyodide error (see pyodide-host.ts): it can serve no more. */
    private readonly onFatal: (message: string) => void,
  ) {
    port.onmessage = (event: MessageEvent<string>) => this.receive(event.data);
    port.start?.();
  }

  /** Requests still waiting for a reply. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Raise an interrupt until every request now in flight has answered (see interrupt.ts). */
  interrupt(raise: () => void): void {
    interruptInFlight(this.pending, raise);
  }

  request(message: Request): Promise<Reply> {
    const reply = this.pending.add(message.id);
    if (this.channel && this.waits.length > 0) {
      if (this.outbox.length > 0) this.flush(); // (never in practice: waits begin in a later task)
      this.sentDuringWait.set(message.id, this.lastSerial);
      this.channel.write(JSON.stringify(message));
    } else if (!this.pending.closed) {
      this.outbox.push(JSON.stringify(message));
      if (!this.flushQueued) {
        this.flushQueued = true;
        queueMicrotask(this.flushNow);
      }
    }
    return reply;
  }

  /** Post the envelopes queued in this tick as one message. */
  private flush(): void {
    this.flushQueued = false;
    const queued = this.outbox;
    if (queued.length === 0) return;
    this.outbox = [];
    if (this.pending.closed) return;
    this.port.postMessage(queued.length === 1 ? queued[0]! : queued.join("\n"));
  }

  /** The worker is gone: reject everything pending with `error`. */
  close(error: Error): void {
    this.pending.close(error);
    this.channel?.close();
    this.waits.length = 0;
    this.sentDuringWait.clear();
    this.outbox = [];
    this.port.onmessage = null;
    this.port.close();
  }

  /**
   * One message from the worker (the port delivers them itself; a transport may
   * feed others): one of Python's messages, or a JSON array of them, in order.
   */
  receive(text: string): void {
    if (text === "") return;
    const parsed = JSON.parse(text) as FromWorker | FromWorker[];
    if (!Array.isArray(parsed)) return this.dispatch(parsed);
    for (const message of parsed) this.dispatch(message);
  }

  private dispatch(message: FromWorker): void {
    if ("type" in message && message.type === "fatal") this.onFatal(message.message);
    else if ("ok" in message) this.settle(message);
    else if ("op" in message) this.call(message);
    else if (message.type !== "ready") this.handlers.onNotice(message);
  }

  private settle(reply: Reply): void {
    if (this.waits.length > 0) this.dropWaitsNewerThan(this.sentDuringWait.get(reply.id) ?? 0);
    if (this.sentDuringWait.size > 0) this.sentDuringWait.delete(reply.id);
    this.pending.settle(reply);
  }

  /**
   * `reply` ends a request that started after the wait with serial `serial`;
   * callbacks Python called after that can no longer be waited on.
   */
  private dropWaitsNewerThan(serial: number): void {
    const before = this.waits.length;
    while (this.waits.length > 0 && this.waits[this.waits.length - 1]!.serial > serial) this.waits.pop();
    if (this.waits.length === 0 && before > 0) void this.kickLeftovers();
  }

  /** Requests the page wrote to the channel after Python stopped reading it: tell the worker to look. */
  private async kickLeftovers(): Promise<void> {
    if (this.sentDuringWait.size === 0 || !this.channel) return;
    await this.channel.flushed();
    // An empty message: the host serves what waits in the channel.
    this.flush();
    if (!this.pending.closed) this.port.postMessage("");
  }

  private call(request: PythonRequest): void {
    // Without the channel, Python's receive() has already raised a JSError saying why.
    if (!this.channel) return;
    this.waits.push({ id: request.id, serial: ++this.lastSerial });
    this.handlers.onPythonRequest(request).then(
      (reply) => this.answer(request.id, reply),
      (error: unknown) => this.answer(request.id, errorReply(request.id, error)),
    );
  }

  private answer(id: RequestId, reply: Reply): void {
    const index = this.waits.findIndex((wait) => wait.id === id);
    if (index < 0 || !this.channel) return; // abandoned: Python no longer waits for it
    this.waits.splice(index, 1);
    this.channel.write(JSON.stringify(reply));
  }
}

function errorReply(id: RequestId, error: unknown): ErrorReply {
  const failure = error instanceof Error ? error : new Error(String(error));
  return {
    id,
    ok: false,
    error: { type: failure.name, message: failure.message, traceback: failure.stack ?? "" },
  };
}
