/**
 * The durable outbox for browsers, on IndexedDB (no Dexie: three object stores are all it needs).
 * Browser-only: it touches `indexedDB` when called, never at import, but Node tests do not import it.
 */
import type { CollectionName } from '@casekit/core';
import type { OutboxEntry, OutboxStore, ServerState, StoredConflict } from './outbox-store.js';

export interface IndexedDbOutboxOptions {
  /** Database name; one per FHIR server and user, e.g. `casekit-fhir-outbox:ehr.example.org:user-1`. */
  name: string;
  /**
   * Defaults to the global `indexedDB`. Typed loosely so the package's types need no DOM library in
   * Node projects (which never pass one, or pass e.g. fake-indexeddb's `IDBFactory`).
   */
  indexedDB?: { open(name: string, version?: number): unknown };
}

const ENTRIES = 'entries';
const CONFLICTS = 'conflicts';
const STATE = 'state';
/** Since version 2: the server state's versions and parts one row per key, so a save writes what changed. */
const VERSIONS = 'versions';
const PARTS = 'parts';
const ALL = [ENTRIES, CONFLICTS, STATE, VERSIONS, PARTS];

export async function createIndexedDbOutboxStore(options: IndexedDbOutboxOptions): Promise<OutboxStore> {
  const factory = (options.indexedDB ?? globalThis.indexedDB) as IDBFactory | undefined;
  if (!factory) throw new TypeError('No IndexedDB here: pass options.indexedDB');
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(options.name, 2);
    request.onupgradeneeded = (event) => {
      if (event.oldVersion < 1) {
        request.result.createObjectStore(ENTRIES, { keyPath: 'seq', autoIncrement: true });
        request.result.createObjectStore(CONFLICTS);
        request.result.createObjectStore(STATE);
      }
      if (event.oldVersion < 2) {
        request.result.createObjectStore(VERSIONS);
        request.result.createObjectStore(PARTS);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

  /** Runs `work` in one transaction and resolves when it has committed (durable), with what `work` produced. */
  function run<T>(stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => IDBRequest<T> | void): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      const tx = db.transaction(stores, mode, { durability: 'strict' });
      const request = work(tx);
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }
  const conflictKey = (collection: CollectionName, id: string) => `${collection}/${id}`;
  /** A version-1 database keeps versions and parts inside the state row: the next save writes all of it anew. */
  let legacyState = false;
  const rows = <T>(tx: IDBTransaction, store: string) =>
    new Promise<Record<string, T>>((resolve, reject) => {
      const keys = tx.objectStore(store).getAllKeys();
      const values = tx.objectStore(store).getAll();
      values.onsuccess = () => resolve(Object.fromEntries((keys.result as string[]).map((key, i) => [key, values.result[i] as T])));
      values.onerror = () => reject(values.error);
    });

  return {
    async entries() {
      return ((await run([ENTRIES], 'readonly', (tx) => tx.objectStore(ENTRIES).getAll())) ?? []) as OutboxEntry[];
    },
    async add(entry) {
      const seq = await run([ENTRIES], 'readwrite', (tx) => tx.objectStore(ENTRIES).add(entry));
      return { ...entry, seq: Number(seq) };
    },
    async replace(entry) {
      await run([ENTRIES], 'readwrite', (tx) => void tx.objectStore(ENTRIES).put(entry));
    },
    async remove(seq) {
      await run([ENTRIES], 'readwrite', (tx) => void tx.objectStore(ENTRIES).delete(seq));
    },
    async conflicts() {
      return ((await run([CONFLICTS], 'readonly', (tx) => tx.objectStore(CONFLICTS).getAll())) ?? []) as StoredConflict[];
    },
    async putConflict(conflict) {
      await run([CONFLICTS], 'readwrite', (tx) => void tx.objectStore(CONFLICTS).put(conflict, conflictKey(conflict.collection, conflict.id)));
    },
    async removeConflict(collection, id) {
      await run([CONFLICTS], 'readwrite', (tx) => void tx.objectStore(CONFLICTS).delete(conflictKey(collection, id)));
    },
    async loadState() {
      const tx = db.transaction([STATE, VERSIONS, PARTS], 'readonly');
      const meta = await new Promise<Partial<ServerState> | undefined>((resolve, reject) => {
        const request = tx.objectStore(STATE).get('server');
        request.onsuccess = () => resolve(request.result as Partial<ServerState> | undefined);
        request.onerror = () => reject(request.error);
      });
      if (!meta) return undefined;
      if (meta.versions) {
        legacyState = true;
        return meta as ServerState;
      }
      const [versions, parts] = await Promise.all([rows<string>(tx, VERSIONS), rows<string[]>(tx, PARTS)]);
      return { ...(meta as Omit<ServerState, 'versions' | 'parts'>), versions, parts };
    },
    async saveState(state, changes) {
      const { versions, parts, ...meta } = state;
      const whole = !changes || legacyState;
      await run([STATE, VERSIONS, PARTS], 'readwrite', (tx) => {
        const write = (store: string, values: Record<string, unknown>, keys: Iterable<string> | undefined) => {
          const os = tx.objectStore(store);
          if (!keys) os.clear();
          for (const key of keys ?? Object.keys(values)) key in values ? os.put(values[key], key) : os.delete(key);
        };
        write(VERSIONS, versions, whole ? undefined : changes!.versions);
        write(PARTS, parts, whole ? undefined : changes!.parts);
        tx.objectStore(STATE).put(meta, 'server');
      });
      legacyState = false;
    },
    async clear() {
      await run(ALL, 'readwrite', (tx) => {
        for (const name of ALL) tx.objectStore(name).clear();
      });
    },
    async close() {
      db.close();
    },
  };
}
