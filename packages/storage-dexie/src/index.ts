/**
 * `@casekit/storage-dexie` — casekit's storage port on IndexedDB through Dexie, for offline-capable
 * browser apps: the same queries and indexes as the in-memory adapter, optional field encryption at
 * rest, versioned migrations, and bulk import of existing records.
 *
 * @packageDocumentation
 */
export { createDexieStorage } from './dexie-storage.js';
export type { DexieStorage, DexieStorageOptions } from './dexie-storage.js';
export { importRecords } from './import-records.js';
export type { ImportOptions, ImportProgress } from './import-records.js';
export { ENCRYPTED_FIELDS, READABLE_FIELDS, INDEXES_OVER_ENCRYPTED_FIELDS } from './encrypted-fields.js';
export type { EncryptionOptions } from './encryption.js';
export { SCHEMA_VERSION } from './migrations.js';
