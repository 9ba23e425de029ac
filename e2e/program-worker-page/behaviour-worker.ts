// A program worker (src/program-worker/serve.ts, the very code each playground run uses) whose
// "run" is one case of the bridge's behaviour suite, named by the run's source text.
import { serveProgramWorker } from "../../src/program-worker/serve.js";
import { behaviourCases, forcedGc } from "../../test/bridge/behaviour-cases.js";

serveProgramWorker(async (name, filename, { bridge }) => {
  const behaviour = behaviourCases.find((candidate) => candidate.name === name);
  if (!behaviour) throw new Error(`no behaviour case named ${JSON.stringify(name)}`);
  await behaviour.run(bridge, { expectGc: forcedGc() });
  return { kind: "done", ok: true };
});
