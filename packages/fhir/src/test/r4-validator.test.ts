import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Resource } from '@medplum/fhirtypes';
import { isInValueSet, validateR4 } from './r4-validator.js';

const patient = { reference: 'Patient/p1' };

describe('validateR4', () => {
  it('accepts valid resources', () => {
    assert.deepEqual(validateR4({ resourceType: 'Patient', id: 'p1', name: [{ family: 'Nguyễn', given: ['Thị'] }], gender: 'female' }), []);
    assert.deepEqual(validateR4({ resourceType: 'EpisodeOfCare', id: 'e1', status: 'onhold', patient }), []);
  });

  it('refuses a code outside a required binding on a primitive code (EpisodeOfCare.status on-hold)', () => {
    const problems = validateR4({ resourceType: 'EpisodeOfCare', status: 'on-hold', patient } as unknown as Resource);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /EpisodeOfCare\.status: "on-hold" is not in the required value set/);
  });

  it('refuses bad codes in nested datatypes (Identifier.use, ContactPoint.system, HumanName.use, statusHistory)', () => {
    const problems = validateR4({
      resourceType: 'Patient',
      identifier: [{ use: 'primary', value: 'x' }],
      telecom: [{ system: 'mobile', value: '1' }],
      name: [{ use: 'alias', family: 'A' }],
      contact: [{ name: { use: 'legal', family: 'B' } }],
    } as unknown as Resource);
    assert.deepEqual(problems.map((p) => p.split(':')[0]).sort(), ['Patient.contact[0].name.use', 'Patient.identifier[0].use', 'Patient.name[0].use', 'Patient.telecom[0].system']);
    const history = validateR4({ resourceType: 'EpisodeOfCare', status: 'active', patient, statusHistory: [{ status: 'paused', period: { start: '2026-01-01' } }] } as unknown as Resource);
    assert.match(history.join('\n'), /statusHistory\[0\]\.status/);
  });

  it('refuses a CodeableConcept under a required binding with no coding from the value set (Condition.clinicalStatus)', () => {
    const clinicalStatus = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code }] });
    const condition = (status: object) => ({ resourceType: 'Condition', subject: patient, clinicalStatus: status }) as Resource;
    assert.deepEqual(validateR4(condition(clinicalStatus('resolved'))), []);
    assert.match(validateR4(condition(clinicalStatus('fixed'))).join('\n'), /Condition\.clinicalStatus: no coding from the required value set/);
    assert.match(validateR4(condition({ text: 'resolved' })).join('\n'), /Condition\.clinicalStatus: no coding from the required value set/);
  });

  it('refuses structure problems the structure validator finds', () => {
    assert.ok(validateR4({ resourceType: 'EpisodeOfCare', patient } as unknown as Resource).some((p) => p.includes('EpisodeOfCare.status')));
    assert.ok(validateR4({ resourceType: 'Patient', birthDate: '2026-13-40' } as Resource).some((p) => p.includes('birthDate')));
    assert.ok(validateR4({ resourceType: 'Patient', extension: [{ url: 'https://x.example/e' }] } as Resource).length > 0);
  });

  it('refuses empty strings, which R4 does not allow', () => {
    assert.match(validateR4({ resourceType: 'Patient', name: [{ family: '' }] } as Resource).join('\n'), /Patient\.name\[0\]\.family: empty strings/);
  });

  it('refuses ids that are not FHIR ids and checks bundled resources', () => {
    assert.match(validateR4({ resourceType: 'Patient', id: 'a_b' } as Resource).join('\n'), /not a valid FHIR id/);
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'EpisodeOfCare', status: 'on-hold', patient } }] } as unknown as Resource;
    assert.match(validateR4(bundle).join('\n'), /Bundle\.entry\[0\]\.resource\.status/);
  });

  it('expands value sets from code systems and concept lists', () => {
    assert.equal(isInValueSet('http://hl7.org/fhir/ValueSet/task-status', 'ready'), true);
    assert.equal(isInValueSet('http://hl7.org/fhir/ValueSet/audit-event-action', 'X'), false);
    assert.equal(isInValueSet('http://hl7.org/fhir/ValueSet/identifier-use|4.0.1', 'official', 'http://hl7.org/fhir/identifier-use'), true);
  });
});
