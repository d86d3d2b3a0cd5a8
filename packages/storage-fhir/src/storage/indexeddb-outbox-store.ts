/**
 * The durable outbox for browsers, on IndexedDB (no Dexie: three object stores are all it needs).
 * Browser-only: it touches `indexedDB` when called, never at import, but Node tests do not import it.
 */
import type { CollectionName } from '@casekit/core';
import type { OutboxEntry, OutboxStore, ServerState, StoredConflict } from './outbox-store.js';

export interface IndexedDbOutboxOptions {
  /** Database name; one per FHIR server and user, e.g. `casekit-fhir-outbox:ehr.example.org:user-1`. */
  name: string;
  /** Defaults to the global `indexedDB`. */
  indexedDB?: IDBFactory;
}

const ENTRIES = 'entries';
const CONFLICTS = 'conflicts';
const STATE = 'state';

export async function createIndexedDbOutboxStore(options: IndexedDbOutboxOptions): Promise<OutboxStore> {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  if (!factory) throw new TypeError('No IndexedDB here: pass options.indexedDB');
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(options.name, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(ENTRIES, { keyPath: 'seq', autoIncrement: true });
      request.result.createObjectStore(CONFLICTS);
      request.result.createObjectStore(STATE);
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
      return (await run([STATE], 'readonly', (tx) => tx.objectStore(STATE).get('server'))) as ServerState | undefined;
    },
    async saveState(state) {
      await run([STATE], 'readwrite', (tx) => void tx.objectStore(STATE).put(state, 'server'));
    },
    async clear() {
      await run([ENTRIES, CONFLICTS, STATE], 'readwrite', (tx) => {
        for (const name of [ENTRIES, CONFLICTS, STATE]) tx.objectStore(name).clear();
      });
    },
    async close() {
      db.close();
    },
  };
}
