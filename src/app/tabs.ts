// The file tab bar: select, add, rename (double-click or F2) and delete files.
// Pure DOM rendering; the workspace decides what each action means.

export interface TabModel {
  name: string;
  /** The main file cannot be renamed or deleted. */
  fixed: boolean;
}

export interface TabActions {
  select(name: string): void;
  add(): void;
  /** Returns a problem to show, or undefined when the rename happened. */
  rename(from: string, to: string): string | undefined;
  remove(name: string): void;
}

export class TabBar {
  constructor(
    private readonly element: HTMLElement,
    private readonly actions: TabActions,
  ) {
    element.setAttribute("role", "tablist");
    element.setAttribute("aria-label", "Files");
  }

  render(tabs: readonly TabModel[], active: string): void {
    const items = tabs.map((tab) => this.tab(tab, tab.name === active));
    const add = document.createElement("button");
    add.type = "button";
    add.className = "tab-add";
    add.textContent = "+";
    add.title = "Add a Python file";
    add.setAttribute("aria-label", "Add Python file");
    add.addEventListener("click", () => this.actions.add());
    this.element.replaceChildren(...items, add);
  }

  /** Turn a tab's label into a text field, to rename the file. */
  startRename(name: string): void {
    const tab = [...this.element.querySelectorAll<HTMLElement>(".tab")].find((t) => t.dataset.file === name);
    const label = tab?.querySelector<HTMLElement>(".tab-label");
    if (!tab || !label) return;
    const input = document.createElement("input");
    input.className = "tab-rename";
    input.value = name;
    input.setAttribute("aria-label", `New name for ${name}`);
    input.size = Math.max(8, name.length + 1);
    let done = false;
    const finish = (commit: boolean) => {
      if (done) return;
      done = true;
      const problem = commit && input.value !== name ? this.actions.rename(name, input.value.trim()) : undefined;
      if (problem) {
        done = false;
        input.setCustomValidity(problem);
        input.reportValidity();
        return;
      }
      this.actions.select(commit && !problem ? input.value.trim() || name : name);
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") finish(true);
      else if (event.key === "Escape") finish(false);
      else input.setCustomValidity("");
      event.stopPropagation();
    });
    input.addEventListener("blur", () => finish(false));
    label.replaceWith(input);
    input.focus();
    input.select();
  }

  private tab(model: TabModel, selected: boolean): HTMLElement {
    const tab = document.createElement("div");
    tab.className = "tab";
    tab.dataset.file = model.name;
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;

    const label = document.createElement("span");
    label.className = "tab-label";
    label.textContent = model.name;
    tab.append(label);
    tab.addEventListener("click", () => this.actions.select(model.name));
    tab.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") this.actions.select(model.name);
      if (event.key === "F2" && !model.fixed) this.startRename(model.name);
    });
    if (model.fixed) return tab;

    tab.title = "Double-click to rename";
    tab.addEventListener("dblclick", () => this.startRename(model.name));
    const close = document.createElement("button");
    close.type = "button";
    close.className = "tab-close";
    close.textContent = "×";
    close.setAttribute("aria-label", `Delete ${model.name}`);
    close.addEventListener("click", (event) => {
      event.stopPropagation();
      this.actions.remove(model.name);
    });
    tab.append(close);
    return tab;
  }
}
