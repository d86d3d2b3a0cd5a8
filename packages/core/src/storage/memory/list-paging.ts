import { decodeCursor, encodeCursor, type CursorPosition } from '../keys.js';
import { compareEntries, pageOf, type KeyedEntry } from '../paging.js';
import type { IndexKey, Page } from '../storage-port.js';
import { isSearchableKey } from './collection-indexes.js';
import type { EntryList } from './entry-list.js';

export interface PageOptions {
  reverse?: boolean;
  cursor?: string;
  limit?: number;
}

/**
 * One page of the entries `[from, to)` of a list: what `pageOf` gives for them, found by binary search
 * from the cursor instead of a scan. Unusual input (a limit that is not a whole number, a cursor whose
 * key is not a key) takes `pageOf` itself over the run, so even its edge cases stay the same.
 */
export function pageOfRun<T>(list: EntryList, [from, to]: [number, number], options: PageOptions, value: (id: string) => T): Page<T> {
  const limit = options.limit;
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  if ((limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) || (after && !isSearchableKey(after.key))) {
    return pageOf(entriesOf(list, from, to, value), options);
  }
  const reverse = options.reverse === true;
  let start = reverse ? to : from;
  if (after) {
    const position = list.rank(afterProbe(after, reverse));
    start = reverse ? Math.max(from, Math.min(to, position)) : Math.min(to, Math.max(from, position));
  }
  const available = reverse ? start - from : to - start;
  const take = limit === undefined ? available : Math.min(available, limit);
  const items: T[] = [];
  let last: { key: IndexKey; id: string } | undefined;
  if (take > 0) {
    list.walk(start, reverse, (key, id) => {
      items.push(value(id));
      last = { key, id };
      return items.length < take;
    });
  }
  return { items, ...(take < available && last ? { nextCursor: encodeCursor(last) } : {}) };
}

/** Forward: the first entry after the cursor. Reverse: the first entry not before it (the walk goes below). */
function afterProbe(after: CursorPosition, reverse: boolean) {
  return (key: IndexKey, id: string) => {
    const c = compareEntries({ key, id }, after);
    return (reverse ? c < 0 : c <= 0) ? -1 : 0;
  };
}

function entriesOf<T>(list: EntryList, from: number, to: number, value: (id: string) => T): KeyedEntry<T>[] {
  const entries: KeyedEntry<T>[] = [];
  if (to > from) list.walk(from, false, (key, id) => entries.push({ key, id, value: value(id) }) < to - from);
  return entries;
}
