import type { CaseRecord } from '../case/case-schema.js';
import type { NeedDomain } from '../records/common.js';
import { OPEN_GOAL_STATUSES, OPEN_PLAN_STATUSES, type CarePlan, type GoalPriority, type GoalSuggestion } from './plan-schema.js';

/** A plain-language default goal for each need domain, to be edited with the client. */
export const GOAL_SUGGESTIONS: Readonly<Record<NeedDomain, string>> = {
  housing: 'Find and keep stable housing',
  food: 'Have enough healthy food every day',
  transportation: 'Get reliable transportation to appointments and services',
  utilities: 'Keep power, heat, water and phone service on',
  safety: 'Be and feel safe at home and in the community',
  finances: 'Have enough income to cover basic needs',
  employment: 'Find and keep work that fits',
  health: 'Manage health conditions and keep medical appointments',
  'mental-health': 'Get mental health support and feel better day to day',
  'substance-use': 'Reduce harm from substance use, with treatment if wanted',
  legal: 'Resolve legal problems with help from legal services',
  education: 'Reach an education or training goal',
  'social-support': 'Have people to count on for support',
};

/** Safety comes first; every other suggestion starts at medium priority for the case manager to adjust. */
const SUGGESTED_PRIORITY: Partial<Record<NeedDomain, GoalPriority>> = { safety: 'high-priority' };

/**
 * Goal drafts for each open need of a case (identified or being addressed, not resolved) that no open
 * goal of an open plan of the case covers yet, in the order the needs were identified.
 */
export function suggestGoalsFor(caseRecord: Pick<CaseRecord, 'needs'>, plans: readonly Pick<CarePlan, 'status' | 'goals'>[]): GoalSuggestion[] {
  const covered = new Set<NeedDomain>();
  for (const plan of plans) {
    if (!OPEN_PLAN_STATUSES.includes(plan.status)) continue;
    for (const goal of plan.goals) if (OPEN_GOAL_STATUSES.includes(goal.lifecycleStatus)) covered.add(goal.needDomain);
  }
  const suggestions: GoalSuggestion[] = [];
  for (const need of caseRecord.needs) {
    if (need.status === 'resolved' || covered.has(need.domain)) continue;
    covered.add(need.domain);
    suggestions.push({
      needDomain: need.domain,
      description: GOAL_SUGGESTIONS[need.domain],
      priority: SUGGESTED_PRIORITY[need.domain] ?? 'medium-priority',
    });
  }
  return suggestions;
}
