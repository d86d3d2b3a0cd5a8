import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PermissionError, ValidationError } from '../errors/errors.js';
import { createCaseManager } from '../case-manager.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { createSeedCaseload, SEED_SUPERVISOR } from '../testing/seed-caseload.js';
import { PERSONAS } from '../testing/test-manager.js';
import type { CaseloadExport } from './caseload-transfer.js';

const NOW = new Date('2026-11-24T15:00:00.000Z');
const withoutTransferEvents = (data: CaseloadExport) => ({
  ...data.collections,
  audit: data.collections.audit?.filter((e) => e.action !== 'export' && e.action !== 'import'),
});

describe('caseload export and import', () => {
  it('round-trips a realistic caseload losslessly', async () => {
    const original = await createSeedCaseload({ clients: 40, now: NOW });
    for (const collection of ['clients', 'cases', 'assessments', 'plans', 'referrals', 'notes', 'consents', 'organizations', 'services', 'audit'] as const) {
      assert.ok(original.collections[collection]?.length, `the seed has ${collection}`);
    }
    const target = createCaseManager({ storage: createMemoryStorage(), actor: SEED_SUPERVISOR, clock: () => NOW });
    const progress: number[] = [];
    const { imported } = await target.importCaseload(JSON.parse(JSON.stringify(original)), { chunkSize: 100, onProgress: (p) => progress.push(p.done) });
    assert.equal(imported.cases, 40);
    assert.ok(progress.length > 5 && progress.every((done, i) => i === 0 || done > progress[i - 1]!), 'progress grows chunk by chunk');
    const again = await target.exportCaseload();
    assert.deepEqual(withoutTransferEvents(again), withoutTransferEvents(original));
    const caseId = original.collections.cases![0]!.id;
    assert.deepEqual(await target.cases.get(caseId), original.collections.cases![0], 'imported records read back identically, versions included');
  });

  it('writes nothing when any record is invalid, and says where', async () => {
    const original = await createSeedCaseload({ clients: 5, now: NOW });
    const broken = JSON.parse(JSON.stringify(original)) as CaseloadExport;
    (broken.collections.cases![2] as Record<string, unknown>).priority = 'whenever';
    const storage = createMemoryStorage();
    const target = createCaseManager({ storage, actor: SEED_SUPERVISOR, clock: () => NOW });
    await assert.rejects(target.importCaseload(broken), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.deepEqual(e.issues[0]!.path, ['collections', 'cases', 2, 'priority']);
      return true;
    });
    for (const collection of ['clients', 'cases', 'audit'] as const) assert.equal(await storage.count(collection, { index: 'id' }), 0);
    await assert.rejects(target.importCaseload({ format: 'something-else' }), ValidationError);
  });

  it('is for supervisors: a case manager may not export or import the agency’s caseload', async () => {
    const cm = createCaseManager({ storage: createMemoryStorage(), actor: PERSONAS.caseManager });
    await assert.rejects(cm.exportCaseload(), PermissionError);
    await assert.rejects(cm.importCaseload({}), PermissionError);
  });

  it('audits the export', async () => {
    const storage = createMemoryStorage();
    const supervisor = createCaseManager({ storage, actor: SEED_SUPERVISOR, clock: () => NOW });
    await supervisor.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } });
    const data = await supervisor.exportCaseload();
    const events = (await storage.find('audit', { index: 'id' })).items;
    const exported = events.filter((e) => e['action'] === 'export');
    assert.deepEqual(exported.map((e) => [(e['actor'] as { id: string }).id, e['reason']]), [[SEED_SUPERVISOR.id, 'exported 1 clients, 1 audit']]);
    assert.equal(data.collections.clients?.length, 1);
  });
});
