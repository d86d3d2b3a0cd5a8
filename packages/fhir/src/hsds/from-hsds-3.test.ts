import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ValidationError } from '@casekit/core';
import { readCsvTable } from './csv.js';
import { fromHsds } from './from-hsds.js';
import type { HsdsImport } from './types.js';

/*
 * Open Referral's own HSDS 3.0 examples (openreferral/specification, examples/; see fixtures/SOURCE.md):
 * one organization, service, location, language... in each form HSDS 3 publishes, nested JSON and the
 * tabular datapackage.
 */

const fixtures = new URL('./fixtures/', import.meta.url);
type Json = Record<string, unknown> & { [key: string]: any };
const json = (name: string): Json => JSON.parse(readFileSync(new URL(`hsds3-json/${name}.json`, fixtures), 'utf8'));
const csvFiles = (): Record<string, string> =>
  Object.fromEntries(readdirSync(new URL('hsds3-csv/', fixtures)).map((file) => [file, readFileSync(new URL(`hsds3-csv/${file}`, fixtures), 'utf8')]));

/** The value at a report path such as `service.phones[0].number` in the source object. */
function at(source: unknown, path: string): unknown {
  const steps = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let value: any = source;
  for (const step of steps) {
    if (value === undefined || value === null) return undefined;
    value = step.startsWith('[') ? value[Number(step.slice(1, -1))] : value[step];
  }
  return value;
}

const paths = (result: HsdsImport) => result.report.entries.map((entry) => entry.path);

describe('fromHsds: HSDS 3 JSON (Open Referral examples)', () => {
  const source = json('service_full');
  const result = fromHsds(source);
  const [service] = result.services;
  const [organization] = result.organizations;

  it('imports the one organization and the one service of service_full.json, with their HSDS ids as sourceId', () => {
    assert.equal(result.source.format, 'hsds-3-json');
    assert.equal(result.organizations.length, 1);
    assert.equal(result.services.length, 1);
    assert.equal(service?.sourceId, source['id']);
    assert.equal(service?.organizationSourceId, source['organization'].id);
    assert.equal(organization?.sourceId, source['organization'].id);
  });

  it('carries the service fields over as the source has them', () => {
    assert.ok(service);
    assert.equal(service.name, source['name']);
    assert.equal(service.alternateName, source['alternate_name']);
    assert.equal(service.description, source['description'].trim());
    assert.equal(service.contact.url, source['url']);
    assert.equal(service.contact.email, source['email']);
    assert.equal(service.applicationProcess, source['application_process']);
    assert.equal(service.fees, source['fees_description']);
    assert.equal(service.status, 'active');
    assert.equal(service.interpretationAvailable, true);
    assert.deepEqual(
      { min: service.eligibility.minAge, max: service.eligibility.maxAge, text: service.eligibility.description },
      { min: source['minimum_age'], max: source['maximum_age'], text: source['eligibility_description'] },
    );
    assert.equal(service.hours, source['schedules'][0].description);
    assert.equal(service.contact.phone, `${source['phones'][0].number} ext. ${source['phones'][0].extension}`);
  });

  it('keeps as many languages as the service lists, as BCP 47 tags', () => {
    assert.equal(service?.languages.length, source['languages'].length);
    assert.deepEqual(service?.languages, source['languages'].map((l: Json) => l.code));
  });

  it('takes the address of the service’s location (service_at_locations[0].location.addresses[0])', () => {
    const address = source['service_at_locations'][0].location.addresses[0];
    assert.deepEqual(service?.address, {
      line: [address.address_1, address.address_2],
      city: address.city,
      district: address.region,
      state: address.state_province,
      postalCode: address.postal_code,
      country: address.country,
    });
  });

  it('keeps the taxonomy term, and reads need domains from words when no term maps to one', () => {
    const term = source['attributes'][0].taxonomy_term;
    assert.deepEqual(service?.taxonomyTerms, [{ system: term.taxonomy_detail.uri, code: term.code, display: term.name }]);
    assert.deepEqual(service?.categories, ['mental-health']);
    assert.ok(result.report.entries.some((e) => e.path === 'service' && /read from words in the service's name/.test(e.reason)));
  });

  it('carries the organization fields and identifiers over', () => {
    const org = source['organization'];
    assert.ok(organization);
    assert.equal(organization.name, org.name);
    assert.equal(organization.alternateName, org.alternate_name);
    assert.equal(organization.description, org.description);
    assert.equal(organization.contact.url, org.website);
    assert.equal(organization.contact.email, org.email);
    const identifier = org.organization_identifiers[0];
    assert.deepEqual(organization.identifiers, [{ system: identifier.identifier_scheme, value: identifier.identifier, type: identifier.identifier_type }]);
    assert.equal(organization.address?.line[0], org.locations[0].addresses[0].address_1);
  });

  it('reports what casekit cannot hold, by its path in the source', () => {
    const reported = paths(result);
    for (const path of ['service.wait_time', 'service.accreditations', 'service.alert', 'service.cost_options[0]', 'service.required_documents[0]', 'service.organization.legal_status', 'service.service_areas[0].name', 'service.interpretation_services']) {
      assert.ok(reported.includes(path), `${path} is reported`);
    }
    assert.match(result.report.entries.find((e) => e.path === 'service.service_areas[0].name')?.reason ?? '', /100 characters/);
  });

  it('names only paths that exist in the source (`service` being the object given)', () => {
    for (const { path } of result.report.entries) assert.notEqual(at({ service: source }, path), undefined, path);
  });

  it('reads organization_full.json (services nested in the organization) to the same records', () => {
    const nested = fromHsds(json('organization_full'));
    assert.equal(nested.organizations.length, 1);
    assert.equal(nested.services.length, json('organization_full')['services'].length);
    assert.deepEqual(nested.services, result.services);
    assert.deepEqual(nested.organizations, result.organizations);
  });

  it('reads service_at_location_full.json (the service and location nested in it)', () => {
    const nested = fromHsds(json('service_at_location_full'));
    assert.deepEqual(nested.services.map((s) => s.sourceId), [source['id']]);
    assert.deepEqual(nested.services[0]?.address, service?.address);
  });

  it('reads a page of the HSDS API ({ contents: [...] }) with paths under contents[n]', () => {
    const page = json('service_list');
    const listed = fromHsds(page);
    assert.equal(listed.services.length, page['contents'].length);
    assert.equal(listed.organizations.length, 1);
    assert.equal(listed.services[0]?.name, page['contents'][0].name);
    assert.ok(paths(listed).includes('contents[0].wait_time'));
    for (const { path } of listed.report.entries) assert.notEqual(at(page, path), undefined, path);
  });

  it('reads a bare array of services and a { organizations, services } collection', () => {
    const asArray = fromHsds([source]);
    assert.deepEqual(asArray.services, result.services);
    assert.ok(paths(asArray).includes('services[0].wait_time'));
    const { organization: org, ...rest } = source;
    const collection = fromHsds({ organizations: [org], services: [{ ...rest, organization_id: org.id }] });
    assert.deepEqual(collection.services.map((s) => s.organizationSourceId), [org.id]);
    assert.equal(collection.organizations[0]?.name, org.name);
  });

  it('reads the other HSDS 3 example objects without mistaking them for organizations', () => {
    const organizations = fromHsds(json('organization_list'));
    assert.deepEqual([organizations.organizations.length, organizations.services.length], [json('organization_list')['contents'].length, 0]);
    const terms = fromHsds(json('taxonomy_term_list'));
    assert.deepEqual([terms.organizations.length, terms.services.length], [0, 0]);
    assert.ok(terms.report.entries.some((e) => e.path === 'contents[0]' && e.reason === '1 taxonomy term is used by no imported service.'));
    const location = fromHsds(json('location'));
    assert.deepEqual([location.organizations.length, location.services.length], [0, 0]);
    assert.ok(paths(location).includes('location'));
  });

  it('gives the same sourceIds and records on every import of the same dataset (re-import updates, never duplicates)', () => {
    const again = fromHsds(json('service_full'));
    assert.deepEqual(again, result);
    const ids = [...again.organizations, ...again.services].map((r) => r.sourceId);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('reports a nested value that is not an HSDS object (languages as strings) instead of dropping it', () => {
    const odd = fromHsds({ ...source, languages: ['ur', 'pl'] });
    assert.deepEqual(odd.services[0]?.languages, []);
    assert.ok(paths(odd).includes('service.languages'));
  });

  it('puts options.sourceIdPrefix before every sourceId', () => {
    const prefixed = fromHsds(source, { sourceIdPrefix: 'example:' });
    assert.equal(prefixed.services[0]?.sourceId, `example:${source['id']}`);
    assert.equal(prefixed.services[0]?.organizationSourceId, `example:${source['organization'].id}`);
  });
});

describe('fromHsds: HSDS 3 tabular datapackage (Open Referral examples/csv)', () => {
  const files = csvFiles();
  const result = fromHsds({ files });
  const table = (file: string) => readCsvTable(files[file]!).records.map((r) => r.cells);

  it('imports as many organizations and services as organizations.csv and services.csv have rows', () => {
    assert.equal(result.source.format, 'hsds-3-tabular');
    assert.equal(result.organizations.length, table('organizations.csv').length);
    assert.equal(result.services.length, table('services.csv').length);
  });

  it('keeps every language of languages.csv that names the service', () => {
    for (const service of result.services) {
      const rows = table('languages.csv').filter((l) => l['service_id'] === service.sourceId);
      assert.equal(service.languages.length, rows.length);
      assert.deepEqual(service.languages, rows.map((l) => l['code']));
    }
  });

  it('carries cell values over as written (CRLF line ends, a doubled-quote phone number)', () => {
    const [row] = table('services.csv');
    const [service] = result.services;
    assert.ok(row && service);
    assert.equal(service.name, row['name']);
    assert.equal(service.eligibility.minAge, Number(row['minimum_age']));
    assert.equal(service.eligibility.maxAge, Number(row['maximum_age']));
    assert.equal(service.fees, row['fees_description']);
    const [phone] = table('phones.csv');
    assert.equal(phone?.['number'], '"+44 1234 234567"');
    assert.equal(service.contact.phone, `${phone?.['number']} ext. ${phone?.['extension']}`);
    const [address] = table('addresses.csv');
    assert.equal(service.address?.postalCode, address?.['postal_code']);
  });

  it('gives the same service as the nested JSON form of the same example', () => {
    const fromJson = fromHsds(json('service_full')).services[0];
    // The CSV example's attribute links to an id that is no service, so it has no taxonomy term.
    assert.deepEqual({ ...result.services[0], taxonomyTerms: [] }, { ...fromJson, taxonomyTerms: [] });
    assert.ok(paths(result).includes('attributes.csv:row 1:taxonomy_term_id') || paths(result).includes('attributes.csv:row 1'));
  });

  it('reads tabular.json (the same tables as parsed rows) to the same records', () => {
    const rows = json('tabular') as Record<string, Record<string, unknown>[]>;
    const fromRows = fromHsds({ files: rows });
    assert.deepEqual(fromRows.services, result.services);
    assert.deepEqual(fromRows.organizations, result.organizations);
  });

  it('reports every non-empty cell it did not carry over, by file, row and column', () => {
    const reported = paths(result);
    const covered = (file: string, row: number, column: string) =>
      reported.includes(`${file}:row ${row}:${column}`) || reported.includes(`${file}:row ${row}`) || reported.includes(file);
    // Cells casekit keeps (or uses as a link): everything else must be in the report.
    const carried: Record<string, string[]> = {
      'organizations.csv': ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'tax_id'],
      'services.csv': ['id', 'organization_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'application_process', 'fees_description', 'eligibility_description', 'minimum_age', 'maximum_age'],
      'phones.csv': ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id', 'number', 'extension', 'type'],
      'languages.csv': ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code'],
      'addresses.csv': ['id', 'location_id', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'],
      'organization_identifiers.csv': ['id', 'organization_id', 'identifier_scheme', 'identifier_type', 'identifier'],
      'service_at_location.csv': ['id', 'service_id', 'location_id'],
      'schedules.csv': ['id', 'service_id', 'location_id', 'service_at_location_id', 'description'],
      'service_areas.csv': ['id', 'service_id'],
      // A location's address is kept; its type goes with it (casekit's address is where the service is).
      'locations.csv': ['id', 'organization_id', 'location_type'],
    };
    let checked = 0;
    for (const [file, text] of Object.entries(files)) {
      for (const { row, cells } of readCsvTable(text).records) {
        for (const [column, value] of Object.entries(cells)) {
          if (!value.trim() || carried[file]?.includes(column)) continue;
          checked++;
          assert.ok(covered(file, row, column), `${file}:row ${row}:${column} is carried over or reported`);
        }
      }
    }
    assert.ok(checked > 50, `checked ${checked} cells`);
  });

  it('names the datapackage version it was given, and HSDS 3 from the descriptor alone', () => {
    const descriptor = JSON.stringify({ name: 'x', version: '3.0.0', resources: [] });
    const withDescriptor = fromHsds({ files: { 'datapackage.json': descriptor, 'organizations.csv': 'id,name,url\no1,Org\n' } });
    assert.deepEqual(withDescriptor.source, { format: 'hsds-3-tabular', version: '3.0.0' });
    // Without the descriptor, `url` on organizations would mean HSDS 1.x.
    assert.equal(fromHsds({ files: { 'organizations.csv': 'id,name,url\no1,Org\n' } }).source.format, 'hsds-1-tabular');
    const v1 = JSON.stringify({ version: '1.1.1', resources: [{ path: 'organizations.csv', dialect: { delimiter: ';' } }] });
    const semicolons = fromHsds({ files: { 'datapackage.json': v1, 'organizations.csv': 'id;name;url\no1;Org; https://org.example\n' } });
    assert.deepEqual(semicolons.source, { format: 'hsds-1-tabular', version: '1.1.1' });
    assert.deepEqual(semicolons.organizations.map((o) => [o.name, o.contact.url]), [['Org', 'https://org.example']]);
  });

  it('reads the CSV files by name when datapackage.json is not valid JSON, and says so', () => {
    const result = fromHsds({ files: { 'datapackage.json': '{ not json', 'organizations.csv': 'id,name\no1,Org\n' } });
    assert.equal(result.organizations.length, 1);
    assert.ok(paths(result).includes('datapackage.json'));
  });
});

describe('fromHsds: input that is not HSDS', () => {
  const notHsds = [42, 'services.csv', null, [1, 2], { hello: 'world' }, { contents: [{ foo: 1 }] }, { files: { 'clients.csv': 'id,name\n1,A\n' } }, { files: { 'services.csv': 'first;second\n1;2\n' } }];
  for (const input of notHsds) {
    it(`throws a ValidationError for ${JSON.stringify(input)}`, () => {
      assert.throws(() => fromHsds(input), (error: unknown) => error instanceof ValidationError && error.code === 'validation' && /HSDS/.test(error.message));
    });
  }

  it('throws a ValidationError naming the file for an unreadable CSV', () => {
    assert.throws(
      () => fromHsds({ files: { 'services.csv': 'id,name\n1,"open\n' } }),
      (error: unknown) => error instanceof ValidationError && /services\.csv/.test(error.message) && /line 2/.test(error.message),
    );
  });

  it('reads an empty page or empty datapackage table as an empty directory', () => {
    assert.deepEqual(fromHsds({ contents: [] }).services, []);
    const empty = fromHsds({ files: { 'organizations.csv': 'id,name\n', 'services.csv': '' } });
    assert.deepEqual([empty.organizations, empty.services], [[], []]);
  });
});
