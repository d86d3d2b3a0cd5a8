import { CASE_STATUSES, PRIORITIES, PRIORITY_RANK, searchTokens, type IndexKeyPart, type NormalizedCaseQuery } from '@casekit/core';
import type { CountRow } from './case-counts.js';
import { CASE_QUERY_INDEXES, storedIndex, type StoredIndex } from './schema.js';
import { prefixBounds, type KeyBounds, type RangeReader } from './key-ranges.js';
import { countPerGroup, orderedPlan, orderedRange, product, urgenciesOf, wordBounds, type OrderedPlan } from './plan-ranges.js';

export interface TextPlanLimits {
  /** Above this many cases matching a search, walking a sorted index with a residual text check is cheaper. */
  candidates: number;
  /** A word matching more cases than this is not worth intersecting (its ids cost more than the walk). */
  intersect: number;
  /** A search word that prefixes more distinct words than this is walked as a residual filter instead. */
  tokens: number;
}
export const TEXT_PLAN_LIMITS: TextPlanLimits = { candidates: 3000, intersect: 60_000, tokens: 8 };

/**
 * One search word: the index range of the tokens it prefixes, how many entries that holds, the tokens
 * it prefixes (in key order) and its rows of the token counts.
 */
export interface CountedWord {
  bounds: KeyBounds;
  count: number;
  tokens: string[];
  cells: CountRow[];
}

/**
 * The query's search words, rarest first (the word with the fewest entries narrows most), each with
 * its range in the `tokens` index. Read from the token counts, never by counting index entries (a
 * count reads every entry it counts: "nguy" was 8,000 entries, about 56 ms, before any case was read).
 */
export async function countWords(reader: RangeReader, q: NormalizedCaseQuery): Promise<CountedWord[]> {
  const words = [...new Set(searchTokens(q.text))];
  const counted = await Promise.all(
    words.map(async (word): Promise<CountedWord> => {
      const bounds = wordBounds(word);
      const cells = await reader.tokenCounts(bounds);
      return { bounds, cells, count: cells.reduce((sum, cell) => sum + cell.n, 0), tokens: [...new Set(cells.map((cell) => cell.k[0]))] };
    }),
  );
  return counted.sort((a, b) => a.count - b.count);
}

/**
 * What a row costs against a listed id, as measured in Chromium at 100,000 cases: reading a row of a
 * range (`getAll`) about 35 µs, listing an id of a range from the index alone (`getAllKeys`) about
 * 3 µs. The plan below weighs the two for a page.
 */
const ROW_COST = 35;
const ID_COST = 3;

/** A filter the walk can check by id (its entries' ids listed) or on each row it reads. */
interface Filter {
  count: number;
  field: string;
  bounds: KeyBounds;
}

/**
 * An ordered walk for a text search in the board's orders (due date, priority). It is driven by the
 * rarest of the rarest word and the assignee:
 * - the word: the `tokens` index holds `[token, status, urgency, due, id]`, so one range per token the
 *   word prefixes, per status (and urgency, for due dates) is already in result order (when the word
 *   prefixes at most `limits.tokens` distinct tokens);
 * - the assignee: the caseload index, as without text.
 * Either way the walk stops after a page. Each other filter (words, assignee) is checked by id before
 * any row is read, or on each row read, whichever the cost model says is cheaper for a page; the
 * share of rows expected to pass the row checks sizes the first batches. Undefined when no plan applies.
 */
export async function textOrderedPlan(reader: RangeReader, q: NormalizedCaseQuery, words: readonly CountedWord[], limits: TextPlanLimits): Promise<OrderedPlan | undefined> {
  if ((q.sort !== 'dueDate' && q.sort !== 'priority') || !words.length) return undefined;
  const index = tokensIndex();
  const [rarest, ...others] = words;
  const assigneeIndex = CASE_QUERY_INDEXES.assigneeStatusUrgency.field;
  const tokens = rarest!.tokens;
  const [total, assigneeCount] = await Promise.all([
    reader.total(),
    // The caseload's size from the case counts (kept on write), not by counting its entries.
    q.assigneeId === undefined ? undefined : reader.caseCounts(q.assigneeId).then((rows) => rows.reduce((sum, row) => sum + row.n, 0)),
  ]);
  const wordFilter = (word: CountedWord): Filter => ({ count: word.count, field: index.field, bounds: word.bounds });
  const assigneeFilter: Filter | undefined = assigneeCount === undefined ? undefined : { count: assigneeCount, field: assigneeIndex, bounds: prefixBounds([q.assigneeId!]) };
  const drivers: { count: number; plan: () => OrderedPlan; filters: Filter[] }[] = [];
  if (tokens.length <= limits.tokens) {
    drivers.push({ count: rarest!.count, plan: () => wordRanges(q, rarest!), filters: [...others.map(wordFilter), ...(assigneeFilter ? [assigneeFilter] : [])] });
  }
  if (assigneeFilter) drivers.push({ count: assigneeFilter.count, plan: () => orderedPlan(q), filters: words.map(wordFilter) });
  let best: { cost: number; driver: (typeof drivers)[number]; byId: Filter[]; density: number } | undefined;
  for (const driver of drivers) {
    for (const byId of subsets(driver.filters.filter((f) => f.count <= limits.intersect))) {
      const density = driver.filters.filter((f) => !byId.includes(f)).reduce((d, f) => d * Math.min(1, f.count / Math.max(1, total)), 1);
      const rows = Math.min(driver.count, (q.limit + 1) / Math.max(density, 1e-6));
      const ids = byId.length ? driver.count + byId.reduce((sum, f) => sum + f.count, 0) : 0;
      const cost = ROW_COST * rows + ID_COST * ids;
      if (!best || cost < best.cost) best = { cost, driver, byId, density };
    }
  }
  if (!best) return undefined;
  const keep = await Promise.all(best.byId.map((f) => reader.ids(f.field, f.bounds)));
  return { ...best.driver.plan(), keep, density: best.density };
}

/**
 * The word's ranges in the `tokens` index, in the query's order, with how many entries each holds
 * (from the token counts): a range with none is left out, and the sizes share out the first reads.
 */
function wordRanges(q: NormalizedCaseQuery, word: CountedWord): OrderedPlan {
  const statuses: IndexKeyPart[] = q.status ?? [...CASE_STATUSES];
  const urgencies = urgenciesOf(q);
  const cells = new Map(word.cells.map((cell) => [JSON.stringify(cell.k), cell.n]));
  const sizeOf = (token: IndexKeyPart, status: IndexKeyPart, among: readonly IndexKeyPart[]) => among.reduce<number>((sum, u) => sum + (cells.get(JSON.stringify([token, status, u])) ?? 0), 0);
  const sized =
    q.sort === 'dueDate'
      ? product(word.tokens, statuses, urgencies).map((base) => ({ range: orderedRange(q, base), size: sizeOf(base[0]!, base[1]!, [base[2]!]) }))
      : product(word.tokens, statuses).flatMap(([token, status]) =>
          q.priority
            ? urgencies.map((u) => ({ range: orderedRange(q, [token!, status!], [u]), size: sizeOf(token!, status!, [u]) }))
            : [{ range: orderedRange(q, [token!, status!]), size: sizeOf(token!, status!, urgencies) }],
        );
  const kept = sized.filter((entry) => entry.size > 0);
  return { kind: 'ordered', index: tokensIndex(), ranges: kept.map((entry) => entry.range), sizes: kept.map((entry) => entry.size) };
}

/** Every subset of a few filters (a query has a handful of words at most; past four, none are listed). */
function subsets<T>(items: readonly T[]): T[][] {
  if (items.length > 4) return [[]];
  return items.reduce<T[][]>((acc, item) => [...acc, ...acc.map((s) => [...s, item])], [[]]);
}

export function tokensIndex(): StoredIndex {
  return storedIndex('cases', 'tokens')!;
}

/**
 * Counts per status or priority of a text search filtered by nothing but assignee, status and
 * priority, from index entries alone: per group, the ids of the rarest word's entries, kept when the
 * other words (and the assignee) list them too. Undefined when that does not apply.
 */
export async function countWordsFromIndex(
  reader: RangeReader,
  groupBy: 'status' | 'priority',
  q: NormalizedCaseQuery,
  limits: TextPlanLimits,
): Promise<Record<string, number> | undefined> {
  const words = await countWords(reader, q);
  if (!words.length || words.some((word, i) => i > 0 && word.count > limits.intersect)) return undefined;
  const index = tokensIndex();
  const [rarest, ...others] = words;
  // One word prefixing one token: its counts are the answer (a case holds a token once). With two
  // tokens a case may hold both, and only its ids tell.
  if (!others.length && q.assigneeId === undefined && rarest!.tokens.length <= 1) return countsOfCells(rarest!.cells, groupBy, q);
  const tokens = rarest!.tokens;
  if (tokens.length > limits.tokens) return undefined;
  const keep = await Promise.all([
    ...others.map((word) => reader.ids(index.field, word.bounds)),
    ...(q.assigneeId !== undefined ? [reader.ids(CASE_QUERY_INDEXES.assigneeStatusUrgency.field, prefixBounds([q.assigneeId]))] : []),
  ]);
  return countPerGroup(reader, groupBy, q, { field: index.field, values: tokens.map((token) => [token]), multi: true, keep });
}


/** Counts per status or priority from one token's rows of the token counts, within the query's statuses and priorities. */
function countsOfCells(cells: readonly CountRow[], groupBy: 'status' | 'priority', q: NormalizedCaseQuery): Record<string, number> {
  const urgencies = new Set(urgenciesOf(q));
  const result: Record<string, number> = {};
  for (const { k: [, status, urgency], n } of cells) {
    if ((q.status && !q.status.includes(status as never)) || !urgencies.has(urgency)) continue;
    const value = groupBy === 'status' ? status : PRIORITIES.find((p) => 3 - PRIORITY_RANK[p] === urgency)!;
    result[value] = (result[value] ?? 0) + n;
  }
  return result;
}
