import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, NotFoundError, PermissionError, TransitionError, ValidationError } from '../errors/errors.js';
import type { CaseManagerOptions } from '../case-manager.js';
import { createTestSetup, PERSONAS, type TestSetup, auditTally } from '../testing/test-manager.js';
import type { CaseRecord } from '../case/case-schema.js';
import type { NeedDomain } from '../records/common.js';
import { GOAL_SUGGESTIONS } from './goal-suggestions.js';

async function setup(options: Partial<CaseManagerOptions> = {}, needs: NeedDomain[] = ['housing', 'food', 'safety']) {
  const test = createTestSetup(options);
  const { client } = await test.manager.clients.create({ name: { given: ['Rosa'], family: 'Hernández' }, birthDate: '1984-03-12' });
  let caseRecord: CaseRecord = await test.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  if (needs.length) caseRecord = await test.manager.cases.identifyNeeds(caseRecord, needs);
  return { ...test, client, caseRecord };
}

async function counts(test: TestSetup) {
  const { storage } = test;
  return {
    plans: await storage.count('plans', { index: 'id' }),
    cases: await storage.count('cases', { index: 'id' }),
    audit: (await auditTally(storage)).changes,
  };
}

const housingGoal = {
  needDomain: 'housing' as const,
  description: 'Move into a lease of my own before winter',
  targetDate: '2027-02-01',
  priority: 'high-priority' as const,
};

describe('care plans', () => {
  it('creates a draft plan with goals and tasks, readable per case', async () => {
    const test = await setup();
    const plan = await test.manager.plans.create(test.caseRecord.id, {
      title: 'Stabilise housing and food',
      reviewDate: '2026-12-15',
      period: { start: '2026-11-24' },
      goals: [{ ...housingGoal, interventions: [{ description: 'Call the housing authority about the voucher list', assigneeName: 'Marta Alvarez', dueDate: '2026-11-30' }] }],
    });
    assert.equal(plan.status, 'draft');
    assert.equal(plan.version, 1);
    assert.equal(plan.clientId, test.client.id);
    assert.equal(plan.author.id, PERSONAS.caseManager.id);
    assert.deepEqual(plan.statusHistory.map((s) => [s.from, s.to]), [[null, 'draft']]);
    const goal = plan.goals[0]!;
    assert.equal(goal.lifecycleStatus, 'proposed');
    assert.equal(goal.priority, 'high-priority');
    assert.ok(goal.id);
    assert.deepEqual(goal.progress, []);
    const task = goal.interventions[0]!;
    assert.deepEqual([task.kind, task.status, task.dueDate], ['task', 'not-started', '2026-11-30']);
    assert.notEqual(task.id, goal.id);

    assert.deepEqual(await test.manager.plans.get(plan.id), plan);
    const second = await test.manager.plans.create(test.caseRecord.id, { title: 'Mental health follow-up' });
    assert.deepEqual((await test.manager.plans.forCase(test.caseRecord.id)).map((p) => p.id).sort(), [plan.id, second.id].sort());
    const events = await test.as(PERSONAS.supervisor).audit.forRecord(plan.id);
    // The creation, the read of the plan, and the read of the case's plans that listed it (the test clock stands still, so by kind).
    const byKind = (e: { action: string; recordIds?: string[] }) => `${e.action}${e.recordIds ? '+list' : ''}`;
    assert.deepEqual(events.items.sort((a, b) => byKind(a).localeCompare(byKind(b))).map((e) => [e.action, e.caseId, e.clientId, e.toVersion, e.recordIds?.sort()]), [
      ['create', test.caseRecord.id, test.client.id, 1, undefined],
      ['read', test.caseRecord.id, test.client.id, 1, undefined],
      ['read', test.caseRecord.id, test.client.id, undefined, [second.id, plan.id].sort()],
    ]);
  });

  it('refuses a plan for a closed case, and an unknown case, writing nothing', async () => {
    const test = await setup();
    const closed = await test.manager.cases.transition(test.caseRecord, 'closed', { closureReason: 'goals-met' });
    const before = await counts(test);
    await assert.rejects(test.manager.plans.create(closed.id, { title: 'Too late' }), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(error.issues[0]?.path, ['caseId']);
      return true;
    });
    await assert.rejects(test.manager.plans.create('no-such-case', { title: 'Nowhere' }), NotFoundError);
    assert.deepEqual(await counts(test), before);
  });

  it('edits title, period and review date; null clears an optional field', async () => {
    const test = await setup();
    const plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan', reviewDate: '2026-12-01' });
    const edited = await test.manager.plans.update(plan, { title: 'Housing plan', period: { start: '2026-11-24', end: '2027-05-24' }, reviewDate: null });
    assert.equal(edited.title, 'Housing plan');
    assert.deepEqual(edited.period, { start: '2026-11-24', end: '2027-05-24' });
    assert.equal('reviewDate' in edited, false);
    const [event] = (await test.as(PERSONAS.supervisor).audit.forRecord(plan.id)).items.filter((e) => e.toVersion === 2);
    assert.deepEqual([event?.action, event?.fromVersion, event?.changedFields], ['update', 1, ['period', 'reviewDate', 'title']]);
  });

  it('rejects bad input with field paths and writes nothing', async () => {
    const test = await setup();
    const plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan', goals: [housingGoal] });
    const goalId = plan.goals[0]!.id;
    const before = await counts(test);
    const paths = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => assert.fail('expected a ValidationError'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ValidationError, String(error));
      return error.issues.map((i) => i.path.join('.'));
    };
    assert.deepEqual(await paths(test.manager.plans.create(test.caseRecord.id, { title: '  ', reviewDate: '15/12/2026' })), ['title', 'reviewDate']);
    assert.deepEqual(await paths(test.manager.plans.update(plan, { period: { start: '2027-01-01', end: '2026-01-01' } })), ['period.end']);
    assert.deepEqual(await paths(test.manager.plans.update(plan, { status: 'active' } as never)), ['']);
    assert.deepEqual(await paths(test.manager.plans.addGoal(plan, { needDomain: 'rent' as never, description: '' })), ['needDomain', 'description']);
    assert.deepEqual(await paths(test.manager.plans.updateGoal(plan, goalId, { priority: 'urgent' as never })), ['priority']);
    assert.deepEqual(await paths(test.manager.plans.addIntervention(plan, goalId, { description: 'Call', dueDate: 'next week' })), ['dueDate']);
    assert.deepEqual(await paths(test.manager.plans.addIntervention(plan, goalId, { description: 'Call', status: 'completed' as never })), ['status']);
    assert.deepEqual(await paths(test.manager.plans.addProgress(plan, goalId, { text: '', achievementStatus: 'great' as never })), ['text', 'achievementStatus']);
    assert.deepEqual(await paths(test.manager.plans.transition(plan, 'archived' as never)), ['to']);
    assert.deepEqual(await paths(test.manager.plans.transition(plan, 'revoked')), ['reason']);
    assert.deepEqual(await paths(test.manager.plans.transitionGoal(plan, goalId, 'entered-in-error')), ['reason']);
    assert.deepEqual(await paths(test.manager.plans.update({ id: plan.id, version: 0 }, { title: 'x' })), ['ref.version']);
    await assert.rejects(test.manager.plans.updateGoal(plan, 'no-such-goal', { description: 'x' }), NotFoundError);
    await assert.rejects(test.manager.plans.addIntervention(plan, 'no-such-goal', { description: 'x' }), NotFoundError);
    await assert.rejects(test.manager.plans.transitionIntervention(plan, goalId, 'no-such-task', 'completed'), NotFoundError);
    assert.deepEqual(await counts(test), before);
    assert.deepEqual(await test.manager.plans.get(plan.id), plan);
  });

  it('writes one audit event with versions for every mutation', async () => {
    const test = await setup();
    const plans = test.manager.plans;
    let plan = await plans.create(test.caseRecord.id, { title: 'Plan' });
    plan = await plans.update(plan, { reviewDate: '2027-01-15' });
    plan = await plans.addGoal(plan, housingGoal);
    const goalId = plan.goals[0]!.id;
    plan = await plans.updateGoal(plan, goalId, { targetDate: null, description: 'Keep my apartment' });
    plan = await plans.transitionGoal(plan, goalId, 'active');
    plan = await plans.addIntervention(plan, goalId, { kind: 'intervention', description: 'Landlord mediation' });
    const taskId = plan.goals[0]!.interventions[0]!.id;
    plan = await plans.updateIntervention(plan, goalId, taskId, { assigneeId: 'cm-alvarez', assigneeName: 'Marta Alvarez', dueDate: '2026-12-02' });
    plan = await plans.transitionIntervention(plan, goalId, taskId, 'in-progress');
    plan = await plans.addProgress(plan, goalId, { text: 'Landlord agreed to a payment plan', achievementStatus: 'improving' });
    plan = await plans.transition(plan, 'active');
    assert.equal(plan.version, 10);
    const events = (await test.as(PERSONAS.supervisor).audit.forRecord(plan.id, { oldestFirst: true })).items.sort((a, b) => (a.toVersion ?? 0) - (b.toVersion ?? 0));
    assert.deepEqual(
      events.map((e) => [e.action, e.fromVersion, e.toVersion, e.transition ? `${e.transition.from}->${e.transition.to}` : undefined]),
      [
        ['create', undefined, 1, undefined],
        ['update', 1, 2, undefined],
        ['update', 2, 3, undefined],
        ['update', 3, 4, undefined],
        ['transition', 4, 5, 'proposed->active'],
        ['update', 5, 6, undefined],
        ['update', 6, 7, undefined],
        ['transition', 7, 8, 'not-started->in-progress'],
        ['update', 8, 9, 'none->improving'],
        ['transition', 9, 10, 'draft->active'],
      ],
    );
    assert.ok(events.every((e) => e.caseId === test.caseRecord.id && e.actor.id === PERSONAS.caseManager.id && e.collection === 'plans'));
    assert.equal(events[2]!.part, `goals/${goalId}`);
    assert.match(events[8]!.part!, new RegExp(`^goals/${goalId}/progress/`));
    assert.equal(events[7]!.part, `goals/${goalId}/interventions/${taskId}`);
    const goal = plan.goals[0]!;
    assert.equal(goal.description, 'Keep my apartment');
    assert.equal('targetDate' in goal, false);
    assert.equal(goal.interventions[0]!.assigneeName, 'Marta Alvarez');
  });

  it('records dated progress entries and achievement changes', async () => {
    const test = await setup();
    let plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan', goals: [{ ...housingGoal, lifecycleStatus: 'active' }] });
    const goalId = plan.goals[0]!.id;
    plan = await test.manager.plans.addProgress(plan, goalId, { text: 'Viewed two apartments', achievementStatus: 'in-progress' });
    test.clock.advanceDays(7);
    plan = await test.manager.plans.addProgress(plan, goalId, { text: 'Application accepted', achievementStatus: 'improving' });
    plan = await test.manager.plans.addProgress(plan, goalId, { text: 'Waiting for keys', achievementStatus: 'improving' });
    const goal = plan.goals[0]!;
    assert.equal(goal.achievementStatus, 'improving');
    assert.deepEqual(
      goal.progress.map((p) => [p.at.slice(0, 10), p.text, p.previousAchievementStatus, p.achievementStatus, p.by.id]),
      [
        ['2026-11-24', 'Viewed two apartments', undefined, 'in-progress', PERSONAS.caseManager.id],
        ['2026-12-01', 'Application accepted', 'in-progress', 'improving', PERSONAS.caseManager.id],
        ['2026-12-01', 'Waiting for keys', undefined, undefined, PERSONAS.caseManager.id],
      ],
    );
    plan = await test.manager.plans.transitionGoal(plan, goalId, 'completed', { achievementStatus: 'achieved', reason: 'Signed a 12-month lease' });
    assert.deepEqual([plan.goals[0]!.lifecycleStatus, plan.goals[0]!.achievementStatus], ['completed', 'achieved']);
    plan = await test.manager.plans.addProgress(plan, goalId, { text: 'Still housed at 3 months', achievementStatus: 'sustaining' });
    assert.equal(plan.goals[0]!.achievementStatus, 'sustaining');
  });

  it('locks a completed, revoked or entered-in-error plan against edits', async () => {
    const test = await setup();
    let plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan', goals: [housingGoal] });
    plan = await test.manager.plans.transition(plan, 'active');
    plan = await test.manager.plans.transition(plan, 'completed');
    const before = await counts(test);
    for (const attempt of [
      test.manager.plans.addGoal(plan, housingGoal),
      test.manager.plans.update(plan, { title: 'Changed' }),
      test.manager.plans.addProgress(plan, plan.goals[0]!.id, { text: 'Late entry' }),
      test.manager.plans.transitionGoal(plan, plan.goals[0]!.id, 'cancelled'),
    ]) {
      await assert.rejects(attempt, (error: unknown) => error instanceof TransitionError && /completed/.test(error.message) && error.allowed.join() === 'entered-in-error');
    }
    assert.deepEqual(await counts(test), before);
  });

  it('locks a goal entered in error', async () => {
    const test = await setup();
    let plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan', goals: [housingGoal] });
    const goalId = plan.goals[0]!.id;
    plan = await test.manager.plans.transitionGoal(plan, goalId, 'entered-in-error', { reason: 'Wrong client' });
    await assert.rejects(test.manager.plans.updateGoal(plan, goalId, { description: 'x' }), TransitionError);
    await assert.rejects(test.manager.plans.addIntervention(plan, goalId, { description: 'x' }), TransitionError);
  });
});

describe('plan activation approval', () => {
  it('activates directly when approval is off', async () => {
    const test = await setup();
    const plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan' });
    const active = await test.manager.plans.transition(plan, 'active');
    assert.equal(active.status, 'active');
    assert.equal(active.approval, undefined);
    await assert.rejects(test.as(PERSONAS.supervisor).plans.approveActivation(active), TransitionError);
  });

  it("turns a case manager's activation into a pending approval a supervisor approves", async () => {
    const test = await setup({ approvals: { planActivation: true } });
    const supervisor = test.as(PERSONAS.supervisor);
    const plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan', goals: [housingGoal] });
    const pending = await test.manager.plans.transition(plan, 'active', { reason: 'Reviewed with Rosa' });
    assert.equal(pending.status, 'draft');
    assert.deepEqual([pending.approval?.status, pending.approval?.requestedBy.id, pending.approval?.note], ['pending', PERSONAS.caseManager.id, 'Reviewed with Rosa']);
    await assert.rejects(test.manager.plans.transition(pending, 'active'), (e: unknown) => e instanceof TransitionError && /already waiting/.test(e.message));
    const before = await counts(test);
    await assert.rejects(test.manager.plans.approveActivation(pending), PermissionError);
    assert.deepEqual(await counts(test), before);

    const approved = await supervisor.plans.approveActivation(pending, { note: 'Looks right' });
    assert.equal(approved.status, 'active');
    assert.deepEqual([approved.approval?.status, approved.approval?.decidedBy?.id], ['approved', PERSONAS.supervisor.id]);
    assert.deepEqual(approved.statusHistory.at(-1)?.by.id, PERSONAS.supervisor.id);
    const events = (await supervisor.audit.forRecord(plan.id)).items.filter((e) => e.outcome !== 'refused').sort((a, b) => (a.toVersion ?? 0) - (b.toVersion ?? 0));
    assert.deepEqual(
      events.map((e) => [e.action, e.actor.role, e.transition?.to, e.reason]),
      [
        ['create', 'case-manager', undefined, undefined],
        ['update', 'case-manager', undefined, 'activation requested: Reviewed with Rosa'],
        ['approve', 'supervisor', 'active', 'activation approved: Looks right'],
      ],
    );
  });

  it('lets a supervisor send an activation back, and the case manager resubmit', async () => {
    const test = await setup({ approvals: { planActivation: true } });
    const supervisor = test.as(PERSONAS.supervisor);
    const plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan' });
    const pending = await test.manager.plans.transition(plan, 'active');
    await assert.rejects(supervisor.plans.rejectActivation(pending, ''), ValidationError);
    const rejected = await supervisor.plans.rejectActivation(pending, 'Add a goal for food first');
    assert.equal(rejected.status, 'draft');
    assert.deepEqual([rejected.approval?.status, rejected.approval?.decisionReason], ['rejected', 'Add a goal for food first']);
    const [event] = (await supervisor.audit.forRecord(plan.id)).items.filter((e) => e.toVersion === rejected.version);
    assert.deepEqual([event?.action, event?.reason], ['approve', 'activation rejected: Add a goal for food first']);
    await assert.rejects(supervisor.plans.approveActivation(rejected), TransitionError);
    const resubmitted = await test.manager.plans.transition(rejected, 'active');
    assert.equal(resubmitted.approval?.status, 'pending');
    const revoked = await test.manager.plans.transition(resubmitted, 'revoked', { reason: 'Client moved away' });
    assert.equal(revoked.approval, undefined, 'a pending approval ends with the draft');
  });

  it('lets a supervisor activate directly, recording the approval', async () => {
    const test = await setup({ approvals: { planActivation: true } });
    const plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan' });
    const active = await test.as(PERSONAS.supervisor).plans.transition(plan, 'active');
    assert.equal(active.status, 'active');
    assert.deepEqual([active.approval?.status, active.approval?.decidedBy?.id], ['approved', PERSONAS.supervisor.id]);
    const onHold = await test.manager.plans.transition(active, 'on-hold');
    assert.equal((await test.manager.plans.transition(onHold, 'active')).status, 'active', 'resuming needs no approval');
  });
});

describe('goal suggestions', () => {
  it('suggests a goal for each open need no open goal covers', async () => {
    const test = await setup({}, ['housing', 'food', 'safety', 'transportation']);
    const readsBefore = (await auditTally(test.storage)).reads;
    const suggestions = await test.manager.plans.suggestGoals(test.caseRecord.id);
    assert.equal((await auditTally(test.storage)).reads, readsBefore + 1, 'suggestions show the case’s needs: audited as a read');
    assert.deepEqual(suggestions, [
      { needDomain: 'housing', description: 'Find and keep stable housing', priority: 'medium-priority' },
      { needDomain: 'food', description: GOAL_SUGGESTIONS.food, priority: 'medium-priority' },
      { needDomain: 'safety', description: GOAL_SUGGESTIONS.safety, priority: 'high-priority' },
      { needDomain: 'transportation', description: GOAL_SUGGESTIONS.transportation, priority: 'medium-priority' },
    ]);
    // A suggestion is a valid goal input as it is.
    let plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan', goals: [suggestions[0]!] });
    plan = await test.manager.plans.addGoal(plan, suggestions[1]!);
    plan = await test.manager.plans.transitionGoal(plan, plan.goals[1]!.id, 'cancelled', { reason: 'Food bank enrolment covers it' });
    assert.deepEqual((await test.manager.plans.suggestGoals(test.caseRecord.id)).map((s) => s.needDomain), ['food', 'safety', 'transportation']);

    // Goals of a revoked plan cover nothing; resolved needs need no goal.
    await test.manager.plans.transition(plan, 'revoked', { reason: 'Rewritten' });
    assert.deepEqual((await test.manager.plans.suggestGoals(test.caseRecord.id)).map((s) => s.needDomain), ['housing', 'food', 'safety', 'transportation']);
    const current = await test.manager.cases.get(test.caseRecord.id);
    await test.manager.cases.update(current, { needs: current.needs.map((n) => (n.domain === 'food' ? { ...n, status: 'resolved' as const } : n)) });
    assert.deepEqual((await test.manager.plans.suggestGoals(test.caseRecord.id)).map((s) => s.needDomain), ['housing', 'safety', 'transportation']);
  });

  it('suggests nothing without needs and writes nothing', async () => {
    const test = await setup({}, []);
    const before = await counts(test);
    const tally = await auditTally(test.storage);
    assert.deepEqual(await test.manager.plans.suggestGoals(test.caseRecord.id), []);
    assert.deepEqual(await counts(test), before);
    assert.deepEqual(await auditTally(test.storage), tally, 'nothing shown, nothing audited');
  });
});

describe('concurrent edits', () => {
  it('refuses the second of two edits based on the same plan version, writing nothing', async () => {
    const test = await setup();
    const plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan', goals: [housingGoal] });
    const tabA = await test.manager.plans.get(plan.id);
    const tabB = await test.as(PERSONAS.supervisor).plans.get(plan.id);
    const saved = await test.manager.plans.updateGoal(tabA, plan.goals[0]!.id, { description: 'Keep my apartment' });
    const before = await counts(test);
    await assert.rejects(test.as(PERSONAS.supervisor).plans.addProgress(tabB, plan.goals[0]!.id, { text: 'Called landlord' }), (error: unknown) => {
      assert.ok(error instanceof ConflictError);
      assert.equal(error.expectedVersion, 1);
      assert.equal(error.actualVersion, 2);
      return true;
    });
    await assert.rejects(test.manager.plans.addGoal(tabA, { needDomain: 'food', description: 'Enough food' }), ConflictError);
    await assert.rejects(test.manager.plans.transition(tabA, 'active'), ConflictError);
    assert.deepEqual(await counts(test), before);
    assert.deepEqual(await test.manager.plans.get(plan.id), saved);
  });
});

describe('plan policy', () => {
  it("refuses another case manager's case, lets a viewer read only, and a supervisor write", async () => {
    const test = await setup();
    const plan = await test.manager.plans.create(test.caseRecord.id, { title: 'Plan', goals: [housingGoal] });
    const other = test.as(PERSONAS.otherCaseManager);
    const viewer = test.as(PERSONAS.viewer);
    const before = await counts(test);
    await assert.rejects(other.plans.create(test.caseRecord.id, { title: 'Mine now' }), PermissionError);
    await assert.rejects(other.plans.get(plan.id), PermissionError);
    await assert.rejects(other.plans.forCase(test.caseRecord.id), PermissionError);
    await assert.rejects(other.plans.suggestGoals(test.caseRecord.id), PermissionError);
    await assert.rejects(other.plans.addGoal(plan, housingGoal), PermissionError);
    await assert.rejects(other.plans.transition(plan, 'active'), PermissionError);
    assert.equal((await viewer.plans.get(plan.id)).id, plan.id);
    await assert.rejects(viewer.plans.create(test.caseRecord.id, { title: 'x' }), PermissionError);
    await assert.rejects(viewer.plans.addProgress(plan, plan.goals[0]!.id, { text: 'x' }), PermissionError);
    await assert.rejects(viewer.plans.transitionGoal(plan, plan.goals[0]!.id, 'active'), PermissionError);
    assert.deepEqual(await counts(test), before);
    // Each refused attempt, and only those, left one event.
    assert.equal((await auditTally(test.storage)).refused, 9);
    const edited = await test.as(PERSONAS.supervisor).plans.addProgress(plan, plan.goals[0]!.id, { text: 'Supervisor check-in' });
    assert.equal(edited.goals[0]!.progress[0]!.by.role, 'supervisor');
  });

  it('lets a care team member work on the plan', async () => {
    const test = await setup();
    await test.manager.cases.update(test.caseRecord, { careTeam: [{ actorId: PERSONAS.otherCaseManager.id, name: PERSONAS.otherCaseManager.name, role: 'housing-specialist' }] });
    const plan = await test.as(PERSONAS.otherCaseManager).plans.create(test.caseRecord.id, { title: 'Housing plan' });
    assert.equal(plan.author.id, PERSONAS.otherCaseManager.id);
  });
});

describe('plans due for review', () => {
  it('finds active and on-hold plans whose review date has passed, on readable cases only', async () => {
    const test = await setup();
    const plans = test.manager.plans;
    const overdue = await plans.transition(await plans.create(test.caseRecord.id, { title: 'Overdue', reviewDate: '2026-11-01' }), 'active');
    const today = await plans.transition(
      await plans.transition(await plans.create(test.caseRecord.id, { title: 'Today', reviewDate: '2026-11-24' }), 'active'),
      'on-hold',
    );
    await plans.transition(await plans.create(test.caseRecord.id, { title: 'Later', reviewDate: '2026-12-24' }), 'active');
    await plans.create(test.caseRecord.id, { title: 'Draft', reviewDate: '2026-10-01' });
    const done = await plans.transition(await plans.transition(await plans.create(test.caseRecord.id, { title: 'Done', reviewDate: '2026-10-01' }), 'active'), 'completed');
    assert.equal(done.status, 'completed');

    // A plan on someone else's caseload.
    const other = test.as(PERSONAS.otherCaseManager);
    const { client } = await other.clients.create({ name: { given: ['Tomás'], family: 'Okoro' }, birthDate: '1970-05-05' });
    const otherCase = await other.cases.create({ clientId: client.id, program: 'healthcare', status: 'active' });
    const othersPlan = await other.plans.transition(await other.plans.create(otherCase.id, { title: 'Other', reviewDate: '2026-09-01' }), 'active');

    assert.deepEqual((await plans.dueForReview()).map((p) => p.id), [overdue.id, today.id]);
    assert.deepEqual((await plans.dueForReview({ asOf: '2026-11-23' })).map((p) => p.id), [overdue.id]);
    assert.deepEqual((await test.as(PERSONAS.supervisor).plans.dueForReview()).map((p) => p.id), [othersPlan.id, overdue.id, today.id]);
    await assert.rejects(plans.dueForReview({ asOf: 'tomorrow' }), ValidationError);
  });
});
