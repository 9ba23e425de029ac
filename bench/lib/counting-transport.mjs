// A Transport decorator that records every envelope the bridge sends, so a
// benchmark can check how many round trips an expression costs.
export class CountingTransport {
  constructor(inner) {
    this.inner = inner;
    this.sent = [];
  }
  get name() {
    return this.inner.name;
  }
  get callbacks() {
    return this.inner.callbacks;
  }
  start(handlers) {
    return this.inner.start(handlers);
  }
  request(message) {
    this.sent.push(message);
    return this.inner.request(message);
  }
  interrupt() {
    return this.inner.interrupt();
  }
  kill() {
    return this.inner.kill();
  }
  close() {
    return this.inner.close();
  }
  /** The envelopes sent since the last take(), and forget them. */
  take() {
    const sent = this.sent;
    this.sent = [];
    return sent;
  }
}
