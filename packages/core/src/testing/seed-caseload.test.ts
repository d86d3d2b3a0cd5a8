import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCaseManager } from '../case-manager.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { createSeedCaseload, SEED_PROVIDER_STAFF } from './seed-caseload.js';

describe('seed caseload', () => {
  it('gives SEED_PROVIDER_STAFF an organisation of the demo caseload (300 clients) with referrals waiting for its answer', async () => {
    const data = await createSeedCaseload({ clients: 300, now: new Date('2026-11-24T15:00:00.000Z') });
    const storage = createMemoryStorage();
    await createCaseManager({ storage, actor: { id: 'seed-admin', name: 'Data import', role: 'admin' } }).importCaseload(data);
    const staff = createCaseManager({ storage, actor: SEED_PROVIDER_STAFF });
    const organization = await staff.directory.getOrganization(SEED_PROVIDER_STAFF.organizationId!);
    assert.equal(organization.name, 'Harbor Housing Partners');
    const inbox = await staff.referrals.forOrganization(SEED_PROVIDER_STAFF.organizationId!);
    assert.ok(inbox.some((r) => r.status === 'requested'), `waiting referrals in: ${inbox.map((r) => r.status).join(', ')}`);
    assert.ok(inbox.every((r) => r.service.organizationId === SEED_PROVIDER_STAFF.organizationId && r.status !== 'draft'));
  });
});
