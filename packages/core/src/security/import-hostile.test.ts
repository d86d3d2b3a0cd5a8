/**
 * Contract H with hostile caseload files: an import is all or nothing; it stores the parsed records;
 * it refuses duplicate ids, dangling references and changes to the audit log; invalid options are a
 * ValidationError; a throwing onProgress leaves nothing; a success writes exactly one `import` event.
 * After every refused import, storage is byte-identical to what it was.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCaseManager, type CaseManager } from '../case-manager.js';
import { CasekitError, PermissionError, ValidationError } from '../errors/errors.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { StoragePort, StoredRecord } from '../storage/storage-port.js';
import { COLLECTIONS, type CollectionName } from '../records/record.js';
import { RECORD_SCHEMAS } from '../transfer/record-schemas.js';
import { CASELOAD_FORMAT, CASELOAD_FORMAT_VERSION, type CaseloadExport } from '../transfer/caseload-transfer.js';
import { createSeedCaseload, SEED_SUPERVISOR } from '../testing/seed-caseload.js';
import { PERSONAS } from '../testing/test-manager.js';
import type { AuditEvent } from '../audit/audit-schema.js';

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

const NOW = new Date('2026-11-24T15:00:00.000Z');
const T0 = '2026-03-01T09:00:00.000Z';
const seed = createSeedCaseload({ clients: 6, now: NOW });
/** A fresh deep copy of a realistic export (every collection but drafts). */
const file = async (): Promise<CaseloadExport> => structuredClone(await seed);

function target(storage: StoragePort = createMemoryStorage()): { storage: StoragePort; manager: CaseManager } {
  return { storage, manager: createCaseManager({ storage, actor: SEED_SUPERVISOR, clock: () => NOW }) };
}

async function readAll(storage: StoragePort, collection: CollectionName): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await storage.find(collection, { index: 'id', limit: 1000, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function dump(storage: StoragePort): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const collection of COLLECTIONS) out[collection] = JSON.stringify((await readAll(storage, collection)).sort((a, b) => (a.id < b.id ? -1 : 1)));
  return out;
}

/** Imports `data`, expects the error `check` accepts, and that storage did not change at all. */
async function assertRefusedImport(storage: StoragePort, manager: CaseManager, data: unknown, options?: unknown, check: (e: unknown) => boolean = (e) => e instanceof ValidationError): Promise<CasekitError> {
  const before = await dump(storage);
  let caught: unknown;
  try {
    await manager.importCaseload(data, options as never);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, 'the import was expected to be refused, it succeeded');
  assert.ok(caught instanceof CasekitError, `a bare ${(caught as Error)?.constructor?.name} escaped: ${String(caught)}`);
  assert.ok(check(caught), `unexpected ${caught.name} (${caught.code}): ${caught.message}`);
  const after = await dump(storage);
  for (const collection of COLLECTIONS) assert.equal(after[collection], before[collection], `a refused import changed ${collection}`);
  return caught;
}

const issuePaths = (error: CasekitError) => (error as ValidationError).issues.map((i) => i.path.join('.'));

function client(id: string, extra: Record<string, unknown> = {}): StoredRecord {
  return { id, version: 1, createdAt: T0, updatedAt: T0, name: { given: ['Rosa'], family: 'Martínez' }, contact: {}, interpreterNeeded: false, identifiers: [], active: true, ...extra };
}

function envelope(collections: Partial<Record<CollectionName, unknown[]>>): unknown {
  return { format: CASELOAD_FORMAT, formatVersion: CASELOAD_FORMAT_VERSION, exportedAt: T0, exportedBy: { id: 'sup-elsewhere', name: 'Other agency', role: 'supervisor' }, collections };
}

/** Own keys that could change a prototype when a later step copies the object by assignment. */
function prototypeKeys(value: unknown, path = ''): string[] {
  if (!value || typeof value !== 'object') return [];
  const own = Object.getOwnPropertyNames(value).filter((key) => key === '__proto__' || key === 'constructor' || key === 'prototype').map((key) => `${path}.${key}`);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) own.push(`${path} (prototype changed)`);
  return [...own, ...Object.entries(value).flatMap(([key, child]) => prototypeKeys(child, `${path}.${key}`))];
}

const importEvents = async (storage: StoragePort) => ((await readAll(storage, 'audit')) as unknown as AuditEvent[]).filter((e) => e.action === 'import');

// ---------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------

describe('H. import: envelopes and options', () => {
  const GARBAGE: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', JSON.stringify({ format: CASELOAD_FORMAT })],
    ['an array', []],
    ['an empty object', {}],
    ['another format', { ...(envelope({}) as object), format: 'fhir-bundle' }],
    ['a future format version', { ...(envelope({}) as object), formatVersion: 2 }],
    ['collections that are not an object', { ...(envelope({}) as object), collections: 'all of them' }],
    ['a collection that is not an array', envelope({ clients: { 0: client('c1') } as never })],
    ['a record that is null', envelope({ clients: [client('c1'), null] })],
    ['a record that is a string', envelope({ clients: ['c1'] })],
    ['an unknown collection', { ...(envelope({}) as object), collections: { users: [client('u1')] } }],
    ['a case filed under clients', envelope({ clients: [{ id: 'case-1', version: 1, createdAt: T0, updatedAt: T0, clientId: 'c1', program: 'healthcare', status: 'active' }] })],
    ['a note of one megabyte', envelope({ clients: [client('c1', { name: { given: ['x'.repeat(1 << 20)], family: 'Big' } })] })],
    ['a version that is not a positive integer', envelope({ clients: [client('c1', { version: 0 })] })],
    ['an exportedAt that is not a date', { ...(envelope({}) as object), exportedAt: 'yesterday' }],
  ];
  for (const [label, data] of GARBAGE) {
    it(`refuses ${label} with a ValidationError and writes nothing`, async () => {
      const { storage, manager } = target();
      await manager.clients.create({ name: { given: ['Existing'], family: 'Client' } });
      const error = await assertRefusedImport(storage, manager, data);
      assert.ok((error as ValidationError).issues.length > 0, 'issues say where');
    });
  }

  const BAD_OPTIONS: [string, unknown][] = [
    ['chunkSize 0', { chunkSize: 0 }],
    ['a negative chunkSize', { chunkSize: -5 }],
    ['chunkSize NaN', { chunkSize: Number.NaN }],
    ['a fractional chunkSize', { chunkSize: 2.5 }],
    ['chunkSize Infinity', { chunkSize: Number.POSITIVE_INFINITY }],
    ['a chunkSize string', { chunkSize: '500' }],
    ['an onProgress that is not a function', { onProgress: 'console.log' }],
    ['an onProgress object', { onProgress: { call: () => undefined } }],
    ['options that are a number', 500],
    ['options that are a string', 'fast'],
  ];
  for (const [label, options] of BAD_OPTIONS) {
    it(`refuses ${label} with a ValidationError at options, before writing anything`, async () => {
      const { storage, manager } = target();
      const error = await assertRefusedImport(storage, manager, await file(), options);
      assert.ok(issuePaths(error).every((p) => p.startsWith('options') || p.startsWith('chunkSize') || p.startsWith('onProgress')), issuePaths(error).join());
    });
  }

  it('a case manager may not import: one refused event and nothing else', async () => {
    const { storage } = target();
    const cm = createCaseManager({ storage, actor: PERSONAS.caseManager, clock: () => NOW });
    await assert.rejects(cm.importCaseload(await file()), PermissionError);
    const events = (await readAll(storage, 'audit')) as unknown as AuditEvent[];
    assert.deepEqual(events.map((e) => [e.action, e.outcome, e.actor.id]), [['import', 'refused', PERSONAS.caseManager.id]]);
    for (const collection of COLLECTIONS) if (collection !== 'audit') assert.equal((await readAll(storage, collection)).length, 0);
  });
});

describe('H. import: duplicate ids within the file', () => {
  for (const collection of ['clients', 'cases', 'notes', 'services', 'audit'] as const) {
    it(`refuses two ${collection} with one id`, async () => {
      const data = await file();
      const records = data.collections[collection]!;
      records[1] = { ...records[1]!, id: records[0]!.id };
      const { storage, manager } = target();
      const error = await assertRefusedImport(storage, manager, data);
      assert.ok(issuePaths(error).some((p) => p.startsWith(`collections.${collection}.`)), issuePaths(error).join());
    });
  }

  it('refuses a duplicate even when the two copies are identical', async () => {
    const data = await file();
    data.collections.clients!.push(structuredClone(data.collections.clients![0]!));
    const { storage, manager } = target();
    await assertRefusedImport(storage, manager, data);
  });
});

describe('H. import: references must resolve in the file or in storage', () => {
  const GHOST = 'ghost-0000';
  type Breaker = { label: string; collection: CollectionName; field: string[]; pick?: (r: StoredRecord) => boolean; set?: (r: StoredRecord) => void };
  const BREAKERS: Breaker[] = [
    { label: "a case's client", collection: 'cases', field: ['clientId'] },
    { label: "an assessment's case", collection: 'assessments', field: ['caseId'] },
    { label: "a plan's case", collection: 'plans', field: ['caseId'] },
    { label: "a plan's client", collection: 'plans', field: ['clientId'] },
    { label: "a referral's case", collection: 'referrals', field: ['caseId'] },
    { label: "a referral's directory service", collection: 'referrals', field: ['service', 'serviceId'], pick: (r) => !!(r['service'] as { serviceId?: string }).serviceId },
    { label: "a referral's care plan", collection: 'referrals', field: ['planId'], pick: (r) => !!r['planId'] },
    { label: "a note's case", collection: 'notes', field: ['caseId'] },
    { label: 'the note an amendment amends', collection: 'notes', field: ['amends'], pick: (r) => r['status'] === 'signed', set: (r) => (r['amendmentReason'] = 'Corrected the visit date') },
    { label: "a consent's client", collection: 'consents', field: ['clientId'] },
    { label: "a service's organisation", collection: 'services', field: ['organizationId'] },
    { label: 'the client a duplicate is linked to', collection: 'clients', field: ['linkedTo'] },
  ];
  for (const breaker of BREAKERS) {
    it(`refuses ${breaker.label} that is in neither the file nor storage`, async () => {
      const data = await file();
      const records = data.collections[breaker.collection]!;
      const index = records.findIndex(breaker.pick ?? (() => true));
      assert.ok(index >= 0, `the seed has a record for ${breaker.label}`);
      let holder = records[index] as Record<string, unknown>;
      for (const key of breaker.field.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
      holder[breaker.field.at(-1)!] = GHOST;
      breaker.set?.(records[index]!);
      const { storage, manager } = target();
      await manager.clients.create({ name: { given: ['Existing'], family: 'Client' } });
      const error = await assertRefusedImport(storage, manager, data);
      const path = ['collections', breaker.collection, index, ...breaker.field].join('.');
      assert.ok(issuePaths(error).includes(path), `expected an issue at ${path}, got ${issuePaths(error).join(', ')}`);
    });
  }

  it('accepts references to records already stored, and to records later in the file', async () => {
    const data = await file();
    const { storage, manager } = target();
    const { clients, organizations, ...rest } = data.collections;
    await manager.importCaseload({ ...data, collections: { clients, organizations } });
    // The rest references clients and organisations from storage; services come before organisations in key order.
    const { imported } = await manager.importCaseload({ ...data, collections: { ...rest, audit: rest.audit } });
    assert.equal(imported['cases'], data.collections.cases!.length);
    const { storage: other, manager: again } = target();
    const reordered = Object.fromEntries(Object.entries(data.collections).reverse());
    await again.importCaseload({ ...data, collections: reordered });
    assert.equal((await readAll(other, 'cases')).length, data.collections.cases!.length);
    assert.equal((await readAll(storage, 'notes')).length, data.collections.notes!.length);
  });
});

describe('H. import: the audit log only grows', () => {
  it('refuses a file that changes a stored audit event, in any field', async () => {
    const { storage, manager } = target();
    await manager.importCaseload(await file());
    const tamper: [string, (e: Record<string, unknown>) => void][] = [
      ['reason', (e) => (e['reason'] = 'nothing happened here')],
      ['actor', (e) => (e['actor'] = { id: 'cm-baker', name: 'Devon Baker', role: 'case-manager' })],
      ['at', (e) => (e['at'] = '2020-01-01T00:00:00.000Z')],
      ['recordId', (e) => (e['recordId'] = 'seed-other')],
      ['an added outcome', (e) => (e['outcome'] = 'refused')],
      ['a removed field', (e) => delete e['collection']],
    ];
    for (const [label, change] of tamper) {
      const data = await file();
      change(data.collections.audit![3] as Record<string, unknown>);
      const error = await assertRefusedImport(storage, manager, data, undefined, (e) => e instanceof ValidationError).catch((e: unknown) => {
        throw new Error(`changing ${label}: ${(e as Error).message}`);
      });
      assert.ok(issuePaths(error).some((p) => p.startsWith('collections.audit.3')), `changing ${label}: ${issuePaths(error).join(', ')}`);
    }
  });

  it('skips audit events stored unchanged (key order aside), adds new ones, and writes one import event', async () => {
    const { storage, manager } = target();
    const data = await file();
    await manager.importCaseload(data);
    const stored = (await readAll(storage, 'audit')).length;
    const again = await file();
    // Same content, keys in another order.
    again.collections.audit = again.collections.audit!.map((e) => Object.fromEntries(Object.entries(e).reverse()) as StoredRecord);
    const fresh = { ...again.collections.audit[0]!, id: 'audit-from-elsewhere', at: '2026-11-20T10:00:00.000Z' };
    again.collections.audit.push(fresh);
    await manager.importCaseload(again);
    const events = (await readAll(storage, 'audit')) as unknown as AuditEvent[];
    assert.equal(events.length, stored + 1 + 1, 'the new event and one import event were added, nothing duplicated');
    assert.ok(events.some((e) => e.id === 'audit-from-elsewhere'));
    assert.equal((await importEvents(storage)).length, 2, 'one import event per import');
  });
});

describe('H. import: what is stored is the parsed record', () => {
  it('strips unknown keys, trims strings and fills defaults', async () => {
    const { storage, manager } = target();
    const messy = { ...client('c-messy'), name: { given: ['  Lucía  '], family: '  Muñoz ', nickname: 'Lu' }, favouriteColour: 'green', contact: { phone: ' +1 555 0100 ' } };
    delete (messy as Record<string, unknown>)['identifiers'];
    delete (messy as Record<string, unknown>)['interpreterNeeded'];
    await manager.importCaseload(envelope({ clients: [messy] }));
    const stored = await storage.get('clients', 'c-messy');
    assert.deepEqual(stored, {
      id: 'c-messy',
      version: 1,
      createdAt: T0,
      updatedAt: T0,
      name: { given: ['Lucía'], family: 'Muñoz' },
      contact: { phone: '+1 555 0100' },
      interpreterNeeded: false,
      identifiers: [],
      active: true,
    });
    assert.deepEqual(stored, RECORD_SCHEMAS.clients.parse(stored), 'stored in its parsed form');
  });

  it('keeps no own __proto__, constructor or prototype key, at any depth, and pollutes nothing', async () => {
    const { storage, manager } = target();
    const text = JSON.stringify(envelope({ clients: [client('c-proto')], drafts: [] }))
      .replace('"id":"c-proto"', '"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"id":"c-proto"')
      .replace('"given":["Rosa"]', '"given":["Rosa"],"__proto__":{"polluted":"yes"}')
      .replace('"drafts":[]', `"drafts":[{"id":"d-proto","version":1,"createdAt":"${T0}","updatedAt":"${T0}","ownerId":"cm-alvarez","kind":"intake","data":{"__proto__":{"polluted":"yes"},"answers":{"constructor":{"prototype":{"polluted":"yes"}},"step":2}}}]`);
    const data = JSON.parse(text) as unknown;
    assert.ok(Object.hasOwn((data as { collections: { clients: object[] } }).collections.clients[0]!, '__proto__'), 'the hostile file really has an own __proto__ key');
    await manager.importCaseload(data).catch((error: unknown) => {
      // Refusing the file is acceptable too, as long as nothing was written.
      assert.ok(error instanceof ValidationError, String(error));
    });
    for (const collection of COLLECTIONS) {
      for (const record of await readAll(storage, collection)) assert.deepEqual(prototypeKeys(record), [], `${collection}/${record.id} kept a prototype key`);
    }
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype was polluted');
    assert.equal(({} as Record<string, unknown>)['isAdmin'], undefined, 'Object.prototype was polluted');
    const stored = await storage.get('clients', 'c-proto');
    if (stored) assert.equal((stored as Record<string, unknown>)['polluted'], undefined);
  });

  it('an export of the imported caseload re-imports into an empty storage, unchanged', async () => {
    const { manager } = target();
    await manager.importCaseload(await file());
    const exported = await manager.exportCaseload();
    const { storage: second, manager: again } = target();
    await again.importCaseload(JSON.parse(JSON.stringify(exported)));
    for (const collection of COLLECTIONS) {
      if (collection === 'audit') continue;
      assert.deepEqual(await readAll(second, collection), (exported.collections[collection] ?? []).sort((a, b) => (a.id < b.id ? -1 : 1)), collection);
    }
  });
});

describe('H. import: 10,000 records, all or nothing', () => {
  const BIG = 10_000;
  const clients = () => Array.from({ length: BIG }, (_, i) => client(`bulk-${String(i).padStart(5, '0')}`, { name: { given: ['Ana'], family: `Pérez ${i}` } }));

  it('a bad record in the last chunk: nothing written, no progress reported', async () => {
    const records = clients();
    records[BIG - 1] = { ...records[BIG - 1]!, birthDate: '31/12/1999' };
    const { storage, manager } = target();
    const progress: number[] = [];
    const error = await assertRefusedImport(storage, manager, envelope({ clients: records }), { chunkSize: 500, onProgress: (p: { done: number }) => progress.push(p.done) });
    assert.deepEqual(issuePaths(error), [`collections.clients.${BIG - 1}.birthDate`]);
    assert.deepEqual(progress, [], 'nothing was written, so no progress');
  });

  it('a dangling reference in the last chunk: nothing written', async () => {
    const records = clients();
    const cases = records.map((c, i) => ({
      id: `case-${i}`,
      version: 1,
      createdAt: T0,
      updatedAt: T0,
      clientId: i === BIG - 1 ? 'ghost-client' : c.id,
      clientName: 'Ana Pérez',
      program: 'healthcare',
      priority: 'medium',
      riskLevel: 'low',
      careTeam: [],
      needs: [],
      tags: [],
      status: 'active',
      statusHistory: [{ from: null, to: 'active', at: T0, by: { id: 'seed', name: 'Seed', role: 'admin' } }],
      openedAt: T0,
    }));
    const { storage, manager } = target();
    const error = await assertRefusedImport(storage, manager, envelope({ clients: records, cases }), { chunkSize: 500 });
    assert.ok(issuePaths(error).includes(`collections.cases.${BIG - 1}.clientId`), issuePaths(error).join());
  });

  it('an onProgress that throws on the last chunk: a CasekitError, nothing written', async () => {
    const { storage, manager } = target();
    let calls = 0;
    const error = await assertRefusedImport(
      storage,
      manager,
      envelope({ clients: clients() }),
      {
        chunkSize: 500,
        onProgress: (p: { done: number; total: number }) => {
          calls++;
          if (p.done >= p.total) throw new RangeError('the progress bar broke');
        },
      },
      (e) => e instanceof CasekitError,
    );
    assert.ok(calls >= BIG / 500, `progress was reported chunk by chunk before it threw (${calls} calls)`);
    assert.ok(!(error instanceof RangeError));
  });

  it('a valid file of 10,000: stored whole, progress grows to the total, one import event', async () => {
    const { storage, manager } = target();
    const progress: { done: number; total: number }[] = [];
    const { imported } = await manager.importCaseload(envelope({ clients: clients() }), { chunkSize: 500, onProgress: (p) => progress.push({ done: p.done, total: p.total }) });
    assert.equal(imported['clients'], BIG);
    assert.equal((await readAll(storage, 'clients')).length, BIG);
    assert.ok(progress.every((p, i) => i === 0 || p.done > progress[i - 1]!.done), 'progress grows');
    assert.equal(progress.at(-1)!.done, progress.at(-1)!.total);
    const events = await importEvents(storage);
    assert.deepEqual(events.map((e) => [e.action, e.actor.id, e.outcome]), [['import', SEED_SUPERVISOR.id, undefined]]);
    assert.equal((await readAll(storage, 'audit')).length, 1, 'the import event is the only event');
  });
});
