#!/usr/bin/env node
// The CLI is bundled by scripts/build-lib.mjs (npm pack runs it as prepack; in a clone, npm run build:lib); see src/cli/.
import "../dist/lib/cli.js";
