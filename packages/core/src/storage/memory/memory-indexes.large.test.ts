/**
 * The indexed memory storage against a scan at a size where lists split into several chunks, a big
 * load rebuilds the indexes, common search words take the sorted walk and rare pairs the intersection.
 * A seeded random loop (deterministic): bulk load, then single commits, checking reads every so often.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseRecord } from '../../case/case-schema.js';
import type { CollectionName } from '../../records/record.js';
import type { CaseGroupField, CaseQuery } from '../case-query.js';
import { createMemoryStorage } from '../memory-storage.js';
import type { StoredRecord } from '../storage-port.js';
import { fixtureCases } from '../../testing/fixtures.js';
import { pick, seededRandom } from '../../testing/random.js';
import { scanCasePages, scanCount, scanCountCases, scanFind, scanQueryCases, sortedCounts, type Tables } from './scan-reference.test.js';

const COUNT = 6000;
const random = seededRandom(12);
// Few assignees, statuses and priorities: partitions of over a chunk (1024 entries). Half the clients
// are "María", half "Okafor", a quarter both: each word alone is too common for candidates.
const narrow = (c: CaseRecord, i: number): CaseRecord => ({
  ...c,
  clientName: `${i % 2 ? 'María' : 'Aisha'} ${Math.floor(i / 2) % 2 ? 'García' : 'Okafor'}`,
  assigneeId: i % 3 ? 'cm-a' : 'cm-b',
  status: i % 5 ? 'active' : 'on-hold',
  priority: i % 7 ? 'medium' : 'urgent',
  ...(i % 11 ? {} : { clientId: 'client-shared' }),
});

const QUERIES: CaseQuery[] = [
  { assigneeId: 'cm-a', status: ['active'], sort: 'dueDate', limit: 150 },
  { assigneeId: 'cm-a', status: ['active', 'on-hold'], sort: 'priority', direction: 'desc', limit: 200 },
  { sort: 'updatedAt', direction: 'desc', limit: 300 },
  { sort: 'updatedAt', status: ['active', 'closed', 'intake'], limit: 100 },
  { dueOnOrBefore: '2026-07-10', status: ['active'], sort: 'priority', limit: 250 },
  { needDomain: ['housing'], sort: 'dueDate', direction: 'desc', limit: 400 },
  { text: 'maria', limit: 300 }, // a common word: the sorted walk
  { text: 'aisha okaf', limit: 300 }, // two common words, fewer together: the intersection
  { clientId: 'client-shared', sort: 'priority', limit: 120 },
  { program: ['healthcare'], riskLevel: ['high'], sort: 'dueDate', limit: 500 },
];

async function checkAll(storage: ReturnType<typeof createMemoryStorage>, model: Tables, deep: boolean): Promise<void> {
  for (const query of deep ? QUERIES : QUERIES.slice(0, 5)) {
    const pages = scanCasePages(model, query);
    let cursor: string | undefined;
    for (let page = 0; page < 200; page++) {
      const got = await storage.queryCases({ ...query, ...(cursor ? { cursor } : {}) });
      const want = pages(cursor);
      assert.deepEqual(got.items.map((c) => c.id), want.items.map((c) => c.id), `${JSON.stringify(query)} page ${page}`);
      assert.equal(got.nextCursor, want.nextCursor, `${JSON.stringify(query)} cursor ${page}`);
      if (!(cursor = got.nextCursor)) break;
    }
  }
  const groupings: [CaseGroupField, CaseQuery][] = [['status', { assigneeId: 'cm-a' }], ['assigneeId', { status: ['active', 'on-hold'] }], ['priority', { dueOnOrBefore: '2026-07-01' }], ['program', { text: 'garc', dueOnOrBefore: '2026-07-20' }], ['riskLevel', { needDomain: ['food'] }]];
  for (const [group, query] of groupings) {
    assert.deepEqual(sortedCounts(await storage.countCases(group, query)), sortedCounts(scanCountCases(model, group, query)), `${group} ${JSON.stringify(query)}`);
  }
  for (const query of [{ index: 'updatedAt', range: { gte: '2026-03-01', lt: '2026-05-01' }, limit: 700 }, { index: 'tokens', range: { gte: 'li', lt: 'li\uffff' }, reverse: true, limit: 900 }, { index: 'clientId+status', prefix: ['client-shared'] }, { index: 'id', limit: 2000 }]) {
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const q = { ...query, ...(cursor ? { cursor } : {}) };
      const got = await storage.find('cases', q);
      const want = scanFind(model, 'cases', q);
      assert.deepEqual(got.items.map((c) => c.id), want.items.map((c) => c.id), `${JSON.stringify(query)} page ${page}`);
      assert.equal(got.nextCursor, want.nextCursor);
      if (!(cursor = got.nextCursor)) break;
    }
    const { limit: _limit, reverse: _reverse, ...countQuery } = query as typeof query & { reverse?: boolean };
    assert.equal(await storage.count('cases', countQuery), scanCount(model, 'cases', countQuery));
  }
}

describe('memory storage indexes at 6,000 cases', () => {
  it('a big load, then single updates, creates and deletes: every read as a scan gives it', async () => {
    const storage = createMemoryStorage();
    const cases = fixtureCases(COUNT, 5).map(narrow);
    const table = new Map<string, StoredRecord>(cases.map((c) => [c.id, structuredClone(c) as unknown as StoredRecord]));
    const model: Tables = new Map<CollectionName, Map<string, StoredRecord>>([['cases', table]]);
    // The first chunk is big enough to rebuild the indexes; the later, smaller ones insert one by one
    // (splitting chunks of the lists).
    const chunks = [cases.slice(0, 3000), ...Array.from({ length: 6 }, (_, i) => cases.slice(3000 + i * 500, 3500 + i * 500))];
    await storage.load(chunks.map((records) => ({ collection: 'cases', records })));
    await checkAll(storage, model, true);
    // A big unit that fails after its indexes were rebuilt leaves them as they were.
    const extra = fixtureCases(2000, 77).map((c, i) => narrow({ ...c, id: `x-${i}` }, i));
    const stop = new Error('stop');
    await assert.rejects(storage.load([{ collection: 'cases', records: extra }], { onChunk: () => { throw stop; } }), (e) => e === stop);
    // New cases of every assignee, status and priority: many partitions, so "recently updated" walks
    // the declared updatedAt index instead of merging them.
    const spare = fixtureCases(400, 99).map((c, i) => ({ ...c, id: `new-${i}` }));
    for (let step = 1; step <= 400; step++) {
      const roll = random();
      const ids = [...table.keys()];
      const current = table.get(pick(random, ids))! as unknown as CaseRecord;
      if (roll < 0.6) {
        const next = { ...current, version: current.version + 1, status: pick(random, ['active', 'on-hold', 'closed'] as const), nextContactDue: `2026-07-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`, updatedAt: `2026-0${1 + Math.floor(random() * 8)}-15T10:00:00.000Z` };
        await storage.commit([{ type: 'put', collection: 'cases', record: next as unknown as StoredRecord, expectedVersion: current.version }]);
        table.set(next.id, structuredClone(next) as unknown as StoredRecord);
      } else if (roll < 0.8) {
        await storage.commit([{ type: 'delete', collection: 'cases', id: current.id, expectedVersion: current.version }]);
        table.delete(current.id);
      } else {
        const created = spare.pop();
        if (!created) continue;
        await storage.commit([{ type: 'put', collection: 'cases', record: created as unknown as StoredRecord, expectedVersion: 0 }]);
        table.set(created.id, structuredClone(created) as unknown as StoredRecord);
      }
      if (step % 100 === 0) await checkAll(storage, model, step === 400);
    }
    // A stale write in a batch changes nothing, indexes included.
    const [first] = table.values();
    await assert.rejects(storage.commit([{ type: 'put', collection: 'cases', record: { ...first!, version: first!.version + 1, status: 'closed' }, expectedVersion: first!.version }, { type: 'delete', collection: 'cases', id: first!.id, expectedVersion: 99 }]));
    await checkAll(storage, model, false);
  });
});

describe('memory storage indexes: search words', () => {
  it('a search of two words, one found through the index, still checks the other', async () => {
    const storage = createMemoryStorage();
    const [a, b, c] = fixtureCases(3, 1);
    const cases = [{ ...a!, clientName: 'Ana Muñoz', title: 'Housing help' }, { ...b!, clientName: 'Ana Muñoz', title: 'Food bank' }, { ...c!, clientName: 'Mario Li', title: 'Food bank' }];
    await storage.commit(cases.map((record) => ({ type: 'put', collection: 'cases', record: record as unknown as StoredRecord, expectedVersion: 0 }) as const));
    const model: Tables = new Map([['cases', new Map(cases.map((r) => [r.id, r as unknown as StoredRecord]))]]);
    for (const text of ['ana food', 'food ana', 'mario food', 'ana']) {
      assert.deepEqual((await storage.queryCases({ text })).items.map((r) => r.id), scanQueryCases(model, { text }).items.map((r) => r.id), text);
      assert.deepEqual(await storage.countCases('status', { text }), scanCountCases(model, 'status', { text }), text);
    }
  });
});
