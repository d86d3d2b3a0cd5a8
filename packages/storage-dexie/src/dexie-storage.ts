import { Dexie, cmp, type DBCore, type Middleware, type Table } from 'dexie';
import {
  APPEND_ONLY_COLLECTIONS,
  CaseQuerySchema,
  COLLECTIONS,
  StorageError,
  assertLoadAppendsOnly,
  compareKeys,
  decodeCursor,
  encodeCursor,
  indexDefinition,
  indexKeys,
  notifyListeners,
  planOperations,
  type CaseGroupField,
  type CaseQuery,
  type CaseRecord,
  type ChangeBatch,
  type ChangeListener,
  type CollectionName,
  type CountQuery,
  type FindQuery,
  type IndexDefinition,
  type IndexKey,
  type IndexKeyPart,
  type LoadChunk,
  type LoadOptions,
  type Page,
  type RecordChange,
  type StoragePort,
  type StoredRecord,
  type Unsubscribe,
  type WriteOperation,
} from '@casekit/core';
import { openChangeChannel, type ChangeChannel } from './broadcast.js';
import { chooseCasePlan, countFromIndex, groupRows, runCasePlan, TEXT_PLAN_LIMITS, type TextPlanLimits } from './case-query-plan.js';
import { BLIND_INDEXES } from './encrypted-fields.js';
import { COUNT_TABLES, CaseCountDeltas, countsAnswer, countsFromTable, type CountKey, type CountRow } from './case-counts.js';
import { createRowCipher, plainCipher, type EncryptionOptions, type RowCipher } from './encryption.js';
import { toStorageError } from './errors.js';
import { AFTER, findBounds, idBounds, continueAfter, prefixBounds, type KeyBounds, type RangeReader } from './key-ranges.js';
import { declareSchema, SCHEMA_VERSION } from './migrations.js';
import { CASE_COUNTS_TABLE, CASE_ROW_KEYS, CASE_TOKENS_FIELD, REKEY_COLLECTIONS, REKEY_FIELD, TOKEN_COUNTS_TABLE, plainRow, storedIndex, withId, type Row, type StoredIndex, type StoredKey } from './schema.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

/** Rows re-keyed per transaction at open (see `rekeyFlaggedRows`). */
const REKEY_CHUNK = 500;
const TOKENS_INDEX = storedIndex('cases', 'tokens')!;

/** Rows encoded (and encrypted) per slice before a `load`'s transaction, with a yield between slices. */
const ENCODE_SLICE = 250;
/** Rows per bulkPut inside a `load`'s transaction. */
const PUT_BATCH = 100;

export interface DexieStorageOptions {
  /** IndexedDB database name. Use one per tenant and signed-in user, e.g. `casekit:acme:u-123`. */
  name: string;
  /** Encrypt personal-data fields at rest with the host's AES-GCM key. Default: off. */
  encryption?: EncryptionOptions;
  /** Ask the browser to keep this origin's data under storage pressure (`navigator.storage.persist()`). Default: false. */
  requestPersistence?: boolean;
  /**
   * Another tab upgraded (or deleted) the database. This connection has already closed itself so the
   * upgrade can proceed; every later call fails with a `database-closed` StorageError. Typically: ask
   * the user to reload. Default: nothing besides closing.
   */
  onVersionChange?: (event: { oldVersion: number; newVersion: number | null }) => void;
  /** Opening waits for other tabs holding an older version; called when that happens. */
  onBlocked?: () => void;
  /** How long to wait for blocking tabs before failing with a `database-blocked` StorageError. Default: 10 000 ms. */
  blockedTimeoutMs?: number;
  /** Another IndexedDB implementation (e.g. fake-indexeddb in Node). Default: the global one. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

/** The storage port plus what only an IndexedDB adapter has. */
export interface DexieStorage extends StoragePort {
  readonly databaseName: string;
  /** Resolves once the database is open and migrated; rejects with a StorageError. Calls wait for it anyway. */
  ready(): Promise<void>;
  /** `navigator.storage.persist()`'s answer when `requestPersistence` is set; undefined otherwise or when unsupported. */
  readonly persistence: Promise<boolean | undefined>;
}

/** Creates IndexedDB storage through Dexie. The database opens (and migrates) in the background. */
export function createDexieStorage(options: DexieStorageOptions): DexieStorage {
  return new DexieStorageAdapter(options);
}

/** For tests, not exported from the package. */
export interface DexieStorageInternals {
  /** Dexie middleware to insert below the adapter (e.g. to simulate engine failures or count reads). */
  middleware?: Middleware<DBCore>[];
  /** Smaller thresholds, so a small test database takes the plans a large one would. */
  textPlanLimits?: Partial<TextPlanLimits>;
  /** How `load` batches its puts (the bench compares settings). Default: PUT_BATCH rows, two batches in flight. */
  loadBatches?: { rows: number; inFlight: number };
}

export class DexieStorageAdapter implements DexieStorage {
  readonly kind: string;
  readonly databaseName: string;
  readonly persistence: Promise<boolean | undefined>;
  private readonly db: Dexie;
  private readonly cipher: RowCipher;
  private readonly textPlanLimits: TextPlanLimits;
  private readonly totals = new Map<CollectionName, { count: number; at: number }>();
  private readonly loadBatches: { rows: number; inFlight: number };
  private readonly listeners = new Set<ChangeListener>();
  private readonly channel: ChangeChannel;
  private readonly opening: Promise<void>;
  private closedReason: string | undefined;

  constructor(
    private readonly options: DexieStorageOptions,
    internals: DexieStorageInternals = {},
  ) {
    if (!options.name) throw new TypeError('createDexieStorage: `name` is required');
    this.databaseName = options.name;
    this.kind = `dexie:${options.name}`;
    this.cipher = options.encryption ? createRowCipher(options.encryption) : plainCipher;
    this.textPlanLimits = { ...TEXT_PLAN_LIMITS, ...internals.textPlanLimits };
    this.loadBatches = internals.loadBatches ?? { rows: PUT_BATCH, inFlight: 2 };
    this.db = new Dexie(options.name, {
      autoOpen: false,
      // Dexie's query cache serves liveQuery, which the adapter does not use.
      cache: 'disabled',
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    declareSchema(this.db);
    for (const middleware of internals.middleware ?? []) this.db.use(middleware);
    this.db.on('versionchange', (event: IDBVersionChangeEvent) => {
      // Close at once (Dexie would reopen on the next call with a stale schema): the upgrading tab
      // proceeds, and this one reports instead of hanging.
      this.db.close({ disableAutoOpen: true });
      this.closedReason = event.newVersion ? 'another tab upgraded it' : 'another tab deleted it';
      this.options.onVersionChange?.({ oldVersion: event.oldVersion / 10, newVersion: event.newVersion === null ? null : event.newVersion / 10 });
    });
    this.opening = this.open();
    this.opening.catch(() => undefined); // reported by every call instead
    this.channel = openChangeChannel(options.name, (changes) => this.emit({ changes, remote: true }));
    this.persistence = options.requestPersistence ? requestPersistence() : Promise.resolve(undefined);
  }

  ready(): Promise<void> {
    return this.opening;
  }

  async get<T extends StoredRecord>(collection: CollectionName, id: string): Promise<T | undefined> {
    return this.run(async () => {
      const row = await this.table(collection).get(id);
      return row && ((await this.cipher.open(collection, row)) as T);
    });
  }

  async getMany<T extends StoredRecord>(collection: CollectionName, ids: readonly string[]): Promise<(T | undefined)[]> {
    return this.run(async () => {
      const rows = await this.table(collection).bulkGet([...ids]);
      return Promise.all(rows.map((row) => (row ? (this.cipher.open(collection, row) as Promise<T>) : undefined)));
    });
  }

  async find<T extends StoredRecord>(collection: CollectionName, query: FindQuery): Promise<Page<T>> {
    return this.run(async () => {
      const reverse = query.reverse ?? false;
      const limit = query.limit ?? Infinity;
      const reader = this.reader(collection);
      if (query.index === 'id') {
        const bounds = query.cursor ? continueAfter(idBounds(query), decodeCursor(query.cursor).id, reverse) : idBounds(query);
        const rows = await reader.rows(':id', bounds, { reverse, limit: limit + 1 });
        const page = rows.slice(0, limit);
        const items = await Promise.all(page.map((row) => this.cipher.open(collection, row) as Promise<T>));
        const last = page[page.length - 1];
        return { items, ...(rows.length > limit && last ? { nextCursor: encodeCursor({ key: last.id, id: last.id }) } : {}) };
      }
      const { index, definition } = this.index(collection, query.index);
      let bounds = await this.boundsFor(collection, index.name, query);
      if (query.cursor) {
        const { key, id } = decodeCursor(query.cursor);
        bounds = continueAfter(bounds, withId(key, id), reverse);
      }
      // Unless a stored key is a hash (a blind index under encryption), the rows come straight from
      // the index in one request, and the key of the page's last entry is derived from its record.
      if (!(this.cipher.encrypted && BLIND_INDEXES[collection]?.includes(index.name))) {
        return this.findRows<T>(collection, index, bounds, reverse, limit);
      }
      // Keys first (they end with the id, and say which entry of a multi-entry index matched), then rows.
      const keys = await this.keysIn(collection, index.field, bounds, reverse, limit + 1);
      const pageKeys = keys.slice(0, limit);
      const ids = pageKeys.map((key) => key[key.length - 1] as string);
      const unique = [...new Set(ids)];
      const rows = await this.table(collection).bulkGet(unique);
      const records = new Map<string, StoredRecord>();
      await Promise.all(rows.map(async (row) => row && records.set(row.id, await this.cipher.open(collection, row))));
      // A record listed twice (two matching entries of a multi-entry index) must not be one shared object.
      const listed = new Set<string>();
      const items = ids.flatMap((id) => {
        const record = records.get(id);
        if (!record) return [];
        const item = listed.has(id) ? structuredClone(record) : record;
        listed.add(id);
        return [item as T];
      });
      const lastKey = pageKeys[pageKeys.length - 1];
      const lastRecord = lastKey && records.get(lastKey[lastKey.length - 1] as string);
      if (keys.length <= limit || !lastKey || !lastRecord) return { items };
      const key = indexKeys(definition, lastRecord).find((k) => compareKeys(withId(k, lastRecord.id), lastKey) === 0);
      return { items, nextCursor: encodeCursor({ key: key ?? lastKey.slice(0, -1), id: lastRecord.id }) };
    });
  }

  async count(collection: CollectionName, query: CountQuery): Promise<number> {
    return this.run(async () => {
      const table = this.table(collection);
      if (query.index === 'id') return this.reader(collection).count(':id', idBounds(query));
      const { index } = this.index(collection, query.index);
      const bounds = await this.boundsFor(collection, index.name, query);
      const range = table.where(index.field).between(bounds.lower, bounds.upper, !bounds.lowerOpen, !bounds.upperOpen);
      // A record appears once per matching entry of a multi-entry index; count records.
      return index.multi ? new Set(await range.primaryKeys()).size : range.count();
    });
  }

  async queryCases(input: CaseQuery): Promise<Page<CaseRecord>> {
    const query = CaseQuerySchema.parse(input);
    return this.run(async () => {
      const reader = this.reader('cases');
      const plan = await chooseCasePlan(reader, query, this.textPlanLimits);
      const result = await runCasePlan(reader, plan, query, query.limit);
      const items = await Promise.all(result.rows.map((row) => this.cipher.open('cases', row) as Promise<StoredRecord> as Promise<CaseRecord>));
      return { items, ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
    });
  }

  async countCases(groupBy: CaseGroupField, input: CaseQuery): Promise<Record<string, number>> {
    const query = CaseQuerySchema.parse({ ...input, cursor: undefined });
    return this.run(async () => {
      if (countsAnswer(groupBy, query)) {
        return countsFromTable(await this.reader('cases').caseCounts(query.assigneeId), groupBy, query);
      }
      const reader = this.reader('cases');
      const fromIndex = await countFromIndex(reader, groupBy, query, this.textPlanLimits);
      if (fromIndex) return fromIndex;
      const plan = await chooseCasePlan(reader, query, this.textPlanLimits);
      return groupRows((await runCasePlan(reader, plan, query, Infinity)).rows, groupBy);
    });
  }

  async commit(operations: readonly WriteOperation[]): Promise<void> {
    if (!operations.length) return;
    const changes = await this.run(async () => {
      // Encrypt before the transaction: awaiting WebCrypto inside it would let IndexedDB commit early.
      const rows = await Promise.all(operations.map((op) => (op.type === 'put' ? this.encode(op.collection, op.record) : undefined)));
      const tables = [...new Set(operations.map((op) => op.collection))];
      // Case writes change the counts in the same transaction (see case-counts.ts).
      const counted = tables.includes('cases');
      return this.db.transaction('rw', [...tables, ...(counted ? COUNT_TABLES : [])], async () => {
        // Versions are read inside the read-write transaction: IndexedDB runs overlapping read-write
        // transactions one after another, across tabs too, so a concurrent writer is either wholly
        // before us (we see its version and conflict) or wholly after.
        const current = new Map<string, number>();
        const storedCases = new Map<string, Row>();
        await Promise.all(
          tables.map(async (collection) => {
            const ids = [...new Set(operations.filter((op) => op.collection === collection).map((op) => (op.type === 'put' ? op.record.id : op.id)))];
            const existing = await this.table(collection).bulkGet(ids);
            existing.forEach((row) => row && current.set(`${collection}/${row.id}`, row.v));
            if (collection === 'cases') existing.forEach((row) => row && storedCases.set(row.id, row));
          }),
        );
        const { writes, changes } = planOperations(operations, (collection, id) => current.get(`${collection}/${id}`));
        // The last write to each record decides what is stored.
        const final = new Map<string, { collection: CollectionName; id: string; row: Row | undefined }>();
        writes.forEach((write, i) => final.set(`${write.collection}/${write.id}`, { collection: write.collection, id: write.id, row: write.record && rows[i] }));
        await Promise.all(
          tables.map((collection) => {
            const entries = [...final.values()].filter((w) => w.collection === collection);
            const puts = entries.flatMap((w) => (w.row ? [w.row] : []));
            const deletes = entries.flatMap((w) => (w.row ? [] : [w.id]));
            return Promise.all([puts.length && this.table(collection).bulkPut(puts), deletes.length && this.table(collection).bulkDelete(deletes)]);
          }),
        );
        if (counted) {
          const deltas = new CaseCountDeltas();
          for (const w of final.values()) if (w.collection === 'cases') deltas.move(storedCases.get(w.id), w.row);
          await deltas.apply(this.db);
        }
        return changes;
      });
    });
    this.publish(changes);
  }

  async load(chunks: readonly LoadChunk[], options: LoadOptions = {}): Promise<void> {
    if (!chunks.length) return;
    // An error thrown by the host's onChunk comes back as it is, not as a StorageError.
    let hostError: { error: unknown } | undefined;
    const onChunk = (chunk: LoadChunk) => {
      try {
        options.onChunk?.({ collection: chunk.collection, records: chunk.records.length });
      } catch (error) {
        hostError = { error };
        throw error;
      }
    };
    let changes: RecordChange[];
    try {
      changes = await this.run(async () => {
        // Encrypted rows are sealed before the transaction (awaiting WebCrypto inside it would let
        // IndexedDB commit early), a slice at a time so the page keeps responding meanwhile. Plain rows
        // are encoded batch by batch inside it, just before each put: the encoding overlaps the
        // engine's writes instead of preceding them, and the page never holds every row at once.
        const sealed: (Row[] | undefined)[] = [];
        for (const { collection, records } of chunks) {
          if (!this.cipher.encrypted) {
            sealed.push(undefined);
            continue;
          }
          const chunkRows: Row[] = [];
          for (let start = 0; start < records.length; start += ENCODE_SLICE) {
            for (const row of await Promise.all(records.slice(start, start + ENCODE_SLICE).map((record) => this.encode(collection, record)))) chunkRows.push(row);
            await yieldToEventLoop();
          }
          sealed.push(chunkRows);
        }
        const tables = [...new Set(chunks.map((chunk) => chunk.collection))];
        const counted = tables.includes('cases');
        // One read-write transaction: every chunk is kept, or none (a failed put, a refused audit id,
        // or an onChunk that throws aborts it).
        await this.db.transaction('rw', [...tables, ...(counted ? COUNT_TABLES : [])], async () => {
          // The counts move with the load. Into an empty table (an import) nothing is replaced, so no
          // stored row is read; otherwise each chunk's stored cases are read before it is put.
          const deltas = new CaseCountDeltas();
          const putNow = new Map<string, Row>();
          const emptyAtStart = counted && (await this.table('cases').limit(1).primaryKeys()).length === 0;
          const stored = new Set<string>();
          for (const collection of tables.filter((c) => APPEND_ONLY_COLLECTIONS.includes(c))) {
            const ids = [...new Set(chunks.flatMap((chunk) => (chunk.collection === collection ? chunk.records.map((r) => r.id) : [])))];
            (await this.table(collection).bulkGet(ids)).forEach((row) => row && stored.add(`${collection}/${row.id}`));
          }
          assertLoadAppendsOnly(chunks, (collection, id) => stored.has(`${collection}/${id}`));
          for (const [i, chunk] of chunks.entries()) {
            const rows = sealed[i];
            if (chunk.collection === 'cases') await this.countLoadedCases(chunk.records, emptyAtStart, putNow, deltas);
            await this.putInBatches(chunk.collection, chunk.records.length, (start, end) =>
              rows ? rows.slice(start, end) : chunk.records.slice(start, end).map((record) => plainRow(chunk.collection, record)),
            );
            onChunk(chunk);
          }
          if (counted) await deltas.apply(this.db);
        });
        return chunks.flatMap(({ collection, records }) => records.map((r): RecordChange => ({ collection, id: r.id, type: 'put', version: r.version })));
      });
    } catch (error) {
      throw hostError ? hostError.error : error;
    }
    this.publish(changes);
  }

  /**
   * Puts rows in batches of PUT_BATCH, two batches in flight (by default): each main-thread task
   * encodes (plain rows) and serializes one batch (IndexedDB clones values and computes index keys on
   * the calling thread), the page runs in between, and the engine always has the next batch queued.
   * Each batch is issued from an earlier one's completion, which keeps the transaction active.
   */
  private async putInBatches(collection: CollectionName, count: number, rowsIn: (start: number, end: number) => Row[]): Promise<void> {
    const table = this.table(collection);
    const { rows: size, inFlight } = this.loadBatches;
    const pending: Promise<unknown>[] = [];
    for (let start = 0; start < count; start += size) {
      const current = table.bulkPut(rowsIn(start, start + size));
      current.catch(() => undefined); // awaited below; this only stops an "unhandled" report if an earlier one fails first
      pending.push(current);
      if (pending.length >= inFlight) await pending.shift();
    }
    await Promise.all(pending);
  }

  async clear(): Promise<void> {
    const changes = await this.run(() =>
      this.db.transaction('rw', [...COLLECTIONS, ...COUNT_TABLES], async () => {
        const changes: RecordChange[] = [];
        await Promise.all(COUNT_TABLES.map((name) => this.db.table(name).clear()));
        for (const collection of COLLECTIONS) {
          const table = this.table(collection);
          await table.each((row) => changes.push({ collection, id: row.id, type: 'delete', version: row.v }));
          await table.clear();
        }
        return changes;
      }),
    );
    this.publish(changes);
  }

  subscribe(listener: ChangeListener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closedReason ??= 'close() was called';
    this.listeners.clear();
    this.channel.close();
    this.db.close({ disableAutoOpen: true });
  }

  private async open(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const blocked = new Promise<never>((_resolve, reject) => {
      this.db.on('blocked', () => {
        this.options.onBlocked?.();
        timer ??= setTimeout(() => {
          this.db.close({ disableAutoOpen: true });
          reject(
            new StorageError(
              'database-blocked',
              `Opening database "${this.databaseName}" (schema version ${SCHEMA_VERSION}) is blocked: another tab keeps an older version open. Close or reload the other tabs.`,
            ),
          );
        }, this.options.blockedTimeoutMs ?? 10_000);
      });
    });
    try {
      await Promise.race([this.db.open(), blocked]);
    } catch (error) {
      throw toStorageError(error, this.databaseName, this.closedReason);
    } finally {
      clearTimeout(timer);
    }
    if (this.cipher.encrypted) await this.rekeyFlaggedRows();
  }

  /**
   * Derives the keys an upgrade could not (they come from encrypted fields) for the rows it flagged,
   * now that the key is at hand: each row is opened and sealed again in chunks, and written only if no
   * one rewrote it meanwhile. A row that does not open (a wrong key) is left flagged: reading it reports
   * the error as before.
   */
  private async rekeyFlaggedRows(): Promise<void> {
    for (const collection of REKEY_COLLECTIONS) {
      const table = this.table(collection);
      for (;;) {
        const rows = await table.where(REKEY_FIELD).equals(1).limit(REKEY_CHUNK).toArray();
        if (!rows.length) break;
        let fresh: Row[];
        try {
          fresh = await Promise.all(rows.map(async (row) => this.encode(collection, await this.cipher.open(collection, row))));
        } catch {
          return;
        }
        const written = await this.db.transaction('rw', table, async () => {
          const now = await table.bulkGet(rows.map((row) => row.id));
          const unchanged = fresh.filter((_row, i) => now[i]?.[REKEY_FIELD] === 1 && now[i]?.v === rows[i]!.v);
          await table.bulkPut(unchanged);
          return unchanged.length;
        });
        if (!written) return;
      }
    }
  }

  private async run<T>(body: () => Promise<T>): Promise<T> {
    try {
      await this.opening;
      if (!this.db.isOpen()) throw new StorageError('database-closed', this.closedMessage());
      return await body();
    } catch (error) {
      throw toStorageError(error, this.databaseName, this.closedReason);
    }
  }

  private closedMessage(): string {
    return `Database "${this.databaseName}" is closed${this.closedReason ? ` (${this.closedReason})` : ''}. Reload the page to open it again.`;
  }

  private table(collection: CollectionName): Table<Row, string> {
    return this.db.table(collection);
  }

  private index(collection: CollectionName, name: string) {
    const definition = indexDefinition(collection, name);
    const index = definition && storedIndex(collection, name);
    if (!definition || !index) throw new StorageError('storage', `${collection} has no index "${name}"`);
    return { definition, index };
  }

  /** The range a find/count selects; blind indexes (under encryption) are looked up by the HMAC of the key. */
  private async boundsFor(collection: CollectionName, indexName: string, query: CountQuery): Promise<KeyBounds> {
    const blinded = query.equals === undefined ? undefined : await this.cipher.blindKey(collection, indexName, query.equals);
    if (blinded !== undefined) return prefixBounds([blinded]);
    if (this.cipher.encrypted && BLIND_INDEXES[collection]?.includes(indexName)) {
      throw new StorageError('storage', `${collection}.${indexName} holds only hashed keys under encryption: look it up with "equals", not a prefix or range`);
    }
    return findBounds(query);
  }

  private countsTable(name = CASE_COUNTS_TABLE): Table<CountRow, CountKey> {
    return this.db.table(name);
  }

  /**
   * Counts a load's chunk of cases: each replaces the row stored before the load (read only when the
   * table was not empty) or one put earlier in the same load.
   */
  private async countLoadedCases(records: readonly StoredRecord[], emptyAtStart: boolean, putNow: Map<string, Row>, deltas: CaseCountDeltas): Promise<void> {
    const unseen = emptyAtStart ? [] : [...new Set(records.map((r) => r.id).filter((id) => !putNow.has(id)))];
    const stored = new Map((await this.table('cases').bulkGet(unseen)).flatMap((row) => (row ? [[row.id, row] as const] : [])));
    for (const record of records) {
      // What the counts read of a row: its small key fields and its search tokens (see case-counts.ts).
      const tokens = TOKENS_INDEX.keys(record).map((key) => withId(key, record.id));
      const row = { id: record.id, v: record.version, r: record, ...CASE_ROW_KEYS(record as unknown as CaseRecord), [CASE_TOKENS_FIELD]: tokens } as Row;
      deltas.move(putNow.get(record.id) ?? stored.get(record.id), row);
      stored.delete(record.id);
      putNow.set(record.id, row);
    }
  }

  private reader(collection: CollectionName): RangeReader {
    const where = (field: string, b: KeyBounds) => this.table(collection).where(field).between(b.lower, b.upper, !b.lowerOpen, !b.upperOpen);
    return {
      rows: (field, bounds, { reverse, limit }) => {
        let range = where(field, bounds);
        if (reverse) range = range.reverse();
        if (limit !== Infinity) range = range.limit(limit);
        return range.toArray();
      },
      count: (field, bounds) => where(field, bounds).count(),
      total: async () => {
        // Counting a whole table takes a few ms at 100,000 rows: plans share one count for a while.
        const cached = this.totals.get(collection);
        if (cached && Date.now() - cached.at < TOTAL_TTL_MS) return cached.count;
        const count = await this.table(collection).count();
        this.totals.set(collection, { count, at: Date.now() });
        return count;
      },
      // Primary keys of an index range come in one getAllKeys request; index keys would need a cursor.
      ids: async (field, bounds) => new Set(await where(field, bounds).primaryKeys()),
      orderedIds: (field, bounds, reverse) => (reverse ? where(field, bounds).reverse() : where(field, bounds)).primaryKeys(),
      byIds: async (ids) => (await this.table(collection).bulkGet([...ids])).filter((row): row is Row => row !== undefined),
      // One assignee's rows of the case counts (their keys begin with the assignee), or all of them.
      caseCounts: (assignee) => {
        const counts = this.countsTable();
        return assignee === undefined ? counts.toArray() : counts.where(':id').between([assignee], [assignee, []]).toArray();
      },
      tokenCounts: (bounds) => this.countsTable(TOKEN_COUNTS_TABLE).where(':id').between(bounds.lower, bounds.upper, !bounds.lowerOpen, !bounds.upperOpen).toArray(),
      firstParts: async (field, bounds = prefixBounds([]), limit = Infinity) => {
        const parts: IndexKeyPart[] = [];
        for (let key = await where(field, bounds).limit(1).keys(); key.length && parts.length < limit; ) {
          const first = (key[0] as unknown as IndexKeyPart[])[0]!;
          parts.push(first);
          key = await where(field, { ...bounds, lower: [first, AFTER], lowerOpen: true }).limit(1).keys();
        }
        return parts;
      },
    };
  }

  /**
   * One page of records read through an index in one request. A multi-entry index yields a record once
   * per matching entry, in entry order: the k-th copy of a record in the page is its k-th key inside the
   * bounds, which is how the last entry's key (the cursor) is found.
   */
  private async findRows<T extends StoredRecord>(collection: CollectionName, index: StoredIndex, b: KeyBounds, reverse: boolean, limit: number): Promise<Page<T>> {
    const rows = await this.range(collection, index.field, b, reverse, limit + 1).toArray();
    const page = rows.slice(0, limit);
    const opened = new Map<string, StoredRecord>();
    await Promise.all([...new Map(page.map((row) => [row.id, row])).values()].map(async (row) => opened.set(row.id, await this.cipher.open(collection, row))));
    // A record listed twice (two matching entries of a multi-entry index) must not be one shared object.
    const listed = new Set<string>();
    const items = page.map((row) => {
      const record = opened.get(row.id)!;
      const item = listed.has(row.id) ? structuredClone(record) : record;
      listed.add(row.id);
      return item as T;
    });
    const last = items[items.length - 1];
    if (rows.length <= limit || !last) return { items };
    // The keys as stored (an extended or aliased index has more parts than core's key), so the next
    // page continues right after this entry.
    const within = index.keys(last)
      .map((key) => withId(key, last.id))
      .filter((key) => withinBounds(key, b))
      .sort((x, y) => (reverse ? compareKeys(y, x) : compareKeys(x, y)));
    const copies = items.filter((item) => item.id === last.id).length;
    const key = within[copies - 1];
    if (!key) throw new StorageError('storage', `${collection}/${last.id}: its stored keys differ from the keys its record derives; rewrite it`);
    return { items, nextCursor: encodeCursor({ key: key.slice(0, -1) as IndexKey, id: last.id }) };
  }

  private async keysIn(collection: CollectionName, field: string, b: KeyBounds, reverse: boolean, limit: number): Promise<StoredKey[]> {
    return (await this.range(collection, field, b, reverse, limit).keys()) as unknown as StoredKey[];
  }

  /** The entries of one index inside bounds, in order (or reversed), at most `limit`. */
  private range(collection: CollectionName, field: string, b: KeyBounds, reverse: boolean, limit: number) {
    let range = this.table(collection).where(field).between(b.lower, b.upper, !b.lowerOpen, !b.upperOpen);
    if (reverse) range = range.reverse();
    return limit === Infinity ? range : range.limit(limit);
  }

  private encode(collection: CollectionName, record: StoredRecord): Promise<Row> {
    return this.cipher.seal(collection, plainRow(collection, record));
  }

  private publish(changes: RecordChange[]): void {
    if (!changes.length) return;
    this.channel.post(changes);
    this.emit({ changes, remote: false });
  }

  private emit(batch: ChangeBatch): void {
    notifyListeners(this.listeners, batch);
  }
}

/** How long a table's row count serves query planning before it is counted again. */
const TOTAL_TTL_MS = 30_000;

async function requestPersistence(): Promise<boolean | undefined> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return undefined;
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}

/** Whether a stored key lies inside bounds, compared as IndexedDB orders keys. */
function withinBounds(key: StoredKey, b: KeyBounds): boolean {
  const lower = cmp(key, b.lower);
  const upper = cmp(key, b.upper);
  return (b.lowerOpen ? lower > 0 : lower >= 0) && (b.upperOpen ? upper < 0 : upper <= 0);
}
