import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, NotFoundError, PermissionError, TransitionError, ValidationError } from '../errors/errors.js';
import { OrganizationSchema } from '../directory/directory-schema.js';
import { defaultPolicy } from '../policy/policy.js';
import { auditTally, createTestSetup, PERSONAS, type TestSetup } from '../testing/test-manager.js';
import type { CaseManagerOptions } from '../case-manager.js';
import { REFERRAL_MACHINE } from './referral-machine.js';
import { REFERRAL_SIDE_STATUSES, REFERRAL_STATUSES, type Referral, type ReferralStatus } from './referral-schema.js';
import type { ReferralInput } from './referrals-api.js';

const provider = PERSONAS.foodBankStaff;
const otherProvider = { id: 'prov-kim', name: 'Jae Kim', role: 'provider', organizationId: 'org-legal-aid' } as const;
const count = (setup: TestSetup, collection: 'referrals' | 'audit') => setup.storage.count(collection, { index: 'id' });
/** Referrals and the audit events of changes (reads and refused attempts are audited too, and counted apart). */
const snapshot = async (setup: TestSetup) => [await count(setup, 'referrals'), (await auditTally(setup.storage)).changes];

/**
 * A client with an active case, a directory with the food bank (`org-food-bank`, as the provider persona's
 * organisation; seeded as an import would) and a legal-aid organisation.
 */
async function world(options: Partial<CaseManagerOptions> = {}) {
  const setup = createTestSetup(options);
  const at = '2026-11-01T00:00:00.000Z';
  await setup.storage.load([{ collection: 'organizations', records: [
    OrganizationSchema.parse({ id: 'org-food-bank', version: 1, createdAt: at, updatedAt: at, name: 'Riverside Community Food Bank' }),
    OrganizationSchema.parse({ id: 'org-legal-aid', version: 1, createdAt: at, updatedAt: at, name: 'Valley Legal Aid' }),
  ] }]);
  const admin = setup.as(PERSONAS.supervisor).directory;
  const foodBoxes = await admin.createService({
    organizationId: 'org-food-bank',
    name: 'Emergency food boxes',
    categories: ['food', 'social-support'],
    languages: ['en', 'vi'],
    contact: { phone: '+1 503 555 0100', email: 'intake@food.example.org' },
  });
  const eviction = await admin.createService({ organizationId: 'org-legal-aid', name: 'Eviction defence', categories: ['legal', 'housing'] });
  const { client } = await setup.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' }, birthDate: '1961-03-14', language: 'vi' });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  const consentTo = (organizationId?: string, extra: Record<string, unknown> = {}) =>
    setup.manager.consents.record({
      clientId: client.id,
      scope: 'share-with-provider',
      ...(organizationId ? { grantee: { organizationId, name: organizationId } } : {}),
      purpose: 'Referral for services',
      source: 'written',
      ...extra,
    });
  const draft = (extra: Partial<ReferralInput> = {}) =>
    setup.manager.referrals.create({ caseId: caseRecord.id, service: { serviceId: foodBoxes.id }, reason: 'Ran out of food stamps mid-month', ...extra });
  return { setup, client, caseRecord, foodBoxes, eviction, consentTo, draft };
}

type World = Awaited<ReturnType<typeof world>>;

/** The way to each status along allowed edges, each step set by its proper side. */
const PATHS: Record<ReferralStatus, ReferralStatus[]> = {
  draft: [],
  requested: ['requested'],
  accepted: ['requested', 'accepted'],
  'in-progress': ['requested', 'accepted', 'in-progress'],
  'on-hold': ['requested', 'accepted', 'in-progress', 'on-hold'],
  rejected: ['requested', 'rejected'],
  completed: ['requested', 'accepted', 'completed'],
  failed: ['requested', 'accepted', 'failed'],
  cancelled: ['cancelled'],
  'entered-in-error': ['entered-in-error'],
};
const OPTIONS = { reason: 'stated reason', outcome: { code: 'service-provided', note: 'Two boxes picked up' } } as const;
const optionsFor = (to: ReferralStatus) => ({
  ...(['rejected', 'entered-in-error', 'cancelled', 'on-hold', 'failed'].includes(to) ? { reason: OPTIONS.reason } : {}),
  ...(to === 'completed' || to === 'failed' ? { outcome: OPTIONS.outcome } : {}),
});
/** The manager of the side that sets `to` (cancelled: the requester). */
const managerFor = (w: World, to: ReferralStatus) => (REFERRAL_SIDE_STATUSES.requester.includes(to) ? w.setup.manager : w.setup.as(provider));

async function referralIn(status: ReferralStatus): Promise<World & { referral: Referral }> {
  const w = await world();
  await w.consentTo('org-food-bank');
  let referral = await w.draft();
  for (const step of PATHS[status]) referral = await managerFor(w, step).referrals.transition(referral, step, optionsFor(step));
  assert.equal(referral.status, status);
  return { ...w, referral };
}

describe('referral state machine (Gravity roles)', () => {
  for (const from of REFERRAL_STATUSES) {
    for (const to of REFERRAL_MACHINE.transitions[from]) {
      const side = REFERRAL_SIDE_STATUSES.requester.includes(to) ? 'requester' : 'performer';
      it(`allows ${from} -> ${to} by the ${side}`, async () => {
        const w = await referralIn(from);
        const moved = await managerFor(w, to).referrals.transition(w.referral, to, optionsFor(to));
        assert.equal(moved.status, to);
        assert.equal(moved.version, w.referral.version + 1);
        const last = moved.history.at(-1)!;
        assert.deepEqual([last.from, last.to, last.side, last.by.id], [from, to, side, side === 'requester' ? PERSONAS.caseManager.id : provider.id]);
      });
    }
  }

  it('lets the receiving organisation cancel too', async () => {
    for (const from of ['requested', 'accepted', 'in-progress', 'on-hold'] as const) {
      const w = await referralIn(from);
      const cancelled = await w.setup.as(provider).referrals.transition(w.referral, 'cancelled', { reason: 'Client moved out of the service area' });
      assert.deepEqual([cancelled.status, cancelled.history.at(-1)!.side, cancelled.statusReason], ['cancelled', 'performer', 'Client moved out of the service area']);
    }
  });

  for (const [from, to] of [
    ['draft', 'accepted'],
    ['draft', 'completed'],
    ['requested', 'in-progress'],
    ['requested', 'completed'],
    ['on-hold', 'completed'],
    ['rejected', 'accepted'],
    ['completed', 'in-progress'],
    ['cancelled', 'requested'],
    ['entered-in-error', 'draft'],
  ] as const) {
    it(`refuses ${from} -> ${to} and writes nothing`, async () => {
      const w = await referralIn(from);
      const before = await snapshot(w.setup);
      await assert.rejects(w.setup.as(provider).referrals.transition(w.referral, to, optionsFor(to)), (e: unknown) => {
        // A draft has not reached the receiving organisation: it is not theirs to act on at all.
        if (from === 'draft') return e instanceof PermissionError;
        assert.ok(e instanceof TransitionError);
        assert.deepEqual(e.allowed, [...REFERRAL_MACHINE.transitions[from]]);
        return true;
      });
      assert.deepEqual(await snapshot(w.setup), before);
    });
  }

  it('refuses statuses of the other side with a TransitionError naming what this side may do', async () => {
    const w = await referralIn('requested');
    const before = await snapshot(w.setup);
    await assert.rejects(w.setup.manager.referrals.transition(w.referral, 'accepted'), (e: unknown) => {
      assert.ok(e instanceof TransitionError);
      assert.deepEqual(e.allowed, ['cancelled', 'entered-in-error']);
      assert.match(e.message, /recordedFor/);
      return true;
    });
    await assert.rejects(w.setup.as(provider).referrals.transition(w.referral, 'entered-in-error', { reason: 'dup' }), (e: unknown) => {
      assert.ok(e instanceof TransitionError);
      assert.deepEqual(e.allowed, ['accepted', 'rejected', 'cancelled']);
      return true;
    });
    const draft = await referralIn('draft');
    await assert.rejects(draft.setup.as(provider).referrals.send(draft.referral), PermissionError, 'a provider cannot see, let alone send, a draft');
    const accepted = await referralIn('accepted');
    await assert.rejects(accepted.setup.as(PERSONAS.supervisor).referrals.transition(accepted.referral, 'completed', optionsFor('completed')), TransitionError);
    assert.deepEqual(await snapshot(w.setup), before);
  });

  it('lets a case manager record the provider’s answer, marked in the history and the audit trail', async () => {
    const w = await referralIn('requested');
    const accepted = await w.setup.manager.referrals.transition(w.referral, 'accepted', { recordedFor: 'performer', reason: 'Confirmed by phone with intake desk' });
    const last = accepted.history.at(-1)!;
    assert.deepEqual([last.side, last.recordedFor, last.by.id], ['performer', 'performer', PERSONAS.caseManager.id]);
    assert.equal(accepted.acknowledgedAt, '2026-11-24T15:00:00.000Z');
    const completed = await w.setup.manager.referrals.transition(accepted, 'completed', { recordedFor: 'performer', outcome: { code: 'partially-provided' } });
    assert.deepEqual(completed.outcome, { code: 'partially-provided' });
    assert.equal(completed.completedAt, '2026-11-24T15:00:00.000Z');
    const events = (await w.setup.as(PERSONAS.supervisor).audit.forRecord(w.referral.id)).items;
    assert.equal(events[1]!.reason, 'recorded for the receiving organisation: Confirmed by phone with intake desk');
    await assert.rejects(w.setup.manager.referrals.transition(completed, 'cancelled', { recordedFor: 'performer' }), TransitionError);
  });

  it('refuses providers of another organisation and actors the policy does not allow', async () => {
    const w = await referralIn('requested');
    const before = await snapshot(w.setup);
    await assert.rejects(w.setup.as(otherProvider).referrals.transition(w.referral, 'accepted'), PermissionError);
    await assert.rejects(w.setup.as(otherProvider).referrals.get(w.referral.id), PermissionError);
    await assert.rejects(w.setup.as(PERSONAS.viewer).referrals.transition(w.referral, 'cancelled'), PermissionError);
    await assert.rejects(w.setup.as(PERSONAS.otherCaseManager).referrals.transition(w.referral, 'cancelled'), PermissionError);
    await assert.rejects(w.setup.as(provider).referrals.update(w.referral, { urgency: 'urgent' }), PermissionError);
    assert.deepEqual(await snapshot(w.setup), before);
    assert.equal((await w.setup.as(provider).referrals.get(w.referral.id)).id, w.referral.id);
    assert.equal((await w.setup.as(PERSONAS.viewer).referrals.get(w.referral.id)).id, w.referral.id);
  });

  it('needs a reason to reject or enter in error, and an outcome to complete or fail', async () => {
    const w = await referralIn('requested');
    const before = await snapshot(w.setup);
    const p = w.setup.as(provider).referrals;
    await assert.rejects(p.transition(w.referral, 'rejected'), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path[0] === 'reason');
    await assert.rejects(w.setup.manager.referrals.transition(w.referral, 'entered-in-error'), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path[0] === 'reason');
    await assert.rejects(p.transition(w.referral, 'accepted', { outcome: { code: 'service-provided' } }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path[0] === 'outcome');
    const accepted = await p.transition(w.referral, 'accepted');
    const mid = await snapshot(w.setup);
    await assert.rejects(p.transition(accepted, 'completed'), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path[0] === 'outcome');
    await assert.rejects(p.transition(accepted, 'failed', { reason: 'no stock' }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path[0] === 'outcome');
    await assert.rejects(p.transition(accepted, 'completed', { outcome: { code: 'great' as never } }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path.join('.') === 'options.outcome.code');
    assert.deepEqual(mid, [before[0], before[1]! + 1]);
    assert.deepEqual(await snapshot(w.setup), mid);
    const other = await referralIn('requested');
    const rejected = await other.setup.as(provider).referrals.transition(other.referral, 'rejected', { reason: 'Client lives outside our service area' });
    assert.deepEqual([rejected.statusReason, rejected.acknowledgedAt], ['Client lives outside our service area', '2026-11-24T15:00:00.000Z']);
    const failed = await p.transition(accepted, 'failed', { reason: 'Client did not come to pickup', outcome: { code: 'unable-to-contact', note: 'Three calls' } });
    assert.deepEqual([failed.statusReason, failed.outcome?.code, failed.completedAt], ['Client did not come to pickup', 'unable-to-contact', '2026-11-24T15:00:00.000Z']);
  });

  it('offers the transitions each side may make', async () => {
    const w = await referralIn('in-progress');
    assert.deepEqual(w.setup.manager.referrals.allowedTransitions(w.referral), ['cancelled', 'entered-in-error']);
    assert.deepEqual(w.setup.manager.referrals.allowedTransitions(w.referral, 'performer'), ['on-hold', 'completed', 'failed', 'cancelled']);
    assert.deepEqual(w.setup.as(provider).referrals.allowedTransitions(w.referral), ['on-hold', 'completed', 'failed', 'cancelled']);
    assert.deepEqual(w.setup.manager.referrals.allowedTransitions({ ...w.referral, status: 'draft' }), ['requested', 'cancelled', 'entered-in-error']);
  });
});

describe('consent to share before sending', () => {
  it('refuses to send without an active consent, writing nothing', async () => {
    const w = await world();
    const draft = await w.draft();
    const before = await snapshot(w.setup);
    await assert.rejects(w.setup.manager.referrals.send(draft), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.deepEqual([e.issues[0]!.path, e.issues[0]!.code], [['consent'], 'consent-required']);
      assert.match(e.message, /Riverside Community Food Bank/);
      return true;
    });
    await assert.rejects(w.draft({ send: true }), ValidationError);
    assert.deepEqual(await snapshot(w.setup), before);
    assert.equal((await w.setup.manager.referrals.get(draft.id)).status, 'draft');
  });

  it('sends with an active consent for that organisation, recording which one', async () => {
    const w = await world();
    const consent = await w.consentTo('org-food-bank');
    const sent = await w.draft({ send: true, urgency: 'urgent' });
    assert.equal(sent.status, 'requested');
    assert.deepEqual(sent.consent, { consentId: consent.id });
    assert.equal(sent.requestedAt, '2026-11-24T15:00:00.000Z');
    assert.equal(sent.requestedBy?.id, PERSONAS.caseManager.id);
    assert.equal(sent.acknowledgementDueAt, '2026-11-27T15:00:00.000Z');
    assert.deepEqual(sent.history.map((h) => [h.from, h.to, h.side]), [[null, 'requested', 'requester']]);
  });

  it('does not count a consent for another organisation, an expired one or a revoked one', async () => {
    const w = await world();
    const draft = await w.draft();
    await w.consentTo('org-legal-aid');
    await w.consentTo('org-food-bank', { period: { start: '2026-10-01', end: '2026-11-23' } });
    const revocable = await w.consentTo('org-food-bank');
    await w.setup.manager.consents.revoke(revocable, 'Client asked us not to share with the food bank');
    await w.consentTo('org-food-bank', { scope: 'treatment' });
    await assert.rejects(w.setup.manager.referrals.send(draft), ValidationError);
    const general = await w.consentTo(undefined);
    const sent = await w.setup.manager.referrals.send(draft);
    assert.deepEqual(sent.consent, { consentId: general.id }, 'a consent for any directory provider covers the food bank');
  });

  it('sends with an audited override when the policy allows it', async () => {
    const w = await world();
    const draft = await w.draft();
    const sent = await w.setup.manager.referrals.send(draft, { consentOverride: { reason: 'Client agreed verbally; cannot sign until Monday, food needed today' } });
    assert.equal(sent.status, 'requested');
    assert.deepEqual(sent.consent, {
      override: { reason: 'Client agreed verbally; cannot sign until Monday, food needed today', by: { id: PERSONAS.caseManager.id, name: PERSONAS.caseManager.name, role: 'case-manager' }, at: '2026-11-24T15:00:00.000Z' },
    });
    const events = (await w.setup.as(PERSONAS.supervisor).audit.forRecord(draft.id, { oldestFirst: true })).items;
    assert.deepEqual(events.map((e) => e.action), ['create', 'transition', 'override']);
    assert.equal(events[2]!.reason, 'sent without consent: Client agreed verbally; cannot sign until Monday, food needed today');
    assert.deepEqual([events[2]!.caseId, events[2]!.clientId, events[2]!.toVersion], [w.caseRecord.id, w.client.id, 2]);

    const created = await w.draft({ send: true, consentOverride: { reason: 'Imminent risk: no food in the house' } });
    const createdEvents = (await w.setup.as(PERSONAS.supervisor).audit.forRecord(created.id, { oldestFirst: true })).items;
    assert.deepEqual(createdEvents.map((e) => e.action), ['create', 'override']);
  });

  it('uses a consent on file instead of an override, and refuses overrides without a reason or outside sending', async () => {
    const w = await world();
    const consent = await w.consentTo('org-food-bank');
    const draft = await w.draft();
    const before = await snapshot(w.setup);
    await assert.rejects(w.setup.manager.referrals.send(draft, { consentOverride: { reason: ' ' } }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path.join('.') === 'options.consentOverride.reason');
    await assert.rejects(w.draft({ consentOverride: { reason: 'not sending' } }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path[0] === 'consentOverride');
    assert.deepEqual(await snapshot(w.setup), before);
    const sent = await w.setup.manager.referrals.send(draft, { consentOverride: { reason: 'just in case' } });
    assert.deepEqual(sent.consent, { consentId: consent.id });
    assert.ok(!(await w.setup.as(PERSONAS.supervisor).audit.forRecord(draft.id)).items.some((e) => e.action === 'override'));
  });

  it('refuses an override the policy does not allow, writing nothing', async () => {
    const w = await world({ policy: (request) => request.action !== 'override-consent' && defaultPolicy(request) });
    const draft = await w.draft();
    const before = await snapshot(w.setup);
    await assert.rejects(w.setup.manager.referrals.send(draft, { consentOverride: { reason: 'urgent' } }), (e: unknown) => e instanceof PermissionError && e.action === 'override-consent');
    await assert.rejects(w.draft({ send: true, consentOverride: { reason: 'urgent' } }), PermissionError);
    assert.deepEqual(await snapshot(w.setup), before);
  });

  it('matches a free-text provider against a consent naming it', async () => {
    const w = await world();
    await w.consentTo(undefined);
    const input = { caseId: w.caseRecord.id, reason: 'Benefits appeal', service: { organizationName: 'Mercy Legal Clinic', serviceName: 'SSI appeals', category: 'legal' as const } };
    await assert.rejects(w.setup.manager.referrals.create({ ...input, send: true }), ValidationError, 'a general consent covers directory providers only');
    await w.setup.manager.consents.record({ clientId: w.client.id, scope: 'share-with-provider', grantee: { name: 'Mercy Legal Clinic' }, purpose: 'SSI appeal', source: 'written' });
    const sent = await w.setup.manager.referrals.create({ ...input, send: true });
    assert.equal(sent.status, 'requested');
    assert.equal(sent.service.organizationId, undefined);
  });
});

describe('referrals', () => {
  it('copies the directory service onto the referral', async () => {
    const w = await world();
    const referral = await w.draft({ service: { serviceId: w.foodBoxes.id, category: 'social-support' }, goalId: 'goal-food' });
    assert.deepEqual(referral.service, {
      serviceId: w.foodBoxes.id,
      organizationId: 'org-food-bank',
      organizationName: 'Riverside Community Food Bank',
      serviceName: 'Emergency food boxes',
      category: 'social-support',
      contact: { phone: '+1 503 555 0100', email: 'intake@food.example.org' },
    });
    assert.deepEqual([referral.status, referral.urgency, referral.clientId, referral.clientName, referral.goalId], ['draft', 'routine', w.client.id, 'Thanh Nguyễn', 'goal-food']);
    assert.equal((await w.draft()).service.category, 'food', 'defaults to the service’s first category');
  });

  it('rejects bad service input with field paths and writes nothing', async () => {
    const w = await world();
    const before = await snapshot(w.setup);
    const path = (p: string) => (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.path.join('.') === p);
    await assert.rejects(w.draft({ service: { serviceId: w.foodBoxes.id, category: 'legal' } }), path('service.category'));
    await assert.rejects(w.draft({ service: { serviceId: w.foodBoxes.id, serviceName: 'Other' } }), path('service.serviceName'));
    await assert.rejects(w.draft({ service: { organizationName: 'Mercy Legal Clinic' } }), path('service.serviceName'));
    await assert.rejects(w.draft({ service: { organizationName: 'Mercy', serviceName: 'Appeals' } }), path('service.category'));
    await assert.rejects(w.draft({ reason: '' }), path('reason'));
    await assert.rejects(w.draft({ urgency: 'whenever' as never }), path('urgency'));
    await assert.rejects(w.draft({ status: 'accepted' } as never), ValidationError);
    await assert.rejects(w.draft({ planId: 'plan-elsewhere' }), path('planId'));
    await assert.rejects(w.draft({ service: { serviceId: 'svc-missing' } }), NotFoundError);
    await assert.rejects(w.draft({ service: { organizationId: 'org-missing', organizationName: 'X', serviceName: 'Y', category: 'food' } }), NotFoundError);
    await w.setup.as(PERSONAS.supervisor).directory.updateService(w.eviction, { status: 'inactive' });
    const mid = await snapshot(w.setup);
    await assert.rejects(w.draft({ service: { serviceId: w.eviction.id } }), path('service.serviceId'));
    assert.deepEqual(mid, [before[0], before[1]! + 1]);
    assert.deepEqual(await snapshot(w.setup), mid);
  });

  it('refers only from open cases, and only by those the policy allows', async () => {
    const w = await world();
    const before = await snapshot(w.setup);
    await assert.rejects(w.setup.as(PERSONAS.viewer).referrals.create({ caseId: w.caseRecord.id, service: { serviceId: w.foodBoxes.id }, reason: 'x' }), PermissionError);
    await assert.rejects(w.setup.as(PERSONAS.otherCaseManager).referrals.create({ caseId: w.caseRecord.id, service: { serviceId: w.foodBoxes.id }, reason: 'x' }), PermissionError);
    await assert.rejects(w.setup.as(provider).referrals.create({ caseId: w.caseRecord.id, service: { serviceId: w.foodBoxes.id }, reason: 'x' }), PermissionError);
    await assert.rejects(w.setup.as(PERSONAS.otherCaseManager).referrals.forCase(w.caseRecord.id), PermissionError);
    assert.deepEqual(await snapshot(w.setup), before);
    const closed = await w.setup.manager.cases.transition(w.caseRecord, 'closed', { closureReason: 'goals-met' });
    await assert.rejects(w.draft(), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path[0] === 'caseId');
    assert.equal(closed.status, 'closed');
  });

  it('edits drafts only, keeping fields a patch leaves out, and detects stale edits', async () => {
    const w = await world();
    const draft = await w.draft({ urgency: 'urgent', goalId: 'goal-food' });
    const edited = await w.setup.manager.referrals.update(draft, { reason: 'Lost job; no groceries for the children' });
    assert.deepEqual([edited.reason, edited.urgency, edited.goalId, edited.version], ['Lost job; no groceries for the children', 'urgent', 'goal-food', 2]);
    const moved = await w.setup.manager.referrals.update(edited, { service: { serviceId: w.eviction.id } });
    assert.deepEqual([moved.service.organizationId, moved.service.category], ['org-legal-aid', 'legal']);
    await assert.rejects(w.setup.manager.referrals.update(edited, { urgency: 'routine' }), ConflictError);
    await assert.rejects(w.setup.manager.referrals.transition(edited, 'cancelled'), ConflictError);
    await assert.rejects(w.setup.manager.referrals.update(moved, { status: 'requested' } as never), ValidationError);
    await w.consentTo('org-legal-aid');
    const sent = await w.setup.manager.referrals.send(moved);
    const before = await snapshot(w.setup);
    await assert.rejects(w.setup.manager.referrals.update(sent, { urgency: 'stat' }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.code === 'not-editable');
    await assert.rejects(w.setup.as(PERSONAS.supervisor).referrals.transition(moved, 'cancelled'), ConflictError);
    assert.deepEqual(await snapshot(w.setup), before);
  });

  it('lists referrals of a case and a provider’s inbox (sent ones only)', async () => {
    const w = await world();
    await w.consentTo(undefined);
    const kept = await w.draft();
    w.setup.clock.advanceDays(1);
    const sent = await w.draft({ send: true });
    const legal = await w.setup.manager.referrals.create({ caseId: w.caseRecord.id, service: { serviceId: w.eviction.id }, reason: 'Eviction notice received', send: true });
    assert.deepEqual((await w.setup.manager.referrals.forCase(w.caseRecord.id)).map((r) => r.id), [kept.id, sent.id, legal.id]);
    assert.deepEqual((await w.setup.as(provider).referrals.forOrganization('org-food-bank')).map((r) => r.id), [sent.id]);
    assert.deepEqual((await w.setup.as(provider).referrals.forOrganization('org-legal-aid')).map((r) => r.id), [], 'another organisation’s referrals stay hidden');
    assert.deepEqual((await w.setup.manager.referrals.forOrganization('org-food-bank', { statuses: ['draft', 'requested'] })).map((r) => r.id), [kept.id, sent.id]);
    assert.deepEqual(await w.setup.as(PERSONAS.otherCaseManager).referrals.forOrganization('org-food-bank'), []);
  });

  it('writes one audit event per change, with versions and transitions', async () => {
    const w = await world();
    await w.consentTo('org-food-bank');
    let referral = await w.draft();
    referral = await w.setup.manager.referrals.update(referral, { urgency: 'asap' });
    referral = await w.setup.manager.referrals.send(referral);
    referral = await w.setup.as(provider).referrals.transition(referral, 'accepted');
    referral = await w.setup.as(provider).referrals.transition(referral, 'in-progress');
    referral = await w.setup.as(provider).referrals.transition(referral, 'completed', { outcome: { code: 'service-provided' } });
    const events = (await w.setup.manager.audit.forCase(w.caseRecord.id, { oldestFirst: true })).items.filter((e) => e.collection === 'referrals');
    assert.deepEqual(
      events.map((e) => [e.action, e.actor.id, e.fromVersion, e.toVersion, e.transition?.to, e.clientId]),
      [
        ['create', PERSONAS.caseManager.id, undefined, 1, undefined, w.client.id],
        ['update', PERSONAS.caseManager.id, 1, 2, undefined, w.client.id],
        ['transition', PERSONAS.caseManager.id, 2, 3, 'requested', w.client.id],
        ['transition', provider.id, 3, 4, 'accepted', w.client.id],
        ['transition', provider.id, 4, 5, 'in-progress', w.client.id],
        ['transition', provider.id, 5, 6, 'completed', w.client.id],
      ],
    );
    assert.equal(referral.history.length, 5);
  });
});

describe('overdue referrals', () => {
  it('are sent and not acknowledged within the SLA, by the manager’s clock', async () => {
    const w = await world();
    await w.consentTo('org-food-bank');
    const referrals = w.setup.manager.referrals;
    const draft = await w.draft();
    assert.equal(referrals.isOverdue(draft, '2027-01-01T00:00:00.000Z'), false, 'drafts are never overdue');
    const sent = await referrals.send(draft);
    w.setup.clock.advanceDays(3);
    assert.equal(referrals.isOverdue(sent), false, 'exactly at the due time is not late');
    assert.deepEqual(await referrals.overdue(), []);
    w.setup.clock.advance(60_000);
    assert.equal(referrals.isOverdue(sent), true);
    assert.deepEqual((await referrals.overdue()).map((r) => r.id), [sent.id]);
    assert.deepEqual((await referrals.overdue({ organizationId: 'org-food-bank' })).map((r) => r.id), [sent.id]);
    assert.deepEqual(await referrals.overdue({ organizationId: 'org-legal-aid' }), []);
    assert.deepEqual(await referrals.overdue({ asOf: '2026-11-25T00:00:00.000Z' }), []);
    assert.deepEqual((await w.setup.as(provider).referrals.overdue()).map((r) => r.id), [sent.id]);
    assert.deepEqual(await w.setup.as(otherProvider).referrals.overdue(), []);
    assert.deepEqual(await w.setup.as(PERSONAS.otherCaseManager).referrals.overdue(), []);
    const accepted = await w.setup.as(provider).referrals.transition(sent, 'accepted');
    assert.equal(accepted.acknowledgedAt, '2026-11-27T15:01:00.000Z');
    assert.equal(referrals.isOverdue(accepted), false);
    assert.deepEqual(await referrals.overdue(), []);
  });

  it('use the configured acknowledgement days', async () => {
    const w = await world({ referralAcknowledgementDays: 1 });
    await w.consentTo('org-food-bank');
    const sent = await w.draft({ send: true });
    assert.equal(sent.acknowledgementDueAt, '2026-11-25T15:00:00.000Z');
    w.setup.clock.advanceDays(2);
    assert.deepEqual((await w.setup.manager.referrals.overdue()).map((r) => r.id), [sent.id]);
  });

  it('lists a case’s referrals to a provider: only those sent to its organisation', async () => {
    const w = await referralIn('requested');
    const mine = await w.setup.as(provider).referrals.forCase(w.referral.caseId);
    assert.deepEqual(mine.map((r) => r.id), [w.referral.id]);
    await assert.rejects(w.setup.as({ ...provider, organizationId: 'org-other' }).referrals.forCase(w.referral.caseId), PermissionError);
  });
});
