// What `load` does in IndexedDB beyond the conformance suite: one transaction over several chunks
// that an engine failure aborts whole, the page breathing between chunks, and one notice to other tabs.
import { expect } from '@open-wc/testing';
import { StorageError, type ChangeBatch, type StoredRecord } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import { createDexieStorage, DexieStorageAdapter } from './dexie-storage.js';
import { eventually, freshName, quotaAfter, testKey } from './test/helpers.js';
import { SAMPLE_RECORDS } from './test/records.js';

const chunksOf = (records: StoredRecord[], size: number) =>
  Array.from({ length: Math.ceil(records.length / size) }, (_, i) => ({ collection: 'cases' as const, records: records.slice(i * size, (i + 1) * size) }));

describe('load in IndexedDB', () => {
  for (const encrypted of [false, true]) {
    it(`an engine failure in a later chunk keeps nothing of the unit${encrypted ? ' (encrypted)' : ''}`, async () => {
      const budget = { writes: Infinity };
      const storage = new DexieStorageAdapter(
        { name: freshName('load-quota'), ...(encrypted ? { encryption: { key: await testKey() } } : {}) },
        { middleware: [quotaAfter(budget)] },
      );
      try {
        const [first, ...rest] = fixtureCases(30, 11);
        await storage.commit([{ type: 'put', collection: 'cases', record: first!, expectedVersion: 0 }]);
        const seen: number[] = [];
        budget.writes = 1; // the first chunk is written, the second is refused
        const error = await storage
          .load([{ collection: 'cases', records: [{ ...first!, version: 9, priority: 'urgent' }, ...rest.slice(0, 9)] }, ...chunksOf(rest.slice(9), 10)], {
            onChunk: (chunk) => seen.push(chunk.records),
          })
          .catch((e: unknown) => e);
        budget.writes = Infinity;
        expect(error).to.be.instanceOf(StorageError);
        expect((error as StorageError).code).to.equal('quota-exceeded');
        expect(seen).to.deep.equal([10]);
        expect(await storage.get('cases', first!.id)).to.deep.equal(first);
        expect(await storage.count('cases', { index: 'id' })).to.equal(1);
      } finally {
        await storage.close();
      }
    });
  }

  it('other tasks run between chunks while the transaction is open', async () => {
    const storage = createDexieStorage({ name: freshName('load-breathe') });
    try {
      const ticks: number[] = [];
      let chunksDone = 0;
      let kept = false;
      await storage.load(chunksOf(fixtureCases(3000, 12), 500), {
        onChunk: () => {
          chunksDone++;
          // A task queued now runs before the next chunk is written (or at least before the unit is kept).
          setTimeout(() => ticks.push(kept ? -1 : chunksDone), 0);
        },
      });
      kept = true;
      expect(chunksDone).to.equal(6);
      expect(ticks.filter((t) => t > 0 && t < 6).length, `ticks ${JSON.stringify(ticks)}`).to.be.greaterThan(0);
    } finally {
      await storage.close();
    }
  });

  it('another tab hears of the unit once, with every record', async () => {
    const name = freshName('load-tabs');
    const tabA = createDexieStorage({ name });
    const tabB = createDexieStorage({ name });
    const inB: ChangeBatch[] = [];
    tabB.subscribe((batch) => inB.push(batch));
    try {
      await tabA.load([...chunksOf(fixtureCases(40, 13), 15), { collection: 'clients', records: [{ ...SAMPLE_RECORDS.clients[0]!, id: 'client-load-1', version: 3 }] }]);
      await eventually(() => inB.length > 0, 'tab B hears about the load');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(inB.length).to.equal(1);
      expect(inB[0]!.remote).to.equal(true);
      expect(inB[0]!.changes.length).to.equal(41);
      expect(inB[0]!.changes.at(-1)).to.deep.equal({ collection: 'clients', id: 'client-load-1', type: 'put', version: 3 });
      expect((await tabB.get('clients', 'client-load-1'))?.version).to.equal(3);
    } finally {
      await tabA.close();
      await tabB.close();
    }
  });

  it('a record the indexes cannot read fails the unit before the transaction starts', async () => {
    const storage = createDexieStorage({ name: freshName('load-bad-record') });
    try {
      const cases = fixtureCases(20, 14);
      const broken = { ...cases[15]!, needs: undefined as never };
      const error = await storage.load(chunksOf([...cases.slice(0, 15), broken, ...cases.slice(16)], 5)).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(StorageError);
      expect(await storage.count('cases', { index: 'id' })).to.equal(0);
    } finally {
      await storage.close();
    }
  });
});
