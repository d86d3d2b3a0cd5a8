/**
 * Data integrity of the workflows:
 * - C. a VersionRef without a valid positive integer version is a ValidationError everywhere;
 * - G. a consent covers a referral by organisation id when either side has one, by name only when neither has;
 * - I. a closure requested while one is pending is refused; a rejection's reason is validated;
 * - J. drafts never collide across owners, and saving checks the policy against the stored draft.
 * Every refused or failed call is checked to have written nothing (a refusal: one `refused` event).
 */
import { readAll } from '../storage/read-all.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CasekitError, PermissionError, TransitionError, ValidationError } from '../errors/errors.js';
import { defaultPolicy, type Policy } from '../policy/policy.js';
import type { StoragePort, StoredRecord } from '../storage/storage-port.js';
import { COLLECTIONS, type CollectionName } from '../records/record.js';
import type { Actor } from '../records/common.js';
import { OrganizationSchema } from '../directory/directory-schema.js';
import { DraftSchema } from '../draft/draft-schema.js';
import { draftStorageId } from '../draft/drafts-api.js';
import type { CaseManager } from '../case-manager.js';
import { createTestSetup, PERSONAS, type TestSetup } from '../testing/test-manager.js';
import type { AuditEvent } from '../audit/audit-schema.js';

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

const NOW = '2026-11-24T15:00:00.000Z';
const FOOD_BANK = 'org-food-bank';
const LEGAL_AID = 'org-legal-aid';
const phq9Zeros = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9-${i + 1}`, '0']));


async function dump(storage: StoragePort): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const collection of COLLECTIONS) out[collection] = (await readAll(storage, collection)).map((r) => JSON.stringify(r)).sort();
  return out;
}

/** Runs a call that must fail with a non-permission CasekitError and checks storage is byte-identical. */
async function assertFailsAndWritesNothing(storage: StoragePort, call: () => unknown, check: (error: unknown) => boolean, label: string): Promise<unknown> {
  const before = await dump(storage);
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, `${label}: expected a failure, it succeeded`);
  assert.ok(caught instanceof CasekitError, `${label}: threw a bare ${(caught as Error)?.constructor?.name}: ${String(caught)}`);
  assert.ok(check(caught), `${label}: unexpected ${(caught as CasekitError).name} (${(caught as CasekitError).code}): ${(caught as Error).message}`);
  assert.deepEqual(await dump(storage), before, `${label}: a failed call wrote something`);
  return caught;
}

/** Directory organisations with the ids provider actors carry. */
async function loadDirectory(setup: TestSetup) {
  await setup.storage.load([
    {
      collection: 'organizations',
      records: [
        OrganizationSchema.parse({ id: FOOD_BANK, version: 1, createdAt: NOW, updatedAt: NOW, name: 'Riverside Community Food Bank' }),
        OrganizationSchema.parse({ id: LEGAL_AID, version: 1, createdAt: NOW, updatedAt: NOW, name: 'Valley Legal Aid' }),
      ],
    },
  ]);
  const admin = setup.as(PERSONAS.supervisor).directory;
  const pantry = await admin.createService({ organizationId: FOOD_BANK, name: 'Emergency food boxes', categories: ['food'] });
  const eviction = await admin.createService({ organizationId: LEGAL_AID, name: 'Eviction defence', categories: ['legal', 'housing'] });
  return { pantry, eviction };
}

async function clientWithCase(setup: TestSetup) {
  const { client } = await setup.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' }, birthDate: '1961-03-14', language: 'vi' });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  return { client, caseRecord };
}

// ---------------------------------------------------------------------------------------------------
// C. Version refs
// ---------------------------------------------------------------------------------------------------

/** Refs with a real id and a version that is not a positive integer, and refs that are not refs at all. */
const BAD_VERSIONS: [string, unknown][] = [
  ['missing', undefined],
  ['zero', 0],
  ['negative', -1],
  ['fractional', 1.5],
  ['a numeric string', '1'],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['null', null],
  ['beyond safe integers', 2 ** 60],
];

interface RefWorld {
  setup: TestSetup;
  m: CaseManager;
  ids: Record<'client' | 'otherClient' | 'case' | 'assessment' | 'org' | 'service' | 'plan' | 'goal' | 'intervention' | 'draftNote' | 'signedNote' | 'draftReferral' | 'consent', string>;
}

async function refWorld(): Promise<RefWorld> {
  const setup = createTestSetup({ approvals: { caseClosure: true, planActivation: true } });
  const { pantry } = await loadDirectory(setup);
  const { client, caseRecord } = await clientWithCase(setup);
  const { client: other } = await setup.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyen' } });
  const assessment = await setup.manager.assessments.submit({ caseId: caseRecord.id, questionnaireId: 'phq-9', answers: phq9Zeros });
  const plan = await setup.manager.plans.create(caseRecord.id, { title: 'Food security', goals: [{ needDomain: 'food', description: 'Groceries weekly', interventions: [{ description: 'Apply for SNAP' }] }] });
  const draftNote = await setup.manager.notes.create({ caseId: caseRecord.id, type: 'visit', text: 'Home visit.' });
  const signedNote = await setup.manager.notes.create({ caseId: caseRecord.id, type: 'phone', text: 'Called.', sign: true });
  const consent = await setup.manager.consents.record({ clientId: client.id, scope: 'share-with-provider', grantee: { organizationId: FOOD_BANK, name: 'Food bank' }, purpose: 'Referral', source: 'written' });
  const draftReferral = await setup.manager.referrals.create({ caseId: caseRecord.id, service: { serviceId: pantry.id }, reason: 'Food' });
  await setup.manager.cases.transition(await setup.manager.cases.get(caseRecord.id), 'closed', { closureReason: 'goals-met' });
  await setup.manager.drafts.save('intake', { kind: 'intake', data: { step: 1 } });
  return {
    setup,
    m: setup.as(PERSONAS.supervisor),
    ids: {
      client: client.id,
      otherClient: other.id,
      case: caseRecord.id,
      assessment: assessment.id,
      org: LEGAL_AID,
      service: pantry.id,
      plan: plan.id,
      goal: plan.goals[0]!.id,
      intervention: plan.goals[0]!.interventions[0]!.id,
      draftNote: draftNote.id,
      signedNote: signedNote.id,
      draftReferral: draftReferral.id,
      consent: consent.id,
    },
  };
}

type RefCall = [name: string, target: keyof RefWorld['ids'], call: (m: CaseManager, ref: unknown, ids: RefWorld['ids']) => unknown];
const REF_CALLS: RefCall[] = [
  ['clients.update', 'client', (m, ref) => m.clients.update(ref as never, { contact: { phone: '+1 555 0100' } })],
  ['clients.link', 'otherClient', (m, ref, ids) => m.clients.link(ref as never, ids.client)],
  ['cases.update', 'case', (m, ref) => m.cases.update(ref as never, { priority: 'high' })],
  ['cases.transition', 'case', (m, ref) => m.cases.transition(ref as never, 'on-hold', { reason: 'Travelling' })],
  ['cases.identifyNeeds', 'case', (m, ref) => m.cases.identifyNeeds(ref as never, ['legal'])],
  ['cases.approveClosure', 'case', (m, ref) => m.cases.approveClosure(ref as never)],
  ['cases.rejectClosure', 'case', (m, ref) => m.cases.rejectClosure(ref as never, 'Still open goals')],
  ['assessments.markEnteredInError', 'assessment', (m, ref) => m.assessments.markEnteredInError(ref as never, 'Wrong client')],
  ['directory.updateOrganization', 'org', (m, ref) => m.directory.updateOrganization(ref as never, { description: 'Civil legal help' })],
  ['directory.updateService', 'service', (m, ref) => m.directory.updateService(ref as never, { hours: 'Mon–Fri' })],
  ['plans.update', 'plan', (m, ref) => m.plans.update(ref as never, { description: 'Reviewed' })],
  ['plans.transition', 'plan', (m, ref) => m.plans.transition(ref as never, 'active')],
  ['plans.approveActivation', 'plan', (m, ref) => m.plans.approveActivation(ref as never)],
  ['plans.rejectActivation', 'plan', (m, ref) => m.plans.rejectActivation(ref as never, 'Add a goal first')],
  ['plans.addGoal', 'plan', (m, ref) => m.plans.addGoal(ref as never, { needDomain: 'housing', description: 'A lease' })],
  ['plans.updateGoal', 'plan', (m, ref, ids) => m.plans.updateGoal(ref as never, ids.goal, { priority: 'high-priority' })],
  ['plans.transitionGoal', 'plan', (m, ref, ids) => m.plans.transitionGoal(ref as never, ids.goal, 'active')],
  ['plans.addIntervention', 'plan', (m, ref, ids) => m.plans.addIntervention(ref as never, ids.goal, { description: 'Visit the pantry' })],
  ['plans.updateIntervention', 'plan', (m, ref, ids) => m.plans.updateIntervention(ref as never, ids.goal, ids.intervention, { dueDate: '2026-12-01' })],
  ['plans.transitionIntervention', 'plan', (m, ref, ids) => m.plans.transitionIntervention(ref as never, ids.goal, ids.intervention, 'in-progress')],
  ['plans.addProgress', 'plan', (m, ref, ids) => m.plans.addProgress(ref as never, ids.goal, { text: 'Applied' })],
  ['notes.update', 'draftNote', (m, ref) => m.notes.update(ref as never, { text: 'Home visit, fridge empty.' })],
  ['notes.sign', 'draftNote', (m, ref) => m.notes.sign(ref as never)],
  ['notes.amend', 'signedNote', (m, ref) => m.notes.amend(ref as never, { text: 'Called twice.', reason: 'Missed a call' })],
  ['notes.delete', 'draftNote', (m, ref) => m.notes.delete(ref as never)],
  ['referrals.update', 'draftReferral', (m, ref) => m.referrals.update(ref as never, { reason: 'Food for four' })],
  ['referrals.transition', 'draftReferral', (m, ref) => m.referrals.transition(ref as never, 'cancelled')],
  ['referrals.send', 'draftReferral', (m, ref) => m.referrals.send(ref as never)],
  ['consents.transition', 'consent', (m, ref) => m.consents.transition(ref as never, 'entered-in-error', { reason: 'Wrong form' })],
  ['consents.revoke', 'consent', (m, ref) => m.consents.revoke(ref as never, 'Withdrawn by phone')],
];

describe('C. a VersionRef without a valid positive integer version is a ValidationError everywhere', () => {
  const worldReady = refWorld();
  for (const [name, target, call] of REF_CALLS) {
    it(`${name}: every bad version, and refs that are not objects, write nothing`, async () => {
      const { setup, m, ids } = await worldReady;
      const problems: string[] = [];
      const attempts: [string, unknown][] = [
        ...BAD_VERSIONS.map(([label, version]): [string, unknown] => [`version ${label}`, version === undefined ? { id: ids[target] } : { id: ids[target], version }]),
        ['the bare id', ids[target]],
        ['null', null],
        ['an array', [ids[target], 1]],
      ];
      for (const [label, ref] of attempts) {
        try {
          await assertFailsAndWritesNothing(setup.storage, () => call(m, ref, ids), (e) => e instanceof ValidationError && e.issues.length > 0 && e.issues.every((i) => Array.isArray(i.path)), `${name} with ${label}`);
        } catch (error) {
          problems.push((error as Error).message.split('\n')[0]!);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  it('drafts.save: a basedOn without a valid version is a ValidationError too', async () => {
    const { setup } = await worldReady;
    const draft = await setup.manager.drafts.get('intake');
    for (const [label, version] of BAD_VERSIONS.filter(([, v]) => v !== undefined)) {
      await assertFailsAndWritesNothing(setup.storage, () => setup.manager.drafts.save('intake', { kind: 'intake', data: { step: 9 } }, { id: draft!.id, version } as never), (e) => e instanceof ValidationError, `basedOn version ${label}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// G. Consent matching
// ---------------------------------------------------------------------------------------------------

type Grantee = { organizationId?: string; name: string } | undefined;
type ServiceChoice = 'pantry' | 'eviction' | { organizationId?: string; organizationName: string };
const CONSENT_ROWS: { label: string; grantee: Grantee; to: ServiceChoice; covers: boolean }[] = [
  { label: 'granted to the legal aid by id; referral to its directory service', grantee: { organizationId: LEGAL_AID, name: 'Valley Legal Aid' }, to: 'eviction', covers: true },
  { label: "granted by id to the food bank, under the legal aid's name; referral to the legal aid", grantee: { organizationId: FOOD_BANK, name: 'Valley Legal Aid' }, to: 'eviction', covers: false },
  { label: 'granted by name only; referral to the directory organisation of that name (which has an id)', grantee: { name: 'Valley Legal Aid' }, to: 'eviction', covers: false },
  { label: 'granted by name only; free-text referral by the same name (no id on either side)', grantee: { name: 'Corner Pantry' }, to: { organizationName: 'Corner Pantry' }, covers: true },
  { label: 'granted by name only; free-text referral by that name in other case', grantee: { name: 'Corner Pantry' }, to: { organizationName: 'CORNER PANTRY' }, covers: true },
  { label: 'granted by name only; free-text referral to another name', grantee: { name: 'Corner Pantry' }, to: { organizationName: 'Corner Grocery' }, covers: false },
  { label: 'granted by id; free-text referral by the same name but no id', grantee: { organizationId: LEGAL_AID, name: 'Valley Legal Aid' }, to: { organizationName: 'Valley Legal Aid' }, covers: false },
  { label: 'granted by name only; free-text referral naming the organisation by id and name', grantee: { name: 'Valley Legal Aid' }, to: { organizationId: LEGAL_AID, organizationName: 'Valley Legal Aid' }, covers: false },
  { label: 'granted by id; free-text referral with the same organisation id', grantee: { organizationId: LEGAL_AID, name: 'Valley Legal Aid' }, to: { organizationId: LEGAL_AID, organizationName: 'Legal Aid (Valley)' }, covers: true },
  { label: 'no grantee (any directory provider); referral to a directory service', grantee: undefined, to: 'pantry', covers: true },
  { label: 'no grantee (any directory provider); free-text referral outside the directory', grantee: undefined, to: { organizationName: 'Corner Pantry' }, covers: false },
];

describe('G. a consent covers another organisation by id when either side has one, by name only when neither has', () => {
  for (const row of CONSENT_ROWS) {
    it(`${row.covers ? 'covers' : 'does not cover'}: ${row.label}`, async () => {
      const setup = createTestSetup();
      const services = await loadDirectory(setup);
      const { client, caseRecord } = await clientWithCase(setup);
      const consent = await setup.manager.consents.record({
        clientId: client.id,
        scope: 'share-with-provider',
        ...(row.grantee ? { grantee: row.grantee } : {}),
        purpose: 'Referral for services',
        source: 'written',
      });
      const service =
        row.to === 'pantry' ? { serviceId: services.pantry.id } : row.to === 'eviction' ? { serviceId: services.eviction.id } : { ...row.to, serviceName: 'Intake', category: 'food' as const };
      const send = () => setup.manager.referrals.create({ caseId: caseRecord.id, service, reason: 'Needs help this week', send: true });
      if (row.covers) {
        const referral = await send();
        assert.deepEqual(referral.consent, { consentId: consent.id }, 'the referral relies on the consent');
      } else {
        const error = await assertFailsAndWritesNothing(setup.storage, send, (e) => e instanceof ValidationError, 'sending without a covering consent');
        assert.deepEqual((error as ValidationError).issues.map((i) => i.path), [['consent']]);
      }
      // activeShareConsent answers the same question the same way.
      const target =
        row.to === 'pantry'
          ? { organizationId: FOOD_BANK, organizationName: 'Riverside Community Food Bank' }
          : row.to === 'eviction'
            ? { organizationId: LEGAL_AID, organizationName: 'Valley Legal Aid' }
            : row.to;
      const found = await setup.manager.consents.activeShareConsent(client.id, target);
      assert.equal(found?.id, row.covers ? consent.id : undefined, 'activeShareConsent agrees');
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// I. Closure approvals
// ---------------------------------------------------------------------------------------------------

describe('I. a pending closure is not replaced, and a rejection gives a valid reason', () => {
  async function pendingClosure() {
    const setup = createTestSetup({ approvals: { caseClosure: true } });
    const { caseRecord } = await clientWithCase(setup);
    const pending = await setup.manager.cases.transition(caseRecord, 'closed', { closureReason: 'goals-met', reason: 'All three goals met' });
    assert.equal(pending.pendingApproval?.closureReason, 'goals-met');
    assert.equal(pending.status, 'active', 'the case stays open until approved');
    return { setup, pending };
  }

  it('requesting closure again while one is pending is refused and keeps the pending reason', async () => {
    const { setup, pending } = await pendingClosure();
    await assertFailsAndWritesNothing(
      setup.storage,
      () => setup.manager.cases.transition(pending, 'closed', { closureReason: 'moved', reason: 'Moved out of state' }),
      (e) => e instanceof TransitionError || e instanceof ValidationError,
      'a second closure request',
    );
    const after = await setup.as(PERSONAS.supervisor).cases.get(pending.id);
    assert.deepEqual(after.pendingApproval, pending.pendingApproval, 'the first request stands as it was');
    // A colleague on the care team cannot replace it either.
    const onTeam = await setup.as(PERSONAS.supervisor).cases.update(after, { careTeam: [{ actorId: PERSONAS.otherCaseManager.id, name: 'Devon Baker', role: 'case-manager' }] });
    await assertFailsAndWritesNothing(
      setup.storage,
      () => setup.as(PERSONAS.otherCaseManager).cases.transition(onTeam, 'closed', { closureReason: 'lost-contact' }),
      (e) => e instanceof TransitionError || e instanceof ValidationError,
      'a second closure request by a care-team member',
    );
    assert.equal((await setup.as(PERSONAS.supervisor).cases.get(pending.id)).pendingApproval?.closureReason, 'goals-met');
  });

  const BAD_REASONS: [string, unknown][] = [
    ['empty', ''],
    ['only spaces', '   \n\t '],
    ['2001 characters', 'x'.repeat(2001)],
    ['one megabyte', 'x'.repeat(1 << 20)],
    ['a number', 42],
    ['null', null],
    ['missing', undefined],
    ['an object', { toString: () => 'a reason' }],
    ['an array', ['a reason']],
  ];
  for (const [label, reason] of BAD_REASONS) {
    it(`rejectClosure with a reason that is ${label}: ValidationError at reason, nothing written`, async () => {
      const { setup, pending } = await pendingClosure();
      const error = await assertFailsAndWritesNothing(setup.storage, () => setup.as(PERSONAS.supervisor).cases.rejectClosure(pending, reason as never), (e) => e instanceof ValidationError, 'rejectClosure');
      assert.ok((error as ValidationError).issues.some((i) => i.path[0] === 'reason'), JSON.stringify((error as ValidationError).issues));
    });
  }

  it('rejectClosure trims the reason, clears the pending closure and audits the trimmed reason', async () => {
    const { setup, pending } = await pendingClosure();
    const rejected = await setup.as(PERSONAS.supervisor).cases.rejectClosure(pending, '   The housing goal is still open  ');
    assert.equal(rejected.pendingApproval, undefined);
    assert.equal(rejected.status, 'active');
    const events = (await readAll(setup.storage, 'audit')) as unknown as AuditEvent[];
    const event = events.find((e) => e.action === 'approve' && e.recordId === pending.id);
    assert.equal(event?.reason, 'closure rejected: The housing goal is still open');
    // With the request gone, a new one may be made.
    const again = await setup.manager.cases.transition(rejected, 'closed', { closureReason: 'moved' });
    assert.equal(again.pendingApproval?.closureReason, 'moved');
  });
});

// ---------------------------------------------------------------------------------------------------
// J. Drafts
// ---------------------------------------------------------------------------------------------------

const caseManager = (id: string): Actor => ({ id, name: `Staff ${id}`, role: 'case-manager' });

describe("J. drafts are private to their owner and never collide", () => {
  it("owner 'a::b' with key 'c' and owner 'a' with key 'b::c' keep separate drafts", async () => {
    const setup = createTestSetup();
    const first = setup.as(caseManager('a::b'));
    const second = setup.as(caseManager('a'));
    await first.drafts.save('c', { kind: 'intake', data: { by: 'a::b' } });
    await second.drafts.save('b::c', { kind: 'intake', data: { by: 'a' } });
    assert.deepEqual((await first.drafts.get('c'))?.data, { by: 'a::b' });
    assert.deepEqual((await second.drafts.get('b::c'))?.data, { by: 'a' });
    assert.equal((await readAll(setup.storage, 'drafts')).length, 2);
    assert.equal(await second.drafts.get('c'), undefined, "'a' has no draft 'c'");
  });

  it('no choice of owner and key reaches another pair’s draft', async () => {
    const owners = ['a', 'a::b', 'a:b', '1:a', '3:a::b', 'a:', ':a', '2:a:'];
    const keys = ['c', 'b::c', 'b:c', ':c', '::', '1:a:c', 'a', ':b::c'];
    const setup = createTestSetup();
    for (const owner of owners) for (const key of keys) await setup.as(caseManager(owner)).drafts.save(key, { kind: 'intake', data: { owner, key } });
    assert.equal((await readAll(setup.storage, 'drafts')).length, owners.length * keys.length, 'one stored draft per owner and key');
    for (const owner of owners) {
      for (const key of keys) {
        const draft = await setup.as(caseManager(owner)).drafts.get(key);
        assert.deepEqual(draft?.data, { owner, key }, `${owner} + ${key}`);
        assert.equal(draft?.ownerId, owner);
      }
    }
  });

  it('saving over a stored draft asks the policy about the stored draft too', async () => {
    // A deployment seals drafts that belong to a sealed case: they may be read, never overwritten.
    const sealed: Policy = (request) => {
      if (request.collection === 'drafts' && request.action !== 'read' && (request.record as { caseId?: string } | undefined)?.caseId === 'case-sealed') return false;
      return defaultPolicy(request);
    };
    const setup = createTestSetup({ policy: sealed });
    const id = draftStorageId(PERSONAS.caseManager.id, 'intake');
    const stored = DraftSchema.parse({ id, version: 1, createdAt: NOW, updatedAt: NOW, ownerId: PERSONAS.caseManager.id, kind: 'intake', caseId: 'case-sealed', data: { step: 5 } });
    await setup.storage.load([{ collection: 'drafts', records: [stored] }]);
    const before = await dump(setup.storage);
    // The new content names no case: only the stored draft is sealed.
    await assert.rejects(setup.manager.drafts.save('intake', { kind: 'intake', data: { step: 6 } }), PermissionError);
    await assert.rejects(setup.manager.drafts.discard('intake'), PermissionError);
    const after = await dump(setup.storage);
    assert.deepEqual(after['drafts'], before['drafts'], 'the sealed draft is unchanged');
    const added = after['audit']!.filter((e) => !before['audit']!.includes(e)).map((e) => JSON.parse(e) as AuditEvent);
    assert.deepEqual(added.map((e) => [e.outcome, e.collection, e.actor.id]), [['refused', 'drafts', PERSONAS.caseManager.id], ['refused', 'drafts', PERSONAS.caseManager.id]]);
  });

  it("a stored draft of someone else under the actor's id (a tampered import) is neither read nor overwritten", async () => {
    const setup = createTestSetup();
    const id = draftStorageId(PERSONAS.caseManager.id, 'intake');
    await setup.storage.load([{ collection: 'drafts', records: [DraftSchema.parse({ id, version: 1, createdAt: NOW, updatedAt: NOW, ownerId: PERSONAS.otherCaseManager.id, kind: 'intake', data: { secret: 'Devon’s notes' } })] }]);
    await assert.rejects(setup.manager.drafts.get('intake'), PermissionError);
    await assert.rejects(setup.manager.drafts.save('intake', { kind: 'intake', data: { mine: true } }), PermissionError);
    const [draft] = await readAll(setup.storage, 'drafts');
    assert.deepEqual(draft!['data'], { secret: 'Devon’s notes' });
  });

  it('drafts stay private: a colleague, a viewer and a volunteer see none of them', async () => {
    const setup = createTestSetup();
    await setup.manager.drafts.save('intake', { kind: 'intake', data: { answers: { name: 'Rosa' } } });
    for (const actor of [PERSONAS.otherCaseManager, PERSONAS.viewer, { id: 'vol-park', name: 'Jin Park', role: 'volunteer' }]) {
      const seen = await setup.as(actor).drafts.get('intake').catch((e: unknown) => (e instanceof PermissionError ? undefined : Promise.reject(e)));
      assert.equal(seen, undefined, `${actor.id} sees no draft`);
    }
  });
});
