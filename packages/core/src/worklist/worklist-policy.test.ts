import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFoundError, PermissionError, ValidationError } from '../errors/errors.js';
import { defaultPolicy, type Policy } from '../policy/policy.js';
import { PERSONAS, auditTally } from '../testing/test-manager.js';
import { createWorklistScenario } from '../testing/worklist-scenario.js';
import type { WorklistPage } from './worklist-schema.js';

const ids = (page: WorklistPage) => page.items.map((item) => item.id).sort();
const paths = (error: unknown) => (error as ValidationError).issues.map((issue) => issue.path.join('.'));

describe('worklist: who sees what', () => {
  it("a case manager sees their own caseload only; a supervisor everyone's, or one case manager's", async () => {
    const s = await createWorklistScenario();
    const omar = `contact-due:${s.cases.omar.id}`;
    assert.ok(!ids(await s.caseManager.worklist()).includes(omar), "not Devon Baker's case");
    assert.deepEqual(ids(await s.as(PERSONAS.otherCaseManager).worklist()), [omar]);
    assert.ok(ids(await s.supervisor.worklist()).includes(omar));
    assert.deepEqual(ids(await s.supervisor.worklist({ assigneeId: 'cm-baker' })), [omar]);
  });

  it("a case manager asking for a colleague's worklist is refused, and the refusal is audited", async () => {
    const s = await createWorklistScenario();
    const before = await auditTally(s.storage);
    await assert.rejects(s.caseManager.worklist({ assigneeId: 'cm-baker' }), PermissionError);
    const after = await auditTally(s.storage);
    assert.deepEqual([after.refused - before.refused, after.changes - before.changes, after.reads - before.reads], [1, 0, 0]);
  });

  it('rows and counts leave out what a record-level policy hides, client names included', async () => {
    // Rosa's case (and everything of it) is hidden from the case manager by a host policy.
    let hidden: string | undefined;
    const policy: Policy = (request) => {
      const caseId = (request.case as { id?: string } | undefined)?.id ?? (request.record as { caseId?: string } | undefined)?.caseId;
      if (request.actor.role === 'case-manager' && hidden && (caseId === hidden || request.clientCases?.some((c) => c.id === hidden))) return false;
      return defaultPolicy(request);
    };
    const s = await createWorklistScenario({ policy });
    hidden = s.cases.rosa.id;
    const page = await s.caseManager.worklist({ limit: 1 });
    const all = await s.caseManager.worklist({ limit: 200 });
    assert.equal(page.counts.total, all.items.length, 'counts are the rows the actor can see');
    for (const item of all.items) {
      assert.notEqual(item.caseId, hidden, item.id);
      assert.notEqual(item.clientId, s.clients.rosa.id, item.id);
    }
    assert.deepEqual(ids(all), [`consent-expiring:${s.consents.thanhExpired.id}`, `contact-due:${s.cases.thanh.id}`, `referral-overdue:${s.referrals.unanswered.id}`].sort());
  });

  it('audits what a page showed as one read per collection, and names clients only when readable', async () => {
    const s = await createWorklistScenario();
    const before = await s.storage.count('audit', { index: 'id' });
    const page = await s.caseManager.worklist({ kinds: ['contact-due', 'plan-review-due'] });
    const events = (await s.storage.find('audit', { index: 'at', range: { gte: s.clock.now().toISOString() } })).items.filter((e) => e['recordId'] === 'worklist');
    const byCollection = Object.fromEntries(events.map((e) => [e['collection'], (e['recordIds'] as string[]).sort()]));
    assert.deepEqual(byCollection['cases'], [s.cases.rosa.id, s.cases.thanh.id].sort());
    assert.deepEqual(byCollection['plans'], [s.plan.id]);
    assert.deepEqual(byCollection['clients'], [s.clients.rosa.id, s.clients.thanh.id].sort());
    assert.equal((await s.storage.count('audit', { index: 'id' })) - before, 3);
    assert.ok(page.items.every((i) => i.subject.clientName));
  });
});

describe('worklist: snooze and done', () => {
  it('a snoozed row leaves until the day it is snoozed to, for this actor only, and the snooze is audited', async () => {
    const s = await createWorklistScenario();
    const row = `contact-due:${s.cases.rosa.id}`;
    await s.caseManager.worklist.snooze(row, { until: '2026-11-27', reason: 'Client is in hospital until Thursday' });
    const page = await s.caseManager.worklist({ kinds: ['contact-due'] });
    assert.ok(!ids(page).includes(row));
    assert.deepEqual([page.counts.snoozed, page.counts.total], [1, 1]);
    assert.ok(ids(await s.supervisor.worklist({ kinds: ['contact-due'] })).includes(row), "a snooze is the actor's own");
    const audit = (await s.storage.find('audit', { index: 'caseId+at', prefix: [s.cases.rosa.id] })).items.filter((e) => e['collection'] === 'drafts');
    assert.match(String(audit.at(-1)?.['reason']), /snoozed contact-due:.* until 2026-11-27: Client is in hospital/);
    s.clock.advanceDays(3);
    assert.ok(ids(await s.caseManager.worklist({ kinds: ['contact-due'] })).includes(row), 'back on the 27th');
  });

  it('a done row stays away until its record changes', async () => {
    const s = await createWorklistScenario();
    const row = `contact-due:${s.cases.thanh.id}`;
    await s.caseManager.worklist.done(row);
    const page = await s.caseManager.worklist({ kinds: ['contact-due'] });
    assert.ok(!ids(page).includes(row));
    assert.equal(page.counts.snoozed, 0);
    s.clock.advanceDays(1);
    assert.ok(!ids(await s.caseManager.worklist({ kinds: ['contact-due'] })).includes(row), 'still done the next day');
    await s.caseManager.cases.update(s.cases.thanh, { priority: 'high' });
    assert.ok(ids(await s.caseManager.worklist({ kinds: ['contact-due'] })).includes(row), 'the case changed: judged again');
  });

  it("keeps its state apart from the host's own drafts, even one named \"worklist\"", async () => {
    const s = await createWorklistScenario();
    await s.caseManager.drafts.save('worklist', { kind: 'my-form', data: { step: 1 } });
    await s.caseManager.worklist.snooze(`contact-due:${s.cases.thanh.id}`, { until: '2026-11-25', reason: 'Calling tomorrow morning' });
    assert.deepEqual((await s.caseManager.drafts.get('worklist'))?.data, { step: 1 });
    assert.equal((await s.caseManager.worklist({ kinds: ['contact-due'] })).counts.snoozed, 1);
  });

  it('refuses bad input and rows the actor cannot read, writing nothing', async () => {
    const s = await createWorklistScenario();
    const before = await auditTally(s.storage);
    const row = `contact-due:${s.cases.rosa.id}`;
    const snooze = s.caseManager.worklist.snooze;
    await assert.rejects(snooze(row, { until: '2026-11-24', reason: 'Later' }), (e) => e instanceof ValidationError && paths(e).includes('options.until'));
    await assert.rejects(snooze(row, { until: '2026-11-30', reason: '  ' }), (e) => e instanceof ValidationError && paths(e).includes('options.reason'));
    await assert.rejects(snooze(row, { until: '30/11/2026', reason: 'Later' } as never), (e) => e instanceof ValidationError && paths(e).includes('options.until'));
    await assert.rejects(snooze('chores:case-1', { until: '2026-11-30', reason: 'Later' }), (e) => e instanceof ValidationError && paths(e).includes('itemId'));
    await assert.rejects(s.caseManager.worklist.done('contact-due:no-such-case'), NotFoundError);
    await assert.rejects(s.caseManager.worklist.done(`contact-due:${s.cases.omar.id}`), PermissionError);
    const after = await auditTally(s.storage);
    assert.deepEqual([after.changes - before.changes, after.refused - before.refused], [0, 1]);
    assert.equal(await s.storage.count('drafts', { index: 'id' }), 0);
  });
});

describe('worklist options', () => {
  it('refuses bad options with field paths', async () => {
    const s = await createWorklistScenario();
    const w = s.caseManager.worklist;
    const cases: [unknown, string][] = [
      [{ limit: 0 }, 'options.limit'],
      [{ limit: 2.5 }, 'options.limit'],
      [{ kinds: ['chores'] }, 'options.kinds.0'],
      [{ kinds: [] }, 'options.kinds'],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'options.timeZone'],
      [{ date: '2026-13-01' }, 'options.date'],
      [{ ranking: { priority: { urgent: 'a lot' } } }, 'options.ranking.priority.urgent'],
      [{ ranking: { bonus: 5 } }, 'options.ranking'],
      [{ consentExpiryDays: -1 }, 'options.consentExpiryDays'],
      [{ cursor: 'not a cursor' }, 'options.cursor'],
      [{ colour: 'red' }, 'options'],
      ['today', 'options'],
    ];
    for (const [options, path] of cases) {
      await assert.rejects(w(options as never), (e) => e instanceof ValidationError && paths(e).some((p) => p === path || p.startsWith(`${path}.`)), JSON.stringify(options));
    }
  });

  it("refuses a cursor from a list with other options", async () => {
    const s = await createWorklistScenario();
    const first = await s.supervisor.worklist({ limit: 2 });
    assert.ok(first.nextCursor);
    await assert.rejects(s.supervisor.worklist({ limit: 2, cursor: first.nextCursor, kinds: ['contact-due'] }), (e) => e instanceof ValidationError && paths(e).includes('options.cursor'));
  });

  it('refuses bad manager settings at createCaseManager', async () => {
    await assert.rejects(createWorklistScenario({ worklist: { consentExpiryDays: 1000 } }), (e) => e instanceof ValidationError && paths(e).includes('worklist.consentExpiryDays'));
  });
});

describe('worklist: time zones around midnight', () => {
  // Thanh's contact is due 2026-11-24; Rosa's consent ends 2026-12-01T15:00Z.
  const judge = async (instant: string, timeZone: string) => {
    const s = await createWorklistScenario();
    s.clock.set(instant);
    const page = await s.caseManager.worklist({ timeZone, kinds: ['contact-due'] });
    const thanh = page.items.find((i) => i.caseId === s.cases.thanh.id)!;
    return { date: page.date, timeZone: page.timeZone, daysOverdue: thanh.daysOverdue, code: thanh.reasons[0]!.code };
  };

  it('at 06:30 UTC on the 25th it is still the 24th in Los Angeles (UTC−8): due today there, overdue in UTC', async () => {
    assert.deepEqual(await judge('2026-11-25T06:30:00.000Z', 'America/Los_Angeles'), { date: '2026-11-24', timeZone: 'America/Los_Angeles', daysOverdue: 0, code: 'contact-due-today' });
    assert.deepEqual(await judge('2026-11-25T06:30:00.000Z', 'UTC'), { date: '2026-11-25', timeZone: 'UTC', daysOverdue: 1, code: 'contact-overdue' });
  });

  it("at 11:30 UTC on the 24th it is already the 25th in Tonga (UTC+13): overdue there, due today in UTC", async () => {
    assert.deepEqual(await judge('2026-11-24T11:30:00.000Z', 'Pacific/Tongatapu'), { date: '2026-11-25', timeZone: 'Pacific/Tongatapu', daysOverdue: 1, code: 'contact-overdue' });
    assert.deepEqual(await judge('2026-11-24T11:30:00.000Z', 'UTC'), { date: '2026-11-24', timeZone: 'UTC', daysOverdue: 0, code: 'contact-due-today' });
  });

  it("uses the manager's time zone by default, and an explicit date as that day's end", async () => {
    const s = await createWorklistScenario({ timeZone: 'America/Los_Angeles' });
    s.clock.set('2026-11-25T06:30:00.000Z');
    const page = await s.caseManager.worklist({ kinds: ['contact-due'] });
    assert.equal(page.date, s.caseManager.today());
    assert.equal(page.date, '2026-11-24');
    // Rosa's consent ends at 07:00 in Los Angeles on 1 December: on the 30th it has a day left; judged
    // for the 1st (as of that day's end) it has ended, while her two open referrals rely on it.
    const rosaOn = async (date: string) => (await s.caseManager.worklist({ date, kinds: ['consent-expiring'] })).items.find((i) => i.clientId === s.clients.rosa.id)!;
    const before = await rosaOn('2026-11-30');
    assert.deepEqual([before.reasons[0]!.code, before.reasons[0]!['daysLeft'], before.dueDate], ['consent-expiring', 1, '2026-12-01']);
    const ended = await rosaOn('2026-12-01');
    assert.deepEqual([ended.reasons[0]!.code, ended.reasons[0]!['referrals'], ended.daysOverdue], ['consent-expired-relied-on', 2, 0]);
  });
});
