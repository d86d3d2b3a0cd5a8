import type { NeedDomain, Priority, RiskLevel } from '@casekit/core';

// The caseload's view state: the board edits it and `ck-filter-change` reports it, so it lives
// here, below both, rather than in the board component that every element's events would import.

/** Filters a user (or the host) applies to the caseload. Unset means "any". */
export interface CaseloadFilters {
  assigneeId?: string;
  program?: string;
  priority?: Priority;
  riskLevel?: RiskLevel;
  needDomain?: NeedDomain;
  /** Only cases whose next contact date has passed. */
  overdue?: boolean;
  /** Words matched against client name, case title and tags. */
  text?: string;
}

export type CaseloadView = 'board' | 'list';
export type CaseloadGroupBy = 'status' | 'priority';
export type CaseloadSort = 'dueDate' | 'priority' | 'risk' | 'updatedAt';
