// Entry of a program worker: one per run. It compiles the program (macros run
// here, never on the page), runs it against a PythonBridge whose transport is a
// relay to the page, and streams its output and pictures. The page ends a run by
// terminating this worker, which works whatever the program is doing.
import { readable } from "../lisp/index.js";
import { runProgram } from "../runner/index.js";
import { serveProgramWorker } from "./serve.js";

serveProgramWorker(async (source, filename, { bridge, write, show, readLine }) => {
  const result = await runProgram(source, { filename, bridge, write, show, readLine });
  if (!result.ok) return { kind: "done", ok: false, error: result.error };
  const value = result.value;
  return { kind: "done", ok: true, value: value === undefined || value === null ? undefined : readable(value) };
});
