// The wheels a user added in the playground, kept in IndexedDB so they come back after a reload.
// Not localStorage: it holds strings only (a wheel would need base64, a third bigger) and about
// 5 MB per origin in all, shared with the saved files; IndexedDB stores the bytes as they are,
// with room for real wheels (see README, Decisions).

export interface StoredWheel {
  /** Normalised distribution name (PEP 503), the key: a newer wheel of it replaces the older. */
  name: string;
  /** The wheel's file name, which carries its version and tags. */
  file: string;
  bytes: Uint8Array;
}

const DATABASE = "polyglot-packages";
const STORE = "wheels";

export interface WheelStorage {
  list(): Promise<StoredWheel[]>;
  put(wheel: StoredWheel): Promise<void>;
  delete(name: string): Promise<void>;
}

/** IndexedDB, opened on first use; every call rejects with the browser's reason when it refuses. */
export class IndexedDbWheelStore implements WheelStorage {
  private database: Promise<IDBDatabase> | undefined;

  async list(): Promise<StoredWheel[]> {
    const all = await this.request("readonly", (store) => store.getAll());
    return (all as unknown[]).filter(isStoredWheel).sort((a, b) => a.name.localeCompare(b.name));
  }

  async put(wheel: StoredWheel): Promise<void> {
    await this.request("readwrite", (store) => store.put({ name: wheel.name, file: wheel.file, bytes: wheel.bytes }));
  }

  async delete(name: string): Promise<void> {
    await this.request("readwrite", (store) => store.delete(name));
  }

  private open(): Promise<IDBDatabase> {
    this.database ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (typeof indexedDB === "undefined") return reject(new Error("this browser has no IndexedDB"));
      const opening = indexedDB.open(DATABASE, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: "name" });
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error ?? new Error("IndexedDB could not be opened"));
      opening.onblocked = () => reject(new Error("IndexedDB is blocked by another tab of this page"));
    });
    // A refusal (private mode, storage off) is asked again next time rather than remembered.
    void this.database.catch(() => (this.database = undefined));
    return this.database;
  }

  private async request(mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
    const database = await this.open();
    return new Promise((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = make(transaction.objectStore(STORE));
      // Resolved when the transaction commits, so a reload right after cannot lose the write.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? request.error ?? new Error("IndexedDB refused the change"));
      transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB aborted the change (is the disk full?)"));
    });
  }
}

function isStoredWheel(value: unknown): value is StoredWheel {
  if (typeof value !== "object" || value === null) return false;
  const { name, file, bytes } = value as Partial<StoredWheel>;
  return typeof name === "string" && typeof file === "string" && bytes instanceof Uint8Array;
}
