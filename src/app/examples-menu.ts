// The Examples drop-down: a prompt, then one entry per example.
import { examples, findExample, type Example } from "./examples.js";

export class ExamplesMenu {
  constructor(
    private readonly select: HTMLSelectElement,
    onPick: (example: Example) => void,
  ) {
    const prompt = new Option("Examples…", "");
    prompt.disabled = true;
    select.replaceChildren(prompt, ...examples.map((example) => new Option(example.title, example.id)));
    select.value = "";
    select.addEventListener("change", () => {
      const example = findExample(select.value);
      // Back to the prompt, so picking the same example again reloads it.
      select.value = "";
      if (example) onPick(example);
    });
  }
}
