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
  /** Holds only the tabs; the "+" button sits after it, outside the tab list. */
  private readonly list: HTMLElement;
  /** The tab names in order, as last rendered. */
  private names: string[] = [];

  constructor(
    private readonly element: HTMLElement,
    private readonly actions: TabActions,
  ) {
    this.list = document.createElement("div");
    this.list.className = "tab-list";
    this.list.setAttribute("role", "tablist");
    this.list.setAttribute("aria-label", "Files");
    const add = document.createElement("button");
    add.type = "button";
    add.className = "tab-add";
    add.textContent = "+";
    add.title = "Add a Python file";
    add.setAttribute("aria-label", "Add Python file");
    add.addEventListener("click", () => this.actions.add());
    element.replaceChildren(this.list, add);
  }

  render(tabs: readonly TabModel[], active: string): void {
    this.list.replaceChildren(...tabs.map((tab) => this.tab(tab, tab.name === active)));
    this.names = tabs.map((tab) => tab.name);
  }

  /** Arrow keys move between tabs, as the ARIA tabs pattern has it. */
  private neighbour(name: string, step: number): string | undefined {
    const index = this.names.indexOf(name);
    return index < 0 ? undefined : this.names[(index + step + this.names.length) % this.names.length];
  }

  private focusTab(name: string): void {
    [...this.list.querySelectorAll<HTMLElement>(".tab")].find((tab) => tab.dataset.file === name)?.focus();
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

  /** A tab, with its delete button beside it (not inside: a tab holds no other controls). */
  private tab(model: TabModel, selected: boolean): HTMLElement {
    const item = document.createElement("div");
    item.className = "tab-item";
    item.setAttribute("role", "presentation");
    item.dataset.selected = String(selected);

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
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      const next = step === 0 ? undefined : this.neighbour(model.name, step);
      if (next) {
        event.preventDefault();
        this.actions.select(next);
        this.focusTab(next);
      }
    });
    item.append(tab);
    if (model.fixed) return item;

    tab.title = "Double-click to rename";
    tab.addEventListener("dblclick", () => this.startRename(model.name));
    const close = document.createElement("button");
    close.type = "button";
    close.className = "tab-close";
    close.textContent = "×";
    close.title = `Delete ${model.name}`;
    close.setAttribute("aria-label", `Delete ${model.name}`);
    close.addEventListener("click", () => this.actions.remove(model.name));
    item.append(close);
    return item;
  }
}
