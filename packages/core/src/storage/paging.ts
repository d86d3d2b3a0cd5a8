import { compareKeys, decodeCursor, encodeCursor } from './keys.js';
import type { IndexKey, Page } from './storage-port.js';

export interface KeyedEntry<T> {
  key: IndexKey;
  id: string;
  value: T;
}

export function compareEntries(a: { key: IndexKey; id: string }, b: { key: IndexKey; id: string }): number {
  return compareKeys(a.key, b.key) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * One page of entries already sorted ascending by (key, id). Used by adapters that hold entries in
 * memory; engines with real cursors (IndexedDB) page natively with the same cursor encoding.
 */
export function pageOf<T>(sortedAscending: KeyedEntry<T>[], options: { reverse?: boolean; cursor?: string; limit?: number }): Page<T> {
  const entries = options.reverse ? [...sortedAscending].reverse() : sortedAscending;
  let start = 0;
  if (options.cursor) {
    const after = decodeCursor(options.cursor);
    const direction = options.reverse ? -1 : 1;
    start = entries.findIndex((entry) => compareEntries(entry, after) * direction > 0);
    if (start < 0) start = entries.length;
  }
  const end = options.limit === undefined ? entries.length : Math.min(entries.length, start + options.limit);
  const slice = entries.slice(start, end);
  const last = slice[slice.length - 1];
  return {
    items: slice.map((entry) => entry.value),
    ...(end < entries.length && last ? { nextCursor: encodeCursor({ key: last.key, id: last.id }) } : {}),
  };
}
