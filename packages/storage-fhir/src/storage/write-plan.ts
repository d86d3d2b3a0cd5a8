import type { CollectionName, StoredRecord, WriteOperation } from '@casekit/core';
import type { TransactionEntry } from '../client/transaction.js';
import type { FhirResource } from '../client/fhir-types.js';
import type { RecordWrite, ServerState } from './outbox-store.js';
import { recordKey, refOf, refsFor, resourcesFor, splitRef, type RecordKey, type ResourceRef } from './record-resources.js';

/**
 * One write per record: R4 forbids the same resource twice in a transaction, so operations on one
 * record within a commit are merged into its state before and its state after. `before` comes from
 * `current` (the replica, already checked by `planOperations`).
 */
export function mergeWrites(operations: readonly WriteOperation[], current: (collection: CollectionName, id: string) => StoredRecord | undefined): RecordWrite[] {
  const writes = new Map<RecordKey, RecordWrite>();
  for (const operation of operations) {
    const id = operation.type === 'put' ? operation.record.id : operation.id;
    const key = recordKey(operation.collection, id);
    const write = writes.get(key) ?? { collection: operation.collection, id, before: current(operation.collection, id), after: undefined };
    write.after = operation.type === 'put' ? structuredClone(operation.record) : undefined;
    writes.set(key, write);
  }
  return [...writes.values()];
}

/** The transaction entries for some record writes, each guarded by the server version it is based on. */
export interface PlannedWrite {
  write: RecordWrite;
  entries: TransactionEntry[];
  /** Refs this write leaves on the server (its parts after). */
  refs: ResourceRef[];
}

/**
 * PUT every resource of the record after (If-Match: the version known, none for a new resource), and
 * DELETE (If-Match) resources it had before but no longer has (a need removed from a case drops its
 * Condition). `versionOf` gives the If-Match of a ref.
 */
export function planWrite(write: RecordWrite, state: ServerState, versionOf: (ref: ResourceRef) => string | undefined): PlannedWrite {
  const after: (FhirResource & { id: string })[] = write.after ? resourcesFor(write.after, write.collection) : [];
  const afterRefs = after.map(refOf);
  const beforeRefs = new Set<ResourceRef>([...(state.parts[recordKey(write.collection, write.id)] ?? []), ...(write.before ? refsFor(write.before, write.collection) : [])]);
  const entries: TransactionEntry[] = after.map((resource) => {
    const ifMatch = versionOf(refOf(resource));
    return { method: 'PUT', resource, ...(ifMatch ? { ifMatch } : {}) };
  });
  for (const ref of beforeRefs) {
    if (afterRefs.includes(ref)) continue;
    const ifMatch = versionOf(ref);
    if (!ifMatch) continue; // never reached the server
    const { resourceType, id } = splitRef(ref);
    entries.push({ method: 'DELETE', resourceType, id, ifMatch });
  }
  return { write, entries, refs: afterRefs };
}

/**
 * Packs planned writes into transactions of at most `maxEntries` entries, never splitting a record.
 * Servers cap a transaction (Medplum: 50 updates); a commit larger than one is sent as several, with
 * compensation if a later one fails (see the storage's commit).
 */
export function chunkWrites(planned: readonly PlannedWrite[], maxEntries: number): PlannedWrite[][] {
  const chunks: PlannedWrite[][] = [];
  let chunk: PlannedWrite[] = [];
  let size = 0;
  for (const one of planned) {
    if (chunk.length && size + one.entries.length > maxEntries) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(one);
    size += one.entries.length;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** The ref of a transaction entry. */
export function entryRef(entry: TransactionEntry): ResourceRef {
  if (entry.method === 'DELETE') return `${entry.resourceType}/${entry.id}`;
  return refOf(entry.resource);
}
