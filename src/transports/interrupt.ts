// Interrupting what is in flight. A runtime drops an interrupt that lands between
// requests, and one that lands while it still finishes an earlier request stops
// that one instead; so a single signal can miss the code the user meant to stop.
// Raising it again until every request that was in flight has answered cannot.
import type { PendingRequests } from "./pending.js";

/** How often the interrupt is raised again, and for how long at most. */
const REPEAT_MS = 50;
const GIVE_UP_MS = 5000;

export function interruptInFlight(pending: PendingRequests, raise: () => void): void {
  const targets = pending.ids();
  if (targets.length === 0) return; // nothing runs: a stray interrupt would hit the next request
  raise();
  const started = Date.now();
  const timer = setInterval(() => {
    const answered = pending.closed || !targets.some((id) => pending.has(id));
    if (answered || Date.now() - started > GIVE_UP_MS) clearInterval(timer);
    else raise();
  }, REPEAT_MS);
  (timer as { unref?: () => void }).unref?.(); // never keeps Node alive by itself
}
