import { decodeCursor, type FindQuery, type IndexKey, type IndexKeyPart } from '@casekit/core';
import type { Row, StoredKey } from './schema.js';
import type { CountRow } from './case-counts.js';

/** A key range over stored keys (`[...indexKey, id]`) or, for the `id` index, over ids. */
export interface KeyBounds {
  lower: unknown;
  upper: unknown;
  lowerOpen: boolean;
  upperOpen: boolean;
}

/** Reads rows through one index; the Dexie adapter implements it, the planner only builds ranges. */
export interface RangeReader {
  rows(field: string, bounds: KeyBounds, options: { reverse: boolean; limit: number }): Promise<Row[]>;
  count(field: string, bounds: KeyBounds): Promise<number>;
  /** The ids of the rows with a key in `bounds`, read from the index alone (stored keys end with the id). */
  ids(field: string, bounds: KeyBounds): Promise<Set<string>>;
  /** Rows by id, in the order given; missing rows are left out. */
  byIds(ids: readonly string[]): Promise<Row[]>;
  /** About how many rows the table holds (an estimate for planning: it may lag recent writes). */
  total(): Promise<number>;
  /** The ids of the rows with a key in `bounds`, in key order (stored keys end with the id). */
  orderedIds(field: string, bounds: KeyBounds, reverse: boolean): Promise<string[]>;
  /**
   * The distinct first parts of a compound index's keys (within `bounds`, at most `limit`), in order: a
   * skip-scan (one keyed lookup per distinct value, jumping past the rest), not a read of every key.
   */
  firstParts(field: string, bounds?: KeyBounds, limit?: number): Promise<IndexKeyPart[]>;
  /**
   * The rows of the token counts (`[token, status, urgency]` and how many cases have that token, kept on
   * write) whose token is within `bounds`, in key order: a search word's index entries per status and
   * urgency without counting them.
   */
  tokenCounts(bounds: KeyBounds): Promise<CountRow[]>;
  /** The rows of the case counts (`[assignee, status, urgency]`, kept on write): one assignee's, or all. */
  caseCounts(assignee?: string): Promise<CountRow[]>;
}

/** Lowest IndexedDB key. */
export const MIN_KEY = -Infinity;
/** Above every stored key: arrays sort after strings and numbers, and stored keys start with a string or number. */
export const MAX_KEY: unknown = [[]];
/** As a key part: after any string or number part at the same position. */
export const AFTER: IndexKeyPart = [] as unknown as IndexKeyPart;

/** Every stored key that starts with `prefix`. */
export function prefixBounds(prefix: readonly IndexKeyPart[]): KeyBounds {
  return prefix.length
    ? { lower: [...prefix], upper: [...prefix, AFTER], lowerOpen: false, upperOpen: true }
    : { lower: MIN_KEY, upper: MAX_KEY, lowerOpen: false, upperOpen: true };
}

const parts = (key: IndexKey): IndexKeyPart[] => (Array.isArray(key) ? key : [key]);

/** The range a `find`/`count` query selects in a secondary index (keys with the id appended). */
export function findBounds(query: Pick<FindQuery, 'equals' | 'prefix' | 'range'>): KeyBounds {
  if (query.equals !== undefined) return prefixBounds(parts(query.equals));
  if (query.prefix !== undefined) return prefixBounds(query.prefix);
  const bounds: KeyBounds = { lower: MIN_KEY, upper: MAX_KEY, lowerOpen: false, upperOpen: true };
  const range = query.range ?? {};
  // [k] sorts before every [k, id]; [k, AFTER] after every one of them.
  if (range.gte !== undefined) bounds.lower = parts(range.gte);
  if (range.gt !== undefined) bounds.lower = [...parts(range.gt), AFTER];
  if (range.lt !== undefined) bounds.upper = parts(range.lt);
  if (range.lte !== undefined) bounds.upper = [...parts(range.lte), AFTER];
  return bounds;
}

/** The range of the `id` index (the primary key). */
export function idBounds(query: Pick<FindQuery, 'equals' | 'prefix' | 'range'>): KeyBounds {
  if (query.equals !== undefined) return { lower: query.equals, upper: query.equals, lowerOpen: false, upperOpen: false };
  const range = query.range ?? {};
  return {
    lower: range.gt ?? range.gte ?? MIN_KEY,
    upper: range.lt ?? range.lte ?? MAX_KEY,
    lowerOpen: range.gt !== undefined,
    upperOpen: range.lte === undefined,
  };
}

/** Narrows `bounds` to what follows `after` (a stored key) in the walking direction. */
export function continueAfter(bounds: KeyBounds, after: unknown, reverse: boolean): KeyBounds {
  return reverse ? { ...bounds, upper: after, upperOpen: true } : { ...bounds, lower: after, lowerOpen: true };
}

/** The stored key a cursor points at: `[...prefix, ...cursorKey, id]`, less the `fixed` leading sort-key parts the prefix already holds. */
export function cursorKey(prefix: readonly IndexKeyPart[], cursor: string, fixed = 0): StoredKey {
  const position = decodeCursor(cursor);
  return [...prefix, ...parts(position.key).slice(fixed), position.id];
}

/** Rows of one key range in order, one at a time, fetched as needed (see RangeWalk, IdFilteredWalk). */
export interface Walk {
  /** The next row if already fetched, undefined at the end, null when `peek()` must fetch. */
  current(): Row | undefined | null;
  peek(): Promise<Row | undefined>;
  next(): void;
}

/**
 * Rows of one key range in order, fetched in growing batches (one page first, more only when the
 * residual filter drops rows), each batch continuing after the previous one's last key. Batches double
 * rather than quadruple: a walk that stops mid-batch reads up to the batch's size for nothing (a
 * two-word search at 100k read 1,756 rows growing ×4, 1,230 growing ×2).
 */
export class RangeWalk implements Walk {
  private buffer: Row[] = [];
  private position = 0;
  private exhausted = false;
  private batch: number;

  constructor(
    private readonly reader: RangeReader,
    private readonly field: string,
    private bounds: KeyBounds,
    private readonly reverse: boolean,
    /** The stored key of a row in this range (to continue after it). */
    private readonly keyOf: (row: Row) => unknown,
    firstBatch: number,
  ) {
    this.batch = Math.max(1, firstBatch);
  }

  current(): Row | undefined | null {
    if (this.position < this.buffer.length) return this.buffer[this.position];
    return this.exhausted ? undefined : null;
  }

  async peek(): Promise<Row | undefined> {
    if (this.position < this.buffer.length) return this.buffer[this.position];
    if (this.exhausted) return undefined;
    const rows = await this.reader.rows(this.field, this.bounds, { reverse: this.reverse, limit: this.batch });
    this.exhausted = rows.length < this.batch;
    this.buffer = rows;
    this.position = 0;
    const last = rows[rows.length - 1];
    if (last) this.bounds = continueAfter(this.bounds, this.keyOf(last), this.reverse);
    this.batch = Math.min(this.batch * 2, 2000);
    return rows[0];
  }

  next(): void {
    this.position++;
  }
}

/**
 * Rows of one key range in order, kept only when every set in `keep` lists their id: the range's ids
 * are read from the index alone (one request, no rows), filtered, and only the rows that pass are
 * fetched, in growing batches. For a search whose other words are rare among this word's cases.
 */
export class IdFilteredWalk implements Walk {
  private ids: string[] | undefined;
  private fetched = 0;
  private buffer: Row[] = [];
  private position = 0;
  private batch: number;

  constructor(
    private readonly reader: RangeReader,
    private readonly field: string,
    private readonly bounds: KeyBounds,
    private readonly reverse: boolean,
    private readonly keep: readonly ReadonlySet<string>[],
    firstBatch: number,
  ) {
    this.batch = Math.max(1, firstBatch);
  }

  current(): Row | undefined | null {
    if (this.position < this.buffer.length) return this.buffer[this.position];
    return this.ids && this.fetched >= this.ids.length ? undefined : null;
  }

  async peek(): Promise<Row | undefined> {
    while (this.position >= this.buffer.length) {
      this.ids ??= (await this.reader.orderedIds(this.field, this.bounds, this.reverse)).filter((id) => this.keep.every((set) => set.has(id)));
      if (this.fetched >= this.ids.length) return undefined;
      const ids = this.ids.slice(this.fetched, this.fetched + this.batch);
      this.fetched += ids.length;
      this.buffer = await this.reader.byIds(ids);
      this.position = 0;
      this.batch = Math.min(this.batch * 4, 2000);
    }
    return this.buffer[this.position];
  }

  next(): void {
    this.position++;
  }
}
