/**
 * The indexed memory storage against a scan (scan-reference.test.ts) under random commits, loads and
 * clears: after every step the stored records, every caseload query (all pages, cursors included),
 * grouped counts, and `find`/`count` on random indexes must be exactly what the scan gives.
 * `CASEKIT_PROPERTY_RUNS` / `CASEKIT_PROPERTY_SEED` as in the public API properties.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { CASE_STATUSES, PRIORITIES, RISK_LEVELS } from '../../case/case-schema.js';
import type { CollectionName } from '../../records/record.js';
import { planOperations } from '../apply-operations.js';
import { CASE_GROUP_FIELDS, type CaseQuery } from '../case-query.js';
import { INDEXES, indexKeys } from '../indexes.js';
import { compareKeys } from '../keys.js';
import { createMemoryStorage } from '../memory-storage.js';
import type { FindQuery, IndexKey, StoragePort, StoredRecord, WriteOperation } from '../storage-port.js';
import { scanCount, scanCountCases, scanFind, scanQueryCases, sortedCounts, type Tables } from './scan-reference.test.js';

const numRuns = Number(process.env['CASEKIT_PROPERTY_RUNS'] ?? 60);
const seed = process.env['CASEKIT_PROPERTY_SEED'] === undefined ? undefined : Number(process.env['CASEKIT_PROPERTY_SEED']);

const AT = ['2026-03-01T09:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-03-02T09:00:00.000Z', '2026-03-05T12:30:00.000Z'];
const DUE = ['2026-03-01', '2026-03-02', '2026-03-09', '2026-04-01', '9999-12-31'];
const NAMES = ['María García', 'José Nguyễn', 'Ana Muñoz', 'Aisha Okafor', 'Mario Li'];
const IDS: Record<'cases' | 'audit' | 'clients', string[]> = {
  cases: Array.from({ length: 14 }, (_, i) => `case-${i}`),
  audit: Array.from({ length: 40 }, (_, i) => `ev-${i}`),
  clients: Array.from({ length: 6 }, (_, i) => `cl-${i}`),
};
type Collection = keyof typeof IDS;

const caseFields = fc.record(
  {
    clientId: fc.constantFrom('cl-1', 'cl-2', 'cl-3'),
    clientName: fc.constantFrom(...NAMES),
    title: fc.constantFrom('Housing help', 'Food bank'),
    program: fc.constantFrom('healthcare', 'social-work', 'insurance'),
    priority: fc.constantFrom(...PRIORITIES),
    riskLevel: fc.constantFrom(...RISK_LEVELS),
    assigneeId: fc.constantFrom('cm-a', 'cm-b', 'cm-c'),
    status: fc.constantFrom(...CASE_STATUSES),
    nextContactDue: fc.constantFrom(...DUE),
    updatedAt: fc.constantFrom(...AT),
    needs: fc.array(fc.record({ domain: fc.constantFrom('housing', 'food', 'health'), status: fc.constantFrom('identified', 'resolved') }), { maxLength: 2 }),
    tags: fc.subarray(['interpreter', 'mariachi']),
    // Malformed now and then (not what CaseSchema allows): the storage must still answer like a scan.
    odd: fc.oneof({ weight: 40, arbitrary: fc.constant({}) }, fc.constantFrom({ priority: 'bogus' }, { nextContactDue: '' }, { status: 7 }), { weight: 2, arbitrary: fc.constant({ tags: 5 }) }),
  },
  { requiredKeys: ['clientId', 'clientName', 'program', 'priority', 'riskLevel', 'status', 'updatedAt', 'needs', 'tags'] },
);
const auditFields = fc.record(
  { recordId: fc.constantFrom('case-1', 'case-2', 'cl-1'), recordIds: fc.subarray(['case-1', 'case-3', 'cl-2']), at: fc.constantFrom(...AT), actor: fc.constantFrom('cm-a', 'sup'), caseId: fc.constantFrom('case-1', 'case-2') },
  { requiredKeys: ['recordId', 'at', 'actor'] },
);
const clientFields = fc.record({
  family: fc.constantFrom('García', 'Nuñez', 'Li'),
  given: fc.subarray(['Ana', 'José', 'Jo']),
  ids: fc.subarray(['urn:mrn|1', 'urn:mrn|2', 'urn:host|9']),
  birthDate: fc.constantFrom('1980-01-02', '1991-05-06'),
  // Now and then without identifiers: the `identifiers` key function throws for it.
  broken: fc.oneof({ weight: 10, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

function makeRecord(collection: Collection, id: string, version: number, f: any): StoredRecord {
  if (collection === 'cases') {
    const { odd, needs, ...rest } = f;
    const needList = needs.map((n: any) => ({ ...n, source: 'manual', identifiedAt: AT[0] }));
    const record = { id, version, createdAt: AT[0], openedAt: AT[0], careTeam: [], statusHistory: [], ...rest, needs: needList, ...(f.odd ?? {}) };
    return f.nextContactDue === '9999-12-31' ? { ...record, nextContactDue: undefined } : record;
  }
  if (collection === 'audit') {
    const { actor, ...rest } = f;
    return { id, version, createdAt: f.at, updatedAt: f.at, action: 'read', collection: 'cases', actor: { id: actor, name: actor, role: 'admin' }, ...rest };
  }
  const identifiers = f.ids.map((s: string) => ({ system: s.split('|')[0], value: s.split('|')[1] }));
  return { id, version, createdAt: AT[0], updatedAt: AT[1], name: { given: f.given, family: f.family }, ...(f.broken ? {} : { identifiers }), birthDate: f.birthDate };
}

const op = fc.record({ kind: fc.constantFrom('put', 'put', 'put', 'delete', 'stale'), collection: fc.constantFrom<Collection>('cases', 'cases', 'cases', 'audit', 'clients'), pick: fc.nat(), cases: caseFields, audit: auditFields, clients: clientFields });
/** Each filter in about one query of six, so that queries match something. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
const caseQuery: fc.Arbitrary<CaseQuery> = fc
  .record({
    assigneeId: fc.oneof(fc.constant(undefined), fc.constantFrom('cm-a', 'cm-b', 'cm-z')),
    status: sometimes(fc.subarray([...CASE_STATUSES], { minLength: 1 })),
    program: sometimes(fc.subarray(['healthcare', 'insurance'])),
    priority: sometimes(fc.subarray([...PRIORITIES], { minLength: 1 })),
    riskLevel: sometimes(fc.subarray([...RISK_LEVELS], { minLength: 1 })),
    needDomain: sometimes(fc.subarray(['housing', 'food'], { minLength: 1 })),
    clientId: sometimes(fc.constantFrom('cl-1', 'cl-9')),
    dueOnOrBefore: sometimes(fc.constantFrom('2026-03-01', '2026-03-05', '9999-12-31')),
    text: sometimes(fc.constantFrom('mar', 'nguyen', 'ana mu', 'ana food', 'housing', 'x', ' ')),
    sort: fc.constantFrom('dueDate', 'priority', 'updatedAt'),
    direction: fc.constantFrom('asc', 'desc'),
    limit: fc.integer({ min: 1, max: 5 }),
  })
  .map((query) => Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as CaseQuery);
/** Picks keys of a random index among those stored (plus one that is not), so filters hit. */
const findSelector = fc.record({ collection: fc.constantFrom<Collection>('cases', 'audit', 'clients'), index: fc.nat(), filter: fc.constantFrom('all', 'equals', 'prefix', 'range', 'open-range'), a: fc.nat(), b: fc.nat(), reverse: fc.boolean(), limit: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }) });
const checks = fc.record({ queries: fc.array(caseQuery, { minLength: 1, maxLength: 2 }), group: fc.constantFrom(...CASE_GROUP_FIELDS), finds: fc.array(findSelector, { minLength: 1, maxLength: 2 }) });
const step = fc.oneof(
  { weight: 12, arbitrary: fc.record({ type: fc.constant('commit' as const), ops: fc.array(op, { minLength: 1, maxLength: 4 }), checks }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('load' as const), records: fc.array(fc.record({ pick: fc.nat(), fields: caseFields, version: fc.integer({ min: 1, max: 3 }) }), { maxLength: 5 }), fail: fc.boolean(), checks }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('clear' as const), checks }) },
);

/** What a read gave: its value, or the error it threw (a malformed record can make the scan throw). */
async function outcome<T>(read: () => T | Promise<T>): Promise<{ value?: T; error?: string }> {
  try {
    return { value: await read() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** Both reads give equal values (compared by `same`), or both throw the same error. */
async function agree<T>(got: () => Promise<T>, want: () => T, same: (a: T, b: T) => void, label: string): Promise<T | undefined> {
  const [a, b] = [await outcome(got), await outcome(want)];
  assert.equal(a.error, b.error, label);
  if (b.error === undefined) same(a.value!, b.value!);
  return a.value;
}

async function allPages<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>, expected: (cursor: string | undefined) => { items: T[]; nextCursor?: string }, same: (a: T[], b: T[]) => void): Promise<void> {
  // Bounded: a malformed priority sorts as NaN, whose cursor (null) pages forever, in the scan too.
  let cursor: string | undefined;
  for (let page = 0; page < 40; page++) {
    const got = await agree(() => read(cursor), () => expected(cursor), (a, b) => same(a.items, b.items), 'page');
    if (!got) return;
    const want = expected(cursor);
    assert.equal(got.nextCursor, want.nextCursor, 'cursor');
    if (!got.nextCursor) return;
    cursor = got.nextCursor;
  }
}

const ids = (items: StoredRecord[]) => items.map((r) => r.id);

function tryKeys(keys: () => IndexKey[]): IndexKey[] {
  try {
    return keys();
  } catch {
    return [];
  }
}

function scribble(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(scribble);
    value.push('scribbled');
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) scribble(item);
    (value as Record<string, unknown>)['scribbled'] = true;
  }
}

async function checkReads(storage: StoragePort, model: Tables, c: any): Promise<void> {
  for (const collection of Object.keys(IDS) as Collection[]) {
    const table = model.get(collection)!;
    assert.equal(await storage.count(collection, { index: 'id' }), table.size, `${collection} size`);
    const read = await storage.getMany(collection, [...table.keys()]);
    assert.deepEqual(read, [...table.values()], `${collection} records`);
    // Reads are the caller's own: changing them, arrays and nested objects included, changes nothing stored.
    read.forEach(scribble);
    assert.deepEqual(await storage.getMany(collection, [...table.keys()]), [...table.values()], `${collection} records after changing a read`);
  }
  for (const query of c.queries as CaseQuery[]) {
    await allPages((cursor) => storage.queryCases({ ...query, ...(cursor ? { cursor } : {}) }), (cursor) => scanQueryCases(model, { ...query, ...(cursor ? { cursor } : {}) }), (a, b) => assert.deepEqual(a, b, JSON.stringify(query)));
    await agree(() => storage.countCases(c.group, query), () => scanCountCases(model, c.group, query), (a, b) => assert.deepEqual(sortedCounts(a), sortedCounts(b)), `counts ${c.group} ${JSON.stringify(query)}`);
  }
  for (const s of c.finds) {
    const names = ['id', ...INDEXES[s.collection as Collection].map((d) => d.name)];
    const index = names[s.index % names.length]!;
    const table = model.get(s.collection)!;
    const keysOf = (r: StoredRecord) => (index === 'id' ? [r.id] : indexKeys(INDEXES[s.collection as CollectionName].find((d) => d.name === index)!, r));
    const keys: IndexKey[] = [...table.values()].flatMap((r) => tryKeys(() => keysOf(r)));
    keys.push(['zz-missing', AT[0]!], 'zz-missing');
    keys.sort(compareKeys);
    const [lo, hi] = [keys[s.a % keys.length]!, keys[s.b % keys.length]!].sort(compareKeys);
    const query: FindQuery = {
      index,
      ...(s.filter === 'equals' ? { equals: lo } : {}),
      ...(s.filter === 'prefix' ? { prefix: Array.isArray(lo) ? lo.slice(0, 1) : [lo!] } : {}),
      ...(s.filter === 'range' ? { range: { gte: lo!, lt: hi! } } : {}),
      ...(s.filter === 'open-range' ? { range: { gt: lo! } } : {}),
      ...(s.reverse ? { reverse: true } : {}),
      ...(s.limit !== undefined ? { limit: s.limit } : {}),
    };
    if (query.limit === 0) await agree(() => storage.find(s.collection, query), () => scanFind(model, s.collection, query), (a, b) => assert.deepEqual(a, b), 'limit 0');
    else await allPages((cursor) => storage.find(s.collection, { ...query, ...(cursor ? { cursor } : {}) }), (cursor) => scanFind(model, s.collection, { ...query, ...(cursor ? { cursor } : {}) }), (a, b) => assert.deepEqual(ids(a), ids(b), JSON.stringify(query)));
    const { limit: _l, reverse: _r, ...countQuery } = query;
    await agree(() => storage.count(s.collection, countQuery), () => scanCount(model, s.collection, countQuery), (a, b) => assert.equal(a, b), `count ${JSON.stringify(countQuery)}`);
  }
}

/** Runs one step on the storage and on the model; a step the model refuses must leave the storage as it was. */
async function runStep(storage: StoragePort, model: Tables, s: any): Promise<void> {
  const version = (collection: CollectionName, id: string) => model.get(collection)!.get(id)?.version;
  if (s.type === 'clear') {
    await storage.clear();
    for (const table of model.values()) table.clear();
  } else if (s.type === 'commit') {
    const operations: WriteOperation[] = s.ops.map((o: any): WriteOperation => {
      const id = IDS[o.collection as Collection][o.pick % IDS[o.collection as Collection].length]!;
      const current = version(o.collection, id) ?? 0;
      const expected = o.kind === 'stale' ? current + 1 : current;
      if (o.kind === 'delete') return { type: 'delete', collection: o.collection, id, expectedVersion: current };
      return { type: 'put', collection: o.collection, record: makeRecord(o.collection, id, expected + 1, o[o.collection]), expectedVersion: expected };
    });
    let planned: ReturnType<typeof planOperations> | undefined;
    try {
      planned = planOperations(operations, version);
    } catch {
      await assert.rejects(storage.commit(operations));
      return;
    }
    await storage.commit(operations);
    for (const write of planned.writes) {
      if (write.record) model.get(write.collection)!.set(write.id, structuredClone(write.record));
      else model.get(write.collection)!.delete(write.id);
    }
  } else {
    const records = s.records.map((r: any) => makeRecord('cases', IDS.cases[r.pick % IDS.cases.length]!, r.version, r.fields));
    const chunks = [{ collection: 'cases' as const, records: records.slice(0, 2) }, { collection: 'cases' as const, records: records.slice(2) }];
    const stop = new Error('stop');
    const load = storage.load(chunks, { onChunk: () => { if (s.fail) throw stop; } });
    if (s.fail) return void (await assert.rejects(load, (e) => e === stop));
    await load;
    for (const record of records) model.get('cases')!.set(record.id, structuredClone(record));
  }
}

describe('memory storage indexes: random changes, every answer as a scan gives it', () => {
  it(`matches the scan after every step (${numRuns} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const storage = createMemoryStorage();
        const model: Tables = new Map((Object.keys(IDS) as CollectionName[]).map((c) => [c, new Map()]));
        for (const s of steps) {
          await runStep(storage, model, s);
          await checkReads(storage, model, s.checks);
        }
        await storage.close();
      }),
      { numRuns, ...(seed !== undefined ? { seed } : {}) },
    );
  });
});
