import { CasekitError, ConflictError } from '../errors/errors.js';
import type { CaseRecord } from '../case/case-schema.js';
import { CaseQuerySchema, caseGroupValue, caseMatches, caseSortKey, type CaseGroupField, type CaseQuery } from '../storage/case-query.js';
import { compareEntries } from '../storage/paging.js';
import type { ChangeBatch, StoragePort, StoredRecord } from '../storage/storage-port.js';
import { check, checkEqual, checkRejects } from './assert.js';
import { fixtureCases } from './fixtures.js';

/** One behaviour every storage adapter must have. `run` gets a fresh, empty storage. */
export interface ConformanceCase {
  name: string;
  run(storage: StoragePort): Promise<void>;
}

export interface ConformanceRunner {
  /** e.g. node:test's `describe` or mocha's global `describe`. */
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
}

/**
 * Registers the whole suite with your test runner:
 * `runStorageConformance(() => createMyStorage(), { describe, it })`. Each case gets a new storage
 * from `createStorage` and closes it afterwards.
 */
export function runStorageConformance(createStorage: () => StoragePort | Promise<StoragePort>, runner: ConformanceRunner): void {
  runner.describe('storage conformance', () => {
    for (const testCase of storageConformanceCases()) {
      runner.it(testCase.name, async () => {
        const storage = await createStorage();
        try {
          await testCase.run(storage);
        } finally {
          await storage.close();
        }
      });
    }
  });
}

const T0 = '2026-03-01T09:00:00.000Z';
function client(id: string, extra: Record<string, unknown> = {}): StoredRecord {
  return {
    id,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    name: { given: ['Rosa'], family: 'Martínez' },
    identifiers: [],
    contact: {},
    interpreterNeeded: true,
    language: 'es',
    active: true,
    ...extra,
  };
}
const put = (record: StoredRecord, expectedVersion = record.version - 1) =>
  ({ type: 'put', collection: 'clients', record, expectedVersion }) as const;
const isConflict = (e: unknown) => e instanceof ConflictError;
const isStorageRefusal = (e: unknown) => e instanceof CasekitError && !(e instanceof ConflictError);

async function allPages(storage: StoragePort, query: CaseQuery): Promise<CaseRecord[]> {
  const items: CaseRecord[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await storage.queryCases({ ...query, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    if (!page.nextCursor) return items;
    check(page.items.length > 0, 'a page with a nextCursor must not be empty');
    cursor = page.nextCursor;
  }
  throw new Error('paging did not finish');
}

function expectedCases(cases: CaseRecord[], input: CaseQuery): string[] {
  const query = CaseQuerySchema.parse(input);
  const sorted = cases
    .filter((c) => caseMatches(c, query))
    .map((c) => ({ key: caseSortKey(c, query.sort), id: c.id }))
    .sort(compareEntries);
  if (query.direction === 'desc') sorted.reverse();
  return sorted.map((e) => e.id);
}

const CASE_QUERIES: { label: string; query: CaseQuery }[] = [
  { label: "one assignee's active cases by due date", query: { assigneeId: 'cm-baker', status: ['active'], sort: 'dueDate', limit: 7 } },
  { label: 'open cases by priority', query: { status: ['active', 'on-hold', 'intake'], sort: 'priority', limit: 11 } },
  { label: 'recently updated, newest first', query: { sort: 'updatedAt', direction: 'desc', limit: 13 } },
  { label: 'program and risk', query: { program: ['behavioral-health'], riskLevel: ['high', 'moderate'], limit: 5 } },
  { label: 'need domain', query: { needDomain: ['housing', 'food'], sort: 'dueDate', direction: 'desc', limit: 9 } },
  { label: 'overdue contacts', query: { dueOnOrBefore: '2026-07-10', status: ['active'], limit: 6 } },
  { label: 'text without accents finds accented names', query: { text: 'nguyen', limit: 4 } },
  { label: 'two words and a priority', query: { text: 'mar garc', priority: ['urgent', 'high'], limit: 3 } },
  { label: 'assignee + status + priority sort descending', query: { assigneeId: 'cm-chen', status: ['active', 'on-hold'], sort: 'priority', direction: 'desc', limit: 8 } },
  { label: 'open cases by risk, highest first', query: { status: ['active', 'on-hold'], sort: 'risk', limit: 10 } },
  { label: "one assignee's cases by risk, due by a date", query: { assigneeId: 'cm-baker', sort: 'risk', dueOnOrBefore: '2026-07-20', limit: 6 } },
  { label: 'high and moderate risk by risk, descending, with a need', query: { riskLevel: ['high', 'moderate'], needDomain: ['housing'], sort: 'risk', direction: 'desc', limit: 5 } },
];

export function storageConformanceCases(): ConformanceCase[] {
  return [
    {
      name: 'put then get returns an equal copy, not the stored object',
      async run(s) {
        const record = client('c1');
        await s.commit([put(record)]);
        const read = await s.get('clients', 'c1');
        checkEqual(read, record, 'read back');
        (read as unknown as { name: { family: string } }).name.family = 'Changed';
        checkEqual((await s.get('clients', 'c1'))?.name, record.name, 'mutating a read must not change the store');
        checkEqual(await s.get('clients', 'missing'), undefined, 'missing id');
        const many = await s.getMany('clients', ['missing', 'c1']);
        checkEqual([many[0], many[1]?.id], [undefined, 'c1'], 'getMany keeps order and gaps');
      },
    },
    {
      name: 'creating a record that exists is a conflict',
      async run(s) {
        await s.commit([put(client('c1'))]);
        await checkRejects(s.commit([put(client('c1', { name: { given: ['X'], family: 'Y' } }))]), isConflict, 'second create');
        checkEqual((await s.get('clients', 'c1'))?.name, client('c1').name, 'first create kept');
      },
    },
    {
      name: 'a write based on a stale version is a conflict and writes nothing',
      async run(s) {
        await s.commit([put(client('c1'))]);
        await s.commit([put(client('c1', { version: 2, language: 'vi' }), 1)]);
        const error = await checkRejects(s.commit([put(client('c1', { version: 2, language: 'en' }), 1)]), isConflict, 'stale update');
        checkEqual((error as ConflictError).actualVersion, 2, 'conflict reports the current version');
        const stored = await s.get('clients', 'c1');
        checkEqual([stored?.version, stored?.language], [2, 'vi'], 'newer write kept');
        await checkRejects(s.commit([put(client('nope', { version: 2 }), 1)]), isConflict, 'update of a missing record');
      },
    },
    {
      name: 'a put must store exactly the next version',
      async run(s) {
        await s.commit([put(client('c1'))]);
        await checkRejects(s.commit([put(client('c1', { version: 5 }), 1)]), isStorageRefusal, 'version jump');
        checkEqual((await s.get('clients', 'c1'))?.version, 1, 'unchanged');
      },
    },
    {
      name: 'delete checks the version',
      async run(s) {
        await s.commit([put(client('c1'))]);
        await checkRejects(s.commit([{ type: 'delete', collection: 'clients', id: 'c1', expectedVersion: 3 }]), isConflict, 'stale delete');
        await s.commit([{ type: 'delete', collection: 'clients', id: 'c1', expectedVersion: 1 }]);
        checkEqual(await s.get('clients', 'c1'), undefined, 'deleted');
      },
    },
    {
      name: 'a batch is all or nothing',
      async run(s) {
        await s.commit([put(client('existing'))]);
        await checkRejects(
          s.commit([
            put(client('new-1')),
            { type: 'put', collection: 'cases', record: fixtureCases(1)[0]!, expectedVersion: 0 },
            put(client('existing')),
          ]),
          isConflict,
          'batch with one conflict',
        );
        checkEqual(await s.get('clients', 'new-1'), undefined, 'first write of the failed batch rolled back');
        checkEqual(await s.count('cases', { index: 'id' }), 0, 'second write of the failed batch rolled back');
      },
    },
    {
      name: 'operations in one batch apply in order',
      async run(s) {
        await s.commit([put(client('c1')), put(client('c1', { version: 2, language: 'so' }), 1)]);
        const stored = await s.get('clients', 'c1');
        checkEqual([stored?.version, stored?.language], [2, 'so'], 'create then update in one batch');
      },
    },
    {
      name: 'the audit collection is append-only',
      async run(s) {
        const event = { id: 'a1', version: 1, at: T0, createdAt: T0, updatedAt: T0, recordId: 'c1', actor: { id: 'u', name: 'U', role: 'admin' } };
        await s.commit([{ type: 'put', collection: 'audit', record: event, expectedVersion: 0 }]);
        await checkRejects(s.commit([{ type: 'put', collection: 'audit', record: { ...event, version: 2 }, expectedVersion: 1 }]), isStorageRefusal, 'update');
        await checkRejects(s.commit([{ type: 'delete', collection: 'audit', id: 'a1', expectedVersion: 1 }]), isStorageRefusal, 'delete');
        checkEqual((await s.get('audit', 'a1'))?.version, 1, 'audit event intact');
      },
    },
    {
      name: 'find by index: equals, compound prefix, range, reverse and cursor paging',
      async run(s) {
        const events = Array.from({ length: 25 }, (_, i) => ({
          id: `ev-${String(i).padStart(2, '0')}`,
          version: 1,
          createdAt: T0,
          updatedAt: T0,
          at: new Date(Date.parse(T0) + (i % 10) * 60_000).toISOString(),
          recordId: i % 2 ? 'case-a' : 'case-b',
          actor: { id: i % 3 ? 'cm-1' : 'sup-1', name: 'N', role: 'case-manager' },
        }));
        await s.commit(events.map((record) => ({ type: 'put', collection: 'audit', record, expectedVersion: 0 }) as const));
        const forA = events.filter((e) => e.recordId === 'case-a').sort((x, y) => (x.at + x.id < y.at + y.id ? -1 : 1));
        const page1 = await s.find('audit', { index: 'recordId+at', prefix: ['case-a'], limit: 5 });
        checkEqual(page1.items.map((e) => e.id), forA.slice(0, 5).map((e) => e.id), 'first page in key order');
        check(page1.nextCursor, 'nextCursor when more follow');
        const page2 = await s.find('audit', { index: 'recordId+at', prefix: ['case-a'], limit: 5, cursor: page1.nextCursor });
        checkEqual(page2.items.map((e) => e.id), forA.slice(5, 10).map((e) => e.id), 'second page continues after the first');
        const page3 = await s.find('audit', { index: 'recordId+at', prefix: ['case-a'], limit: 5, cursor: page2.nextCursor });
        checkEqual(page3.items.map((e) => e.id), forA.slice(10).map((e) => e.id), 'last page');
        checkEqual(page3.nextCursor, undefined, 'no cursor after the last page');
        const newest = await s.find('audit', { index: 'recordId+at', prefix: ['case-a'], reverse: true, limit: 3 });
        checkEqual(newest.items.map((e) => e.id), [...forA].reverse().slice(0, 3).map((e) => e.id), 'reverse order');
        const ranged = await s.find('audit', { index: 'at', range: { gte: events[3]!.at, lt: events[6]!.at } });
        checkEqual(ranged.items.length, events.filter((e) => e.at >= events[3]!.at && e.at < events[6]!.at).length, 'range');
        checkEqual(await s.count('audit', { index: 'actorId+at', prefix: ['sup-1'] }), events.filter((e) => e.actor.id === 'sup-1').length, 'count');
        const exact = await s.find('audit', { index: 'recordId+at', equals: ['case-b', events[0]!.at] });
        checkEqual(exact.items.map((e) => e.id).sort(), events.filter((e) => e.recordId === 'case-b' && e.at === events[0]!.at).map((e) => e.id).sort(), 'equals on a compound key');
        const byId = await s.find('audit', { index: 'id', limit: 3 });
        checkEqual(byId.items.map((e) => e.id), ['ev-00', 'ev-01', 'ev-02'], 'id order');
      },
    },
    {
      name: 'multi-entry indexes find a record by any of its keys',
      async run(s) {
        await s.commit([
          put(client('c1', { identifiers: [{ system: 'urn:mrn', value: '123' }, { system: 'urn:host', value: 'h-9' }] })),
          put(client('c2', { name: { given: ['José', 'Luis'], family: 'Nuñez' } })),
        ]);
        checkEqual((await s.find('clients', { index: 'identifiers', equals: 'urn:host|h-9' })).items.map((c) => c.id), ['c1'], 'by identifier');
        checkEqual((await s.find('clients', { index: 'nameTokens', equals: 'nunez' })).items.map((c) => c.id), ['c2'], 'by folded name token');
        checkEqual((await s.find('clients', { index: 'nameTokens', range: { gte: 'jo', lt: 'jo\uffff' } })).items.map((c) => c.id), ['c2'], 'by token prefix');
      },
    },
    {
      name: 'worklist indexes: open tasks due, consent expiry, pending approvals, referrals by status and sending time',
      async run(s) {
        // Whole, valid records (adapters such as a FHIR one map every field).
        const by = { id: 'cm-baker', name: 'Devon Baker', role: 'case-manager' };
        const meta = (id: string) => ({ id, version: 1, createdAt: T0, updatedAt: T0 });
        const history = (to: string) => [{ from: null, to, at: T0, by }];
        const task = (id: string, dueDate: string, status = 'not-started', kind = 'task') => ({ id, kind, description: `Task ${id}`, status, dueDate, statusHistory: history(status), createdAt: T0 });
        const goal = (id: string, lifecycleStatus: string, interventions: unknown[]) => ({ id, needDomain: 'housing', description: 'Stay housed through the winter', priority: 'medium-priority', lifecycleStatus, statusHistory: history(lifecycleStatus), interventions, progress: [], createdAt: T0 });
        const plan = (id: string, status: string, goals: unknown[], extra: Record<string, unknown> = {}): StoredRecord => ({ ...meta(id), title: 'Care plan', caseId: 'case-000001', clientId: 'client-000001', status, statusHistory: history(status), author: by, goals, ...extra });
        const approval = (status: string) => ({ approval: { kind: 'plan-activation', status, requestedBy: by, requestedAt: '2026-11-21T10:00:00.000Z' } });
        const plans = [
          plan('p-two-due', 'active', [goal('g1', 'active', [task('t1', '2026-11-20'), task('t2', '2026-11-22', 'in-progress'), task('t3', '2026-12-20')])], { caseAssigneeId: 'cm-chen', reviewDate: '2026-11-21' }),
          plan('p-done-task', 'active', [goal('g2', 'active', [task('t4', '2026-11-01', 'completed'), task('t5', '2026-11-02', 'not-started', 'intervention')])]),
          plan('p-closed-goal', 'on-hold', [goal('g3', 'completed', [task('t6', '2026-11-03')]), goal('g4', 'on-hold', [task('t7', '2026-11-23', 'scheduled')])]),
          plan('p-draft', 'draft', [goal('g5', 'active', [task('t8', '2026-11-04')])], approval('pending')),
          plan('p-rejected', 'draft', [], approval('rejected')),
          plan('p-unassigned', 'active', [goal('g6', 'active', [task('t9', '2027-01-15')])], { caseAssigneeId: null }),
        ];
        const consent = (id: string, status: string, end?: string): StoredRecord => ({
          ...meta(id),
          clientId: 'client-000001',
          status,
          scope: 'share-with-provider',
          purpose: 'Share needs with community providers',
          dateTime: T0,
          period: { start: T0, ...(end ? { end } : {}) },
          source: 'written',
          recordedBy: by,
          statusHistory: history(status),
        });
        const consents = [consent('k-soon', 'active', '2026-12-01T00:00:00.000Z'), consent('k-late', 'active', '2027-06-01T00:00:00.000Z'), consent('k-open', 'active'), consent('k-revoked', 'inactive', '2026-11-30T00:00:00.000Z')];
        const referral = (id: string, status: string, requestedAt?: string): StoredRecord => ({
          ...meta(id),
          caseId: 'case-000001',
          clientId: 'client-000001',
          clientName: 'Rosa Martínez',
          reason: 'Groceries while benefits are pending',
          urgency: 'routine',
          service: { organizationName: 'Eastside Community Food Bank', serviceName: 'Weekly grocery pantry', category: 'food', contact: {} },
          status,
          history: [{ from: null, to: status, at: T0, by, side: 'requester' }],
          ...(requestedAt ? { requestedAt, requestedBy: by, acknowledgementDueAt: new Date(Date.parse(requestedAt) + 3 * 86_400_000).toISOString() } : {}),
        });
        const referrals = [{ ...referral('r-1', 'requested', '2026-11-20T09:00:00.000Z'), caseAssigneeId: 'cm-chen' }, referral('r-2', 'requested', '2026-11-01T09:00:00.000Z'), referral('r-3', 'accepted', '2026-09-01T09:00:00.000Z'), referral('r-4', 'accepted', '2026-11-23T09:00:00.000Z'), referral('r-5', 'draft')];
        const cases = fixtureCases(6, 4).map((c, i) => (i % 2 ? { ...c, pendingApproval: { kind: 'case-closure', requestedAt: `2026-11-2${i}T08:00:00.000Z`, requestedBy: by, closureReason: 'goals-met' } } : c));
        await s.commit([
          ...plans.map((record) => ({ type: 'put', collection: 'plans', record, expectedVersion: 0 }) as const),
          ...consents.map((record) => ({ type: 'put', collection: 'consents', record, expectedVersion: 0 }) as const),
          ...referrals.map((record) => ({ type: 'put', collection: 'referrals', record, expectedVersion: 0 }) as const),
          ...cases.map((record) => ({ type: 'put', collection: 'cases', record, expectedVersion: 0 }) as const),
        ]);
        const idSet = async (collection: 'plans' | 'consents' | 'referrals' | 'cases', query: Parameters<StoragePort['find']>[1]) => [...new Set((await s.find(collection, query)).items.map((r) => r.id))].sort();
        checkEqual(await idSet('plans', { index: 'taskDue', range: { lte: '2026-11-22' } }), ['p-two-due'], 'open tasks of open goals of plans in effect, due by the 22nd');
        checkEqual(await idSet('plans', { index: 'taskDue', range: { lte: '2026-11-23' } }), ['p-closed-goal', 'p-two-due'], 'an on-hold plan counts; a completed goal does not');
        checkEqual(await s.count('plans', { index: 'taskDue', range: { lte: '2026-12-31' } }), 2, 'count counts plans, not task entries');
        // Paged one entry at a time, a plan with two tasks in range comes once per task, in due-date order.
        const paged: string[] = [];
        let at: string | undefined;
        do {
          const page = await s.find('plans', { index: 'taskDue', range: { lte: '2026-11-23' }, limit: 1, ...(at ? { cursor: at } : {}) });
          paged.push(...page.items.map((p) => p.id));
          at = page.nextCursor;
        } while (at && paged.length < 10);
        checkEqual(paged, ['p-two-due', 'p-two-due', 'p-closed-goal'], 'pages over a multi-entry index, one entry each');
        checkEqual(await idSet('plans', { index: 'approvalPending' }), ['p-draft'], 'only pending activations');
        checkEqual(await idSet('consents', { index: 'expiresAt', range: { lt: '2026-12-15T00:00:00.000Z' } }), ['k-soon'], 'active consents ending by then');
        checkEqual(await idSet('consents', { index: 'expiresAt' }), ['k-late', 'k-soon'], 'no end, or not active: not indexed');
        checkEqual((await s.find('referrals', { index: 'status+requestedAt', prefix: ['requested'] })).items.map((r) => r.id), ['r-2', 'r-1'], 'requested ones, oldest first');
        checkEqual(await idSet('referrals', { index: 'status+requestedAt', range: { gte: ['accepted'], lt: ['accepted', '2026-11-01T00:00:00.000Z'] } }), ['r-3'], 'accepted and sent before a cutoff');
        checkEqual(await s.count('referrals', { index: 'status+requestedAt' }), 4, 'a draft (never sent) is not indexed');
        // The same under the case's assignee ('' for none): one case manager's rows are one range.
        checkEqual(await idSet('plans', { index: 'assignee+taskDue', range: { gte: ['cm-chen'], lte: ['cm-chen', '2026-11-23'] } }), ['p-two-due'], "one assignee's plans with a task due by the 23rd");
        checkEqual(await idSet('plans', { index: 'assignee+taskDue', range: { gte: [''], lte: ['', '2026-11-23'] } }), ['p-closed-goal'], 'plans without the copy are under ""');
        checkEqual(await idSet('plans', { index: 'assignee+taskDue', range: { gte: [''], lte: ['', '2027-12-31'] } }), ['p-closed-goal'], "a plan of an unassigned case (null) is under no assignee…");
        checkEqual((await idSet('plans', { index: 'taskDue', range: { lte: '2027-12-31' } })).includes('p-unassigned'), true, '…and still in the agency-wide index');
        checkEqual(await idSet('plans', { index: 'assignee+reviewDue', range: { gte: ['cm-chen'], lte: ['cm-chen', '2026-11-21'] } }), ['p-two-due'], 'a review due on the bound day is in the range');
        checkEqual(await idSet('plans', { index: 'assignee+reviewDue', range: { gte: ['cm-chen'], lte: ['cm-chen', '2026-11-20'] } }), [], 'and not before it');
        checkEqual(await idSet('referrals', { index: 'assignee+status+requestedAt', prefix: ['cm-chen', 'requested'] }), ['r-1'], "one assignee's waiting referrals");
        checkEqual((await s.find('referrals', { index: 'assignee+status+requestedAt', prefix: ['', 'requested'] })).items.map((r) => r.id), ['r-2'], 'the rest under ""');
        checkEqual(await idSet('referrals', { index: 'assignee+status+requestedAt', range: { gte: ['', 'accepted'], lt: ['', 'accepted', '2026-11-01T00:00:00.000Z'] } }), ['r-3'], 'accepted and sent before a cutoff, under ""');
        checkEqual(await idSet('cases', { index: 'pendingApproval' }), cases.filter((c) => 'pendingApproval' in c).map((c) => c.id).sort(), 'cases with a closure waiting');
        // A case manager's caseload by status ('' for unassigned), paged one entry at a time.
        const caseIds = (pick: (c: StoredRecord & { assigneeId?: string; status?: string }) => boolean) => cases.filter(pick).map((c) => c.id).sort();
        const holder = (cases as (StoredRecord & { assigneeId?: string })[]).find((c) => c.assigneeId)!.assigneeId!;
        checkEqual(await idSet('cases', { index: 'assignee+status', prefix: [holder] }), caseIds((c) => c.assigneeId === holder), "one assignee's cases");
        checkEqual(await idSet('cases', { index: 'assignee+status', prefix: [''] }), caseIds((c) => !c.assigneeId), 'unassigned cases under ""');
        for (const status of ['active', 'intake', 'closed']) {
          checkEqual(await idSet('cases', { index: 'assignee+status', equals: [holder, status] }), caseIds((c) => c.assigneeId === holder && c.status === status), `one assignee's ${status} cases`);
        }
        const byOne: string[] = [];
        let next: string | undefined;
        do {
          const page = await s.find('cases', { index: 'assignee+status', prefix: [holder], limit: 1, ...(next ? { cursor: next } : {}) });
          byOne.push(...page.items.map((c) => c.id));
          next = page.nextCursor;
        } while (next && byOne.length < 20);
        checkEqual([...byOne].sort(), caseIds((c) => c.assigneeId === holder), "paged one at a time, each of one assignee's cases once");
        // Transfers waiting for a receiver: by receiver, oldest request first; accepting (the field gone) leaves the index.
        const to = { id: 'cm-chen', name: 'Wei Chen' };
        const transfer = (c: StoredRecord, requestedAt: string, receiver = to): StoredRecord => ({ ...c, version: c.version + 1, pendingTransfer: { to: receiver, requestedBy: by, requestedAt, reason: 'Moving to the east-side team' } });
        const [c0, c1, c2] = cases;
        await s.commit([
          { type: 'put', collection: 'cases', record: transfer(c0!, '2026-11-25T09:00:00.000Z'), expectedVersion: c0!.version },
          { type: 'put', collection: 'cases', record: transfer(c1!, '2026-11-24T09:00:00.000Z'), expectedVersion: c1!.version },
          { type: 'put', collection: 'cases', record: transfer(c2!, '2026-11-23T09:00:00.000Z', { id: 'cm-okafor', name: 'Ngozi Okafor' }), expectedVersion: c2!.version },
        ]);
        checkEqual((await s.find('cases', { index: 'pendingTransferTo+requestedAt', prefix: ['cm-chen'] })).items.map((c) => c.id), [c1!.id, c0!.id], 'incoming transfers of one receiver, oldest first');
        const accepted = (await s.get('cases', c1!.id))!;
        const { pendingTransfer: _gone, ...withoutTransfer } = accepted as StoredRecord & { pendingTransfer?: unknown };
        await s.commit([{ type: 'put', collection: 'cases', record: { ...withoutTransfer, version: accepted.version + 1 }, expectedVersion: accepted.version }]);
        checkEqual((await s.find('cases', { index: 'pendingTransferTo+requestedAt', prefix: ['cm-chen'] })).items.map((c) => c.id), [c0!.id], 'an accepted transfer leaves the index');
        // A task completed moves its plan out of the range.
        const [first] = plans;
        const changed = { ...first!, version: 2, goals: [goal('g1', 'active', [task('t1', '2026-11-20', 'completed'), task('t2', '2026-11-22', 'cancelled'), task('t3', '2026-12-20')])] };
        await s.commit([{ type: 'put', collection: 'plans', record: changed, expectedVersion: 1 }]);
        checkEqual(await idSet('plans', { index: 'taskDue', range: { lte: '2026-11-22' } }), [], 'done tasks leave the index');
      },
    },
    {
      name: 'caseload queries return exactly the matching cases in order, across pages',
      async run(s) {
        const cases = fixtureCases(240, 11);
        await s.commit(cases.map((record) => ({ type: 'put', collection: 'cases', record, expectedVersion: 0 }) as const));
        for (const { label, query } of CASE_QUERIES) {
          const got = (await allPages(s, query)).map((c) => c.id);
          checkEqual(got, expectedCases(cases, query), label);
        }
      },
    },
    {
      name: 'case counts per group match the query',
      async run(s) {
        const cases = fixtureCases(150, 5);
        await s.commit(cases.map((record) => ({ type: 'put', collection: 'cases', record, expectedVersion: 0 }) as const));
        const groupings: [CaseGroupField, CaseQuery][] = [
          ['status', {}],
          ['status', { assigneeId: 'cm-alvarez' }],
          ['priority', { status: ['active'] }],
          ['program', { needDomain: ['housing'] }],
          ['riskLevel', { text: 'garcia' }],
          // The board's list of case managers (adapters may answer it from an index rather than a scan).
          ['assigneeId', {}],
          ['assigneeId', { status: ['active', 'on-hold', 'intake'] }],
          ['assigneeId', { status: ['referred', 'intake', 'waitlist', 'active', 'on-hold'] }],
          ['assigneeId', { status: ['cancelled', 'waitlist', 'closed'] }],
          ['assigneeId', { status: ['active'], priority: ['urgent', 'high'] }],
          ['assigneeId', { priority: ['low'] }],
        ];
        for (const [groupBy, query] of groupings) {
          const expected: Record<string, number> = {};
          for (const c of cases.filter((c) => caseMatches(c, query))) {
            const value = caseGroupValue(c, groupBy);
            expected[value] = (expected[value] ?? 0) + 1;
          }
          checkEqual(await s.countCases(groupBy, query), expected, `counts by ${groupBy} for ${JSON.stringify(query)}`);
        }
      },
    },
    {
      name: 'a case update moves it between query results',
      async run(s) {
        const [c] = fixtureCases(1, 3);
        const record = { ...c!, status: 'active' as const, assigneeId: 'cm-alvarez' };
        await s.commit([{ type: 'put', collection: 'cases', record, expectedVersion: 0 }]);
        await s.commit([{ type: 'put', collection: 'cases', record: { ...record, version: 2, status: 'on-hold' }, expectedVersion: 1 }]);
        checkEqual((await s.queryCases({ assigneeId: 'cm-alvarez', status: ['active'] })).items.length, 0, 'left active');
        checkEqual((await s.queryCases({ assigneeId: 'cm-alvarez', status: ['on-hold'] })).items.map((x) => x.version), [2], 'now on hold');
        checkEqual(await s.countCases('status', { assigneeId: 'cm-alvarez' }), { 'on-hold': 1 }, 'counts follow');
      },
    },
    {
      name: 'subscribers hear about committed changes, and stop after unsubscribing',
      async run(s) {
        const batches: ChangeBatch[] = [];
        const unsubscribe = s.subscribe((batch) => batches.push(batch));
        await s.commit([put(client('c1')), put(client('c2'))]);
        await settle(() => batches.length > 0);
        checkEqual(
          batches.flatMap((b) => b.changes.map((c) => `${c.collection}/${c.id}@${c.version}:${c.type}`)).sort(),
          ['clients/c1@1:put', 'clients/c2@1:put'],
          'changes reported',
        );
        checkEqual(batches[0]?.remote, false, 'local change');
        await checkRejects(s.commit([put(client('c1'))]), isConflict, 'failed write');
        unsubscribe();
        await s.commit([{ type: 'delete', collection: 'clients', id: 'c2', expectedVersion: 1 }]);
        await new Promise((resolve) => setTimeout(() => resolve(undefined), 30));
        checkEqual(batches.flatMap((b) => b.changes).length, 2, 'no notice for a failed write or after unsubscribing');
      },
    },
    {
      name: 'load keeps versions, is heard once, and clear empties everything',
      async run(s) {
        const cases = fixtureCases(30, 2).map((c, i) => ({ ...c, version: 1 + (i % 4) }));
        const batches: ChangeBatch[] = [];
        s.subscribe((batch) => batches.push(batch));
        const chunks: number[] = [];
        await s.load([{ collection: 'cases', records: cases.slice(0, 20) }, { collection: 'cases', records: cases.slice(20) }, { collection: 'clients', records: [client('c1')] }], {
          onChunk: (chunk) => chunks.push(chunk.records),
        });
        checkEqual(chunks, [20, 10, 1], 'onChunk after each chunk');
        checkEqual((await s.get('cases', cases[3]!.id))?.version, 4, 'version kept');
        checkEqual(await s.count('cases', { index: 'id' }), 30, 'all loaded');
        checkEqual((await s.queryCases({ limit: 100 })).items.length, 30, 'loaded cases are queryable');
        await settle(() => batches.length > 0);
        await new Promise((resolve) => setTimeout(() => resolve(undefined), 20));
        checkEqual([batches.length, batches[0]?.changes.length], [1, 31], 'one notice for the whole unit');
        await s.commit([{ type: 'put', collection: 'cases', record: { ...cases[3]!, version: 5 }, expectedVersion: 4 }]);
        await s.clear();
        checkEqual(await s.count('cases', { index: 'id' }), 0, 'cleared');
        checkEqual((await s.queryCases({})).items.length, 0, 'query after clear');
      },
    },
    {
      name: 'a load whose onChunk throws keeps nothing, and replaced records come back as they were',
      async run(s) {
        await s.commit([put(client('c1'))]);
        const cases = fixtureCases(12, 2);
        const stop = new Error('host stopped the import');
        await checkRejects(
          s.load([{ collection: 'clients', records: [client('c1', { version: 7, language: 'vi' }), client('c2')] }, { collection: 'cases', records: cases }], {
            onChunk: (chunk) => {
              if (chunk.collection === 'cases') throw stop;
            },
          }),
          (e) => e === stop,
          'the host error comes back',
        );
        const kept = await s.get('clients', 'c1');
        checkEqual([kept?.version, kept?.language], [1, 'es'], 'replaced record restored');
        checkEqual(await s.get('clients', 'c2'), undefined, 'new record of an earlier chunk removed');
        checkEqual(await s.count('cases', { index: 'id' }), 0, 'nothing of the failing chunk kept');
      },
    },
    {
      name: 'a load never replaces a stored audit event, and writes nothing when it tries',
      async run(s) {
        const event = (id: string, reason: string): StoredRecord => ({
          id,
          version: 1,
          createdAt: T0,
          updatedAt: T0,
          at: T0,
          actor: { id: 'cm-baker', name: 'Sam Baker', role: 'case-manager' },
          action: 'read',
          collection: 'clients',
          recordId: 'c1',
          reason,
        });
        await s.load([{ collection: 'audit', records: [event('a1', 'original')] }]);
        await checkRejects(
          s.load([{ collection: 'clients', records: [client('c9')] }, { collection: 'audit', records: [event('a2', 'new'), event('a1', 'rewritten')] }]),
          isConflict,
          'replacing an audit event',
        );
        checkEqual((await s.get('audit', 'a1'))?.reason, 'original', 'audit event unchanged');
        checkEqual([await s.get('audit', 'a2'), await s.get('clients', 'c9')], [undefined, undefined], 'nothing else of the unit written');
        await checkRejects(s.load([{ collection: 'audit', records: [event('a3', 'x'), event('a3', 'y')] }]), isConflict, 'one id twice in a unit');
        checkEqual(await s.get('audit', 'a3'), undefined, 'no part of it written');
        await s.load([{ collection: 'audit', records: [event('a4', 'new')] }]);
        checkEqual((await s.get('audit', 'a4'))?.reason, 'new', 'new events are added');
      },
    },
  ];
}

async function settle(done: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!done() && Date.now() - start < timeoutMs) await new Promise((resolve) => setTimeout(() => resolve(undefined), 5));
}
