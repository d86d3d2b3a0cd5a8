import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACHIEVEMENT_STATUSES, GOAL_LIFECYCLE_STATUSES, INTERVENTION_STATUSES, PLAN_STATUSES, type CarePlan as CasekitPlan } from '@casekit/core';
import type { CarePlan, Goal, Task } from '@medplum/fhirtypes';
import { ALVAREZ, AT, LATER, meta, OKAFOR, ofType, record, roundTrip } from '../test/round-trip.js';

const change = (to: string, from: string | null = null, by = ALVAREZ, reason?: string) => ({ from, to, at: AT, by, ...(reason ? { reason } : {}) });

function intervention(id: string, kind: 'task' | 'intervention', status: string) {
  return { id, kind, description: `${kind} ${status}`, status, statusHistory: [change('not-started'), ...(status === 'not-started' ? [] : [change(status, 'not-started', OKAFOR, 'moved on')])], createdAt: AT };
}

function goal(id: string, lifecycleStatus: string, extra: object = {}) {
  return { id, needDomain: 'housing', description: 'Find stable housing', lifecycleStatus, statusHistory: [change(lifecycleStatus)], interventions: [], progress: [], createdAt: AT, ...extra };
}

const plan = (raw: object) =>
  record<CasekitPlan>('plans', { ...meta('plan-1', 4), title: 'Care plan', caseId: 'case-1', clientId: 'client-1', status: 'active', statusHistory: [change('draft'), change('active', 'draft')], author: ALVAREZ, goals: [], ...raw });

describe('plans <-> CarePlan + Goals + Tasks', () => {
  it('keeps every plan status', () => {
    for (const status of PLAN_STATUSES) {
      const [carePlan] = ofType<CarePlan>(roundTrip('plans', plan({ status, statusHistory: [change('draft'), change(status, 'draft', OKAFOR, 'why')] })), 'CarePlan');
      assert.equal(carePlan!.status, status);
      assert.equal(carePlan!.intent, 'plan');
    }
  });

  it('keeps every goal lifecycle and achievement status, and progress entries with achievement status', () => {
    const goals = [
      ...GOAL_LIFECYCLE_STATUSES.map((s, i) => goal(`goal-l${i}`, s)),
      ...ACHIEVEMENT_STATUSES.map((a, i) =>
        goal(`goal-a${i}`, 'active', {
          achievementStatus: a,
          targetDate: '2027-01-31',
          priority: 'high-priority',
          progress: [
            { id: `p${i}-1`, at: AT, text: 'Viewed two flats', by: ALVAREZ },
            { id: `p${i}-2`, at: LATER, text: 'Signed the lease — مبروك 🎉', achievementStatus: a, previousAchievementStatus: 'in-progress', by: OKAFOR },
          ],
        }),
      ),
    ];
    const resources = roundTrip('plans', plan({ goals }));
    const fhirGoals = ofType<Goal>(resources, 'Goal');
    assert.deepEqual(fhirGoals.map((g) => g.lifecycleStatus).slice(0, GOAL_LIFECYCLE_STATUSES.length), [...GOAL_LIFECYCLE_STATUSES]);
    assert.deepEqual(fhirGoals.slice(GOAL_LIFECYCLE_STATUSES.length).map((g) => g.achievementStatus?.coding?.[0]?.code), [...ACHIEVEMENT_STATUSES]);
    assert.equal(fhirGoals.at(-1)!.note?.length, 2);
    const [carePlan] = ofType<CarePlan>(resources, 'CarePlan');
    assert.deepEqual(carePlan!.goal?.map((g) => g.reference), fhirGoals.map((g) => `Goal/${g.id}`));
  });

  it('keeps every intervention status, tasks as Task resources and interventions as activity.detail, in order', () => {
    const interventions = INTERVENTION_STATUSES.flatMap((s, i) => [intervention(`t${i}`, 'task', s), intervention(`d${i}`, 'intervention', s)]);
    interventions[0] = { ...interventions[0]!, assigneeId: 'cm-alvarez', assigneeName: 'Marta Alvarez', dueDate: '2026-12-01' } as typeof interventions[0];
    interventions[1] = { ...interventions[1]!, assigneeName: 'The client', dueDate: '2026-12-02' } as typeof interventions[1];
    const resources = roundTrip('plans', plan({ goals: [goal('g1', 'active', { interventions }), goal('g2', 'proposed', { interventions: [intervention('t-last', 'task', 'scheduled')] })] }));
    const tasks = ofType<Task>(resources, 'Task');
    assert.equal(tasks.length, INTERVENTION_STATUSES.length + 1);
    assert.deepEqual(tasks.map((t) => t.status).slice(0, INTERVENTION_STATUSES.length), ['ready', 'accepted', 'in-progress', 'on-hold', 'completed', 'cancelled', 'failed', 'entered-in-error']);
    const [carePlan] = ofType<CarePlan>(resources, 'CarePlan');
    assert.deepEqual(carePlan!.activity?.filter((a) => a.detail).map((a) => a.detail!.status), [...INTERVENTION_STATUSES]);
  });

  it('keeps approval, period, review date, and empty optional fields', () => {
    roundTrip('plans', plan({ description: 'Winter plan', period: { start: '2026-11-01', end: '2027-02-28' }, reviewDate: '2026-12-15', approval: { kind: 'plan-activation', status: 'rejected', requestedBy: ALVAREZ, requestedAt: AT, note: 'Please check', decidedBy: OKAFOR, decidedAt: LATER, decisionReason: 'Add a housing goal' } }));
    roundTrip('plans', plan({ description: '', period: {} }));
    roundTrip('plans', plan({ period: { end: '2027-01-01' }, approval: { kind: 'plan-activation', status: 'pending', requestedBy: ALVAREZ, requestedAt: AT } }));
  });

  it('keeps ids that are not FHIR ids for the plan, its goals and interventions', () => {
    const resources = roundTrip('plans', { ...plan({ goals: [goal('goal/1 ü', 'active', { interventions: [intervention('task_1', 'task', 'in-progress'), intervention('detail 1', 'intervention', 'scheduled')] })] }), id: 'plan:ü' } as CasekitPlan);
    for (const r of resources) assert.match(r.id!, /^[A-Za-z0-9\-.]{1,64}$/);
  });
});
