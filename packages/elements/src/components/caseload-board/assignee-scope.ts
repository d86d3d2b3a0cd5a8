import type { CaseManager, CaseRecord } from '@casekit/core';
import type { CaseloadFilters } from '../../events/caseload-filters.js';

/**
 * Whether the policy lets this actor see the caseload of `assigneeId`: the very check core makes
 * before a caseload query or count with that assignee, so an assignee offered is a query allowed.
 */
export function mayViewAssignee(manager: CaseManager, assigneeId: string): boolean {
  const scope = { assigneeId, careTeam: [] } as unknown as CaseRecord;
  return manager.can({ action: 'read', collection: 'cases', record: { assigneeId }, case: scope });
}

/**
 * The assignees the case-manager filter may offer, in order: those the actor may view — none when
 * that leaves only the actor, whose own caseload is what the board shows without a filter.
 */
export function offeredAssignees(manager: CaseManager, candidates: readonly string[]): string[] {
  const allowed = [...new Set(candidates)].filter((id) => mayViewAssignee(manager, id));
  return allowed.some((id) => id !== manager.actor.id) ? allowed : [];
}

/** `filters` without an assignee the actor may not view (the same object when nothing is dropped). */
export function filtersInScope(manager: CaseManager, filters: CaseloadFilters): CaseloadFilters {
  if (!filters.assigneeId || mayViewAssignee(manager, filters.assigneeId)) return filters;
  const { assigneeId: _dropped, ...rest } = filters;
  return rest;
}
