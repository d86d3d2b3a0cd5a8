import {
  CASE_STATUSES,
  caseStatusRuns,
  PRIORITY_RANK,
  caseGroupValue,
  caseMatches,
  caseSortKey,
  compareEntries,
  compareKeys,
  decodeCursor,
  encodeCursor,
  pageOf,
  searchTokens,
  type CaseGroupField,
  type CaseRecord,
  type IndexKeyPart,
  type KeyedEntry,
  type NormalizedCaseQuery,
  type Page,
} from '@casekit/core';
import { CASE_QUERY_INDEXES, rowCaseTokens, rowNeedDomains, storedIndex, withId, type Row, type StoredIndex } from './schema.js';
import { AFTER, IdFilteredWalk, RangeWalk, continueAfter, cursorKey, prefixBounds, type KeyBounds, type RangeReader, type Walk } from './key-ranges.js';
import { TEXT_PLAN_LIMITS, countWords, countWordsFromIndex, textOrderedPlan, tokensIndex, type TextPlanLimits } from './text-plan.js';
import { coreIndex, countPerGroup, orderedPlan, product, type OrderedPlan, type OrderedRange } from './plan-ranges.js';

/**
 * How a caseload query is answered from the indexes.
 * - `ordered`: walk an index whose keys are `[...equality prefix, ...sort key, id]`, one range per
 *   combination of filter values, merged in result order; other predicates are checked on each row
 *   (residual filter) and the walk stops after one page. Paging continues after the cursor's key.
 *   With `keep`, a row is read only when every set lists its id (a search's other words).
 * - `candidates`: a small candidate set (one client's cases, or the cases a search word prefixes),
 *   filtered and sorted in memory.
 * - `ids`: the cases every search word prefixes, found by intersecting the words' index entries
 *   (ids only, no rows) when each word alone matches too many; then as `candidates`.
 */
export type CasePlan =
  | OrderedPlan
  | { kind: 'candidates'; index: StoredIndex; bounds: KeyBounds }
  | { kind: 'ids'; ids: string[] };

export { TEXT_PLAN_LIMITS, type OrderedRange, type TextPlanLimits };

export async function chooseCasePlan(reader: RangeReader, q: NormalizedCaseQuery, limits: TextPlanLimits = TEXT_PLAN_LIMITS): Promise<CasePlan> {
  if (q.clientId !== undefined) return { kind: 'candidates', index: coreIndex('clientId+status'), bounds: prefixBounds([q.clientId]) };
  if (q.sort === 'risk' && q.assigneeId !== undefined) return { kind: 'candidates', index: CASE_QUERY_INDEXES.assigneeStatusUrgency, bounds: prefixBounds([q.assigneeId]) };
  const words = await countWords(reader, q);
  if (words.length) {
    const [rarest] = words;
    if (!rarest!.count) return { kind: 'ids', ids: [] };
    // The board's orders: walk the rarest word's entries (which carry the sort key) or the caseload.
    const walk = await textOrderedPlan(reader, q, words, limits);
    if (walk) return walk;
    const index = tokensIndex();
    if (rarest!.count <= limits.candidates) return { kind: 'candidates', index, bounds: rarest!.bounds };
    // "aisha okaf" at 100,000 cases: each word matches thousands, both only a few. Without this the
    // walk below reads every case looking for a page of rare matches.
    const intersectable = words.filter((word) => word.count <= limits.intersect);
    if (intersectable.length >= 2) {
      let ids = await reader.ids(index.field, intersectable[0]!.bounds);
      for (const word of intersectable.slice(1)) {
        const next = await reader.ids(index.field, word.bounds);
        ids = new Set([...ids].filter((id) => next.has(id)));
        if (!ids.size) break;
      }
      if (ids.size <= limits.candidates) return { kind: 'ids', ids: [...ids] };
    }
  }
  return orderedPlan(q);
}


/**
 * `caseMatches` on a stored row, without decrypting it. An encrypted row lacks the client name, title,
 * tags and needs; text then matches the row's stored search words, and a need domain the domains in
 * its need index (the domains of its unresolved needs: what `caseMatches` tests).
 */
export function rowMatches(row: Row, q: NormalizedCaseQuery, hasText: boolean): boolean {
  const record = row.r as unknown as CaseRecord;
  // Text matches the client name, title and tags: when any is encrypted, match the stored words of all three.
  const noText = hasText && (record.clientName === undefined || record.tags === undefined);
  const noNeeds = q.needDomain !== undefined && record.needs === undefined;
  if (!noText && !noNeeds) return caseMatches(record, q);
  return caseMatches(
    {
      ...record,
      ...(noText ? { clientName: rowCaseTokens(row).join(' '), title: undefined, tags: [] } : {}),
      ...(noNeeds ? { needs: rowNeedDomains(row).map((domain) => ({ domain, source: 'manual' as const, identifiedAt: record.openedAt, status: 'identified' as const })) } : {}),
    },
    q,
  );
}

export interface PlanResult {
  rows: Row[];
  nextCursor?: string;
}

/**
 * Runs a plan. `limit` is the page size, or `Infinity` to collect every match (counting); `cursor`
 * continues a previous page.
 */
export async function runCasePlan(reader: RangeReader, plan: CasePlan, q: NormalizedCaseQuery, limit: number): Promise<PlanResult> {
  const hasText = searchTokens(q.text).length > 0;
  const reverse = q.direction === 'desc';
  if (plan.kind !== 'ordered') {
    const rows = plan.kind === 'ids' ? await reader.byIds(plan.ids) : await reader.rows(plan.index.field, plan.bounds, { reverse: false, limit: Infinity });
    const seen = new Set<string>();
    const entries: KeyedEntry<Row>[] = [];
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      if (rowMatches(row, q, hasText)) entries.push({ key: caseSortKey(row.r as unknown as CaseRecord, q.sort), id: row.id, value: row });
    }
    entries.sort(compareEntries);
    const page = pageOf(entries, { reverse, cursor: q.cursor, limit: limit === Infinity ? undefined : limit });
    return { rows: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  const sortParts = (row: Row): IndexKeyPart[] => {
    const key = caseSortKey(row.r as unknown as CaseRecord, q.sort);
    return Array.isArray(key) ? key : [key];
  };
  const fixed = plan.fixed ?? 0;
  const want = limit === Infinity ? Infinity : limit + 1;
  // A residual filter expected to pass a share `density` of the rows: that many more rows are read.
  const share = want / Math.max(plan.density ?? 1, 1e-3);
  const keep = plan.keep ?? [];
  const ranges = q.cursor ? rangesAfter(plan, q.cursor, reverse) : plan.ranges;
  const starts = ranges.map(({ base, bounds, whole }) => (q.cursor && !whole ? continueAfter(bounds, cursorKey(base, q.cursor, fixed), reverse) : bounds));
  // Known sizes are of the plan's ranges (a cursor may leave some out): then they are counted.
  const counting = ranges.length > 1 && want !== Infinity && share >= want * 4;
  const sizes = ranges === plan.ranges ? (plan.sizes ?? (counting ? await caseloadSizes(reader, plan, q) : undefined)) : undefined;
  const batches = await firstBatches(reader, { ...plan, ranges, sizes }, starts, want, share);
  const walks = ranges.map(({ base }, i) => {
    const start = starts[i]!;
    const walk: Walk = keep.length
      ? new IdFilteredWalk(reader, plan.index.field, start, reverse, keep, batches[i]!)
      : new RangeWalk(reader, plan.index.field, start, reverse, (row) => [...base, ...sortParts(row).slice(fixed), row.id], batches[i]!);
    return { walk, head: undefined as Row | undefined };
  });
  const order = (a: Row, b: Row) => {
    const c = compareKeys(withId(sortParts(a), a.id), withId(sortParts(b), b.id));
    return reverse ? -c : c;
  };
  const rows: Row[] = [];
  let lastId: string | undefined;
  await Promise.all(walks.map((entry) => entry.walk.peek()));
  while (rows.length < want) {
    // k-way merge: the smallest head among the ranges comes next.
    let best: { walk: Walk; head: Row | undefined } | undefined;
    for (const entry of walks) {
      const buffered = entry.walk.current();
      entry.head = buffered === null ? await entry.walk.peek() : buffered;
      if (entry.head && (!best?.head || order(entry.head, best.head) < 0)) best = entry;
    }
    if (!best?.head) break;
    best.walk.next();
    const row = best.head;
    // A case with several matching need domains sits in several ranges at the same position.
    if (row.id === lastId) continue;
    lastId = row.id;
    if (rowMatches(row, q, hasText)) rows.push(row);
  }
  if (rows.length <= limit) return { rows };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1]!;
  return { rows: page, nextCursor: encodeCursor({ key: caseSortKey(last.r as unknown as CaseRecord, q.sort), id: last.id }) };
}

/**
 * The ranges a page after `cursor` continues in. When the base fixes leading sort-key parts (by risk,
 * the risk level), a range ordered wholly before the cursor's is done, one wholly after it starts from
 * its beginning, and only the cursor's own continues after the cursor's key.
 */
function rangesAfter(plan: OrderedPlan, cursor: string, reverse: boolean): OrderedRange[] {
  const fixed = plan.fixed ?? 0;
  if (!fixed || !plan.fixedOf) return plan.ranges;
  const key = decodeCursor(cursor).key;
  const head = (Array.isArray(key) ? key : [key]).slice(0, fixed);
  return plan.ranges.flatMap((range) => {
    const c = compareKeys(plan.fixedOf!(range.base), head) * (reverse ? -1 : 1);
    if (c < 0) return [];
    return c === 0 ? [range] : [{ ...range, bounds: range.bounds, whole: true }];
  });
}

/**
 * The sizes of a caseload plan's ranges from the case counts (kept on write), when its ranges are
 * whole runs of `[assignee,] status[, urgency]` (no due-date bound): the walk need not count them.
 */
async function caseloadSizes(reader: RangeReader, plan: OrderedPlan, q: NormalizedCaseQuery): Promise<number[] | undefined> {
  const byAssignee = plan.index === CASE_QUERY_INDEXES.assigneeStatusUrgency;
  if ((!byAssignee && plan.index !== CASE_QUERY_INDEXES.statusUrgency) || q.dueOnOrBefore !== undefined || q.cursor) return undefined;
  const rows = await reader.caseCounts(byAssignee ? q.assigneeId : undefined);
  return plan.ranges.map(({ bounds }) => {
    const prefix = bounds.lower as IndexKeyPart[];
    return rows.reduce((sum, { k, n }) => (prefix.every((part, i) => (byAssignee ? k[i] : k[i + 1]) === part) ? sum + n : sum), 0);
  });
}

/**
 * How many rows each range reads first. One range: exactly a page (plus one row to know whether more
 * follow). Several: an even share each (plus slack), refilled in growing batches as the merge drains
 * them. When many rows must be read to fill a page (a residual filter passes few), the share follows
 * each range's size instead: ranges of one status and urgency differ a hundredfold, and refilling the
 * dense ones one after another cost more than counting them all at once.
 */
async function firstBatches(reader: RangeReader, plan: OrderedPlan, starts: readonly KeyBounds[], want: number, share: number): Promise<number[]> {
  const ranges = plan.ranges.length;
  if (want === Infinity) return starts.map(() => 500);
  if (ranges === 1) return [Math.min(2000, Math.ceil(share))];
  // Sizes the plan knows (kept on write) are free: the reads follow them whatever the share.
  if (share < want * 4 && !plan.sizes) return starts.map(() => Math.ceil(share / ranges) + 2);
  const sizes = plan.sizes ?? (await Promise.all(starts.map((bounds) => reader.count(plan.index.field, bounds))));
  const all = sizes.reduce((sum, n) => sum + n, 0) || 1;
  return sizes.map((n) => Math.min(2000, Math.ceil((share * n) / all) + 2));
}

/**
 * Counts for a board's column headers straight from the indexes, without reading a case: when the query
 * filters by at most one of assignee, need domain or risk level, besides status, priority, a due-date
 * bound or search words, and groups by status or priority (or lists assignees). Undefined otherwise.
 */
export async function countFromIndex(reader: RangeReader, groupBy: CaseGroupField, q: NormalizedCaseQuery, limits: TextPlanLimits = TEXT_PLAN_LIMITS): Promise<Record<string, number> | undefined> {
  if (q.program !== undefined || q.clientId !== undefined) return undefined;
  if (searchTokens(q.text).length) {
    const onlyWords = q.needDomain === undefined && q.riskLevel === undefined && q.dueOnOrBefore === undefined;
    return onlyWords && (groupBy === 'status' || groupBy === 'priority') ? countWordsFromIndex(reader, groupBy, q, limits) : undefined;
  }
  if (groupBy === 'assigneeId') return q.needDomain ?? q.riskLevel ?? q.dueOnOrBefore ? undefined : countByAssignee(reader, q);
  if (groupBy !== 'status' && groupBy !== 'priority') return undefined;
  const lead = countingIndex(q);
  if (!lead) return undefined;
  return countPerGroup(reader, groupBy, q, { field: lead.index.field, values: lead.values, multi: lead.multi });
}

/** The caseload index a count walks, and the equality prefixes before status (one per filter value). */
function countingIndex(q: NormalizedCaseQuery): { index: StoredIndex; values: IndexKeyPart[][]; multi: boolean } | undefined {
  const narrowing = [q.assigneeId, q.needDomain, q.riskLevel].filter((f) => f !== undefined).length;
  if (narrowing > 1) return undefined;
  if (q.assigneeId !== undefined) return { index: CASE_QUERY_INDEXES.assigneeStatusUrgency, values: [[q.assigneeId]], multi: false };
  if (q.needDomain) return { index: CASE_QUERY_INDEXES.needStatusUrgency, values: q.needDomain.map((d) => [d]), multi: true };
  if (q.riskLevel) return { index: CASE_QUERY_INDEXES.riskStatusUrgency, values: q.riskLevel.map((r) => [r]), multi: false };
  return { index: CASE_QUERY_INDEXES.statusUrgency, values: [[]], multi: false };
}

/**
 * Counts per assignee (the board's list of case managers): the assignees by a skip-scan of the
 * assignee index, then one native count per assignee and status (and priority) — never a read of every
 * case, which took 4.9 s at 100,000 cases.
 */
async function countByAssignee(reader: RangeReader, q: NormalizedCaseQuery): Promise<Record<string, number>> {
  const index = CASE_QUERY_INDEXES.assigneeStatusUrgency;
  const assignees = q.assigneeId !== undefined ? [q.assigneeId] : ((await reader.firstParts(index.field)) as string[]);
  const statuses = q.status ?? [...CASE_STATUSES];
  const urgencies = q.priority?.map((p) => 3 - PRIORITY_RANK[p]);
  const result: Record<string, number> = {};
  await Promise.all(
    assignees.map(async (assignee) => {
      // Without a status or priority filter one range holds all of the assignee's cases; with statuses
      // only, one range per run of statuses next to each other in key order (the open ones are two).
      const ranges = urgencies
        ? product([assignee], statuses, urgencies).map((prefix) => prefixBounds(prefix))
        : q.status
          ? caseStatusRuns(q.status).map(([first, last]) => ({ lower: [assignee, first], upper: [assignee, last, AFTER], lowerOpen: false, upperOpen: true }))
          : [prefixBounds([assignee])];
      const counts = await Promise.all(ranges.map((bounds) => reader.count(index.field, bounds)));
      const n = counts.reduce((sum, c) => sum + c, 0);
      if (n) result[assignee] = n;
    }),
  );
  return result;
}

/** Groups collected rows (the general case of `countCases`). */
export function groupRows(rows: readonly Row[], groupBy: CaseGroupField): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const value = caseGroupValue(row.r as unknown as CaseRecord, groupBy);
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}
