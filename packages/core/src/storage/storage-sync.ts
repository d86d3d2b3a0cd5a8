import type { CollectionName } from '../records/record.js';
import type { StoredRecord, Unsubscribe } from './storage-port.js';

/**
 * What a storage that syncs with a system of record elsewhere (e.g. `@casekit/storage-fhir` on an EHR's
 * FHIR server) says about that sync. Local storages (memory, IndexedDB) have none. Hosts read it through
 * `manager.sync`, which applies the policy and the audit log.
 */
export interface StorageSync {
  status(): SyncStatus;
  subscribe(listener: (event: StorageSyncEvent) => void): Unsubscribe;
  /** Sends what is queued, then brings local records up to date (`reconcile`: deletes made elsewhere too). */
  pull(options?: { reconcile?: boolean }): Promise<void>;
  conflicts(): StorageConflict[];
  /** `mine`: my version is written on top of theirs. `theirs`: my local version is replaced by theirs. */
  resolve(collection: CollectionName, id: string, choice: 'mine' | 'theirs'): Promise<void>;
}

export interface SyncStatus {
  /** False after the system of record could not be reached, until a request succeeds again. */
  online: boolean;
  /** Changes waiting to be sent (audit events queued on their own, e.g. of reads, are not counted). */
  pending: number;
  /** When local records last caught up. */
  lastSyncAt: string | undefined;
  /** Records in conflict (see `conflicts()`). */
  conflicts: number;
  /** Why queued commits wait although the server answers (sign-in expired, server failing). */
  blocked?: string;
}

/**
 * A record whose change made offline could not simply be sent: `stale-write` (changed elsewhere
 * meanwhile), `create-collision` (created elsewhere with the same id) or `refused` (the system of record
 * refused it, `reason` says why). Both versions are kept until someone chooses; nothing is merged.
 */
export interface StorageConflict {
  collection: CollectionName;
  id: string;
  /** The local version (what this user wrote); kept locally meanwhile. */
  mine: StoredRecord | undefined;
  /** The version elsewhere now; undefined when it was deleted there (or never existed). */
  theirs: StoredRecord | undefined;
  kind: 'stale-write' | 'create-collision' | 'refused';
  reason?: string;
  detectedAt: string;
}

export type StorageSyncEvent =
  | { type: 'status'; status: SyncStatus }
  | { type: 'pulled'; changes: number }
  | { type: 'replayed'; transactionId: string; records: number }
  | { type: 'conflict'; conflict: StorageConflict }
  /** A background send or pull failed for a reason other than being offline (auth, permission, server). */
  | { type: 'error'; error: unknown };
