// The conformance suite under fake-indexeddb in Node: fast feedback. The browser tests run it again in
// Chromium's real IndexedDB.
import { describe, it } from 'node:test';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { runStorageConformance } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';

let n = 0;
describe('dexie storage on fake-indexeddb', () => {
  runStorageConformance(() => createDexieStorage({ name: `conformance-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange }), { describe, it });
});

describe('dexie storage on fake-indexeddb, encrypted', () => {
  runStorageConformance(
    async () => {
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      return createDexieStorage({ name: `conformance-encrypted-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange, encryption: { key } });
    },
    { describe, it },
  );
});
