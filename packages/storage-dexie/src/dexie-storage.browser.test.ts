// The conformance suite, unchanged, in Chromium's IndexedDB: plain and with encryption at rest.
import { runStorageConformance } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';
import { freshName, testKey } from './test/helpers.js';

describe('dexie storage in Chromium', () => {
  runStorageConformance(() => createDexieStorage({ name: freshName('conformance') }), { describe, it });
});

describe('dexie storage in Chromium, encrypted', () => {
  runStorageConformance(async () => createDexieStorage({ name: freshName('conformance-encrypted'), encryption: { key: await testKey() } }), {
    describe,
    it,
  });
});
