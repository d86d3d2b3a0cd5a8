// Writes that must be what they claim: consent matched by organisation id, one pending closure at a
// time, bounded reasons, and drafts that cannot collide across people.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { granteeCovers } from '../consent/consents-api.js';
import { TransitionError, ValidationError } from '../errors/errors.js';
import { createTestSetup, PERSONAS, auditTally } from '../testing/test-manager.js';

describe('consent grantees', () => {
  it('match by organisation id when either side has one, by name only when neither does', () => {
    const named = { grantee: { name: 'Catholic Charities' } };
    const directory = { grantee: { organizationId: 'org-cc-north', name: 'Catholic Charities' } };
    assert.equal(granteeCovers(named, { organizationId: 'org-cc-south', organizationName: 'Catholic Charities' }), false, 'a name-only consent does not cover a directory organisation of the same name');
    assert.equal(granteeCovers(directory, { organizationId: 'org-cc-south', organizationName: 'Catholic Charities' }), false, 'another organisation with the same name');
    assert.equal(granteeCovers(directory, { organizationName: 'Catholic Charities' }), false, 'an id on the consent needs the id on the referral');
    assert.equal(granteeCovers(directory, { organizationId: 'org-cc-north' }), true);
    assert.equal(granteeCovers(named, { organizationName: 'catholic charities' }), true, 'names, when neither has an id');
  });
});

describe('case closure approval', () => {
  it('refuses a second closure request while one is pending, keeping the first reason', async () => {
    const setup = createTestSetup({ approvals: { caseClosure: true } });
    const { client } = await setup.manager.clients.create({ name: { given: ['Rosa'], family: 'Hernández' } });
    const opened = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
    const pending = await setup.manager.cases.transition(opened, 'closed', { closureReason: 'goals-met', reason: 'Housed since March' });
    const before = await auditTally(setup.storage);
    await assert.rejects(setup.manager.cases.transition(pending, 'closed', { closureReason: 'moved', reason: 'Changed my mind' }), TransitionError);
    const stored = await setup.storage.get('cases', opened.id);
    assert.deepEqual([(stored!['pendingApproval'] as { closureReason: string }).closureReason, (stored!['pendingApproval'] as { note: string }).note], ['goals-met', 'Housed since March']);
    assert.deepEqual(await auditTally(setup.storage), before);
    const supervisor = setup.as(PERSONAS.supervisor);
    for (const reason of [42, {}, '  ', 'x'.repeat(2001)]) {
      await assert.rejects(supervisor.cases.rejectClosure(pending, reason as never), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path[0] === 'reason', String(reason).slice(0, 10));
    }
    const rejected = await supervisor.cases.rejectClosure(pending, 'x'.repeat(2000));
    assert.equal(rejected.pendingApproval, undefined);
    // The audit reason quotes it within the audit schema's bounds, so the caseload still exports and imports.
    const file = await supervisor.exportCaseload();
    await supervisor.importCaseload(file);
  });

  it('needs a version in every ref', async () => {
    const setup = createTestSetup();
    const { client } = await setup.manager.clients.create({ name: { given: ['Rosa'], family: 'Hernández' } });
    for (const ref of [{ id: client.id }, { id: client.id, version: '1' }, null, client.id]) {
      await assert.rejects(setup.manager.clients.update(ref as never, { language: 'es' }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path[0] === 'ref');
    }
  });
});

describe('drafts', () => {
  it('cannot collide across owners whatever the owner ids and keys', async () => {
    const setup = createTestSetup();
    const first = setup.as({ id: 'a::b', name: 'A B', role: 'case-manager' });
    const second = setup.as({ id: 'a', name: 'A', role: 'case-manager' });
    await first.drafts.save('c', { kind: 'intake', data: { who: 'first' } });
    await second.drafts.save('b::c', { kind: 'intake', data: { who: 'second' } });
    assert.deepEqual((await first.drafts.get('c'))?.data, { who: 'first' });
    assert.deepEqual((await second.drafts.get('b::c'))?.data, { who: 'second' });
    assert.equal(await second.drafts.get('c'), undefined);
    assert.equal(await setup.storage.count('drafts', { index: 'id' }), 2);
  });
});
