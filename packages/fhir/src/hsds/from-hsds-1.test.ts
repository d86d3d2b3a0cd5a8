import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createCaseManager, createMemoryStorage, type Actor, type Service, type StoragePort } from '@casekit/core';
import { readCsvTable } from './csv.js';
import { fromHsds } from './from-hsds.js';
import type { HsdsImport } from './types.js';

/*
 * Open Referral's HSDS 1.1 sample datapackage (openreferral/specification examples/all_resources, the
 * data of openreferral/sample-HSDS-datapackage; see fixtures/SOURCE.md): 10 organizations, 13 services,
 * LF line ends, descriptions with newlines and doubled quotes inside quoted cells.
 */

const directory = new URL('./fixtures/hsds1-csv/', import.meta.url);
const files = (): Record<string, string> => Object.fromEntries(readdirSync(directory).map((file) => [file, readFileSync(new URL(file, directory), 'utf8')]));
const rows = (text: string) => readCsvTable(text).records.map((r) => r.cells);
const paths = (result: HsdsImport) => result.report.entries.map((e) => e.path);
const supervisor: Actor = { id: 'sup-1', name: 'Directory Editor', role: 'supervisor' };

describe('fromHsds: HSDS 1.1 datapackage (Open Referral sample data)', () => {
  const source = files();
  const result = fromHsds({ files: source });
  const byName = (name: string) => result.services.find((s) => s.name === name);

  it('imports every organization and service of the CSV files, as HSDS 1.x', () => {
    assert.equal(result.source.format, 'hsds-1-tabular');
    assert.equal(result.organizations.length, 10);
    assert.equal(result.services.length, 13);
    assert.equal(result.organizations.length, rows(source['organizations.csv']!).length);
    assert.equal(result.services.length, rows(source['services.csv']!).length);
    assert.deepEqual(result.services.map((s) => s.sourceId), rows(source['services.csv']!).map((r) => r['id']));
  });

  it('links every service to its organization by sourceId', () => {
    const organizations = new Set(result.organizations.map((o) => o.sourceId));
    for (const service of result.services) assert.ok(organizations.has(service.organizationSourceId), service.name);
  });

  it('keeps cells with newlines, HTML and doubled quotes exactly', () => {
    const silvers = result.organizations.find((o) => o.name === 'Example City Silvers');
    assert.equal(silvers?.description, 'Provision of services for older people in their homes to allow them to continue living in their communities with dignity. Serivices include: <ul>\n  <li>Personal Care</li>\n  <li>Cleaning</li>\n  <li>Shopping</li>\n</ul>');
    assert.match(byName('Meals To-Go at The Cross')?.description ?? '', /take a prepaid slip from our "Feed the City" wall\.$/);
  });

  it('maps HSDS 1.x names onto casekit: languages by name, url as website, fees, tax_id', () => {
    const helpline = byName('Never Homeless Helpline');
    const languageRows = rows(source['languages.csv']!).filter((l) => l['service_id'] === helpline?.sourceId);
    assert.equal(helpline?.languages.length, languageRows.length);
    assert.deepEqual(helpline?.languages, ['en', 'es']);
    assert.equal(helpline?.interpretationAvailable, true);
    const sanctuary = result.organizations.find((o) => o.sourceId === '1899600a-649c-11e6-8b77-86f30ca893d3');
    assert.equal(sanctuary?.contact.url, 'http://example.com');
    assert.deepEqual(sanctuary?.identifiers, [{ system: 'urn:openreferral:hsds:tax_id', value: '574374770', type: 'TAX' }]);
  });

  it('takes the physical address, the service area and the weekly schedule', () => {
    const helpline = byName('Never Homeless Helpline');
    assert.deepEqual(helpline?.address, { line: ['Address 1', 'Address 2'], city: 'New York City', district: 'Mid-Atlantic', state: 'NY', postalCode: '10001', country: 'US' });
    assert.deepEqual(helpline?.eligibility.serviceAreas, ['Sample service area']);
    assert.equal(helpline?.hours, 'Mon, Tue, Wed 09:00–17:00');
    assert.ok(paths(result).includes('postal_addresses.csv:row 1'), 'the postal address, not kept, is reported');
    assert.ok(paths(result).includes('holiday_schedules.csv:row 1'));
  });

  it('picks a phone from the service, else its location, with the extension; a voice line over a textphone', () => {
    assert.equal(byName('Bubbles at The Cross')?.contact.phone, '(223) 4567 12534');
    assert.equal(byName('Dear Teacher Skills Refresh')?.contact.phone, '(0123) 4567 8900 ext. 42');
    assert.equal(result.organizations.find((o) => o.name === 'Example Cross Trust')?.contact.phone, '(223) 346 12361');
    assert.ok(paths(result).includes('phones.csv:row 3'), 'the textphone, not kept, is reported');
    // The same with the textphone listed first.
    const phones = source['phones.csv']!.split('\n');
    const swapped = [phones[0], phones[1], phones[3], phones[2], ...phones.slice(4)].join('\n');
    const again = fromHsds({ files: { ...source, 'phones.csv': swapped } });
    assert.equal(again.organizations.find((o) => o.name === 'Example Cross Trust')?.contact.phone, '(223) 346 12361');
    assert.ok(paths(again).includes('phones.csv:row 2'), 'the textphone, now row 2, is reported');
  });

  it('imports inactive services as inactive', () => {
    const statuses = rows(source['services.csv']!).map((r) => r['status']);
    assert.deepEqual(result.services.map((s) => s.status), statuses);
    assert.equal(statuses.filter((s) => s === 'inactive').length, 3);
  });

  it('guesses need domains from the service’s words when there is no taxonomy, and reports each guess', () => {
    assert.deepEqual(byName("The City's Kitchen")?.categories, ['food']);
    assert.deepEqual(byName('Al-Anon Family Group')?.categories, ['substance-use']);
    const guesses = result.report.entries.filter((e) => /need domain/.test(e.reason));
    assert.equal(guesses.length, 13);
  });

  it('reports the columns and tables casekit does not hold', () => {
    const reported = paths(result);
    for (const path of ['services.csv:row 6:wait_time', 'organizations.csv:row 1:legal_status', 'contacts.csv:row 1', 'programs.csv:row 1', 'payments_accepted.csv:row 2', 'service_areas.csv:row 1:description', 'physical_addresses.csv:row 1:attention']) {
      assert.ok(reported.includes(path), path);
    }
  });

  it('reads the same with CRLF line ends and a byte order mark on every file', () => {
    const windows = Object.fromEntries(Object.entries(source).map(([name, text]) => [name, `\uFEFF${text.replace(/\r?\n/g, '\r\n')}`]));
    const again = fromHsds({ files: windows });
    // Cells with line breaks inside quotes keep the file's own line ends.
    const normalize = (r: HsdsImport) => JSON.parse(JSON.stringify(r).replace(/\\r\\n/g, '\\n'));
    assert.deepEqual(normalize(again), normalize(result));
  });

  it('reads a package of only organizations.csv and services.csv (every other file is optional)', () => {
    const minimal = fromHsds({ files: { 'organizations.csv': source['organizations.csv']!, 'services.csv': source['services.csv']! } });
    assert.equal(minimal.organizations.length, 10);
    assert.equal(minimal.services.length, 13);
    assert.equal(minimal.services[0]?.address, undefined);
  });

  it('reads files given under folders (data/services.csv)', () => {
    const nested = fromHsds({ files: Object.fromEntries(Object.entries(source).map(([name, text]) => [`data/${name}`, text])) });
    assert.equal(nested.services.length, 13);
    assert.ok(paths(nested).includes('data/services.csv:row 6:wait_time'));
  });
});

describe('fromHsds: datapackages with missing or odd columns', () => {
  const organizations = 'id,name\norg-1,Riverside Food Bank\n';

  it('reads without optional columns (no status, email, description)', () => {
    const result = fromHsds({ files: { 'organizations.csv': organizations, 'services.csv': 'id,organization_id,name\nsvc-1,org-1,Pantry\n' } });
    assert.deepEqual(
      result.services.map((s) => [s.sourceId, s.organizationSourceId, s.name, s.status, s.contact]),
      [['svc-1', 'org-1', 'Pantry', 'active', {}]],
    );
  });

  it('keeps a service whose organization is not in the dataset, and says so', () => {
    const result = fromHsds({ files: { 'services.csv': 'id,organization_id,name\nsvc-1,org-9,Pantry\n' } });
    assert.equal(result.services[0]?.organizationSourceId, 'org-9');
    assert.match(result.report.entries.find((e) => e.path === 'services.csv:row 1:organization_id')?.reason ?? '', /not imported from this dataset/);
  });

  it('leaves out, and reports, services without an id, an organization or a name', () => {
    const services = 'id,organization_id,name\n,org-1,No id\nsvc-2,,No organization\nsvc-3,org-1,\nsvc-4,org-1,Kept\n';
    const result = fromHsds({ files: { 'organizations.csv': organizations, 'services.csv': services } });
    assert.deepEqual(result.services.map((s) => s.sourceId), ['svc-4']);
    for (const row of [1, 2]) assert.ok(paths(result).includes(`services.csv:row ${row}`), `row ${row}`);
    assert.ok(result.report.entries.some((e) => e.path.startsWith('services.csv:row 3') && /cannot import/.test(e.reason)));
  });

  it('reports a second row with the same id, and keeps the first', () => {
    const result = fromHsds({ files: { 'organizations.csv': 'id,name\norg-1,First\norg-1,Second\n' } });
    assert.deepEqual(result.organizations.map((o) => o.name), ['First']);
    assert.match(result.report.entries.find((e) => e.path === 'organizations.csv:row 2')?.reason ?? '', /same id as organizations\.csv:row 1/);
  });

  it('fits values to casekit’s limits instead of failing, and reports each', () => {
    const long = 'x'.repeat(5000);
    const services = `id,organization_id,name,email,description,minimum_age,maximum_age,status\nsvc-1,org-1,Pantry,not-an-email,${long},30,18,closed forever\n`;
    const result = fromHsds({ files: { 'organizations.csv': organizations, 'services.csv': services } });
    const [service] = result.services;
    assert.equal(service?.contact.email, undefined);
    assert.equal(service?.description?.length, 4000);
    assert.deepEqual([service?.eligibility.minAge, service?.eligibility.maxAge], [30, undefined]);
    assert.equal(service?.status, 'active');
    const reported = paths(result);
    for (const column of ['email', 'description', 'maximum_age', 'status']) assert.ok(reported.includes(`services.csv:row 1:${column}`), column);
  });

  it('reports files that are no HSDS table and cells past the header', () => {
    const result = fromHsds({ files: { 'organizations.csv': 'id,name\norg-1,A,surplus\n', 'README.txt': 'hello', 'clients.csv': 'id\n1\n' } });
    assert.deepEqual(paths(result).filter((p) => !p.includes('row 1') || p === 'organizations.csv:row 1').sort(), ['README.txt', 'clients.csv', 'organizations.csv:row 1']);
  });

  it('maps AIRS / 211 LA and plain-language taxonomy terms to need domains', () => {
    const result = fromHsds({
      files: {
        'organizations.csv': organizations,
        'services.csv': 'id,organization_id,name\nsvc-1,org-1,Service one\nsvc-2,org-1,Service two\n',
        'taxonomy.csv': 'id,name,vocabulary\nBD-1800.2000,Food Pantries,AIRS\nBH-1800,Emergency Shelter,AIRS\nOE-1,Legal aid,Open Eligibility\n',
        'services_taxonomy.csv': 'id,service_id,taxonomy_id\nst-1,svc-1,BD-1800.2000\nst-2,svc-1,BH-1800\nst-3,svc-2,OE-1\n',
      },
    });
    assert.deepEqual(result.services.map((s) => s.categories), [['food', 'housing'], ['legal']]);
    assert.deepEqual(result.services[0]?.taxonomyTerms, [
      { system: 'AIRS', code: 'BD-1800.2000', display: 'Food Pantries' },
      { system: 'AIRS', code: 'BH-1800', display: 'Emergency Shelter' },
    ]);
    assert.ok(!result.report.entries.some((e) => /need domain/.test(e.reason)));
  });

  it('files a service nothing maps under options.defaultCategories, and reports it', () => {
    const result = fromHsds({ files: { 'organizations.csv': organizations, 'services.csv': 'id,organization_id,name\nsvc-1,org-1,Xyzzy\n' } }, { defaultCategories: ['health'] });
    assert.deepEqual(result.services[0]?.categories, ['health']);
    assert.match(result.report.entries.find((e) => e.path === 'services.csv:row 1')?.reason ?? '', /defaultCategories/);
  });
});

/** Every record of a collection, straight from storage. */
async function all<T>(storage: StoragePort, collection: 'organizations' | 'services'): Promise<T[]> {
  return (await storage.find(collection, { index: 'id' })).items as T[];
}

describe('fromHsds into a real casekit directory', () => {
  it('creates records the current schema accepts, which directory search then finds', async () => {
    const storage = createMemoryStorage();
    const manager = createCaseManager({ storage, actor: supervisor });
    assert.deepEqual(await manager.directory.importDirectory(fromHsds({ files: files() })), {
      organizations: { created: 10, updated: 0, unchanged: 0 },
      services: { created: 13, updated: 0, unchanged: 0 },
    });
    assert.equal((await all(storage, 'organizations')).length, 10);
    assert.equal((await all(storage, 'services')).length, 13);
    const spanish = await manager.directory.searchServices({ language: 'es' });
    assert.deepEqual([spanish[0]?.service.name, spanish[0]?.languageMatch], ['Never Homeless Helpline', 'spoken']);
    const food = await manager.directory.searchServices({ need: 'food' });
    assert.ok(food.some((r) => r.service.name === "The City's Kitchen"));
    assert.ok(!food.some((r) => r.service.name === 'Food Safety Program'), 'inactive services are not found by default');
    const inArea = await manager.directory.searchServices({ area: 'Sample service area' });
    assert.ok(inArea.some((r) => r.service.name === 'Never Homeless Helpline'));
  });

  it('importing the same dataset again (directory.importDirectory) changes and duplicates nothing', async () => {
    const storage = createMemoryStorage();
    const manager = createCaseManager({ storage, actor: supervisor });
    await manager.directory.importDirectory(fromHsds({ files: files() }));
    const before = await all<Service>(storage, 'services');
    assert.deepEqual(await manager.directory.importDirectory(fromHsds({ files: files() })), {
      organizations: { created: 0, updated: 0, unchanged: 10 },
      services: { created: 0, updated: 0, unchanged: 13 },
    });
    const after = await all<Service>(storage, 'services');
    assert.equal((await all(storage, 'organizations')).length, 10);
    assert.equal(after.length, 13);
    assert.deepEqual(after.map((s) => [s.id, s.sourceId]).sort(), before.map((s) => [s.id, s.sourceId]).sort());
    assert.deepEqual(after, before, 'an unchanged source changes no record, not even its version');
  });
});
