import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCaseManager } from '../case-manager.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { fixtureCases } from '../testing/fixtures.js';
import { createWorklistScenario } from '../testing/worklist-scenario.js';
import { testClock } from '../testing/test-manager.js';
import { DEFAULT_WORKLIST_RANKING, type WorklistItem, type WorklistOptions } from './worklist-schema.js';
import type { CaseManager } from '../case-manager.js';

const sum = (item: WorklistItem) => item.reasons.reduce((total, r) => total + r.weight, 0);

async function everyPage(manager: CaseManager, options: WorklistOptions): Promise<WorklistItem[]> {
  const items: WorklistItem[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await manager.worklist({ ...options, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    if (!page.nextCursor) return items;
    assert.equal(page.items.length, options.limit, 'a page with a cursor after it is full');
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('worklist ranking', () => {
  it('every row says why: its reasons add up to its score, and rows are ordered by score, due date, id', async () => {
    const s = await createWorklistScenario();
    const { items } = await s.supervisor.worklist({ limit: 200 });
    assert.ok(items.length >= 8);
    for (const item of items) {
      assert.equal(item.score, sum(item), item.id);
      assert.ok(item.reasons.length >= 1);
      for (const reason of item.reasons) assert.match(reason.code, /^[a-z-]+$/, 'a code the element localizes, not a sentence');
    }
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1]!, items[i]!];
      const ordered = a.score > b.score || (a.score === b.score && ((a.dueDate ?? '9999') < (b.dueDate ?? '9999') || ((a.dueDate ?? '9999') === (b.dueDate ?? '9999') && a.id < b.id)));
      assert.ok(ordered, `${a.id} (${a.score}) before ${b.id} (${b.score})`);
    }
  });

  it('explains the rank of an urgent, high-risk, 4-days-overdue contact for a client who needs an interpreter', async () => {
    const s = await createWorklistScenario();
    const rosa = (await s.caseManager.worklist({ kinds: ['contact-due'] })).items[0]!;
    assert.equal(rosa.caseId, s.cases.rosa.id, 'ranks first');
    const w = DEFAULT_WORKLIST_RANKING;
    assert.deepEqual(rosa.reasons, [
      { code: 'contact-overdue', weight: w.reasons['contact-overdue'], days: 4 },
      { code: 'days-overdue', weight: 4 * w.perDayOverdue, days: 4 },
      { code: 'priority', weight: w.priority.urgent, priority: 'urgent' },
      { code: 'risk', weight: w.risk.high, riskLevel: 'high' },
      { code: 'interpreter-needed', weight: w.interpreterNeeded },
    ]);
    assert.equal(rosa.subject.clientName, 'Rosa Hernández');
  });

  it('ranks by the interpreter need each case carries, reading only the clients on the page', async () => {
    const memory = createMemoryStorage();
    const clientReads: string[] = [];
    const storage = new Proxy(memory, {
      get(target, name, receiver) {
        if (name === 'getMany') return (collection: string, ids: readonly string[]) => (collection === 'clients' && clientReads.push(...ids), target.getMany(collection as 'clients', ids));
        return Reflect.get(target, name, receiver);
      },
    });
    const s = await createWorklistScenario({ storage });
    clientReads.length = 0;
    const page = await s.caseManager.worklist({ limit: 2 });
    assert.ok(page.counts.total > 2, 'more rows than the page');
    assert.ok(page.items[0]!.reasons.some((r) => r.code === 'interpreter-needed'), "Rosa's need ranks her rows first");
    assert.deepEqual([...new Set(clientReads)].sort(), [...new Set(page.items.map((i) => i.clientId!))].sort(), "only the page's clients are read, for their names");
  });

  it("ranks a case stored without the copy (by another system) by its client's need", async () => {
    const s = await createWorklistScenario();
    const stored = (await s.storage.get('cases', s.cases.rosa.id))!;
    const { clientInterpreterNeeded: _copy, ...without } = stored as typeof stored & { clientInterpreterNeeded?: boolean };
    await s.storage.commit([{ type: 'put', collection: 'cases', record: { ...without, version: stored.version + 1 }, expectedVersion: stored.version }]);
    const rosa = (await s.caseManager.worklist({ kinds: ['contact-due'] })).items[0]!;
    assert.equal(rosa.caseId, s.cases.rosa.id);
    assert.ok(rosa.reasons.some((r) => r.code === 'interpreter-needed'), 'the client is read and answers');
  });

  it('takes the host’s weights (manager setting, then the call), leaving the rest at their defaults', async () => {
    const s = await createWorklistScenario({ worklist: { ranking: { interpreterNeeded: 100 } } });
    const first = (await s.caseManager.worklist({ kinds: ['contact-due'] })).items[0]!;
    assert.equal(first.reasons.find((r) => r.code === 'interpreter-needed')?.weight, 100);
    assert.equal(first.reasons.find((r) => r.code === 'priority')?.weight, DEFAULT_WORKLIST_RANKING.priority.urgent);
    // The call's ranking wins over the manager's: due-today contacts above overdue ones, priority and risk ignored.
    const flipped = await s.caseManager.worklist({
      kinds: ['contact-due'],
      ranking: { reasons: { 'contact-due-today': 500 }, priority: { urgent: 0, medium: 0 }, risk: { high: 0 }, interpreterNeeded: 0, perDayOverdue: 0 },
    });
    assert.deepEqual(flipped.items.map((i) => i.caseId), [s.cases.thanh.id, s.cases.rosa.id]);
    assert.deepEqual(flipped.items[1]!.reasons.map((r) => r.code), ['contact-overdue'], 'a reason weighing 0 explains nothing and is left out');
  });

  it('caps days overdue at maxOverdueDays and says so', async () => {
    const s = await createWorklistScenario();
    const item = (await s.caseManager.worklist({ kinds: ['referral-overdue'], ranking: { maxOverdueDays: 10 } })).items.find((i) => i.id === `referral-overdue:${s.referrals.lingering.id}`)!;
    assert.deepEqual(item.reasons.find((r) => r.code === 'days-overdue'), { code: 'days-overdue', weight: 10 * DEFAULT_WORKLIST_RANKING.perDayOverdue, days: 24, countedDays: 10 });
  });

  it('pages with a cursor: every row exactly once, in rank order, with counts over the whole list', async () => {
    const storage = createMemoryStorage();
    const clock = testClock('2026-07-24T12:00:00.000Z');
    const cases = fixtureCases(400, 13);
    await storage.load([{ collection: 'cases', records: cases }]);
    const supervisor = createCaseManager({ storage, clock: clock.now, timeZone: 'UTC', actor: { id: 'sup-okafor', name: 'Ngozi Okafor', role: 'supervisor' } });
    const whole = await supervisor.worklist({ limit: 50, kinds: ['contact-due'] });
    const all = await everyPage(supervisor, { limit: 7, kinds: ['contact-due'] });
    const expected = cases.filter((c) => ['referred', 'intake', 'waitlist', 'active', 'on-hold'].includes(c.status) && c.nextContactDue && c.nextContactDue <= '2026-07-24');
    assert.ok(expected.length > 60, 'enough rows for several pages');
    assert.ok(whole.nextCursor);
    assert.equal(all.length, expected.length, 'no gaps');
    assert.equal(new Set(all.map((i) => i.id)).size, all.length, 'no duplicates');
    assert.equal(whole.counts.total, expected.length);
    assert.deepEqual(whole.counts.byKind, { 'contact-due': expected.length });
    assert.equal(whole.counts.overdue, expected.filter((c) => c.nextContactDue! < '2026-07-24').length);
    const firstPages = [...whole.items, ...(await everyPage(supervisor, { limit: 50, kinds: ['contact-due'], cursor: whole.nextCursor! }))];
    assert.deepEqual(all.map((i) => i.id), firstPages.map((i) => i.id), 'small pages and large pages give one order');
  });
});
