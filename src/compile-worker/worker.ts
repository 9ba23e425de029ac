// The compile worker: the playground's live diagnostics and JavaScript pane compile here, not on
// the page. Compiling expands macros, and a macro is the program author's code running at compile
// time: in a worker it has no DOM, no localStorage and no saved workspace to reach, and the page
// can end it (an endless macro) without freezing. One request at a time; see compile-client.ts.
import { checkProgram } from "./check.js";
import type { CheckReply, CheckRequest } from "./messages.js";

self.addEventListener("message", (event: MessageEvent<CheckRequest>) => {
  const { id, source, filename, mode } = event.data;
  const reply: CheckReply = { id, result: checkProgram(source, filename, mode) };
  self.postMessage(reply);
});
