import type { CollectionName } from '../records/record.js';
import type { StoragePort, StoredRecord } from './storage-port.js';

/** Every record of a collection, page by page (export, reports of stored data, tests). */
export async function readAll(storage: StoragePort, collection: CollectionName, pageSize = 1000): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await storage.find(collection, { index: 'id', limit: pageSize, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
