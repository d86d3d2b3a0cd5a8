import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PermissionError, ValidationError } from '../errors/errors.js';
import { OrganizationSchema } from '../directory/directory-schema.js';
import { createTestSetup, PERSONAS } from '../testing/test-manager.js';

const provider = PERSONAS.foodBankStaff;

/** A client referred to the food bank under a consent, to legal aid under an override, and a draft never sent. */
async function world() {
  const setup = createTestSetup();
  const at = '2026-11-01T00:00:00.000Z';
  await setup.storage.load([{ collection: 'organizations', records: [
    OrganizationSchema.parse({ id: 'org-food-bank', version: 1, createdAt: at, updatedAt: at, name: 'Riverside Community Food Bank' }),
    OrganizationSchema.parse({ id: 'org-legal-aid', version: 1, createdAt: at, updatedAt: at, name: 'Valley Legal Aid' }),
  ] }]);
  const admin = setup.as(PERSONAS.supervisor).directory;
  const food = await admin.createService({ organizationId: 'org-food-bank', name: 'Emergency food boxes', categories: ['food'] });
  const legal = await admin.createService({ organizationId: 'org-legal-aid', name: 'Eviction defence', categories: ['legal'] });
  const { client } = await setup.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' }, birthDate: '1961-03-14' });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  const consent = await setup.manager.consents.record({ clientId: client.id, scope: 'share-with-provider', grantee: { organizationId: 'org-food-bank', name: 'Riverside Community Food Bank' }, purpose: 'Food assistance referrals', source: 'written', shares: ['phone', 'language'] });

  setup.clock.set('2026-11-24T15:00:00.000Z');
  const toFood = await setup.manager.referrals.send(await setup.manager.referrals.create({ caseId: caseRecord.id, service: { serviceId: food.id }, reason: 'Ran out of food stamps mid-month' }));
  setup.clock.set('2026-11-25T09:00:00.000Z');
  const toLegal = await setup.manager.referrals.send(await setup.manager.referrals.create({ caseId: caseRecord.id, service: { serviceId: legal.id }, reason: 'Eviction hearing Friday' }), {
    consentOverride: { reason: 'Hearing in two days; client agreed by phone' },
  });
  await setup.manager.referrals.create({ caseId: caseRecord.id, service: { serviceId: legal.id }, reason: 'Benefits appeal (not sent yet)' });

  setup.clock.set('2026-11-26T10:00:00.000Z');
  const seen = await setup.as(provider).referrals.get(toFood.id);
  setup.clock.set('2026-11-26T10:05:00.000Z');
  await setup.as(provider).referrals.transition(seen, 'accepted');
  setup.clock.set('2026-11-27T12:00:00.000Z');
  await setup.as(PERSONAS.supervisor).exportCaseload();
  setup.clock.set('2026-11-30T12:00:00.000Z');
  return { setup, client, consent, toFood, toLegal };
}

describe('disclosures.forClient (accounting of disclosures, HIPAA §164.528)', () => {
  it('lists each referral sent, each provider access and each export, oldest first, with recipient, what and basis', async () => {
    const w = await world();
    const account = await w.setup.as(PERSONAS.supervisor).disclosures.forClient(w.client.id);
    assert.equal(account.to, '2026-11-30T12:00:00.000Z');
    assert.deepEqual(
      account.disclosures.map((d) => [d.kind, d.at, d.recipient.name]),
      [
        ['referral', '2026-11-24T15:00:00.000Z', 'Riverside Community Food Bank'],
        ['referral', '2026-11-25T09:00:00.000Z', 'Valley Legal Aid'],
        ['provider-access', '2026-11-26T10:00:00.000Z', 'Riverside Community Food Bank'],
        ['provider-access', '2026-11-26T10:05:00.000Z', 'Riverside Community Food Bank'],
        ['export', '2026-11-27T12:00:00.000Z', PERSONAS.supervisor.name],
      ],
      'the draft never sent is not a disclosure',
    );
    const [food, legal, read, accepted] = account.disclosures;
    assert.deepEqual(food!.basis, { consentId: w.consent.id, consentPurpose: 'Food assistance referrals', consentDateTime: w.consent.dateTime });
    assert.equal(food!.purpose, 'Ran out of food stamps mid-month');
    assert.equal(food!.by.id, PERSONAS.caseManager.id);
    assert.ok(food!.information.includes('clientName'));
    assert.deepEqual(food!.information.filter((f) => ['phone', 'language', 'email', 'address', 'birthDate'].includes(f)), ['phone', 'language'], 'the client fields the consent shared, and no others');
    assert.deepEqual(legal!.information.filter((f) => ['phone', 'language'].includes(f)), [], 'an override without shares: the name only');
    assert.ok('override' in legal!.basis && legal!.basis.override.reason === 'Hearing in two days; client agreed by phone');
    assert.equal(read!.by.id, provider.id);
    assert.equal(read!.recipient.organizationId, 'org-food-bank');
    assert.match(accepted!.purpose ?? '', /requested → accepted/);
    assert.deepEqual([read!.access, accepted!.access], [{ action: 'read' }, { action: 'transition', from: 'requested', to: 'accepted' }], 'what the provider did, for wording it');
    assert.equal(food!.access, undefined);
  });

  it('covers only [from, to)', async () => {
    const w = await world();
    const account = await w.setup.as(PERSONAS.supervisor).disclosures.forClient(w.client.id, { from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T10:01:00.000Z' });
    assert.deepEqual(account.disclosures.map((d) => d.kind), ['referral', 'provider-access']);
  });

  it('is itself audited as a read of the client', async () => {
    const w = await world();
    const supervisor = w.setup.as(PERSONAS.supervisor);
    await supervisor.disclosures.forClient(w.client.id);
    const events = (await supervisor.audit.forRecord(w.client.id)).items;
    assert.ok(events.some((e) => e.action === 'read' && e.recordId === 'disclosures.forClient' && e.actor.id === PERSONAS.supervisor.id));
  });

  it('is refused (and the refusal audited) to a case manager by default, and to a provider', async () => {
    const w = await world();
    await assert.rejects(w.setup.manager.disclosures.forClient(w.client.id), PermissionError);
    await assert.rejects(w.setup.as(provider).disclosures.forClient(w.client.id), PermissionError);
    const refused = (await w.setup.as(PERSONAS.supervisor).audit.byActor(PERSONAS.caseManager.id)).items.filter((e) => e.outcome === 'refused');
    assert.ok(refused.length >= 1);
  });

  it('rejects a bad period with a field path', async () => {
    const w = await world();
    await assert.rejects(w.setup.as(PERSONAS.supervisor).disclosures.forClient(w.client.id, { from: 'last week' }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path.join('.') === 'options.from');
  });
});
