import { OPEN_CASE_STATUSES, type CaseRecord } from './case-schema.js';

/**
 * The one definition of an overdue case: open (not closed, cancelled or entered in error) and its next
 * contact was due before `today`. A closed case's old due date is history, not work.
 */
export function isCaseOverdue(record: Pick<CaseRecord, 'status' | 'nextContactDue'>, today: string): boolean {
  return OPEN_CASE_STATUSES.includes(record.status) && !!record.nextContactDue && record.nextContactDue < today;
}
