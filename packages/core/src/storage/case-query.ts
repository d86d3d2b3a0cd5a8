import * as z from 'zod/mini';
import { CalendarDate, NeedDomainSchema } from '../records/common.js';
import { CASE_STATUSES, CaseStatusSchema, PRIORITY_RANK, PrioritySchema, RiskLevelSchema, type CaseRecord, type RiskLevel } from '../case/case-schema.js';
import { matchesTokens, searchTokens } from '../internal/search-tokens.js';
import type { IndexKey } from './storage-port.js';

export const CASE_SORTS = ['dueDate', 'priority', 'risk', 'updatedAt'] as const;

/**
 * The caseload query. Every adapter returns exactly the cases `caseMatches` accepts, in the order of
 * `caseSortKey` (then id), so results do not depend on the engine.
 */
export const CaseQuerySchema = z.object({
  assigneeId: z.optional(z.string().check(z.minLength(1))),
  status: z.optional(z.array(CaseStatusSchema)),
  program: z.optional(z.array(z.string().check(z.minLength(1)))),
  priority: z.optional(z.array(PrioritySchema)),
  riskLevel: z.optional(z.array(RiskLevelSchema)),
  needDomain: z.optional(z.array(NeedDomainSchema)),
  clientId: z.optional(z.string().check(z.minLength(1))),
  /** Next contact due on or before this date (inclusive). Overdue = due before today. */
  dueOnOrBefore: z.optional(CalendarDate),
  /** Words matched (accent- and case-insensitively, as prefixes) against client name, title and tags. */
  text: z.optional(z.string().check(z.maxLength(200))),
  sort: z._default(z.enum(CASE_SORTS), 'dueDate'),
  direction: z._default(z.enum(['asc', 'desc']), 'asc'),
  limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(1000)), 50),
  cursor: z.optional(z.string()),
});
export type CaseQuery = z.input<typeof CaseQuerySchema>;
export type NormalizedCaseQuery = z.output<typeof CaseQuerySchema>;

export const CASE_GROUP_FIELDS = ['status', 'priority', 'program', 'riskLevel', 'assigneeId'] as const;
export type CaseGroupField = (typeof CASE_GROUP_FIELDS)[number];

/** Words of a case that text search matches. */
export function caseSearchTokens(record: Pick<CaseRecord, 'clientName' | 'title' | 'tags'>): string[] {
  return searchTokens([record.clientName, record.title ?? '', ...record.tags].join(' '));
}

export function caseMatches(record: CaseRecord, query: CaseQuery): boolean {
  if (query.assigneeId !== undefined && record.assigneeId !== query.assigneeId) return false;
  if (query.clientId !== undefined && record.clientId !== query.clientId) return false;
  if (query.status && !query.status.includes(record.status)) return false;
  if (query.program && !query.program.includes(record.program)) return false;
  if (query.priority && !query.priority.includes(record.priority)) return false;
  if (query.riskLevel && !query.riskLevel.includes(record.riskLevel)) return false;
  if (query.needDomain && !record.needs.some((need) => query.needDomain!.includes(need.domain) && need.status !== 'resolved')) {
    return false;
  }
  if (query.dueOnOrBefore !== undefined && (!record.nextContactDue || record.nextContactDue > query.dueOnOrBefore)) return false;
  if (query.text) {
    const words = searchTokens(query.text);
    if (words.length && !matchesTokens(caseSearchTokens(record), words)) return false;
  }
  return true;
}

/**
 * Statuses in index-key order, grouped into runs with no other status between them (`[first, last]`
 * each): the open statuses are two ranges of a `[…, status, …]` index, not five.
 */
export function caseStatusRuns(statuses: readonly string[]): [string, string][] {
  const wanted = new Set(statuses);
  const runs: [string, string][] = [];
  let open: [string, string] | undefined;
  for (const status of [...CASE_STATUSES].sort()) {
    if (!wanted.has(status)) {
      open = undefined;
      continue;
    }
    if (open) open[1] = status;
    else runs.push((open = [status, status]));
  }
  return runs;
}

/** Cases with no due date sort after every dated case. */
export const NO_DUE_DATE = '9999-12-31';

/** Risk as it sorts: highest first. */
export const RISK_ORDER: Readonly<Record<RiskLevel, number>> = { high: 0, moderate: 1, low: 2 };

/**
 * Sort key of a case (ascending order; `direction: 'desc'` reverses it). Priority sorts most urgent
 * first, risk highest first, each then by due date.
 */
export function caseSortKey(record: CaseRecord, sort: NormalizedCaseQuery['sort']): IndexKey {
  const due = record.nextContactDue ?? NO_DUE_DATE;
  switch (sort) {
    case 'dueDate':
      return due;
    case 'priority':
      return [3 - PRIORITY_RANK[record.priority], due];
    case 'risk':
      return [RISK_ORDER[record.riskLevel], due];
    case 'updatedAt':
      return record.updatedAt;
  }
}

export function caseGroupValue(record: CaseRecord, field: CaseGroupField): string {
  return record[field] ?? '';
}
