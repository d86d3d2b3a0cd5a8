import type { CollectionName, RecordChange, StorageConflict, StoredRecord } from '@casekit/core';
import type { ResourceRef } from './record-resources.js';

/** One record's change within a commit: the state before (as the replica had it) and after (undefined: deleted). */
export interface RecordWrite {
  collection: CollectionName;
  id: string;
  before: StoredRecord | undefined;
  after: StoredRecord | undefined;
}

/** A commit made while the server was unreachable, waiting to be replayed in order. */
export interface OutboxEntry {
  /** Orders the outbox; assigned by `add`. */
  seq: number;
  /** The transaction's idempotency marker, the same on every send. */
  transactionId: string;
  writes: RecordWrite[];
  /** Every resource the writes touch, so a later queued commit knows which If-Match values it must not fix. */
  refs: ResourceRef[];
  /** What subscribers were told when it was applied to the replica. */
  changes: RecordChange[];
  /**
   * The server versionIds each write was based on when it was made (its If-Match). Refs written by an
   * earlier queued commit are absent: they take the version that commit's replay produced.
   */
  ifMatch: Record<ResourceRef, string>;
  /** True when a send may have landed (the answer was lost): replay checks before sending again. */
  uncertain?: boolean;
  queuedAt: string;
}

/** A replayed (or pulled) change that met a newer server version (or was refused): both sides are kept until resolved. */
export interface StoredConflict extends StorageConflict {
  /** The server versionIds of theirs, for a keep-mine re-commit on top of them. */
  theirVersions: Record<ResourceRef, string>;
}

/** What the adapter remembers about the server between sessions. */
export interface ServerState {
  /** Server versionId of every resource the replica's records were read from or written as. */
  versions: Record<ResourceRef, string>;
  /** The resources each record is written as (so a removed part can be deleted). */
  parts: Record<string, ResourceRef[]>;
  /** The newest server `lastUpdated` seen, per resource type: the next poll asks from there. */
  cursors: Record<string, string>;
  /** When deletes were last looked for (see `reconcileIntervalMs`). */
  reconciledAt?: string;
  lastSyncAt?: string;
}

/** The version and part keys changed since the last save (set or deleted: the state says which). */
export interface StateChanges {
  versions: ReadonlySet<string>;
  parts: ReadonlySet<string>;
}

/**
 * Durable storage for the outbox, conflicts and server state. `createMemoryOutboxStore` for Node and
 * tests; `createIndexedDbOutboxStore` (indexeddb-outbox-store.ts) in browsers. Writes must be durable
 * when the returned promise resolves.
 */
export interface OutboxStore {
  entries(): Promise<OutboxEntry[]>;
  /** Appends; returns the entry with its `seq`. */
  add(entry: Omit<OutboxEntry, 'seq'>): Promise<OutboxEntry>;
  replace(entry: OutboxEntry): Promise<void>;
  remove(seq: number): Promise<void>;
  conflicts(): Promise<StoredConflict[]>;
  putConflict(conflict: StoredConflict): Promise<void>;
  removeConflict(collection: CollectionName, id: string): Promise<void>;
  loadState(): Promise<ServerState | undefined>;
  /**
   * Stores the state. With `changes`, only those version and part keys differ from the last saved state
   * (plus cursors and times, which are small): a store may write just them. Without, write it all.
   */
  saveState(state: ServerState, changes?: StateChanges): Promise<void>;
  /** Forgets everything (the storage's `clear`). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** An outbox kept in memory: survives a new storage over the same object, not a process restart. */
export function createMemoryOutboxStore(): OutboxStore {
  let entries: OutboxEntry[] = [];
  let conflicts = new Map<string, StoredConflict>();
  let state: ServerState | undefined;
  let seq = 0;
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    async entries() {
      return copy(entries);
    },
    async add(entry) {
      const stored = { ...copy(entry), seq: ++seq };
      entries.push(stored);
      return copy(stored);
    },
    async replace(entry) {
      entries = entries.map((e) => (e.seq === entry.seq ? copy(entry) : e));
    },
    async remove(at) {
      entries = entries.filter((e) => e.seq !== at);
    },
    async conflicts() {
      return copy([...conflicts.values()]);
    },
    async putConflict(conflict) {
      conflicts.set(`${conflict.collection}/${conflict.id}`, copy(conflict));
    },
    async removeConflict(collection, id) {
      conflicts.delete(`${collection}/${id}`);
    },
    async loadState() {
      return state && copy(state);
    },
    async saveState(next, changes) {
      if (!state || !changes) {
        state = copy(next);
        return;
      }
      const { versions, parts, ...rest } = next;
      for (const key of changes.versions) key in versions ? (state.versions[key] = versions[key]!) : delete state.versions[key];
      for (const key of changes.parts) key in parts ? (state.parts[key] = [...parts[key]!]) : delete state.parts[key];
      state = { ...state, ...copy(rest) };
    },
    async clear() {
      entries = [];
      conflicts = new Map();
      state = undefined;
    },
    async close() {},
  };
}
