import type { CaseRecord } from '../../case/case-schema.js';
import { searchTokens } from '../../internal/search-tokens.js';
import { NO_DUE_DATE, caseGroupValue, caseMatches, caseSortKey, type CaseGroupField, type NormalizedCaseQuery } from '../case-query.js';
import { compareKeys, decodeCursor, encodeCursor } from '../keys.js';
import { compareEntries, pageOf, type KeyedEntry } from '../paging.js';
import type { IndexKey, Page, StoredRecord } from '../storage-port.js';
import { blockOf, isSearchableKey, type CollectionIndexes } from './collection-indexes.js';
import type { CasePartitions } from './case-partitions.js';
import { mergeRuns, type Run } from './merge-walk.js';

/** Everything the caseload query reads: the cases table, its declared indexes and the partitions. */
export interface CaseIndexes {
  table: Map<string, StoredRecord>;
  declared: CollectionIndexes;
  partitions: CasePartitions;
}

/** Below this many cases matching a search word, filtering them beats walking a sorted partition. */
const TEXT_CANDIDATES = 2000;
/** A word matching more cases than this is not worth intersecting with another (its ids cost more). */
const TEXT_INTERSECT = 60_000;
/** Selected partitions holding at most this many cases are sorted whole rather than walked. */
const PARTITION_CANDIDATES = 2000;
/** Fewer candidates than this are checked one by one rather than narrowed by another word. */
const INTERSECT_ABOVE = 256;

const asCase = (record: StoredRecord) => record as unknown as CaseRecord;

/**
 * The caseload query from the indexes, with `caseMatches` and `caseSortKey` deciding as in a scan:
 * - one client's cases, or the few a search matches: those candidates, filtered and sorted;
 * - otherwise the partitions the assignee/status/priority filters select, merged in sort order
 *   (a due-date bound cuts each short) and checked by `caseMatches` until a page is full; sorted by
 *   update time, a walk of the `updatedAt` index instead (or the partitions' cases, when few).
 * Returns stored records; the caller copies them.
 */
export function queryCasesIndexed(ix: CaseIndexes, q: NormalizedCaseQuery): Page<StoredRecord> {
  const reverse = q.direction === 'desc';
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  if (mustScan(ix) || (after && !isSearchableKey(after.key))) return pageOfCandidates(ix, q, ix.table.keys());
  const few = candidates(ix, q, TEXT_CANDIDATES);
  if (few) return pageOfCandidates(ix, q, few.ids, few.query);

  const sortKey = (id: string) => caseSortKey(asCase(ix.table.get(id)!), q.sort);
  const ordered = orderedRuns(ix, q);
  if (!ordered) return pageOfCandidates(ix, q, partitionRuns(ix, q).flatMap((run) => run.list.idsBetween(run.from, run.to)));
  const runs = ordered.map((run) => {
    if (!after) return run;
    const c = (key: IndexKey, id: string) => compareEntries({ key: sortKey(id), id }, after);
    const position = run.list.rank(reverse ? (k, id) => (c(k, id) < 0 ? -1 : 0) : (k, id) => (c(k, id) <= 0 ? -1 : 0));
    return reverse ? { ...run, to: Math.min(run.to, position) } : { ...run, from: Math.max(run.from, position) };
  });
  const found: { key: IndexKey; record: StoredRecord }[] = [];
  mergeRuns(runs, reverse, sortKey, q.limit + 1, (id, key) => {
    const record = ix.table.get(id)!;
    if (caseMatches(asCase(record), q)) found.push({ key, record });
    return found.length <= q.limit;
  });
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((entry) => entry.record),
    ...(found.length > q.limit && last ? { nextCursor: encodeCursor({ key: last.key, id: last.record.id }) } : {}),
  };
}

/** Grouped counts of matching cases, from counters when the filters allow, else over the fewest cases. */
export function countCasesIndexed(ix: CaseIndexes, groupBy: CaseGroupField, q: NormalizedCaseQuery): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (value: string, n: number) => (counts[value] = (counts[value] ?? 0) + n);
  const hasText = searchTokens(q.text).length > 0;
  if (mustScan(ix)) {
    countEach(ix, q, groupBy, ix.table.keys(), add);
  } else if (!q.needDomain && q.dueOnOrBefore === undefined && q.clientId === undefined && !hasText && !q.program && !q.riskLevel && byPartitionField(groupBy)) {
    // Only partition fields filtered and grouped: partition sizes answer (fewer than the combinations).
    for (const { sample, byDue } of partitionSet(ix, q, groupBy).partitions.values()) {
      if (caseMatches(sample as CaseRecord, q)) add(caseGroupValue(sample as CaseRecord, groupBy), byDue.size);
    }
  } else if (!q.needDomain && q.dueOnOrBefore === undefined && q.clientId === undefined && !hasText) {
    // Only the five grouping fields are filtered: the counters of their combinations answer.
    for (const { sample, count } of ix.partitions.combinations.values()) {
      if (caseMatches(sample as CaseRecord, q)) add(caseGroupValue(sample as CaseRecord, groupBy), count);
    }
  } else if (onlyDueBound(q, hasText) && byPartitionField(groupBy) && q.dueOnOrBefore! < NO_DUE_DATE) {
    // Due on or before a date, grouped by a partition field: a position in each partition's due list.
    const due = q.dueOnOrBefore!;
    for (const partition of partitionSet(ix, q, groupBy).partitions.values()) {
      if (!caseMatches(partition.sample as CaseRecord, partitionQuery(q))) continue;
      const n = partition.byDue.rank((key) => (compareKeys(key, due) <= 0 ? -1 : 0));
      if (n) add(caseGroupValue(partition.sample as CaseRecord, groupBy), n);
    }
  } else {
    const few = candidates(ix, q, Infinity);
    if (few) countEach(ix, few.query, groupBy, few.ids, add);
    else for (const run of partitionRuns(ix, q)) countEach(ix, q, groupBy, run.list.idsBetween(run.from, run.to), add);
  }
  return counts;
}

/** A malformed case is stored (out of the partitions, or of an index): only checking every case is exact. */
const mustScan = (ix: CaseIndexes) => ix.partitions.irregular > 0 || ix.declared.unkeyableCount > 0;

const byPartitionField = (field: CaseGroupField) => field === 'assigneeId' || field === 'status' || field === 'priority';

function onlyDueBound(q: NormalizedCaseQuery, hasText: boolean): boolean {
  return q.dueOnOrBefore !== undefined && !q.needDomain && q.clientId === undefined && !hasText && !q.program && !q.riskLevel;
}

function countEach(ix: CaseIndexes, q: NormalizedCaseQuery, groupBy: CaseGroupField, ids: Iterable<string>, add: (value: string, n: number) => void): void {
  for (const id of ids) {
    const c = asCase(ix.table.get(id)!);
    if (caseMatches(c, q)) add(caseGroupValue(c, groupBy), 1);
  }
}

/** The filters a partition answers for by itself (every case in it has these values). */
function partitionQuery(q: NormalizedCaseQuery): NormalizedCaseQuery {
  return { sort: q.sort, direction: q.direction, limit: q.limit, assigneeId: q.assigneeId, status: q.status, priority: q.priority };
}

/**
 * The runs to merge for a page, in the query's order; undefined when the selected partitions hold so
 * few cases that sorting them all is cheaper. Partitions are by due date: sorted by update time, the
 * page comes from one walk of the declared `updatedAt` index (the same order), checking each case.
 */
function orderedRuns(ix: CaseIndexes, q: NormalizedCaseQuery): Run[] | undefined {
  const runs = partitionRuns(ix, q);
  // Partitions hold one assignee, status and priority but any risk: by risk, their cases are sorted whole.
  if (q.sort === 'risk') return undefined;
  if (q.sort !== 'updatedAt') return runs;
  if (runs.reduce((n, run) => n + run.to - run.from, 0) <= PARTITION_CANDIDATES) return undefined;
  const list = ix.declared.index('updatedAt').list;
  return [{ list, from: 0, to: list.size }];
}

/** The selected partitions' due lists, cut at the due-date bound (nothing due later can match). */
function partitionRuns(ix: CaseIndexes, q: NormalizedCaseQuery): Run[] {
  const due = q.dueOnOrBefore;
  const own = partitionQuery(q);
  const runs: Run[] = [];
  for (const { sample, byDue } of partitionSet(ix, q).partitions.values()) {
    if (!caseMatches(sample as CaseRecord, own)) continue;
    const to = due !== undefined ? byDue.rank((key) => (compareKeys(key, due) <= 0 ? -1 : 0)) : byDue.size;
    if (to > 0) runs.push({ list: byDue, from: 0, to });
  }
  return runs;
}

/** With an assignee (or grouping by one), the assignee's partitions; else the 32 across the team. */
function partitionSet(ix: CaseIndexes, q: NormalizedCaseQuery, groupBy?: CaseGroupField) {
  return q.assigneeId !== undefined || groupBy === 'assigneeId' ? ix.partitions.byAssignee : ix.partitions.byStatus;
}

/**
 * A small superset of the matches when the query names a client or has search words that few cases
 * match (the rarest word's cases, intersected with the other words' while that is still many);
 * undefined when walking the partitions is better. `query` is what each candidate still has to pass:
 * without the text when every word was checked through the token index (which holds exactly the
 * `caseSearchTokens` that `caseMatches` would compute for each candidate, at some cost).
 */
function candidates(ix: CaseIndexes, q: NormalizedCaseQuery, most: number): { ids: string[]; query: NormalizedCaseQuery } | undefined {
  if (q.clientId !== undefined) {
    const list = ix.declared.index('clientId+status').list;
    return { ids: distinct(list.idsBetween(...blockOf(list, { index: 'clientId+status', prefix: [q.clientId] }))), query: q };
  }
  const words = searchTokens(q.text);
  if (!words.length) return undefined;
  const tokens = ix.declared.index('tokens').list;
  const blocks = words
    .map((word) => blockOf(tokens, { index: 'tokens', range: { gte: word, lt: `${word}\uffff` } }))
    .sort((a, b) => a[1] - a[0] - (b[1] - b[0]));
  const size = ([from, to]: [number, number]) => to - from;
  const [rarest, next] = blocks;
  // Too many for candidates, and no second word few enough to narrow them: walk instead.
  if (size(rarest!) > most && (!next || size(next) > TEXT_INTERSECT || size(rarest!) > TEXT_INTERSECT)) return undefined;
  let ids = distinct(tokens.idsBetween(...rarest!));
  let checked = 1;
  for (const block of blocks.slice(1)) {
    // Intersecting costs a set of the word's ids; checking a candidate's text costs its tokens.
    if (ids.length <= INTERSECT_ABOVE || size(block) > TEXT_INTERSECT) break;
    const other = new Set(tokens.idsBetween(...block));
    ids = ids.filter((id) => other.has(id));
    checked++;
  }
  if (ids.length > most) return undefined;
  return { ids, query: checked === blocks.length ? { ...q, text: undefined } : q };
}

function distinct(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** The scan's way (filter, sort, page) over a set of candidate ids; `test` is `q` or what is left of it. */
function pageOfCandidates(ix: CaseIndexes, q: NormalizedCaseQuery, ids: Iterable<string>, test = q): Page<StoredRecord> {
  const entries: KeyedEntry<StoredRecord>[] = [];
  for (const id of ids) {
    const record = ix.table.get(id)!;
    const c = asCase(record);
    if (caseMatches(c, test)) entries.push({ key: caseSortKey(c, q.sort), id: c.id, value: record });
  }
  entries.sort(compareEntries);
  return pageOf(entries, { reverse: q.direction === 'desc', cursor: q.cursor, limit: q.limit });
}
