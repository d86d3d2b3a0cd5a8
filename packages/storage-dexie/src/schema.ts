import {
  COLLECTIONS,
  INDEXES,
  NO_DUE_DATE,
  PRIORITY_RANK,
  indexKeys,
  type CaseRecord,
  type CollectionName,
  type IndexKey,
  type IndexKeyPart,
  type NeedDomain,
  type StoredRecord,
} from '@casekit/core';

/**
 * How records sit in IndexedDB. Each collection is one table keyed by `id`; a row holds the record
 * (`r`, minus any encrypted fields, which go to `e`) and, beside it, one hidden field per index with
 * the derived key. Every stored key ends with the record id, so keys are unique and "continue after
 * (key, id)" is a plain key-range bound: a deep page costs what the first page costs.
 */
export interface Row {
  id: string;
  /** The record's version, readable without decoding (version checks, change notices). */
  v: number;
  /** The record without its encrypted fields. */
  r: Record<string, unknown>;
  /** Encrypted personal fields, when encryption is on. */
  e?: EncryptedPayload;
  [indexField: string]: unknown;
}

export interface EncryptedPayload {
  iv: Uint8Array;
  data: ArrayBuffer;
}

/** Stored key parts: index key parts, and the id (always a string). */
export type StoredKey = IndexKeyPart[];

/** An index as stored: which hidden field, and the keys (without the id) a record has there. */
export interface StoredIndex {
  /** The index name: a core index name from `INDEXES`, or a caseload-query index below. */
  readonly name: string;
  /** The hidden row field holding the key(s); the IndexedDB index has the same name. */
  readonly field: string;
  readonly multi: boolean;
  keys(record: StoredRecord): IndexKey[];
  /**
   * Set when IndexedDB derives the key itself from readable row paths (the id appended): the row then
   * holds no copy of the key, and `field` is the compound index's name (`[r.updatedAt+id]`). Paths
   * outside `r` are the small derived fields of `CASE_ROW_KEYS`.
   */
  readonly keyPath?: readonly string[];
}

/** The key with the id appended: `k` -> `[k, id]`, `[a, b]` -> `[a, b, id]`. */
export function withId(key: IndexKey, id: string): StoredKey {
  return Array.isArray(key) ? [...key, id] : [key, id];
}

/** Key parts of a bound: scalars become a one-part prefix. */
export function keyParts(key: IndexKey): IndexKeyPart[] {
  return Array.isArray(key) ? key : [key];
}

const fieldName = (prefix: string, name: string) => `${prefix}${name.replace(/[^A-Za-z0-9]+/g, '_')}`;

type CaseRow = CaseRecord;
export const dueOf = (c: Pick<CaseRow, 'nextContactDue'>): string => c.nextContactDue ?? NO_DUE_DATE;
/** Priority as it sorts (most urgent first): the first part of `caseSortKey(c, 'priority')`. */
export const urgencyOf = (c: Pick<CaseRow, 'priority'>): number => 3 - PRIORITY_RANK[c.priority];

/**
 * Extra indexes for the caseload queries core offers (`queryCases`, `countCases`). Each is an
 * equality prefix followed by a sort key, so a query walks it in result order and stops after one
 * page; multi-valued filters walk one range per value and merge them. Urgency comes right after
 * status: a due-date query merges the four urgency ranges, a priority query reads them in order, and
 * a board's counts per status and priority are plain index counts. (Separate status+due and
 * program+due indexes would save a merge but cost import time: every index entry is a write.)
 */
export const CASE_QUERY_INDEXES = {
  /** A case manager's caseload: "my active cases by due date", by priority, and board counts. */
  assigneeStatusUrgency: caseIndex('assignee+status+urgency+due', (c) => [[c.assigneeId ?? '', c.status, urgencyOf(c), dueOf(c)]], {
    keyPath: ['q_assignee', 'r.status', 'q_urgency', 'q_due', 'id'],
  }),
  /** Every case by status (or all statuses merged) then urgency then due date. */
  statusUrgency: caseIndex('status+urgency+due', (c) => [[c.status, urgencyOf(c), dueOf(c)]], { keyPath: ['r.status', 'q_urgency', 'q_due', 'id'] }),
  /**
   * One entry per need domain with an unresolved need (what `caseMatches` tests for `needDomain`), then
   * status, urgency and due date like the others: a board filtered by need walks and counts it per column.
   */
  needStatusUrgency: caseIndex('need+status+urgency+due', (c) => unresolvedDomains(c).map((d) => [d, c.status, urgencyOf(c), dueOf(c)]), { multi: true }),
  /** Risk level, then status, urgency, due date: a board filtered by risk ("High risk") walks and counts it per column. */
  riskStatusUrgency: caseIndex('risk+status+urgency+due', (c) => [[c.riskLevel, c.status, urgencyOf(c), dueOf(c)]], { keyPath: ['r.riskLevel', 'r.status', 'q_urgency', 'q_due', 'id'] }),
} as const;

/** The domains of a case's unresolved needs, once each. */
export const unresolvedDomains = (c: Pick<CaseRow, 'needs'>): NeedDomain[] => [...new Set(c.needs.filter((n) => n.status !== 'resolved').map((n) => n.domain))];

/**
 * Small fields a case row holds beside the record, so IndexedDB can read the caseload keys through key
 * paths instead of from stored copies of whole keys: an index key part must exist and be a valid key,
 * and the record's own fields are optional (no assignee, no due date) or need mapping (priority to
 * urgency). Storing three scalars instead of two five-part keys made import about a third faster.
 * They derive from readable fields (assignee, priority, due date), so they stay readable under encryption.
 */
export const CASE_ROW_KEYS = (c: CaseRow): Record<string, IndexKeyPart> => ({ q_assignee: c.assigneeId ?? '', q_urgency: urgencyOf(c), q_due: dueOf(c) });

/** The names of the small key fields a collection's rows hold beside the record (see CASE_ROW_KEYS). */
export const ROW_KEY_FIELDS: Readonly<Partial<Record<CollectionName, readonly string[]>>> = { cases: ['q_assignee', 'q_urgency', 'q_due'] };

function caseIndex(name: string, keys: (c: CaseRow) => IndexKey[], options: { multi?: boolean; keyPath?: readonly string[] } = {}): StoredIndex {
  const { multi = false, keyPath } = options;
  return { name, field: keyPath ? `[${keyPath.join('+')}]` : fieldName('q_', name), multi, keys: (r) => keys(r as unknown as CaseRow), ...(keyPath ? { keyPath } : {}) };
}

/**
 * Core indexes whose key is a plain record field (or fields) that stays readable under encryption:
 * IndexedDB reads the key from the row (`r.<field>`, then the id) instead of from a stored copy. That
 * keeps rows smaller and saves a write per index per row on import. A test checks that each path gives
 * the key core's `INDEXES` derives, and that each field stays readable under encryption.
 */
export const CORE_KEY_PATHS: Readonly<Partial<Record<CollectionName, Readonly<Record<string, readonly string[]>>>>> = {
  cases: { updatedAt: ['updatedAt'], openedAt: ['openedAt'], 'clientId+status': ['clientId', 'status'] },
  referrals: { 'status+requestedAt': ['status', 'requestedAt'] },
};

/**
 * Core indexes stored with more key parts than core derives: the part core defines comes first, so
 * `find`/`count` ranges over core's keys select the same records, but within one core key the entries
 * are ordered by the added parts (then id), not by id alone.
 *
 * - `cases.tokens` is `[token, status, urgency, due]`: a text search walks one word's entries in the
 *   board's order (status, then due date or priority) and stops after a page, instead of reading every
 *   case the word matches and sorting them (the words of "nguy" match 8,000 of 100,000 cases).
 */
export const EXTENDED_CORE_KEYS: Readonly<Partial<Record<CollectionName, Readonly<Record<string, (record: StoredRecord, key: IndexKeyPart) => IndexKey>>>>> = {
  cases: {
    tokens: (record, token) => {
      const c = record as unknown as CaseRow;
      return [token, c.status, urgencyOf(c), dueOf(c)];
    },
  },
};

/**
 * Core indexes that a caseload index already answers: its keys begin with core's key and go on with
 * more parts, so find/count ranges over core's keys select the same records (ordered within one core
 * key by the added parts, like EXTENDED_CORE_KEYS), and no row holds another key or costs another write.
 */
export const CORE_INDEX_ALIASES: Readonly<Partial<Record<CollectionName, Readonly<Record<string, StoredIndex>>>>> = {
  cases: { 'assignee+status': CASE_QUERY_INDEXES.assigneeStatusUrgency },
};

function coreIndexes(collection: CollectionName): StoredIndex[] {
  return INDEXES[collection].map((definition) => {
    const alias = CORE_INDEX_ALIASES[collection]?.[definition.name];
    if (alias) return { ...alias, name: definition.name };
    const fields = CORE_KEY_PATHS[collection]?.[definition.name];
    const keyPath = fields && [...fields.map((f) => `r.${f}`), 'id'];
    const extend = EXTENDED_CORE_KEYS[collection]?.[definition.name];
    return {
      name: definition.name,
      field: keyPath ? `[${keyPath.join('+')}]` : fieldName('i_', definition.name),
      multi: Boolean(definition.multi),
      keys: extend
        ? (record: StoredRecord) => indexKeys(definition, record).map((key) => extend(record, key as IndexKeyPart))
        : (record: StoredRecord) => indexKeys(definition, record),
      ...(keyPath ? { keyPath } : {}),
    };
  });
}

/** Every stored index of a collection, derived from core's `INDEXES` (plus the caseload indexes). */
export const STORED_INDEXES: Readonly<Record<CollectionName, readonly StoredIndex[]>> = Object.fromEntries(
  COLLECTIONS.map((c) => [c, [...coreIndexes(c), ...(c === 'cases' ? Object.values(CASE_QUERY_INDEXES) : [])]]),
) as Record<CollectionName, StoredIndex[]>;

export function storedIndex(collection: CollectionName, name: string): StoredIndex | undefined {
  return STORED_INDEXES[collection].find((index) => index.name === name);
}

/**
 * Encrypted rows whose worklist keys an upgrade could not derive (they come from encrypted fields) carry
 * this flag; the adapter re-keys them once it opens with the key, and writing a row drops the flag.
 */
export const REKEY_FIELD = 'x_rekey';
export const REKEY_COLLECTIONS: readonly CollectionName[] = ['cases', 'plans', 'consents'];

/**
 * Hidden tables of counts kept on write (case-counts.ts): not collections, so no records, never
 * exported. Both are keyed `[lead, status, urgency]` in `k`: the lead is the assignee (`''` for none) in
 * the case counts, a search token in the token counts.
 */
export const CASE_COUNTS_TABLE = 'x_caseCounts';
export const TOKEN_COUNTS_TABLE = 'x_tokenCounts';
export const COUNTS_STORE = 'k';

/** The Dexie `stores()` spec of the current layout, generated so core stays the single source of truth. */
export function currentStores(): Record<string, string> {
  return {
    ...storesOfCollections(),
    [CASE_COUNTS_TABLE]: COUNTS_STORE,
    [TOKEN_COUNTS_TABLE]: COUNTS_STORE,
  };
}

function storesOfCollections(): Record<string, string> {
  return Object.fromEntries(
    COLLECTIONS.map((c) => [
      c,
      [
        'id',
        // An alias (CORE_INDEX_ALIASES) is the IndexedDB index of the index it names, listed with that one.
        ...STORED_INDEXES[c].filter((i) => !CORE_INDEX_ALIASES[c]?.[i.name]).map((i) => (i.multi ? `*${i.field}` : i.field)),
        ...(REKEY_COLLECTIONS.includes(c) ? [REKEY_FIELD] : []),
      ].join(', '),
    ]),
  );
}

/** Adds the derived keys of every index to a row. Multi-entry fields hold one key per entry. */
export function deriveKeys(collection: CollectionName, record: StoredRecord, row: Row): Row {
  if (collection === 'cases') Object.assign(row, CASE_ROW_KEYS(record as unknown as CaseRow));
  for (const index of STORED_INDEXES[collection]) {
    if (index.keyPath) continue;
    const keys = index.keys(record);
    if (index.multi) row[index.field] = keys.map((k) => withId(k, record.id));
    else if (keys[0] !== undefined) row[index.field] = withId(keys[0], record.id);
  }
  return row;
}

/** A plaintext row (encryption, when on, replaces fields of `r` by `e` afterwards). */
export function plainRow(collection: CollectionName, record: StoredRecord): Row {
  return deriveKeys(collection, record, { id: record.id, v: record.version, r: record });
}

/** The search tokens of a case row, read from its stored `tokens` index (available even when encrypted): the first key part. */
export function rowCaseTokens(row: Row): string[] {
  const entries = (row[CASE_TOKENS_FIELD] as StoredKey[] | undefined) ?? [];
  return entries.map((entry) => String(entry[0]));
}
export const CASE_TOKENS_FIELD = fieldName('i_', 'tokens');

/** The need domains of a case row's unresolved needs, read from its stored need index (available even when encrypted). */
export function rowNeedDomains(row: Row): NeedDomain[] {
  const entries = (row[CASE_QUERY_INDEXES.needStatusUrgency.field] as StoredKey[] | undefined) ?? [];
  return entries.map((entry) => entry[0] as NeedDomain);
}
