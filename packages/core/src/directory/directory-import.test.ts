import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasErrorCode, ValidationError } from '../errors/errors.js';
import { createTestSetup, PERSONAS } from '../testing/test-manager.js';
import type { DirectoryImport } from './directory-import.js';

const source = (): DirectoryImport => ({
  organizations: [
    { sourceId: 'hsds:org-1', name: 'Riverside Community Food Bank', contact: { phone: '+1 503 555 0100' } },
    { sourceId: 'hsds:org-2', name: 'Despensa Católica San José' },
  ],
  services: [
    { sourceId: 'hsds:svc-1', organizationSourceId: 'hsds:org-1', name: 'Emergency food boxes', categories: ['food'], languages: ['en'] },
    { sourceId: 'hsds:svc-2', organizationSourceId: 'hsds:org-2', name: 'Despensa comunitaria', categories: ['food'], languages: ['es'] },
  ],
});

describe('directory.importDirectory', () => {
  it('creates the directory, links services to their organizations, and a re-import changes nothing', async () => {
    const setup = createTestSetup();
    const directory = setup.as(PERSONAS.supervisor).directory;
    assert.deepEqual(await directory.importDirectory(source()), {
      organizations: { created: 2, updated: 0, unchanged: 0 },
      services: { created: 2, updated: 0, unchanged: 0 },
    });
    const [pantry] = await directory.searchServices({ text: 'despensa' });
    const parish = (await directory.searchOrganizations('despensa'))[0]!;
    assert.equal(pantry?.service.organizationId, parish.id);
    assert.equal(pantry?.service.organizationName, 'Despensa Católica San José');

    const auditBefore = await setup.storage.count('audit', { index: 'id' });
    assert.deepEqual(await directory.importDirectory(source()), {
      organizations: { created: 0, updated: 0, unchanged: 2 },
      services: { created: 0, updated: 0, unchanged: 2 },
    });
    assert.equal(await setup.storage.count('services', { index: 'id' }), 2);
    assert.equal(await setup.storage.count('audit', { index: 'id' }), auditBefore, 'an unchanged re-import writes nothing');
  });

  it('updates in place what changed at the source, keeping ids (referrals keep their service)', async () => {
    const setup = createTestSetup();
    const directory = setup.as(PERSONAS.supervisor).directory;
    await directory.importDirectory(source());
    const [before] = await directory.searchServices({ text: 'emergency' });
    const changed = source();
    changed.organizations[0]!.name = 'Riverside Food Bank';
    changed.services[0]!.hours = 'Mon–Sat 9–5';
    assert.deepEqual(await directory.importDirectory(changed), {
      organizations: { created: 0, updated: 1, unchanged: 1 },
      services: { created: 0, updated: 1, unchanged: 1 },
    });
    const after = await directory.getService(before!.service.id);
    assert.equal(after.version, 2);
    assert.equal(after.hours, 'Mon–Sat 9–5');
    assert.equal(after.organizationName, 'Riverside Food Bank');
  });

  it('refuses, writing nothing, a service of an organization it does not know and a sourceId given twice', async () => {
    const setup = createTestSetup();
    const directory = setup.as(PERSONAS.supervisor).directory;
    const bad = source();
    bad.services[1]!.organizationSourceId = 'hsds:org-missing';
    bad.organizations.push({ sourceId: 'hsds:org-1', name: 'Again' });
    const error = await directory.importDirectory(bad).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(error.issues.map((issue) => issue.path), [['organizations', 2, 'sourceId'], ['services', 1, 'organizationSourceId']]);
    assert.equal(await setup.storage.count('organizations', { index: 'id' }), 0);
    assert.equal(await setup.storage.count('services', { index: 'id' }), 0);
  });

  it('is refused to whoever may not add to the directory, even when it would change nothing', async () => {
    const setup = createTestSetup();
    await setup.as(PERSONAS.supervisor).directory.importDirectory(source());
    const error = await setup.as(PERSONAS.caseManager).directory.importDirectory(source()).catch((e: unknown) => e);
    assert.ok(hasErrorCode(error, 'permission'), String(error));
  });
});

describe('directory.listOrganizations / listServices', () => {
  it('pages through every record, inactive services included', async () => {
    const setup = createTestSetup();
    const directory = setup.as(PERSONAS.supervisor).directory;
    const many = source();
    for (let i = 3; i <= 7; i++) {
      many.organizations.push({ sourceId: `hsds:org-${i}`, name: `Agency ${i}` });
      many.services.push({ sourceId: `hsds:svc-${i}`, organizationSourceId: `hsds:org-${i}`, name: `Service ${i}`, categories: ['legal'], status: 'inactive' });
    }
    await directory.importDirectory(many);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await directory.listServices({ limit: 3, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((s) => s.sourceId!));
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(new Set(ids).size, 7);
    assert.equal((await directory.listOrganizations()).items.length, 7);
  });
});
