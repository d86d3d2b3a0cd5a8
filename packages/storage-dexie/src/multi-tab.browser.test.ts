// Two storage objects on one database name behave like two tabs: separate IndexedDB connections and
// separate BroadcastChannel objects.
import { expect } from '@open-wc/testing';
import { ConflictError, StorageError, type ChangeBatch, type StoredRecord } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';
import { SCHEMA_VERSION } from './migrations.js';
import { eventually, freshName, openRaw } from './test/helpers.js';

const [baseCase] = fixtureCases(1, 21);

describe('two tabs on one database', () => {
  it('writing the same case at once: one succeeds, the other gets a ConflictError, nothing is overwritten', async () => {
    const name = freshName('two-tabs-conflict');
    const tabA = createDexieStorage({ name });
    const tabB = createDexieStorage({ name });
    try {
      await tabA.commit([{ type: 'put', collection: 'cases', record: baseCase!, expectedVersion: 0 }]);
      const fromA = { ...baseCase!, version: 2, priority: 'urgent' as const };
      const fromB = { ...baseCase!, version: 2, priority: 'low' as const };
      const results = await Promise.allSettled([
        tabA.commit([{ type: 'put', collection: 'cases', record: fromA, expectedVersion: 1 }]),
        tabB.commit([{ type: 'put', collection: 'cases', record: fromB, expectedVersion: 1 }]),
      ]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(fulfilled.length).to.equal(1);
      expect(rejected.length).to.equal(1);
      expect(rejected[0]).to.be.instanceOf(ConflictError);
      expect((rejected[0] as ConflictError).actualVersion).to.equal(2);
      const winner = results[0]!.status === 'fulfilled' ? fromA : fromB;
      const stored = await tabB.get<StoredRecord>('cases', baseCase!.id);
      expect(stored?.priority).to.equal(winner.priority);
      expect(stored?.version).to.equal(2);
    } finally {
      await tabA.close();
      await tabB.close();
    }
  });

  it("a change made in one tab reaches the other tab's subscribers as remote", async () => {
    const name = freshName('two-tabs-notify');
    const tabA = createDexieStorage({ name });
    const tabB = createDexieStorage({ name });
    const inA: ChangeBatch[] = [];
    const inB: ChangeBatch[] = [];
    tabA.subscribe((batch) => inA.push(batch));
    tabB.subscribe((batch) => inB.push(batch));
    try {
      await tabA.commit([{ type: 'put', collection: 'cases', record: baseCase!, expectedVersion: 0 }]);
      await eventually(() => inB.length > 0, 'tab B hears about the commit');
      expect(inB[0]).to.deep.equal({ remote: true, changes: [{ collection: 'cases', id: baseCase!.id, type: 'put', version: 1 }] });
      expect(inA.map((b) => b.remote)).to.deep.equal([false]);
      // And the other tab reads the new state once notified.
      expect((await tabB.get('cases', baseCase!.id))?.version).to.equal(1);
    } finally {
      await tabA.close();
      await tabB.close();
    }
  });

  it('an upgrade in another tab closes this connection and reports it instead of hanging', async () => {
    const name = freshName('versionchange');
    const reports: { oldVersion: number; newVersion: number | null }[] = [];
    const oldTab = createDexieStorage({ name, onVersionChange: (event) => reports.push(event) });
    await oldTab.commit([{ type: 'put', collection: 'cases', record: baseCase!, expectedVersion: 0 }]);
    // A newer schema opens the database at a higher version: it must not be blocked by the old tab.
    const newer = await openRaw(name, 1000);
    newer.close();
    expect(reports).to.deep.equal([{ oldVersion: SCHEMA_VERSION, newVersion: 100 }]);
    const error = await oldTab.get('cases', baseCase!.id).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StorageError);
    expect((error as StorageError).code).to.equal('database-closed');
    expect((error as StorageError).message).to.contain('another tab upgraded it');
    await oldTab.close();
  });
});
