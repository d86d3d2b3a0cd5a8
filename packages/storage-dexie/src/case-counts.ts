import { PRIORITIES, PRIORITY_RANK, searchTokens, type CaseGroupField, type NormalizedCaseQuery } from '@casekit/core';
import type { Table } from 'dexie';
import type { Row } from './schema.js';

/*
 * How many cases each (assignee, status, urgency) has, kept in a small table beside the cases and
 * changed in the transaction of every write. A count over an index reads every entry it counts (in
 * Chromium about 7 µs each: the board's list of case managers counted 80,000 entries, 596 ms at
 * 100,000 cases); this table has a few hundred rows whatever the caseload. Assignee, status and urgency
 * are readable fields under encryption (they are caseload index keys already), so it discloses nothing
 * the indexes do not.
 */

/** The hidden table (not a collection: no records, never exported). */
export const CASE_COUNTS_TABLE = 'x_caseCounts';
/** Its Dexie `stores()` spec: keyed by `[assignee, status, urgency]`. */
export const CASE_COUNTS_STORE = 'k';

export type CountKey = [assignee: string, status: string, urgency: number];
export interface CountRow {
  k: CountKey;
  n: number;
}

/** The count key of a stored case row (its small key fields and readable status), or undefined for none. */
export function countKeyOf(row: Row | undefined): CountKey | undefined {
  if (!row) return undefined;
  return [row['q_assignee'] as string, (row.r as { status: string }).status, row['q_urgency'] as number];
}

/** Changes to the counts, gathered over one write and applied once. */
export class CountDeltas {
  private readonly deltas = new Map<string, { key: CountKey; d: number }>();

  /** A case row replaced (`before` undefined for a new case, `after` undefined for a deleted one). */
  move(before: Row | undefined, after: Row | undefined): void {
    this.add(countKeyOf(before), -1);
    this.add(countKeyOf(after), 1);
  }

  add(key: CountKey | undefined, d: number): void {
    if (!key) return;
    const id = JSON.stringify(key);
    const entry = this.deltas.get(id) ?? { key, d: 0 };
    entry.d += d;
    this.deltas.set(id, entry);
  }

  /** Adds the deltas to the table (inside the caller's read-write transaction). */
  async apply(table: Table<CountRow, CountKey>): Promise<void> {
    const changed = [...this.deltas.values()].filter((e) => e.d !== 0);
    if (!changed.length) return;
    const rows = await table.bulkGet(changed.map((e) => e.key));
    const puts: CountRow[] = [];
    const deletes: CountKey[] = [];
    changed.forEach(({ key, d }, i) => {
      const n = (rows[i]?.n ?? 0) + d;
      if (n > 0) puts.push({ k: key, n });
      else deletes.push(key);
    });
    await Promise.all([puts.length && table.bulkPut(puts), deletes.length && table.bulkDelete(deletes)]);
  }
}

/**
 * Whether the table answers `countCases`: the query filters by nothing but assignee, status and
 * priority, and groups by one of them (a board's columns, its priority badges, the list of case managers).
 */
export function countsAnswer(groupBy: CaseGroupField, q: NormalizedCaseQuery): boolean {
  const narrowed = searchTokens(q.text).length > 0 || q.program || q.clientId !== undefined || q.needDomain || q.riskLevel || q.dueOnOrBefore !== undefined;
  return !narrowed && (groupBy === 'assigneeId' || groupBy === 'status' || groupBy === 'priority');
}

/** `countCases` summed from the table's rows (only where `countsAnswer` says it answers). */
export function countsFromTable(rows: readonly CountRow[], groupBy: CaseGroupField, q: NormalizedCaseQuery): Record<string, number> {
  const urgencies = q.priority && new Set(q.priority.map((p) => 3 - PRIORITY_RANK[p]));
  const result: Record<string, number> = {};
  for (const { k: [assignee, status, urgency], n } of rows) {
    if (q.assigneeId !== undefined && assignee !== q.assigneeId) continue;
    if (q.status && !q.status.includes(status as never)) continue;
    if (urgencies && !urgencies.has(urgency)) continue;
    const value = groupBy === 'assigneeId' ? assignee : groupBy === 'status' ? status : PRIORITIES.find((p) => 3 - PRIORITY_RANK[p] === urgency)!;
    result[value] = (result[value] ?? 0) + n;
  }
  return result;
}
