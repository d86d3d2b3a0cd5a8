import { CasekitError, StorageError } from '../errors/errors.js';
import { COLLECTIONS, type CollectionName } from '../records/record.js';
import type { CaseRecord } from '../case/case-schema.js';
import { assertLoadAppendsOnly, planOperations } from './apply-operations.js';
import { CaseQuerySchema, type CaseGroupField, type CaseQuery } from './case-query.js';
import { CasePartitions } from './memory/case-partitions.js';
import { countCasesIndexed, queryCasesIndexed, type CaseIndexes } from './memory/case-plan.js';
import { blockOf, CollectionIndexes, type RecordKeys } from './memory/collection-indexes.js';
import { pageOfRun } from './memory/list-paging.js';
import { notifyListeners } from './notify-listeners.js';
import { copyIn, copyOut, StringTable } from './memory/record-copy.js';
import type {
  ChangeBatch,
  ChangeListener,
  CountQuery,
  FindQuery,
  LoadChunk,
  LoadOptions,
  Page,
  StoragePort,
  StoredRecord,
  WriteOperation,
} from './storage-port.js';

export interface MemoryStorageOptions {
  /** Shown in `kind`; useful when a page has several. */
  name?: string;
}

/**
 * Keeps everything in memory: for tests, server-side use with your own persistence, and small embeds.
 * Records are copied in and out, so callers never share objects with the store. Every declared index
 * (and the caseload's assignee/status/priority partitions) is kept sorted as records change, so reads
 * search instead of scanning.
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): StoragePort {
  return new MemoryStorage(options.name ?? 'memory');
}

/** A record copied and its index keys computed: everything that can fail, done before writing. */
interface Staged {
  record: StoredRecord;
  keys: RecordKeys;
}

/** A load unit this big (against what is stored) rebuilds the indexes instead of inserting one by one. */
const REBUILD_MIN = 1024;

class MemoryStorage implements StoragePort {
  readonly kind: string;
  private readonly tables = new Map<CollectionName, Map<string, StoredRecord>>(COLLECTIONS.map((name) => [name, new Map()]));
  private readonly strings = new StringTable();
  private readonly indexes = new Map<CollectionName, CollectionIndexes>(
    [...this.tables].map(([name, table]) => [name, new CollectionIndexes(name, table, this.strings)]),
  );
  private readonly cases: CaseIndexes;
  private readonly listeners = new Set<ChangeListener>();
  private closed = false;

  constructor(name: string) {
    this.kind = name === 'memory' ? 'memory' : `memory:${name}`;
    const table = this.table('cases');
    this.cases = { table, declared: this.indexesOf('cases'), partitions: new CasePartitions(table) };
  }

  async get<T extends StoredRecord>(collection: CollectionName, id: string): Promise<T | undefined> {
    const record = this.table(collection).get(id);
    return record && (copyOut(record) as T);
  }

  async getMany<T extends StoredRecord>(collection: CollectionName, ids: readonly string[]): Promise<(T | undefined)[]> {
    const table = this.table(collection);
    return ids.map((id) => {
      const record = table.get(id);
      return record && (copyOut(record) as T);
    });
  }

  async find<T extends StoredRecord>(collection: CollectionName, query: FindQuery): Promise<Page<T>> {
    const table = this.table(collection);
    const { list } = this.indexesOf(collection).index(query.index);
    return pageOfRun(list, blockOf(list, query), query, (id) => copyOut(table.get(id)!) as T);
  }

  async count(collection: CollectionName, query: CountQuery): Promise<number> {
    this.table(collection);
    const { list, multi } = this.indexesOf(collection).index(query.index);
    const [from, to] = blockOf(list, query);
    // A multi-entry index may hold one record under several of the keys; count records, not entries.
    return multi ? new Set(list.idsBetween(from, to)).size : to - from;
  }

  async queryCases(input: CaseQuery): Promise<Page<CaseRecord>> {
    const page = queryCasesIndexed(this.cases, CaseQuerySchema.parse(input));
    return { ...page, items: page.items.map((r) => copyOut(r) as unknown as CaseRecord) };
  }

  async countCases(groupBy: CaseGroupField, input: CaseQuery): Promise<Record<string, number>> {
    return countCasesIndexed(this.cases, groupBy, CaseQuerySchema.parse(input));
  }

  async commit(operations: readonly WriteOperation[]): Promise<void> {
    this.assertOpen();
    const { writes, changes } = planOperations(operations, (collection, id) => this.table(collection).get(id)?.version);
    // Copies and keys first (copying can refuse a value, e.g. a function), then the writes, which cannot fail.
    const staged = writes.map((write) => write.record && this.stage(write.collection, write.record));
    writes.forEach((write, i) => this.apply(write.collection, write.id, staged[i]));
    this.emit({ changes, remote: false });
  }

  async load(chunks: readonly LoadChunk[], options: LoadOptions = {}): Promise<void> {
    this.assertOpen();
    assertLoadAppendsOnly(chunks, (collection, id) => this.table(collection).has(id));
    // An undo log of what each write replaced, so a failure part-way leaves the store as it was.
    const undo: { collection: CollectionName; id: string; before: StoredRecord | undefined }[] = [];
    const rebuilt = new Set<CollectionName>();
    try {
      for (const { collection, records } of chunks) {
        const table = this.table(collection);
        const staged = records.map((record) => this.stage(collection, record));
        const rebuild = staged.length >= REBUILD_MIN && staged.length * 4 >= table.size;
        for (const entry of staged) {
          undo.push({ collection, id: entry.record.id, before: table.get(entry.record.id) });
          if (rebuild) table.set(entry.record.id, entry.record);
          else this.apply(collection, entry.record.id, entry);
        }
        if (rebuild) {
          this.rebuild(collection, new Map(staged.map((entry) => [entry.record, entry.keys])));
          rebuilt.add(collection);
        }
        options.onChunk?.({ collection, records: records.length });
      }
    } catch (error) {
      for (const { collection, id, before } of undo.reverse()) {
        const table = this.table(collection);
        if (!rebuilt.has(collection)) this.apply(collection, id, before && { record: before, keys: this.indexesOf(collection).keysOf(before) });
        else if (before) table.set(id, before);
        else table.delete(id);
      }
      for (const collection of rebuilt) this.rebuild(collection);
      throw error;
    }
    this.emit({ changes: chunks.flatMap(({ collection, records }) => records.map((r) => ({ collection, id: r.id, type: 'put' as const, version: r.version }))), remote: false });
  }

  async clear(): Promise<void> {
    this.assertOpen();
    const changes = [...this.tables].flatMap(([collection, table]) =>
      [...table.values()].map((r) => ({ collection, id: r.id, type: 'delete' as const, version: r.version })),
    );
    for (const [collection, table] of this.tables) {
      table.clear();
      this.rebuild(collection);
    }
    this.strings.clear();
    this.emit({ changes, remote: false });
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }

  private stage(collection: CollectionName, record: StoredRecord): Staged {
    const copy = copyIn(record, this.strings);
    return { record: copy, keys: this.indexesOf(collection).keysOf(copy) };
  }

  /** Writes (or, without `staged`, deletes) one record and moves its index entries. Cannot fail. */
  private apply(collection: CollectionName, id: string, staged: Staged | undefined): void {
    const table = this.table(collection);
    const indexes = this.indexesOf(collection);
    const before = table.get(id);
    // Entries come out while the old record is still stored: lists read their keys from it.
    if (before) {
      indexes.remove(before);
      if (collection === 'cases') this.cases.partitions.remove(before);
    }
    if (!staged) {
      table.delete(id);
      return;
    }
    table.set(id, staged.record);
    indexes.add(id, staged.keys);
    if (collection === 'cases') this.cases.partitions.add(staged.record);
  }

  private rebuild(collection: CollectionName, known?: ReadonlyMap<StoredRecord, RecordKeys>): void {
    this.indexesOf(collection).rebuild(known);
    if (collection === 'cases') this.cases.partitions.rebuild();
  }

  private table(collection: CollectionName): Map<string, StoredRecord> {
    const table = this.tables.get(collection);
    if (!table) throw new CasekitError('storage', `Unknown collection "${collection}"`);
    return table;
  }

  private indexesOf(collection: CollectionName): CollectionIndexes {
    const indexes = this.indexes.get(collection);
    if (!indexes) throw new CasekitError('storage', `Unknown collection "${collection}"`);
    return indexes;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError('database-closed', 'This memory storage was closed');
  }

  private emit(batch: ChangeBatch): void {
    notifyListeners(this.listeners, batch);
  }
}
