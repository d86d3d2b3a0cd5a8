// @casekit/storage-dexie — public API. Only re-exports live here.
export { createDexieStorage } from './dexie-storage.js';
export type { DexieStorage, DexieStorageOptions } from './dexie-storage.js';
export { importRecords } from './import-records.js';
export type { ImportOptions, ImportProgress } from './import-records.js';
export { ENCRYPTED_FIELDS, READABLE_FIELDS, INDEXES_OVER_ENCRYPTED_FIELDS } from './encrypted-fields.js';
export type { EncryptionOptions } from './encryption.js';
export { SCHEMA_VERSION } from './migrations.js';
