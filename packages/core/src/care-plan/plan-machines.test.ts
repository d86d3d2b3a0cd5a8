import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TransitionError } from '../errors/errors.js';
import type { StateMachine } from '../internal/state-machine.js';
import { createTestSetup, PERSONAS, auditTally } from '../testing/test-manager.js';
import { GOAL_MACHINE, INTERVENTION_MACHINE, PLAN_MACHINE } from './plan-machines.js';
import {
  GOAL_LIFECYCLE_STATUSES,
  INTERVENTION_STATUSES,
  PLAN_STATUSES,
  type CarePlan,
  type GoalLifecycleStatus,
  type InterventionStatus,
  type PlanStatus,
} from './plan-schema.js';

/** The shortest list of moves from `start` to `target` over a machine's edges. */
function pathTo<S extends string>(machine: StateMachine<S>, start: S, target: S): S[] {
  const previous = new Map<S, S | null>([[start, null]]);
  const queue: S[] = [start];
  while (queue.length) {
    const current = queue.shift()!;
    if (current === target) break;
    for (const next of machine.transitions[current]) {
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  assert.ok(previous.has(target), `${target} is reachable from ${start}`);
  const path: S[] = [];
  for (let at: S | null | undefined = target; at && at !== start; at = previous.get(at)) path.unshift(at);
  return path;
}

function edges<S extends string>(machine: StateMachine<S>): [S, S][] {
  return (Object.entries(machine.transitions) as [S, readonly S[]][]).flatMap(([from, tos]) => tos.map((to) => [from, to] as [S, S]));
}

const reason = { reason: 'recorded in the wrong chart' };

async function planSetup() {
  const setup = createTestSetup();
  const { client } = await setup.manager.clients.create({ name: { given: ['Rosa'], family: 'Hernández' }, birthDate: '1984-03-12' });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  const plan = await setup.manager.plans.create(caseRecord.id, {
    title: 'Housing stability plan',
    goals: [{ needDomain: 'housing', description: 'Move into a lease of my own', interventions: [{ description: 'Apply for the housing voucher waitlist' }] }],
  });
  return { ...setup, plan, goalId: plan.goals[0]!.id, interventionId: plan.goals[0]!.interventions[0]!.id };
}

async function counts(setup: Awaited<ReturnType<typeof planSetup>>) {
  return { plans: await setup.storage.count('plans', { index: 'id' }), audit: (await auditTally(setup.storage)).changes };
}

/** The audit event that wrote this version of the plan (the fixed test clock gives every event the same time). */
async function lastEvent(setup: Awaited<ReturnType<typeof planSetup>>, plan: CarePlan) {
  const events = await setup.as(PERSONAS.supervisor).audit.forRecord(plan.id);
  return events.items.find((e) => e.toVersion === plan.version);
}

describe('care plan state machine', () => {
  it('covers every FHIR CarePlan status but unknown', () => {
    assert.deepEqual(Object.keys(PLAN_MACHINE.transitions).sort(), [...PLAN_STATUSES].sort());
  });

  for (const [from, to] of edges(PLAN_MACHINE)) {
    it(`allows ${from} -> ${to}`, async () => {
      const setup = await planSetup();
      let plan: CarePlan = setup.plan;
      for (const step of pathTo<PlanStatus>(PLAN_MACHINE, 'draft', from)) plan = await setup.manager.plans.transition(plan, step, reason);
      const moved = await setup.manager.plans.transition(plan, to, reason);
      assert.equal(moved.status, to);
      assert.equal(moved.version, plan.version + 1);
      assert.deepEqual(moved.statusHistory.at(-1)?.from, from);
      assert.deepEqual(moved.statusHistory.at(-1)?.by.id, PERSONAS.caseManager.id);
      const event = await lastEvent(setup, moved);
      assert.deepEqual([event?.action, event?.transition, event?.fromVersion, event?.toVersion], ['transition', { from, to }, plan.version, moved.version]);
    });
  }

  const refused: [PlanStatus, PlanStatus][] = [
    ['draft', 'completed'],
    ['draft', 'on-hold'],
    ['active', 'draft'],
    ['completed', 'active'],
    ['revoked', 'active'],
    ['entered-in-error', 'draft'],
  ];
  for (const [from, to] of refused) {
    it(`refuses ${from} -> ${to}, naming the allowed moves, and writes nothing`, async () => {
      const setup = await planSetup();
      let plan: CarePlan = setup.plan;
      for (const step of pathTo<PlanStatus>(PLAN_MACHINE, 'draft', from)) plan = await setup.manager.plans.transition(plan, step, reason);
      const before = await counts(setup);
      await assert.rejects(setup.manager.plans.transition(plan, to, reason), (error: unknown) => {
        assert.ok(error instanceof TransitionError);
        assert.equal(error.machine, 'care-plan');
        assert.deepEqual(error.allowed, [...PLAN_MACHINE.transitions[from]]);
        return true;
      });
      assert.deepEqual(await counts(setup), before);
      assert.deepEqual(setup.manager.plans.allowedTransitions(plan), [...PLAN_MACHINE.transitions[from]]);
    });
  }
});

describe('goal lifecycle state machine', () => {
  it('covers every FHIR Goal lifecycle status', () => {
    assert.deepEqual(Object.keys(GOAL_MACHINE.transitions).sort(), [...GOAL_LIFECYCLE_STATUSES].sort());
  });

  for (const [from, to] of edges(GOAL_MACHINE)) {
    it(`allows ${from} -> ${to}`, async () => {
      const setup = await planSetup();
      let plan: CarePlan = setup.plan;
      for (const step of pathTo<GoalLifecycleStatus>(GOAL_MACHINE, 'proposed', from)) plan = await setup.manager.plans.transitionGoal(plan, setup.goalId, step, reason);
      const moved = await setup.manager.plans.transitionGoal(plan, setup.goalId, to, reason);
      const goal = moved.goals[0]!;
      assert.equal(goal.lifecycleStatus, to);
      assert.deepEqual([goal.statusHistory.at(-1)?.from, goal.statusHistory.at(-1)?.to], [from, to]);
      const event = await lastEvent(setup, moved);
      assert.deepEqual([event?.action, event?.transition, event?.toVersion], ['transition', { from, to }, moved.version]);
      assert.equal(event?.part, `goals/${setup.goalId}`);
    });
  }

  const refused: [GoalLifecycleStatus, GoalLifecycleStatus][] = [
    ['proposed', 'completed'],
    ['proposed', 'on-hold'],
    ['active', 'proposed'],
    ['completed', 'active'],
    ['rejected', 'active'],
    ['cancelled', 'active'],
  ];
  for (const [from, to] of refused) {
    it(`refuses ${from} -> ${to}`, async () => {
      const setup = await planSetup();
      let plan: CarePlan = setup.plan;
      for (const step of pathTo<GoalLifecycleStatus>(GOAL_MACHINE, 'proposed', from)) plan = await setup.manager.plans.transitionGoal(plan, setup.goalId, step, reason);
      const before = await counts(setup);
      await assert.rejects(setup.manager.plans.transitionGoal(plan, setup.goalId, to), (error: unknown) => {
        assert.ok(error instanceof TransitionError);
        assert.equal(error.machine, 'goal');
        assert.deepEqual(error.allowed, [...GOAL_MACHINE.transitions[from]]);
        return true;
      });
      assert.deepEqual(await counts(setup), before);
      assert.deepEqual(setup.manager.plans.allowedGoalTransitions(plan.goals[0]!), [...GOAL_MACHINE.transitions[from]]);
    });
  }
});

describe('intervention state machine', () => {
  it('covers every FHIR activity status but unknown', () => {
    assert.deepEqual(Object.keys(INTERVENTION_MACHINE.transitions).sort(), [...INTERVENTION_STATUSES].sort());
  });

  for (const [from, to] of edges(INTERVENTION_MACHINE)) {
    it(`allows ${from} -> ${to}`, async () => {
      const setup = await planSetup();
      const { goalId, interventionId } = setup;
      let plan: CarePlan = setup.plan;
      for (const step of pathTo<InterventionStatus>(INTERVENTION_MACHINE, 'not-started', from)) {
        plan = await setup.manager.plans.transitionIntervention(plan, goalId, interventionId, step, reason);
      }
      const moved = await setup.manager.plans.transitionIntervention(plan, goalId, interventionId, to, reason);
      const intervention = moved.goals[0]!.interventions[0]!;
      assert.equal(intervention.status, to);
      assert.deepEqual([intervention.statusHistory.at(-1)?.from, intervention.statusHistory.at(-1)?.to], [from, to]);
      const event = await lastEvent(setup, moved);
      assert.deepEqual([event?.action, event?.transition, event?.fromVersion, event?.toVersion], ['transition', { from, to }, plan.version, moved.version]);
    });
  }

  const refused: [InterventionStatus, InterventionStatus][] = [
    ['not-started', 'completed'],
    ['not-started', 'stopped'],
    ['in-progress', 'not-started'],
    ['in-progress', 'cancelled'],
    ['completed', 'in-progress'],
    ['cancelled', 'scheduled'],
    ['stopped', 'in-progress'],
  ];
  for (const [from, to] of refused) {
    it(`refuses ${from} -> ${to}`, async () => {
      const setup = await planSetup();
      const { goalId, interventionId } = setup;
      let plan: CarePlan = setup.plan;
      for (const step of pathTo<InterventionStatus>(INTERVENTION_MACHINE, 'not-started', from)) {
        plan = await setup.manager.plans.transitionIntervention(plan, goalId, interventionId, step, reason);
      }
      const before = await counts(setup);
      await assert.rejects(setup.manager.plans.transitionIntervention(plan, goalId, interventionId, to), (error: unknown) => {
        assert.ok(error instanceof TransitionError);
        assert.equal(error.machine, 'intervention');
        assert.deepEqual(error.allowed, [...INTERVENTION_MACHINE.transitions[from]]);
        return true;
      });
      assert.deepEqual(await counts(setup), before);
      assert.deepEqual(setup.manager.plans.allowedInterventionTransitions(plan.goals[0]!.interventions[0]!), [...INTERVENTION_MACHINE.transitions[from]]);
    });
  }
});
