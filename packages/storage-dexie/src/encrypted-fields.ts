import type { CollectionName } from '@casekit/core';

/*
 * What encryption at rest covers, field by field: the one place that says it. Every top-level field of
 * every collection's schema (core's `RECORD_SCHEMAS`) is in exactly one of the two lists below, and a
 * test fails when a schema gains a field that is in neither. At run time a field stays readable only
 * when `READABLE_FIELDS` names it: any other field (one a newer core added, or an extra field a host
 * stored) is encrypted.
 *
 * The rule: a field stays readable only when the adapter must read it without the key. That is record
 * metadata, the fields IndexedDB indexes are derived from (their values are readable on disk as index
 * keys anyway, and a schema upgrade re-derives keys from readable fields: WebCrypto cannot be awaited
 * inside IndexedDB's version-change transaction), and the case fields the caseload query filters,
 * sorts and groups rows by before anything is decrypted. Everything else is encrypted, including ids
 * that no index needs, staff names and every date no index needs.
 */

const META = 'record metadata: the primary key, the version checked on every write, timestamps';
const UPDATED = 'record metadata, and the updatedAt index';
const INDEXED = 'an index key (its value is readable as the index key anyway; upgrades re-derive keys from it)';
const CASE_QUERY = 'the caseload query filters, sorts or groups rows by it before decryption';
const DIRECTORY = 'public directory data (HSDS organizations and services), shared by every client and searched by name';

const meta = (updatedAt = UPDATED) => ({ id: META, version: META, createdAt: META, updatedAt });

/** Fields that stay readable under encryption, each with the reason. */
export const READABLE_FIELDS: Readonly<Record<CollectionName, Readonly<Record<string, string>>>> = {
  clients: meta(),
  cases: {
    ...meta(),
    clientId: INDEXED,
    status: INDEXED,
    openedAt: INDEXED,
    assigneeId: `${INDEXED}; ${CASE_QUERY}`,
    priority: `${INDEXED} (as urgency); ${CASE_QUERY}`,
    nextContactDue: `${INDEXED}; ${CASE_QUERY}`,
    program: CASE_QUERY,
    riskLevel: CASE_QUERY,
  },
  assessments: { ...meta(META), clientId: INDEXED, caseId: INDEXED, completedAt: INDEXED },
  plans: { ...meta(META), caseId: INDEXED, clientId: INDEXED, caseAssigneeId: INDEXED, status: `${INDEXED} (review dates of plans in effect)`, reviewDate: INDEXED },
  referrals: { ...meta(META), caseId: INDEXED, clientId: INDEXED, caseAssigneeId: INDEXED, status: INDEXED, requestedAt: INDEXED },
  notes: { ...meta(META), caseId: INDEXED, occurredAt: INDEXED, amends: INDEXED },
  consents: { ...meta(META), clientId: INDEXED },
  organizations: {
    ...meta(DIRECTORY),
    ...Object.fromEntries(['name', 'alternateName', 'description', 'contact', 'address', 'identifiers', 'sourceId'].map((f) => [f, DIRECTORY])),
  },
  services: {
    ...meta(DIRECTORY),
    ...Object.fromEntries(
      [
        'organizationId',
        'organizationName',
        'name',
        'alternateName',
        'description',
        'categories',
        'taxonomyTerms',
        'languages',
        'interpretationAvailable',
        'eligibility',
        'contact',
        'address',
        'hours',
        'applicationProcess',
        'fees',
        'status',
        'sourceId',
      ].map((f) => [f, DIRECTORY]),
    ),
  },
  drafts: meta(),
  audit: { ...meta(META), at: INDEXED, recordId: INDEXED, recordIds: INDEXED, caseId: INDEXED },
};

/** The personal and free-text fields encrypted per collection: every field `READABLE_FIELDS` does not name. */
export const ENCRYPTED_FIELDS: Readonly<Record<CollectionName, readonly string[]>> = {
  clients: ['name', 'birthDate', 'gender', 'contact', 'address', 'language', 'interpreterNeeded', 'identifiers', 'linkedTo', 'active'],
  cases: [
    'clientName',
    'clientInterpreterNeeded',
    'title',
    'tags',
    'needs',
    'referralSource',
    'assigneeName',
    'careTeam',
    'statusHistory',
    'activatedAt',
    'closedAt',
    'closure',
    'lastContactAt',
    'pendingApproval',
    'pendingTransfer',
  ],
  assessments: [
    'questionnaireId',
    'questionnaireVersion',
    'status',
    'statusHistory',
    'answers',
    'scores',
    'flags',
    'derivedNeeds',
    'language',
    'completedBy',
  ],
  plans: ['title', 'description', 'period', 'statusHistory', 'author', 'goals', 'approval'],
  referrals: [
    'clientName',
    'reason',
    'urgency',
    'goalId',
    'planId',
    'service',
    'history',
    'consent',
    'requestedBy',
    'acknowledgementDueAt',
    'acknowledgedAt',
    'completedAt',
    'outcome',
    'statusReason',
    'packet',
  ],
  notes: ['type', 'subject', 'text', 'durationMinutes', 'goalId', 'planId', 'clientId', 'status', 'author', 'signedAt', 'signedBy', 'amendmentReason', 'outcome', 'participants', 'interpreter'],
  consents: ['status', 'scope', 'grantee', 'purpose', 'dateTime', 'period', 'source', 'sourceReference', 'shares', 'recordedBy', 'statusHistory'],
  organizations: [],
  services: [],
  drafts: ['ownerId', 'kind', 'caseId', 'clientId', 'data'],
  audit: ['actor', 'action', 'collection', 'outcome', 'clientId', 'fromVersion', 'toVersion', 'transition', 'part', 'changedFields', 'reason'],
};

/**
 * Indexes whose keys are derived from encrypted fields, and how those keys are stored. `blind`: an
 * HMAC keyed by the encryption key (exact lookups only; ranges and prefixes are refused). `plaintext`:
 * readable, for the reason given. Their keys cannot be re-derived by a schema upgrade (that needs the
 * key); a test fails when an index reads an encrypted field without being listed here.
 */
export const INDEXES_OVER_ENCRYPTED_FIELDS: Readonly<Partial<Record<CollectionName, Readonly<Record<string, { stored: 'blind' | 'plaintext'; why: string }>>>>> = {
  clients: {
    birthDate: { stored: 'blind', why: 'exact lookups by birth date' },
    identifiers: { stored: 'blind', why: 'exact lookups by identifier (system|value)' },
    nameTokens: { stored: 'plaintext', why: 'name search matches word prefixes, which needs ordered keys: the folded, lower-case words of the name' },
  },
  cases: {
    tokens: { stored: 'plaintext', why: 'text search matches word prefixes: the folded, lower-case words of the client name, case title and tags' },
    'need+status+urgency+due': { stored: 'plaintext', why: 'the caseload query by need domain: the domains of unresolved needs (not their notes), with the readable status, priority and due date' },
    pendingApproval: { stored: 'plaintext', why: 'closures waiting for approval (the worklist): when the closure was requested, nothing else of it' },
    'pendingTransferTo+requestedAt': { stored: 'plaintext', why: 'transfers waiting for their receiver: the receiving actor id and when it was requested, not the reason' },
  },
  plans: {
    taskDue: { stored: 'plaintext', why: 'tasks due (the worklist): the due dates of open tasks, not what the tasks are' },
    'assignee+taskDue': { stored: 'plaintext', why: "one case manager's tasks due (the worklist): the case's assignee id and the due dates of open tasks, not what the tasks are" },
    approvalPending: { stored: 'plaintext', why: 'activations waiting for approval (the worklist): when the activation was requested, nothing else of it' },
  },
  consents: {
    expiresAt: { stored: 'plaintext', why: 'consents expiring (the worklist): the end instant of active consents, not their scope, grantee or purpose' },
  },
  referrals: {
    organizationId: { stored: 'plaintext', why: "a receiving organisation's referrals (its id only; the service, its name and category are encrypted)" },
  },
  audit: {
    'actorId+at': { stored: 'plaintext', why: 'who did what: the actor id only (name and role are encrypted)' },
  },
};

/** Indexes stored as HMACs under encryption, by collection. */
export const BLIND_INDEXES: Readonly<Partial<Record<CollectionName, readonly string[]>>> = Object.fromEntries(
  Object.entries(INDEXES_OVER_ENCRYPTED_FIELDS).map(([collection, indexes]) => [
    collection,
    Object.entries(indexes).flatMap(([name, { stored }]) => (stored === 'blind' ? [name] : [])),
  ]),
);

const readableSets = new Map<string, ReadonlySet<string>>(Object.entries(READABLE_FIELDS).map(([c, fields]) => [c, new Set(Object.keys(fields))]));

/** Whether a field stays readable under encryption (anything not listed as readable is encrypted). */
export function isReadableField(collection: CollectionName, field: string): boolean {
  return readableSets.get(collection)?.has(field) ?? false;
}
