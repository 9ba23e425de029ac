#!/usr/bin/env node
// The CLI is bundled by scripts/build-lib.mjs (run on npm install); see src/cli/.
import "../dist/lib/cli.js";
