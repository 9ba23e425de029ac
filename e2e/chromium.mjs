// How this project launches Chromium, for the e2e tests and the benchmarks alike:
// the system's build (never a downloaded one), with the flags a closed network needs
// (without them Chromium keeps trying to reach Google's services).
export const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
