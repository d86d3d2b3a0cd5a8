import { CASE_STATUSES, PRIORITIES, PRIORITY_RANK, RISK_LEVELS, RISK_ORDER, type IndexKeyPart, type NormalizedCaseQuery, type RiskLevel } from '@casekit/core';
import { CASE_QUERY_INDEXES, storedIndex, type StoredIndex } from './schema.js';
import { prefixBounds, type KeyBounds, type RangeReader } from './key-ranges.js';

/**
 * An ordered walk: one range per combination of filter values of an index whose keys are
 * `[...base, ...sort key, id]`, merged in result order. With `keep`, a row is read only when every set
 * lists its id; `density` is the share of walked rows expected to pass the filters checked on rows.
 */
export interface OrderedPlan {
  kind: 'ordered';
  index: StoredIndex;
  ranges: OrderedRange[];
  keep?: readonly ReadonlySet<string>[];
  density?: number;
  /** How many entries each range holds, when the plan knows (a search word's, from the token counts). */
  sizes?: readonly number[];
  /**
   * Leading parts of the sort key the base already fixes (by risk: the risk level), which the index
   * keys do not repeat: stored keys are `[...base, ...sortKey.slice(fixed), id]`.
   */
  fixed?: number;
  /** With `fixed`: the sort-key parts a range's base fixes (to place a cursor among the ranges). */
  fixedOf?: (base: readonly IndexKeyPart[]) => IndexKeyPart[];
}

/** The ordered walk of a query without text: by assignee, need, status, or update time. */
export function orderedPlan(q: NormalizedCaseQuery): OrderedPlan {
  const statuses: IndexKeyPart[] = q.status ?? [...CASE_STATUSES];
  const assignee: IndexKeyPart[][] = q.assigneeId === undefined ? [] : [[q.assigneeId]];
  const range = (base: IndexKeyPart[], narrow: IndexKeyPart[] = []) => orderedRange(q, base, narrow);
  const urgencies = urgenciesOf(q);
  // The narrowest equality prefix before status: the assignee, else the need domains, else the risk levels.
  const [index, lead] =
    q.assigneeId !== undefined
      ? [CASE_QUERY_INDEXES.assigneeStatusUrgency, assignee]
      : q.needDomain
        ? [CASE_QUERY_INDEXES.needStatusUrgency, [q.needDomain as IndexKeyPart[]]]
        : q.riskLevel
          ? [CASE_QUERY_INDEXES.riskStatusUrgency, [q.riskLevel as IndexKeyPart[]]]
          : [CASE_QUERY_INDEXES.statusUrgency, []];
  switch (q.sort) {
    case 'risk': {
      // The risk index: one range per risk level, status and urgency, each by due date; merged by
      // (risk, due). An assignee's caseload has no risk order in its index: it is sorted whole.
      const risks: IndexKeyPart[] = [...(q.riskLevel ?? RISK_LEVELS)].sort((a: RiskLevel, b: RiskLevel) => RISK_ORDER[a] - RISK_ORDER[b]);
      return { kind: 'ordered', index: CASE_QUERY_INDEXES.riskStatusUrgency, ranges: product(risks, statuses, urgencies).map((base) => range(base)), fixed: 1, fixedOf: (base) => [RISK_ORDER[base[0] as RiskLevel]] };
    }
    case 'dueDate':
      // Keys continue with the due date after [lead,] status, urgency: merge the urgency ranges.
      return { kind: 'ordered', index, ranges: product(...lead, statuses, urgencies).map((base) => range(base)) };
    case 'priority': {
      const bases = product(...lead, statuses);
      // Urgency is the first sort-key part, so a priority filter narrows each range to those urgencies.
      const ranges = q.priority ? bases.flatMap((base) => urgencies.map((u) => range(base, [u]))) : bases.map((base) => range(base));
      return { kind: 'ordered', index, ranges };
    }
    case 'updatedAt':
      return { kind: 'ordered', index: coreIndex('updatedAt'), ranges: [range([])] };
  }
}

export function coreIndex(name: string): StoredIndex {
  const index = storedIndex('cases', name);
  if (!index) throw new Error(`cases has no index ${name}`);
  return index;
}

/**
 * One range of an ordered index: stored keys are `[...base, ...sort key, id]`; `bounds` may be
 * narrower than `base` alone (a priority filter fixes the first sort-key part).
 */
export interface OrderedRange {
  base: IndexKeyPart[];
  bounds: KeyBounds;
  /** Read from its start even when paging on (see `rangesAfter`). */
  whole?: boolean;
}

/** The range of `base` (narrowed by `narrow`); in due-date order nothing due after `dueOnOrBefore` can match. */
export function orderedRange(q: NormalizedCaseQuery, base: IndexKeyPart[], narrow: IndexKeyPart[] = []): OrderedRange {
  const bounds = prefixBounds([...base, ...narrow]);
  if (q.dueOnOrBefore !== undefined && (q.sort === 'dueDate' || q.sort === 'risk')) bounds.upper = [...base, q.dueOnOrBefore, []];
  return { base, bounds };
}

/** The urgencies (index form of priority, most urgent first) a query admits. */
export function urgenciesOf(q: NormalizedCaseQuery): IndexKeyPart[] {
  return (q.priority ?? [...PRIORITIES]).map((p) => 3 - PRIORITY_RANK[p]);
}

/** Every token a search word prefixes. */
export function wordBounds(word: string): KeyBounds {
  return { lower: [word], upper: [`${word}\uffff`], lowerOpen: false, upperOpen: true };
}

export function product(...lists: readonly IndexKeyPart[][]): IndexKeyPart[][] {
  return lists.reduce<IndexKeyPart[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

/**
 * Counts per status (or priority) of a caseload index from its entries alone, never a case row: per
 * group (status, and urgency when the query needs it), the ranges of every lead value (assignee, need
 * domains, risk levels, search tokens) before it. A plain index count per range, unless a case may sit
 * under two lead values (`multi`: need domains, tokens) or must be in every `keep` set: then its
 * distinct ids.
 */
export async function countPerGroup(
  reader: RangeReader,
  groupBy: 'status' | 'priority',
  q: NormalizedCaseQuery,
  lead: { field: string; values: IndexKeyPart[][]; multi: boolean; keep?: readonly ReadonlySet<string>[] },
): Promise<Record<string, number>> {
  const keep = lead.keep ?? [];
  // Urgency comes right after status in every caseload index: a priority filter or a due-date bound
  // needs one range per urgency.
  const byUrgency = groupBy === 'priority' || q.priority !== undefined || q.dueOnOrBefore !== undefined;
  const groups = product(q.status ?? [...CASE_STATUSES], ...(byUrgency ? [urgenciesOf(q)] : []));
  const bounds = (prefix: IndexKeyPart[]) => {
    const b = prefixBounds(prefix);
    if (q.dueOnOrBefore !== undefined) b.upper = [...prefix, q.dueOnOrBefore, []];
    return b;
  };
  const result: Record<string, number> = {};
  await Promise.all(
    groups.map(async (group) => {
      const ranges = lead.values.map((value) => bounds([...value, ...group]));
      const n =
        (lead.multi && ranges.length > 1) || keep.length
          ? new Set((await Promise.all(ranges.map((r) => reader.orderedIds(lead.field, r, false)))).flat().filter((id) => keep.every((set) => set.has(id)))).size
          : (await Promise.all(ranges.map((r) => reader.count(lead.field, r)))).reduce((sum, c) => sum + c, 0);
      if (!n) return;
      const value = groupBy === 'status' ? String(group[0]) : PRIORITIES.find((p) => 3 - PRIORITY_RANK[p] === group[1])!;
      result[value] = (result[value] ?? 0) + n;
    }),
  );
  return result;
}
