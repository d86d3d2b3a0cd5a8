import type { CollectionName, StoragePort, StoredRecord } from '@casekit/core';
import { yieldToEventLoop } from './yield-to-event-loop.js';

export interface ImportProgress {
  collection: CollectionName;
  /** Records stored so far. */
  loaded: number;
  /** All records, when known (an array was given). */
  total?: number;
}

export interface ImportOptions {
  /** Records per `load` call (one transaction each). Smaller chunks keep each main-thread task short. Default: 500. */
  chunkSize?: number;
  /** Called after each stored chunk. */
  onProgress?: (progress: ImportProgress) => void;
  /** Stops before the next chunk; chunks already stored stay stored. */
  signal?: AbortSignal;
}

/**
 * Seeds a large set of records of one collection (demo data, a caseload from another system) chunk by
 * chunk: one `storage.load` unit per chunk, yielding to the event loop between chunks so the page
 * stays responsive, with progress after each chunk. Works with any storage port. Records are stored
 * as given (versions kept, not version-checked).
 *
 * Not atomic: each chunk is all-or-nothing, but when a chunk fails (or `signal` aborts) the chunks
 * before it stay stored. For an import that is kept whole or not at all, use core's
 * `manager.importCaseload` (or one `storage.load` call). In the append-only `audit` collection a chunk
 * naming an id that is already stored fails with a ConflictError.
 */
export async function importRecords(
  storage: StoragePort,
  collection: CollectionName,
  records: Iterable<StoredRecord> | AsyncIterable<StoredRecord>,
  options: ImportOptions = {},
): Promise<{ loaded: number }> {
  const chunkSize = Math.max(1, options.chunkSize ?? 500);
  const total = Array.isArray(records) ? records.length : undefined;
  let loaded = 0;
  let chunk: StoredRecord[] = [];
  const flush = async () => {
    options.signal?.throwIfAborted();
    await storage.load([{ collection, records: chunk }]);
    loaded += chunk.length;
    chunk = [];
    options.onProgress?.({ collection, loaded, ...(total !== undefined ? { total } : {}) });
    await yieldToEventLoop();
  };
  for await (const record of records) {
    chunk.push(record);
    if (chunk.length >= chunkSize) await flush();
  }
  if (chunk.length) await flush();
  return { loaded };
}
