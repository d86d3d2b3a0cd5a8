import { CasekitError } from '../../errors/errors.js';
import type { CollectionName } from '../../records/record.js';
import { INDEXES, indexKeys, type IndexDefinition } from '../indexes.js';
import { compareKeys } from '../keys.js';
import type { CountQuery, IndexKey, IndexKeyPart, StoredRecord } from '../storage-port.js';
import { EntryList, sortEntries, type Probe } from './entry-list.js';
import type { StringTable } from './record-copy.js';

/** One maintained index: `id` or a declaration from `INDEXES`. */
export interface MaintainedIndex {
  readonly name: string;
  readonly multi: boolean;
  readonly list: EntryList;
  /** The record's keys in this index (what `indexKeys` gives). Throws for some malformed records. */
  keys(record: StoredRecord): IndexKey[];
}

/** A record's keys in each index of its collection, computed before anything is written. */
export type RecordKeys = IndexKey[][];

/**
 * The keys of a record whose key function throws (a malformed record). It is stored, as before, and
 * left out of that index; reading the index throws that error, as the scan computing every key did.
 */
const UNKEYABLE: IndexKey[] = [];

/**
 * The `id` index and every declared index of one collection, kept in step with its table. Single-key
 * indexes store only ids and read keys from the stored records; multi-entry indexes store their keys.
 */
export class CollectionIndexes {
  readonly all: MaintainedIndex[];
  private readonly byName = new Map<string, MaintainedIndex>();
  /** Per index (as in `all`), the ids of stored records its key function throws for. */
  private readonly unkeyable: Set<string>[];

  constructor(
    readonly collection: CollectionName,
    private readonly table: Map<string, StoredRecord>,
    strings: StringTable,
  ) {
    const record = (id: string) => table.get(id)!;
    this.all = [
      { name: 'id', multi: false, list: new EntryList((id) => id), keys: (r) => [r.id as IndexKey] },
      ...INDEXES[collection].map((definition) => declared(definition, record, strings)),
    ];
    for (const index of this.all) this.byName.set(index.name, index);
    this.unkeyable = this.all.map(() => new Set());
  }

  /** The index to read; throws what its key function throws for a stored record, if any does. */
  index(name: string): MaintainedIndex {
    const index = this.byName.get(name);
    if (!index) throw new CasekitError('storage', `${this.collection} has no index "${name}"`);
    const [id] = this.unkeyable[this.all.indexOf(index)]!;
    if (id !== undefined) index.keys(this.table.get(id)!);
    return index;
  }

  /** Stored records some index could not key. */
  get unkeyableCount(): number {
    return this.unkeyable.reduce((n, ids) => n + ids.size, 0);
  }

  keysOf(record: StoredRecord): RecordKeys {
    return this.all.map((index) => {
      try {
        return index.keys(record);
      } catch {
        return UNKEYABLE;
      }
    });
  }

  /** Adds a record that is already in the table. */
  add(id: string, keys: RecordKeys): void {
    this.all.forEach((index, i) => {
      if (keys[i] === UNKEYABLE) this.unkeyable[i]!.add(id);
      else for (const key of keys[i]!) index.list.insert(key, id);
    });
  }

  /** Removes a record that is still in the table (derived keys are read from it). */
  remove(record: StoredRecord): void {
    this.all.forEach((index, i) => {
      if (this.unkeyable[i]!.delete(record.id)) return;
      for (const key of index.keys(record)) index.list.delete(key, record.id);
    });
  }

  /**
   * Rebuilds every index from the table: cheaper than one insert per record for a big load. `known`
   * holds keys already computed (the records being loaded), so they are not computed twice.
   */
  rebuild(known?: ReadonlyMap<StoredRecord, RecordKeys>): void {
    const keys: IndexKey[][] = this.all.map(() => []);
    const ids: string[][] = this.all.map(() => []);
    for (const set of this.unkeyable) set.clear();
    for (const record of this.table.values()) {
      const recordKeys = known?.get(record) ?? this.keysOf(record);
      for (let i = 0; i < recordKeys.length; i++) {
        if (recordKeys[i] === UNKEYABLE) this.unkeyable[i]!.add(record.id);
        for (const key of recordKeys[i]!) {
          keys[i]!.push(key);
          ids[i]!.push(record.id);
        }
      }
    }
    this.all.forEach((index, i) => {
      const sorted = sortEntries(keys[i]!, ids[i]!);
      index.list.reset(sorted.keys, sorted.ids);
    });
  }
}

function declared(definition: IndexDefinition, record: (id: string) => StoredRecord, strings: StringTable): MaintainedIndex {
  const multi = Boolean(definition.multi);
  return {
    name: definition.name,
    multi,
    list: multi ? new EntryList() : new EntryList((id) => definition.key(record(id)) as IndexKey),
    keys: multi ? (r) => multiKeys(definition, r, strings).filter(isComparable) : (r) => indexKeys(definition, r).filter(isComparable),
  };
}

/**
 * Objects are no keys (IndexedDB does not index them either), and comparing them can throw, which
 * must not happen half-way through a commit. Only a malformed record has one.
 */
const isComparable = (key: unknown): boolean =>
  Array.isArray(key) ? key.every(isComparable) : typeof key !== 'object' || key === null;

/**
 * `indexKeys` of a multi-entry index, without its JSON round trip when every key is plain strings and
 * numbers (the round trip would give each key fresh strings; these share the record's, or the table's).
 */
function multiKeys(definition: IndexDefinition, record: StoredRecord, strings: StringTable): IndexKey[] {
  const raw = definition.key(record) as IndexKey[] | undefined;
  if (raw === undefined) return [];
  if (!raw.every(isPlainKey)) return indexKeys(definition, record);
  if (raw.length > 32) return indexKeys(definition, record);
  const out: IndexKey[] = [];
  // For plain keys, equal JSON is equal under compareKeys: drop repeats by that (a record has few keys).
  for (const key of raw) if (!out.some((k) => compareKeys(k, key) === 0)) out.push(typeof key === 'string' ? strings.intern(key) : key);
  return out;
}

const isPart = (v: unknown): v is IndexKeyPart => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const isPlainKey = (key: unknown): key is IndexKey => isPart(key) || (Array.isArray(key) && key.every(isPart));

/** A cursor's key can be searched for only if it is a key (anything else falls back to a scan). */
export const isSearchableKey = (key: unknown): key is IndexKey =>
  isPart(key) || (Array.isArray(key) && key.every((part) => isSearchableKey(part)));

/**
 * The entries of a query's `equals`, `prefix` and `range` (all that are given, as `[from, to)`
 * positions): each is a contiguous run of the list, so together they are the overlap of the runs.
 */
export function blockOf(list: EntryList, query: CountQuery): [number, number] {
  let from = 0;
  let to = list.size;
  const narrow = (before: (key: IndexKey) => boolean, notAfter: (key: IndexKey) => boolean) => {
    from = Math.max(from, list.rank(probe(before)));
    to = Math.min(to, list.rank(probe(notAfter)));
  };
  if (query.equals !== undefined) {
    const equals = query.equals;
    narrow((k) => compareKeys(k, equals) < 0, (k) => compareKeys(k, equals) <= 0);
  }
  if (query.prefix !== undefined) {
    const prefix = query.prefix;
    narrow((k) => comparePrefix(k, prefix) < 0, (k) => comparePrefix(k, prefix) <= 0);
  }
  const range = query.range;
  if (range?.gt !== undefined) from = Math.max(from, list.rank(probe((k) => compareKeys(k, range.gt!) <= 0)));
  if (range?.gte !== undefined) from = Math.max(from, list.rank(probe((k) => compareKeys(k, range.gte!) < 0)));
  if (range?.lt !== undefined) to = Math.min(to, list.rank(probe((k) => compareKeys(k, range.lt!) < 0)));
  if (range?.lte !== undefined) to = Math.min(to, list.rank(probe((k) => compareKeys(k, range.lte!) <= 0)));
  return [from, Math.max(from, to)];
}

const probe = (before: (key: IndexKey) => boolean): Probe => (key) => (before(key) ? -1 : 0);

/** Orders a key against a prefix the way `startsWith` matches: 0 for every key that starts with it. */
function comparePrefix(key: IndexKey, prefix: readonly IndexKeyPart[]): number {
  if (!Array.isArray(key)) return -1; // numbers and strings sort before every array
  for (let i = 0; i < prefix.length; i++) {
    if (i >= key.length) return -1;
    const c = compareKeys(key[i]!, prefix[i]!);
    if (c !== 0) return c;
  }
  return 0;
}
