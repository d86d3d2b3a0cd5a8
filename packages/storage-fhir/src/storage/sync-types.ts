import type { CollectionName, StoragePort, StorageSync, StorageSyncEvent, SyncStatus, Unsubscribe } from '@casekit/core';
import type { FhirClient, FhirClientOptions } from '../client/fhir-client.js';
import type { AccessTokenProvider } from '../client/http.js';
import type { OutboxStore, StoredConflict } from './outbox-store.js';

export interface FhirStorageOptions {
  /** The FHIR R4 server's base URL. */
  baseUrl: string;
  fetch?: typeof fetch;
  getAccessToken?: AccessTokenProvider;
  /** Where records are queried and kept while offline: `createMemoryStorage()`, `createDexieStorage(...)`. */
  replica: StoragePort;
  /** How often to ask the server for changes (default 30 s); 0: only when `sync.pull()` is called. */
  pollIntervalMs?: number;
  /** The durable outbox, conflicts and server versions. Default: in memory (lost with the page). */
  outbox?: OutboxStore;
  /** More client settings (retry policy, timeout, sleep). */
  client?: Omit<FhirClientOptions, 'baseUrl' | 'fetch' | 'getAccessToken'>;
  /** Largest transaction sent (Medplum's server refuses more than 50 updates); larger commits are split. */
  maxEntriesPerTransaction?: number;
  /** `_count` of sync searches (default 100). */
  pageSize?: number;
  /**
   * Which server resources the replica holds. `casekit` (default): those casekit wrote (tagged
   * SYNC_TAG), so a replica on an EHR never pulls the EHR's other records. `all`: every resource of the
   * types casekit maps, for a server dedicated to casekit whose data other systems also write.
   */
  scope?: 'casekit' | 'all';
  /**
   * How often to look for resources deleted on the server (default 10 minutes; 0: at every pull).
   * A `_lastUpdated` search does not list deletes, so the ids in scope are listed (`_elements=id`) and
   * compared with the replica's; records gone from the server (or no longer visible to this user) leave
   * the replica.
   */
  reconcileIntervalMs?: number;
  /** Re-read a record's main resource on `get` and refresh it if the server moved on (default true). */
  refreshOnGet?: boolean;
  /** `close()` leaves the replica and outbox open (to open a new storage over them, as a reload does). */
  keepStoresOpen?: boolean;
  /** Current time (for queue and conflict stamps). */
  now?: () => Date;
}

/** Online, queue and conflict counts (core's `SyncStatus`). */
export type { SyncStatus };

export type SyncEvent = Exclude<StorageSyncEvent, { type: 'conflict' }> | { type: 'conflict'; conflict: StoredConflict };

export type SyncListener = (event: SyncEvent) => void;

/** A record whose queued change met a newer server version, with both versions and the two ways out. */
export interface SyncConflict extends StoredConflict {
  /** Re-commits my version on top of theirs (it becomes their version + 1). */
  keepMine(): Promise<void>;
  /** Replaces my local version with theirs. */
  takeTheirs(): Promise<void>;
}

export interface FhirSync extends StorageSync {
  status(): SyncStatus;
  subscribe(listener: SyncListener): Unsubscribe;
  /** Replays the outbox, then brings the replica up to date with the server (`reconcile`: deletes too, now). */
  pull(options?: { reconcile?: boolean }): Promise<void>;
  conflicts(): SyncConflict[];
  resolve(collection: CollectionName, id: string, choice: 'mine' | 'theirs'): Promise<void>;
}

/** A StoragePort whose system of record is a FHIR server. */
export interface FhirStorage extends StoragePort {
  readonly sync: FhirSync;
  readonly client: FhirClient;
}
