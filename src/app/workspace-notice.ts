// A line above the file tabs that says which workspace is on screen when it is
// not the saved one, with a way back, and says when saving fails.
import "./workspace.css";

export interface NoticeAction {
  label: string;
  run(): void;
}

export class WorkspaceNotice {
  constructor(private readonly element: HTMLElement) {}

  show(text: string, kind: "info" | "error", action?: NoticeAction): void {
    const message = document.createElement("span");
    message.textContent = text;
    const parts: HTMLElement[] = [message];
    if (action) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "quiet";
      button.textContent = action.label;
      button.addEventListener("click", () => action.run());
      parts.push(button);
    }
    this.element.replaceChildren(...parts);
    this.element.dataset.kind = kind;
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
    this.element.replaceChildren();
  }
}
