// Writes the fixture wheels (and lock file) to a fresh folder and prints its path; for trying the
// CLI or the dev server by hand: `npx vite-node test/packages/make-fixture-folder.ts`.
import { writeFixtureFolder } from "./fixture-wheels.js";

console.log(writeFixtureFolder({ lock: true }));
