// The playground's added wheels without a browser: checked before they are kept, kept in the
// storage given, handed to every new Python before it is ready, and removed with a word on
// what an already loaded copy does.
import { describe, expect, it } from "vitest";
import { AddedWheels, type PackagesState } from "../../src/app/added-wheels.js";
import type { PackageHost } from "../../src/app/python-session.js";
import type { StoredWheel, WheelStorage } from "../../src/app/wheel-store.js";
import type { HostPackageListing } from "../../src/protocol/host-api.js";
import { greeter, greetCore, makeWheel } from "../packages/fixture-wheels.js";

class MemoryStorage implements WheelStorage {
  readonly wheels = new Map<string, StoredWheel>();
  refuse: string | undefined;
  async list() {
    if (this.refuse) throw new Error(this.refuse);
    return [...this.wheels.values()];
  }
  async put(wheel: StoredWheel) {
    if (this.refuse) throw new Error(this.refuse);
    this.wheels.set(wheel.name, wheel);
  }
  async delete(name: string) {
    this.wheels.delete(name);
  }
}

/** A Python that records what it was given; `loaded` plays the part of imports. */
class FakeHost implements PackageHost {
  readonly added = new Map<string, string>();
  loaded: string[] = [];
  async packages(): Promise<HostPackageListing> {
    const available = [
      { name: "greet-core", version: "1.0", imports: ["greet_core"], depends: [], origin: "folder" as const },
      ...[...this.added].map(([name, file]) => ({ name, version: file.split("-")[1]!, imports: [name], depends: [], origin: "added" as const })),
    ];
    return { available, loaded: [...this.loaded] };
  }
  async addWheel(file: string): Promise<HostPackageListing> {
    this.added.set(file.split("-")[0]!.replace(/_/g, "-"), file);
    return this.packages();
  }
  async removeWheel(name: string): Promise<HostPackageListing> {
    this.added.delete(name);
    return this.packages();
  }
}

const given = (wheel: { file: string; bytes: Uint8Array }) => ({ name: wheel.file, bytes: async () => wheel.bytes });

function shelf(storage = new MemoryStorage()) {
  const states: PackagesState[] = [];
  const wheels = new AddedWheels({ storage, onChange: (state) => states.push(state) });
  return { wheels, storage, last: () => states.at(-1)! };
}

describe("AddedWheels", () => {
  it("keeps an added wheel and gives it to each new Python before it is ready", async () => {
    const { wheels, storage, last } = shelf();
    await wheels.add([given(greeter())]);
    expect(last().message).toEqual({ text: "Added greeter 2.0; import greeter from a program.", kind: "info" });
    expect(last()).toMatchObject({ pythonReady: false, rows: [{ name: "greeter", origin: "added", loaded: false }] });
    expect([...storage.wheels.keys()]).toEqual(["greeter"]);

    const first = new FakeHost();
    await wheels.prepare(first);
    expect([...first.added.keys()]).toEqual(["greeter"]);
    expect(last().pythonReady).toBe(true);
    expect(last().rows.map((row) => `${row.name}:${row.origin}`)).toEqual(["greet-core:folder", "greeter:added"]);

    // A reload: a new page reads the same storage.
    const again = shelf(storage);
    const second = new FakeHost();
    await again.wheels.prepare(second);
    expect([...second.added.keys()]).toEqual(["greeter"]);
  });

  it("gives a wheel added while Python is ready to that Python at once", async () => {
    const { wheels } = shelf();
    const host = new FakeHost();
    await wheels.prepare(host);
    await wheels.add([given(greetCore())]);
    expect(host.added.has("greet-core")).toBe(true);
    wheels.pythonStopped();
    await wheels.add([given(greeter())]);
    expect(host.added.has("greeter")).toBe(false); // the stopped Python is left alone
  });

  it("refuses what is not a pure-Python wheel, saying why, and keeps nothing of it", async () => {
    const { wheels, storage, last } = shelf();
    const native = makeWheel({ distribution: "native", version: "1.0", files: { "native.py": "" } });
    await wheels.add([{ name: "native-1.0-cp314-cp314-pyodide_2025_0_wasm32.whl", bytes: async () => native.bytes }, { name: "notes.txt", bytes: async () => new Uint8Array() }, { name: "x-1-py3-none-any.whl", bytes: async () => new Uint8Array([1, 2]) }]);
    expect(last().message?.kind).toBe("error");
    expect(last().message?.text).toContain("native-1.0-cp314-cp314-pyodide_2025_0_wasm32.whl is not a pure-Python wheel (it is built for cp314-pyodide_2025_0_wasm32)");
    expect(last().message?.text).toContain("notes.txt is not a wheel (a .whl file).");
    expect(last().message?.text).toContain("x-1-py3-none-any.whl: not a readable zip file");
    expect(storage.wheels.size).toBe(0);
  });

  it("still adds a wheel for this page when storage refuses it, and says it will not come back", async () => {
    const storage = new MemoryStorage();
    const { wheels, last } = shelf(storage);
    await new Promise((resolve) => setTimeout(resolve, 0));
    storage.refuse = "QuotaExceededError";
    await wheels.add([given(greeter())]);
    expect(last().message?.text).toContain("It could not be kept in this browser (QuotaExceededError): it is gone after a reload.");
    expect(last().rows.map((row) => row.name)).toEqual(["greeter"]);
  });

  it("removes a wheel, and says a loaded copy stays until Restart Python", async () => {
    const { wheels, storage, last } = shelf();
    const host = new FakeHost();
    await wheels.prepare(host);
    await wheels.add([given(greeter())]);
    host.loaded = ["greeter"];
    await wheels.refresh();
    expect(last().rows.find((row) => row.name === "greeter")?.loaded).toBe(true);
    await wheels.remove("greeter");
    expect(storage.wheels.size).toBe(0);
    expect(host.added.size).toBe(0);
    expect(last().message?.text).toBe("Removed greeter. This Python has loaded it already: it stays importable until Restart Python.");
    expect(last().loadedRemoved).toEqual(["greeter"]);
  });
});
