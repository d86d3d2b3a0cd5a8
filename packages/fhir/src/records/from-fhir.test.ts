import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Client, CaseRecord } from '@casekit/core';
import type { Resource } from '@medplum/fhirtypes';
import { validateR4 } from '../test/r4-validator.js';
import { fromFhir } from './from-fhir.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8')) as Resource;
const NOW = '2026-12-01T00:00:00.000Z';
const paths = (entries: { path: string }[]) => entries.map((e) => e.path);

describe('fromFhir on resources casekit did not write', () => {
  it('maps a minimal Patient and says what it had to fill in', () => {
    const patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Doe', given: ['Jane'] }] } as Resource;
    assert.deepEqual(validateR4(patient), []);
    const { records, report } = fromFhir(patient, { now: NOW });
    assert.deepEqual(records, [
      { collection: 'clients', record: { id: 'p1', version: 1, createdAt: NOW, updatedAt: NOW, name: { given: ['Jane'], family: 'Doe' }, contact: {}, interpreterNeeded: false, identifiers: [], active: true } },
    ]);
    assert.deepEqual(paths(report.entries), ['Patient/p1.meta.lastUpdated']);
  });

  it('maps the R4 Patient example and reports each element it could not keep', () => {
    const patient = fixture('r4-patient-example.json');
    assert.deepEqual(validateR4(patient), []);
    const { records, report } = fromFhir(patient, { now: NOW });
    const client = records[0]!.record as unknown as Client;
    assert.deepEqual(client.name, { given: ['Peter', 'James'], family: 'Chalmers', preferred: 'Jim' });
    assert.equal(client.birthDate, '1974-12-25');
    assert.equal(client.contact.phone, '(03) 5555 6473');
    assert.deepEqual(client.identifiers, [{ system: 'urn:oid:1.2.36.146.595.217.0.1', value: '12345', type: 'MR' }]);
    assert.deepEqual(client.address, { line: ['534 Erewhon St'], city: 'PleasantVille', district: 'Rainbow', state: 'Vic', postalCode: '3999' });
    const reported = paths(report.entries);
    console.log(`R4 Patient example: ${report.entries.length} report entries`);
    for (const path of ['Patient/example.name[2]', 'Patient/example.contact', 'Patient/example.managingOrganization', 'Patient/example.deceasedBoolean', 'Patient/example._birthDate', 'Patient/example.identifier[0].use', 'Patient/example.address[0].text']) {
      assert.ok(reported.includes(path), `${path} is reported (got ${reported.join(', ')})`);
    }
    for (const entry of report.entries) assert.ok(entry.reason.length > 10);
  });

  it('maps the R4 EpisodeOfCare example with its Patient, and reports what it cannot keep', () => {
    const episode = fixture('r4-episodeofcare-example.json');
    assert.deepEqual(validateR4(episode), []);
    const { records, report } = fromFhir([episode, fixture('r4-patient-example.json')], { now: NOW });
    const found = records.find((r) => r.collection === 'cases')!.record as unknown as CaseRecord;
    assert.equal(found.status, 'active');
    assert.equal(found.clientId, 'example');
    assert.equal(found.assigneeId, '14');
    assert.equal(found.assigneeName, 'Amanda Assigned');
    assert.equal(found.referralSource, 'Referral from Example Aged Care Services');
    assert.equal(found.program, 'hacc');
    assert.deepEqual(found.statusHistory.map((h) => [h.from, h.to, h.at]), [
      [null, 'intake', '2014-09-01T00:00:00.000Z'],
      ['intake', 'active', '2014-09-15T00:00:00.000Z'],
      ['active', 'on-hold', '2014-09-22T00:00:00.000Z'],
      ['on-hold', 'active', '2014-09-25T00:00:00.000Z'],
    ]);
    const reported = paths(report.entries);
    console.log(`R4 EpisodeOfCare + Patient examples: ${report.entries.length} report entries`);
    for (const path of ['EpisodeOfCare/example.diagnosis[0]', 'EpisodeOfCare/example.team[0]', 'EpisodeOfCare/example.managingOrganization', 'EpisodeOfCare/example.account', 'EpisodeOfCare/example.identifier', 'EpisodeOfCare/example.statusHistory[0].period.start']) {
      assert.ok(reported.includes(path), `${path} is reported (got ${reported.join(', ')})`);
    }
  });

  it('reports resources that are no part of any casekit record, and records that cannot be made', () => {
    const { records, report } = fromFhir(
      [
        { resourceType: 'Practitioner', id: 'dr' },
        { resourceType: 'Communication', id: 'c1', status: 'completed' },
        { resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'Weight' } },
        { resourceType: 'Patient', id: 'nameless' },
        { resourceType: 'Basic', id: 'b1', code: { text: 'something else' } },
      ] as Resource[],
      { now: NOW },
    );
    assert.deepEqual(records, []);
    const reported = paths(report.entries);
    for (const path of ['Practitioner/dr', 'Communication/c1', 'Observation/o1', 'Basic/b1']) assert.ok(reported.includes(path), path);
    assert.ok(report.entries.some((e) => e.path.startsWith('Patient/nameless') && /not imported/.test(e.reason)));
  });

  it('maps a Gravity-style ServiceRequest + Task pair it did not write', () => {
    const request = { resourceType: 'ServiceRequest', id: 'sr1', status: 'active', intent: 'order', category: [{ coding: [{ system: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes', code: 'food-insecurity' }] }], code: { text: 'Food pantry application assistance' }, subject: { reference: 'Patient/p1' }, authoredOn: '2026-11-01T10:00:00Z', requester: { reference: 'PractitionerRole/pr1', display: 'Dr. Mary Smith' }, meta: { lastUpdated: NOW, versionId: 'abc' } } as Resource;
    const task = { resourceType: 'Task', id: 't1', status: 'accepted', intent: 'order', code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] }, focus: { reference: 'ServiceRequest/sr1' }, for: { reference: 'Patient/p1' }, authoredOn: '2026-11-01T10:00:00Z', requester: { reference: 'PractitionerRole/pr1' }, owner: { reference: 'Organization/cbo', display: 'Good Food CBO' } } as Resource;
    const withoutCase = fromFhir([request, task], { now: NOW });
    assert.deepEqual(withoutCase.records, []);
    assert.ok(paths(withoutCase.report.entries).includes('ServiceRequest/sr1 (referrals.caseId)'), 'a referral needs a case');
    const inCase = { ...request, extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare', valueReference: { reference: 'EpisodeOfCare/e1' } }] } as Resource;
    const { records, report } = fromFhir([inCase, task], { now: NOW });
    const referral = records[0]!.record as Record<string, unknown>;
    assert.equal(referral['status'], 'accepted');
    assert.deepEqual(referral['service'], { organizationId: 'cbo', organizationName: 'Good Food CBO', serviceName: 'Food pantry application assistance', category: 'food', contact: {} });
    assert.deepEqual(referral['requestedBy'], { id: 'pr1', name: 'Dr. Mary Smith', role: '' });
    assert.equal(referral['version'], 1);
    assert.ok(paths(report.entries).includes('ServiceRequest/sr1.meta.versionId'));
  });

  it('never throws, whatever valid-looking JSON it is given', () => {
    const types = ['Patient', 'EpisodeOfCare', 'CarePlan', 'ServiceRequest', 'QuestionnaireResponse', 'Consent', 'DocumentReference', 'AuditEvent', 'Organization', 'HealthcareService', 'Basic', 'Task', 'Goal'];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.dictionary(fc.constantFrom('id', 'status', 'name', 'extension', 'item', 'statusHistory', 'goal', 'activity', 'content', 'entity', 'agent', 'code', 'subject', 'patient', 'meta', 'provision', 'focus'), fc.jsonValue({ maxDepth: 3 })), (resourceType, body) => {
        const result = fromFhir([{ ...body, resourceType } as unknown as Resource], { now: NOW });
        assert.ok(Array.isArray(result.records) && Array.isArray(result.report.entries));
      }),
      { numRuns: 400, seed: 42 },
    );
    fc.assert(
      fc.property(fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }), (items) => {
        const result = fromFhir(items as Resource[], { now: NOW });
        assert.equal(result.records.length, 0);
      }),
      { numRuns: 200, seed: 43 },
    );
  });
});
