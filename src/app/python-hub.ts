// One Python (the page's Pyodide worker transport) shared by the page's own
// bridge and the program worker of each run.
//
// Every client's request gets a hub-wide id, and every JS function ref a
// client sends gets a hub-wide id too, so callbacks from Python reach the
// client that made the function (or fail clearly when its run has ended).
// The Python object refs each run receives are recorded and released when the
// run ends, however it ends, so the object table returns to its size before.
// Python's input() goes to the client Python is working for (see busyClient).
import { BridgeClosedError } from "../protocol/errors.js";
import type {
  CallJsRequest,
  ErrorReply,
  HostNotice,
  PythonRequest,
  Reply,
  Request,
  RequestId,
} from "../protocol/messages.js";
import type { CallbackSupport, Transport, TransportHandlers } from "../protocol/transport.js";
import { visitRefs } from "../program-worker/wire-refs.js";

/** Someone who sends requests through the hub and answers Python's calls to its functions. */
export interface HubClientHandlers {
  /** Python called one of this client's functions (ids already the client's own), or asks it for a line. */
  call(request: PythonRequest): Promise<Reply>;
  /** Python let go of some of this client's function refs (the client's ids). */
  released(refs: number[]): void;
  exited(error: Error): void;
}

interface JsRefOwner {
  client: HubClient;
  local: number;
}

export class HubClient {
  closed = false;
  /** Hub ids of this client's requests still in flight. */
  readonly inFlight = new Set<number>();
  /** Python's calls into this client that are still unanswered, by call id. */
  readonly calls = new Map<string, { op: PythonRequest["op"]; answer(reply: Reply): void }>();
  /** Local function ref id → hub id. */
  readonly jsRefs = new Map<number, number>();
  /** Python object refs this client received and has not released (tracked for runs only). */
  readonly pyRefs: Set<number> | undefined;
  private settledWaiters: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly handlers: HubClientHandlers,
    tracksRefs: boolean,
  ) {
    this.pyRefs = tracksRefs ? new Set() : undefined;
  }

  /** Resolves once none of this client's requests is in flight. */
  settled(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  requestDone(hubId: number): void {
    this.inFlight.delete(hubId);
    if (this.inFlight.size > 0) return;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const wake of waiters) wake();
  }
}

export class PythonHub {
  private nextId = 1;
  private nextJsRef = 1;
  private readonly jsRefs = new Map<number, JsRefOwner>();
  private readonly clients = new Set<HubClient>();
  private pageHandlers: TransportHandlers | undefined;
  /** The page bridge's transport: requests and callbacks through the hub. */
  readonly pageTransport: Transport;
  private readonly page: HubClient;

  constructor(private readonly inner: Transport) {
    this.page = this.addClient("page", {
      call: (request) => this.pageHandlers!.onPythonRequest(request),
      released: (refs) => this.pageHandlers?.onNotice({ type: "release_js", refs }),
      exited: () => undefined, // the page bridge hears onExit itself
    }, false);
    const hub = this;
    this.pageTransport = {
      name: inner.name,
      callbacks: inner.callbacks,
      start: (handlers) => {
        hub.pageHandlers = handlers;
        return inner.start(hub.innerHandlers());
      },
      request: (message) => hub.send(hub.page, message),
      interrupt: () => inner.interrupt(),
      kill: () => inner.kill(),
      close: () => inner.close(),
    };
  }

  get callbacks(): CallbackSupport {
    return this.inner.callbacks;
  }

  addClient(name: string, handlers: HubClientHandlers, tracksRefs = true): HubClient {
    const client = new HubClient(name, handlers, tracksRefs);
    this.clients.add(client);
    return client;
  }

  /** Send `message` for `client`; the reply comes back with the client's ids. */
  async send(client: HubClient, message: Request): Promise<Reply> {
    if (client.closed) throw new BridgeClosedError(`${client.name} has ended`);
    const localId = message.id;
    const hubId = this.nextId++;
    visitRefs(message, { jsRef: (local) => this.globalJsRef(client, local) });
    if (message.op === "release" && client.pyRefs) for (const ref of message.refs) client.pyRefs.delete(ref);
    client.inFlight.add(hubId);
    let reply: Reply;
    try {
      reply = await this.inner.request({ ...message, id: hubId });
    } finally {
      client.requestDone(hubId);
    }
    return this.toClient(client, reply, localId);
  }

  /** Interrupt Python if it is working for `client` (never a stray interrupt for someone else). */
  interruptFor(client: HubClient): void {
    if (client.inFlight.size > 0) this.inner.interrupt();
  }

  /**
   * The client is gone (its run ended or was stopped): every call Python waits
   * on for it raises, Python is interrupted if busy for it, and its refs are
   * released once its requests have answered. Resolves when that is done.
   */
  async end(client: HubClient): Promise<void> {
    if (client.closed) return;
    client.closed = true;
    for (const [id, { op, answer }] of client.calls) answer(stoppedReply(id, client.name, op));
    client.calls.clear();
    this.interruptFor(client);
    await client.settled();
    this.clients.delete(client);
    const refs = client.pyRefs ? [...client.pyRefs] : [];
    client.pyRefs?.clear();
    if (refs.length > 0) await this.inner.request({ id: this.nextId++, op: "release", refs }).catch(() => undefined);
  }

  private toClient(client: HubClient, reply: Reply, localId: RequestId): Reply {
    const owned = client.pyRefs;
    if (client.closed) {
      // Answered after its run ended: nobody will release these refs but us.
      const orphans: number[] = [];
      visitRefs(reply, { pyRef: (ref) => orphans.push(ref) });
      if (orphans.length > 0) void this.inner.request({ id: this.nextId++, op: "release", refs: orphans }).catch(() => undefined);
    } else {
      visitRefs(reply, { jsRef: (id) => this.localJsRef(client, id), pyRef: owned && ((ref) => owned.add(ref)) });
    }
    return { ...reply, id: localId };
  }

  private globalJsRef(client: HubClient, local: number): number {
    const known = client.jsRefs.get(local);
    if (known !== undefined) return known;
    const id = this.nextJsRef++;
    client.jsRefs.set(local, id);
    this.jsRefs.set(id, { client, local });
    return id;
  }

  /** A hub id as `client` knows it; a function of another client becomes an id it never issued (0). */
  private localJsRef(client: HubClient, id: number): number {
    const owner = this.jsRefs.get(id);
    return owner && owner.client === client ? owner.local : 0;
  }

  private innerHandlers(): TransportHandlers {
    return {
      onPythonRequest: (request) => this.pythonCall(request),
      onNotice: (notice) => this.notice(notice),
      onExit: (error) => {
        for (const client of this.clients) if (client !== this.page) client.handlers.exited(error);
        this.pageHandlers?.onExit(error);
      },
    };
  }

  private pythonCall(request: PythonRequest): Promise<Reply> {
    if (request.op === "input") {
      const client = this.busyClient();
      if (!client) return Promise.resolve({ id: request.id, ok: true, result: null });
      if (client.closed) return Promise.resolve(stoppedReply(request.id, client.name, request.op));
      return this.ask(client, request);
    }
    return this.callJs(request);
  }

  /**
   * The client Python works for now: the owner of the oldest request in flight
   * (Python serves requests in order; nested ones come from the same run).
   */
  private busyClient(): HubClient | undefined {
    let busy: HubClient | undefined;
    let oldest = Infinity;
    for (const client of this.clients) {
      const first = client.inFlight.values().next();
      if (!first.done && first.value < oldest) [busy, oldest] = [client, first.value];
    }
    return busy;
  }

  private callJs(request: CallJsRequest): Promise<Reply> {
    const owner = this.jsRefs.get(request.fn);
    if (!owner) return Promise.resolve(failure(request.id, `JS function ref ${request.fn} is unknown`));
    const client = owner.client;
    if (client.closed) return Promise.resolve(failure(request.id, `this JS function belonged to ${client.name}, which has ended`));
    const local: CallJsRequest = { ...request, fn: owner.local };
    const owned = client.pyRefs;
    visitRefs(local.args, { jsRef: (id) => this.localJsRef(client, id), pyRef: owned && ((ref) => owned.add(ref)) });
    if (local.kwargs) visitRefs(local.kwargs, { jsRef: (id) => this.localJsRef(client, id), pyRef: owned && ((ref) => owned.add(ref)) });
    return this.ask(client, local);
  }

  /** Hand Python's request to `client`; end() answers it instead if the client ends first. */
  private ask(client: HubClient, request: PythonRequest): Promise<Reply> {
    return new Promise<Reply>((resolve) => {
      client.calls.set(request.id, { op: request.op, answer: resolve });
      client.handlers.call(request).then(
        (reply) => {
          if (!client.calls.delete(request.id)) return; // already answered by end()
          visitRefs(reply, { jsRef: (id) => this.globalJsRef(client, id) });
          resolve(reply);
        },
        (error: unknown) => {
          if (client.calls.delete(request.id)) resolve(failure(request.id, error instanceof Error ? error.message : String(error)));
        },
      );
    });
  }

  private notice(notice: HostNotice): void {
    if (notice.type !== "release_js") {
      this.pageHandlers?.onNotice(notice);
      return;
    }
    const byClient = new Map<HubClient, number[]>();
    for (const id of notice.refs) {
      const owner = this.jsRefs.get(id);
      if (!owner) continue;
      // Python may release a function while returning it (`list([f])`: the release comes just
      // before the reply that holds it), so the id keeps mapping for a grace period, as the
      // bridge's own table does (src/bridge/js-functions.ts). Ids are never reused, so this is safe.
      setTimeout(() => {
        this.jsRefs.delete(id);
        owner.client.jsRefs.delete(owner.local);
      }, RELEASED_REF_GRACE_MS);
      const list = byClient.get(owner.client) ?? [];
      list.push(owner.local);
      byClient.set(owner.client, list);
    }
    for (const [client, refs] of byClient) if (!client.closed) client.handlers.released(refs);
  }
}

/** How long a released JS function id still maps to its client (longer than the bridge's 1–2 s). */
const RELEASED_REF_GRACE_MS = 2500;

function failure(id: RequestId, message: string): ErrorReply {
  return { id, ok: false, error: { type: "JSError", message, traceback: "" } };
}

function stoppedReply(id: RequestId, name: string, op: PythonRequest["op"]): ErrorReply {
  if (op === "input") {
    // input() raises KeyboardInterrupt, as it would at Ctrl-C in a terminal.
    return { id, ok: false, error: { type: "KeyboardInterrupt", message: `${name} was stopped while Python waited for a line`, traceback: "" } };
  }
  return failure(id, `${name} was stopped while Python waited for this call`);
}
