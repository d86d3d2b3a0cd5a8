/**
 * The access matrix: every public call of the manager × every kind of actor, under the default policy
 * (on the social-work case of Marta Alvarez's client) and under the security guide's behavioral-health
 * policy (on a BH case, for a cleared and an uncleared supervisor). Each cell asserts
 * - the outcome: allowed, refused (PermissionError), or "nothing shown" (an empty list or a refusal);
 * - the audit log: an allowed read of personal data writes exactly one `read` event by the actor naming
 *   what it returned (`recordId` for one record; `recordIds` + the scope for a list) and nothing else;
 *   a read that returned nothing, a count, a report, a directory or audit read writes nothing; a refusal
 *   writes exactly one `refused` event (actor, action, collection) and nothing else;
 * - no leak: whoever may not see the target case gets none of its record ids or its client's name.
 *
 * The table is data: `MATRIX_CELLS` (ops × roles) is exported and printed for reports.
 */
import { readAll } from '../storage/read-all.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCaseManager, type CaseManager } from '../case-manager.js';
import { PermissionError } from '../errors/errors.js';
import { defaultPolicy, type Policy, type PolicyRequest } from '../policy/policy.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { StoragePort, StoredRecord } from '../storage/storage-port.js';
import { COLLECTIONS, type CollectionName } from '../records/record.js';
import type { Actor } from '../records/common.js';
import { RECORD_SCHEMAS } from '../transfer/record-schemas.js';
import { OrganizationSchema } from '../directory/directory-schema.js';
import { DraftSchema } from '../draft/draft-schema.js';
import { draftStorageId } from '../draft/drafts-api.js';
import { CASELOAD_FORMAT, CASELOAD_FORMAT_VERSION } from '../transfer/caseload-transfer.js';
import { PERSONAS, sequentialIds, testClock } from '../testing/test-manager.js';
import type { AuditEvent } from '../audit/audit-schema.js';

// ---------------------------------------------------------------------------------------------------
// Personas and policies
// ---------------------------------------------------------------------------------------------------

const VOLUNTEER: Actor = { id: 'vol-park', name: 'Jin Park', role: 'volunteer' };
const BH_CASE_MANAGER: Actor = { id: 'cm-okoro', name: 'Chidi Okoro', role: 'case-manager' };
const CLEARED_SUPERVISOR: Actor = { id: 'sup-nguyen', name: 'Linh Nguyen', role: 'supervisor' };

/** The security guide's example: behavioral-health cases only for cleared staff, no consent overrides. */
const BH_CLEARED = new Set(['cm-okoro', 'sup-nguyen']);
const programOf = (request: PolicyRequest) =>
  request.case?.program ?? (request.collection === 'cases' ? (request.record as { program?: string } | undefined)?.program : undefined);
const behavioralHealthPolicy: Policy = (request) => {
  if (request.action === 'override-consent') return false;
  if (programOf(request) === 'behavioral-health' && !BH_CLEARED.has(request.actor.id)) return false;
  return defaultPolicy(request);
};

type Role = 'own' | 'other' | 'supervisor' | 'viewer' | 'provider' | 'volunteer' | 'cleared' | 'uncleared';
const ROLES: readonly Role[] = ['own', 'other', 'supervisor', 'viewer', 'provider', 'volunteer', 'cleared', 'uncleared'];
const ACTORS: Record<Role, Actor> = {
  own: PERSONAS.caseManager,
  other: PERSONAS.otherCaseManager,
  supervisor: PERSONAS.supervisor,
  viewer: PERSONAS.viewer,
  provider: PERSONAS.foodBankStaff,
  volunteer: VOLUNTEER,
  cleared: CLEARED_SUPERVISOR,
  uncleared: PERSONAS.supervisor,
};
/** The restricted-case cells run on the BH case under the BH policy; the rest on case A under the default policy. */
const RESTRICTED: ReadonlySet<Role> = new Set(['cleared', 'uncleared']);
/** Roles that may not see the target case at all: their results must not carry any of its ids. */
const MUST_NOT_SEE_TARGET: ReadonlySet<Role> = new Set(['other', 'volunteer', 'uncleared']);

// ---------------------------------------------------------------------------------------------------
// The world: built once through the API, then loaded into a fresh storage for every cell
// ---------------------------------------------------------------------------------------------------

const NOW = '2026-11-24T15:00:00.000Z';
const FOOD_BANK = 'org-food-bank';
const LEGAL_AID = 'org-legal-aid';
const phq9Zeros = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9-${i + 1}`, '0']));

/** One client with a case and one of everything under it. */
interface Target {
  caseManager: Actor;
  program: string;
  givenName: string;
  /** A family name only this client has: searches for it find only them. */
  familyName: string;
  clientId: string;
  caseId: string;
  consentId: string;
  planId: string;
  goalId: string;
  interventionId: string;
  pendingPlanId: string;
  signedNoteId: string;
  draftNoteId: string;
  assessmentId: string;
  sentReferralId: string;
  draftReferralId: string;
  /** A client with no case (e.g. a duplicate record), used by `clients.link`. */
  spareClientId: string;
  /** Every id of the target's records (not the spare client, which anyone on staff may see). */
  privateIds: string[];
}

interface World {
  records: Map<CollectionName, StoredRecord[]>;
  A: Target;
  B: { clientId: string; caseId: string };
  C: Target;
  foodServiceId: string;
}

async function buildTarget(storage: StoragePort, policy: Policy, cm: Actor, program: string, given: string, familyName: string, foodServiceId: string, ids: () => string): Promise<Target> {
  const clock = testClock(NOW);
  const manager = createCaseManager({ storage, actor: cm, policy, clock: clock.now, ids });
  const gated = createCaseManager({ storage, actor: cm, policy, clock: clock.now, ids, approvals: { caseClosure: true, planActivation: true } });
  const { client } = await manager.clients.create({ name: { given: [given], family: familyName }, birthDate: '1984-03-12', language: 'es', contact: { phone: '+1 555 0100' } });
  let caseRecord = await manager.cases.create({ clientId: client.id, program, status: 'active', title: `${program} support` });
  caseRecord = await manager.cases.identifyNeeds(caseRecord, ['food', 'housing']);
  const consent = await manager.consents.record({
    clientId: client.id,
    scope: 'share-with-provider',
    grantee: { organizationId: FOOD_BANK, name: 'Riverside Community Food Bank' },
    purpose: 'Referral for food assistance',
    source: 'written',
  });
  const draftPlan = await manager.plans.create(caseRecord.id, {
    title: 'Food security',
    reviewDate: '2026-11-20',
    goals: [{ needDomain: 'food', description: 'Groceries every week', interventions: [{ description: 'Apply for SNAP' }] }],
  });
  const plan = await manager.plans.transition(draftPlan, 'active');
  const pendingPlan = await gated.plans.transition(await manager.plans.create(caseRecord.id, { title: 'Stable housing' }), 'active');
  assert.equal(pendingPlan.approval?.status, 'pending', 'world: the housing plan waits for approval');
  const signedNote = await manager.notes.create({ caseId: caseRecord.id, type: 'phone', text: 'Called about the pantry hours.', sign: true });
  const draftNote = await manager.notes.create({ caseId: caseRecord.id, type: 'visit', text: 'Home visit, notes to finish.' });
  const assessment = await manager.assessments.submit({ caseId: caseRecord.id, questionnaireId: 'phq-9', answers: phq9Zeros });
  const sent = await manager.referrals.create({ caseId: caseRecord.id, service: { serviceId: foodServiceId }, reason: 'Ran out of food stamps mid-month', send: true });
  const draftReferral = await manager.referrals.create({ caseId: caseRecord.id, service: { serviceId: foodServiceId }, reason: 'Holiday food box' });
  const { client: spare } = await manager.clients.create({ name: { given: ['Unverified'], family: `${given}-walk-in` } });
  const current = await storage.get('cases', caseRecord.id);
  const pending = await gated.cases.transition({ id: caseRecord.id, version: current!.version }, 'closed', { closureReason: 'goals-met' });
  assert.ok(pending.pendingApproval, 'world: the case closure waits for approval');
  const goal = plan.goals[0]!;
  const target = {
    caseManager: cm,
    program,
    givenName: given,
    familyName,
    clientId: client.id,
    caseId: caseRecord.id,
    consentId: consent.id,
    planId: plan.id,
    goalId: goal.id,
    interventionId: goal.interventions[0]!.id,
    pendingPlanId: pendingPlan.id,
    signedNoteId: signedNote.id,
    draftNoteId: draftNote.id,
    assessmentId: assessment.id,
    sentReferralId: sent.id,
    draftReferralId: draftReferral.id,
    spareClientId: spare.id,
  };
  const { caseManager: _cm, program: _p, givenName: _g, familyName: _f, spareClientId: _s, ...privateIds } = target;
  return { ...target, privateIds: Object.values(privateIds) };
}


async function buildWorld(): Promise<World> {
  const storage = createMemoryStorage();
  const ids = sequentialIds('w');
  await storage.load([
    {
      collection: 'organizations',
      records: [
        OrganizationSchema.parse({ id: FOOD_BANK, version: 1, createdAt: NOW, updatedAt: NOW, name: 'Riverside Community Food Bank' }),
        OrganizationSchema.parse({ id: LEGAL_AID, version: 1, createdAt: NOW, updatedAt: NOW, name: 'Valley Legal Aid' }),
      ],
    },
  ]);
  const admin = createCaseManager({ storage, actor: PERSONAS.supervisor, policy: behavioralHealthPolicy, clock: () => new Date(NOW), ids });
  const foodService = await admin.directory.createService({ organizationId: FOOD_BANK, name: 'Emergency food boxes', categories: ['food'], languages: ['en', 'es'] });
  const A = await buildTarget(storage, behavioralHealthPolicy, PERSONAS.caseManager, 'social-work', 'Rosa', 'Hernández', foodService.id, ids);
  const C = await buildTarget(storage, behavioralHealthPolicy, BH_CASE_MANAGER, 'behavioral-health', 'Grace', 'Adeyemi', foodService.id, ids);
  const colleague = admin.withActor(PERSONAS.otherCaseManager);
  const { client: clientB } = await colleague.clients.create({ name: { given: ['Kwame'], family: 'Mensah' } });
  const openedB = await colleague.cases.create({ clientId: clientB.id, program: 'healthcare', status: 'active' });
  // Devon asks Marta to take over case B: a transfer waiting for her to accept it.
  const caseB = await colleague.cases.transfer(openedB, { id: PERSONAS.caseManager.id, name: PERSONAS.caseManager.name }, { reason: 'Moving to the night shift', requireAcceptance: true });
  // Everyone has an intake draft in progress (stored as the API stores drafts).
  await storage.load([
    {
      collection: 'drafts',
      records: [...new Set(Object.values(ACTORS))].map((actor) =>
        DraftSchema.parse({ id: draftStorageId(actor.id, 'intake'), version: 1, createdAt: NOW, updatedAt: NOW, ownerId: actor.id, kind: 'intake', data: { step: 2 } }),
      ),
    },
  ]);
  const records = new Map<CollectionName, StoredRecord[]>();
  for (const collection of COLLECTIONS) records.set(collection, await readAll(storage, collection));
  return { records, A, B: { clientId: clientB.id, caseId: caseB.id }, C, foodServiceId: foodService.id };
}

/** A fresh storage holding the world, and a manager acting as the role's actor. */
async function cellManager(world: World, role: Role): Promise<{ manager: CaseManager; storage: StoragePort }> {
  const storage = createMemoryStorage();
  await storage.load([...world.records].filter(([, records]) => records.length).map(([collection, records]) => ({ collection, records })));
  const manager = createCaseManager({
    storage,
    actor: ACTORS[role],
    policy: RESTRICTED.has(role) ? behavioralHealthPolicy : defaultPolicy,
    clock: () => new Date(NOW),
    ids: sequentialIds('cell'),
  });
  return { manager, storage };
}

// ---------------------------------------------------------------------------------------------------
// Storage snapshots and the audit events a call added
// ---------------------------------------------------------------------------------------------------

type Snapshot = Map<CollectionName, Map<string, string>>;
async function snapshot(storage: StoragePort): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const collection of COLLECTIONS) out.set(collection, new Map((await readAll(storage, collection)).map((r) => [r.id, JSON.stringify(r)])));
  return out;
}
function changedCollections(before: Snapshot, after: Snapshot): CollectionName[] {
  return COLLECTIONS.filter((c) => c !== 'audit').filter((c) => {
    const a = before.get(c)!;
    const b = after.get(c)!;
    return a.size !== b.size || [...a].some(([id, json]) => b.get(id) !== json);
  });
}
function addedAuditEvents(before: Snapshot, after: Snapshot): AuditEvent[] {
  const a = before.get('audit')!;
  const b = after.get('audit')!;
  for (const [id, json] of a) assert.equal(b.get(id), json, `audit/${id} was changed or removed`);
  return [...b].filter(([id]) => !a.has(id)).map(([, json]) => JSON.parse(json) as AuditEvent);
}

// ---------------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------------

/**
 * ok: allowed; refused: PermissionError; nothing: an empty result or a refusal (both show nothing);
 * either: allowed or nothing, as the policy sees fit (the no-leak check still applies).
 */
type Outcome = 'ok' | 'refused' | 'nothing' | 'either';
type Expect = Record<Role, Outcome>;

/**
 * read: one record of personal data (audited with `recordId`); list: personal data (audited with scope
 * and `recordIds`); unaudited: counts, reports, the directory, the audit log; pure: helpers that read
 * nothing stored; write: changes records; export/import: the caseload transfer.
 * maybeRead: returns something derived from a case (goal suggestions): allowed like a read, at most one read event.
 * worklist: a list across collections (cases, plans, referrals, consents, clients): one read event per collection shown.
 */
type Kind = 'read' | 'list' | 'unaudited' | 'pure' | 'write' | 'export' | 'import' | 'maybeRead' | 'worklist';

interface Op {
  name: string;
  kind: Kind;
  /** The collection a read event names. */
  collection?: CollectionName;
  /** The `recordId` of a list read's event. */
  scope?: (t: Target) => string;
  /** Actions a refusal may be recorded as (the first is the one attempted; `read` when the call must first read another record). */
  refusedAs: readonly string[];
  refusedIn: readonly string[];
  call(m: CaseManager, t: Target, w: World): Promise<unknown> | unknown;
  /** Ids of the personal records a read returned. */
  ids?(result: unknown): string[];
  expect: Expect;
  /** Exactly which records a list shows to a role. */
  returns?: Partial<Record<Role, (t: Target, w: World) => string[]>>;
}

const ALL_OK: Expect = { own: 'ok', other: 'ok', supervisor: 'ok', viewer: 'ok', provider: 'ok', volunteer: 'ok', cleared: 'ok', uncleared: 'ok' };
/** Reading a record of the target case. */
const CASE_READ: Expect = { own: 'ok', other: 'refused', supervisor: 'ok', viewer: 'ok', provider: 'refused', volunteer: 'refused', cleared: 'ok', uncleared: 'refused' };
/** Changing a record of the target case. */
const CASE_WRITE: Expect = { ...CASE_READ, viewer: 'refused' };
/** Approving a gated change on the target case. */
const APPROVE: Expect = { ...CASE_WRITE, own: 'refused' };
/** Lists filtered record by record: whoever sees none of them gets an empty list (or a refusal). */
const CASE_LIST: Expect = { own: 'ok', other: 'nothing', supervisor: 'ok', viewer: 'ok', provider: 'nothing', volunteer: 'nothing', cleared: 'ok', uncleared: 'nothing' };
/** Editing the directory, exporting, importing: supervisors and admins. */
const SUPERVISORS: Expect = { own: 'refused', other: 'refused', supervisor: 'ok', viewer: 'refused', provider: 'refused', volunteer: 'refused', cleared: 'ok', uncleared: 'ok' };
/** Reading the public directory: everyone the default policy knows. */
const DIRECTORY_READ: Expect = { ...ALL_OK, volunteer: 'refused' };
/** Whole-caseload queries, counts and reports: everyone on staff, not providers or unknown roles. */
const CASELOAD: Expect = { ...ALL_OK, provider: 'refused', volunteer: 'refused' };
/** Creating new things that belong to no existing case. */
const STAFF_CREATE: Expect = { ...CASELOAD, viewer: 'refused' };

const version = async (m: CaseManager, collection: CollectionName, id: string) => {
  const record = await m.storage.get(collection, id);
  assert.ok(record, `world: ${collection}/${id} exists`);
  return { id, version: record.version };
};
const idsOf = (items: unknown): string[] => (items as { id: string }[]).map((r) => r.id);
const one = (item: unknown): string[] => (item ? [(item as { id: string }).id] : []);
const pageIds = (page: unknown): string[] => idsOf((page as { items: unknown[] }).items);
const fullHints = (hints: unknown): string[] =>
  (hints as { access: string; client?: { id: string } }[]).flatMap((h) => (h.access === 'full' ? [h.client!.id] : []));

const NEW_CLIENT = { name: { given: ['Samuel'], family: 'Ivanova' }, birthDate: '1999-09-09' };
const nearDuplicate = (t: Target) => ({ name: { given: [t.givenName], family: t.familyName }, birthDate: '1984-03-12' });
const emptyExport = {
  format: CASELOAD_FORMAT,
  formatVersion: CASELOAD_FORMAT_VERSION,
  exportedAt: '2026-11-01T00:00:00.000Z',
  exportedBy: { id: 'sup-elsewhere', name: 'Other Agency', role: 'supervisor' },
  collections: {},
};

const OPS: Op[] = [
  // --- clients --------------------------------------------------------------------------------------
  { name: 'clients.get', kind: 'read', collection: 'clients', refusedAs: ['read'], refusedIn: ['clients'], call: (m, t) => m.clients.get(t.clientId), ids: one, expect: CASE_READ },
  {
    name: 'clients.search',
    kind: 'list',
    collection: 'clients',
    scope: () => 'clients.search',
    refusedAs: ['read'],
    refusedIn: ['clients'],
    call: (m, t) => m.clients.search(t.familyName),
    ids: idsOf,
    expect: CASE_LIST,
    returns: { own: (t) => [t.clientId], supervisor: (t) => [t.clientId], viewer: (t) => [t.clientId], cleared: (t) => [t.clientId] },
  },
  {
    name: 'clients.findDuplicates',
    kind: 'list',
    collection: 'clients',
    scope: () => 'clients.findDuplicates',
    refusedAs: ['create', 'read'],
    refusedIn: ['clients'],
    call: (m, t) => m.clients.findDuplicates(nearDuplicate(t)),
    ids: fullHints,
    expect: STAFF_CREATE,
    returns: { own: (t) => [t.clientId], other: () => [], supervisor: (t) => [t.clientId], cleared: (t) => [t.clientId], uncleared: () => [] },
  },
  { name: 'clients.create', kind: 'write', refusedAs: ['create'], refusedIn: ['clients'], call: (m) => m.clients.create(NEW_CLIENT), expect: STAFF_CREATE },
  {
    name: 'clients.create (near duplicate)',
    kind: 'write',
    refusedAs: ['create'],
    refusedIn: ['clients'],
    call: (m, t) => m.clients.create({ ...nearDuplicate(t), contact: { phone: '+1 555 0199' } }),
    expect: STAFF_CREATE,
  },
  {
    name: 'clients.update',
    kind: 'write',
    refusedAs: ['update', 'read'],
    refusedIn: ['clients'],
    call: async (m, t) => m.clients.update(await version(m, 'clients', t.clientId), { contact: { phone: '+1 555 0111' } }),
    expect: CASE_WRITE,
  },
  {
    name: 'clients.link',
    kind: 'write',
    refusedAs: ['update', 'read'],
    refusedIn: ['clients'],
    call: async (m, t) => m.clients.link(await version(m, 'clients', t.spareClientId), t.clientId),
    expect: CASE_WRITE,
  },

  // --- cases ----------------------------------------------------------------------------------------
  { name: 'cases.create', kind: 'write', refusedAs: ['create', 'read'], refusedIn: ['cases', 'clients'], call: (m, t) => m.cases.create({ clientId: t.clientId, program: t.program }), expect: CASE_WRITE },
  { name: 'cases.get', kind: 'read', collection: 'cases', refusedAs: ['read'], refusedIn: ['cases'], call: (m, t) => m.cases.get(t.caseId), ids: one, expect: CASE_READ },
  {
    name: 'cases.query',
    kind: 'list',
    collection: 'cases',
    scope: () => 'cases.query',
    refusedAs: ['read'],
    refusedIn: ['cases'],
    call: (m) => m.cases.query({ limit: 100 }),
    ids: pageIds,
    expect: CASELOAD,
    returns: {
      own: (_t, w) => [w.A.caseId],
      other: (_t, w) => [w.B.caseId],
      supervisor: (_t, w) => [w.A.caseId, w.B.caseId, w.C.caseId],
      viewer: (_t, w) => [w.A.caseId, w.B.caseId, w.C.caseId],
      cleared: (_t, w) => [w.A.caseId, w.B.caseId, w.C.caseId],
      uncleared: (_t, w) => [w.A.caseId, w.B.caseId],
    },
  },
  {
    name: "cases.query (the client's name)",
    kind: 'list',
    collection: 'cases',
    scope: () => 'cases.query',
    refusedAs: ['read'],
    refusedIn: ['cases'],
    call: (m, t) => m.cases.query({ text: t.familyName }),
    ids: pageIds,
    expect: { ...CASE_LIST, provider: 'refused', volunteer: 'refused' },
    returns: { own: (t) => [t.caseId], supervisor: (t) => [t.caseId], viewer: (t) => [t.caseId], cleared: (t) => [t.caseId] },
  },
  { name: 'cases.countBy', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['cases'], call: (m) => m.cases.countBy('status'), expect: CASELOAD },
  { name: 'cases.update', kind: 'write', refusedAs: ['update'], refusedIn: ['cases'], call: async (m, t) => m.cases.update(await version(m, 'cases', t.caseId), { priority: 'high' }), expect: CASE_WRITE },
  {
    name: 'cases.transition',
    kind: 'write',
    refusedAs: ['transition'],
    refusedIn: ['cases'],
    call: async (m, t) => m.cases.transition(await version(m, 'cases', t.caseId), 'on-hold', { reason: 'Client travelling for a month' }),
    expect: CASE_WRITE,
  },
  { name: 'cases.identifyNeeds', kind: 'write', refusedAs: ['update'], refusedIn: ['cases'], call: async (m, t) => m.cases.identifyNeeds(await version(m, 'cases', t.caseId), ['legal']), expect: CASE_WRITE },
  { name: 'cases.approveClosure', kind: 'write', refusedAs: ['approve'], refusedIn: ['cases'], call: async (m, t) => m.cases.approveClosure(await version(m, 'cases', t.caseId)), expect: APPROVE },
  {
    name: 'cases.rejectClosure',
    kind: 'write',
    refusedAs: ['approve'],
    refusedIn: ['cases'],
    call: async (m, t) => m.cases.rejectClosure(await version(m, 'cases', t.caseId), 'The housing goal is still open'),
    expect: APPROVE,
  },
  // --- case transfers (case B waits for Marta to accept it; see buildWorld) ---------------------------------
  {
    name: 'cases.transfer',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['cases'],
    call: async (m, t) => m.cases.transfer(await version(m, 'cases', t.caseId), { id: 'cm-chen', name: 'Wei Chen' }, { reason: 'Caseload rebalancing' }),
    expect: CASE_WRITE,
  },
  {
    name: 'cases.transfer (several, waiting for acceptance)',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['cases'],
    call: async (m, t) => m.cases.transfer([await version(m, 'cases', t.caseId)], { id: 'cm-chen', name: 'Wei Chen' }, { reason: 'Caseload rebalancing', requireAcceptance: true }),
    expect: CASE_WRITE,
  },
  {
    name: 'cases.acceptTransfer',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['cases'],
    call: async (m, _t, w) => m.cases.acceptTransfer(await version(m, 'cases', w.B.caseId)),
    expect: { ...SUPERVISORS, own: 'ok' },
  },
  {
    name: 'cases.declineTransfer',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['cases'],
    call: async (m, _t, w) => m.cases.declineTransfer(await version(m, 'cases', w.B.caseId), 'My caseload is full'),
    expect: { ...SUPERVISORS, own: 'ok' },
  },
  {
    name: 'cases.cancelTransfer',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['cases'],
    call: async (m, _t, w) => m.cases.cancelTransfer(await version(m, 'cases', w.B.caseId), 'Staying on days after all'),
    expect: { ...SUPERVISORS, other: 'ok' },
  },
  {
    name: 'cases.pendingTransfers',
    kind: 'list',
    collection: 'cases',
    scope: () => 'cases.pendingTransfers',
    refusedAs: ['read'],
    refusedIn: ['cases'],
    call: (m) => m.cases.pendingTransfers({ to: PERSONAS.caseManager.id }),
    ids: idsOf,
    expect: { ...ALL_OK, provider: 'nothing', volunteer: 'nothing' },
    returns: Object.fromEntries(ROLES.filter((r) => r !== 'provider' && r !== 'volunteer').map((r) => [r, (_t: Target, w: World) => [w.B.caseId]])),
  },
  { name: 'cases.allowedTransitions', kind: 'pure', refusedAs: [], refusedIn: [], call: (m) => m.cases.allowedTransitions({ status: 'active' }), expect: ALL_OK },
  { name: 'cases.isOverdue', kind: 'pure', refusedAs: [], refusedIn: [], call: (m) => m.cases.isOverdue({ status: 'active', nextContactDue: '2026-01-05' }), expect: ALL_OK },

  // --- assessments ----------------------------------------------------------------------------------
  {
    name: 'assessments.submit',
    kind: 'write',
    refusedAs: ['create'],
    refusedIn: ['assessments'],
    call: (m, t) => m.assessments.submit({ caseId: t.caseId, questionnaireId: 'phq-9', answers: phq9Zeros }),
    expect: CASE_WRITE,
  },
  {
    name: 'assessments.intake (new client)',
    kind: 'write',
    refusedAs: ['create'],
    refusedIn: ['clients', 'cases'],
    call: (m, t) => m.assessments.intake({ client: NEW_CLIENT, case: { program: t.program }, questionnaireId: 'phq-9', answers: phq9Zeros }),
    expect: { ...CASE_WRITE, other: 'ok' },
  },
  {
    name: 'assessments.intake (existing client)',
    kind: 'write',
    refusedAs: ['read', 'create'],
    refusedIn: ['clients', 'cases'],
    call: (m, t) => m.assessments.intake({ client: { id: t.clientId }, case: { program: t.program }, questionnaireId: 'phq-9', answers: phq9Zeros }),
    expect: CASE_WRITE,
  },
  { name: 'assessments.get', kind: 'read', collection: 'assessments', refusedAs: ['read'], refusedIn: ['assessments'], call: (m, t) => m.assessments.get(t.assessmentId), ids: one, expect: CASE_READ },
  {
    name: 'assessments.forCase',
    kind: 'list',
    collection: 'assessments',
    scope: (t) => t.caseId,
    refusedAs: ['read'],
    refusedIn: ['assessments'],
    call: (m, t) => m.assessments.forCase(t.caseId),
    ids: idsOf,
    expect: CASE_READ,
    returns: { own: (t) => [t.assessmentId], supervisor: (t) => [t.assessmentId], cleared: (t) => [t.assessmentId] },
  },
  {
    name: 'assessments.markEnteredInError',
    kind: 'write',
    refusedAs: ['transition'],
    refusedIn: ['assessments'],
    call: async (m, t) => m.assessments.markEnteredInError(await version(m, 'assessments', t.assessmentId), 'Answered for the wrong client'),
    expect: CASE_WRITE,
  },
  { name: 'assessments.loadDefinition', kind: 'pure', refusedAs: [], refusedIn: [], call: (m) => m.assessments.loadDefinition('phq-9'), expect: ALL_OK },
  // Loaded first (a shipped instrument loads on demand), then read at once.
  { name: 'assessments.definition', kind: 'pure', refusedAs: [], refusedIn: [], call: async (m) => (await m.assessments.loadDefinition('phq-9'), m.assessments.definition('phq-9')), expect: ALL_OK },

  // --- care plans -----------------------------------------------------------------------------------
  { name: 'plans.create', kind: 'write', refusedAs: ['create'], refusedIn: ['plans'], call: (m, t) => m.plans.create(t.caseId, { title: 'Employment' }), expect: CASE_WRITE },
  { name: 'plans.get', kind: 'read', collection: 'plans', refusedAs: ['read'], refusedIn: ['plans'], call: (m, t) => m.plans.get(t.planId), ids: one, expect: CASE_READ },
  {
    name: 'plans.forCase',
    kind: 'list',
    collection: 'plans',
    scope: (t) => t.caseId,
    refusedAs: ['read'],
    refusedIn: ['plans'],
    call: (m, t) => m.plans.forCase(t.caseId),
    ids: idsOf,
    expect: CASE_READ,
    returns: { own: (t) => [t.planId, t.pendingPlanId], supervisor: (t) => [t.planId, t.pendingPlanId], cleared: (t) => [t.planId, t.pendingPlanId] },
  },
  {
    name: 'plans.dueForReview',
    kind: 'list',
    collection: 'plans',
    scope: () => 'plans.dueForReview',
    refusedAs: ['read'],
    refusedIn: ['plans'],
    call: (m) => m.plans.dueForReview({ asOf: '2026-11-24' }),
    ids: idsOf,
    expect: { ...CASE_LIST, uncleared: 'ok' },
    returns: {
      own: (_t, w) => [w.A.planId],
      supervisor: (_t, w) => [w.A.planId, w.C.planId],
      viewer: (_t, w) => [w.A.planId, w.C.planId],
      cleared: (_t, w) => [w.A.planId, w.C.planId],
      uncleared: (_t, w) => [w.A.planId],
    },
  },
  { name: 'plans.update', kind: 'write', refusedAs: ['update'], refusedIn: ['plans'], call: async (m, t) => m.plans.update(await version(m, 'plans', t.planId), { description: 'Reviewed with the client' }), expect: CASE_WRITE },
  { name: 'plans.transition', kind: 'write', refusedAs: ['transition'], refusedIn: ['plans'], call: async (m, t) => m.plans.transition(await version(m, 'plans', t.planId), 'on-hold'), expect: CASE_WRITE },
  { name: 'plans.approveActivation', kind: 'write', refusedAs: ['approve'], refusedIn: ['plans'], call: async (m, t) => m.plans.approveActivation(await version(m, 'plans', t.pendingPlanId)), expect: APPROVE },
  {
    name: 'plans.rejectActivation',
    kind: 'write',
    refusedAs: ['approve'],
    refusedIn: ['plans'],
    call: async (m, t) => m.plans.rejectActivation(await version(m, 'plans', t.pendingPlanId), 'Add a goal for the rent arrears first'),
    expect: APPROVE,
  },
  {
    name: 'plans.addGoal',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['plans'],
    call: async (m, t) => m.plans.addGoal(await version(m, 'plans', t.planId), { needDomain: 'housing', description: 'A lease in her name' }),
    expect: CASE_WRITE,
  },
  {
    name: 'plans.updateGoal',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['plans'],
    call: async (m, t) => m.plans.updateGoal(await version(m, 'plans', t.planId), t.goalId, { priority: 'high-priority' }),
    expect: CASE_WRITE,
  },
  { name: 'plans.transitionGoal', kind: 'write', refusedAs: ['transition'], refusedIn: ['plans'], call: async (m, t) => m.plans.transitionGoal(await version(m, 'plans', t.planId), t.goalId, 'active'), expect: CASE_WRITE },
  {
    name: 'plans.addIntervention',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['plans'],
    call: async (m, t) => m.plans.addIntervention(await version(m, 'plans', t.planId), t.goalId, { description: 'Visit the pantry together' }),
    expect: CASE_WRITE,
  },
  {
    name: 'plans.updateIntervention',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['plans'],
    call: async (m, t) => m.plans.updateIntervention(await version(m, 'plans', t.planId), t.goalId, t.interventionId, { dueDate: '2026-12-01' }),
    expect: CASE_WRITE,
  },
  {
    name: 'plans.transitionIntervention',
    kind: 'write',
    refusedAs: ['transition'],
    refusedIn: ['plans'],
    call: async (m, t) => m.plans.transitionIntervention(await version(m, 'plans', t.planId), t.goalId, t.interventionId, 'in-progress'),
    expect: CASE_WRITE,
  },
  {
    name: 'plans.addProgress',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['plans'],
    call: async (m, t) => m.plans.addProgress(await version(m, 'plans', t.planId), t.goalId, { text: 'SNAP application submitted' }),
    expect: CASE_WRITE,
  },
  { name: 'plans.suggestGoals', kind: 'maybeRead', collection: 'plans', refusedAs: ['read'], refusedIn: ['plans', 'cases'], call: (m, t) => m.plans.suggestGoals(t.caseId), expect: CASE_READ },
  { name: 'plans.allowedTransitions', kind: 'pure', refusedAs: [], refusedIn: [], call: (m) => m.plans.allowedTransitions({ status: 'draft' }), expect: ALL_OK },
  { name: 'plans.allowedGoalTransitions', kind: 'pure', refusedAs: [], refusedIn: [], call: (m) => m.plans.allowedGoalTransitions({ lifecycleStatus: 'proposed' }), expect: ALL_OK },
  { name: 'plans.allowedInterventionTransitions', kind: 'pure', refusedAs: [], refusedIn: [], call: (m) => m.plans.allowedInterventionTransitions({ status: 'not-started' }), expect: ALL_OK },

  // --- notes ----------------------------------------------------------------------------------------
  { name: 'notes.create', kind: 'write', refusedAs: ['create'], refusedIn: ['notes'], call: (m, t) => m.notes.create({ caseId: t.caseId, type: 'message', text: 'Sent the pantry address.' }), expect: CASE_WRITE },
  { name: 'notes.get', kind: 'read', collection: 'notes', refusedAs: ['read'], refusedIn: ['notes'], call: (m, t) => m.notes.get(t.signedNoteId), ids: one, expect: CASE_READ },
  { name: 'notes.update', kind: 'write', refusedAs: ['update'], refusedIn: ['notes'], call: async (m, t) => m.notes.update(await version(m, 'notes', t.draftNoteId), { text: 'Home visit: fridge empty.' }), expect: CASE_WRITE },
  { name: 'notes.sign', kind: 'write', refusedAs: ['transition'], refusedIn: ['notes'], call: async (m, t) => m.notes.sign(await version(m, 'notes', t.draftNoteId)), expect: CASE_WRITE },
  {
    name: 'notes.amend',
    kind: 'write',
    refusedAs: ['create', 'read'],
    refusedIn: ['notes'],
    call: async (m, t) => m.notes.amend(await version(m, 'notes', t.signedNoteId), { text: 'Called about the pantry hours and the bus route.', reason: 'Left out the bus route' }),
    expect: CASE_WRITE,
  },
  { name: 'notes.delete', kind: 'write', refusedAs: ['delete'], refusedIn: ['notes'], call: async (m, t) => m.notes.delete(await version(m, 'notes', t.draftNoteId)), expect: CASE_WRITE },
  {
    name: 'notes.forCase',
    kind: 'list',
    collection: 'notes',
    scope: (t) => t.caseId,
    refusedAs: ['read'],
    refusedIn: ['notes'],
    call: (m, t) => m.notes.forCase(t.caseId),
    ids: pageIds,
    expect: CASE_READ,
    returns: { own: (t) => [t.signedNoteId, t.draftNoteId], supervisor: (t) => [t.signedNoteId, t.draftNoteId], cleared: (t) => [t.signedNoteId, t.draftNoteId] },
  },

  // --- referrals ------------------------------------------------------------------------------------
  {
    name: 'referrals.create',
    kind: 'write',
    refusedAs: ['create'],
    refusedIn: ['referrals'],
    call: (m, t, w) => m.referrals.create({ caseId: t.caseId, service: { serviceId: w.foodServiceId }, reason: 'Diapers and formula' }),
    expect: CASE_WRITE,
  },
  { name: 'referrals.get (sent)', kind: 'read', collection: 'referrals', refusedAs: ['read'], refusedIn: ['referrals'], call: (m, t) => m.referrals.get(t.sentReferralId), ids: one, expect: { ...CASE_READ, provider: 'ok' } },
  { name: 'referrals.get (draft)', kind: 'read', collection: 'referrals', refusedAs: ['read'], refusedIn: ['referrals'], call: (m, t) => m.referrals.get(t.draftReferralId), ids: one, expect: CASE_READ },
  {
    name: 'referrals.forCase',
    kind: 'list',
    collection: 'referrals',
    scope: (t) => t.caseId,
    refusedAs: ['read'],
    refusedIn: ['referrals'],
    call: (m, t) => m.referrals.forCase(t.caseId),
    ids: idsOf,
    expect: { ...CASE_READ, provider: 'ok' },
    returns: {
      own: (t) => [t.sentReferralId, t.draftReferralId],
      supervisor: (t) => [t.sentReferralId, t.draftReferralId],
      provider: (t) => [t.sentReferralId],
      cleared: (t) => [t.sentReferralId, t.draftReferralId],
    },
  },
  {
    name: 'referrals.forOrganization',
    kind: 'list',
    collection: 'referrals',
    scope: () => FOOD_BANK,
    refusedAs: ['read'],
    refusedIn: ['referrals'],
    call: (m) => m.referrals.forOrganization(FOOD_BANK),
    ids: idsOf,
    expect: { ...CASE_LIST, provider: 'ok', uncleared: 'ok' },
    returns: {
      own: (_t, w) => [w.A.sentReferralId],
      supervisor: (_t, w) => [w.A.sentReferralId, w.C.sentReferralId],
      provider: (_t, w) => [w.A.sentReferralId, w.C.sentReferralId],
      cleared: (_t, w) => [w.A.sentReferralId, w.C.sentReferralId],
      uncleared: (_t, w) => [w.A.sentReferralId],
    },
  },
  {
    name: 'referrals.update',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['referrals'],
    call: async (m, t) => m.referrals.update(await version(m, 'referrals', t.draftReferralId), { reason: 'Holiday food box for four' }),
    expect: CASE_WRITE,
  },
  {
    name: 'referrals.transition (accepted)',
    kind: 'write',
    refusedAs: ['transition'],
    refusedIn: ['referrals'],
    call: async (m, t) => m.referrals.transition(await version(m, 'referrals', t.sentReferralId), 'accepted', { recordedFor: 'performer' }),
    expect: { ...CASE_WRITE, provider: 'ok' },
  },
  {
    name: 'referrals.sharePreview',
    kind: 'read',
    collection: 'clients',
    refusedAs: ['transition'],
    refusedIn: ['referrals'],
    call: async (m, t) => m.referrals.sharePreview(await version(m, 'referrals', t.draftReferralId)),
    ids: (preview) => (preview ? [(preview as { clientId: string }).clientId] : []),
    expect: CASE_WRITE,
  },
  {
    name: 'referrals.sharePreview (new referral)',
    kind: 'read',
    collection: 'clients',
    refusedAs: ['create'],
    refusedIn: ['referrals'],
    call: (m, t, w) => m.referrals.sharePreview({ caseId: t.caseId, service: { serviceId: w.foodServiceId } }),
    ids: (preview) => (preview ? [(preview as { clientId: string }).clientId] : []),
    expect: CASE_WRITE,
  },
  { name: 'referrals.send', kind: 'write', refusedAs: ['transition'], refusedIn: ['referrals'], call: async (m, t) => m.referrals.send(await version(m, 'referrals', t.draftReferralId)), expect: CASE_WRITE },
  {
    name: 'referrals.overdue',
    kind: 'list',
    collection: 'referrals',
    scope: () => 'referrals.overdue',
    refusedAs: ['read'],
    refusedIn: ['referrals'],
    call: (m) => m.referrals.overdue({ asOf: '2027-01-01T00:00:00.000Z' }),
    ids: idsOf,
    expect: { ...CASE_LIST, provider: 'ok', uncleared: 'ok' },
    returns: {
      own: (_t, w) => [w.A.sentReferralId],
      supervisor: (_t, w) => [w.A.sentReferralId, w.C.sentReferralId],
      provider: (_t, w) => [w.A.sentReferralId, w.C.sentReferralId],
      cleared: (_t, w) => [w.A.sentReferralId, w.C.sentReferralId],
      uncleared: (_t, w) => [w.A.sentReferralId],
    },
  },
  {
    name: 'referrals.isOverdue',
    kind: 'pure',
    refusedAs: [],
    refusedIn: [],
    call: (m) => m.referrals.isOverdue({ status: 'requested', acknowledgementDueAt: '2026-11-20T00:00:00.000Z' }),
    expect: ALL_OK,
  },
  {
    name: 'referrals.allowedTransitions',
    kind: 'pure',
    refusedAs: [],
    refusedIn: [],
    call: (m) => m.referrals.allowedTransitions({ status: 'requested', service: { organizationId: FOOD_BANK, organizationName: 'Food bank', serviceName: 'Boxes', category: 'food', contact: {} } }),
    expect: ALL_OK,
  },

  // --- consents -------------------------------------------------------------------------------------
  {
    name: 'consents.record',
    kind: 'write',
    refusedAs: ['create', 'read'],
    refusedIn: ['consents'],
    call: (m, t) => m.consents.record({ clientId: t.clientId, scope: 'treatment', purpose: 'Counselling sessions', source: 'verbal' }),
    expect: CASE_WRITE,
  },
  { name: 'consents.get', kind: 'read', collection: 'consents', refusedAs: ['read'], refusedIn: ['consents'], call: (m, t) => m.consents.get(t.consentId), ids: one, expect: CASE_READ },
  {
    name: 'consents.transition',
    kind: 'write',
    refusedAs: ['transition', 'read'],
    refusedIn: ['consents'],
    call: async (m, t) => m.consents.transition(await version(m, 'consents', t.consentId), 'entered-in-error', { reason: 'Signed by the wrong person' }),
    expect: CASE_WRITE,
  },
  {
    name: 'consents.revoke',
    kind: 'write',
    refusedAs: ['transition', 'read'],
    refusedIn: ['consents'],
    call: async (m, t) => m.consents.revoke(await version(m, 'consents', t.consentId), 'Client withdrew consent by phone'),
    expect: CASE_WRITE,
  },
  {
    name: 'consents.forClient',
    kind: 'list',
    collection: 'consents',
    scope: (t) => t.clientId,
    refusedAs: ['read'],
    refusedIn: ['consents'],
    call: (m, t) => m.consents.forClient(t.clientId),
    ids: idsOf,
    expect: CASE_READ,
    returns: { own: (t) => [t.consentId], supervisor: (t) => [t.consentId], cleared: (t) => [t.consentId] },
  },
  // The accounting of disclosures: reading a client and their audit trail, so supervisors, admins and viewers by default.
  {
    name: 'disclosures.forClient',
    kind: 'list',
    collection: 'clients',
    scope: () => 'disclosures.forClient',
    refusedAs: ['read'],
    refusedIn: ['clients', 'audit'],
    call: (m, t) => m.disclosures.forClient(t.clientId),
    ids: (account) => [(account as { clientId: string }).clientId],
    expect: { ...CASE_READ, own: 'refused' },
  },
  {
    name: 'consents.activeShareConsent',
    kind: 'read',
    collection: 'consents',
    refusedAs: ['read'],
    refusedIn: ['consents'],
    call: (m, t) => m.consents.activeShareConsent(t.clientId, FOOD_BANK),
    ids: one,
    expect: CASE_READ,
  },

  // --- directory ------------------------------------------------------------------------------------
  { name: 'directory.createOrganization', kind: 'write', refusedAs: ['create'], refusedIn: ['organizations'], call: (m) => m.directory.createOrganization({ name: 'Eastside Tenants Union' }), expect: SUPERVISORS },
  {
    name: 'directory.updateOrganization',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['organizations'],
    call: async (m) => m.directory.updateOrganization(await version(m, 'organizations', LEGAL_AID), { description: 'Free civil legal help' }),
    expect: SUPERVISORS,
  },
  {
    name: 'directory.createService',
    kind: 'write',
    refusedAs: ['create'],
    refusedIn: ['services'],
    call: (m) => m.directory.createService({ organizationId: LEGAL_AID, name: 'Tenant rights clinic', categories: ['legal', 'housing'] }),
    expect: SUPERVISORS,
  },
  {
    name: 'directory.updateService',
    kind: 'write',
    refusedAs: ['update'],
    refusedIn: ['services'],
    call: async (m, _t, w) => m.directory.updateService(await version(m, 'services', w.foodServiceId), { hours: 'Mon–Fri 9–5' }),
    expect: SUPERVISORS,
  },
  { name: 'directory.getOrganization', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['organizations'], call: (m) => m.directory.getOrganization(FOOD_BANK), expect: DIRECTORY_READ },
  { name: 'directory.searchOrganizations', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['organizations'], call: (m) => m.directory.searchOrganizations('food'), expect: DIRECTORY_READ },
  { name: 'directory.getService', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['services'], call: (m, _t, w) => m.directory.getService(w.foodServiceId), expect: DIRECTORY_READ },
  { name: 'directory.servicesOf', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['services'], call: (m) => m.directory.servicesOf(FOOD_BANK), expect: DIRECTORY_READ },
  { name: 'directory.searchServices', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['services'], call: (m) => m.directory.searchServices({ need: 'food' }), expect: DIRECTORY_READ },
  {
    name: 'directory.importDirectory',
    kind: 'write',
    refusedAs: ['create'],
    refusedIn: ['organizations'],
    call: (m) => m.directory.importDirectory({ organizations: [{ sourceId: 'hsds:org-9', name: 'Eastside Tenants Union' }], services: [] }),
    expect: SUPERVISORS,
  },
  { name: 'directory.listOrganizations', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['organizations'], call: (m) => m.directory.listOrganizations(), expect: DIRECTORY_READ },
  { name: 'directory.listServices', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['services'], call: (m) => m.directory.listServices(), expect: DIRECTORY_READ },

  // --- drafts (each actor's own) ----------------------------------------------------------------------
  {
    name: 'drafts.save',
    kind: 'write',
    refusedAs: ['update', 'create'],
    refusedIn: ['drafts'],
    call: async (m) => m.drafts.save('intake', { kind: 'intake', data: { step: 3 } }),
    expect: { ...STAFF_CREATE, uncleared: 'ok', cleared: 'ok' },
  },
  { name: 'drafts.get', kind: 'read', collection: 'drafts', refusedAs: ['read'], refusedIn: ['drafts'], call: (m) => m.drafts.get('intake'), ids: one, expect: CASELOAD },
  { name: 'drafts.get (no such draft)', kind: 'read', collection: 'drafts', refusedAs: ['read'], refusedIn: ['drafts'], call: (m) => m.drafts.get('referral-form'), ids: one, expect: { ...CASELOAD, provider: 'nothing', volunteer: 'nothing' } },
  { name: 'drafts.discard', kind: 'write', refusedAs: ['delete'], refusedIn: ['drafts'], call: (m) => m.drafts.discard('intake'), expect: STAFF_CREATE },

  // --- audit (reading the log is not itself audited) ----------------------------------------------------
  { name: 'audit.forCase', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['audit', 'cases'], call: (m, t) => m.audit.forCase(t.caseId), ids: pageIds, expect: CASE_READ },
  { name: 'audit.forRecord', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['audit'], call: (m, t) => m.audit.forRecord(t.caseId), ids: pageIds, expect: CASE_LIST },
  // Events about a client (not a case) are a policy choice for case managers; nobody else's client ever shows.
  { name: 'audit.forRecord (the client)', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['audit'], call: (m, t) => m.audit.forRecord(t.clientId), ids: pageIds, expect: { ...CASE_LIST, own: 'either' } },
  // The uncleared supervisor may see what the BH case manager did elsewhere (e.g. a walk-in client with no case), never the BH case.
  { name: 'audit.byActor', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['audit'], call: (m, t) => m.audit.byActor(t.caseManager.id), ids: pageIds, expect: { ...CASE_LIST, uncleared: 'either' } },
  {
    name: 'audit.between',
    kind: 'unaudited',
    refusedAs: ['read'],
    refusedIn: ['audit'],
    call: (m) => m.audit.between('2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', { limit: 1000 }),
    ids: pageIds,
    expect: { ...CASE_LIST, other: 'either', uncleared: 'ok' },
  },

  // --- reports and the manager ----------------------------------------------------------------------
  { name: 'reports.caseload', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['cases'], call: (m) => m.reports.caseload({ from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }), expect: CASELOAD },
  { name: 'reports.workload', kind: 'unaudited', refusedAs: ['read'], refusedIn: ['cases'], call: (m) => m.reports.workload(), expect: CASELOAD },
  // Shows the receiver's load too, so by default only supervisors and admins (and only on cases they may transfer).
  {
    name: 'reports.previewTransfer',
    kind: 'unaudited',
    refusedAs: ['update', 'read'],
    refusedIn: ['cases'],
    call: (m, t) => m.reports.previewTransfer([t.caseId], 'cm-chen'),
    expect: { ...CASE_WRITE, own: 'refused' },
  },
  { name: 'exportCaseload', kind: 'export', refusedAs: ['export'], refusedIn: ['cases'], call: (m) => m.exportCaseload(), expect: SUPERVISORS },
  { name: 'importCaseload', kind: 'import', refusedAs: ['import'], refusedIn: ['cases'], call: (m) => m.importCaseload(structuredClone(emptyExport)), expect: SUPERVISORS },
  // --- worklist ---------------------------------------------------------------------------------------
  {
    name: 'worklist',
    kind: 'worklist',
    refusedAs: ['read'],
    refusedIn: ['cases'],
    call: (m) => m.worklist({ limit: 200 }),
    ids: (page) => (page as { items: { recordRef: { id: string } }[] }).items.map((item) => item.recordRef.id),
    expect: { ...CASE_LIST, provider: 'ok', uncleared: 'ok' },
    returns: {
      // Plan A is due for review (20 November), and case B waits for own to accept its transfer; the
      // supervisors also see the closure and the activation waiting.
      own: (t, w) => [t.planId, w.B.caseId],
      viewer: (_t, w) => [w.A.planId, w.C.planId],
      supervisor: (_t, w) => [w.A.planId, w.A.caseId, w.A.pendingPlanId, w.C.planId, w.C.caseId, w.C.pendingPlanId],
      cleared: (_t, w) => [w.A.planId, w.A.caseId, w.A.pendingPlanId, w.C.planId, w.C.caseId, w.C.pendingPlanId],
      uncleared: (_t, w) => [w.A.planId, w.A.caseId, w.A.pendingPlanId],
      // The food bank's staff: the referrals sent to it, waiting for an answer.
      provider: (_t, w) => [w.A.sentReferralId, w.C.sentReferralId],
    },
  },
  {
    name: 'worklist.snooze',
    kind: 'write',
    refusedAs: ['read', 'create'],
    refusedIn: ['plans', 'drafts'],
    call: (m, t) => m.worklist.snooze(`plan-review-due:${t.planId}`, { until: '2026-11-30', reason: 'Review booked with the client on the 30th' }),
    expect: CASE_WRITE,
  },
  { name: 'worklist.done', kind: 'write', refusedAs: ['read', 'create'], refusedIn: ['plans', 'drafts'], call: (m, t) => m.worklist.done(`plan-review-due:${t.planId}`), expect: CASE_WRITE },
  { name: 'today', kind: 'pure', refusedAs: [], refusedIn: [], call: (m) => m.today(), expect: ALL_OK },
  { name: 'can', kind: 'pure', refusedAs: [], refusedIn: [], call: (m, t) => m.can({ action: 'read', collection: 'cases', record: { id: t.caseId } }), expect: ALL_OK },
];

/** How many cells the matrix has (ops × roles): reported by the lead as "N matrix cells". */
export const MATRIX_CELLS = OPS.length * ROLES.length;

// ---------------------------------------------------------------------------------------------------
// One cell
// ---------------------------------------------------------------------------------------------------

const sorted = (ids: readonly string[]) => [...ids].sort();

function assertRefusal(error: unknown, events: AuditEvent[], changed: CollectionName[], op: Op, actor: Actor): void {
  assert.ok(error instanceof PermissionError, `expected a PermissionError, got ${error === undefined ? 'success' : String(error)}`);
  assert.equal(error.code, 'permission');
  assert.deepEqual(changed, [], 'a refusal changes no record');
  assert.equal(events.length, 1, `a refusal writes exactly one audit event, got ${JSON.stringify(events.map((e) => [e.action, e.outcome]))}`);
  const [event] = events;
  assert.equal(event!.outcome, 'refused');
  assert.equal(event!.actor.id, actor.id);
  assert.ok(op.refusedAs.includes(event!.action), `refused as "${event!.action}", expected one of ${op.refusedAs.join(', ')}`);
  assert.ok(op.refusedIn.includes(event!.collection), `refused in "${event!.collection}", expected one of ${op.refusedIn.join(', ')}`);
  assert.equal(event!.recordIds, undefined, 'a refusal names no records it did not show');
}

function assertNoLeak(result: unknown, target: Target, role: Role, kind: Kind): void {
  if (!MUST_NOT_SEE_TARGET.has(role) || result === undefined) return;
  const json = JSON.stringify(result) ?? '';
  for (const id of target.privateIds) assert.ok(!json.includes(`"${id}"`), `${role} was shown ${id}, a record of a case they may not read: ${json.slice(0, 600)}`);
  // A write returns what the actor typed (e.g. the name of the client they are creating): only reads are checked for names.
  if (kind !== 'write') assert.ok(!json.includes(target.familyName), `${role} was shown the name of a client they may not read: ${json.slice(0, 600)}`);
}

async function runCell(world: World, op: Op, role: Role): Promise<void> {
  const { manager, storage } = await cellManager(world, role);
  const actor = ACTORS[role];
  const target = RESTRICTED.has(role) ? world.C : world.A;
  const before = await snapshot(storage);
  let result: unknown;
  let error: unknown;
  try {
    result = await op.call(manager, target, world);
  } catch (caught) {
    error = caught;
  }
  const after = await snapshot(storage);
  const events = addedAuditEvents(before, after);
  const changed = changedCollections(before, after);
  const expected = op.expect[role];

  if (expected === 'refused') return assertRefusal(error, events, changed, op, actor);
  if ((expected === 'nothing' || expected === 'either') && error !== undefined) return assertRefusal(error, events, changed, op, actor);
  if (error !== undefined) throw new assert.AssertionError({ message: `expected ${op.name} to be allowed for ${role}, it threw ${String(error)}` });
  assertNoLeak(result, target, role, op.kind);

  const shown = op.ids ? op.ids(result) : [];
  if (expected === 'nothing' || (expected === 'either' && !shown.length)) {
    assert.deepEqual(shown, [], `nothing is shown: ${(JSON.stringify(result) ?? '').slice(0, 600)}`);
    assert.deepEqual(events, [], 'a read that showed nothing writes nothing');
    assert.deepEqual(changed, []);
    return;
  }
  const wanted = op.returns?.[role]?.(target, world);
  if (wanted) assert.deepEqual(sorted(shown), sorted(wanted), `${op.name} shows ${role} exactly these records`);

  switch (op.kind) {
    case 'pure':
    case 'unaudited':
      assert.deepEqual(events, [], `${op.name} is not audited`);
      assert.deepEqual(changed, []);
      return;
    case 'read':
    case 'list': {
      assert.deepEqual(changed, [], 'a read changes no record');
      if (!shown.length) return assert.deepEqual(events, [], 'a read that returned nothing writes nothing');
      assert.equal(events.length, 1, `one read event per call, got ${events.length}`);
      const [event] = events;
      assert.equal(event!.action, 'read');
      assert.equal(event!.outcome, undefined);
      assert.equal(event!.actor.id, actor.id);
      assert.equal(event!.collection, op.collection);
      if (op.kind === 'read') {
        assert.equal(event!.recordId, shown[0], 'a single read names the record');
        assert.equal(event!.recordIds, undefined, 'a single read has no recordIds');
      } else {
        assert.equal(event!.recordId, op.scope!(target), 'a list read names its scope');
        assert.deepEqual(sorted(event!.recordIds ?? []), sorted([...new Set(shown)]), 'a list read names every record it returned');
      }
      return;
    }
    case 'worklist': {
      assert.deepEqual(changed, [], 'a read changes no record');
      assert.ok(events.length >= 1 && events.every((e) => e.action === 'read' && !e.outcome && e.actor.id === actor.id && e.recordId === 'worklist'), 'read events by the actor, scoped to the worklist');
      assert.equal(new Set(events.map((e) => e.collection)).size, events.length, 'one read event per collection');
      const named = new Set(events.flatMap((e) => e.recordIds ?? []));
      for (const id of shown) assert.ok(named.has(id), `the read events name ${id}, which the page showed`);
      return;
    }
    case 'maybeRead':
      assert.deepEqual(changed, []);
      assert.ok(events.length <= 1 && events.every((e) => e.action === 'read' && e.actor.id === actor.id && !e.outcome), 'at most one read event');
      return;
    case 'export':
    case 'import': {
      assert.deepEqual(changed, [], `${op.kind} of this file changes no record`);
      assert.deepEqual(events.map((e) => [e.action, e.actor.id, e.outcome]), [[op.kind, actor.id, undefined]], `one ${op.kind} event`);
      return;
    }
    case 'write': {
      assert.ok(changed.length > 0, 'an allowed write changes a record');
      assert.ok(events.length >= 1, 'a write is audited');
      assert.ok(events.every((e) => e.actor.id === actor.id && e.outcome === undefined), 'every event is by the actor, none refused');
      assert.ok(events.filter((e) => e.action === 'read').length <= 1, 'at most one read event');
      for (const collection of changed) {
        for (const json of after.get(collection)!.values()) assert.ok(RECORD_SCHEMAS[collection].safeParse(JSON.parse(json)).success, `a stored ${collection} record fails its schema`);
      }
      for (const event of events) assert.ok(RECORD_SCHEMAS.audit.safeParse(event).success, 'a stored audit event fails its schema');
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------------------

const worldReady = buildWorld();
const namespaces = [...new Set(OPS.map((op) => (op.name.includes('.') ? op.name.split('.')[0]! : 'manager')))];

describe(`access matrix (${OPS.length} calls × ${ROLES.length} roles = ${MATRIX_CELLS} cells)`, () => {
  it('counts its cells', (t) => {
    t.diagnostic(`access matrix: ${MATRIX_CELLS} cells`);
    console.log(`# access matrix: ${OPS.length} calls × ${ROLES.length} roles = ${MATRIX_CELLS} cells`);
    assert.equal(MATRIX_CELLS, OPS.length * ROLES.length);
    assert.equal(new Set(OPS.map((op) => op.name)).size, OPS.length, 'op names are unique');
  });

  it('covers every public method of the manager', async () => {
    const { manager } = await cellManager(await worldReady, 'supervisor');
    const covered = new Set(OPS.map((op) => op.name.replace(/ \(.*\)$/, '')));
    const skipped = new Set(['subscribe', 'withActor']); // not policy-governed: no storage read or write of their own
    const missing: string[] = [];
    for (const [key, value] of Object.entries(manager)) {
      if (typeof value === 'function') {
        if (!covered.has(key) && !skipped.has(key)) missing.push(key);
        // A callable namespace (`worklist`) has methods of its own too.
        for (const [name, member] of Object.entries(value)) if (typeof member === 'function' && !covered.has(`${key}.${name}`)) missing.push(`${key}.${name}`);
      } else if (value && typeof value === 'object' && key !== 'actor' && key !== 'storage') {
        for (const [name, member] of Object.entries(value)) if (typeof member === 'function' && !covered.has(`${key}.${name}`)) missing.push(`${key}.${name}`);
      }
    }
    assert.deepEqual(missing, [], 'every public method has a row in the matrix');
  });

  for (const namespace of namespaces) {
    describe(namespace, () => {
      for (const op of OPS.filter((o) => (o.name.includes('.') ? o.name.split('.')[0] : 'manager') === namespace)) {
        for (const role of ROLES) {
          const where = RESTRICTED.has(role) ? 'BH case, BH policy' : 'case A, default policy';
          it(`${op.name} as ${role} (${where}): ${op.expect[role]}`, async () => runCell(await worldReady, op, role));
        }
      }
    });
  }
});
