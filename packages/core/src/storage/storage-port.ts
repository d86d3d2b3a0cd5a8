import type { CollectionName } from '../records/record.js';
import type { CaseQuery, CaseGroupField } from './case-query.js';
import type { CaseRecord } from '../case/case-schema.js';
import type { StorageSync } from './storage-sync.js';

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
   * Stores many records as one all-or-nothing unit (import, seeding): exactly as given (versions kept,
   * not version-checked), replacing records with the same id — except in `APPEND_ONLY_COLLECTIONS`,
   * which only grow: a record whose id is already stored there (or repeated in the unit) is refused
   * with a `ConflictError`, and nothing is written. `onChunk` runs after each chunk is written and
   * before the unit is kept; when it throws, nothing is kept and its error is rethrown. Listeners
   * hear of the unit once, after it is kept. Not for normal writes, which go through `commit`.
   */
  load(chunks: readonly LoadChunk[], options?: LoadOptions): Promise<void>;

  /** Removes every record in every collection (e.g. "reset demo data"). */
  clear(): Promise<void>;

  /** Called after each committed change, including changes made by another tab or process. */
  subscribe(listener: ChangeListener): Unsubscribe;

  close(): Promise<void>;

  /** Present on storages that sync with a system of record elsewhere (`@casekit/storage-fhir`). */
  readonly sync?: StorageSync;
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

/** Records of one collection in a `load`. */
export interface LoadChunk {
  collection: CollectionName;
  records: readonly StoredRecord[];
}

export interface LoadOptions {
  /** Called after each chunk is written (synchronously: adapters may hold a transaction open meanwhile). */
  onChunk?: (chunk: { collection: CollectionName; records: number }) => void;
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
