import { ValidationError } from '../errors/errors.js';
import type { IndexKey } from './storage-port.js';

/**
 * Compares index keys the way IndexedDB does (numbers < strings < arrays; arrays element by element),
 * so every adapter orders results identically.
 */
export function compareKeys(a: IndexKey, b: IndexKey): number {
  const ta = keyTypeRank(a);
  const tb = keyTypeRank(b);
  if (ta !== tb) return ta - tb;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compareKeys(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyTypeRank(key: IndexKey): number {
  return typeof key === 'number' ? 0 : typeof key === 'string' ? 1 : 2;
}

/** Position after the last item of a page: its index key and id (ids break ties). */
export interface CursorPosition {
  key: IndexKey;
  id: string;
}

/** Cursors are opaque to callers; adapters that share this encoding may also read each other's. */
export function encodeCursor(position: CursorPosition): string {
  return JSON.stringify([position.key, position.id]);
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    if (typeof cursor !== 'string') throw new Error('bad cursor');
    const [key, id] = JSON.parse(cursor) as [IndexKey, string];
    if (typeof id !== 'string') throw new Error('bad cursor');
    return { key, id };
  } catch {
    // A cursor comes from the caller (an options object): a bad one is bad input, not a bug.
    throw new ValidationError([{ path: ['cursor'], code: 'invalid-cursor', message: 'This is not a cursor from a previous page' }]);
  }
}

/** True when `key` lies inside the range. */
export function inRange(key: IndexKey, range: { gt?: IndexKey; gte?: IndexKey; lt?: IndexKey; lte?: IndexKey }): boolean {
  if (range.gt !== undefined && compareKeys(key, range.gt) <= 0) return false;
  if (range.gte !== undefined && compareKeys(key, range.gte) < 0) return false;
  if (range.lt !== undefined && compareKeys(key, range.lt) >= 0) return false;
  if (range.lte !== undefined && compareKeys(key, range.lte) > 0) return false;
  return true;
}

export function startsWith(key: IndexKey, prefix: readonly (string | number)[]): boolean {
  if (!Array.isArray(key) || key.length < prefix.length) return false;
  return prefix.every((part, i) => compareKeys(key[i]!, part) === 0);
}
