import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, NotFoundError, PermissionError, TransitionError, ValidationError } from '../errors/errors.js';
import { createTestSetup, PERSONAS, type TestSetup } from '../testing/test-manager.js';
import { CONSENT_MACHINE } from './consent-machine.js';
import type { ConsentInput } from './consent-schema.js';

const count = (setup: TestSetup, collection: 'consents' | 'audit') => setup.storage.count(collection, { index: 'id' });

async function world() {
  const setup = createTestSetup();
  const { client } = await setup.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' }, birthDate: '1961-03-14', language: 'vi' });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  const share = (extra: Partial<ConsentInput> = {}) =>
    setup.manager.consents.record({
      clientId: client.id,
      scope: 'share-with-provider',
      grantee: { organizationId: 'org-food-bank', name: 'Riverside Community Food Bank' },
      purpose: 'Referral for emergency food',
      source: 'verbal',
      ...extra,
    });
  return { setup, client, caseRecord, share };
}

describe('consents', () => {
  it('records an active consent in force from now, attributed to the recorder', async () => {
    const { setup, client, share } = await world();
    const consent = await share();
    assert.equal(consent.status, 'active');
    assert.equal(consent.dateTime, '2026-11-24T15:00:00.000Z');
    assert.deepEqual(consent.period, { start: '2026-11-24T15:00:00.000Z' });
    assert.equal(consent.recordedBy.id, PERSONAS.caseManager.id);
    assert.deepEqual(consent.statusHistory.map((h) => [h.from, h.to]), [[null, 'active']]);
    assert.equal((await setup.manager.consents.activeShareConsent(client.id, 'org-food-bank'))?.id, consent.id);
  });

  it('only counts a share consent for the organisation it names, or any directory provider when it names none', async () => {
    const { setup, client, share } = await world();
    const consents = setup.manager.consents;
    await share();
    assert.equal(await consents.activeShareConsent(client.id, 'org-legal-aid'), undefined);
    assert.equal(await consents.activeShareConsent(client.id), undefined, 'a named grantee is not a general consent');
    const general = await share({ grantee: undefined, purpose: 'Share with any provider we refer to' });
    assert.equal((await consents.activeShareConsent(client.id, 'org-legal-aid'))?.id, general.id);
    assert.equal((await consents.activeShareConsent(client.id))?.id, general.id);
    assert.equal(await consents.activeShareConsent(client.id, { organizationName: 'Mercy Legal Clinic' }), undefined, 'outside the directory needs a named grantee');
    const named = await share({ grantee: { name: 'Mercy Legal Clinic' } });
    assert.equal((await consents.activeShareConsent(client.id, { organizationName: 'mercy  legal clinic' }))?.id, named.id);
  });

  it('does not count other scopes, expired, not-yet-started or revoked consents', async () => {
    const { setup, client, share } = await world();
    const consents = setup.manager.consents;
    await share({ scope: 'treatment' });
    assert.equal(await consents.activeShareConsent(client.id, 'org-food-bank'), undefined);
    const expiring = await share({ period: { start: '2026-11-01', end: '2026-11-30' } });
    assert.equal(expiring.period.end, '2026-12-01T00:00:00.000Z', 'an end date covers that whole day');
    assert.equal((await consents.activeShareConsent(client.id, 'org-food-bank', '2026-11-30T23:00:00.000Z'))?.id, expiring.id);
    assert.equal(await consents.activeShareConsent(client.id, 'org-food-bank', '2026-12-01T00:00:00.000Z'), undefined);
    setup.clock.advanceDays(7);
    assert.equal(await consents.activeShareConsent(client.id, 'org-food-bank'), undefined, 'expired by the clock');
    const future = await share({ period: { start: '2027-01-01' } });
    assert.equal(await consents.activeShareConsent(client.id, 'org-food-bank'), undefined);
    assert.equal((await consents.activeShareConsent(client.id, 'org-food-bank', '2027-01-01T00:00:00.000Z'))?.id, future.id);
    const current = await share();
    assert.equal((await consents.activeShareConsent(client.id, 'org-food-bank'))?.id, current.id);
    const revoked = await consents.revoke(current, 'Client withdrew consent by phone');
    assert.equal(revoked.status, 'inactive');
    assert.equal(revoked.statusHistory.at(-1)!.reason, 'Client withdrew consent by phone');
    assert.equal(await consents.activeShareConsent(client.id, 'org-food-bank'), undefined);
    const proposed = await share({ status: 'proposed' });
    assert.equal(await consents.activeShareConsent(client.id, 'org-food-bank'), undefined, 'proposed is not active');
    await consents.transition(proposed, 'active');
    assert.equal((await consents.activeShareConsent(client.id, 'org-food-bank'))?.id, proposed.id);
  });

  it('follows the consent status machine', async () => {
    const { setup, share } = await world();
    for (const from of ['draft', 'proposed', 'active'] as const) {
      for (const to of CONSENT_MACHINE.transitions[from]) {
        const consent = await share({ status: from });
        const moved = await setup.manager.consents.transition(consent, to, { reason: 'test' });
        assert.equal(moved.status, to);
      }
    }
    const consent = await share();
    const revoked = await setup.manager.consents.revoke(consent, 'withdrawn');
    await assert.rejects(setup.manager.consents.revoke(revoked, 'again'), TransitionError);
    await assert.rejects(setup.manager.consents.transition(revoked, 'active'), TransitionError);
    await assert.rejects(setup.manager.consents.revoke(await share(), '  '), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path.join('.') === 'options.reason');
  });

  it('lists a client’s consents newest first', async () => {
    const { setup, client, share } = await world();
    const first = await share();
    setup.clock.advanceDays(1);
    const second = await share({ scope: 'research', purpose: 'Outcomes study' });
    assert.deepEqual((await setup.manager.consents.forClient(client.id)).map((c) => c.id), [second.id, first.id]);
  });

  it('is authorised through the client’s cases', async () => {
    const { setup, client, share } = await world();
    const consent = await share();
    const other = setup.as(PERSONAS.otherCaseManager).consents;
    await assert.rejects(other.record({ clientId: client.id, scope: 'treatment', purpose: 'x', source: 'written' }), PermissionError);
    await assert.rejects(other.forClient(client.id), PermissionError);
    await assert.rejects(other.revoke(consent, 'not mine'), PermissionError);
    await assert.rejects(setup.as(PERSONAS.viewer).consents.record({ clientId: client.id, scope: 'treatment', purpose: 'x', source: 'written' }), PermissionError);
    await assert.rejects(setup.as(PERSONAS.foodBankStaff).consents.forClient(client.id), PermissionError);
    assert.equal((await setup.as(PERSONAS.viewer).consents.forClient(client.id)).length, 1);
    assert.equal((await setup.as(PERSONAS.supervisor).consents.get(consent.id)).id, consent.id);
  });

  it('rejects bad input and stale versions, writing nothing', async () => {
    const { setup, client, share } = await world();
    const consent = await share();
    const before = [await count(setup, 'consents'), await count(setup, 'audit')];
    await assert.rejects(share({ period: { start: '2026-12-01', end: '2026-11-01' } }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path.join('.') === 'period.end');
    await assert.rejects(share({ scope: 'everything' as never }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path.join('.') === 'scope');
    await assert.rejects(share({ status: 'inactive' as never }), ValidationError);
    await assert.rejects(share({ purpose: '' }), ValidationError);
    await assert.rejects(setup.manager.consents.record({ clientId: 'client-nobody', scope: 'treatment', purpose: 'x', source: 'verbal' }), NotFoundError);
    await assert.rejects(setup.manager.consents.activeShareConsent(client.id, 'org-food-bank', 'yesterday'), ValidationError);
    await setup.manager.consents.transition(consent, 'entered-in-error', { reason: 'wrong client' });
    const after = [await count(setup, 'consents'), await count(setup, 'audit')];
    await assert.rejects(setup.manager.consents.revoke(consent, 'stale'), ConflictError);
    assert.deepEqual(after, [before[0], before[1]! + 1]);
    assert.deepEqual([await count(setup, 'consents'), await count(setup, 'audit')], after);
  });

  it('audits recording and each status change', async () => {
    const { setup, client, share } = await world();
    const consent = await share();
    await setup.manager.consents.revoke(consent, 'withdrawn');
    const events = (await setup.as(PERSONAS.supervisor).audit.forRecord(consent.id, { oldestFirst: true })).items;
    assert.deepEqual(events.map((e) => [e.action, e.clientId, e.transition, e.reason]), [
      ['create', client.id, undefined, undefined],
      ['transition', client.id, { from: 'active', to: 'inactive' }, 'withdrawn'],
    ]);
  });
});
