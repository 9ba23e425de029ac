// The floor for a call into a worker thread: raw postMessage, replies matched by id.
import { Worker } from "node:worker_threads";

export async function startWorkerEcho({ pyodide = false } = {}) {
  const worker = new Worker(new URL("./worker-echo-thread.mjs", import.meta.url), { workerData: { pyodide } });
  const pending = new Map();
  let nextId = 0;
  await new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (message) => {
      if (message.type === "ready") return resolve();
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      waiter(message.result);
    });
  });
  return {
    call() {
      const id = ++nextId;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ id, op: "call", args: [2] });
      });
    },
    close: () => worker.terminate(),
  };
}
