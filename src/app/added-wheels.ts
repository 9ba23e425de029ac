// The playground's packages: the wheels the user added (kept in the browser, given to every new
// Python before it counts as ready) and what the running Python can import. The Packages panel
// draws the state this keeps; this file does no DOM work.
import { parseWheelName, readWheel, type WheelInfo } from "../packages/wheel.js";
import type { HostPackageListing } from "../protocol/host-api.js";
import type { PackageHost } from "./python-session.js";
import type { StoredWheel, WheelStorage } from "./wheel-store.js";

export interface PackageRow {
  name: string;
  version: string;
  imports: string[];
  depends: string[];
  /** "folder": served by this site; "added": a wheel the user added in this browser. */
  origin: "folder" | "added";
  loaded: boolean;
}

export interface PackagesState {
  /** False while Python starts: the rows are then the added wheels only. */
  pythonReady: boolean;
  rows: PackageRow[];
  /** Installed in this Python but no longer available (removed since): gone after a restart. */
  loadedRemoved: string[];
  message?: { text: string; kind: "info" | "error" };
}

export interface AddedWheelsOptions {
  storage: WheelStorage;
  onChange(state: PackagesState): void;
}

/** A file the user gave: a name and its bytes (a File in the page, plain data in tests). */
export interface GivenFile {
  name: string;
  bytes(): Promise<Uint8Array>;
}

export class AddedWheels {
  private stored = new Map<string, { wheel: StoredWheel; info: WheelInfo }>();
  private listing: HostPackageListing | undefined;
  /** The Python being prepared or ready; undefined while none is. */
  private host: PackageHost | undefined;
  private message: PackagesState["message"];
  private readonly loaded: Promise<void>;

  constructor(private readonly options: AddedWheelsOptions) {
    this.loaded = this.readStorage();
  }

  state(): PackagesState {
    const listing = this.listing;
    if (!listing) {
      const rows = [...this.stored.values()].map(({ info }) => row(info, "added", false));
      return { pythonReady: false, rows, loadedRemoved: [], message: this.message };
    }
    const loaded = new Set(listing.loaded);
    const rows = listing.available.map((entry) => ({ ...entry, loaded: loaded.has(entry.name) }));
    const available = new Set(rows.map((entry) => entry.name));
    return { pythonReady: true, rows, loadedRemoved: listing.loaded.filter((name) => !available.has(name)), message: this.message };
  }

  /** What the page knows is available now (Python's word once it is up, else the added wheels). */
  available(): PackageRow[] {
    return this.state().rows;
  }

  /** For PythonSession.prepare: give a new Python every kept wheel. Never throws. */
  async prepare(host: PackageHost): Promise<void> {
    this.host = host;
    this.listing = undefined;
    await this.loaded;
    const failed: string[] = [];
    // A wheel added while this runs is given by add() itself (this.host is set).
    for (const { wheel } of [...this.stored.values()]) {
      try {
        await host.addWheel(wheel.file, wheel.bytes);
      } catch (error) {
        failed.push(`${wheel.file} (${messageOf(error)})`);
      }
    }
    if (failed.length > 0) this.say(`These added wheels could not be installed: ${failed.join(", ")}.`, "error");
    await this.refresh();
  }

  /** Python went away (restart, crash): nothing is installed until the next one is prepared. */
  pythonStopped(): void {
    this.host = undefined;
    this.listing = undefined;
    this.changed();
  }

  /** Ask the running Python again (after a program imported something). */
  async refresh(): Promise<void> {
    const host = this.host;
    if (!host) return;
    try {
      const listing = await host.packages();
      if (this.host === host) this.listing = listing;
    } catch {
      // Python stopped meanwhile; the next prepare asks again.
    }
    this.changed();
  }

  /** Add wheels the user picked or dropped; each is checked, kept and given to Python. */
  async add(files: readonly GivenFile[]): Promise<void> {
    await this.loaded;
    const notes: string[] = [];
    let failed = false;
    for (const file of files) {
      try {
        notes.push(await this.addOne(file));
      } catch (error) {
        failed = true;
        notes.push(messageOf(error));
      }
    }
    this.say(notes.join(" "), failed ? "error" : "info");
  }

  /** Forget an added wheel, in the browser and in Python. */
  async remove(name: string): Promise<void> {
    await this.loaded;
    const kept = this.stored.get(name);
    if (!kept) return;
    this.stored.delete(name);
    let note = `Removed ${name}.`;
    try {
      await this.options.storage.delete(name);
    } catch (error) {
      note += ` It could not be removed from this browser's storage (${messageOf(error)}) and may come back after a reload.`;
    }
    const host = this.host;
    if (host) {
      const listing = await host.removeWheel(name).catch(() => undefined);
      if (listing && this.host === host) this.listing = listing;
      if (listing?.loaded.includes(name)) note += " This Python has loaded it already: it stays importable until Restart Python.";
    }
    this.say(note, "info");
  }

  private async addOne(file: GivenFile): Promise<string> {
    if (!file.name.endsWith(".whl")) throw new Error(`${file.name} is not a wheel (a .whl file).`);
    parseWheelName(file.name); // a clear message for a misnamed file, before reading it
    const bytes = await file.bytes();
    const info = readWheel(file.name, bytes);
    if (!info.pure) {
      const { abi, platform } = parseWheelName(file.name);
      throw new Error(`${file.name} is not a pure-Python wheel (it is built for ${abi}-${platform}); only …-none-any.whl wheels can be added here (see docs/packages.md).`);
    }
    const wheel: StoredWheel = { name: info.name, file: file.name, bytes };
    const replaced = this.stored.get(info.name);
    this.stored.set(info.name, { wheel, info });
    let note = `Added ${info.name} ${info.version}${replaced && replaced.wheel.file !== file.name ? ` (in place of ${replaced.info.version})` : ""}; import ${info.imports.join(", ") || "it"} from a program.`;
    try {
      await this.options.storage.put(wheel);
    } catch (error) {
      note += ` It could not be kept in this browser (${messageOf(error)}): it is gone after a reload.`;
    }
    // Without a Python, the next prepare() gives it the wheel.
    const host = this.host;
    if (host) {
      const listing = await host.addWheel(file.name, bytes);
      if (this.host === host) this.listing = listing;
      if (replaced && listing.loaded.includes(info.name)) note += " This Python has the old one loaded: Restart Python to use the new one.";
    }
    this.changed();
    return note;
  }

  private async readStorage(): Promise<void> {
    let wheels: StoredWheel[];
    try {
      wheels = await this.options.storage.list();
    } catch (error) {
      this.say(`Added wheels cannot be kept in this browser (${messageOf(error)}): add them again after a reload.`, "error");
      return;
    }
    for (const wheel of wheels) {
      try {
        this.stored.set(wheel.name, { wheel, info: readWheel(wheel.file, wheel.bytes) });
      } catch {
        // Damaged in storage: drop it rather than fail every start.
        void this.options.storage.delete(wheel.name).catch(() => undefined);
      }
    }
    this.changed();
  }

  /** Put a note in the panel. */
  say(text: string, kind: "info" | "error"): void {
    this.message = { text, kind };
    this.changed();
  }

  private changed(): void {
    this.options.onChange(this.state());
  }
}

function row(info: WheelInfo, origin: PackageRow["origin"], loaded: boolean): PackageRow {
  return { name: info.name, version: info.version, imports: info.imports, depends: info.depends, origin, loaded };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
