import type { CollectionName } from '../records/record.js';
import type { CaseQuery, CaseGroupField } from './case-query.js';
import type { CaseRecord } from '../case/case-schema.js';

/**
 * The storage port: the one interface core talks to. Adapters (memory, IndexedDB via Dexie, later a
 * FHIR server) implement it; nothing engine-specific crosses it. Records are plain JSON objects with
 * `id` and `version`; adapters never interpret domain fields except through the index definitions in
 * `indexes.ts` and the case query in `case-query.ts`.
 */
export interface StoragePort {
  /** A short name for diagnostics, e.g. `memory` or `dexie:casekit-demo`. */
  readonly kind: string;

  get<T extends StoredRecord = StoredRecord>(collection: CollectionName, id: string): Promise<T | undefined>;
  getMany<T extends StoredRecord = StoredRecord>(collection: CollectionName, ids: readonly string[]): Promise<(T | undefined)[]>;

  /** Records by one declared index (or `id`), in index order then id, one page at a time. */
  find<T extends StoredRecord = StoredRecord>(collection: CollectionName, query: FindQuery): Promise<Page<T>>;
  /** How many records `find` would return over all pages. */
  count(collection: CollectionName, query: CountQuery): Promise<number>;

  /** The caseload query. Semantics are defined by `caseMatches` / `caseSortKey` in core. */
  queryCases(query: CaseQuery): Promise<Page<CaseRecord>>;
  /** Counts of matching cases grouped by one field (board column headers, reports). */
  countCases(groupBy: CaseGroupField, query: CaseQuery): Promise<Record<string, number>>;

  /**
   * Applies every operation or none (one transaction). Each operation names the version it was based on;
   * if a stored version differs, nothing is written and a `ConflictError` is thrown. Collections in
   * `APPEND_ONLY_COLLECTIONS` accept only creates.
   */
  commit(operations: readonly WriteOperation[]): Promise<void>;

  /**
   * Writes records exactly as given (their versions kept), replacing any with the same id. Used by
   * import and seeding, which call it in chunks; not version-checked and not for normal writes.
   */
  bulkLoad(collection: CollectionName, records: readonly StoredRecord[]): Promise<void>;

  /** Removes every record in every collection (e.g. "reset demo data"). */
  clear(): Promise<void>;

  /** Called after each committed change, including changes made by another tab or process. */
  subscribe(listener: ChangeListener): Unsubscribe;

  close(): Promise<void>;
}

/** What every stored record has; the domain schemas add the rest. */
export interface StoredRecord {
  id: string;
  version: number;
  [field: string]: unknown;
}

export type IndexKeyPart = string | number;
/** A key in an index: a value or, for compound indexes, an array of values. Ordered like IndexedDB keys. */
export type IndexKey = IndexKeyPart | IndexKeyPart[];

export interface FindQuery {
  /** `id` or the name of an index declared for the collection in `INDEXES`. */
  index: string;
  /** Exact key. */
  equals?: IndexKey;
  /** For compound indexes: every key that starts with these parts. */
  prefix?: IndexKeyPart[];
  /** Key range (bounds are keys of the index; combine with nothing else). */
  range?: KeyRange;
  reverse?: boolean;
  /** Page size; omitted means all. */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}
export type CountQuery = Omit<FindQuery, 'limit' | 'cursor' | 'reverse'>;

export interface KeyRange {
  gt?: IndexKey;
  gte?: IndexKey;
  lt?: IndexKey;
  lte?: IndexKey;
}

export interface Page<T> {
  items: T[];
  /** Present when more items follow; pass it back as `cursor`. */
  nextCursor?: string;
}

export type WriteOperation =
  | { type: 'put'; collection: CollectionName; record: StoredRecord; expectedVersion: number }
  | { type: 'delete'; collection: CollectionName; id: string; expectedVersion: number };

export interface RecordChange {
  collection: CollectionName;
  id: string;
  type: 'put' | 'delete';
  /** The version written (for deletes, the version that was deleted). */
  version: number;
}

export interface ChangeBatch {
  changes: RecordChange[];
  /** True when the change was made elsewhere (another tab, another process). */
  remote: boolean;
}

export type ChangeListener = (batch: ChangeBatch) => void;
export type Unsubscribe = () => void;

/** Collections that only ever grow: updates and deletes are refused by every adapter. */
export const APPEND_ONLY_COLLECTIONS: readonly CollectionName[] = ['audit'];
