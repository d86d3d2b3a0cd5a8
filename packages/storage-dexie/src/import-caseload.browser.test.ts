// manager.importCaseload on IndexedDB, with hostile files: whatever is wrong with a file, and wherever
// in it, nothing is written — records and audit log alike.
import { expect } from '@open-wc/testing';
import { CasekitError, ValidationError, createCaseManager, type CaseloadExport, type StoragePort, type StoredRecord } from '@casekit/core';
import { createSeedCaseload, fixtureCases, SEED_SUPERVISOR } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';
import { freshName, testKey } from './test/helpers.js';

const NOW = new Date('2026-11-24T15:00:00.000Z');

/** Every record of every collection, as JSON: two equal snapshots mean nothing was written. */
async function snapshot(storage: StoragePort): Promise<string> {
  const out: Record<string, StoredRecord[]> = {};
  for (const collection of ['clients', 'cases', 'assessments', 'plans', 'referrals', 'notes', 'consents', 'organizations', 'services', 'drafts', 'audit'] as const) {
    out[collection] = (await storage.find(collection, { index: 'id' })).items;
  }
  return JSON.stringify(out);
}

/** A file of `n` clients and their cases (2n records), valid throughout. */
function bigFile(n: number): CaseloadExport {
  const cases = fixtureCases(n, 11);
  const clients = cases.map((c) => ({
    id: c.clientId,
    version: 1,
    createdAt: c.createdAt,
    updatedAt: c.createdAt,
    name: { given: [c.clientName.split(' ')[0]!], family: c.clientName.split(' ')[1]! },
    identifiers: [],
    contact: {},
    interpreterNeeded: false,
    active: true,
  }));
  return {
    format: 'casekit.caseload',
    formatVersion: 1,
    exportedAt: NOW.toISOString(),
    exportedBy: { id: SEED_SUPERVISOR.id, name: SEED_SUPERVISOR.name, role: 'supervisor' },
    collections: { clients, cases: cases as unknown as StoredRecord[] },
  };
}

for (const encrypted of [false, true]) {
  describe(`importCaseload on IndexedDB${encrypted ? ' (encrypted)' : ''}`, () => {
    let storage: StoragePort;
    beforeEach(async () => {
      storage = await createDexieStorage({ name: freshName('import'), ...(encrypted ? { encryption: { key: await testKey() } } : {}) });
    });
    afterEach(() => storage.close());
    const supervisor = () => createCaseManager({ storage, actor: SEED_SUPERVISOR, clock: () => NOW });

    it('a bad record in the last chunk of 10,000 writes nothing', async () => {
      const file = bigFile(5000);
      (file.collections.cases!.at(-1) as Record<string, unknown>)['status'] = 'lost';
      const before = await snapshot(storage);
      const error = await supervisor().importCaseload(file, { chunkSize: 500 }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ValidationError);
      expect((error as ValidationError).issues[0]!.path).to.deep.equal(['collections', 'cases', 4999, 'status']);
      expect(await snapshot(storage)).to.equal(before);
    });

    it('duplicate ids, dangling references and prototype keys are refused before anything is written', async () => {
      const file = bigFile(20);
      const twice = structuredClone(file);
      twice.collections.cases!.push(twice.collections.cases![3]!);
      const dangling = structuredClone(file);
      (dangling.collections.cases![7] as Record<string, unknown>)['clientId'] = 'client-nobody';
      const before = await snapshot(storage);
      for (const [label, bad, code] of [['duplicate id', twice, 'duplicate-id'], ['dangling reference', dangling, 'dangling-reference']] as const) {
        const error = await supervisor().importCaseload(bad).catch((e: unknown) => e);
        expect(error, label).to.be.instanceOf(ValidationError);
        expect((error as ValidationError).issues.map((i) => i.code), label).to.include(code);
        expect(await snapshot(storage), label).to.equal(before);
      }
      // Prototype keys are not refused but never stored: the parsed record is.
      const hostile = JSON.parse(JSON.stringify(file).replace('"interpreterNeeded":false', '"interpreterNeeded":false,"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}'));
      await supervisor().importCaseload(hostile);
      const stored = await storage.get('clients', file.collections.clients![0]!.id);
      expect(Object.keys(stored!)).to.not.include.members(['__proto__', 'constructor']);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    });

    it('an import that would change a stored audit event writes nothing; an unchanged one is skipped', async () => {
      const seeded = await createSeedCaseload({ clients: 4, now: NOW });
      await supervisor().importCaseload(seeded);
      const again = await supervisor().importCaseload(seeded);
      expect(again.imported['audit']).to.equal(0, 'every audit event was already stored, unchanged');
      const altered = structuredClone(seeded);
      const event = altered.collections.audit![0]! as Record<string, unknown>;
      event['actor'] = { id: 'someone-else', name: 'Someone else', role: 'admin' };
      const before = await snapshot(storage);
      const error = await supervisor().importCaseload(altered).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ValidationError);
      expect((error as ValidationError).issues[0]!.code).to.equal('audit-immutable');
      expect(await snapshot(storage)).to.equal(before);
    });

    it('a throwing onProgress keeps nothing, and bad options are refused', async () => {
      const before = await snapshot(storage);
      const error = await supervisor()
        .importCaseload(bigFile(600), {
          chunkSize: 100,
          onProgress: ({ done }) => {
            if (done > 700) throw new Error('the host gave up');
          },
        })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(CasekitError);
      expect((error as CasekitError).code).to.equal('internal');
      expect(await snapshot(storage)).to.equal(before);
      for (const chunkSize of [0, -5, Number.NaN, 2.5]) {
        const refused = await supervisor().importCaseload(bigFile(2), { chunkSize }).catch((e: unknown) => e);
        expect(refused, String(chunkSize)).to.be.instanceOf(ValidationError);
      }
      expect(await snapshot(storage)).to.equal(before);
    });

    it('a valid import stores the parsed records with its one import event', async () => {
      const file = bigFile(50);
      (file.collections.clients![0] as Record<string, unknown>)['name'] = { given: ['  Rosa  '], family: 'Hernández' };
      const { imported } = await supervisor().importCaseload(file, { chunkSize: 30 });
      expect(imported).to.deep.equal({ clients: 50, cases: 50 });
      expect((await storage.get('clients', file.collections.clients![0]!.id))!['name']).to.deep.equal({ given: ['Rosa'], family: 'Hernández' });
      const events = (await storage.find('audit', { index: 'id' })).items;
      expect(events.map((e) => e['action'])).to.deep.equal(['import']);
    });
  });
}
