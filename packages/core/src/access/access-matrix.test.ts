// The access matrix: every public read and write × every role of the default policy, and the docs'
// behavioral-health policy (cleared and uncleared supervisors), asserting what each actor gets and
// exactly which audit events the call writes.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createCaseManager, type CaseManager } from '../case-manager.js';
import { CasekitError, PermissionError } from '../errors/errors.js';
import { defaultPolicy, type Policy, type PolicyRequest } from '../policy/policy.js';
import type { Actor } from '../records/common.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { StoragePort, StoredRecord } from '../storage/storage-port.js';
import { PERSONAS, sequentialIds, testClock } from '../testing/test-manager.js';
import { OrganizationSchema } from '../directory/directory-schema.js';

const UNKNOWN: Actor = { id: 'vol-reyes', name: 'Ana Reyes', role: 'volunteer' };
const CLEARED: Actor = { id: 'sup-nguyen', name: 'Linh Nguyen', role: 'supervisor' };
const UNCLEARED = PERSONAS.supervisor;

/** The policy of docs/guides/security-and-privacy.md: behavioral-health cases only for cleared staff. */
const BH_CLEARED = new Set([PERSONAS.caseManager.id, CLEARED.id]);
const programOf = (request: PolicyRequest) => request.case?.program ?? (request.collection === 'cases' ? (request.record as { program?: string } | undefined)?.program : undefined);
const restrictedPolicy: Policy = (request) => {
  if (request.action === 'override-consent') return false;
  if (programOf(request) === 'behavioral-health' && !BH_CLEARED.has(request.actor.id)) return false;
  return defaultPolicy(request);
};

interface World {
  storage: StoragePort;
  as(actor: Actor): CaseManager;
  ids: Record<'client' | 'case' | 'plan' | 'note' | 'assessment' | 'referral' | 'consent' | 'organization', string>;
  refs: Record<'client' | 'case' | 'plan' | 'referral', { id: string; version: number }>;
}

async function world(program: string, policy: Policy = defaultPolicy): Promise<World> {
  const storage = createMemoryStorage();
  const clock = testClock();
  const base = createCaseManager({ storage, actor: PERSONAS.supervisor, clock: clock.now, ids: sequentialIds('m'), policy: defaultPolicy });
  // The provider persona works at `org-food-bank`: seed it under that id, as an import would.
  await storage.load([{ collection: 'organizations', records: [OrganizationSchema.parse({ id: 'org-food-bank', version: 1, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', name: 'Riverside Community Food Bank' })] }]);
  const organization = await base.directory.getOrganization('org-food-bank');
  const service = await base.directory.createService({ organizationId: organization.id, name: 'Emergency food boxes', categories: ['food'] });
  const cm = base.withActor(PERSONAS.caseManager);
  const { client } = await cm.clients.create({ name: { given: ['Rosa'], family: 'Hernández' }, birthDate: '1984-03-12' });
  const caseRecord = await cm.cases.create({ clientId: client.id, program, status: 'active' });
  const plan = await cm.plans.create(caseRecord.id, { title: 'Housing', goals: [{ needDomain: 'housing', description: 'Stable housing' }] });
  const note = await cm.notes.create({ caseId: caseRecord.id, type: 'phone', text: 'Called Rosa about the voucher.', sign: true });
  const assessment = await cm.assessments.submit({ caseId: caseRecord.id, questionnaireId: 'phq-9', answers: Object.fromEntries([1, 1, 0, 0, 1, 0, 0, 0, 0].map((a, i) => [`phq9-${i + 1}`, String(a)])) });
  const consent = await cm.consents.record({ clientId: client.id, scope: 'share-with-provider', grantee: { organizationId: organization.id, name: organization.name }, purpose: 'Food referral', source: 'verbal' });
  const referral = await cm.referrals.create({ caseId: caseRecord.id, service: { serviceId: service.id }, reason: 'Food insecurity', send: true });
  const current = async (collection: 'clients' | 'cases' | 'plans' | 'referrals', id: string) => ({ id, version: (await storage.get(collection, id))!.version });
  const ids = { client: client.id, case: caseRecord.id, plan: plan.id, note: note.id, assessment: assessment.id, referral: referral.id, consent: consent.id, organization: organization.id };
  const refs = { client: await current('clients', client.id), case: await current('cases', caseRecord.id), plan: await current('plans', plan.id), referral: await current('referrals', referral.id) };
  return { storage, ids, refs, as: (actor) => createCaseManager({ storage, actor, clock: clock.now, ids: sequentialIds(`a-${actor.id}`), policy }) };
}

/**
 * What a call gives an actor: `ok` (allowed, with personal data: one read event, or for writes their
 * change events), `none` (allowed, nothing of this client: no event), `refused` (PermissionError and
 * one refused event), `restricted` (duplicate hints with no personal field and no event), `counted`
 * (counts or aggregates: no event).
 */
type Outcome = 'ok' | 'none' | 'refused' | 'restricted' | 'counted';
type Kind = 'read' | 'write';

interface Operation {
  name: string;
  kind: Kind;
  run(manager: CaseManager, w: World): Promise<unknown>;
  /** Outcome for: own case manager, other case manager, supervisor, viewer, provider staff, unknown role. */
  expect: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
  /** Outcome for a supervisor not cleared for behavioral health, on a behavioral-health case. */
  uncleared: Outcome;
}

const R = 'refused' as const;
const rosaInput = { name: { given: ['Rosa'], family: 'Hernandez' }, birthDate: '1984-03-12' };
const OPERATIONS: Operation[] = [
  { name: 'clients.get', kind: 'read', run: (m, w) => m.clients.get(w.ids.client), expect: ['ok', R, 'ok', 'ok', R, R], uncleared: R },
  { name: 'clients.search', kind: 'read', run: (m) => m.clients.search('ros hern'), expect: ['ok', 'none', 'ok', 'ok', 'none', 'none'], uncleared: 'none' },
  { name: 'clients.findDuplicates', kind: 'read', run: (m) => m.clients.findDuplicates(rosaInput), expect: ['ok', 'restricted', 'ok', R, R, R], uncleared: 'restricted' },
  { name: 'clients.create (duplicate hints)', kind: 'write', run: (m) => m.clients.create(rosaInput), expect: ['ok', 'ok', 'ok', R, R, R], uncleared: 'ok' },
  { name: 'clients.update', kind: 'write', run: (m, w) => m.clients.update(w.refs.client, { language: 'es' }), expect: ['ok', R, 'ok', R, R, R], uncleared: R },
  { name: 'cases.get', kind: 'read', run: (m, w) => m.cases.get(w.ids.case), expect: ['ok', R, 'ok', 'ok', R, R], uncleared: R },
  { name: 'cases.query', kind: 'read', run: (m) => m.cases.query({}), expect: ['ok', 'none', 'ok', 'ok', R, R], uncleared: 'none' },
  { name: 'cases.countBy with text', kind: 'read', run: (m) => m.cases.countBy('status', { text: 'ros' }), expect: ['counted', 'counted', 'counted', 'counted', R, R], uncleared: 'counted' },
  { name: 'cases.create for an existing client', kind: 'write', run: (m, w) => m.cases.create({ clientId: w.ids.client, program: 'social-work' }), expect: ['ok', R, 'ok', R, R, R], uncleared: R },
  { name: 'cases.update', kind: 'write', run: (m, w) => m.cases.update(w.refs.case, { priority: 'high' }), expect: ['ok', R, 'ok', R, R, R], uncleared: R },
  { name: 'plans.get', kind: 'read', run: (m, w) => m.plans.get(w.ids.plan), expect: ['ok', R, 'ok', 'ok', R, R], uncleared: R },
  { name: 'plans.forCase', kind: 'read', run: (m, w) => m.plans.forCase(w.ids.case), expect: ['ok', R, 'ok', 'ok', R, R], uncleared: R },
  { name: 'plans.dueForReview', kind: 'read', run: (m) => m.plans.dueForReview({ asOf: '2030-01-01' }), expect: ['none', 'none', 'none', 'none', 'none', 'none'], uncleared: 'none' },
  { name: 'plans.addGoal', kind: 'write', run: (m, w) => m.plans.addGoal(w.refs.plan, { needDomain: 'food', description: 'Enough food' }), expect: ['ok', R, 'ok', R, R, R], uncleared: R },
  { name: 'notes.get', kind: 'read', run: (m, w) => m.notes.get(w.ids.note), expect: ['ok', R, 'ok', 'ok', R, R], uncleared: R },
  { name: 'notes.forCase', kind: 'read', run: (m, w) => m.notes.forCase(w.ids.case), expect: ['ok', R, 'ok', 'ok', R, R], uncleared: R },
  { name: 'notes.create', kind: 'write', run: (m, w) => m.notes.create({ caseId: w.ids.case, type: 'visit', text: 'Home visit.' }), expect: ['ok', R, 'ok', R, R, R], uncleared: R },
  { name: 'assessments.get', kind: 'read', run: (m, w) => m.assessments.get(w.ids.assessment), expect: ['ok', R, 'ok', 'ok', R, R], uncleared: R },
  { name: 'assessments.forCase', kind: 'read', run: (m, w) => m.assessments.forCase(w.ids.case), expect: ['ok', R, 'ok', 'ok', R, R], uncleared: R },
  { name: 'referrals.get', kind: 'read', run: (m, w) => m.referrals.get(w.ids.referral), expect: ['ok', R, 'ok', 'ok', 'ok', R], uncleared: R },
  { name: 'referrals.forCase', kind: 'read', run: (m, w) => m.referrals.forCase(w.ids.case), expect: ['ok', R, 'ok', 'ok', 'ok', R], uncleared: R },
  { name: 'referrals.forOrganization', kind: 'read', run: (m, w) => m.referrals.forOrganization(w.ids.organization), expect: ['ok', 'none', 'ok', 'ok', 'ok', 'none'], uncleared: 'none' },
  { name: 'referrals.overdue', kind: 'read', run: (m) => m.referrals.overdue({ asOf: '2030-01-01T00:00:00.000Z' }), expect: ['ok', 'none', 'ok', 'ok', 'ok', 'none'], uncleared: 'none' },
  { name: 'referrals.create', kind: 'write', run: (m, w) => m.referrals.create({ caseId: w.ids.case, service: { organizationName: 'Valley Legal Aid', serviceName: 'Eviction defence', category: 'legal' }, reason: 'Eviction notice' }), expect: ['ok', R, 'ok', R, R, R], uncleared: R },
  { name: 'consents.get', kind: 'read', run: (m, w) => m.consents.get(w.ids.consent), expect: ['ok', R, 'ok', 'ok', R, R], uncleared: R },
  { name: 'consents.forClient', kind: 'read', run: (m, w) => m.consents.forClient(w.ids.client), expect: ['ok', R, 'ok', 'ok', R, R], uncleared: R },
  { name: 'consents.record', kind: 'write', run: (m, w) => m.consents.record({ clientId: w.ids.client, scope: 'share-with-provider', purpose: 'Legal referral', source: 'written' }), expect: ['ok', R, 'ok', R, R, R], uncleared: R },
  { name: 'audit.forCase', kind: 'read', run: (m, w) => m.audit.forCase(w.ids.case), expect: ['counted', R, 'counted', 'counted', R, R], uncleared: R },
  { name: 'audit.forRecord', kind: 'read', run: (m, w) => m.audit.forRecord(w.ids.client), expect: [R, R, 'counted', 'counted', R, R], uncleared: R },
  { name: 'drafts.save', kind: 'write', run: (m) => m.drafts.save('intake:new', { kind: 'intake', data: { step: 2 } }), expect: ['ok', 'ok', 'ok', R, R, R], uncleared: 'ok' },
  { name: 'directory.createOrganization', kind: 'write', run: (m) => m.directory.createOrganization({ name: 'Shadow pantry' }), expect: [R, R, 'ok', R, R, R], uncleared: 'ok' },
  { name: 'reports.caseload', kind: 'read', run: (m) => m.reports.caseload({ from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }), expect: ['counted', 'counted', 'counted', 'counted', R, R], uncleared: 'counted' },
  { name: 'exportCaseload', kind: 'read', run: (m) => m.exportCaseload(), expect: [R, R, 'counted', R, R, R], uncleared: 'counted' },
];

const ROLES: [string, Actor][] = [
  ['case manager, own caseload', PERSONAS.caseManager],
  ['case manager, another caseload', PERSONAS.otherCaseManager],
  ['supervisor', PERSONAS.supervisor],
  ['viewer', PERSONAS.viewer],
  ['provider staff of the receiving organisation', PERSONAS.foodBankStaff],
  ['unknown role', UNKNOWN],
];

async function events(storage: StoragePort): Promise<StoredRecord[]> {
  return (await storage.find('audit', { index: 'id' })).items;
}

async function records(storage: StoragePort): Promise<string> {
  const out: unknown[] = [];
  for (const collection of ['clients', 'cases', 'assessments', 'plans', 'referrals', 'notes', 'consents', 'organizations', 'services', 'drafts'] as const) out.push((await storage.find(collection, { index: 'id' })).items);
  return JSON.stringify(out);
}

/** Runs one cell and checks the result and every audit event it wrote. */
async function checkCell(w: World, actor: Actor, operation: Operation, outcome: Outcome): Promise<void> {
  const beforeEvents = new Set((await events(w.storage)).map((e) => e.id));
  const beforeRecords = await records(w.storage);
  let result: unknown;
  let error: unknown;
  try {
    result = await operation.run(w.as(actor), w);
  } catch (e) {
    error = e;
  }
  const added = (await events(w.storage)).filter((e) => !beforeEvents.has(e.id));
  const byActor = added.every((e) => (e['actor'] as { id: string }).id === actor.id);
  assert.ok(byActor, 'every event is attributed to the acting person');
  if (outcome === 'refused') {
    assert.ok(error instanceof PermissionError, `expected a PermissionError, got ${String(error ?? JSON.stringify(result)?.slice(0, 120))}`);
    assert.deepEqual(added.map((e) => e['outcome']), ['refused'], 'one refused event, nothing else');
    assert.equal(await records(w.storage), beforeRecords, 'no record changed');
    return;
  }
  assert.ok(error === undefined, `expected to be allowed, got ${String(error)}${error instanceof CasekitError ? ` (${error.code})` : ''}`);
  const text = JSON.stringify(result) ?? '';
  if (outcome === 'none') {
    assert.doesNotMatch(text, /Rosa|Hern/, 'nothing of the client is returned');
    assert.deepEqual(added, [], 'nothing disclosed, nothing audited');
  } else if (outcome === 'restricted') {
    assert.ok(Array.isArray(result) && result.length > 0 && result.every((d: { access: string }) => d.access === 'restricted'), 'only restricted hints');
    assert.doesNotMatch(text, /Rosa|Hern|1984|m-\d/, 'no personal field, no id');
    assert.deepEqual(added, []);
  } else if (outcome === 'counted') {
    assert.deepEqual(added.filter((e) => e['action'] === 'read'), [], 'counts and aggregates are not disclosures');
  } else if (operation.kind === 'read') {
    assert.equal(added.length, 1, 'one event per read');
    assert.equal(added[0]!['action'], 'read');
    assert.equal(added[0]!['outcome'], undefined);
  } else {
    assert.ok(added.length >= 1 && added.every((e) => e['outcome'] === undefined), 'the change is audited');
    assert.notEqual(await records(w.storage), beforeRecords, 'the change is stored');
  }
}

let cells = 0;
describe('access matrix: every public call × every role of the default policy', () => {
  for (const operation of OPERATIONS) {
    ROLES.forEach(([label, actor], i) => {
      const outcome = operation.expect[i]!;
      it(`${operation.name} — ${label}: ${outcome}`, async () => {
        cells++;
        await checkCell(await world('social-work'), actor, operation, outcome);
      });
    });
  }
});

describe("access matrix: the docs' behavioral-health policy on a behavioral-health case", () => {
  for (const operation of OPERATIONS) {
    const cleared = operation.expect[2];
    it(`${operation.name} — cleared supervisor: ${cleared}`, async () => {
      cells++;
      await checkCell(await world('behavioral-health', restrictedPolicy), CLEARED, operation, cleared);
    });
    it(`${operation.name} — uncleared supervisor: ${operation.uncleared}`, async () => {
      cells++;
      await checkCell(await world('behavioral-health', restrictedPolicy), UNCLEARED, operation, operation.uncleared);
    });
  }

  it('a count with a text filter never changes because of a hidden case (no letter-by-letter recovery)', async () => {
    const w = await world('behavioral-health', restrictedPolicy);
    const uncleared = w.as(UNCLEARED);
    for (const prefix of ['r', 'ro', 'ros', 'rosa', 'h', 'hern', 'x']) assert.deepEqual(await uncleared.cases.countBy('status', { text: prefix }), {}, prefix);
    assert.deepEqual(await w.as(CLEARED).cases.countBy('status', { text: 'ros' }), { active: 1 });
    const report = await uncleared.reports.caseload({ from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    assert.deepEqual([report.openCases.total, report.referrals.sent], [0, 0]);
  });

  it("an uncleared supervisor's export leaves out the case, its client, its records and their audit trail", async () => {
    const w = await world('behavioral-health', restrictedPolicy);
    const file = await w.as(UNCLEARED).exportCaseload();
    const text = JSON.stringify(file.collections);
    assert.doesNotMatch(text, /Rosa|Hern|Called Rosa|Food insecurity/);
    for (const id of Object.values(w.ids).filter((id) => id !== w.ids.organization)) assert.ok(!text.includes(`"${id}"`), `${id} is not in the export`);
    const full = await w.as(CLEARED).exportCaseload();
    assert.match(JSON.stringify(full.collections), /Called Rosa/);
  });
});

after(() => console.log(`# access matrix cells: ${cells}`));
