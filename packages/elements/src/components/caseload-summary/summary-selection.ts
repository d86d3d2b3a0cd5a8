import { OPEN_CASE_STATUSES, type CaseloadReport, type CaseStatus, type Priority } from '@casekit/core';
import type { CaseloadFilters } from '../caseload-board/caseload-board.component.js';
import type { SummaryMetric, SummarySelectDetail } from '../../events/events.js';

/**
 * The board filters behind each number of the summary. The report counts within its scope (assignee,
 * program) and only open cases, so every selection carries that scope and the open statuses; the
 * board's query (`filters` + `columns`) then counts exactly what the summary shows.
 */
export function scopeFilters(report: CaseloadReport): CaseloadFilters {
  const { assigneeId, program } = report.range;
  return { ...(assigneeId ? { assigneeId } : {}), ...(program ? { program } : {}) };
}

type Choice =
  | { metric: 'openCases' | 'contactsOverdue' | 'referralsAwaitingOverdue' }
  | { metric: 'byStatus'; key: CaseStatus }
  | { metric: 'byPriority'; key: Priority };

/** The `ck-summary-select` detail for a number of `report`, labelled `label`. */
export function selectionFor(report: CaseloadReport, choice: Choice, label: string): SummarySelectDetail {
  const scope = scopeFilters(report);
  const open = [...OPEN_CASE_STATUSES];
  const base = { metric: choice.metric as SummaryMetric, label };
  switch (choice.metric) {
    case 'openCases':
      return { ...base, count: report.openCases.total, filters: scope, statuses: open };
    case 'contactsOverdue':
      return { ...base, count: report.contactsOverdue, filters: { ...scope, overdue: true }, statuses: open };
    case 'byStatus':
      return { ...base, key: choice.key, count: report.openCases.byStatus[choice.key] ?? 0, filters: scope, statuses: [choice.key] };
    case 'byPriority':
      return { ...base, key: choice.key, count: report.openCases.byPriority[choice.key] ?? 0, filters: { ...scope, priority: choice.key }, statuses: open };
    case 'referralsAwaitingOverdue':
      return { ...base, count: report.referrals.awaitingAcknowledgementOverdue, filters: scope, statuses: [], referrals: 'overdue' };
  }
}
