// Hostile caseload files on the memory storage (storage-dexie runs the same files on IndexedDB):
// whatever is wrong, and wherever in the file, nothing is written — records and audit log alike.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCaseManager } from '../case-manager.js';
import { CasekitError, ValidationError } from '../errors/errors.js';
import { COLLECTIONS } from '../records/record.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { StoragePort, StoredRecord } from '../storage/storage-port.js';
import { fixtureCases } from '../testing/fixtures.js';
import { createSeedCaseload, SEED_SUPERVISOR } from '../testing/seed-caseload.js';
import type { CaseloadExport } from './caseload-transfer.js';

const NOW = new Date('2026-11-24T15:00:00.000Z');

async function snapshot(storage: StoragePort): Promise<string> {
  const out: StoredRecord[][] = [];
  for (const collection of COLLECTIONS) out.push((await storage.find(collection, { index: 'id' })).items);
  return JSON.stringify(out);
}

/** `n` clients and their cases: 2n records, valid throughout. */
function file(n: number): CaseloadExport {
  const cases = fixtureCases(n, 11);
  const clients = cases.map((c) => ({ id: c.clientId, version: 1, createdAt: c.createdAt, updatedAt: c.createdAt, name: { given: [c.clientName.split(' ')[0]!], family: c.clientName.split(' ')[1]! }, identifiers: [], contact: {}, interpreterNeeded: false, active: true }));
  return { format: 'casekit.caseload', formatVersion: 1, exportedAt: NOW.toISOString(), exportedBy: SEED_SUPERVISOR, collections: { clients, cases: cases as unknown as StoredRecord[] } };
}

describe('hostile caseload files on the memory storage', () => {
  const setup = () => {
    const storage = createMemoryStorage();
    return { storage, supervisor: createCaseManager({ storage, actor: SEED_SUPERVISOR, clock: () => NOW }) };
  };
  const refused = async (storage: StoragePort, run: () => Promise<unknown>, code: string, path?: (string | number)[]) => {
    const before = await snapshot(storage);
    const error = await run().catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, String(error));
    assert.ok(error.issues.some((i) => i.code === code || (code === 'schema' && !i.code.includes('-'))), error.issues.map((i) => i.code).join());
    if (path) assert.deepEqual(error.issues[0]!.path, path);
    assert.equal(await snapshot(storage), before, 'nothing written');
  };

  it('a bad record in the last chunk of 10,000 writes nothing', async () => {
    const { storage, supervisor } = setup();
    const bad = file(5000);
    (bad.collections.cases!.at(-1) as Record<string, unknown>)['status'] = 'lost';
    await refused(storage, () => supervisor.importCaseload(bad, { chunkSize: 500 }), 'schema', ['collections', 'cases', 4999, 'status']);
  });

  it('duplicate ids and dangling references are refused', async () => {
    const { storage, supervisor } = setup();
    const twice = file(10);
    twice.collections.clients!.push({ ...twice.collections.clients![2]! });
    await refused(storage, () => supervisor.importCaseload(twice), 'duplicate-id');
    const dangling = file(10);
    (dangling.collections.cases![4] as Record<string, unknown>)['clientId'] = 'client-nobody';
    await refused(storage, () => supervisor.importCaseload(dangling), 'dangling-reference', ['collections', 'cases', 4, 'clientId']);
    // A reference to a record already in storage is fine.
    await supervisor.importCaseload({ ...file(10), collections: { clients: file(10).collections.clients! } });
    await supervisor.importCaseload({ ...file(10), collections: { cases: file(10).collections.cases! } });
    assert.equal(await storage.count('cases', { index: 'id' }), 10);
  });

  it('an altered audit event is refused whole; unchanged ones are skipped, new ones added', async () => {
    const { storage, supervisor } = setup();
    const seeded = await createSeedCaseload({ clients: 3, now: NOW });
    await supervisor.importCaseload(seeded);
    assert.equal((await supervisor.importCaseload(seeded)).imported['audit'], 0);
    const altered = structuredClone(seeded);
    (altered.collections.audit![1] as Record<string, unknown>)['reason'] = 'nothing happened here';
    await refused(storage, () => supervisor.importCaseload(altered), 'audit-immutable');
  });

  it('stores parsed records: no prototype keys, trimmed text, defaults filled', async () => {
    const { storage, supervisor } = setup();
    const hostile = JSON.parse(
      JSON.stringify(file(2))
        .replace('"interpreterNeeded":false,', '"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"extra":"dropped",')
        .replace('"identifiers":[],', ''),
    );
    hostile.collections.clients[1].name.given = ['  Rosa  '];
    await supervisor.importCaseload(hostile);
    const [first, second] = (await storage.find('clients', { index: 'id' })).items;
    assert.deepEqual(Object.keys(first!).filter((k) => ['__proto__', 'constructor', 'extra'].includes(k)), []);
    assert.deepEqual([first!['interpreterNeeded'], first!['identifiers']], [false, []], 'defaults filled');
    assert.deepEqual((second!['name'] as { given: string[] }).given, ['Rosa']);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('bad options and a throwing onProgress write nothing', async () => {
    const { storage, supervisor } = setup();
    for (const options of [{ chunkSize: 0 }, { chunkSize: -1 }, { chunkSize: Number.NaN }, { chunkSize: 1.5 }, { onProgress: 'yes' }, { other: true }]) {
      await refused(storage, () => supervisor.importCaseload(file(3), options as never), 'schema');
    }
    const before = await snapshot(storage);
    const error = await supervisor.importCaseload(file(300), { chunkSize: 50, onProgress: ({ done }) => { if (done >= 400) throw new Error('stop'); } }).catch((e: unknown) => e);
    assert.ok(error instanceof CasekitError && error.code === 'internal');
    assert.equal(await snapshot(storage), before);
  });
});
