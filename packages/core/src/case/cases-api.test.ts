import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, PermissionError, TransitionError, ValidationError } from '../errors/errors.js';
import { createTestSetup, PERSONAS, type TestSetup } from '../testing/test-manager.js';
import { CASE_MACHINE } from './case-machine.js';
import { CASE_STATUSES, type CaseRecord, type CaseStatus } from './case-schema.js';

async function openCase(setup: TestSetup, extra: Record<string, unknown> = {}): Promise<CaseRecord> {
  const { client } = await setup.manager.clients.create({ name: { given: ['Aisha'], family: 'Haddad' }, birthDate: '1979-06-02' });
  return setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health', ...extra });
}

/** Walks a fresh case to `status` along allowed edges, as a supervisor (so approvals never intervene). */
async function caseIn(status: CaseStatus): Promise<{ setup: TestSetup; record: CaseRecord }> {
  const setup = createTestSetup();
  const paths: Record<CaseStatus, CaseStatus[]> = {
    referred: [],
    intake: ['intake'],
    waitlist: ['waitlist'],
    active: ['intake', 'active'],
    'on-hold': ['intake', 'active', 'on-hold'],
    closed: ['intake', 'active', 'closed'],
    cancelled: ['cancelled'],
    'entered-in-error': ['entered-in-error'],
  };
  let record = await openCase(setup, { status: 'referred' });
  for (const step of paths[status]) {
    record = await setup.manager.cases.transition(record, step, { closureReason: 'goals-met', reason: 'test path' });
  }
  return { setup, record };
}

describe('case state machine', () => {
  for (const from of CASE_STATUSES) {
    for (const to of CASE_MACHINE.transitions[from]) {
      it(`allows ${from} -> ${to}`, async () => {
        const { setup, record } = await caseIn(from);
        const moved = await setup.manager.cases.transition(record, to, { closureReason: 'client-declined', reason: 'reason given' });
        assert.equal(moved.status, to);
        assert.equal(moved.version, record.version + 1);
        const last = moved.statusHistory.at(-1)!;
        assert.deepEqual([last.from, last.to, last.by.id], [from, to, PERSONAS.caseManager.id]);
      });
    }
  }

  for (const [from, to] of [
    ['referred', 'active'],
    ['referred', 'closed'],
    ['active', 'intake'],
    ['closed', 'on-hold'],
    ['entered-in-error', 'active'],
    ['cancelled', 'active'],
  ] as const) {
    it(`refuses ${from} -> ${to} and writes nothing`, async () => {
      const { setup, record } = await caseIn(from);
      const audits = await setup.storage.count('audit', { index: 'id' });
      await assert.rejects(setup.manager.cases.transition(record, to, { closureReason: 'other', reason: 'x' }), (error: unknown) => {
        assert.ok(error instanceof TransitionError);
        assert.deepEqual(error.allowed, [...CASE_MACHINE.transitions[from]]);
        return true;
      });
      assert.equal(await setup.storage.count('audit', { index: 'id' }), audits);
      assert.equal((await setup.manager.cases.get(record.id)).version, record.version);
    });
  }

  it('needs a closure reason to close, and a reason to reopen', async () => {
    const { setup, record } = await caseIn('active');
    await assert.rejects(setup.manager.cases.transition(record, 'closed'), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path[0] === 'closureReason');
    const closed = await setup.manager.cases.transition(record, 'closed', { closureReason: 'goals-met' });
    assert.equal(closed.closure?.reason, 'goals-met');
    assert.ok(closed.closedAt);
    await assert.rejects(setup.manager.cases.transition(closed, 'active'), ValidationError);
    const reopened = await setup.manager.cases.transition(closed, 'active', { reason: 'client called back, housing fell through' });
    assert.equal(reopened.closure, undefined);
    assert.equal(reopened.closedAt, undefined);
    assert.equal(reopened.statusHistory.length, closed.statusHistory.length + 1, 'history keeps the closure');
  });

  it('records each transition in the audit trail with from/to and versions', async () => {
    const { setup, record } = await caseIn('active');
    await setup.manager.cases.transition(record, 'on-hold', { reason: 'client in hospital' });
    const events = (await setup.manager.audit.forCase(record.id)).items;
    const latest = events[0]!;
    assert.deepEqual([latest.action, latest.transition, latest.fromVersion, latest.toVersion, latest.reason], [
      'transition',
      { from: 'active', to: 'on-hold' },
      record.version,
      record.version + 1,
      'client in hospital',
    ]);
  });
});

describe('case closure approval', () => {
  it('turns a case manager’s close into a pending approval that a supervisor approves', async () => {
    const setup = createTestSetup({ approvals: { caseClosure: true } });
    let record = await openCase(setup, { status: 'active' });
    record = await setup.manager.cases.transition(record, 'closed', { closureReason: 'moved', reason: 'moved out of state' });
    assert.equal(record.status, 'active');
    assert.equal(record.pendingApproval?.closureReason, 'moved');
    await assert.rejects(setup.manager.cases.approveClosure(record), PermissionError);
    const approved = await setup.as(PERSONAS.supervisor).cases.approveClosure(record);
    assert.equal(approved.status, 'closed');
    assert.equal(approved.closure?.note, 'moved out of state');
    assert.equal(approved.pendingApproval, undefined);
    assert.equal(approved.statusHistory.at(-1)!.by.id, PERSONAS.supervisor.id);
  });

  it('lets a supervisor reject the closure, keeping the case open', async () => {
    const setup = createTestSetup({ approvals: { caseClosure: true } });
    let record = await openCase(setup, { status: 'active' });
    record = await setup.manager.cases.transition(record, 'closed', { closureReason: 'lost-contact' });
    const rejected = await setup.as(PERSONAS.supervisor).cases.rejectClosure(record, 'try one more home visit');
    assert.equal(rejected.status, 'active');
    assert.equal(rejected.pendingApproval, undefined);
  });
});

describe('cases', () => {
  it('assigns the creating case manager and snapshots the client name', async () => {
    const setup = createTestSetup();
    const record = await openCase(setup);
    assert.equal(record.assigneeId, PERSONAS.caseManager.id);
    assert.equal(record.clientName, 'Aisha Haddad');
    assert.equal(record.status, 'intake');
  });

  it('refuses other case managers and viewers, allows supervisors', async () => {
    const setup = createTestSetup();
    const record = await openCase(setup);
    await assert.rejects(setup.as(PERSONAS.otherCaseManager).cases.get(record.id), PermissionError);
    await assert.rejects(setup.as(PERSONAS.otherCaseManager).cases.update(record, { priority: 'low' }), PermissionError);
    await assert.rejects(setup.as(PERSONAS.viewer).cases.update(record, { priority: 'low' }), PermissionError);
    await assert.rejects(setup.as(PERSONAS.otherCaseManager).cases.query({ assigneeId: PERSONAS.caseManager.id }), PermissionError);
    const asking = { action: 'update', collection: 'cases', record, case: record } as const;
    assert.deepEqual([setup.manager.can(asking), setup.as(PERSONAS.viewer).can(asking), setup.as(PERSONAS.otherCaseManager).can(asking)], [true, false, false], 'can() answers what the API would do');
    const updated = await setup.as(PERSONAS.supervisor).cases.update(record, { priority: 'urgent' });
    assert.equal(updated.priority, 'urgent');
    assert.equal((await setup.manager.cases.get(record.id)).version, 2, 'the refusals wrote nothing');
  });

  it('lets a care-team member work on the case', async () => {
    const setup = createTestSetup();
    const record = await openCase(setup, { careTeam: [{ actorId: PERSONAS.otherCaseManager.id, name: PERSONAS.otherCaseManager.name, role: 'peer-support' }] });
    const updated = await setup.as(PERSONAS.otherCaseManager).cases.update(record, { nextContactDue: '2026-12-01' });
    assert.equal(updated.nextContactDue, '2026-12-01');
  });

  it('changes only the fields a patch names', async () => {
    const setup = createTestSetup();
    const record = await openCase(setup, { priority: 'urgent', riskLevel: 'high', tags: ['interpreter'] });
    const updated = await setup.manager.cases.update(record, { title: 'Housing search' });
    assert.deepEqual([updated.title, updated.priority, updated.riskLevel, updated.tags], ['Housing search', 'urgent', 'high', ['interpreter']]);
  });

  it('detects a stale edit as a conflict', async () => {
    const setup = createTestSetup();
    const record = await openCase(setup);
    await setup.manager.cases.update(record, { riskLevel: 'high' });
    await assert.rejects(setup.manager.cases.update(record, { riskLevel: 'low' }), ConflictError);
    await assert.rejects(setup.manager.cases.transition(record, 'active'), ConflictError);
    assert.equal((await setup.manager.cases.get(record.id)).riskLevel, 'high');
  });

  it('rejects unknown fields and bad values with paths, writing nothing', async () => {
    const setup = createTestSetup();
    const record = await openCase(setup);
    await assert.rejects(setup.manager.cases.update(record, { priority: 'critical' } as never), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path[0] === 'priority');
    await assert.rejects(setup.manager.cases.update(record, { status: 'closed' } as never), ValidationError, 'status changes only through transitions');
    await assert.rejects(setup.manager.cases.create({ clientId: 'nobody', program: 'x' }), /not found/);
    assert.equal((await setup.manager.cases.get(record.id)).version, 1);
  });

  it('adds identified needs without duplicating open ones', async () => {
    const setup = createTestSetup();
    let record = await openCase(setup);
    record = await setup.manager.cases.identifyNeeds(record, ['housing', 'food']);
    record = await setup.manager.cases.identifyNeeds(record, ['food', 'transportation']);
    assert.deepEqual(record.needs.map((n) => n.domain), ['housing', 'food', 'transportation']);
  });

  it('answers the caseload query: mine by default, overdue and due soon by the clock', async () => {
    const setup = createTestSetup();
    const due = ['2026-11-20', '2026-11-24', '2026-11-26', '2026-12-30'];
    for (const nextContactDue of due) await openCase(setup, { nextContactDue, status: 'active' });
    const { client } = await setup.as(PERSONAS.otherCaseManager).clients.create({ name: { given: ['Olga'], family: 'Ivanova' } });
    await setup.as(PERSONAS.otherCaseManager).cases.create({ clientId: client.id, program: 'insurance', nextContactDue: '2026-11-01' });
    const mine = await setup.manager.cases.query({});
    assert.deepEqual(mine.items.map((c) => c.nextContactDue), due);
    assert.deepEqual((await setup.manager.cases.query({ overdue: true })).items.map((c) => c.nextContactDue), ['2026-11-20']);
    assert.deepEqual((await setup.manager.cases.query({ dueWithinDays: 2 })).items.map((c) => c.nextContactDue), due.slice(0, 3));
    const all = await setup.as(PERSONAS.supervisor).cases.query({ sort: 'dueDate' });
    assert.equal(all.items.length, 5);
    assert.deepEqual(await setup.as(PERSONAS.supervisor).cases.countBy('assigneeId'), { [PERSONAS.caseManager.id]: 4, [PERSONAS.otherCaseManager.id]: 1 });
    const firstPage = await setup.manager.cases.query({ limit: 3 });
    const secondPage = await setup.manager.cases.query({ limit: 3, cursor: firstPage.nextCursor! });
    assert.deepEqual([...firstPage.items, ...secondPage.items].map((c) => c.nextContactDue), due);
  });

  it('leaves out of query results the cases a record-level policy refuses', async () => {
    const cleared = new Set(['sup-okafor']);
    const setup = createTestSetup({
      policy: (request) => {
        const record = request.case;
        if (record?.program === 'behavioral-health' && request.action === 'read' && !cleared.has(request.actor.id)) return false;
        return request.actor.role === 'supervisor' || request.actor.role === 'auditor';
      },
      actor: PERSONAS.supervisor,
    });
    const { client } = await setup.manager.clients.create({ name: { given: ['Sam'], family: 'Lee' } });
    await setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health', assigneeId: 'cm-x' });
    await setup.manager.cases.create({ clientId: client.id, program: 'healthcare', assigneeId: 'cm-x' });
    assert.equal((await setup.manager.cases.query({})).items.length, 2);
    const auditor = setup.as({ id: 'aud-1', name: 'Audit', role: 'auditor' });
    assert.deepEqual((await auditor.cases.query({})).items.map((c) => c.program), ['healthcare']);
  });
});
