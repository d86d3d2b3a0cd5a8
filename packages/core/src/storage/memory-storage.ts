import { CasekitError, StorageError } from '../errors/errors.js';
import { COLLECTIONS, type CollectionName } from '../records/record.js';
import type { CaseRecord } from '../case/case-schema.js';
import { assertLoadAppendsOnly, planOperations } from './apply-operations.js';
import { CaseQuerySchema, caseGroupValue, caseMatches, caseSortKey, type CaseGroupField, type CaseQuery } from './case-query.js';
import { indexDefinition, indexKeys } from './indexes.js';
import { inRange, startsWith, compareKeys } from './keys.js';
import { compareEntries, pageOf, type KeyedEntry } from './paging.js';
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
 * Records are cloned in and out, so callers never share objects with the store.
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): StoragePort {
  return new MemoryStorage(options.name ?? 'memory');
}

class MemoryStorage implements StoragePort {
  readonly kind: string;
  private readonly tables = new Map<CollectionName, Map<string, StoredRecord>>(COLLECTIONS.map((name) => [name, new Map()]));
  private readonly listeners = new Set<ChangeListener>();
  private closed = false;

  constructor(name: string) {
    this.kind = name === 'memory' ? 'memory' : `memory:${name}`;
  }

  async get<T extends StoredRecord>(collection: CollectionName, id: string): Promise<T | undefined> {
    const record = this.table(collection).get(id);
    return record && (structuredClone(record) as T);
  }

  async getMany<T extends StoredRecord>(collection: CollectionName, ids: readonly string[]): Promise<(T | undefined)[]> {
    const table = this.table(collection);
    return ids.map((id) => {
      const record = table.get(id);
      return record && (structuredClone(record) as T);
    });
  }

  async find<T extends StoredRecord>(collection: CollectionName, query: FindQuery): Promise<Page<T>> {
    const page = pageOf(this.entries(collection, query), query);
    return { ...page, items: page.items.map((r) => structuredClone(r) as T) };
  }

  async count(collection: CollectionName, query: CountQuery): Promise<number> {
    return new Set(this.entries(collection, query).map((e) => e.id)).size;
  }

  async queryCases(input: CaseQuery): Promise<Page<CaseRecord>> {
    const query = CaseQuerySchema.parse(input);
    const entries: KeyedEntry<StoredRecord>[] = [];
    for (const record of this.table('cases').values()) {
      const c = record as unknown as CaseRecord;
      if (caseMatches(c, query)) entries.push({ key: caseSortKey(c, query.sort), id: c.id, value: record });
    }
    entries.sort(compareEntries);
    const page = pageOf(entries, { reverse: query.direction === 'desc', cursor: query.cursor, limit: query.limit });
    return { ...page, items: page.items.map((r) => structuredClone(r) as unknown as CaseRecord) };
  }

  async countCases(groupBy: CaseGroupField, input: CaseQuery): Promise<Record<string, number>> {
    const query = CaseQuerySchema.parse(input);
    const counts: Record<string, number> = {};
    for (const record of this.table('cases').values()) {
      const c = record as unknown as CaseRecord;
      if (!caseMatches(c, query)) continue;
      const value = caseGroupValue(c, groupBy);
      counts[value] = (counts[value] ?? 0) + 1;
    }
    return counts;
  }

  async commit(operations: readonly WriteOperation[]): Promise<void> {
    this.assertOpen();
    const { writes, changes } = planOperations(operations, (collection, id) => this.table(collection).get(id)?.version);
    for (const write of writes) {
      const table = this.table(write.collection);
      if (write.record) table.set(write.id, structuredClone(write.record));
      else table.delete(write.id);
    }
    this.emit({ changes, remote: false });
  }

  async load(chunks: readonly LoadChunk[], options: LoadOptions = {}): Promise<void> {
    this.assertOpen();
    assertLoadAppendsOnly(chunks, (collection, id) => this.table(collection).has(id));
    // An undo log of what each write replaced, so a failure part-way leaves the store as it was.
    const undo: { table: Map<string, StoredRecord>; id: string; before: StoredRecord | undefined }[] = [];
    try {
      for (const { collection, records } of chunks) {
        const table = this.table(collection);
        for (const record of records) {
          const copy = structuredClone(record);
          undo.push({ table, id: record.id, before: table.get(record.id) });
          table.set(record.id, copy);
        }
        options.onChunk?.({ collection, records: records.length });
      }
    } catch (error) {
      for (const { table, id, before } of undo.reverse()) {
        if (before) table.set(id, before);
        else table.delete(id);
      }
      throw error;
    }
    this.emit({ changes: chunks.flatMap(({ collection, records }) => records.map((r) => ({ collection, id: r.id, type: 'put' as const, version: r.version }))), remote: false });
  }

  async clear(): Promise<void> {
    this.assertOpen();
    const changes = [...this.tables].flatMap(([collection, table]) =>
      [...table.values()].map((r) => ({ collection, id: r.id, type: 'delete' as const, version: r.version })),
    );
    for (const table of this.tables.values()) table.clear();
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

  private entries(collection: CollectionName, query: CountQuery): KeyedEntry<StoredRecord>[] {
    const table = this.table(collection);
    const entries: KeyedEntry<StoredRecord>[] = [];
    if (query.index === 'id') {
      for (const record of table.values()) entries.push({ key: record.id, id: record.id, value: record });
    } else {
      const definition = indexDefinition(collection, query.index);
      if (!definition) throw new CasekitError('storage', `${collection} has no index "${query.index}"`);
      for (const record of table.values()) {
        for (const key of indexKeys(definition, record)) entries.push({ key, id: record.id, value: record });
      }
    }
    const selected = entries.filter(
      ({ key }) =>
        (query.equals === undefined || compareKeys(key, query.equals) === 0) &&
        (query.prefix === undefined || startsWith(key, query.prefix)) &&
        (query.range === undefined || inRange(key, query.range)),
    );
    return selected.sort(compareEntries);
  }

  private table(collection: CollectionName): Map<string, StoredRecord> {
    const table = this.tables.get(collection);
    if (!table) throw new CasekitError('storage', `Unknown collection "${collection}"`);
    return table;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError('database-closed', 'This memory storage was closed');
  }

  private emit(batch: ChangeBatch): void {
    if (!batch.changes.length) return;
    // Deliver after the caller's await resolves, as engines with real I/O do, so listeners see committed state.
    queueMicrotask(() => {
      for (const listener of this.listeners) {
        try {
          listener(batch);
        } catch (error) {
          console.error('casekit: a change listener threw', error);
        }
      }
    });
  }
}
