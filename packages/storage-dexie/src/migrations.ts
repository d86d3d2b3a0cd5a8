import type { Dexie, Transaction } from 'dexie';
import { COLLECTIONS, type CaseRecord, type CollectionName, type StoredRecord } from '@casekit/core';
import { INDEXES_OVER_ENCRYPTED_FIELDS } from './encrypted-fields.js';
import { CountDeltas, countKeyOf, tokenCountKeysOf } from './case-counts.js';
import { CASE_COUNTS_TABLE, COUNTS_STORE, TOKEN_COUNTS_TABLE, REKEY_COLLECTIONS, REKEY_FIELD, CASE_QUERY_INDEXES, CASE_ROW_KEYS, CASE_TOKENS_FIELD, dueOf, urgencyOf, CORE_KEY_PATHS, EXTENDED_CORE_KEYS, currentStores, plainRow, storedIndex, withId, type Row, type StoredIndex, type StoredKey } from './schema.js';

/** The stores of schema version 2 (later versions say only what they change). */
const V2_STORES: Record<string, string> = {
  clients: 'id, i_birthDate, *i_identifiers, *i_nameTokens, i_updatedAt',
  cases:
    'id, i_updatedAt, *i_tokens, i_clientId_status, i_openedAt, q_assignee_status_urgency_due, q_status_urgency_due, *q_need_due',
  assessments: 'id, i_caseId_completedAt, i_clientId_completedAt',
  plans: 'id, i_caseId, i_clientId, i_reviewDue',
  referrals: 'id, i_caseId, i_clientId, i_status, i_organizationId, i_createdAt, i_requestedAt',
  notes: 'id, i_caseId_occurredAt, i_amends',
  consents: 'id, i_clientId',
  organizations: 'id, *i_nameTokens',
  services: 'id, i_organizationId, *i_categories, *i_tokens',
  drafts: 'id, i_updatedAt',
  audit: 'id, i_at, i_recordId_at, i_caseId_at, i_actorId_at',
};

const V3_STORES: Record<string, string> = { ...V2_STORES, audit: 'id, i_at, *i_recordId_at, i_caseId_at, i_actorId_at' };
const V4_STORES: Record<string, string> = {
  ...V3_STORES,
  cases: 'id, [r.updatedAt+id], *i_tokens, [r.clientId+r.status+id], [r.openedAt+id], q_assignee_status_urgency_due, q_status_urgency_due, *q_need_due',
};

/** The stores of schema version 7 (versions 8 and 9 add only tables of counts). */
const V7_STORES: Record<string, string> = {
  ...V3_STORES,
  cases:
    'id, [r.updatedAt+id], *i_tokens, [r.clientId+r.status+id], [r.openedAt+id], i_pendingApproval, i_pendingTransferTo_requestedAt, [q_assignee+r.status+q_urgency+q_due+id], [r.status+q_urgency+q_due+id], *q_need_status_urgency_due, [r.riskLevel+r.status+q_urgency+q_due+id], x_rekey',
  plans: 'id, i_caseId, i_clientId, i_reviewDue, *i_taskDue, i_assignee_reviewDue, *i_assignee_taskDue, i_approvalPending, x_rekey',
  referrals: 'id, i_caseId, i_clientId, i_status, i_organizationId, i_createdAt, i_requestedAt, [r.status+r.requestedAt+id], i_assignee_status_requestedAt',
  consents: 'id, i_clientId, i_expiresAt, x_rekey',
};

const V8_STORES: Record<string, string> = { ...V7_STORES, [CASE_COUNTS_TABLE]: COUNTS_STORE };

/**
 * The schema's version history. Dexie keeps one IndexedDB version per entry and runs each upgrade
 * once, in order, inside the version-change transaction, so a database from any earlier version
 * opens with every record intact.
 *
 * When core's `INDEXES` (or the caseload indexes in schema.ts) change, add a version: its stores are
 * `currentStores()` and its upgrade re-derives the changed keys of each row with `rebuildKeys`.
 * `SCHEMA_HISTORY` freezes what each version declared, and a test fails if the generated schema drifts
 * from the latest entry without a new version.
 *
 * An upgrade runs inside the version-change transaction, where WebCrypto cannot be awaited (the
 * transaction would commit) and the key may not even be at hand: keys are re-derived from the
 * readable part of each row (`row.r`), which under encryption holds every field an index is derived
 * from, except those of `INDEXES_OVER_ENCRYPTED_FIELDS` (`rebuildKeys` refuses those).
 */
export const SCHEMA_HISTORY: readonly { version: number; stores: Readonly<Record<string, string>>; upgrade?: (tx: Transaction) => Promise<unknown> }[] = [
  {
    // Version 1: records stored as they are, indexed by plain fields only.
    version: 1,
    stores: Object.fromEntries(COLLECTIONS.map((c) => [c, c === 'cases' ? 'id, updatedAt, status, assigneeId, clientId' : 'id, updatedAt'])),
  },
  {
    // Version 2: rows hold the record beside derived keys of every core index plus the caseload
    // indexes (key-cursor paging); optional encryption moves personal fields into `e`.
    version: 2,
    stores: V2_STORES,
    upgrade: (tx) => Promise.all(COLLECTIONS.map((c) => wrapRecords(tx, c))),
  },
  {
    // Version 3: the audit index recordId+at is multi-entry (a read of a list names every record it
    // returned in `recordIds`, and each is found by its id).
    version: 3,
    stores: V3_STORES,
    upgrade: (tx) => rebuildKeys(tx, 'audit', 'recordId+at'),
  },
  {
    // Version 4: the case indexes over plain readable fields (updatedAt, openedAt, clientId+status) are
    // compound key paths into the row (`[r.updatedAt+id]`, the same keys as before): IndexedDB builds
    // them from the rows already stored, and the upgrade drops the stored copies of those keys.
    version: 4,
    stores: V4_STORES,
    upgrade: (tx) => dropKeyCopies(tx, 'cases'),
  },
  {
    // Version 5: a case's search-word entries carry the board's sort key, `[token, status, urgency,
    // due, id]` (see EXTENDED_CORE_KEYS), so a text search stops after a page; the words are encrypted
    // fields' words, so they are taken from the stored entries, not re-derived. The caseload indexes
    // read their keys through key paths (`[q_assignee+r.status+q_urgency+q_due+id]`) from three small
    // row fields (CASE_ROW_KEYS) instead of stored copies of whole keys. The need index continues with
    // status and urgency like the others (its domains, too, come from the stored entries), and a risk
    // index joins them, so a board filtered by need or risk counts its columns from the index.
    version: 5,
    stores: {
      ...V3_STORES,
      cases:
        'id, [r.updatedAt+id], *i_tokens, [r.clientId+r.status+id], [r.openedAt+id], [q_assignee+r.status+q_urgency+q_due+id], [r.status+q_urgency+q_due+id], *q_need_status_urgency_due, [r.riskLevel+r.status+q_urgency+q_due+id]',
    },
    upgrade: (tx) => slimCaseRows(tx),
  },
  {
    // Version 6: the worklist's indexes. Referrals by status then sending time read readable fields
    // through a key path (`[r.status+r.requestedAt+id]`), which IndexedDB builds from the stored rows.
    // Closures and activations waiting for approval, open tasks' due dates and active consents' ends are
    // derived from fields that encryption covers: the upgrade derives them for rows stored in plaintext;
    // an encrypted row gets them when the adapter next opens with the key (see `addWorklistKeys`).
    version: 6,
    stores: {
      ...V3_STORES,
      cases:
        'id, [r.updatedAt+id], *i_tokens, [r.clientId+r.status+id], [r.openedAt+id], i_pendingApproval, i_pendingTransferTo_requestedAt, [q_assignee+r.status+q_urgency+q_due+id], [r.status+q_urgency+q_due+id], *q_need_status_urgency_due, [r.riskLevel+r.status+q_urgency+q_due+id]',
      plans: 'id, i_caseId, i_clientId, i_reviewDue, *i_taskDue, i_approvalPending',
      referrals: 'id, i_caseId, i_clientId, i_status, i_organizationId, i_createdAt, i_requestedAt, [r.status+r.requestedAt+id]',
      consents: 'id, i_clientId, i_expiresAt',
    },
    upgrade: (tx) => addWorklistKeys(tx),
  },
  {
    // Version 7: plans and referrals carry their case's assignee (`caseAssigneeId`, readable like the
    // case's own), and the worklist reads one case manager's reviews, tasks and referrals under it. The
    // upgrade stamps the copy from the cases and derives the keys, for encrypted rows too: the tasks'
    // due dates come from the row's stored `taskDue` entries, the rest from readable fields.
    version: 7,
    stores: V7_STORES,
    upgrade: (tx) => Promise.all([stampCaseAssignees(tx), flagForRekey(tx)]),
  },
  {
    // Version 8: the case counts per assignee, status and urgency (case-counts.ts), which every write
    // keeps from now on; the upgrade counts the stored cases once, from readable fields, so encrypted
    // databases move over without the key.
    version: 8,
    stores: V8_STORES,
    upgrade: (tx) => countStoredCases(tx),
  },
  {
    // Version 9: the cases per search token, status and urgency (case-counts.ts), kept by every write
    // from now on; the upgrade counts them once from the stored `tokens` entries, plaintext under
    // encryption too.
    version: 9,
    stores: { ...V8_STORES, [TOKEN_COUNTS_TABLE]: COUNTS_STORE },
    upgrade: (tx) => countStoredTokens(tx),
  },
];

export const SCHEMA_VERSION = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1]!.version;

export function declareSchema(db: Dexie): void {
  for (const entry of SCHEMA_HISTORY) {
    const stores = entry.version === SCHEMA_VERSION ? currentStores() : entry.stores;
    const version = db.version(entry.version).stores(stores);
    if (entry.upgrade) version.upgrade(entry.upgrade);
  }
}

/** v7 -> v8: the case counts, from every stored case row. */
async function countStoredCases(tx: Transaction): Promise<void> {
  const deltas = new CountDeltas();
  await tx.table('cases').each((row: Row) => deltas.add(countKeyOf(row), 1));
  await deltas.apply(tx.table(CASE_COUNTS_TABLE));
}

/** v8 -> v9: the token counts, from every stored case row's search tokens. */
async function countStoredTokens(tx: Transaction): Promise<void> {
  const deltas = new CountDeltas();
  await tx.table('cases').each((row: Row) => tokenCountKeysOf(row).forEach((key) => deltas.add(key, 1)));
  await deltas.apply(tx.table(TOKEN_COUNTS_TABLE));
}

/** v1 -> v2: a bare record becomes a row with derived keys. */
function wrapRecords(tx: Transaction, collection: CollectionName): Promise<unknown> {
  return tx
    .table(collection)
    .toCollection()
    .modify((value: StoredRecord, ref: { value: unknown }) => {
      ref.value = plainRow(collection, value);
    });
}

/** v3 -> v4: rows no longer hold the keys IndexedDB now reads through key paths. */
function dropKeyCopies(tx: Transaction, collection: CollectionName): Promise<unknown> {
  const copies = Object.keys(CORE_KEY_PATHS[collection] ?? {}).map((name) => `i_${name.replace(/[^A-Za-z0-9]+/g, '_')}`);
  return tx
    .table(collection)
    .toCollection()
    .modify((row: Row) => {
      for (const field of copies) delete row[field];
    });
}

/**
 * v4 -> v5: search-word entries `[token, id]` -> `[token, status, urgency, due, id]`, need entries
 * `[domain, due, id]` -> `[domain, status, urgency, due, id]`, and the caseload keys' copies replaced
 * by the fields their key paths read, all from the stored entries and the readable status, assignee,
 * priority and due date.
 */
function slimCaseRows(tx: Transaction): Promise<unknown> {
  const extend = EXTENDED_CORE_KEYS.cases!.tokens!;
  return tx
    .table('cases')
    .toCollection()
    .modify((row: Row) => {
      const record = row.r as unknown as CaseRecord;
      const entries = (row[CASE_TOKENS_FIELD] as StoredKey[] | undefined) ?? [];
      row[CASE_TOKENS_FIELD] = entries.map((entry) => withId(extend(row.r as StoredRecord, entry[0]!), row.id));
      delete row.q_assignee_status_urgency_due;
      delete row.q_status_urgency_due;
      Object.assign(row, CASE_ROW_KEYS(record));
      // Rows that came through the v1 -> v2 upgrade in this same open already have the new entries.
      if ('q_need_due' in row) {
        const domains = ((row.q_need_due as StoredKey[] | undefined) ?? []).map((entry) => entry[0]!);
        delete row.q_need_due;
        row[CASE_QUERY_INDEXES.needStatusUrgency.field] = domains.map((domain) => [domain, record.status, urgencyOf(record), dueOf(record), row.id]);
      }
    });
}

/** The indexes version 6 added over fields encryption covers, by collection. */
export const WORKLIST_KEYS: Readonly<Partial<Record<CollectionName, readonly string[]>>> = {
  cases: ['pendingApproval', 'pendingTransferTo+requestedAt'],
  plans: ['taskDue', 'approvalPending'],
  consents: ['expiresAt'],
};

/**
 * v5 -> v6: the worklist keys of every plaintext row, derived from the record. An encrypted row holds
 * their source fields only in its ciphertext, which an upgrade cannot open (no key, and WebCrypto
 * cannot be awaited here): version 7 flags it, and the adapter derives its keys when it opens with the
 * key (`rekeyFlaggedRows`).
 */
function addWorklistKeys(tx: Transaction): Promise<unknown> {
  return Promise.all(
    Object.entries(WORKLIST_KEYS).map(([collection, names]) => {
      const indexes = names.map((name) => storedIndex(collection as CollectionName, name)!);
      return tx
        .table(collection)
        .toCollection()
        .modify((row: Row) => {
          if (row.e) return;
          for (const index of indexes) setStoredKeys(row, index);
        });
    }),
  );
}

/**
 * Re-derives one index's keys of every row of a collection from the row's readable fields. Works on
 * encrypted rows too, because index sources stay readable (see `READABLE_FIELDS`); throws for an index
 * over encrypted fields, whose keys only the key holder can derive.
 */
export function rebuildKeys(tx: Transaction, collection: CollectionName, indexName: string): Promise<unknown> {
  const index = storedIndex(collection, indexName);
  if (!index) throw new Error(`rebuildKeys: ${collection} has no index "${indexName}"`);
  if (INDEXES_OVER_ENCRYPTED_FIELDS[collection]?.[indexName]) {
    throw new Error(`rebuildKeys: ${collection}.${indexName} is derived from encrypted fields and cannot be rebuilt in an upgrade`);
  }
  // IndexedDB derives key-path indexes from the row itself: nothing is stored to rebuild.
  if (index.keyPath) return Promise.resolve();
  return tx
    .table(collection)
    .toCollection()
    .modify((row: Row) => setStoredKeys(row, index));
}

/** v6 -> v7: each plan and referral gets its case's assignee and the keys of the assignee indexes. */
async function stampCaseAssignees(tx: Transaction): Promise<unknown> {
  // Each case's assignee, `null` for a case with none (a plan whose case is not here stays unstamped).
  const assignees = new Map<string, string | null>();
  await tx
    .table('cases')
    .toCollection()
    .each((row: Row) => {
      assignees.set(row.id, (row.r as { assigneeId?: string }).assigneeId ?? null);
    });
  const stamp = (row: Row) => {
    const r = row.r as StoredRecord & { caseId?: string; caseAssigneeId?: string | null };
    const assigneeId = r.caseId !== undefined ? assignees.get(r.caseId) : undefined;
    if (assigneeId !== undefined) r.caseAssigneeId = assigneeId;
    else delete r.caseAssigneeId;
    return r.caseAssigneeId === undefined ? '' : r.caseAssigneeId;
  };
  const taskDue = storedIndex('plans', 'taskDue')!;
  const assigneeTaskDue = storedIndex('plans', 'assignee+taskDue')!;
  return Promise.all([
    tx
      .table('plans')
      .toCollection()
      .modify((row: Row) => {
        const assignee = stamp(row);
        setStoredKeys(row, storedIndex('plans', 'assignee+reviewDue')!);
        // The stored `taskDue` entries are `[due, id]`, readable even when the goals are encrypted.
        const dues = ((row[taskDue.field] as StoredKey[] | undefined) ?? []).map((entry) => entry[0]!);
        row[assigneeTaskDue.field] = assignee === null ? [] : dues.map((due) => [assignee, due, row.id]);
      }),
    tx
      .table('referrals')
      .toCollection()
      .modify((row: Row) => {
        stamp(row);
        setStoredKeys(row, storedIndex('referrals', 'assignee+status+requestedAt')!);
      }),
  ]);
}

/** v6 -> v7: flags every encrypted case, plan and consent for re-keying with the key (see REKEY_FIELD). */
function flagForRekey(tx: Transaction): Promise<unknown> {
  return Promise.all(
    REKEY_COLLECTIONS.map((collection) =>
      tx
        .table(collection)
        .toCollection()
        .modify((row: Row) => {
          if (row.e) row[REKEY_FIELD] = 1;
        }),
    ),
  );
}

/** Sets a row's stored keys of one index from its readable record (all entries of a multi-entry one), or drops them. */
function setStoredKeys(row: Row, index: StoredIndex): void {
  const keys = index.keys(row.r as StoredRecord).map((key) => withId(key, row.id));
  if (index.multi) row[index.field] = keys;
  else if (keys[0] !== undefined) row[index.field] = keys[0];
  else delete row[index.field];
}
