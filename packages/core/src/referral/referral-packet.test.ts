import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PermissionError, TransitionError, ValidationError } from '../errors/errors.js';
import { OrganizationSchema } from '../directory/directory-schema.js';
import { auditTally, createTestSetup, PERSONAS } from '../testing/test-manager.js';

const provider = PERSONAS.foodBankStaff;

/** A client with phone, email, address, language and birth date; an active case; a draft to the food bank. */
async function world() {
  const setup = createTestSetup();
  const at = '2026-11-01T00:00:00.000Z';
  await setup.storage.load([{ collection: 'organizations', records: [OrganizationSchema.parse({ id: 'org-food-bank', version: 1, createdAt: at, updatedAt: at, name: 'Riverside Community Food Bank' })] }]);
  const service = await setup.as(PERSONAS.supervisor).directory.createService({ organizationId: 'org-food-bank', name: 'Emergency food boxes', categories: ['food'] });
  const { client } = await setup.manager.clients.create({
    name: { given: ['Thanh'], family: 'Nguyễn' },
    birthDate: '1961-03-14',
    gender: 'female',
    language: 'vi',
    interpreterNeeded: true,
    contact: { phone: '+1 503 555 0142', email: 'thanh@example.org' },
    address: { line: ['12 Alder St'], city: 'Portland', postalCode: '97201' },
    identifiers: [{ system: 'urn:example:mrn', value: 'MRN-1' }],
  });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  const consent = (shares?: string[]) =>
    setup.manager.consents.record({
      clientId: client.id,
      scope: 'share-with-provider',
      grantee: { organizationId: 'org-food-bank', name: 'Riverside Community Food Bank' },
      purpose: 'Food referral',
      source: 'written',
      ...(shares ? { shares: shares as never } : {}),
    });
  const draft = () => setup.manager.referrals.create({ caseId: caseRecord.id, service: { serviceId: service.id }, reason: 'Ran out of food stamps mid-month' });
  return { setup, client, caseRecord, service, consent, draft };
}

describe('referral packet (what the receiving organisation sees)', () => {
  it('carries the name only under a consent that lists no shares', async () => {
    const w = await world();
    const consent = await w.consent();
    const sent = await w.setup.manager.referrals.send(await w.draft());
    assert.deepEqual(sent.packet, { clientName: 'Thanh Nguyễn', shares: [] });
    assert.deepEqual(sent.consent, { consentId: consent.id });
    assert.deepEqual((await w.setup.manager.referrals.get(sent.id)).packet, sent.packet, 'the case manager still sees it');
  });

  it('adds exactly the shared fields (phone and language), never one not shared', async () => {
    const w = await world();
    await w.consent(['language', 'phone']);
    const sent = await w.setup.manager.referrals.send(await w.draft());
    assert.deepEqual(sent.packet, { clientName: 'Thanh Nguyễn', shares: ['phone', 'language'], phone: '+1 503 555 0142', language: 'vi', interpreterNeeded: true });
  });

  it('shares every field of the vocabulary when the consent lists them all', async () => {
    const w = await world();
    await w.consent(['phone', 'email', 'address', 'language', 'birthDate']);
    const sent = await w.setup.manager.referrals.send(await w.draft());
    assert.deepEqual(sent.packet, {
      clientName: 'Thanh Nguyễn',
      shares: ['phone', 'email', 'address', 'language', 'birthDate'],
      phone: '+1 503 555 0142',
      email: 'thanh@example.org',
      address: { line: ['12 Alder St'], city: 'Portland', postalCode: '97201' },
      language: 'vi',
      interpreterNeeded: true,
      birthDate: '1961-03-14',
    });
    // Gender and identifiers are not in the vocabulary: never shared.
    assert.ok(!JSON.stringify(sent.packet).includes('MRN-1') && !JSON.stringify(sent.packet).includes('female'));
  });

  it('shares the name plus what an override names, and audits the shares with the override', async () => {
    const w = await world();
    const draft = await w.draft();
    const sent = await w.setup.manager.referrals.send(draft, { consentOverride: { reason: 'Food needed today', shares: ['phone'] } });
    assert.deepEqual(sent.packet, { clientName: 'Thanh Nguyễn', shares: ['phone'], phone: '+1 503 555 0142' });
    assert.deepEqual(sent.consent && 'override' in sent.consent ? sent.consent.override.shares : undefined, ['phone']);
    const events = (await w.setup.as(PERSONAS.supervisor).audit.forRecord(draft.id, { oldestFirst: true })).items;
    assert.equal(events.find((e) => e.action === 'override')?.reason, 'sent without consent: Food needed today (shares phone)');

    const nameOnly = await w.setup.manager.referrals.send(await w.draft(), { consentOverride: { reason: 'Food needed today' } });
    assert.deepEqual(nameOnly.packet, { clientName: 'Thanh Nguyễn', shares: [] });
  });

  it('snapshots the packet when sent: later client edits and a revoked consent do not change it', async () => {
    const w = await world();
    const consent = await w.consent(['phone']);
    const sent = await w.setup.manager.referrals.create({ caseId: w.caseRecord.id, service: { serviceId: (await w.draft()).service.serviceId! }, reason: 'Food', send: true });
    assert.equal(sent.packet?.phone, '+1 503 555 0142', 'create with send: true snapshots too');
    await w.setup.manager.clients.update(w.client, { contact: { phone: '+1 503 555 0999' } });
    await w.setup.manager.consents.revoke(consent, 'Client withdrew consent');
    const after = await w.setup.manager.referrals.get(sent.id);
    assert.deepEqual(after.packet, sent.packet);
    assert.deepEqual(after.consent, { consentId: consent.id });
  });

  it('is what the provider sees through get and its inbox; the client record stays closed to them', async () => {
    const w = await world();
    await w.consent(['phone', 'language']);
    const sent = await w.setup.manager.referrals.send(await w.draft());
    const staff = w.setup.as(provider);
    assert.deepEqual((await staff.referrals.get(sent.id)).packet, sent.packet);
    assert.deepEqual((await staff.referrals.forOrganization('org-food-bank')).map((r) => r.packet), [sent.packet]);
    await assert.rejects(staff.clients.get(w.client.id), PermissionError);
  });

  it('refuses bad shares with field paths, writing nothing', async () => {
    const w = await world();
    const before = await auditTally(w.setup.storage);
    await assert.rejects(w.consent(['phone', 'gender']), (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.path.join('.') === 'shares.1'));
    await assert.rejects(w.consent(['phone', 'phone']), (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.path.join('.') === 'shares.1'));
    const draft = await w.draft();
    await assert.rejects(
      w.setup.manager.referrals.send(draft, { consentOverride: { reason: 'Urgent', shares: ['identifiers' as never] } }),
      (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.path.join('.') === 'options.consentOverride.shares.0'),
    );
    assert.equal((await w.setup.manager.referrals.get(draft.id)).status, 'draft');
    assert.equal((await auditTally(w.setup.storage)).changes, before.changes + 1, 'only the draft was written');
  });

  it('stores consent shares in vocabulary order; an empty list means the name only', async () => {
    const w = await world();
    assert.deepEqual((await w.consent(['birthDate', 'phone'])).shares, ['phone', 'birthDate']);
    assert.equal((await w.consent([])).shares, undefined);
  });
});

describe('referrals.sharePreview', () => {
  it('returns exactly the packet send then stores, with the consent it rests on', async () => {
    const w = await world();
    const consent = await w.consent(['phone', 'address']);
    const draft = await w.draft();
    const preview = await w.setup.manager.referrals.sharePreview(draft);
    assert.deepEqual(preview.basis, { consentId: consent.id });
    const sent = await w.setup.manager.referrals.send(draft);
    assert.deepEqual(sent.packet, preview.packet);
  });

  it('says an override is needed without a consent, and previews an override’s shares', async () => {
    const w = await world();
    const draft = await w.draft();
    assert.deepEqual(await w.setup.manager.referrals.sharePreview(draft), { clientId: w.client.id, packet: { clientName: 'Thanh Nguyễn', shares: [] }, basis: 'override-needed' });
    const withOverride = await w.setup.manager.referrals.sharePreview(draft, { consentOverride: { reason: 'Urgent', shares: ['email'] } });
    assert.deepEqual(withOverride, { clientId: w.client.id, packet: { clientName: 'Thanh Nguyễn', shares: ['email'], email: 'thanh@example.org' }, basis: 'override' });
    const sent = await w.setup.manager.referrals.send(draft, { consentOverride: { reason: 'Urgent', shares: ['email'] } });
    assert.deepEqual(sent.packet, withOverride.packet);
  });

  it('writes nothing but a read of the client to the audit trail', async () => {
    const w = await world();
    await w.consent(['phone']);
    const draft = await w.draft();
    const before = await auditTally(w.setup.storage);
    await w.setup.manager.referrals.sharePreview(draft);
    const after = await auditTally(w.setup.storage);
    assert.deepEqual([after.changes, after.reads], [before.changes, before.reads + 1]);
    const stored = await w.setup.storage.get('referrals', draft.id);
    assert.deepEqual([stored?.version, stored?.['packet']], [draft.version, undefined]);
    const reads = (await w.setup.as(PERSONAS.supervisor).audit.forRecord(w.client.id)).items.filter((e) => e.action === 'read' && e.collection === 'clients');
    assert.ok(reads.some((e) => e.actor.id === PERSONAS.caseManager.id && e.caseId === w.caseRecord.id));
  });

  it('is refused to whoever may not send the referral, and for a referral already sent', async () => {
    const w = await world();
    await w.consent(['phone']);
    const draft = await w.draft();
    await assert.rejects(w.setup.as(provider).referrals.sharePreview(draft), PermissionError);
    const sent = await w.setup.manager.referrals.send(draft);
    await assert.rejects(w.setup.manager.referrals.sharePreview(sent), TransitionError);
  });

  it('previews a referral not created yet: exactly what create with send then stores, and stores nothing', async () => {
    const w = await world();
    const target = { caseId: w.caseRecord.id, service: { serviceId: w.service.id } };
    assert.deepEqual(await w.setup.manager.referrals.sharePreview(target), { clientId: w.client.id, packet: { clientName: 'Thanh Nguyễn', shares: [] }, basis: 'override-needed' });
    const consent = await w.consent(['phone']);
    const before = await auditTally(w.setup.storage);
    const preview = await w.setup.manager.referrals.sharePreview(target);
    const after = await auditTally(w.setup.storage);
    assert.deepEqual([after.changes, after.reads], [before.changes, before.reads + 1]);
    assert.deepEqual((await w.setup.manager.referrals.forCase(w.caseRecord.id)).length, 0);
    assert.deepEqual(preview, { clientId: w.client.id, packet: { clientName: 'Thanh Nguyễn', shares: ['phone'], phone: '+1 503 555 0142' }, basis: { consentId: consent.id } });
    const sent = await w.setup.manager.referrals.create({ ...target, reason: 'Food this week', send: true });
    assert.deepEqual(sent.packet, preview.packet);
  });

  it('refuses a new-referral preview to whoever may not create it, and on a closed case', async () => {
    const w = await world();
    const target = { caseId: w.caseRecord.id, service: { serviceId: w.service.id } };
    await assert.rejects(w.setup.as(provider).referrals.sharePreview(target), PermissionError);
    await assert.rejects(w.setup.as(PERSONAS.otherCaseManager).referrals.sharePreview(target), PermissionError);
    await assert.rejects(w.setup.manager.referrals.sharePreview({ ...target, caseId: '' }), ValidationError);
    await w.setup.manager.cases.transition(w.caseRecord, 'closed', { closureReason: 'goals-met' });
    await assert.rejects(w.setup.manager.referrals.sharePreview(target), ValidationError);
  });
});
