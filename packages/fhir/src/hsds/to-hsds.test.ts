import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createCaseManager, createMemoryStorage, type Actor, type Organization, type Service, type StoragePort } from '@casekit/core';
import { seedDirectory } from '@casekit/core/testing';
import { fromHsds } from './from-hsds.js';
import { toHsds } from './to-hsds.js';
import type { HsdsImport } from './types.js';

const supervisor: Actor = { id: 'sup-1', name: 'Directory Editor', role: 'supervisor' };

async function all<T>(storage: StoragePort, collection: 'organizations' | 'services'): Promise<T[]> {
  return (await storage.find(collection, { index: 'id' })).items as T[];
}

async function seeded() {
  const storage = createMemoryStorage();
  const manager = createCaseManager({ storage, actor: supervisor });
  await seedDirectory(manager);
  return { storage, manager, organizations: await all<Organization>(storage, 'organizations'), services: await all<Service>(storage, 'services') };
}

/** What fromHsds should give back for records casekit holds: the same fields, the HSDS id as sourceId. */
function expected(organizations: Organization[], services: Service[]): Pick<HsdsImport, 'organizations' | 'services'> {
  const hsdsId = new Map(organizations.map((o) => [o.id, o.sourceId ?? o.id]));
  return {
    organizations: organizations.map(({ id, version: _v, createdAt: _c, updatedAt: _u, ...rest }) => ({ ...rest, sourceId: rest.sourceId ?? id })),
    services: services.map(({ id, version: _v, createdAt: _c, updatedAt: _u, organizationName: _n, organizationId, ...rest }) => ({
      ...rest,
      sourceId: rest.sourceId ?? id,
      organizationSourceId: hsdsId.get(organizationId) ?? organizationId,
    })),
  };
}

/** Key order differs between a parsed record and a spread one; compare as sorted JSON. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  return value;
}

/** Fields HSDS 3.0 requires (openreferral/specification schema/*.json `required`). */
const REQUIRED: Record<string, string[]> = {
  service: ['id', 'name', 'status'],
  organization: ['id', 'name', 'description'],
  location: ['id', 'location_type'],
  address: ['id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
  phone: ['id', 'number'],
  language: ['id'],
  schedule: ['id'],
  service_area: ['id'],
  service_at_location: ['id'],
  attribute: ['id'],
  taxonomy_term: ['id', 'name', 'description'],
  taxonomy: ['id', 'name', 'description'],
  organization_identifier: ['id', 'identifier_type', 'identifier'],
};

function assertRequired(kind: string, object: Record<string, unknown>, where: string) {
  for (const field of REQUIRED[kind] ?? []) assert.equal(typeof object[field] === 'string' || typeof object[field] === 'number', true, `${where}.${field} (${kind})`);
}

describe('toHsds', () => {
  it('writes HSDS 3 objects with the fields HSDS 3 requires, ids shaped as UUIDs and the same on every export', async () => {
    const { organizations, services } = await seeded();
    const hsds = toHsds({ organizations, services });
    assert.equal(hsds.organizations.length, organizations.length);
    assert.equal(hsds.services.length, services.length);
    const ids: string[] = [];
    hsds.organizations.forEach((o, i) => {
      assertRequired('organization', { ...o }, `organizations[${i}]`);
      o.phones.forEach((p) => (assertRequired('phone', { ...p }, 'phone'), ids.push(p.id)));
    });
    hsds.services.forEach((s, i) => {
      assertRequired('service', { ...s }, `services[${i}]`);
      s.languages.forEach((l) => (assertRequired('language', { ...l }, 'language'), ids.push(l.id)));
      s.attributes.forEach((a) => {
        assertRequired('attribute', { ...a }, 'attribute');
        assertRequired('taxonomy_term', { ...a.taxonomy_term }, 'taxonomy_term');
        assertRequired('taxonomy', { ...a.taxonomy_term.taxonomy_detail }, 'taxonomy');
        ids.push(a.id);
      });
    });
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(toHsds({ organizations, services }), hsds);
  });

  it('round-trips the seeded directory: fromHsds(toHsds(x)) is what casekit holds, with nothing reported', async () => {
    const { organizations, services } = await seeded();
    const back = fromHsds(toHsds({ organizations, services }));
    assert.deepEqual(back.report.entries, []);
    const want = expected(organizations, services);
    assert.deepEqual(canonical(back.organizations), canonical(want.organizations));
    assert.deepEqual(canonical(back.services), canonical(want.services));
  });

  it('round-trips every field casekit holds (addresses, identifiers, taxonomy terms, ages, hours, inactive status)', async () => {
    const storage = createMemoryStorage();
    const { directory } = createCaseManager({ storage, actor: supervisor });
    const org = await directory.createOrganization({
      name: 'Riverside Community Food Bank',
      alternateName: 'Riverside Food',
      description: 'Groceries and hot meals',
      contact: { phone: '+1 503 555 0100 ext. 12', email: 'help@food.example.org', url: 'https://food.example.org' },
      address: { line: ['12 Mill St', 'Suite 4'], city: 'Portland', district: 'Multnomah', state: 'OR', postalCode: '97214', country: 'US' },
      identifiers: [
        { system: 'urn:openreferral:hsds:tax_id', value: '93-1234567', type: 'TAX' },
        { system: 'US-EIN', value: '93-1234567', type: 'EIN' },
        { system: 'urn:openreferral:hsds:organization_identifier', value: 'local-7' },
      ],
      sourceId: 'riverside-1',
    });
    await directory.createService({
      organizationId: org.id,
      name: 'Despensa comunitaria',
      alternateName: 'Community pantry',
      description: 'Pantry with fresh produce',
      categories: ['food', 'social-support'],
      taxonomyTerms: [
        { system: 'https://211taxonomy.org', code: 'BD-1800.2000', display: 'Food Pantries' },
        { system: 'Open Eligibility', code: '1102', display: 'Food' },
      ],
      languages: ['es-MX', 'en', 'zh-Hant'],
      interpretationAvailable: true,
      eligibility: { minAge: 18, maxAge: 99, serviceAreas: ['97214', 'Portland'], description: 'Residents of the county' },
      contact: { phone: '+1 503 555 0101', email: 'pantry@food.example.org', url: 'https://food.example.org/pantry' },
      address: { line: ['40 Oak Ave'], city: 'Portland', state: 'OR', postalCode: '97215', country: 'US' },
      hours: 'Mon–Fri 9–5',
      applicationProcess: 'Walk in',
      fees: 'Free',
      status: 'inactive',
      sourceId: 'pantry-1',
    });
    const organizations = await all<Organization>(storage, 'organizations');
    const services = await all<Service>(storage, 'services');
    const hsds = toHsds({ organizations, services });
    assert.equal(hsds.organizations[0]?.id, 'riverside-1');
    assert.equal(hsds.organizations[0]?.tax_id, '93-1234567');
    assert.deepEqual(hsds.organizations[0]?.phones.map((p) => [p.number, p.extension]), [['+1 503 555 0100', '12']]);
    assert.equal(hsds.services[0]?.organization_id, 'riverside-1');
    const back = fromHsds(hsds);
    assert.deepEqual(back.report.entries, []);
    const want = expected(organizations, services);
    assert.deepEqual(canonical(back.organizations), canonical(want.organizations));
    assert.deepEqual(canonical(back.services), canonical(want.services));
  });

  it('round-trips a directory imported from Open Referral’s HSDS 1.1 sample, under the HSDS ids', async () => {
    const folder = new URL('./fixtures/hsds1-csv/', import.meta.url);
    const files = Object.fromEntries(readdirSync(folder).map((f) => [f, readFileSync(new URL(f, folder), 'utf8')]));
    const imported = fromHsds({ files });
    const storage = createMemoryStorage();
    const { directory } = createCaseManager({ storage, actor: supervisor });
    const ids = new Map<string, string>();
    for (const organization of imported.organizations) ids.set(organization.sourceId, (await directory.createOrganization(organization)).id);
    for (const { organizationSourceId, ...service } of imported.services) await directory.createService({ ...service, organizationId: ids.get(organizationSourceId)! });
    const organizations = await all<Organization>(storage, 'organizations');
    const services = await all<Service>(storage, 'services');
    const hsds = toHsds({ organizations, services });
    assert.deepEqual(hsds.services.map((s) => s.id).sort(), imported.services.map((s) => s.sourceId).sort());
    const back = fromHsds(hsds);
    assert.deepEqual(back.report.entries, []);
    assert.deepEqual(canonical(back.services), canonical(expected(organizations, services).services));
    assert.deepEqual(canonical(back.organizations), canonical(expected(organizations, services).organizations));
  });

  it('writes addresses of more than two lines into address_2, joined (HSDS 3 has two address lines)', async () => {
    const storage = createMemoryStorage();
    const { directory } = createCaseManager({ storage, actor: supervisor });
    await directory.createOrganization({ name: 'Three lines', address: { line: ['Unit 2', '5 High St', 'Old Town'], city: 'Leeds' } });
    const hsds = toHsds({ organizations: await all<Organization>(storage, 'organizations'), services: [] });
    const [address] = hsds.organizations[0]?.locations[0]?.addresses ?? [];
    assert.deepEqual([address?.address_1, address?.address_2, address?.city, address?.postal_code], ['Unit 2', '5 High St, Old Town', 'Leeds', '']);
  });
});
