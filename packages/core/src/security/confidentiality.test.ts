/**
 * Confidentiality beyond the access matrix:
 * - D. duplicate hints reveal nothing of clients the actor may not read;
 * - E. opening a case for an existing client needs read access to that client;
 * - F. a policy that hides a case hides it — and its client — from every read path, counts included.
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
import { OrganizationSchema } from '../directory/directory-schema.js';
import type { DuplicateCandidate } from '../client/duplicates.js';
import type { CaseGroupField } from '../storage/case-query.js';
import { createTestSetup, PERSONAS, testClock, type TestSetup } from '../testing/test-manager.js';
import type { AuditEvent } from '../audit/audit-schema.js';

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

const NOW = '2026-11-24T15:00:00.000Z';
const VOLUNTEER: Actor = { id: 'vol-park', name: 'Jin Park', role: 'volunteer' };
const BH_CASE_MANAGER: Actor = { id: 'cm-okoro', name: 'Chidi Okoro', role: 'case-manager' };
const CLEARED_SUPERVISOR: Actor = { id: 'sup-nguyen', name: 'Linh Nguyen', role: 'supervisor' };
const UNCLEARED_SUPERVISOR = PERSONAS.supervisor;
const DUPLICATE_REASONS = ['same-identifier', 'same-birth-date-similar-name'];

/** The security guide's behavioral-health policy. */
const BH_CLEARED = new Set([BH_CASE_MANAGER.id, CLEARED_SUPERVISOR.id]);
const programOf = (request: PolicyRequest) =>
  request.case?.program ?? (request.collection === 'cases' ? (request.record as { program?: string } | undefined)?.program : undefined);
const behavioralHealthPolicy: Policy = (request) => {
  if (request.action === 'override-consent') return false;
  if (programOf(request) === 'behavioral-health' && !BH_CLEARED.has(request.actor.id)) return false;
  return defaultPolicy(request);
};


/** Every collection as JSON, to compare before and after a call. */
async function dump(storage: StoragePort): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const collection of COLLECTIONS) out[collection] = (await readAll(storage, collection)).map((r) => JSON.stringify(r)).sort();
  return out;
}

/** Audit events added since `before`. */
async function newEvents(storage: StoragePort, before: Record<string, string[]>): Promise<AuditEvent[]> {
  const known = new Set(before['audit']);
  return (await readAll(storage, 'audit')).filter((e) => !known.has(JSON.stringify(e))) as unknown as AuditEvent[];
}

/** Asserts the call was refused and that the refusal was the only thing written. */
async function assertRefusedAlone(storage: StoragePort, actor: Actor, call: () => Promise<unknown>): Promise<AuditEvent> {
  const before = await dump(storage);
  await assert.rejects(call(), PermissionError);
  const after = await dump(storage);
  for (const collection of COLLECTIONS) if (collection !== 'audit') assert.deepEqual(after[collection], before[collection], `a refusal changed ${collection}`);
  const events = await newEvents(storage, before);
  assert.equal(events.length, 1, 'exactly one audit event');
  assert.equal(events[0]!.outcome, 'refused');
  assert.equal(events[0]!.actor.id, actor.id);
  return events[0]!;
}

const rosa = {
  name: { given: ['Rosa', 'María'], family: 'Hernández' },
  birthDate: '1984-03-12',
  contact: { phone: '+1 555 0100', email: 'rosa@example.org' },
  address: { line: ['12 Alder St'], city: 'Portland', postalCode: '97201' },
  identifiers: [{ system: 'https://ehr.example.org/mrn', value: 'MRN-4471' }],
};

/** Every personal detail of Rosa's records on file, none of which a restricted hint may carry. */
const ROSA_DETAILS = ['Rosa', 'Hern', '1984', '555', 'rosa@', 'Alder', 'Portland', '97201', 'MRN-4471'];

function assertRestrictedHint(hint: DuplicateCandidate | undefined, hiddenIds: readonly string[]): void {
  assert.ok(hint, 'a restricted hint is given');
  assert.equal(hint.access, 'restricted');
  assert.deepEqual(Object.keys(hint).sort(), ['access', 'reasons'], 'a restricted hint has no other field');
  assert.ok(hint.reasons.length > 0 && hint.reasons.every((r) => DUPLICATE_REASONS.includes(r)), `reasons are codes only: ${JSON.stringify(hint.reasons)}`);
  assert.equal(new Set(hint.reasons).size, hint.reasons.length, 'each reason once');
  const json = JSON.stringify(hint);
  for (const id of hiddenIds) assert.ok(!json.includes(id), `the hint names ${id}`);
  for (const detail of ROSA_DETAILS) assert.ok(!json.includes(detail), `the hint shows "${detail}"`);
}

/** Rosa on Devon Baker's caseload twice (an identifier match and a name + birth-date match). */
async function colleagueHasRosaTwice(setup: TestSetup) {
  const baker = setup.as(PERSONAS.otherCaseManager);
  const { client: byIdentifier } = await baker.clients.create({ ...rosa, name: { given: ['R.'], family: 'Martínez' }, birthDate: '1990-01-01' });
  const { client: byName } = await baker.clients.create({ ...rosa, identifiers: [] });
  await baker.cases.create({ clientId: byIdentifier.id, program: 'social-work' });
  await baker.cases.create({ clientId: byName.id, program: 'healthcare' });
  return { hiddenIds: [byIdentifier.id, byName.id] };
}

const phq9Zeros = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9-${i + 1}`, '0']));

// ---------------------------------------------------------------------------------------------------
// D. Duplicate hints
// ---------------------------------------------------------------------------------------------------

describe('D. duplicate hints reveal nothing of clients the actor may not read', () => {
  it('findDuplicates: readable matches in full, every other match folded into one restricted hint', async () => {
    const setup = createTestSetup();
    const { hiddenIds } = await colleagueHasRosaTwice(setup);
    const { client: own } = await setup.manager.clients.create({ ...rosa, identifiers: [] });
    await setup.manager.cases.create({ clientId: own.id, program: 'social-work' });
    const before = await dump(setup.storage);
    const hints = await setup.manager.clients.findDuplicates(rosa);
    const full = hints.filter((h) => h.access === 'full');
    const restricted = hints.filter((h) => h.access === 'restricted');
    assert.deepEqual(full.map((h) => h.access === 'full' && h.client.id), [own.id], 'only the own client in full');
    assert.equal(restricted.length, 1, 'at most one restricted hint, however many hidden matches');
    assertRestrictedHint(restricted[0], hiddenIds);
    assert.deepEqual([...restricted[0]!.reasons].sort(), [...DUPLICATE_REASONS].sort(), 'the hidden matches matched for both reasons');
    const events = await newEvents(setup.storage, before);
    assert.deepEqual(
      events.map((e) => [e.action, e.actor.id, e.recordId, e.recordIds]),
      [['read', PERSONAS.caseManager.id, 'clients.findDuplicates', [own.id]]],
      'one read event naming only what was shown',
    );
  });

  it('findDuplicates: only hidden matches give one restricted hint and write nothing', async () => {
    const setup = createTestSetup();
    const { hiddenIds } = await colleagueHasRosaTwice(setup);
    const before = await dump(setup.storage);
    const hints = await setup.manager.clients.findDuplicates(rosa);
    assert.equal(hints.length, 1);
    assertRestrictedHint(hints[0], hiddenIds);
    assert.deepEqual(await dump(setup.storage), before, 'nothing shown, nothing written');
  });

  it('clients.create: the same hints, disclosed in the same batch as the creation', async () => {
    const setup = createTestSetup();
    const { hiddenIds } = await colleagueHasRosaTwice(setup);
    const { client: own } = await setup.manager.clients.create({ ...rosa, identifiers: [], birthDate: '1984-03-12' });
    const before = await dump(setup.storage);
    const { client, possibleDuplicates } = await setup.manager.clients.create(rosa);
    assert.deepEqual(possibleDuplicates.filter((h) => h.access === 'full').map((h) => h.access === 'full' && h.client.id), [own.id]);
    const restricted = possibleDuplicates.filter((h) => h.access === 'restricted');
    assert.equal(restricted.length, 1);
    assertRestrictedHint(restricted[0], hiddenIds);
    const events = await newEvents(setup.storage, before);
    assert.deepEqual(events.map((e) => e.action).sort(), ['create', 'read']);
    const read = events.find((e) => e.action === 'read')!;
    assert.deepEqual([read.recordId, read.recordIds], ['clients.findDuplicates', [own.id]]);
    assert.equal(events.find((e) => e.action === 'create')!.recordId, client.id);
  });

  it("assessments.intake: a new client's hints follow the same rule", async () => {
    const setup = createTestSetup();
    const { hiddenIds } = await colleagueHasRosaTwice(setup);
    const result = await setup.manager.assessments.intake({ client: rosa, case: { program: 'social-work' }, questionnaireId: 'phq-9', answers: phq9Zeros });
    assert.equal(result.possibleDuplicates.length, 1);
    assertRestrictedHint(result.possibleDuplicates[0], hiddenIds);
    const reads = (await readAll(setup.storage, 'audit')).filter((e) => e['action'] === 'read' && (e['actor'] as { id: string }).id === PERSONAS.caseManager.id);
    assert.deepEqual(reads, [], 'no hidden client was disclosed');
  });

  it('an uncleared supervisor gets only a restricted hint for the client of a hidden behavioral-health case', async () => {
    const setup = createTestSetup({ policy: behavioralHealthPolicy });
    const okoro = setup.as(BH_CASE_MANAGER);
    const { client } = await okoro.clients.create(rosa);
    await okoro.cases.create({ clientId: client.id, program: 'behavioral-health' });
    const hints = await setup.as(UNCLEARED_SUPERVISOR).clients.findDuplicates(rosa);
    assert.equal(hints.length, 1);
    assertRestrictedHint(hints[0], [client.id]);
    const cleared = await setup.as(CLEARED_SUPERVISOR).clients.findDuplicates(rosa);
    assert.deepEqual(cleared.map((h) => h.access), ['full'], 'a cleared supervisor sees the match');
  });

  for (const actor of [VOLUNTEER, PERSONAS.foodBankStaff, PERSONAS.viewer]) {
    it(`${actor.role} ${actor.id} cannot look for duplicates at all: one refused event, nothing else`, async () => {
      const setup = createTestSetup();
      await colleagueHasRosaTwice(setup);
      const event = await assertRefusedAlone(setup.storage, actor, () => setup.as(actor).clients.findDuplicates(rosa));
      assert.equal(event.collection, 'clients');
      await assertRefusedAlone(setup.storage, actor, () => setup.as(actor).clients.create(rosa));
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// E. Opening a case for an existing client
// ---------------------------------------------------------------------------------------------------

describe("E. a case manager cannot put a colleague's client on their own caseload", () => {
  async function colleaguesClient(status: 'active' | 'closed' = 'active') {
    const setup = createTestSetup();
    const { client } = await setup.manager.clients.create(rosa);
    let record = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
    if (status === 'closed') record = await setup.manager.cases.transition(record, 'closed', { closureReason: 'goals-met' });
    return { setup, client, record, baker: setup.as(PERSONAS.otherCaseManager) };
  }

  it('cases.create is refused, and the refusal is all that is written', async () => {
    const { setup, client, baker } = await colleaguesClient();
    await assertRefusedAlone(setup.storage, PERSONAS.otherCaseManager, () => baker.cases.create({ clientId: client.id, program: 'healthcare' }));
    await assertRefusedAlone(setup.storage, PERSONAS.otherCaseManager, () => baker.cases.create({ clientId: client.id, program: 'healthcare', assigneeId: PERSONAS.otherCaseManager.id }));
    await assert.rejects(baker.clients.get(client.id), PermissionError, 'and the client stays unreadable to them');
  });

  it('assessments.intake with { client: { id } } is refused the same way', async () => {
    const { setup, client, baker } = await colleaguesClient();
    await assertRefusedAlone(setup.storage, PERSONAS.otherCaseManager, () =>
      baker.assessments.intake({ client: { id: client.id }, case: { program: 'healthcare' }, questionnaireId: 'phq-9', answers: phq9Zeros }),
    );
  });

  it("a closed case still makes the client the colleague's: refused", async () => {
    const { setup, client, baker } = await colleaguesClient('closed');
    await assertRefusedAlone(setup.storage, PERSONAS.otherCaseManager, () => baker.cases.create({ clientId: client.id, program: 'healthcare' }));
  });

  it('a client with no case yet may be taken on by any case manager; a supervisor may open a case for anyone', async () => {
    const setup = createTestSetup();
    const { client: walkIn } = await setup.manager.clients.create({ name: { given: ['Kwame'], family: 'Mensah' } });
    const opened = await setup.as(PERSONAS.otherCaseManager).cases.create({ clientId: walkIn.id, program: 'healthcare' });
    assert.equal(opened.assigneeId, PERSONAS.otherCaseManager.id);
    const { client } = await setup.manager.clients.create(rosa);
    await setup.manager.cases.create({ clientId: client.id, program: 'social-work' });
    const bySupervisor = await setup.as(PERSONAS.supervisor).cases.create({ clientId: client.id, program: 'healthcare', assigneeId: PERSONAS.otherCaseManager.id, assigneeName: 'Devon Baker' });
    assert.equal(bySupervisor.clientId, client.id);
  });

  it('an uncleared supervisor cannot open a case for the client of a hidden BH case', async () => {
    const setup = createTestSetup({ policy: behavioralHealthPolicy });
    const { client } = await setup.as(BH_CASE_MANAGER).clients.create(rosa);
    await setup.as(BH_CASE_MANAGER).cases.create({ clientId: client.id, program: 'behavioral-health' });
    await assertRefusedAlone(setup.storage, UNCLEARED_SUPERVISOR, () => setup.as(UNCLEARED_SUPERVISOR).cases.create({ clientId: client.id, program: 'social-work' }));
    await assertRefusedAlone(setup.storage, UNCLEARED_SUPERVISOR, () =>
      setup.as(UNCLEARED_SUPERVISOR).assessments.intake({ client: { id: client.id }, case: { program: 'social-work' }, questionnaireId: 'phq-9', answers: phq9Zeros }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// F. A hidden case is hidden everywhere
// ---------------------------------------------------------------------------------------------------

interface BhWorld {
  storage: StoragePort;
  as(actor: Actor): CaseManager;
  /** Ids of every record of the hidden BH case and its client. */
  hiddenIds: string[];
  bhClientId: string;
  bhCaseId: string;
  consentId: string;
  planId: string;
  noteId: string;
  assessmentId: string;
  referralId: string;
  /** A client with a BH case and a social-work case: visible through the latter. */
  mixedClientId: string;
  mixedBhCaseId: string;
  /** A client whose only case is a closed BH case. */
  closedBhClientId: string;
}

async function bhWorld(): Promise<BhWorld> {
  const storage = createMemoryStorage();
  const clock = testClock(NOW);
  const ids = (() => {
    let n = 0;
    return () => `rec-${String(++n).padStart(4, '0')}`;
  })();
  const base = createCaseManager({ storage, actor: CLEARED_SUPERVISOR, policy: behavioralHealthPolicy, clock: clock.now, ids });
  const as = (actor: Actor) => base.withActor(actor);
  await storage.load([{ collection: 'organizations', records: [OrganizationSchema.parse({ id: 'org-food-bank', version: 1, createdAt: NOW, updatedAt: NOW, name: 'Riverside Community Food Bank' })] }]);
  const service = await base.directory.createService({ organizationId: 'org-food-bank', name: 'Emergency food boxes', categories: ['food'] });
  const okoro = as(BH_CASE_MANAGER);

  const { client } = await okoro.clients.create({ name: { given: ['Grace'], family: 'Adeyemi' }, birthDate: '1979-06-02', identifiers: [{ system: 'urn:mrn', value: 'BH-0042' }] });
  let bhCase = await okoro.cases.create({ clientId: client.id, program: 'behavioral-health', status: 'active', title: 'Counselling', nextContactDue: '2026-11-01' });
  bhCase = await okoro.cases.identifyNeeds(bhCase, ['mental-health']);
  const consent = await okoro.consents.record({ clientId: client.id, scope: 'share-with-provider', grantee: { organizationId: 'org-food-bank', name: 'Food bank' }, purpose: 'Food referral', source: 'written' });
  const plan = await okoro.plans.transition(await okoro.plans.create(bhCase.id, { title: 'Coping plan', reviewDate: '2026-11-01', goals: [{ needDomain: 'mental-health', description: 'Weekly sessions' }] }), 'active');
  const note = await okoro.notes.create({ caseId: bhCase.id, type: 'visit', text: 'Session one.', sign: true });
  const assessment = await okoro.assessments.submit({ caseId: bhCase.id, questionnaireId: 'phq-9', answers: phq9Zeros });
  const referral = await okoro.referrals.create({ caseId: bhCase.id, service: { serviceId: service.id }, reason: 'Food', send: true });
  await okoro.clients.get(client.id);
  await okoro.cases.query({});

  const { client: mixed } = await okoro.clients.create({ name: { given: ['Noor'], family: 'Haddad' } });
  const mixedBh = await okoro.cases.create({ clientId: mixed.id, program: 'behavioral-health', status: 'active' });
  // Marta may not open a case for Okoro's client herself (contract E): the cleared supervisor assigns it to her.
  await base.cases.create({ clientId: mixed.id, program: 'social-work', assigneeId: PERSONAS.caseManager.id, assigneeName: 'Marta Alvarez' });

  const { client: closedClient } = await okoro.clients.create({ name: { given: ['Olga'], family: 'Kowalski' } });
  const closedCase = await okoro.cases.create({ clientId: closedClient.id, program: 'behavioral-health', status: 'active' });
  await okoro.cases.transition(closedCase, 'closed', { closureReason: 'goals-met' });

  // An ordinary social-work caseload beside it.
  const { client: rosaClient } = await as(PERSONAS.caseManager).clients.create(rosa);
  await as(PERSONAS.caseManager).cases.create({ clientId: rosaClient.id, program: 'social-work', status: 'active', nextContactDue: '2026-11-01' });

  return {
    storage,
    as,
    hiddenIds: [client.id, bhCase.id, consent.id, plan.id, note.id, assessment.id, referral.id, mixedBh.id, closedClient.id, closedCase.id],
    bhClientId: client.id,
    bhCaseId: bhCase.id,
    consentId: consent.id,
    planId: plan.id,
    noteId: note.id,
    assessmentId: assessment.id,
    referralId: referral.id,
    mixedClientId: mixed.id,
    mixedBhCaseId: mixedBh.id,
    closedBhClientId: closedClient.id,
  };
}

const HIDDEN_NAMES = ['Adeyemi', 'BH-0042', 'Kowalski'];

/** Fails when `value` carries any id or name of the hidden case. */
function assertHides(world: BhWorld, value: unknown, where: string): void {
  const collections = (value as { collections?: Record<string, StoredRecord[]> } | undefined)?.collections;
  if (collections) {
    // An export: name the exported record that gives the hidden case away.
    for (const [collection, records] of Object.entries(collections)) for (const record of records) assertHides(world, record, `${where}: ${collection}/${record.id}`);
    return;
  }
  const json = JSON.stringify(value) ?? '';
  for (const id of world.hiddenIds) assert.ok(!json.includes(`"${id}"`), `${where} shows ${id}: ${json.slice(0, 400)}`);
  for (const name of HIDDEN_NAMES) assert.ok(!json.includes(name), `${where} shows "${name}"`);
}

/** The result of a call, or the PermissionError it threw (other errors fail the test). */
async function attempt(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PermissionError) return { refused: true };
    throw error;
  }
}

/** An audit page without the reader's own refused attempts (they name only what the reader typed). */
function withoutOwnRefusals(page: unknown, readerId: string): unknown {
  const items = (page as { items?: AuditEvent[] } | undefined)?.items;
  return items ? { ...(page as object), items: items.filter((e) => !(e.outcome === 'refused' && e.actor.id === readerId)) } : page;
}

const drop0 = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

describe('F. a policy that hides a case hides it from every read path', () => {
  it('single reads of the case, its records and its client are refused', async () => {
    const world = await bhWorld();
    const m = world.as(UNCLEARED_SUPERVISOR);
    const calls: [string, () => Promise<unknown>][] = [
      ['clients.get', () => m.clients.get(world.bhClientId)],
      ['clients.get (only a closed BH case)', () => m.clients.get(world.closedBhClientId)],
      ['cases.get', () => m.cases.get(world.bhCaseId)],
      ['plans.get', () => m.plans.get(world.planId)],
      ['notes.get', () => m.notes.get(world.noteId)],
      ['assessments.get', () => m.assessments.get(world.assessmentId)],
      ['referrals.get', () => m.referrals.get(world.referralId)],
      ['plans.forCase', () => m.plans.forCase(world.bhCaseId)],
      ['notes.forCase', () => m.notes.forCase(world.bhCaseId)],
      ['assessments.forCase', () => m.assessments.forCase(world.bhCaseId)],
      ['referrals.forCase', () => m.referrals.forCase(world.bhCaseId)],
      ['plans.suggestGoals', () => m.plans.suggestGoals(world.bhCaseId)],
      ['consents.get', () => m.consents.get(world.consentId)],
      ['consents.forClient', () => m.consents.forClient(world.bhClientId)],
      ['consents.activeShareConsent', () => m.consents.activeShareConsent(world.bhClientId, 'org-food-bank')],
      ['audit.forCase', () => m.audit.forCase(world.bhCaseId)],
    ];
    for (const [name, call] of calls) {
      const result = await attempt(call);
      assert.deepEqual(result, { refused: true }, `${name} must be refused, got ${JSON.stringify(result)?.slice(0, 300)}`);
    }
  });

  it('lists, searches, duplicate checks and the audit trail leave the case and its client out', async () => {
    const world = await bhWorld();
    const m = world.as(UNCLEARED_SUPERVISOR);
    const results: [string, unknown][] = [
      ['clients.search', await attempt(() => m.clients.search('Adeyemi'))],
      ['clients.search (first letters)', await attempt(() => m.clients.search('Ade'))],
      ['clients.search (closed BH client)', await attempt(() => m.clients.search('Kowalski'))],
      ['clients.findDuplicates', await attempt(() => m.clients.findDuplicates({ name: { given: ['Grace'], family: 'Adeyemi' }, birthDate: '1979-06-02', identifiers: [{ system: 'urn:mrn', value: 'BH-0042' }] }))],
      ['cases.query', await attempt(() => m.cases.query({ limit: 200 }))],
      ['cases.query (text)', await attempt(() => m.cases.query({ text: 'Adeyemi' }))],
      ['cases.query (program)', await attempt(() => m.cases.query({ program: ['behavioral-health'] }))],
      ['cases.query (client)', await attempt(() => m.cases.query({ clientId: world.bhClientId }))],
      ['cases.query (overdue)', await attempt(() => m.cases.query({ overdue: true }))],
      ['plans.dueForReview', await attempt(() => m.plans.dueForReview({ asOf: '2026-11-24' }))],
      ['referrals.forOrganization', await attempt(() => m.referrals.forOrganization('org-food-bank'))],
      ['referrals.overdue', await attempt(() => m.referrals.overdue({ asOf: '2027-01-01T00:00:00.000Z' }))],
      ['audit.forRecord (case)', withoutOwnRefusals(await attempt(() => m.audit.forRecord(world.bhCaseId)), UNCLEARED_SUPERVISOR.id)],
      ['audit.forRecord (client)', withoutOwnRefusals(await attempt(() => m.audit.forRecord(world.bhClientId)), UNCLEARED_SUPERVISOR.id)],
      ['audit.byActor', withoutOwnRefusals(await attempt(() => m.audit.byActor(BH_CASE_MANAGER.id, { limit: 1000 })), UNCLEARED_SUPERVISOR.id)],
      ['audit.between', withoutOwnRefusals(await attempt(() => m.audit.between('2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', { limit: 1000 })), UNCLEARED_SUPERVISOR.id)],
    ];
    const leaks: string[] = [];
    for (const [where, result] of results) {
      try {
        assertHides(world, result, where);
      } catch (error) {
        leaks.push((error as Error).message.slice(0, 1200));
      }
    }
    assert.deepEqual(leaks, [], `read paths that show the hidden case:\n${leaks.join('\n')}`);
    // The mixed client is visible through their social-work case, but never their BH case.
    const mixed = await m.clients.get(world.mixedClientId);
    assert.equal(mixed.id, world.mixedClientId);
    const mixedCases = await m.cases.query({ clientId: world.mixedClientId });
    assert.deepEqual(mixedCases.items.map((c) => c.program), ['social-work']);
  });

  it('a cleared supervisor sees all of it (the test world really holds what the other test looks for)', async () => {
    const world = await bhWorld();
    const m = world.as(CLEARED_SUPERVISOR);
    assert.equal((await m.clients.get(world.bhClientId)).id, world.bhClientId);
    assert.deepEqual((await m.clients.search('Adeyemi')).map((c) => c.id), [world.bhClientId]);
    assert.ok((await m.cases.query({ limit: 200 })).items.some((c) => c.id === world.bhCaseId));
    assert.ok((await m.audit.byActor(BH_CASE_MANAGER.id)).items.length > 0);
    assert.ok((await m.referrals.forOrganization('org-food-bank')).length === 1);
    assert.ok((await m.plans.dueForReview({ asOf: '2026-11-24' })).length === 1);
  });

  it('the audit trail shows no event about the hidden case or client, whatever the query', async () => {
    const world = await bhWorld();
    const m = world.as(UNCLEARED_SUPERVISOR);
    const pages = [
      await attempt(() => m.audit.between('2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', { limit: 1000 })),
      await attempt(() => m.audit.byActor(BH_CASE_MANAGER.id, { limit: 1000 })),
      await attempt(() => m.audit.byActor(CLEARED_SUPERVISOR.id, { limit: 1000 })),
    ];
    const leaks = new Set<string>();
    for (const page of pages) {
      for (const event of ((withoutOwnRefusals(page, UNCLEARED_SUPERVISOR.id) as { items?: AuditEvent[] }).items ?? [])) {
        const about = [event.recordId, event.caseId, event.clientId, ...(event.recordIds ?? [])];
        if (about.some((id) => id && world.hiddenIds.includes(id))) leaks.add(`${event.action} ${event.collection}/${event.recordId}${event.recordIds ? ` [${event.recordIds.join(', ')}]` : ''}`);
      }
    }
    assert.deepEqual([...leaks], [], 'events about the hidden case or client');
  });

  for (const field of ['status', 'program', 'priority', 'riskLevel', 'assigneeId'] as CaseGroupField[]) {
    it(`cases.countBy('${field}') does not count the hidden case, whatever the text (no letter-by-letter recovery)`, async () => {
      const world = await bhWorld();
      const uncleared = world.as(UNCLEARED_SUPERVISOR);
      const cleared = world.as(CLEARED_SUPERVISOR);
      const probes = ['', 'a', 'ad', 'ade', 'adey', 'adeyemi', 'g', 'grace', 'counselling', 'h', 'haddad', 'kowalski', 'zzz'];
      for (const text of probes) {
        const query = text ? { text } : {};
        const seen = drop0(await uncleared.cases.countBy(field, query));
        // What the cleared supervisor counts, less the cases hidden from the uncleared one.
        const all = (await cleared.cases.query({ ...query, limit: 200 })).items;
        const expected: Record<string, number> = {};
        for (const c of all.filter((c) => c.program !== 'behavioral-health')) {
          const value = String((c as unknown as Record<string, unknown>)[field] ?? 'none');
          expected[value] = (expected[value] ?? 0) + 1;
        }
        const visibleTotal = Object.values(seen).reduce((a, b) => a + b, 0);
        assert.equal(visibleTotal, all.filter((c) => c.program !== 'behavioral-health').length, `countBy('${field}', { text: '${text}' }) counts a hidden case: ${JSON.stringify(seen)}`);
        if (field === 'program') assert.equal(seen['behavioral-health'], undefined, 'no behavioral-health count at all');
        if (field !== 'assigneeId') assert.deepEqual(seen, expected, `countBy('${field}', { text: '${text}' })`);
      }
    });
  }

  it('cases.countBy with a program filter on the hidden program counts nothing', async () => {
    const world = await bhWorld();
    const counts = drop0(await world.as(UNCLEARED_SUPERVISOR).cases.countBy('status', { program: ['behavioral-health'] }));
    assert.deepEqual(counts, {});
    const cleared = drop0(await world.as(CLEARED_SUPERVISOR).cases.countBy('status', { program: ['behavioral-health'] }));
    assert.ok(Object.values(cleared).reduce((a, b) => a + b, 0) >= 2, 'the cleared supervisor counts them');
  });

  it('reports.caseload (an aggregate) does not count the hidden program either', async () => {
    const world = await bhWorld();
    const report = await world.as(UNCLEARED_SUPERVISOR).reports.caseload({ from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    assert.equal(report.openCases.byProgram['behavioral-health'] ?? 0, 0, `byProgram: ${JSON.stringify(report.openCases.byProgram)}`);
    const cleared = await world.as(CLEARED_SUPERVISOR).reports.caseload({ from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
    assert.ok((cleared.openCases.byProgram['behavioral-health'] ?? 0) > 0);
  });

  it('exportCaseload leaves out every record the actor may not read, and the export re-imports', async () => {
    const world = await bhWorld();
    const data = await world.as(UNCLEARED_SUPERVISOR).exportCaseload();
    assertHides(world, data, 'the uncleared export');
    assert.ok(data.collections.clients?.some((c) => c.id === world.mixedClientId), 'the mixed client is exported (through their visible case)');
    const fresh = createMemoryStorage();
    const target = createCaseManager({ storage: fresh, actor: CLEARED_SUPERVISOR, clock: () => new Date(NOW) });
    const { imported } = await target.importCaseload(JSON.parse(JSON.stringify(data)));
    assert.equal(imported['clients'], data.collections.clients!.length);

    const full = await world.as(CLEARED_SUPERVISOR).exportCaseload();
    const ids = JSON.stringify(full);
    for (const id of world.hiddenIds) assert.ok(ids.includes(`"${id}"`), `the cleared export has ${id}`);
    const again = createCaseManager({ storage: createMemoryStorage(), actor: CLEARED_SUPERVISOR, clock: () => new Date(NOW) });
    await again.importCaseload(JSON.parse(JSON.stringify(full)));
  });

  it('every read the uncleared supervisor makes is audited without naming a hidden record', async () => {
    const world = await bhWorld();
    const before = await dump(world.storage);
    const m = world.as(UNCLEARED_SUPERVISOR);
    await m.cases.query({ limit: 200 });
    await m.clients.search('a');
    await m.referrals.forOrganization('org-food-bank');
    await m.exportCaseload();
    for (const event of await newEvents(world.storage, before)) {
      assert.equal(event.actor.id, UNCLEARED_SUPERVISOR.id);
      assertHides(world, event, `audit event ${event.action} ${event.recordId}`);
    }
  });
});
