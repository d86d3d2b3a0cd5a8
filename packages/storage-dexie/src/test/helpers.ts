// Shared by the browser tests.
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
let counter = 0;

/** A database name no earlier test (or earlier run) used. */
export function freshName(label: string): string {
  return `casekit-test-${label}-${Date.now().toString(36)}-${++counter}`;
}

export function testKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Resolves when `done()` holds, or rejects with `message` after a generous deadline (not a timing assertion). */
export async function eventually(done: () => boolean, message: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Opens a database with raw IndexedDB (no Dexie). */
export function openRaw(name: string, version?: number, upgrade?: (db: IDBDatabase, tx: IDBTransaction) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
    request.onupgradeneeded = () => upgrade?.(request.result, request.transaction!);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Every value of a store, read with raw IndexedDB. */
export function rawValues(db: IDBDatabase, store: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = db.transaction(store).objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Lets `budget.writes` more writes through, then fails them the way a full disk does in Chromium. */
export function quotaAfter(budget: { writes: number }): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'simulated-quota',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (request: DBCoreMutateRequest) =>
            budget.writes-- > 0 ? table.mutate(request) : Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
        };
      },
    }),
  };
}
