import { expect } from '@open-wc/testing';
import { createMemoryStorage, type CaseGroupField, type CaseQuery, type CaseRecord, type StoragePort } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import type { DBCore, Middleware } from 'dexie';
import { DexieStorageAdapter } from './dexie-storage.js';
import { importRecords } from './import-records.js';
import { freshName, testKey } from './test/helpers.js';

/** Counts what the adapter reads from the cases table: rows fetched (by range or by id), keys listed without rows, and count requests. */
function readCounter() {
  const reads = { rows: 0, keys: 0, counts: 0 };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'read-counter',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'cases') return table;
        return {
          ...table,
          query: async (request) => {
            const response = await table.query(request);
            if (request.values) reads.rows += response.result.length;
            else reads.keys += response.result.length;
            return response;
          },
          openCursor: async (request) => {
            const cursor = await table.openCursor(request);
            if (!cursor || !request.values) return cursor;
            // Count each row a value cursor visits.
            const start = cursor.start.bind(cursor);
            return Object.assign(Object.create(cursor), {
              start: (onNext: () => void) =>
                start(() => {
                  reads.rows++;
                  onNext();
                }),
            });
          },
          getMany: async (request) => {
            const rows = await table.getMany(request);
            reads.rows += rows.filter((row) => row !== undefined).length;
            return rows;
          },
          count: (request) => {
            reads.counts++;
            return table.count(request);
          },
        };
      },
    }),
  };
  return { reads, middleware };
}

async function allPages(storage: StoragePort, query: CaseQuery): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await storage.queryCases({ ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

const cases: CaseRecord[] = fixtureCases(3000, 42).map((c, i) =>
  // Some resolved and addressed needs, so the need filter's "unresolved" rule is exercised.
  i % 7 === 0 && c.needs.length ? { ...c, needs: c.needs.map((n, j) => ({ ...n, status: j % 2 ? 'addressed' : 'resolved' })) } : c,
);

for (const encrypted of [false, true]) describe(`caseload queries on 3,000 cases${encrypted ? ', encrypted' : ''}`, () => {
  const reference = createMemoryStorage();
  const counter = readCounter();
  let storage: DexieStorageAdapter;

  before(async () => {
    storage = new DexieStorageAdapter(
      { name: freshName('case-queries'), ...(encrypted ? { encryption: { key: await testKey() } } : {}) },
      { middleware: [counter.middleware] },
    );
    await importRecords(storage, 'cases', cases, { chunkSize: 1000 });
    await reference.load([{ collection: 'cases', records: cases }]);
  });
  after(() => storage.close());

  const queries: CaseQuery[] = [
    { assigneeId: 'cm-baker', status: ['active'], limit: 25 },
    { assigneeId: 'cm-baker', limit: 40, direction: 'desc' },
    { assigneeId: 'cm-chen', status: ['active', 'on-hold'], sort: 'priority', limit: 30 },
    { assigneeId: 'cm-chen', priority: ['urgent'], sort: 'priority', direction: 'desc', limit: 30 },
    { status: ['active', 'intake', 'waitlist'], sort: 'priority', priority: ['high', 'urgent'], limit: 50 },
    { sort: 'priority', limit: 100 },
    { limit: 100 },
    { sort: 'updatedAt', direction: 'desc', limit: 70 },
    { program: ['insurance', 'healthcare'], riskLevel: ['high'], limit: 20 },
    { needDomain: ['housing', 'food', 'legal'], limit: 33 },
    { needDomain: ['housing'], status: ['active'], sort: 'priority', limit: 33 },
    { needDomain: ['food'], text: 'garcía', sort: 'updatedAt', limit: 20 },
    { riskLevel: ['high'], status: ['active'], limit: 30 },
    { sort: 'risk', status: ['active'], limit: 40 },
    { sort: 'risk', direction: 'desc', priority: ['urgent', 'high'], limit: 35 },
    { sort: 'risk', assigneeId: 'cm-chen', limit: 20 },
    { sort: 'risk', text: 'garcía', limit: 15 },
    { sort: 'risk', riskLevel: ['moderate', 'high'], dueOnOrBefore: '2026-07-01', limit: 25 },
    { riskLevel: ['high', 'moderate'], sort: 'priority', priority: ['urgent'], limit: 25 },
    { riskLevel: ['high'], assigneeId: 'cm-baker', limit: 20 },
    { needDomain: ['housing', 'food'], status: ['active'], sort: 'priority', direction: 'desc', limit: 17 },
    { dueOnOrBefore: '2026-07-01', status: ['active'], limit: 45 },
    { dueOnOrBefore: '2026-07-01', assigneeId: 'cm-alvarez', direction: 'desc', limit: 45 },
    { text: 'ma', limit: 60 },
    { text: 'garcía', assigneeId: 'cm-alvarez', limit: 10 },
    { text: 'interpreter', status: ['active'], sort: 'updatedAt', limit: 15 },
    { text: 'garc', status: ['active'], limit: 10 },
    { text: 'nguy', sort: 'priority', priority: ['high', 'urgent'], limit: 15 },
    { text: 'ma', dueOnOrBefore: '2026-07-01', direction: 'desc', limit: 12 },
    { text: 'okafor', assigneeId: 'cm-baker', sort: 'priority', direction: 'desc', limit: 9 },
    { clientId: 'client-000017' },
  ];
  for (const query of queries) {
    it(`matches the reference for ${JSON.stringify(query)}`, async () => {
      expect(await allPages(storage, query)).to.deep.equal(await allPages(reference, query));
    });
  }

  const groupings: [CaseGroupField, CaseQuery][] = [
    ['status', {}],
    ['status', { assigneeId: 'cm-baker' }],
    ['priority', { assigneeId: 'cm-baker', status: ['active', 'on-hold'] }],
    ['status', { priority: ['urgent'] }],
    ['assigneeId', { status: ['active'] }],
    ['program', { needDomain: ['food'], dueOnOrBefore: '2026-07-15' }],
    ['status', { text: 'garc' }],
    ['status', { riskLevel: ['high'] }],
    ['priority', { riskLevel: ['high', 'low'], status: ['active', 'on-hold'] }],
    ['status', { needDomain: ['housing'] }],
    ['status', { needDomain: ['housing', 'food', 'legal'], priority: ['high'] }],
    ['status', { dueOnOrBefore: '2026-07-01' }],
    ['priority', { dueOnOrBefore: '2026-07-01', assigneeId: 'cm-chen' }],
    ['status', { riskLevel: ['high'], assigneeId: 'cm-baker' }],
    ['status', { text: 'ma', priority: ['urgent'] }],
    ['priority', { text: 'aisha okaf', assigneeId: 'cm-baker' }],
    ['assigneeId', { text: 'nguy', status: ['active'] }],
  ];
  for (const [groupBy, query] of groupings) {
    it(`counts by ${groupBy} match the reference for ${JSON.stringify(query)}`, async () => {
      expect(await storage.countCases(groupBy, query)).to.deep.equal(await reference.countCases(groupBy, query));
    });
  }

  it('a deep page reads no more rows than the first page (key-cursor paging, no offset)', async () => {
    const query: CaseQuery = { assigneeId: 'cm-baker', status: ['active'], limit: 10 };
    counter.reads.rows = 0;
    let page = await storage.queryCases(query);
    const firstPageReads = counter.reads.rows;
    for (let i = 0; i < 20; i++) page = await storage.queryCases({ ...query, cursor: page.nextCursor! });
    counter.reads.rows = 0;
    page = await storage.queryCases({ ...query, cursor: page.nextCursor! });
    expect(page.items.length).to.equal(10);
    // The page merges four urgency ranges, each read in small batches; offset paging would read the 210 rows before it.
    expect(counter.reads.rows).to.be.at.most(2 * firstPageReads);
    expect(firstPageReads).to.be.below(50);
  });

  it('a one-word search reads about a page of rows, not every case the word matches', async () => {
    const matching = (await allPages(reference, { text: 'garc' })).length;
    counter.reads.rows = 0;
    const page = await storage.queryCases({ text: 'garc', limit: 10 });
    expect(page.items.length).to.equal(10);
    // One range per status and urgency (32), a few rows each; sorting every match would read all of them.
    expect(counter.reads.rows).to.be.below(matching / 2);
  });

  it("a search's counts per status come from index entries without reading cases", async () => {
    counter.reads.rows = 0;
    await storage.countCases('status', { text: 'garc', assigneeId: 'cm-baker' });
    await storage.countCases('priority', { text: 'aisha okaf' });
    expect(counter.reads.rows).to.equal(0);
  });

  it("a board filtered by risk, need or overdue counts its columns without reading cases", async () => {
    counter.reads.rows = 0;
    await storage.countCases('status', { riskLevel: ['high'] });
    await storage.countCases('status', { needDomain: ['housing', 'food'] });
    await storage.countCases('priority', { dueOnOrBefore: '2026-07-01', status: ['active'] });
    expect(counter.reads.rows).to.equal(0);
  });

  it('a board column filtered by risk reads about a page', async () => {
    counter.reads.rows = 0;
    const page = await storage.queryCases({ riskLevel: ['high'], status: ['active'], limit: 20 });
    expect(page.items.length).to.equal(20);
    expect(counter.reads.rows).to.be.below(60);
  });

  it("an assignee's counts per status, and the list of assignees, come from the case counts: no case read, no index counted", async () => {
    counter.reads.rows = 0;
    counter.reads.counts = 0;
    expect(await storage.countCases('status', { assigneeId: 'cm-baker' })).to.deep.equal(await reference.countCases('status', { assigneeId: 'cm-baker' }));
    const open: CaseQuery = { status: ['referred', 'intake', 'waitlist', 'active', 'on-hold'] };
    expect(await storage.countCases('assigneeId', open)).to.deep.equal(await reference.countCases('assigneeId', open));
    expect([counter.reads.rows, counter.reads.counts]).to.deep.equal([0, 0]);
  });

  it("a search plans from the token counts: no index entry counted, and a one-token word's column counts read no case and no index", async () => {
    counter.reads.counts = 0;
    for (const query of [{ text: 'garc' }, { text: 'aisha okaf' }, { text: 'garc', assigneeId: 'cm-baker' }, { text: 'okaf', sort: 'priority' as const }]) {
      expect((await storage.queryCases({ ...query, limit: 10 })).items.length, JSON.stringify(query)).to.be.greaterThan(0);
    }
    expect(counter.reads.counts).to.equal(0);
    Object.assign(counter.reads, { rows: 0, keys: 0 });
    expect(await storage.countCases('status', { text: 'okaf' })).to.deep.equal(await reference.countCases('status', { text: 'okaf' }));
    expect(counter.reads).to.deep.equal({ rows: 0, keys: 0, counts: 0 });
  });
});

// The thresholds scaled down to 3,000 cases, so this database takes the plans 100,000 cases would:
// each of "aisha" and "okaf" matches more cases than a candidate set may hold, both together few.
describe('text search when every word is common but the words together are rare', () => {
  const reference = createMemoryStorage();
  const counter = readCounter();
  let storage: DexieStorageAdapter;

  before(async () => {
    storage = new DexieStorageAdapter({ name: freshName('text-plans') }, { middleware: [counter.middleware], textPlanLimits: { candidates: 40, intersect: 2000 } });
    await importRecords(storage, 'cases', cases, { chunkSize: 1000 });
    await reference.load([{ collection: 'cases', records: cases }]);
  });
  after(() => storage.close());

  const queries: CaseQuery[] = [
    { text: 'aisha okaf', limit: 5 },
    { text: 'okafor aisha', sort: 'priority', limit: 7 },
    { text: 'aisha okaf', status: ['active'], sort: 'updatedAt', direction: 'desc', limit: 3 },
    // Together still too many for a candidate set: the sorted walk answers.
    { text: 'garcía interpreter', limit: 10 },
    // "ma" matches more than the intersection limit: intersect the other words, or walk.
    { text: 'ma garcía', limit: 10 },
  ];
  for (const query of queries) {
    it(`matches the reference for ${JSON.stringify(query)}, every page`, async () => {
      expect(await allPages(storage, query)).to.deep.equal(await allPages(reference, query));
    });
  }

  it('reads only the rows of the cases that match every word', async () => {
    const matching = (await allPages(reference, { text: 'aisha okaf' })).length;
    expect(matching).to.be.within(1, 40);
    counter.reads.rows = 0;
    const page = await storage.queryCases({ text: 'aisha okaf', limit: 50 });
    expect(page.items.length).to.equal(matching);
    // The sorted walk this replaces read every case (3,000 rows) to fill a page of rare matches.
    expect(counter.reads.rows).to.equal(matching);
  });
});
