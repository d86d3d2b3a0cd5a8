import { expect } from '@open-wc/testing';
import type { ChangeBatch } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';
import { importRecords, type ImportProgress } from './import-records.js';
import { freshName } from './test/helpers.js';

describe('importRecords', () => {
  it('stores a caseload in chunks, reporting progress after each chunk', async () => {
    const storage = createDexieStorage({ name: freshName('import') });
    const cases = fixtureCases(2000, 3);
    const progress: ImportProgress[] = [];
    const batches: ChangeBatch[] = [];
    storage.subscribe((batch) => batches.push(batch));
    try {
      const result = await importRecords(storage, 'cases', cases, { chunkSize: 300, onProgress: (p) => progress.push(p) });
      expect(result.loaded).to.equal(2000);
      expect(progress.map((p) => p.loaded)).to.deep.equal([300, 600, 900, 1200, 1500, 1800, 2000]);
      expect(progress.every((p) => p.total === 2000 && p.collection === 'cases')).to.equal(true);
      expect(await storage.count('cases', { index: 'id' })).to.equal(2000);
      expect((await storage.queryCases({ assigneeId: 'cm-dubois', limit: 1000 })).items.length).to.equal(cases.filter((c) => c.assigneeId === 'cm-dubois').length);
      expect(batches.map((b) => b.changes.length)).to.deep.equal([300, 300, 300, 300, 300, 300, 200]);
    } finally {
      await storage.close();
    }
  });

  it('a failing chunk stores none of its records and keeps the chunks before it', async () => {
    const storage = createDexieStorage({ name: freshName('import-fail') });
    const cases = fixtureCases(50, 8);
    // A record the indexes cannot read (no needs array) in the third chunk.
    const broken = [...cases.slice(0, 25), { ...cases[25]!, needs: undefined as never }, ...cases.slice(26)];
    try {
      const error = await importRecords(storage, 'cases', broken, { chunkSize: 10 }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error);
      expect(await storage.count('cases', { index: 'id' })).to.equal(20);
    } finally {
      await storage.close();
    }
  });

  it('stops before the next chunk when aborted', async () => {
    const storage = createDexieStorage({ name: freshName('import-abort') });
    const controller = new AbortController();
    try {
      const error = await importRecords(storage, 'cases', fixtureCases(100, 2), {
        chunkSize: 40,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }).catch((e: unknown) => e);
      expect((error as Error).name).to.equal('AbortError');
      expect(await storage.count('cases', { index: 'id' })).to.equal(40);
    } finally {
      await storage.close();
    }
  });
});
