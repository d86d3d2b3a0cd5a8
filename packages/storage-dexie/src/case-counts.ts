import { PRIORITIES, PRIORITY_RANK, searchTokens, type CaseGroupField, type NormalizedCaseQuery } from '@casekit/core';
import type { Dexie, Table } from 'dexie';
import { CASE_COUNTS_TABLE, CASE_TOKENS_FIELD, TOKEN_COUNTS_TABLE, type Row, type StoredKey } from './schema.js';

/*
 * How many cases each (assignee, status, urgency) has, and how many each (search token, status,
 * urgency), kept in two small tables beside the cases and changed in the transaction of every write.
 * A count over an index reads every entry it counts (in Chromium about 7 µs each: the board's list of
 * case managers counted 80,000 entries, 596 ms at 100,000 cases; the word "nguy" 8,000 before a search
 * could choose its plan); these tables have a few hundred and a few thousand rows whatever the
 * caseload. Assignee, status, urgency and the search tokens are readable under encryption (they are
 * index keys already), so the tables disclose nothing the indexes do not.
 */

/** `[assignee, status, urgency]` in the case counts, `[token, status, urgency]` in the token counts. */
export type CountKey = [lead: string, status: string, urgency: number];
export interface CountRow {
  k: CountKey;
  n: number;
}

/** The count key of a stored case row (its small key fields and readable status), or undefined for none. */
export function countKeyOf(row: Row | undefined): CountKey | undefined {
  if (!row) return undefined;
  return [row['q_assignee'] as string, (row.r as { status: string }).status, row['q_urgency'] as number];
}

/**
 * The token count keys of a stored case row: one per distinct search token, from its stored `tokens`
 * entries (`[token, status, urgency, due, id]`, plaintext under encryption too). Each is one entry of
 * the `tokens` index, so a word's counts add up to what counting its index range would give.
 */
export function tokenCountKeysOf(row: Row | undefined): CountKey[] {
  const entries = (row?.[CASE_TOKENS_FIELD] as StoredKey[] | undefined) ?? [];
  const seen = new Map<string, CountKey>();
  for (const [token, status, urgency] of entries) seen.set(String(token), [String(token), String(status), Number(urgency)]);
  return [...seen.values()];
}

/** Changes to one table of counts, gathered over one write and applied once. */
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

/** Changes to both tables over one write of cases. */
export class CaseCountDeltas {
  private readonly cases = new CountDeltas();
  private readonly tokens = new CountDeltas();

  /** A case row replaced (`before` undefined for a new case, `after` undefined for a deleted one). */
  move(before: Row | undefined, after: Row | undefined): void {
    this.cases.move(before, after);
    for (const key of tokenCountKeysOf(before)) this.tokens.add(key, -1);
    for (const key of tokenCountKeysOf(after)) this.tokens.add(key, 1);
  }

  /** Adds the changes to both tables (inside the caller's read-write transaction, which holds both). */
  async apply(db: Dexie): Promise<void> {
    await Promise.all([this.cases.apply(db.table(CASE_COUNTS_TABLE)), this.tokens.apply(db.table(TOKEN_COUNTS_TABLE))]);
  }
}

/** The tables a write of cases changes besides the cases. */
export const COUNT_TABLES: readonly string[] = [CASE_COUNTS_TABLE, TOKEN_COUNTS_TABLE];

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
