import * as z from 'zod/mini';
import { NotFoundError } from '../errors/errors.js';
import { parse } from '../internal/parse.js';
import { mayReadRecord } from '../access/record-visibility.js';
import type { CaseLookup } from '../access/audit-visibility.js';
import type { CaseRecord } from '../case/case-schema.js';
import type { ManagerContext } from '../internal/context.js';
import { changedFields } from '../internal/writer.js';
import { COLLECTIONS, type CollectionName } from '../records/record.js';
import type { StoredRecord, Unsubscribe } from '../storage/storage-port.js';
import type { StorageConflict, StorageSync, SyncStatus } from '../storage/storage-sync.js';

/** A conflict as the actor may see it: both versions, and which fields differ. */
export interface SyncConflictView extends StorageConflict {
  /** Top-level fields whose values differ between mine and theirs (names only). */
  changedFields: string[];
}

/**
 * The sync of a storage that has a system of record elsewhere (`manager.sync`; undefined on local
 * storages). Status and its events are counts, never records; conflicts hold records, so reading them is
 * checked by the policy and audited like any other read, and resolving one is an audited update.
 */
export interface SyncApi {
  status(): SyncStatus;
  /** Called with the status after every sync event (queue, reconnect, conflict, pull). */
  subscribe(listener: (status: SyncStatus) => void): Unsubscribe;
  /** Sends queued commits and brings local records up to date now, rather than at the next poll. */
  pull(options?: { reconcile?: boolean }): Promise<void>;
  /** The conflicts on records this actor may read, with both versions (one `read` audit event per collection). */
  conflicts(): Promise<SyncConflictView[]>;
  /**
   * `mine`: my version is written on top of theirs; `theirs`: my local version is replaced by theirs.
   * Needs the policy's `update` on the record; audited as an update with the choice as its reason.
   */
  resolve(collection: CollectionName, id: string, choice: 'mine' | 'theirs'): Promise<void>;
}

const CHOICE_REASON = { mine: 'sync conflict: kept this version over the one saved elsewhere', theirs: 'sync conflict: took the version saved elsewhere' } as const;

export function createSyncApi(context: ManagerContext, sync: StorageSync): SyncApi {
  async function visible(conflicts: readonly StorageConflict[]): Promise<StorageConflict[]> {
    const lookup = await lookupFor(context, conflicts);
    return conflicts.filter((c) => [c.mine, c.theirs].every((record) => !record || mayReadRecord(context, c.collection, record, lookup)));
  }

  return {
    status: () => sync.status(),
    subscribe(listenerInput) {
      const listener = parse(z.custom<(status: SyncStatus) => void>((value) => typeof value === 'function', 'The listener must be a function'), listenerInput, ['listener']);
      return sync.subscribe(() => listener(sync.status()));
    },
    pull: (options) => sync.pull(options),
    async conflicts() {
      const shown = await visible(sync.conflicts());
      for (const collection of COLLECTIONS) {
        const records = shown.filter((c) => c.collection === collection).map((c) => ({ id: c.id }));
        await context.disclose(collection, records, records.length > 1 ? { scope: 'sync.conflicts' } : {});
      }
      // Only the port's fields: an adapter's own (server versions, methods) stay with the adapter.
      return shown.map(({ collection, id, mine, theirs, kind, reason, detectedAt }) => ({
        ...structuredClone({ collection, id, mine, theirs, kind, detectedAt, ...(reason !== undefined ? { reason } : {}) }),
        changedFields: mine && theirs ? changedFields(theirs, mine) : [],
      }));
    },
    async resolve(collection, id, choiceInput) {
      const choice = parse(z.enum(['mine', 'theirs']), choiceInput, ['choice']);
      const conflict = sync.conflicts().find((c) => c.collection === collection && c.id === id);
      if (!conflict) throw new NotFoundError(collection, id);
      const record = (conflict.mine ?? conflict.theirs)!;
      const lookup = await lookupFor(context, [conflict]);
      context.authorize({ action: 'update', collection, record, ...caseOf(collection, record, lookup) });
      await sync.resolve(collection, id, choice);
      const now = await context.storage.get(collection, id);
      const writer = context.writer();
      const { caseId, clientId } = scopeOf(collection, record);
      writer.note(collection, (now ?? record) as never, { action: 'update', reason: CHOICE_REASON[choice], caseId, clientId });
      await writer.commit();
    },
  };
}

/** The cases the policy needs to judge the records of these conflicts. */
async function lookupFor(context: ManagerContext, conflicts: readonly StorageConflict[]): Promise<CaseLookup> {
  const cases = new Map<string, CaseRecord>();
  const ofClient = new Map<string, CaseRecord[]>();
  for (const c of conflicts) {
    for (const record of [c.mine, c.theirs]) {
      if (!record) continue;
      const { caseId, clientId } = scopeOf(c.collection, record);
      if (caseId && !cases.has(caseId)) {
        const found = c.collection === 'cases' ? (record as unknown as CaseRecord) : await context.storage.get<CaseRecord & StoredRecord>('cases', caseId);
        if (found) cases.set(caseId, found);
      }
      if (clientId && !ofClient.has(clientId)) ofClient.set(clientId, await context.casesOfClient(clientId));
    }
  }
  return { caseOf: (id) => cases.get(id), casesOfClient: (id) => ofClient.get(id) ?? [], mayReadListed: () => false };
}

function scopeOf(collection: CollectionName, record: StoredRecord): { caseId: string | undefined; clientId: string | undefined } {
  const field = (name: string) => (typeof record[name] === 'string' ? (record[name] as string) : undefined);
  if (collection === 'cases') return { caseId: record.id, clientId: field('clientId') };
  if (collection === 'clients') return { caseId: undefined, clientId: record.id };
  return { caseId: field('caseId'), clientId: field('clientId') };
}

function caseOf(collection: CollectionName, record: StoredRecord, lookup: CaseLookup): { case?: CaseRecord; clientCases?: readonly CaseRecord[] } {
  const { caseId, clientId } = scopeOf(collection, record);
  const kase = caseId ? lookup.caseOf(caseId) : undefined;
  return { ...(kase ? { case: kase } : {}), ...(clientId && !caseId ? { clientCases: lookup.casesOfClient(clientId) } : {}) };
}
