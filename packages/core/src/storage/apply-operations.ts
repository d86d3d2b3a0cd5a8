import { CasekitError, ConflictError } from '../errors/errors.js';
import type { CollectionName } from '../records/record.js';
import { APPEND_ONLY_COLLECTIONS, type LoadChunk, type RecordChange, type StoredRecord, type WriteOperation } from './storage-port.js';

/**
 * Checks a batch against current versions, in order (a later operation on the same record sees the
 * earlier one), and returns the resulting writes. Throws before anything is applied, so a caller that
 * applies the result only on success gets all-or-nothing. Shared by adapters that check in JS.
 */
export function planOperations(
  operations: readonly WriteOperation[],
  currentVersion: (collection: CollectionName, id: string) => number | undefined,
): { writes: { collection: CollectionName; id: string; record: StoredRecord | undefined }[]; changes: RecordChange[] } {
  const staged = new Map<string, number | undefined>();
  const versionOf = (collection: CollectionName, id: string) => {
    const key = `${collection}/${id}`;
    return staged.has(key) ? staged.get(key) : currentVersion(collection, id);
  };
  const writes: { collection: CollectionName; id: string; record: StoredRecord | undefined }[] = [];
  const changes: RecordChange[] = [];
  for (const operation of operations) {
    const id = operation.type === 'put' ? operation.record.id : operation.id;
    assertWritable(operation, id);
    const actual = versionOf(operation.collection, id);
    if ((actual ?? 0) !== operation.expectedVersion) {
      throw new ConflictError(operation.collection, id, operation.expectedVersion, actual);
    }
    if (operation.type === 'put') {
      staged.set(`${operation.collection}/${id}`, operation.record.version);
      writes.push({ collection: operation.collection, id, record: operation.record });
      changes.push({ collection: operation.collection, id, type: 'put', version: operation.record.version });
    } else {
      staged.set(`${operation.collection}/${id}`, undefined);
      writes.push({ collection: operation.collection, id, record: undefined });
      changes.push({ collection: operation.collection, id, type: 'delete', version: operation.expectedVersion });
    }
  }
  return { writes, changes };
}

function assertWritable(operation: WriteOperation, id: string): void {
  if (APPEND_ONLY_COLLECTIONS.includes(operation.collection) && (operation.type === 'delete' || operation.expectedVersion !== 0)) {
    throw new CasekitError('storage', `${operation.collection} is append-only: ${operation.type} of ${id} refused`);
  }
  if (operation.type === 'put' && operation.record.version !== operation.expectedVersion + 1) {
    throw new CasekitError(
      'storage',
      `${operation.collection}/${id}: a write based on version ${operation.expectedVersion} must store version ${operation.expectedVersion + 1}`,
    );
  }
}

/**
 * Checks a `load` against the append-only rule before anything is written: a record of an append-only
 * collection whose id is already stored (`isStored`) or repeats within the unit is a ConflictError.
 * Shared by adapters; `isStored` may look ids up in bulk beforehand.
 */
export function assertLoadAppendsOnly(chunks: readonly LoadChunk[], isStored: (collection: CollectionName, id: string) => boolean): void {
  const seen = new Set<string>();
  for (const { collection, records } of chunks) {
    if (!APPEND_ONLY_COLLECTIONS.includes(collection)) continue;
    for (const record of records) {
      const key = `${collection}/${record.id}`;
      if (seen.has(key) || isStored(collection, record.id)) {
        // Reported like creating a record that exists (expected version 0, found one).
        throw new ConflictError(collection, record.id, 0, Number(record.version) || 1);
      }
      seen.add(key);
    }
  }
}
