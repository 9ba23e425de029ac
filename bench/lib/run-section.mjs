// Runs one section in its own process (so a crash or a hang stays contained)
// and writes its result as JSON to the path given as the second argument.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const [sectionFile, resultFile] = process.argv.slice(2);
const section = await import(pathToFileURL(resolve(sectionFile)).href);
const options = { quick: process.env.BENCH_QUICK === "1" };
try {
  const { rows, notes = [] } = await section.run(options);
  writeFileSync(resultFile, JSON.stringify({ rows, notes }));
} catch (error) {
  writeFileSync(resultFile, JSON.stringify({ error: String(error?.stack ?? error).split("\n")[0] }));
  console.error(error);
}
// Transports or child processes left open must not keep us alive.
process.exit(0);
