// The Packages button's panel: what Python can import (the site's package folder and the wheels
// added here), what it has loaded, a picker and a drop zone for wheels, and Remove.
import type { GivenFile, PackageRow, PackagesState } from "./added-wheels.js";

export interface PackagesPanelElements {
  button: HTMLButtonElement;
  panel: HTMLElement;
  message: HTMLElement;
  list: HTMLElement;
  add: HTMLButtonElement;
  picker: HTMLInputElement;
}

export interface PackagesPanelActions {
  add(files: GivenFile[]): void;
  remove(name: string): void;
}

export class PackagesPanel {
  constructor(
    private readonly elements: PackagesPanelElements,
    private readonly actions: PackagesPanelActions,
  ) {
    const { button, panel, add, picker } = elements;
    button.addEventListener("click", () => this.toggle(panel.hidden));
    add.addEventListener("click", () => picker.click());
    picker.addEventListener("change", () => {
      this.give(picker.files);
      picker.value = ""; // the same file again is a new choice
    });
    // Dragging wheels onto the button opens the panel to drop them in.
    button.addEventListener("dragenter", (event) => {
      if (carriesFiles(event)) this.toggle(true);
    });
    panel.addEventListener("dragover", (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
      panel.dataset.dropping = "true";
    });
    panel.addEventListener("dragleave", (event) => {
      if (!(event.relatedTarget instanceof Node && panel.contains(event.relatedTarget))) delete panel.dataset.dropping;
    });
    panel.addEventListener("drop", (event) => {
      event.preventDefault();
      delete panel.dataset.dropping;
      this.give(event.dataTransfer?.files ?? null);
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.toggle(false);
    });
    document.addEventListener("click", (event) => {
      const target = event.target instanceof Node ? event.target : null;
      if (target && target.isConnected && !panel.contains(target) && !button.contains(target)) this.toggle(false);
    });
  }

  toggle(open: boolean): void {
    this.elements.panel.hidden = !open;
    this.elements.button.setAttribute("aria-expanded", String(open));
  }

  render(state: PackagesState): void {
    const { message, list, button } = this.elements;
    message.textContent = state.message?.text ?? "";
    message.dataset.kind = state.message?.kind ?? "info";
    const rows = state.rows.map((row) => this.item(row));
    for (const name of state.loadedRemoved) rows.push(plainItem(name, "removed; loaded in this Python until Restart Python"));
    if (rows.length === 0) {
      const empty = document.createElement("li");
      empty.className = "packages-empty";
      empty.textContent = state.pythonReady
        ? "No packages besides Python's standard library. Add a wheel, or serve a package folder (docs/packages.md)."
        : "Python is starting; the site's packages show when it is ready.";
      rows.push(empty);
    } else if (!state.pythonReady) {
      rows.unshift(plainItem("", "Python is starting; the site's packages show when it is ready."));
    }
    list.replaceChildren(...rows);
    const added = state.rows.filter((row) => row.origin === "added").length;
    button.textContent = added > 0 ? `Packages (${added} added)` : "Packages";
  }

  private item(row: PackageRow): HTMLElement {
    const item = document.createElement("li");
    item.dataset.package = row.name;
    const name = document.createElement("span");
    name.className = "package-name";
    name.textContent = `${row.name} ${row.version}`.trim();
    name.title = row.imports.length > 0 ? `import ${row.imports.join(", ")}` : "";
    const about = document.createElement("span");
    about.className = "package-about";
    about.textContent = [row.origin === "added" ? "added in this browser" : "served by this site", row.loaded ? "loaded" : "not loaded yet"].join(" · ");
    item.append(name, about);
    if (row.origin === "added") {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "quiet";
      remove.textContent = "Remove";
      remove.setAttribute("aria-label", `Remove ${row.name}`);
      remove.addEventListener("click", () => this.actions.remove(row.name));
      item.append(remove);
    }
    return item;
  }

  private give(files: FileList | null): void {
    const given = [...(files ?? [])].map((file): GivenFile => ({ name: file.name, bytes: async () => new Uint8Array(await file.arrayBuffer()) }));
    if (given.length > 0) this.actions.add(given);
  }
}

function plainItem(name: string, note: string): HTMLElement {
  const item = document.createElement("li");
  item.className = "packages-note";
  item.textContent = name ? `${name}: ${note}` : note;
  return item;
}

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes("Files") ?? false;
}
