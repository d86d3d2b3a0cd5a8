export { createFhirStorage } from './fhir-storage.js';
export type { FhirStorage, FhirStorageOptions, FhirSync, SyncConflict, SyncEvent, SyncListener, SyncStatus } from './sync-types.js';
export { createMemoryOutboxStore } from './outbox-store.js';
export type { OutboxEntry, OutboxStore, RecordWrite, ServerState, StateChanges, StoredConflict } from './outbox-store.js';
export { createIndexedDbOutboxStore } from './indexeddb-outbox-store.js';
export type { IndexedDbOutboxOptions } from './indexeddb-outbox-store.js';
export { MAIN_TYPE, SYNCED_TYPES, RECORD_VERSION_URL, RECORD_UPDATED_URL } from './record-resources.js';
export type { ResourceRef } from './record-resources.js';
