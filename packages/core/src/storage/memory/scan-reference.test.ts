/**
 * The memory storage's reads as they were before the indexes: a scan of every record, filtered and
 * sorted. The property tests compare the indexed storage with this, answer for answer (ids, order,
 * cursors, counts). No tests of its own here.
 */
import type { CaseRecord } from '../../case/case-schema.js';
import type { CollectionName } from '../../records/record.js';
import { CaseQuerySchema, caseGroupValue, caseMatches, caseSortKey, type CaseGroupField, type CaseQuery } from '../case-query.js';
import { indexDefinition, indexKeys } from '../indexes.js';
import { compareKeys, inRange, startsWith } from '../keys.js';
import { compareEntries, pageOf, type KeyedEntry } from '../paging.js';
import type { CountQuery, FindQuery, Page, StoredRecord } from '../storage-port.js';

export type Tables = Map<CollectionName, Map<string, StoredRecord>>;

function entries(table: Map<string, StoredRecord>, collection: CollectionName, query: CountQuery): KeyedEntry<StoredRecord>[] {
  const out: KeyedEntry<StoredRecord>[] = [];
  if (query.index === 'id') {
    for (const record of table.values()) out.push({ key: record.id, id: record.id, value: record });
  } else {
    const definition = indexDefinition(collection, query.index)!;
    for (const record of table.values()) for (const key of indexKeys(definition, record)) out.push({ key, id: record.id, value: record });
  }
  return out
    .filter(
      ({ key }) =>
        (query.equals === undefined || compareKeys(key, query.equals) === 0) &&
        (query.prefix === undefined || startsWith(key, query.prefix)) &&
        (query.range === undefined || inRange(key, query.range)),
    )
    .sort(compareEntries);
}

const tableOf = (tables: Tables, collection: CollectionName) => tables.get(collection) ?? new Map<string, StoredRecord>();

export function scanFind(tables: Tables, collection: CollectionName, query: FindQuery): Page<StoredRecord> {
  return pageOf(entries(tableOf(tables, collection), collection, query), query);
}

export function scanCount(tables: Tables, collection: CollectionName, query: CountQuery): number {
  return new Set(entries(tableOf(tables, collection), collection, query).map((e) => e.id)).size;
}

export function scanQueryCases(tables: Tables, input: CaseQuery): Page<StoredRecord> {
  return scanCasePages(tables, input)(input.cursor);
}

/** Every page of a caseload query from one scan: call with each page's cursor. */
export function scanCasePages(tables: Tables, input: CaseQuery): (cursor: string | undefined) => Page<StoredRecord> {
  const query = CaseQuerySchema.parse(input);
  const out: KeyedEntry<StoredRecord>[] = [];
  for (const record of tableOf(tables, 'cases').values()) {
    const c = record as unknown as CaseRecord;
    if (caseMatches(c, query)) out.push({ key: caseSortKey(c, query.sort), id: c.id, value: record });
  }
  out.sort(compareEntries);
  return (cursor) => pageOf(out, { reverse: query.direction === 'desc', cursor, limit: query.limit });
}

export function scanCountCases(tables: Tables, groupBy: CaseGroupField, input: CaseQuery): Record<string, number> {
  const query = CaseQuerySchema.parse(input);
  const counts: Record<string, number> = {};
  for (const record of tableOf(tables, 'cases').values()) {
    const c = record as unknown as CaseRecord;
    if (!caseMatches(c, query)) continue;
    const value = caseGroupValue(c, groupBy);
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

/** Sorted object entries, so two counts compare equal whatever order their keys were added in. */
export const sortedCounts = (counts: Record<string, number>) => Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
