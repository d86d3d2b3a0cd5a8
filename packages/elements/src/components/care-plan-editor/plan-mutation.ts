import type { CarePlan, CaseManager, VersionRef } from '@casekit/core';
import type { PlanChangeKind } from '../../events/events.js';

/** How the editor saves one change to the plan, and what it reports after (see the editor's `mutate`). */
export interface MutationOptions {
  change: PlanChangeKind;
  operation: string;
  /** Form whose field errors and drafts this mutation owns. */
  form?: string;
  /** Draft keys to clear after success. */
  clear?: string[];
  goalId?: string;
  interventionId?: string;
  from?: string;
  announce: (plan: CarePlan) => string;
}

/** One write to the plan, based on the version on screen. */
export type PlanWrite = (manager: CaseManager, ref: VersionRef) => Promise<CarePlan>;

/** The status a transition ended in (plan, goal or task), for `ck-plan-change`'s `to`. */
export function statusAfter(plan: CarePlan, options: MutationOptions): string | undefined {
  if (options.change === 'plan-transition') return plan.status;
  const goal = plan.goals.find((g) => g.id === options.goalId);
  if (options.change === 'goal-transition') return goal?.lifecycleStatus;
  return goal?.interventions.find((i) => i.id === options.interventionId)?.status;
}
