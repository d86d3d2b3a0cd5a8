import { expect } from '@open-wc/testing';
import { Dexie } from 'dexie';
import { COLLECTIONS, caseSearchTokens, createMemoryStorage, type CaseQuery, type CaseRecord, type FindQuery, type StoredRecord } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';
import { createRowCipher } from './encryption.js';
import { SCHEMA_HISTORY } from './migrations.js';
import { CASE_ROW_KEYS, plainRow, storedIndex, withId, type Row } from './schema.js';
import { freshName, openRaw, rawValues, testKey } from './test/helpers.js';
import { SAMPLE_RECORDS } from './test/records.js';

/**
 * A database exactly as schema version 1 left it, built with raw IndexedDB (Dexie stores version n
 * as IndexedDB version 10n): one store per collection keyed by id, records stored as they are.
 */
async function createVersion1Database(name: string, records: Record<string, StoredRecord[]>): Promise<void> {
  const db = await openRaw(name, 10, (database) => {
    for (const collection of COLLECTIONS) {
      const store = database.createObjectStore(collection, { keyPath: 'id' });
      store.createIndex('updatedAt', 'updatedAt');
      if (collection === 'cases') for (const field of ['status', 'assigneeId', 'clientId']) store.createIndex(field, field);
    }
  });
  const tx = db.transaction(Object.keys(records), 'readwrite');
  for (const [collection, list] of Object.entries(records)) for (const record of list) tx.objectStore(collection).put(record);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

const T = '2026-04-02T10:00:00.000Z';
const clients = [
  { id: 'client-1', version: 3, createdAt: T, updatedAt: T, name: { given: ['Thanh'], family: 'Nguyễn' }, identifiers: [{ system: 'urn:mrn', value: 'MRN-7731' }], contact: { phone: '+1 555 0100' }, interpreterNeeded: true, active: true },
  { id: 'client-2', version: 1, createdAt: T, updatedAt: T, name: { given: ['Aisha'], family: 'Okafor' }, identifiers: [], contact: {}, interpreterNeeded: false, active: true },
];
const notes = [
  { id: 'note-1', version: 1, createdAt: T, updatedAt: T, caseId: 'case-000001', occurredAt: '2026-04-01T15:00:00.000Z', text: 'Home visit; landlord agreed to repairs.' },
  { id: 'note-2', version: 2, createdAt: T, updatedAt: T, caseId: 'case-000001', occurredAt: '2026-04-02T09:30:00.000Z', text: 'Called about food bank hours.' },
];

describe('schema migrations', () => {
  it('opens a database written by schema version 1 with every record intact and queryable', async () => {
    const name = freshName('migrate-v1');
    const cases = fixtureCases(400, 13);
    await createVersion1Database(name, { cases, clients, notes });

    const storage = createDexieStorage({ name });
    const reference = createMemoryStorage();
    await reference.load([{ collection: 'cases', records: cases }]);
    try {
      await storage.ready();
      const readBack = await storage.getMany('cases', cases.map((c) => c.id));
      expect(readBack).to.deep.equal(cases);
      expect(await storage.getMany('clients', ['client-1', 'client-2'])).to.deep.equal(clients);
      expect(await storage.count('cases', { index: 'id' })).to.equal(400);

      const queries: CaseQuery[] = [
        { assigneeId: 'cm-chen', status: ['active'], limit: 500 },
        { status: ['active', 'on-hold'], sort: 'priority', limit: 500 },
        { text: 'nguyen', limit: 500 },
        { needDomain: ['housing'], limit: 500 },
      ];
      for (const query of queries) {
        expect((await storage.queryCases(query)).items.map((c) => c.id), JSON.stringify(query)).to.deep.equal(
          (await reference.queryCases(query)).items.map((c) => c.id),
        );
      }
      expect((await storage.find('clients', { index: 'identifiers', equals: 'urn:mrn|MRN-7731' })).items.map((c) => c.id)).to.deep.equal(['client-1']);
      expect((await storage.find('notes', { index: 'caseId+occurredAt', prefix: ['case-000001'], reverse: true })).items.map((n) => n.id)).to.deep.equal(['note-2', 'note-1']);
      // Versions survive, so the next edit is checked against them.
      await storage.commit([{ type: 'put', collection: 'clients', record: { ...clients[0]!, version: 4 }, expectedVersion: 3 }]);
      expect((await storage.get('clients', 'client-1'))?.version).to.equal(4);
    } finally {
      await storage.close();
    }
  });
});

/**
 * A database exactly as schema version 2 left it: Dexie with the stores versions 1 and 2 declared (as
 * frozen in SCHEMA_HISTORY), and rows in the version-2 layout, where the audit key recordId+at was a
 * single key `[recordId, at, id]`.
 */
async function createVersion2Database(name: string, rows: Record<string, Row[]>): Promise<void> {
  return createDatabaseAt(2, name, rows);
}

/** A database as schema `version` left it: the stores of versions 1 to `version` (frozen in SCHEMA_HISTORY), holding `rows`. */
async function createDatabaseAt(version: number, name: string, rows: Record<string, Row[]>): Promise<void> {
  const db = new Dexie(name);
  for (const entry of SCHEMA_HISTORY.filter((e) => e.version <= version)) db.version(entry.version).stores(entry.stores);
  await db.open();
  await db.transaction('rw', Object.keys(rows), () => Promise.all(Object.entries(rows).map(([table, list]) => db.table(table).bulkPut(list))));
  db.close();
}
const auditKeyField = storedIndex('audit', 'recordId+at')!.field;
const asVersion2 = (row: Row): Row => ({ ...row, [auditKeyField]: withId([row.r.recordId as string, row.r.at as string], row.id) });

describe('schema migration to version 3', () => {
  it('rebuilds the multi-entry audit keys of existing events, encrypted ones too, without the key', async () => {
    const name = freshName('migrate-v2');
    const key = await testKey();
    const cipher = createRowCipher({ key });
    const [override, read] = SAMPLE_RECORDS.audit as [StoredRecord, StoredRecord];
    // One event as a version-2 adapter stored it without encryption, one with (its readable part keeps recordId and at).
    const plain = asVersion2(plainRow('audit', { ...override, id: 'audit-v2-plain' }));
    const sealed = asVersion2(await cipher.seal('audit', plainRow('audit', { ...override, id: 'audit-v2-sealed', at: '2026-05-05T08:00:00.000Z' })));
    expect(sealed.e, 'the fixture is encrypted').to.exist;
    const cases = fixtureCases(5, 3);
    await createVersion2Database(name, { audit: [plain, sealed], cases: cases.map((c) => plainRow('cases', c)) });

    const storage = createDexieStorage({ name, encryption: { key } });
    try {
      await storage.ready();
      const byRecord = async (id: string) => (await storage.find('audit', { index: 'recordId+at', prefix: [id] })).items.map((e) => e.id);
      expect(await byRecord(override.recordId as string)).to.deep.equal(['audit-v2-plain', 'audit-v2-sealed']);
      expect(await storage.get('audit', 'audit-v2-sealed')).to.deep.equal({ ...override, id: 'audit-v2-sealed', at: '2026-05-05T08:00:00.000Z' });
      expect(await storage.getMany('cases', cases.map((c) => c.id))).to.deep.equal(cases);
      // A new event naming every record a list read returned is found by each of them.
      await storage.commit([{ type: 'put', collection: 'audit', record: read, expectedVersion: 0 }]);
      expect(await byRecord('client-mere')).to.deep.equal([read.id]);
      expect(await byRecord(read.recordId as string)).to.deep.equal([read.id]);
    } finally {
      await storage.close();
    }
    // The upgrade rewrote the stored keys as lists of keys.
    const db = await openRaw(name);
    const rows = (await rawValues(db, 'audit')) as Row[];
    db.close();
    expect(rows.find((r) => r.id === 'audit-v2-sealed')?.[auditKeyField]).to.deep.equal([[override.recordId, '2026-05-05T08:00:00.000Z', 'audit-v2-sealed']]);
  });
});

/** A case row as schema version 3 stored it: copies of the updatedAt, openedAt and clientId+status keys beside the record. */
const asVersion3 = (row: Row): Row => {
  const r = row.r as unknown as CaseRecord;
  return { ...row, i_updatedAt: [r.updatedAt, row.id], i_openedAt: [r.openedAt, row.id], i_clientId_status: [r.clientId, r.status, row.id] };
};

describe('schema migration to version 4', () => {
  it('indexes cases by key paths into the stored rows, encrypted ones too, and drops the stored key copies', async () => {
    const name = freshName('migrate-v3');
    const key = await testKey();
    const cipher = createRowCipher({ key });
    const cases = fixtureCases(60, 21);
    const rows = await Promise.all(cases.map(async (c, i) => asVersion3(i % 2 ? await cipher.seal('cases', plainRow('cases', c)) : plainRow('cases', c))));
    await createDatabaseAt(3, name, { cases: rows });

    const reference = createMemoryStorage();
    await reference.load([{ collection: 'cases', records: cases }]);
    const storage = createDexieStorage({ name, encryption: { key } });
    try {
      await storage.ready();
      expect(await storage.getMany('cases', cases.map((c) => c.id))).to.deep.equal(cases);
      const client = cases[7]!;
      const finds: FindQuery[] = [
        { index: 'updatedAt', range: { gte: cases[3]!.updatedAt }, limit: 500 },
        { index: 'openedAt', reverse: true, limit: 500 },
        { index: 'clientId+status', prefix: [client.clientId] },
        { index: 'clientId+status', equals: [client.clientId, client.status] },
      ];
      for (const query of finds) {
        const ids = async (s: typeof reference) => (await s.find('cases', query)).items.map((c) => c.id);
        expect(await ids(storage), JSON.stringify(query)).to.deep.equal(await ids(reference));
      }
      const sorted: CaseQuery = { sort: 'updatedAt', direction: 'desc', limit: 500 };
      expect((await storage.queryCases(sorted)).items.map((c) => c.id)).to.deep.equal((await reference.queryCases(sorted)).items.map((c) => c.id));
      expect((await storage.queryCases({ clientId: client.clientId })).items.map((c) => c.id)).to.deep.equal([client.id]);
    } finally {
      await storage.close();
    }
    const raw = await openRaw(name);
    const stored = (await rawValues(raw, 'cases')) as Row[];
    raw.close();
    expect(stored.length).to.equal(60);
    expect(stored.filter((row) => 'i_updatedAt' in row || 'i_openedAt' in row || 'i_clientId_status' in row).map((row) => row.id)).to.deep.equal([]);
  });
});

/** A case row as schema version 4 stored it: each search word's entry `[token, id]`, copies of the caseload keys. */
const asVersion4 = (row: Row, record: CaseRecord): Row => {
  const { q_assignee: _a, q_urgency: _u, q_due: _d, ...rest } = row;
  const urgency = { low: 3, medium: 2, high: 1, urgent: 0 }[record.priority];
  const due = record.nextContactDue ?? '9999-12-31';
  return {
    ...rest,
    i_tokens: caseSearchTokens(record).map((token) => [token, row.id]),
    q_assignee_status_urgency_due: [record.assigneeId ?? '', record.status, urgency, due, row.id],
    q_status_urgency_due: [record.status, urgency, due, row.id],
  };
};

describe('schema migration to version 5', () => {
  it("gives each case's search-word entries the board's sort key and the caseload keys key paths, encrypted cases too, and queries answer as before", async () => {
    const name = freshName('migrate-v4');
    const key = await testKey();
    const cipher = createRowCipher({ key });
    const cases = fixtureCases(120, 5);
    const rows = await Promise.all(cases.map(async (c, i) => asVersion4(i % 2 ? await cipher.seal('cases', plainRow('cases', c)) : plainRow('cases', c), c)));
    await createDatabaseAt(4, name, { cases: rows });

    const reference = createMemoryStorage();
    await reference.load([{ collection: 'cases', records: cases }]);
    const storage = createDexieStorage({ name, encryption: { key } });
    try {
      await storage.ready();
      const queries: CaseQuery[] = [
        { text: 'garc', limit: 500 },
        { text: 'aisha okaf', status: ['active'], sort: 'priority' },
        { text: 'nguy', limit: 7 },
        { assigneeId: 'cm-chen', status: ['active', 'on-hold'], limit: 500 },
        { status: ['active'], sort: 'priority', limit: 500 },
      ];
      for (const query of queries) {
        const ids = async (s: typeof reference) => (await s.queryCases(query)).items.map((c) => c.id);
        expect(await ids(storage), JSON.stringify(query)).to.deep.equal(await ids(reference));
      }
      expect(await storage.countCases('status', { assigneeId: 'cm-chen' })).to.deep.equal(await reference.countCases('status', { assigneeId: 'cm-chen' }));
    } finally {
      await storage.close();
    }
    const raw = await openRaw(name);
    const stored = (await rawValues(raw, 'cases')) as Row[];
    raw.close();
    const tokens = storedIndex('cases', 'tokens')!;
    for (const row of stored) {
      const record = cases.find((c) => c.id === row.id)!;
      expect(row.i_tokens, row.id).to.deep.equal(tokens.keys(record).map((k) => withId(k, row.id)));
      expect(row, row.id).to.not.have.any.keys('q_assignee_status_urgency_due', 'q_status_urgency_due');
      expect(row, row.id).to.include(CASE_ROW_KEYS(record));
    }
  });
});

describe('schema migration to version 6', () => {
  it("adds the worklist's indexes: referrals by status and sending time for every row, the other keys for plaintext rows, and for encrypted ones once opened with the key", async () => {
    const name = freshName('migrate-v5');
    const key = await testKey();
    const cipher = createRowCipher({ key });
    const T0 = '2026-11-01T09:00:00.000Z';
    const meta = (id: string) => ({ id, version: 1, createdAt: T0, updatedAt: T0 });
    const plan = (id: string): StoredRecord => ({
      ...(SAMPLE_RECORDS.plans[0] as StoredRecord),
      ...meta(id),
      status: 'active',
      goals: [{ ...(SAMPLE_RECORDS.plans[0]!.goals as Record<string, unknown>[])[0], interventions: [{ id: 't1', kind: 'task', description: 'Call the landlord', status: 'not-started', dueDate: '2026-11-20', statusHistory: [{ from: null, to: 'not-started', at: T0, by: { id: 'cm', name: 'CM', role: 'case-manager' } }], createdAt: T0 }] }],
    });
    const pending = SAMPLE_RECORDS.plans[1] as StoredRecord;
    const consent = (id: string): StoredRecord => ({ ...(SAMPLE_RECORDS.consents[0] as StoredRecord), ...meta(id), period: { start: T0, end: '2026-12-01T00:00:00.000Z' } });
    const referral = (id: string): StoredRecord => ({ ...(SAMPLE_RECORDS.referrals[0] as StoredRecord), ...meta(id), status: 'requested', requestedAt: '2026-11-20T09:00:00.000Z' });
    const closing = (id: string): StoredRecord => ({ ...(SAMPLE_RECORDS.cases[0] as StoredRecord), ...meta(id) });
    // As version 5 stored them: no worklist keys.
    const asVersion5 = (row: Row): Row => {
      const { i_taskDue: _t, i_approvalPending: _a, i_expiresAt: _e, i_pendingApproval: _p, ...rest } = row;
      return rest as Row;
    };
    const rowsOf = async (collection: 'plans' | 'consents' | 'referrals' | 'cases', plain: StoredRecord[], sealed: StoredRecord[]) => [
      ...plain.map((r) => asVersion5(plainRow(collection, r))),
      ...(await Promise.all(sealed.map(async (r) => asVersion5(await cipher.seal(collection, plainRow(collection, r)))))),
    ];
    await createDatabaseAt(5, name, {
      plans: await rowsOf('plans', [plan('plan-plain'), { ...pending, id: 'plan-pending-plain' }], [plan('plan-sealed')]),
      consents: await rowsOf('consents', [consent('consent-plain')], [consent('consent-sealed')]),
      referrals: await rowsOf('referrals', [referral('referral-plain')], [referral('referral-sealed')]),
      cases: await rowsOf('cases', [closing('case-plain')], [closing('case-sealed')]),
    });

    const storage = createDexieStorage({ name, encryption: { key } });
    try {
      await storage.ready();
      const ids = async (collection: 'plans' | 'consents' | 'referrals' | 'cases', query: FindQuery) => [...new Set((await storage.find(collection, query)).items.map((r) => r.id))].sort();
      expect(await ids('referrals', { index: 'status+requestedAt', prefix: ['requested'] })).to.deep.equal(['referral-plain', 'referral-sealed']);
      // The upgrade derives plaintext rows' keys; encrypted rows get theirs when the adapter opens with the key.
      expect(await ids('plans', { index: 'taskDue', range: { lte: '2026-11-24' } })).to.deep.equal(['plan-plain', 'plan-sealed']);
      expect(await ids('plans', { index: 'approvalPending' })).to.deep.equal(['plan-pending-plain']);
      expect(await ids('consents', { index: 'expiresAt', range: { lt: '2026-12-15T00:00:00.000Z' } })).to.deep.equal(['consent-plain', 'consent-sealed']);
      expect(await ids('cases', { index: 'pendingApproval' })).to.deep.equal(['case-plain', 'case-sealed']);
      const sealedPlan = (await storage.get('plans', 'plan-sealed'))!;
      expect(sealedPlan.version, 'the record itself is unchanged').to.equal(1);
    } finally {
      await storage.close();
    }
  });
});

describe('schema migration to version 7', () => {
  it("stamps plans and referrals with their case's assignee and derives the assignee indexes, encrypted rows included", async () => {
    const name = freshName('migrate-v6');
    const key = await testKey();
    const cipher = createRowCipher({ key });
    const T0 = '2026-11-01T09:00:00.000Z';
    const meta = (id: string) => ({ id, version: 1, createdAt: T0, updatedAt: T0 });
    const by = { id: 'cm', name: 'CM', role: 'case-manager' };
    const { caseAssigneeId: _p, ...samplePlan } = SAMPLE_RECORDS.plans[0] as StoredRecord & { caseAssigneeId?: string };
    const { caseAssigneeId: _r, ...sampleReferral } = SAMPLE_RECORDS.referrals[0] as StoredRecord & { caseAssigneeId?: string };
    const plan = (id: string, caseId = 'case-wiremu'): StoredRecord => ({
      ...samplePlan,
      ...meta(id),
      caseId,
      status: 'active',
      reviewDate: '2026-11-10',
      goals: [{ ...(samplePlan.goals as Record<string, unknown>[])[0], interventions: [{ id: 't1', kind: 'task', description: 'Call the landlord', status: 'not-started', dueDate: '2026-11-20', statusHistory: [{ from: null, to: 'not-started', at: T0, by }], createdAt: T0 }] }],
    });
    const referral = (id: string): StoredRecord => ({ ...sampleReferral, ...meta(id), status: 'requested', requestedAt: '2026-11-20T09:00:00.000Z' });
    // As version 6 stored them: no copy, no assignee keys.
    const asVersion6 = (row: Row): Row => {
      const { i_assignee_reviewDue: _a, i_assignee_taskDue: _b, i_assignee_status_requestedAt: _c, ...rest } = row;
      return rest as Row;
    };
    const rowsOf = async (collection: 'plans' | 'referrals' | 'cases', plain: StoredRecord[], sealed: StoredRecord[]) => [
      ...plain.map((r) => asVersion6(plainRow(collection, r))),
      ...(await Promise.all(sealed.map(async (r) => asVersion6(await cipher.seal(collection, plainRow(collection, r)))))),
    ];
    await createDatabaseAt(6, name, {
      cases: await rowsOf('cases', [SAMPLE_RECORDS.cases[0] as StoredRecord], []),
      plans: await rowsOf('plans', [plan('plan-plain'), plan('plan-orphan', 'case-gone')], [plan('plan-sealed')]),
      referrals: await rowsOf('referrals', [referral('referral-plain')], [referral('referral-sealed')]),
    });

    const storage = createDexieStorage({ name, encryption: { key } });
    try {
      await storage.ready();
      const ids = async (collection: 'plans' | 'referrals', query: FindQuery) => [...new Set((await storage.find(collection, query)).items.map((r) => r.id))].sort();
      expect((await storage.get('plans', 'plan-sealed'))?.['caseAssigneeId']).to.equal('cm-baker');
      expect((await storage.get('referrals', 'referral-plain'))?.['caseAssigneeId']).to.equal('cm-baker');
      expect(await ids('plans', { index: 'assignee+taskDue', range: { gte: ['cm-baker'], lte: ['cm-baker', '2026-11-24'] } })).to.deep.equal(['plan-plain', 'plan-sealed']);
      expect(await ids('plans', { index: 'assignee+reviewDue', range: { gte: ['cm-baker'], lte: ['cm-baker', '2026-11-24'] } })).to.deep.equal(['plan-plain', 'plan-sealed']);
      expect(await ids('plans', { index: 'assignee+taskDue', range: { gte: [''], lte: ['', '2026-11-24'] } })).to.deep.equal(['plan-orphan'], 'a plan whose case is not here keeps no copy');
      expect(await ids('referrals', { index: 'assignee+status+requestedAt', prefix: ['cm-baker', 'requested'] })).to.deep.equal(['referral-plain', 'referral-sealed']);
    } finally {
      await storage.close();
    }
  });
});
