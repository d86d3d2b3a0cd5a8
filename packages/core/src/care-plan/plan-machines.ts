import { defineMachine } from '../internal/state-machine.js';
import type { GoalLifecycleStatus, InterventionStatus, PlanStatus } from './plan-schema.js';

/**
 * draft -> active -> on-hold <-> active -> completed; a plan can be revoked before it completes;
 * completed and revoked are final; entered-in-error from anywhere but itself. With plan approval on,
 * a case manager's draft -> active waits for a supervisor (see `plans.transition`).
 */
export const PLAN_MACHINE = defineMachine<PlanStatus>('care-plan', {
  draft: ['active', 'revoked', 'entered-in-error'],
  active: ['on-hold', 'completed', 'revoked', 'entered-in-error'],
  'on-hold': ['active', 'completed', 'revoked', 'entered-in-error'],
  completed: ['entered-in-error'],
  revoked: ['entered-in-error'],
  'entered-in-error': [],
});

/**
 * FHIR Goal lifecycle: proposed -> (planned ->) (accepted ->) active <-> on-hold -> completed; a proposed
 * goal the client does not want is rejected; any goal not yet completed may be cancelled; completed,
 * cancelled and rejected are final; entered-in-error from anywhere but itself.
 */
export const GOAL_MACHINE = defineMachine<GoalLifecycleStatus>('goal', {
  proposed: ['planned', 'accepted', 'active', 'rejected', 'cancelled', 'entered-in-error'],
  planned: ['accepted', 'active', 'on-hold', 'cancelled', 'entered-in-error'],
  accepted: ['active', 'on-hold', 'cancelled', 'entered-in-error'],
  active: ['on-hold', 'completed', 'cancelled', 'entered-in-error'],
  'on-hold': ['active', 'completed', 'cancelled', 'entered-in-error'],
  completed: ['entered-in-error'],
  cancelled: ['entered-in-error'],
  rejected: ['entered-in-error'],
  'entered-in-error': [],
});

/**
 * FHIR CarePlan.activity.detail status: not-started -> scheduled -> in-progress <-> on-hold -> completed.
 * Work never started ends as cancelled, work started and given up ends as stopped; completed, cancelled
 * and stopped are final; entered-in-error from anywhere but itself.
 */
export const INTERVENTION_MACHINE = defineMachine<InterventionStatus>('intervention', {
  'not-started': ['scheduled', 'in-progress', 'on-hold', 'cancelled', 'entered-in-error'],
  scheduled: ['not-started', 'in-progress', 'on-hold', 'cancelled', 'entered-in-error'],
  'in-progress': ['on-hold', 'completed', 'stopped', 'entered-in-error'],
  'on-hold': ['scheduled', 'in-progress', 'cancelled', 'stopped', 'entered-in-error'],
  completed: ['entered-in-error'],
  cancelled: ['entered-in-error'],
  stopped: ['entered-in-error'],
  'entered-in-error': [],
});
