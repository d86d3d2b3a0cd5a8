import { COLLECTIONS, ConflictError, StorageError, notifyListeners, planOperations } from '@casekit/core';
import type {
  CaseGroupField,
  CaseQuery,
  ChangeBatch,
  ChangeListener,
  CollectionName,
  LoadChunk,
  LoadOptions,
  RecordChange,
  StoredRecord,
  WriteOperation,
} from '@casekit/core';
import { createFhirClient } from '../client/fhir-client.js';
import type { FhirClient } from '../client/fhir-client.js';
import { FhirConflictError, FhirNetworkError, FhirPermissionError, FhirStorageError, FhirValidationError } from '../client/errors.js';
import type { FhirResource } from '../client/fhir-types.js';
import type { TransactionEntry, TransactionResult } from '../client/transaction.js';
import { createMemoryOutboxStore } from './outbox-store.js';
import type { OutboxEntry, OutboxStore, RecordWrite, ServerState, StoredConflict } from './outbox-store.js';
import { SYNCED_TYPES, SYNC_TAG_PARAM, mainRefOf, recordKey, recordsFrom, refOf, sameJson, splitKey, splitRef } from './record-resources.js';
import { ownersOf, refsGoneFromServer } from './reconcile.js';
import { TrackedState } from './tracked-state.js';
import type { PulledRecord, RecordKey, ResourceRef } from './record-resources.js';
import type { FhirStorage, FhirStorageOptions, FhirSync, SyncConflict, SyncEvent, SyncListener, SyncStatus } from './sync-types.js';
import { chunkWrites, entryRef, mergeWrites, planWrite } from './write-plan.js';
import type { PlannedWrite } from './write-plan.js';

/** Drafts are private work in progress: they stay in the replica and never reach the server. */
const LOCAL_ONLY: readonly CollectionName[] = ['drafts'];

/**
 * casekit storage whose system of record is a FHIR R4 server. Reads and queries answer from `replica`;
 * commits go to the server as one transaction (If-Match on every resource) and then to the replica;
 * while the server is unreachable they go to the replica and a durable outbox, replayed in order on
 * reconnect. Changes made elsewhere arrive by polling and reach `subscribe` with `remote: true`.
 */
export async function createFhirStorage(options: FhirStorageOptions): Promise<FhirStorage> {
  const storage = new FhirStorageAdapter(options);
  await storage.start();
  return storage;
}

class FhirStorageAdapter implements FhirStorage {
  readonly kind: string;
  readonly client: FhirClient;
  readonly sync: FhirSync;
  private readonly replica;
  private readonly outbox: OutboxStore;
  private readonly listeners = new Set<ChangeListener>();
  private readonly syncListeners = new Set<SyncListener>();
  private readonly maxEntries: number;
  private readonly pageSize: number;
  private readonly now: () => Date;
  private tracked = new TrackedState({ versions: {}, parts: {}, cursors: {} });
  private get state(): ServerState {
    return this.tracked.state;
  }
  private pending: OutboxEntry[] = [];
  private readonly conflictMap = new Map<RecordKey, StoredConflict>();
  private online = false;
  private capabilitiesChecked = false;
  private closed = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private pullQueued = false;
  private flushQueued = false;
  /** Why the outbox waits although the server answers (auth, server failure); cleared by a replay. */
  private blocked: string | undefined;

  constructor(private readonly options: FhirStorageOptions) {
    this.kind = `fhir:${options.baseUrl}`;
    this.replica = options.replica;
    this.outbox = options.outbox ?? createMemoryOutboxStore();
    this.maxEntries = options.maxEntriesPerTransaction ?? 50;
    this.pageSize = options.pageSize ?? 100;
    this.now = options.now ?? (() => new Date());
    this.client = createFhirClient({
      ...options.client,
      baseUrl: options.baseUrl,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.getAccessToken ? { getAccessToken: options.getAccessToken } : {}),
    });
    this.sync = {
      status: () => this.status(),
      subscribe: (listener) => {
        this.syncListeners.add(listener);
        return () => this.syncListeners.delete(listener);
      },
      pull: (pullOptions) => this.exclusive(() => this.pullNow(pullOptions)),
      conflicts: () => [...this.conflictMap.values()].map((c) => this.conflictHandle(c)),
      resolve: (collection, id, choice) => this.exclusive(() => this.resolveConflict(collection, id, choice)),
    };
  }

  async start(): Promise<void> {
    this.tracked = new TrackedState(await this.outbox.loadState());
    this.pending = (await this.outbox.entries()).sort((a, b) => a.seq - b.seq);
    for (const conflict of await this.outbox.conflicts()) this.conflictMap.set(recordKey(conflict.collection, conflict.id), conflict);
    // A server that cannot be the system of record is refused now; an unreachable one is checked on reconnect.
    await this.exclusive(() => this.pullNow());
    const interval = this.options.pollIntervalMs ?? 30_000;
    if (interval > 0) {
      this.timer = setInterval(() => this.schedulePull(), interval);
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  // ---- reads: from the replica ----

  async get<T extends StoredRecord>(collection: CollectionName, id: string): Promise<T | undefined> {
    this.assertOpen();
    if (this.options.refreshOnGet !== false && this.online && !LOCAL_ONLY.includes(collection)) {
      await this.exclusive(() => this.refreshRecord(collection, id));
    }
    return this.replica.get<T>(collection, id);
  }

  getMany<T extends StoredRecord>(collection: CollectionName, ids: readonly string[]) {
    return this.replica.getMany<T>(collection, ids);
  }

  find<T extends StoredRecord>(collection: CollectionName, query: Parameters<FhirStorage['find']>[1]) {
    return this.replica.find<T>(collection, query);
  }

  count(collection: CollectionName, query: Parameters<FhirStorage['count']>[1]) {
    return this.replica.count(collection, query);
  }

  queryCases(query: CaseQuery) {
    return this.replica.queryCases(query);
  }

  countCases(groupBy: CaseGroupField, query: CaseQuery) {
    return this.replica.countCases(groupBy, query);
  }

  // ---- writes ----

  async commit(operations: readonly WriteOperation[]): Promise<void> {
    this.assertOpen();
    if (!operations.length) return;
    await this.exclusive(async () => {
      const current = await this.currentRecords(operations.map((o) => ({ collection: o.collection, id: o.type === 'put' ? o.record.id : o.id })));
      const { changes } = planOperations(operations, (collection, id) => current.get(recordKey(collection, id))?.version);
      const writes = mergeWrites(operations, (collection, id) => current.get(recordKey(collection, id))).filter((w) => !LOCAL_ONLY.includes(w.collection));
      // Audit events alone (the disclosure record of a read) need not hold the read up for a round trip:
      // they are queued durably, like offline work, and sent right after.
      const auditOnly = writes.length > 0 && writes.every((w) => w.collection === 'audit' && !w.before);
      if (writes.length) {
        if (this.online && this.pending.length && !auditOnly) await this.flush();
        const transactionId = crypto.randomUUID();
        if (this.online && !this.pending.length && !auditOnly) {
          try {
            await this.send(writes, transactionId, { guardCreates: true });
          } catch (error) {
            if (!isUnreachable(error)) throw await this.asRecordConflict(error, writes);
            this.setOnline(false);
            await this.enqueue(writes, changes, transactionId, error instanceof FhirNetworkError && error.applied === 'unknown');
          }
        } else {
          await this.enqueue(writes, changes, transactionId, false);
        }
      }
      await this.replica.commit(operations);
      await this.saveState();
      this.emit({ changes, remote: false });
      if (auditOnly && this.online) this.scheduleFlush();
    });
  }

  /** Sends the outbox soon, in the background (after the work queued now). */
  private scheduleFlush(): void {
    if (this.flushQueued || this.closed) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.exclusive(async () => {
        this.flushQueued = false;
        if (this.online && !this.closed) await this.flush();
      }).catch((error: unknown) => this.emitSync({ type: 'error', error }));
    });
  }

  async load(chunks: readonly LoadChunk[], options: LoadOptions = {}): Promise<void> {
    this.assertOpen();
    await this.exclusive(async () => {
      const targets = chunks.flatMap(({ collection, records }) => records.map((r) => ({ collection, id: r.id })));
      const before = await this.currentRecords(targets);
      // The replica checks the append-only rule and runs onChunk; if either fails nothing is kept anywhere.
      await this.replica.load(chunks, options);
      const latest = new Map<RecordKey, RecordWrite>();
      for (const { collection, records } of chunks) {
        if (LOCAL_ONLY.includes(collection)) continue;
        for (const record of records) latest.set(recordKey(collection, record.id), { collection, id: record.id, before: before.get(recordKey(collection, record.id)), after: record });
      }
      const writes = [...latest.values()];
      const changes: RecordChange[] = chunks.flatMap(({ collection, records }) => records.map((r) => ({ collection, id: r.id, type: 'put' as const, version: r.version })));
      if (writes.length) {
        const transactionId = crypto.randomUUID();
        if (this.online && this.pending.length) await this.flush();
        if (!this.online || this.pending.length) {
          await this.enqueue(writes, changes, transactionId, false);
        } else {
          try {
            // A load replaces records as given, so its PUTs carry no If-Match.
            await this.send(writes, transactionId, { guardCreates: false, unguardedPuts: true });
          } catch (error) {
            if (!isUnreachable(error)) {
              await this.restoreReplica(writes);
              throw error;
            }
            this.setOnline(false);
            await this.enqueue(writes, changes, transactionId, error instanceof FhirNetworkError && error.applied === 'unknown');
          }
        }
      }
      await this.saveState();
      this.emit({ changes, remote: false });
    });
  }

  /**
   * Empties the replica and forgets queued commits and conflicts. Never deletes on the server (an EHR's
   * records are not casekit's to wipe); the sync cursors are kept, so only later server changes arrive.
   */
  async clear(): Promise<void> {
    this.assertOpen();
    await this.exclusive(async () => {
      const changes: RecordChange[] = [];
      for (const collection of COLLECTIONS) {
        const page = await this.replica.find(collection, { index: 'id' });
        for (const r of page.items) changes.push({ collection, id: r.id, type: 'delete', version: r.version });
      }
      await this.replica.clear();
      for (const entry of this.pending) await this.outbox.remove(entry.seq);
      for (const conflict of this.conflictMap.values()) await this.outbox.removeConflict(conflict.collection, conflict.id);
      this.pending = [];
      this.conflictMap.clear();
      this.tracked.resetParts();
      await this.saveState();
      this.emit({ changes, remote: false });
      this.emitSync({ type: 'status', status: this.status() });
    });
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.queue.catch(() => undefined);
    this.listeners.clear();
    this.syncListeners.clear();
    if (!this.options.keepStoresOpen) {
      await this.replica.close();
      await this.outbox.close();
    }
  }

  // ---- sending ----

  /**
   * Sends record writes as transactions (one unless the commit exceeds `maxEntriesPerTransaction`),
   * updating the known server versions. If a later transaction of a split commit fails, the earlier
   * ones are undone (each record put back as it was, If-Match on the versions just written).
   */
  private async send(
    writes: readonly RecordWrite[],
    transactionId: string,
    how: { guardCreates: boolean; unguardedPuts?: boolean; ifMatch?: Record<ResourceRef, string> },
  ): Promise<void> {
    const versionOf = (ref: ResourceRef) => (how.ifMatch && ref in how.ifMatch ? how.ifMatch[ref] : this.state.versions[ref]);
    const planned = writes.map((write) => {
      const plan = planWrite(write, this.state, versionOf);
      if (how.unguardedPuts) plan.entries = plan.entries.map((e) => (e.method === 'PUT' ? { method: 'PUT', resource: e.resource } : e));
      return plan;
    });
    if (how.guardCreates) await this.assertCreatesAbsent(planned);
    const chunks = chunkWrites(planned, this.maxEntries).filter((chunk) => chunk.some((p) => p.entries.length));
    const done: PlannedWrite[] = [];
    for (const [index, chunk] of chunks.entries()) {
      const entries = chunk.flatMap((p) => p.entries);
      let result: TransactionResult;
      try {
        result = await this.client.transaction(entries, { transactionId: chunks.length > 1 ? `${transactionId}.${index}` : transactionId });
      } catch (error) {
        if (done.length) await this.compensate(done);
        throw error;
      }
      this.setOnline(true);
      this.applyResult(chunk, entries, result);
      done.push(...chunk);
    }
  }

  private applyResult(chunk: readonly PlannedWrite[], entries: readonly TransactionEntry[], result: TransactionResult): void {
    entries.forEach((entry, index) => {
      const ref = entryRef(entry);
      const answer = result.entries[index];
      if (entry.method === 'DELETE') delete this.state.versions[ref];
      else if (answer?.versionId) this.state.versions[ref] = answer.versionId;
      else delete this.state.versions[ref]; // unknown: the next pull or get learns it
    });
    for (const { write, refs } of chunk) {
      const key = recordKey(write.collection, write.id);
      if (write.after) this.state.parts[key] = refs;
      else delete this.state.parts[key];
      // A create whose main resource answered 200 met a resource created between our check and the write.
      const mainIndex = entries.findIndex((e) => e.method === 'PUT' && !e.ifMatch && refOf(e.resource) === mainRefOf(write.collection, write.id));
      if (!write.before && mainIndex >= 0 && result.entries[mainIndex] && !result.entries[mainIndex].created && !result.recovered) {
        const conflict: StoredConflict = { collection: write.collection, id: write.id, mine: write.after, theirs: undefined, theirVersions: {}, kind: 'create-collision', detectedAt: this.now().toISOString() };
        this.conflictMap.set(key, conflict);
        void this.outbox.putConflict(conflict);
        this.emitSync({ type: 'conflict', conflict });
      }
    }
  }

  /** "Create must not exist": R4 has no atomic check, so the main resources of creates are searched first. */
  private async assertCreatesAbsent(planned: readonly PlannedWrite[]): Promise<void> {
    const byType = new Map<string, { id: string; write: RecordWrite }[]>();
    for (const { write } of planned) {
      // Audit events are append-only with fresh random ids: a 200 instead of 201 still shows a collision.
      if (write.before || !write.after || write.collection === 'audit') continue;
      // Even when a version is known: the replica may have been cleared while the server kept the record.
      const { resourceType, id } = splitRef(mainRefOf(write.collection, write.id));
      byType.set(resourceType, [...(byType.get(resourceType) ?? []), { id, write }]);
    }
    for (const [resourceType, wanted] of byType) {
      for (let at = 0; at < wanted.length; at += 50) {
        const slice = wanted.slice(at, at + 50);
        const page = await this.client.search(resourceType, { _id: slice.map((w) => w.id).join(','), _count: slice.length });
        const found = page.resources[0];
        if (!found) continue;
        const write = slice.find((w) => w.id === found.id)?.write ?? slice[0]!.write;
        const theirs = recordsFrom([found])[0]?.record;
        throw new ConflictError(write.collection, write.id, 0, theirs?.version ?? 1);
      }
    }
  }

  /** Puts the records of transactions already applied back as they were (best effort: a failure is reported). */
  private async compensate(done: readonly PlannedWrite[]): Promise<void> {
    const reverse = done.map(({ write }) => ({ ...write, before: write.after, after: write.before }));
    try {
      await this.send(reverse, crypto.randomUUID(), { guardCreates: false });
    } catch (error) {
      this.emitSync({ type: 'error', error: new FhirStorageError('server', 'A commit split over several transactions failed part-way and could not be fully undone', {}, { cause: error }) });
    }
  }

  /** A FhirConflictError names FHIR resources; the caller wants the casekit record and its version. */
  private async asRecordConflict(error: unknown, writes: readonly RecordWrite[]): Promise<unknown> {
    if (!(error instanceof FhirConflictError)) return error;
    const stale = error.conflicts[0];
    const write = (stale && this.ownerOf(`${stale.resourceType}/${stale.id}`, writes)) ?? writes[0];
    if (!write) return error;
    const theirs = await this.readTheirs(write.collection, write.id).catch(() => undefined);
    const expected = write.before?.version ?? 0;
    return new ConflictError(write.collection, write.id, expected, theirs?.record?.version, { cause: error });
  }

  private ownerOf(ref: ResourceRef, writes: readonly RecordWrite[]): RecordWrite | undefined {
    return writes.find((w) => {
      const key = recordKey(w.collection, w.id);
      return mainRefOf(w.collection, w.id) === ref || (this.state.parts[key] ?? []).includes(ref) || planWrite(w, this.state, () => undefined).refs.includes(ref);
    });
  }

  // ---- the outbox ----

  private async enqueue(writes: RecordWrite[], changes: RecordChange[], transactionId: string, uncertain: boolean): Promise<void> {
    const queuedRefs = new Set(this.pending.flatMap((e) => e.refs));
    const refs = new Set<ResourceRef>();
    const ifMatch: Record<ResourceRef, string> = {};
    for (const write of writes) {
      for (const entry of planWrite(write, this.state, (ref) => this.state.versions[ref]).entries) {
        const ref = entryRef(entry);
        refs.add(ref);
        if (!queuedRefs.has(ref) && entry.method !== 'POST' && entry.ifMatch) ifMatch[ref] = entry.ifMatch;
      }
    }
    const entry = await this.outbox.add({ transactionId, writes, refs: [...refs], changes, ifMatch, ...(uncertain ? { uncertain } : {}), queuedAt: this.now().toISOString() });
    this.pending.push(entry);
    this.emitSync({ type: 'status', status: this.status() });
  }

  /** Replays queued commits in order. Stops (staying queued) when the server is unreachable. */
  private async flush(): Promise<void> {
    while (this.pending.length) {
      const entry = this.pending[0]!;
      const writes = entry.writes.filter((w) => !this.conflictMap.has(recordKey(w.collection, w.id)));
      try {
        if (writes.length && entry.uncertain && (await this.landed(entry, writes))) {
          // It landed before the answer was lost: learn the versions it wrote.
          await this.refreshVersions(entry.refs);
        } else if (writes.length) {
          await this.send(writes, entry.transactionId, { guardCreates: true, ifMatch: entry.ifMatch });
        }
      } catch (error) {
        if (isUnreachable(error)) {
          this.setOnline(false);
          if (error instanceof FhirNetworkError && error.applied === 'unknown' && !entry.uncertain) {
            entry.uncertain = true;
            await this.outbox.replace(entry);
          }
          return;
        }
        if (error instanceof ConflictError) {
          // Not merged: the records that met a newer version are set aside as conflicts; the rest is retried.
          const stale = error instanceof FhirConflictError ? error.conflicts.map((c) => this.ownerOf(`${c.resourceType}/${c.id}`, writes)) : [writes.find((w) => w.collection === error.collection && w.id === error.id)];
          const conflicted = new Set(stale.filter((w): w is RecordWrite => w !== undefined));
          if (!conflicted.size) for (const w of writes) conflicted.add(w);
          for (const write of conflicted) await this.markConflict(write);
          continue;
        }
        if (error instanceof FhirPermissionError || error instanceof FhirValidationError) {
          await this.setAsideRefused(entry, writes, error);
          continue;
        }
        // Sign-in expired, server failing: kept in order and retried at the next pull.
        this.blocked = error instanceof Error ? error.message : String(error);
        this.emitSync({ type: 'error', error });
        this.emitSync({ type: 'status', status: this.status() });
        return;
      }
      this.blocked = undefined;
      await this.outbox.remove(entry.seq);
      this.pending.shift();
      await this.saveState();
      this.emitSync({ type: 'replayed', transactionId: entry.transactionId, records: writes.length });
      this.emitSync({ type: 'status', status: this.status() });
    }
  }

  /**
   * A queued commit the server refused (403, 400/422) would hold back every later one for ever. Its
   * records are set aside as `refused` conflicts (the user's version stays in the replica, the server's
   * reason is kept) and the outbox goes on. Its audit events are queued again on their own: what the user
   * did offline still reaches the server's log.
   */
  private async setAsideRefused(entry: OutboxEntry, writes: readonly RecordWrite[], error: Error): Promise<void> {
    const audit = writes.filter((w) => w.collection === 'audit');
    const refused = audit.length === writes.length ? writes : writes.filter((w) => w.collection !== 'audit');
    for (const write of refused) await this.markConflict(write, { kind: 'refused', reason: error.message });
    await this.outbox.remove(entry.seq);
    this.pending.shift();
    if (refused !== writes) {
      const changes = entry.changes.filter((c) => c.collection === 'audit');
      await this.enqueue(audit, changes, crypto.randomUUID(), false);
    }
    await this.saveState();
    this.emitSync({ type: 'status', status: this.status() });
  }

  private async landed(entry: OutboxEntry, writes: readonly RecordWrite[]): Promise<boolean> {
    const versionOf = (ref: ResourceRef) => (ref in entry.ifMatch ? entry.ifMatch[ref] : this.state.versions[ref]);
    const entries = writes.flatMap((w) => planWrite(w, this.state, versionOf).entries);
    return (await this.client.transactionStatus(entries, entry.transactionId)) === 'applied';
  }

  private async refreshVersions(refs: readonly ResourceRef[]): Promise<void> {
    for (const ref of refs) {
      const { resourceType, id } = splitRef(ref);
      const current = await this.client.read(resourceType, id);
      if (current?.meta?.versionId) this.state.versions[ref] = current.meta.versionId;
      else delete this.state.versions[ref];
    }
  }

  private async markConflict(write: RecordWrite, refusal?: { kind: 'refused'; reason: string }): Promise<void> {
    const key = recordKey(write.collection, write.id);
    const theirs = await this.readTheirs(write.collection, write.id);
    const mine = await this.replica.get(write.collection, write.id);
    const conflict: StoredConflict = {
      collection: write.collection,
      id: write.id,
      mine,
      theirs: theirs?.record,
      theirVersions: theirs?.versions ?? {},
      kind: refusal?.kind ?? (write.before ? 'stale-write' : 'create-collision'),
      ...(refusal ? { reason: refusal.reason } : {}),
      detectedAt: this.now().toISOString(),
    };
    this.conflictMap.set(key, conflict);
    await this.outbox.putConflict(conflict);
    this.emitSync({ type: 'conflict', conflict });
  }

  private conflictHandle(conflict: StoredConflict): SyncConflict {
    return {
      ...structuredClone(conflict),
      keepMine: () => this.sync.resolve(conflict.collection, conflict.id, 'mine'),
      takeTheirs: () => this.sync.resolve(conflict.collection, conflict.id, 'theirs'),
    };
  }

  private async resolveConflict(collection: CollectionName, id: string, choice: 'mine' | 'theirs'): Promise<void> {
    const key = recordKey(collection, id);
    const conflict = this.conflictMap.get(key);
    if (!conflict) throw new StorageError('storage', `${key} is not in conflict`);
    // Fresh: the server may have moved on again since the conflict was found.
    const theirs = await this.readTheirs(collection, id);
    for (const ref of Object.keys(conflict.theirVersions)) delete this.state.versions[ref];
    Object.assign(this.state.versions, theirs?.versions ?? {});
    if (theirs) this.state.parts[key] = theirs.refs;
    const local = await this.replica.get(collection, id);
    let change: RecordChange | undefined;
    if (choice === 'mine') {
      const mine = local ?? conflict.mine;
      const after = mine ? { ...mine, version: (theirs?.record.version ?? 0) + 1 } : undefined;
      await this.send([{ collection, id, before: theirs?.record, after }], crypto.randomUUID(), { guardCreates: false });
      await this.writeReplica(collection, id, local, after);
      change = after ? { collection, id, type: 'put', version: after.version } : local ? { collection, id, type: 'delete', version: local.version } : undefined;
    } else if (collection === 'audit' && !theirs) {
      // An event the server refused stays in the append-only local log; only the conflict goes.
      change = undefined;
    } else {
      await this.writeReplica(collection, id, local, theirs?.record);
      change = theirs ? { collection, id, type: 'put', version: theirs.record.version } : local ? { collection, id, type: 'delete', version: local.version } : undefined;
    }
    this.conflictMap.delete(key);
    await this.outbox.removeConflict(collection, id);
    await this.saveState();
    if (change) this.emit({ changes: [change], remote: choice === 'theirs' });
    this.emitSync({ type: 'status', status: this.status() });
  }

  // ---- pulling ----

  private schedulePull(): void {
    if (this.pullQueued || this.closed) return;
    this.pullQueued = true;
    this.exclusive(async () => {
      this.pullQueued = false;
      await this.pullNow();
    }).catch((error: unknown) => this.emitSync({ type: 'error', error }));
  }

  /** Replays the outbox, then asks each synced type for what changed since its cursor (and, now and then, what was deleted). */
  private async pullNow(options: { reconcile?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    const changed: FhirResource[] = [];
    let gone: ResourceRef[] = [];
    try {
      // At start and on each reconnect: the server may have been replaced by one that cannot be the system of record.
      if (!this.capabilitiesChecked || !this.online) {
        await this.client.capabilities({ resourceTypes: SYNCED_TYPES });
        this.capabilitiesChecked = true;
        this.setOnline(true);
      }
      if (this.pending.length) await this.flush();
      if (!this.online) return;
      for (const type of SYNCED_TYPES) {
        const since = this.state.cursors[type];
        const params = { ...this.scopeParams(), _count: this.pageSize, _sort: '_lastUpdated', ...(since ? { _lastUpdated: `ge${since}` } : {}) };
        for await (const page of this.client.searchPages(type, params)) changed.push(...page.resources);
      }
      if (options.reconcile || this.reconcileDue()) {
        gone = await refsGoneFromServer(this.client, SYNCED_TYPES, this.state, this.scopeParams());
        this.state.reconciledAt = this.now().toISOString();
      }
    } catch (error) {
      if (isUnreachable(error)) return this.setOnline(false);
      throw error;
    }
    for (const resource of changed) {
      const at = resource.meta?.lastUpdated;
      if (at && (!this.state.cursors[resource.resourceType] || at > this.state.cursors[resource.resourceType]!)) this.state.cursors[resource.resourceType] = at;
    }
    // `ge` returns the newest resources of the last poll again, and our own writes come back: known versions are skipped.
    const fresh = changed.filter((r) => r.meta?.versionId === undefined || this.state.versions[refOf(r)] !== r.meta.versionId);
    let applied = 0;
    if (fresh.length) applied = await this.applyPulled(await this.withSiblings(fresh));
    if (gone.length) applied += await this.applyGone(gone);
    this.state.lastSyncAt = this.now().toISOString();
    await this.saveState();
    if (applied) this.emitSync({ type: 'pulled', changes: applied });
    this.emitSync({ type: 'status', status: this.status() });
  }

  private scopeParams(): Record<string, string> {
    return this.options.scope === 'all' ? {} : { _tag: SYNC_TAG_PARAM };
  }

  private reconcileDue(): boolean {
    const every = this.options.reconcileIntervalMs ?? 600_000;
    const last = this.state.reconciledAt;
    return !last || this.now().getTime() - Date.parse(last) >= every;
  }

  /**
   * Resources gone from the server: a record whose main resource went leaves the replica; a record that
   * lost a part is read again. Records with queued changes or in conflict are left to their replay,
   * whose If-Match meets the delete.
   */
  private async applyGone(gone: readonly ResourceRef[]): Promise<number> {
    const owners = ownersOf(this.state.parts);
    const busy = new Set([...this.pending.flatMap((e) => e.writes.map((w) => recordKey(w.collection, w.id))), ...this.conflictMap.keys()]);
    const deleted = new Set<RecordKey>();
    const changed = new Set<RecordKey>();
    for (const ref of gone) {
      const owner = owners.get(ref);
      if (owner && busy.has(owner)) continue;
      delete this.state.versions[ref];
      if (!owner) continue;
      const { collection, id } = splitKey(owner);
      (mainRefOf(collection, id) === ref ? deleted : changed).add(owner);
    }
    const changes: RecordChange[] = [];
    for (const key of deleted) {
      const { collection, id } = splitKey(key);
      for (const part of this.state.parts[key] ?? []) delete this.state.versions[part];
      delete this.state.parts[key];
      const local = await this.replica.get(collection, id);
      if (!local) continue;
      await this.writeReplica(collection, id, local, undefined);
      changes.push({ collection, id, type: 'delete', version: local.version });
    }
    if (changes.length) this.emit({ changes, remote: true });
    let applied = changes.length;
    const partly = [...changed].filter((key) => !deleted.has(key)).map((key) => mainRefOf(splitKey(key).collection, splitKey(key).id));
    const mains = await Promise.all(partly.map((ref) => this.client.read(splitRef(ref).resourceType, splitRef(ref).id)));
    const present = mains.filter((r): r is FhirResource => r !== undefined);
    if (present.length) applied += await this.applyPulled(await this.withSiblings(present));
    return applied;
  }

  /** Adds the other known resources of each record a changed resource belongs to, so it maps whole. */
  private async withSiblings(fresh: FhirResource[]): Promise<FhirResource[]> {
    const have = new Set(fresh.map(refOf));
    const owners = ownersOf(this.state.parts);
    const missing = new Set<ResourceRef>();
    for (const ref of have) {
      const owner = owners.get(ref);
      if (owner) for (const sibling of this.state.parts[owner] ?? []) if (!have.has(sibling)) missing.add(sibling);
    }
    const read = await Promise.all(
      [...missing].map((ref) => {
        const { resourceType, id } = splitRef(ref);
        return this.client.read(resourceType, id);
      }),
    );
    return [...fresh, ...read.filter((r): r is FhirResource => r !== undefined)];
  }

  /** Writes pulled records to the replica (skipping records with queued changes or in conflict) and tells subscribers. */
  private async applyPulled(resources: readonly FhirResource[]): Promise<number> {
    const pulled = recordsFrom(resources);
    const versionOf = new Map(resources.map((r) => [refOf(r), r.meta?.versionId]));
    const queued = new Set(this.pending.flatMap((e) => e.writes.map((w) => recordKey(w.collection, w.id))));
    const toLoad = new Map<CollectionName, StoredRecord[]>();
    const changes: RecordChange[] = [];
    const locals = await this.currentRecords(pulled.map((p) => ({ collection: p.collection, id: p.record.id })));
    for (const p of pulled) {
      const key = recordKey(p.collection, p.record.id);
      if (LOCAL_ONLY.includes(p.collection) || queued.has(key) || this.conflictMap.has(key)) continue;
      const local = locals.get(key);
      this.learnVersions(p, versionOf);
      if (local && sameJson(local, p.record)) continue;
      if (local && p.collection === 'audit') continue; // append-only: never replaced
      const record = !p.versioned && local && local.version >= p.record.version ? { ...p.record, version: local.version + 1 } : p.record;
      toLoad.set(p.collection, [...(toLoad.get(p.collection) ?? []), record]);
      changes.push({ collection: p.collection, id: record.id, type: 'put', version: record.version });
    }
    if (!changes.length) return 0;
    await this.replica.load([...toLoad].map(([collection, records]) => ({ collection, records })));
    this.emit({ changes, remote: true });
    return changes.length;
  }

  private learnVersions(p: PulledRecord, versionOf: Map<ResourceRef, string | undefined>): void {
    for (const ref of p.refs) {
      const version = versionOf.get(ref);
      if (version) this.state.versions[ref] = version;
    }
    this.state.parts[recordKey(p.collection, p.record.id)] = p.refs.filter((ref) => versionOf.has(ref));
  }

  /** `get`'s refresh: re-reads the record's main resource, and the rest of it when the server moved on. */
  private async refreshRecord(collection: CollectionName, id: string): Promise<void> {
    const key = recordKey(collection, id);
    if (this.conflictMap.has(key) || this.pending.some((e) => e.writes.some((w) => w.collection === collection && w.id === id))) return;
    const ref = mainRefOf(collection, id);
    try {
      const { resourceType, id: fhirId } = splitRef(ref);
      const main = await this.client.read(resourceType, fhirId);
      if (main?.meta?.versionId === this.state.versions[ref]) return;
      if (!main) {
        const local = await this.replica.get(collection, id);
        if (!local || !this.state.versions[ref]) return;
        // Deleted on the server.
        await this.writeReplica(collection, id, local, undefined);
        for (const part of this.state.parts[key] ?? []) delete this.state.versions[part];
        delete this.state.parts[key];
        this.emit({ changes: [{ collection, id, type: 'delete', version: local.version }], remote: true });
        return;
      }
      await this.applyPulled(await this.withSiblings([main]));
      await this.saveState();
    } catch (error) {
      if (isUnreachable(error)) return this.setOnline(false);
      throw error;
    }
  }

  /** The server's current version of a record: its resources (main + known and mapped parts) and versionIds. */
  private async readTheirs(collection: CollectionName, id: string): Promise<{ record: StoredRecord; versions: Record<ResourceRef, string>; refs: ResourceRef[] } | undefined> {
    const main = mainRefOf(collection, id);
    const wanted = new Set([main, ...(this.state.parts[recordKey(collection, id)] ?? [])]);
    const read = new Map<ResourceRef, FhirResource>();
    for (let round = 0; round < 2; round++) {
      const todo = [...wanted].filter((ref) => !read.has(ref));
      const got = await Promise.all(todo.map((ref) => this.client.read(splitRef(ref).resourceType, splitRef(ref).id)));
      got.forEach((r, i) => r && read.set(todo[i]!, r));
      if (!read.has(main)) return undefined;
      const record = recordsFrom([...read.values()]).find((p) => p.collection === collection && p.record.id === id);
      if (!record) return undefined;
      const unread = record.refs.filter((ref) => !wanted.has(ref));
      if (!unread.length || round === 1) {
        const versions = Object.fromEntries([...read].filter(([, r]) => r.meta?.versionId).map(([ref, r]) => [ref, r.meta!.versionId!]));
        return { record: record.record, versions, refs: record.refs.filter((ref) => read.has(ref)) };
      }
      for (const ref of unread) wanted.add(ref);
    }
    return undefined;
  }

  // ---- helpers ----

  private async currentRecords(targets: readonly { collection: CollectionName; id: string }[]): Promise<Map<RecordKey, StoredRecord>> {
    const byCollection = new Map<CollectionName, Set<string>>();
    for (const { collection, id } of targets) byCollection.set(collection, (byCollection.get(collection) ?? new Set()).add(id));
    const current = new Map<RecordKey, StoredRecord>();
    for (const [collection, ids] of byCollection) {
      const list = [...ids];
      (await this.replica.getMany(collection, list)).forEach((record, i) => record && current.set(recordKey(collection, list[i]!), record));
    }
    return current;
  }

  /** Sets one record in the replica as given (or removes it), without a version check. */
  private async writeReplica(collection: CollectionName, id: string, local: StoredRecord | undefined, next: StoredRecord | undefined): Promise<void> {
    if (next) await this.replica.load([{ collection, records: [next] }]);
    else if (local) await this.replica.commit([{ type: 'delete', collection, id, expectedVersion: local.version }]);
  }

  /** After a load the server refused: each record back as it was before the load. */
  private async restoreReplica(writes: readonly RecordWrite[]): Promise<void> {
    for (const write of writes) {
      if (write.collection === 'audit' && !write.before) continue; // append-only replica: an event loaded stays
      const local = await this.replica.get(write.collection, write.id);
      await this.writeReplica(write.collection, write.id, local, write.before).catch(() => undefined);
    }
  }

  private async saveState(): Promise<void> {
    await this.outbox.saveState(this.tracked.plain(), this.tracked.changes());
    this.tracked.saved();
  }

  private status(): SyncStatus {
    // Queued audit events alone (reads' disclosure records) are not changes the user is waiting for.
    const pending = this.pending.filter((e) => e.writes.some((w) => w.collection !== 'audit')).length;
    return { online: this.online, pending, lastSyncAt: this.state.lastSyncAt, conflicts: this.conflictMap.size, ...(this.blocked ? { blocked: this.blocked } : {}) };
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.emitSync({ type: 'status', status: this.status() });
  }

  /** One operation at a time: commits, pulls and replays never interleave their reads and writes. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private emit(batch: ChangeBatch): void {
    notifyListeners(this.listeners, batch);
  }

  private emitSync(event: SyncEvent): void {
    for (const listener of this.syncListeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('casekit: a sync listener threw', error);
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError('database-closed', 'This FHIR storage was closed');
  }
}

/** The server could not be reached (or is down for now): the write is queued rather than refused. */
function isUnreachable(error: unknown): boolean {
  // The client turns fetch's TypeError into FhirNetworkError; a bare TypeError here would be a bug, not a cut.
  return error instanceof FhirNetworkError || (error instanceof FhirStorageError && error.reason === 'unavailable');
}
