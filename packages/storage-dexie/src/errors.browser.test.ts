import { expect } from '@open-wc/testing';
import { StorageError, type StoredRecord } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import { createDexieStorage, DexieStorageAdapter } from './dexie-storage.js';
import { freshName, openRaw, quotaAfter } from './test/helpers.js';

const [record] = fixtureCases(1, 5);
const create = (r: StoredRecord) => ({ type: 'put', collection: 'cases', record: r, expectedVersion: r.version - 1 }) as const;

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a rejection').to.be.instanceOf(StorageError);
  return error as StorageError;
}

describe('storage errors', () => {
  it('a full disk is a quota-exceeded StorageError with the engine error as cause, and nothing is written', async () => {
    // One case written (the case, its case count and its token counts), and the next write fails.
    const budget = { writes: 3 };
    const storage = new DexieStorageAdapter({ name: freshName('quota') }, { middleware: [quotaAfter(budget)] });
    try {
      await storage.commit([create(record!)]);
      const error = await rejection(storage.commit([create({ ...record!, version: 2 }), create({ ...record!, id: 'case-new' })]));
      expect(error.code).to.equal('quota-exceeded');
      expect(error.message).to.contain('quota');
      expect(error.cause).to.exist;
      expect((await storage.get('cases', record!.id))?.version).to.equal(1);
      expect(await storage.get('cases', 'case-new')).to.equal(undefined);
      expect((await rejection(storage.load([{ collection: 'cases', records: fixtureCases(3, 9) }]))).code).to.equal('quota-exceeded');
    } finally {
      await storage.close();
    }
  });

  it('calls after close() fail with database-closed', async () => {
    const storage = createDexieStorage({ name: freshName('closed') });
    await storage.commit([create(record!)]);
    await storage.close();
    const error = await rejection(storage.get('cases', record!.id));
    expect(error.code).to.equal('database-closed');
    expect((await rejection(storage.commit([create({ ...record!, id: 'other' })]))).code).to.equal('database-closed');
  });

  it('an upgrade blocked by a tab that will not close fails with database-blocked after the timeout', async () => {
    const name = freshName('blocked');
    // An old connection (IndexedDB version 10 = schema version 1) that ignores versionchange.
    const stubborn = await openRaw(name, 10, (db) => db.createObjectStore('cases', { keyPath: 'id' }));
    stubborn.onversionchange = null;
    let blockedCalls = 0;
    const storage = createDexieStorage({ name, blockedTimeoutMs: 200, onBlocked: () => blockedCalls++ });
    try {
      const error = await rejection(storage.ready());
      expect(error.code).to.equal('database-blocked');
      expect(blockedCalls).to.be.greaterThan(0);
      expect((await rejection(storage.get('cases', 'x'))).code).to.equal('database-blocked');
    } finally {
      stubborn.close();
      await storage.close();
    }
  });

  it('requestPersistence asks navigator.storage.persist() once and reports the answer', async () => {
    const original = Object.getOwnPropertyDescriptor(navigator.storage, 'persist');
    let calls = 0;
    Object.defineProperty(navigator.storage, 'persist', { configurable: true, value: async () => (calls++, true) });
    try {
      const asking = createDexieStorage({ name: freshName('persist'), requestPersistence: true });
      expect(await asking.persistence).to.equal(true);
      const notAsking = createDexieStorage({ name: freshName('no-persist') });
      expect(await notAsking.persistence).to.equal(undefined);
      expect(calls).to.equal(1);
      await asking.close();
      await notAsking.close();
    } finally {
      if (original) Object.defineProperty(navigator.storage, 'persist', original);
      else delete (navigator.storage as { persist?: unknown }).persist;
    }
  });
});
