// The worklist through IndexedDB (fake-indexeddb in Node): the same rows, reasons and order as in
// memory, from schema version 6's indexes, with and without encryption.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { webcrypto } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createWorklistScenario } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';

let n = 0;
const key = () => webcrypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']) as Promise<CryptoKey>;

describe('the worklist on IndexedDB', () => {
  for (const encrypted of [false, true]) {
    it(`lists what the memory adapter lists, in the same order${encrypted ? ' (encrypted)' : ''}`, async () => {
      const reference = await createWorklistScenario();
      const storage = createDexieStorage({ name: `worklist-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange, ...(encrypted ? { encryption: { key: await key() } } : {}) });
      try {
        const onDexie = await createWorklistScenario({ storage });
        for (const who of ['caseManager', 'supervisor', 'provider'] as const) {
          const [a, b] = [await reference[who].worklist({ limit: 200 }), await onDexie[who].worklist({ limit: 200 })];
          assert.ok(a.items.length > 0, who);
          assert.deepEqual(b.items, a.items, who);
          assert.deepEqual(b.counts, a.counts, who);
        }
      } finally {
        await storage.close();
      }
    });
  }
});
