import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { COLLECTIONS, createCaseManager, createMemoryStorage, type CaseloadExport } from '@casekit/core';
import { SEED_SUPERVISOR } from '@casekit/core/testing';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { fromFhirBundle, toFhirBundle } from './bundle.js';
import { seededCaseload } from '../test/seed.js';
import { validateR4 } from '../test/r4-validator.js';
import { gravityReferralProblems } from '../test/gravity.js';
import { ALVAREZ, AT, meta, record } from '../test/round-trip.js';

const NOW = new Date('2026-11-24T15:00:00.000Z');
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const withoutTransferEvents = (data: CaseloadExport) => ({ ...data.collections, audit: data.collections.audit?.filter((e) => e['action'] !== 'export' && e['action'] !== 'import') });

/** Every literal reference in the bundle (`Type/id`) that names no entry of the bundle. */
function danglingReferences(bundle: Bundle): string[] {
  const present = new Set((bundle.entry ?? []).map((e) => `${e.resource!.resourceType}/${e.resource!.id}`));
  const out: string[] = [];
  // `#id` names a resource contained in the same resource (e.g. a referral's packet Patient).
  const walk = (value: unknown, at: string, contained: ReadonlySet<string>) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`, contained));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'reference' && typeof v === 'string' && !present.has(v) && !contained.has(v)) out.push(`${at}: ${v}`);
        else walk(v, `${at}.${key}`, contained);
      }
    }
  };
  (bundle.entry ?? []).forEach((e) => {
    const contained = new Set(((e.resource as { contained?: { id?: string }[] }).contained ?? []).map((r) => `#${r.id}`));
    walk(e.resource, `${e.resource!.resourceType}/${e.resource!.id}`, contained);
  });
  return out;
}

describe('toFhirBundle / fromFhirBundle over the seeded caseload', () => {
  it('round-trips every collection without loss', async () => {
    const caseload = await seededCaseload();
    const bundle = toFhirBundle(caseload, { type: 'transaction' });
    const back = fromFhirBundle(JSON.parse(JSON.stringify(bundle)));
    for (const collection of COLLECTIONS) {
      const original = caseload.collections[collection] ?? [];
      const mapped = back.export.collections[collection] ?? [];
      assert.equal(mapped.length, original.length, `${collection}: count`);
      original.forEach((record, i) => assert.deepStrictEqual(mapped[i], record, `${collection}/${record.id}`));
      console.log(`round-tripped ${original.length} ${collection}`);
    }
    assert.deepStrictEqual(back.report.entries, []);
    assert.deepStrictEqual(back.export, caseload);
  });

  it('keeps casekit versions and times when a FHIR server has replaced meta.versionId and lastUpdated', async () => {
    const caseload = await seededCaseload();
    const stored = clone(toFhirBundle(caseload, { type: 'collection' }));
    // What a server does on every write: its own version ids and times.
    stored.entry?.forEach((entry, i) => (entry.resource!.meta = { ...entry.resource!.meta, versionId: `srv-${i}`, lastUpdated: "2027-01-01T00:00:00.000Z" }));
    const back = fromFhirBundle(stored);
    for (const collection of COLLECTIONS) assert.deepStrictEqual(back.export.collections[collection] ?? [], caseload.collections[collection] ?? [], collection);
    assert.deepStrictEqual(back.report.entries, [], "the server's own version ids are not data the import dropped");
  });

  it('exports only valid R4 resources', async () => {
    const caseload = await seededCaseload();
    const bundle = toFhirBundle(caseload, { type: 'transaction' });
    const problems: string[] = [];
    let count = 0;
    for (const entry of bundle.entry ?? []) {
      count++;
      for (const p of validateR4(entry.resource as Resource)) problems.push(`${entry.request?.url}: ${p}`);
    }
    console.log(`validated ${count} resources, ${problems.length} problems`);
    assert.deepStrictEqual(problems.slice(0, 30), []);
    assert.deepEqual(validateR4(bundle).slice(0, 5), [], 'the Bundle itself is valid');
    assert.ok(count > 9000);
  });

  it('writes transaction entries as PUT Type/id, once each, with references that resolve', async () => {
    const caseload = await seededCaseload();
    const bundle = toFhirBundle(caseload, { type: 'transaction' });
    const urls = bundle.entry!.map((e) => e.request!.url);
    assert.ok(bundle.entry!.every((e) => e.request!.method === 'PUT' && e.request!.url === `${e.resource!.resourceType}/${e.resource!.id}`));
    assert.equal(new Set(urls).size, urls.length, 'no resource is written twice');
    // Goals of plans the exporting actor could not read are not in the file; every other reference resolves.
    assert.deepEqual(danglingReferences(bundle), []);
    const collection = toFhirBundle(caseload, { type: 'collection' });
    assert.ok(collection.entry!.every((e) => e.request === undefined));
    assert.deepStrictEqual(fromFhirBundle(clone(collection)).export, caseload);
  });

  it('keeps the Gravity referral rules for every seeded referral', async () => {
    const caseload = await seededCaseload();
    const resources = toFhirBundle(caseload, { type: 'collection' }).entry!.map((e) => e.resource!);
    const tasks = new Map(resources.filter((r) => r.resourceType === 'Task' && r.focus).map((t) => [(t as { focus: { reference: string } }).focus.reference, t]));
    let checked = 0;
    for (const request of resources.filter((r) => r.resourceType === 'ServiceRequest')) {
      const task = tasks.get(`ServiceRequest/${request.id}`);
      assert.ok(task, `a Task fulfils ServiceRequest/${request.id}`);
      assert.deepEqual(gravityReferralProblems(request as never, task as never, resources), [], request.id);
      if (['rejected', 'cancelled', 'failed'].includes((task as { status: string }).status)) assert.ok((task as { statusReason?: { text?: string } }).statusReason?.text, `${request.id} says why`);
      checked++;
    }
    assert.equal(checked, caseload.collections.referrals!.length);
  });

  it('gives manager.importCaseload what it accepts, and importing the same Bundle twice changes nothing', async () => {
    const caseload = await seededCaseload();
    const { export: data, report } = fromFhirBundle(clone(toFhirBundle(caseload, { type: 'transaction' })));
    assert.deepEqual(report.entries, []);
    const target = createCaseManager({ storage: createMemoryStorage(), actor: SEED_SUPERVISOR, clock: () => NOW });
    const { imported } = await target.importCaseload(clone(data));
    for (const collection of COLLECTIONS) if (collection !== 'audit') assert.equal(imported[collection], caseload.collections[collection]!.length, collection);
    const first = await target.exportCaseload();
    await target.importCaseload(clone(fromFhirBundle(clone(toFhirBundle(caseload, { type: 'transaction' }))).export));
    const second = await target.exportCaseload();
    assert.deepEqual(withoutTransferEvents(second), withoutTransferEvents(first));
    assert.deepEqual(withoutTransferEvents(first), withoutTransferEvents(caseload));
  });

  it('keeps records whose ids are not FHIR ids, and their references, through a bundle and an import', async () => {
    const clientId = 'client_ü/1';
    const caseId = 'case #1 (Hà Nội)';
    const caseload: CaseloadExport = {
      format: 'casekit.caseload',
      formatVersion: 1,
      exportedAt: AT,
      exportedBy: ALVAREZ,
      collections: {
        clients: [record('clients', { ...meta(clientId), name: { given: ['Thanh'], family: 'Nguyễn' } })],
        cases: [record('cases', { ...meta(caseId), program: 'social-work', clientId, clientName: 'Thanh Nguyễn', status: 'intake', statusHistory: [{ from: null, to: 'intake', at: AT, by: ALVAREZ }], openedAt: AT, careTeam: [{ actorId: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' }], needs: [{ domain: 'food', source: 'manual', identifiedAt: AT }] })],
        plans: [record('plans', { ...meta('plan/1'), title: 'Plan', caseId, clientId, status: 'draft', statusHistory: [{ from: null, to: 'draft', at: AT, by: ALVAREZ }], author: ALVAREZ, goals: [{ id: 'goal 1', needDomain: 'food', description: 'Enough food', lifecycleStatus: 'proposed', statusHistory: [{ from: null, to: 'proposed', at: AT, by: ALVAREZ }], interventions: [{ id: 'task:1', kind: 'task', description: 'Call pantry', status: 'not-started', statusHistory: [{ from: null, to: 'not-started', at: AT, by: ALVAREZ }], createdAt: AT }], progress: [], createdAt: AT }] })],
        drafts: [record('drafts', { ...meta('draft/ü'), ownerId: 'cm-alvarez', kind: 'intake:casekit-social-needs-intake', caseId, clientId, data: { step: 2, answers: { q1: '' } } })],
        notes: [record('notes', { ...meta('note 1'), type: 'phone', occurredAt: AT, text: 'Called.', caseId, clientId, planId: 'plan/1', goalId: 'goal 1', status: 'signed', author: ALVAREZ, signedAt: AT, signedBy: ALVAREZ })],
      },
    };
    const bundle = toFhirBundle(caseload, { type: 'transaction' });
    for (const entry of bundle.entry!) assert.deepEqual(validateR4(entry.resource!), [], entry.request!.url);
    assert.deepEqual(danglingReferences(bundle), []);
    const { export: back, report } = fromFhirBundle(clone(bundle));
    assert.deepEqual(report.entries, []);
    for (const collection of ['clients', 'cases', 'plans', 'notes', 'drafts'] as const) assert.deepStrictEqual(back.collections[collection], caseload.collections[collection]);
    const target = createCaseManager({ storage: createMemoryStorage(), actor: SEED_SUPERVISOR, clock: () => NOW });
    await target.importCaseload(clone(back));
    assert.deepEqual(await target.cases.get(caseId), caseload.collections.cases![0]);
  });

  it('keeps the first of two resources that give the same record, and says so', () => {
    const patient = { resourceType: 'Patient', id: 'p1', meta: { versionId: '2', lastUpdated: AT }, name: [{ family: 'Doe', given: ['Jane'] }] } as Resource;
    const { export: data, report } = fromFhirBundle({ resourceType: 'Bundle', type: 'collection', timestamp: AT, entry: [{ resource: patient }, { resource: { ...patient, name: [{ family: 'Roe', given: ['Jo'] }] } as Resource }, {}] });
    assert.equal(data.collections.clients!.length, 1);
    assert.equal((data.collections.clients![0] as unknown as { name: { family: string } }).name.family, 'Doe');
    assert.deepEqual(report.entries.map((e) => e.path).sort(), ['Bundle.entry[2]', 'Bundle.meta', 'clients/p1']);
  });

  it('imports the R4 specification examples through importCaseload, with a report of what was left out', async () => {
    const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8')) as Resource;
    const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', timestamp: AT, entry: [{ resource: fixture('r4-patient-example.json') }, { resource: fixture('r4-episodeofcare-example.json') }] };
    const { export: data, report } = fromFhirBundle(bundle, { now: AT });
    assert.equal(data.collections.clients!.length, 1);
    assert.equal(data.collections.cases!.length, 1);
    assert.ok(report.entries.length > 20);
    const target = createCaseManager({ storage: createMemoryStorage(), actor: SEED_SUPERVISOR, clock: () => NOW });
    const { imported } = await target.importCaseload(clone(data));
    assert.equal(imported['cases'], 1);
    assert.equal((await target.cases.get('example'))?.status, 'active');
  });
});
