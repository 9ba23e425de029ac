// The package folder the e2e servers serve (POLYGLOT_PACKAGES, set by playwright.config.ts):
// the fixture wheels of test/packages (greeter needs greet-core; a lock file lists both), made
// here with no network. Written at config time into test-results/, the same bytes every time.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFixtureFolder } from "../test/packages/fixture-wheels.js";

export const e2ePackageFolder = join(dirname(fileURLToPath(import.meta.url)), "..", "test-results", "e2e-packages");

export function writeE2ePackageFolder(): string {
  return writeFixtureFolder({ lock: true, dir: e2ePackageFolder });
}
