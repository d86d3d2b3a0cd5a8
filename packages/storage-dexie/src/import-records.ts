import type { CollectionName, StoragePort, StoredRecord } from '@casekit/core';

export interface ImportProgress {
  collection: CollectionName;
  /** Records stored so far. */
  loaded: number;
  /** All records, when known (an array was given). */
  total?: number;
}

export interface ImportOptions {
  /** Records per transaction. Smaller chunks keep each main-thread task short. Default: 500. */
  chunkSize?: number;
  /** Called after each stored chunk. */
  onProgress?: (progress: ImportProgress) => void;
  /** Stops before the next chunk; chunks already stored stay stored. */
  signal?: AbortSignal;
}

/**
 * Imports a large set of records (a caseload from another system, demo seed data) in chunks: one
 * `bulkLoad` transaction per chunk, yielding to the event loop between chunks so the page stays
 * responsive, with progress after each chunk. Works with any storage port. Records are stored as
 * given (versions kept, not version-checked); each chunk is all-or-nothing.
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
    await storage.bulkLoad(collection, chunk);
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

/** Lets input, rendering and other tasks run between chunks. */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
