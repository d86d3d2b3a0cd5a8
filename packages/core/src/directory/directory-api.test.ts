import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, NotFoundError, PermissionError, ValidationError } from '../errors/errors.js';
import { createTestSetup, PERSONAS, type TestSetup } from '../testing/test-manager.js';
import type { ServiceInput } from './directory-schema.js';
import { sameLanguage } from './directory-api.js';

const count = (setup: TestSetup, collection: 'organizations' | 'services' | 'audit') => setup.storage.count(collection, { index: 'id' });

/** A small county directory, entered by a supervisor. */
async function directory() {
  const setup = createTestSetup();
  const admin = setup.as(PERSONAS.supervisor).directory;
  const foodBank = await admin.createOrganization({
    name: 'Riverside Community Food Bank',
    contact: { phone: '+1 503 555 0100', url: 'https://food.example.org' },
    address: { line: ['12 Mill St'], city: 'Portland', postalCode: '97214' },
    identifiers: [{ system: 'urn:us:ein', value: '93-1234567' }],
  });
  const parish = await admin.createOrganization({ name: 'Despensa Católica San José' });
  const youth = await admin.createOrganization({ name: 'Northside Youth Services' });
  const add = (input: ServiceInput) => admin.createService(input);
  const boxes = await add({
    organizationId: foodBank.id,
    name: 'Emergency food boxes',
    description: 'Three days of groceries, same-day pickup',
    categories: ['food'],
    languages: ['en'],
    interpretationAvailable: true,
    eligibility: { serviceAreas: ['97214', '97215'] },
    hours: 'Mon–Fri 9–5',
  });
  const pantry = await add({
    organizationId: parish.id,
    name: 'Despensa comunitaria',
    description: 'Pantry with fresh produce; staff speak Spanish',
    categories: ['food'],
    languages: ['es-MX', 'en'],
  });
  const meals = await add({ organizationId: youth.id, name: 'Youth meals and shelter', categories: ['food', 'housing'], eligibility: { minAge: 12, maxAge: 24, serviceAreas: [] } });
  const rides = await add({ organizationId: foodBank.id, name: 'Grocery rides', categories: ['transportation', 'food'], status: 'inactive' });
  return { setup, admin, foodBank, parish, youth, boxes, pantry, meals, rides };
}

describe('service directory', () => {
  it('lets supervisors build the directory, snapshotting the organisation name on services', async () => {
    const { boxes, foodBank } = await directory();
    assert.equal(boxes.organizationName, 'Riverside Community Food Bank');
    assert.equal(boxes.organizationId, foodBank.id);
    assert.equal(boxes.status, 'active');
    assert.deepEqual(boxes.eligibility.serviceAreas, ['97214', '97215']);
  });

  it('lets everyone with directory access read, but only supervisors and admins write', async () => {
    const { setup, boxes, foodBank } = await directory();
    assert.equal((await setup.manager.directory.getService(boxes.id)).name, 'Emergency food boxes');
    assert.equal((await setup.as(PERSONAS.viewer).directory.getOrganization(foodBank.id)).name, foodBank.name);
    const before = [await count(setup, 'organizations'), await count(setup, 'services'), await count(setup, 'audit') + 4];
    await assert.rejects(setup.manager.directory.createOrganization({ name: 'Shadow pantry' }), PermissionError);
    await assert.rejects(setup.manager.directory.createService({ organizationId: foodBank.id, name: 'Extra boxes', categories: ['food'] }), PermissionError);
    await assert.rejects(setup.manager.directory.updateService(boxes, { hours: '24/7' }), PermissionError);
    await assert.rejects(setup.as(PERSONAS.viewer).directory.updateOrganization(foodBank, { name: 'X' }), PermissionError);
    // Nothing changed; each of the four refused attempts left one audit event.
    assert.deepEqual([await count(setup, 'organizations'), await count(setup, 'services'), await count(setup, 'audit')], before);
  });

  it('searches by need, hiding inactive services unless asked', async () => {
    const { setup, boxes, pantry, meals, rides } = await directory();
    const food = await setup.manager.directory.searchServices({ need: 'food' });
    assert.deepEqual(new Set(food.map((r) => r.service.id)), new Set([boxes.id, pantry.id, meals.id]));
    assert.ok(food.every((r) => r.languageMatch === undefined));
    const withInactive = await setup.manager.directory.searchServices({ need: 'transportation', includeInactive: true });
    assert.deepEqual(withInactive.map((r) => r.service.id), [rides.id]);
    assert.deepEqual(await setup.manager.directory.searchServices({ need: 'legal' }), []);
  });

  it('ranks services speaking the client’s language first, then those offering interpretation', async () => {
    const { setup, boxes, pantry, meals } = await directory();
    const results = await setup.manager.directory.searchServices({ need: 'food', language: 'es' });
    assert.deepEqual(results.map((r) => [r.service.id, r.languageMatch]), [
      [pantry.id, 'spoken'],
      [boxes.id, 'interpretation'],
      [meals.id, 'none'],
    ]);
  });

  it('searches text across service name, organisation name and description, ignoring accents and case', async () => {
    const { setup, boxes, pantry, rides } = await directory();
    const ids = async (text: string) => (await setup.manager.directory.searchServices({ text, includeInactive: true })).map((r) => r.service.id);
    assert.deepEqual(await ids('catolica'), [pantry.id]);
    assert.deepEqual(await ids('RIVERSIDE food'), [boxes.id, rides.id]);
    assert.deepEqual(await ids('groc'), [boxes.id, rides.id], 'prefix of a description and a name word');
    assert.deepEqual(await ids('produce spanish'), [pantry.id]);
    assert.deepEqual(await ids('groceries shelter'), []);
    assert.deepEqual((await setup.manager.directory.searchServices({ text: 'meals', need: 'housing' })).map((r) => r.service.name), ['Youth meals and shelter']);
  });

  it('filters by the client’s age and area; services without limits match everyone', async () => {
    const { setup, boxes, pantry, meals } = await directory();
    const ids = async (q: { clientAge?: number; area?: string }) => new Set((await setup.manager.directory.searchServices({ need: 'food', ...q })).map((r) => r.service.id));
    assert.deepEqual(await ids({ clientAge: 40 }), new Set([boxes.id, pantry.id]));
    assert.deepEqual(await ids({ clientAge: 17 }), new Set([boxes.id, pantry.id, meals.id]));
    assert.deepEqual(await ids({ area: '97214' }), new Set([boxes.id, pantry.id, meals.id]));
    assert.deepEqual(await ids({ area: '97001' }), new Set([pantry.id, meals.id]));
    assert.deepEqual(await ids({ area: ' 97215 ', clientAge: 30 }), new Set([boxes.id, pantry.id]));
  });

  it('combines need, language, text and age in one search and honours the limit', async () => {
    const { setup, pantry, boxes } = await directory();
    const results = await setup.manager.directory.searchServices({ need: 'food', language: 'es', text: 'pantry', clientAge: 45 });
    assert.deepEqual(results.map((r) => r.service.id), [pantry.id]);
    const limited = await setup.manager.directory.searchServices({ need: 'food', language: 'es', limit: 2 });
    assert.deepEqual(limited.map((r) => r.service.id), [pantry.id, boxes.id]);
  });

  it('follows an organisation rename onto its services and their text search', async () => {
    const { setup, admin, foodBank, boxes } = await directory();
    const audits = await count(setup, 'audit');
    const renamed = await admin.updateOrganization(foodBank, { name: 'Riverside Harvest Share' });
    assert.equal(renamed.version, 2);
    assert.deepEqual(renamed.identifiers, foodBank.identifiers, 'a patch keeps fields it does not name');
    assert.equal((await admin.getService(boxes.id)).organizationName, 'Riverside Harvest Share');
    assert.equal(await count(setup, 'audit'), audits + 3, 'the organisation and its two services');
    assert.deepEqual((await setup.manager.directory.searchServices({ text: 'harvest' })).map((r) => r.service.id), [boxes.id]);
    assert.deepEqual((await admin.searchOrganizations('harv')).map((o) => o.id), [foodBank.id]);
  });

  it('updates a service without resetting the fields a patch leaves out', async () => {
    const { admin, boxes } = await directory();
    const updated = await admin.updateService(boxes, { hours: 'Mon–Sat 8–6' });
    assert.equal(updated.hours, 'Mon–Sat 8–6');
    assert.deepEqual(updated.languages, ['en']);
    assert.equal(updated.interpretationAvailable, true);
    assert.deepEqual(updated.eligibility.serviceAreas, ['97214', '97215']);
    await assert.rejects(admin.updateService(boxes, { hours: 'closed' }), ConflictError);
    assert.equal((await admin.getService(boxes.id)).hours, 'Mon–Sat 8–6');
  });

  it('rejects bad input with field paths and writes nothing', async () => {
    const { setup, admin, foodBank } = await directory();
    const before = [await count(setup, 'services'), await count(setup, 'audit')];
    await assert.rejects(admin.createService({ organizationId: foodBank.id, name: 'Nothing', categories: [] }), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path.join('.') === 'categories');
    await assert.rejects(
      admin.createService({ organizationId: foodBank.id, name: 'Teens', categories: ['food'], eligibility: { minAge: 18, maxAge: 12, serviceAreas: [] } }),
      (e: unknown) => e instanceof ValidationError && e.issues[0]!.path.join('.') === 'eligibility.maxAge',
    );
    await assert.rejects(admin.createService({ organizationId: foodBank.id, name: 'Babel', categories: ['food'], languages: ['not a tag'] }), ValidationError);
    await assert.rejects(admin.createService({ organizationId: 'org-missing', name: 'Ghost', categories: ['food'] }), NotFoundError);
    await assert.rejects(setup.manager.directory.searchServices({ need: 'groceries' } as never), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path.join('.') === 'query.need');
    assert.deepEqual([await count(setup, 'services'), await count(setup, 'audit')], before);
  });

  it('writes one audit event per directory change', async () => {
    const setup = createTestSetup();
    const admin = setup.as(PERSONAS.supervisor).directory;
    const org = await admin.createOrganization({ name: 'Legal Aid of the Valley' });
    const service = await admin.createService({ organizationId: org.id, name: 'Eviction defence', categories: ['legal', 'housing'] });
    await admin.updateService(service, { status: 'inactive' });
    const events = (await setup.as(PERSONAS.supervisor).audit.forRecord(service.id, { oldestFirst: true })).items;
    assert.deepEqual(events.map((e) => [e.action, e.actor.id, e.toVersion]), [
      ['create', PERSONAS.supervisor.id, 1],
      ['update', PERSONAS.supervisor.id, 2],
    ]);
    assert.deepEqual(events[1]!.changedFields, ['status']);
  });

  it('compares language tags by language, more specific tags included', () => {
    assert.ok(sameLanguage('es', 'es-MX'));
    assert.ok(sameLanguage('ZH-hant', 'zh'));
    assert.ok(!sameLanguage('zh-Hant', 'zh-Hans'));
    assert.ok(!sameLanguage('en', 'eo'));
  });
});
