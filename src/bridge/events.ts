// The bridge's events: output and pictures from Python, the runtime's exit, and
// errors that no caller is waiting for (a failed `proxy.x = v`).
import type { EncodedPicture } from "../pictures/picture.js";

export interface BridgeEvents {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Python called `show(x)`: the picture, in order with the output around it. */
  display: (picture: EncodedPicture) => void;
  /** The runtime died or was killed; pending calls were rejected with `error`. */
  exit: (error: Error) => void;
  error: (error: Error) => void;
}

type Listener = (value: never) => void;

export class Listeners {
  private readonly byEvent = new Map<keyof BridgeEvents, Set<Listener>>();

  on<E extends keyof BridgeEvents>(event: E, listener: BridgeEvents[E]): () => void {
    let set = this.byEvent.get(event);
    if (set === undefined) this.byEvent.set(event, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  /** Whether anyone listens to `event` (Python output falls back to the process's streams when not). */
  has(event: keyof BridgeEvents): boolean {
    return (this.byEvent.get(event)?.size ?? 0) > 0;
  }

  emit<E extends keyof BridgeEvents>(event: E, value: Parameters<BridgeEvents[E]>[0]): void {
    const set = this.byEvent.get(event);
    if (set === undefined) return;
    for (const listener of set) (listener as (value: Parameters<BridgeEvents[E]>[0]) => void)(value);
  }
}
