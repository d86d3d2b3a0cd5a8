import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, ValidationError } from '../errors/errors.js';
import { createTestSetup, PERSONAS } from '../testing/test-manager.js';

describe('drafts', () => {
  it('saves, restores exactly, and discards an intake draft', async () => {
    const { manager } = createTestSetup();
    const data = { answers: { 'housing-status': 'unstable', household: [{ instanceId: 'h1', answers: { age: 7 } }] }, step: 3 };
    await manager.drafts.save('intake-1', { kind: 'intake:casekit-social-needs-intake', data });
    const second = await manager.drafts.save('intake-1', { kind: 'intake:casekit-social-needs-intake', data: { ...data, step: 4 } });
    assert.equal(second.version, 2);
    assert.deepEqual((await manager.drafts.get('intake-1'))?.data, { ...data, step: 4 });
    await manager.drafts.discard('intake-1');
    assert.equal(await manager.drafts.get('intake-1'), undefined);
  });

  it('keeps each person’s drafts apart', async () => {
    const setup = createTestSetup();
    await setup.manager.drafts.save('intake', { kind: 'intake', data: { by: 'alvarez' } });
    await setup.as(PERSONAS.otherCaseManager).drafts.save('intake', { kind: 'intake', data: { by: 'baker' } });
    assert.deepEqual((await setup.manager.drafts.get('intake'))?.data, { by: 'alvarez' });
    assert.deepEqual((await setup.as(PERSONAS.otherCaseManager).drafts.get('intake'))?.data, { by: 'baker' });
  });

  it('refuses to overwrite a newer save from another tab when based on an older one', async () => {
    const { manager } = createTestSetup();
    const first = await manager.drafts.save('d', { kind: 'intake', data: { step: 1 } });
    await manager.drafts.save('d', { kind: 'intake', data: { step: 2 } }, first);
    await assert.rejects(manager.drafts.save('d', { kind: 'intake', data: { step: 9 } }, first), ConflictError);
    assert.deepEqual((await manager.drafts.get('d'))?.data, { step: 2 });
  });

  it('rejects data that is not JSON', async () => {
    const { manager, storage } = createTestSetup();
    await assert.rejects(manager.drafts.save('d', { kind: 'intake', data: { when: new Date() } }), ValidationError);
    assert.equal(await storage.count('drafts', { index: 'id' }), 0);
  });
});
