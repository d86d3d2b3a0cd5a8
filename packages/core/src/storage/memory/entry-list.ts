import { compareKeys } from '../keys.js';
import type { IndexKey } from '../storage-port.js';

/**
 * Where an entry lies relative to a search target: negative when before it. Searches assume the probe
 * is monotone over the list's order (false... then true), which holds for targets ordered by `compareKeys`.
 */
export type Probe = (key: IndexKey, id: string) => number;

interface Chunk {
  ids: string[];
  /** Stored keys, parallel to `ids`; absent when keys are derived from the records (`keyOf`). */
  keys: IndexKey[] | undefined;
}

/** A chunk splits in two above this many entries, so an insert or delete moves at most this many. */
const MAX_CHUNK = 1024;

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Index entries `(key, id)` sorted by key then id, kept in chunks (a flat array would move up to a
 * million entries per insert). Keys are either stored beside the ids (multi-entry indexes, whose keys a
 * record alone does not tell apart) or read from the stored record by `keyOf` (8 bytes an entry instead
 * of a key object each): the record must then stay in the table while its entries are in the list.
 */
export class EntryList {
  private chunks: Chunk[] = [];
  private count = 0;

  constructor(private readonly keyOf?: (id: string) => IndexKey) {}

  get size(): number {
    return this.count;
  }

  /** How many entries come before the first one the probe does not put before the target. */
  rank(probe: Probe): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = chunks[mid]!;
      const last = chunk.ids.length - 1;
      if (probe(this.keyIn(chunk, last), chunk.ids[last]!) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === chunks.length) return this.count;
    let before = 0;
    for (let i = 0; i < lo; i++) before += chunks[i]!.ids.length;
    return before + this.rankIn(chunks[lo]!, probe);
  }

  insert(key: IndexKey, id: string): void {
    this.count++;
    if (!this.chunks.length) {
      this.chunks.push({ ids: [id], keys: this.keyOf ? undefined : [key] });
      return;
    }
    const probe = entryProbe(key, id);
    const index = Math.min(this.chunkFor(probe), this.chunks.length - 1);
    const chunk = this.chunks[index]!;
    const at = this.rankIn(chunk, probe);
    chunk.ids.splice(at, 0, id);
    chunk.keys?.splice(at, 0, key);
    if (chunk.ids.length > MAX_CHUNK) {
      const half = chunk.ids.length >>> 1;
      this.chunks.splice(index + 1, 0, { ids: chunk.ids.splice(half), keys: chunk.keys?.splice(half) });
    }
  }

  /** Removes the entry; `key` must be the key it was inserted with. False when it is not there. */
  delete(key: IndexKey, id: string): boolean {
    const probe = entryProbe(key, id);
    const index = this.chunkFor(probe);
    const chunk = this.chunks[index];
    if (!chunk) return false;
    const at = this.rankIn(chunk, probe);
    if (chunk.ids[at] !== id) return false;
    chunk.ids.splice(at, 1);
    chunk.keys?.splice(at, 1);
    this.count--;
    if (!chunk.ids.length) this.chunks.splice(index, 1);
    return true;
  }

  /** Replaces every entry by these, already sorted by key then id (bulk loads). */
  reset(keys: readonly IndexKey[], ids: readonly string[]): void {
    this.chunks = [];
    for (let start = 0; start < ids.length; start += MAX_CHUNK / 2) {
      const end = Math.min(ids.length, start + MAX_CHUNK / 2);
      this.chunks.push({ ids: ids.slice(start, end), keys: this.keyOf ? undefined : keys.slice(start, end) });
    }
    this.count = ids.length;
  }

  /**
   * Visits entries from `position` up (or, with `reverse`, the entries before `position`, downwards)
   * until `visit` returns false.
   */
  walk(position: number, reverse: boolean, visit: (key: IndexKey, id: string) => boolean): void {
    if (reverse ? position <= 0 : position >= this.count) return;
    let c = 0;
    let offset = reverse ? position - 1 : position;
    while (offset >= this.chunks[c]!.ids.length) offset -= this.chunks[c++]!.ids.length;
    while (c >= 0 && c < this.chunks.length) {
      const chunk = this.chunks[c]!;
      if (reverse) {
        for (let i = offset; i >= 0; i--) if (!visit(this.keyIn(chunk, i), chunk.ids[i]!)) return;
        offset = (this.chunks[--c]?.ids.length ?? 0) - 1;
      } else {
        for (let i = offset; i < chunk.ids.length; i++) if (!visit(this.keyIn(chunk, i), chunk.ids[i]!)) return;
        c++;
        offset = 0;
      }
    }
  }

  /** The ids of entries `[from, to)`, in order. */
  idsBetween(from: number, to: number): string[] {
    const out: string[] = [];
    if (to > from) this.walk(from, false, (_key, id) => out.push(id) < to - from);
    return out;
  }

  /** First chunk whose last entry the probe does not put before the target (chunks.length when none). */
  private chunkFor(probe: Probe): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid]!;
      const last = chunk.ids.length - 1;
      if (probe(this.keyIn(chunk, last), chunk.ids[last]!) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private rankIn(chunk: Chunk, probe: Probe): number {
    let lo = 0;
    let hi = chunk.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (probe(this.keyIn(chunk, mid), chunk.ids[mid]!) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private keyIn(chunk: Chunk, i: number): IndexKey {
    return chunk.keys ? chunk.keys[i]! : this.keyOf!(chunk.ids[i]!);
  }
}

/** Orders entries against `(key, id)`: the order the list is sorted in. */
export function entryProbe(key: IndexKey, id: string): Probe {
  return (k, i) => compareKeys(k, key) || compareIds(i, id);
}

/** Sorts `(key, id)` pairs in list order; string keys (most indexes) skip the general comparison. */
export function sortEntries(keys: IndexKey[], ids: string[]): { keys: IndexKey[]; ids: string[] } {
  const order = Array.from(ids, (_, i) => i);
  const allStrings = keys.every((k) => typeof k === 'string');
  order.sort(
    allStrings
      ? (a, b) => {
          const ka = keys[a] as string;
          const kb = keys[b] as string;
          return ka < kb ? -1 : ka > kb ? 1 : compareIds(ids[a]!, ids[b]!);
        }
      : (a, b) => compareKeys(keys[a]!, keys[b]!) || compareIds(ids[a]!, ids[b]!),
  );
  return { keys: order.map((i) => keys[i]!), ids: order.map((i) => ids[i]!) };
}
