import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Client } from '@casekit/core';
import type { Patient } from '@medplum/fhirtypes';
import { CASEKIT_ID_SYSTEM } from '../extensions.js';
import { meta, ofType, record, roundTrip } from '../test/round-trip.js';
import { INTERPRETER_REQUIRED } from './client.js';

const client = (raw: object) => record<Client>('clients', raw);

describe('clients <-> Patient', () => {
  it('keeps a client with every field, in Arabic, Chinese and Vietnamese', () => {
    for (const [given, family, preferred, language] of [
      [['فاطمة', 'الزهراء'], 'حداد', 'فاطمة', 'ar'],
      [['伟'], '陈', '小伟', 'zh-Hant'],
      [['Thị', 'Thanh'], 'Nguyễn', 'Thanh', 'vi'],
    ] as const) {
      const value = client({
        ...meta('client-1'),
        name: { given, family, preferred },
        birthDate: '1988-02-29',
        gender: 'female',
        contact: { phone: '+1 555 0100', email: 'thanh@example.org', url: 'https://example.org/~thanh' },
        address: { line: ['12 Phố Huế', 'Tầng 3'], city: 'Hà Nội', district: 'Hai Bà Trưng', state: 'HN', postalCode: '100000', country: 'VN' },
        language,
        interpreterNeeded: true,
        identifiers: [
          { system: 'https://ehr.example.org/mrn', value: 'MRN-1', type: 'MR' },
          { system: 'urn:oid:1.2.3', value: 'H-7', type: 'host record' },
          { system: 'https://benefits.example.org', value: '99' },
        ],
        linkedTo: 'client-0',
        active: false,
      });
      const [patient] = ofType<Patient>(roundTrip('clients', value), 'Patient');
      assert.deepEqual(patient!.communication, [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: language }] }, preferred: true }]);
      assert.deepEqual(patient!.extension?.find((e) => e.url === INTERPRETER_REQUIRED), { url: INTERPRETER_REQUIRED, valueBoolean: true });
      assert.deepEqual(patient!.link, [{ other: { reference: 'Patient/client-0' }, type: 'replaced-by' }]);
      assert.equal(patient!.meta?.versionId, '3');
    }
  });

  it('keeps a client with every optional field empty', () => {
    roundTrip('clients', client({ ...meta('c'), name: { given: ['A'], family: 'B' } }));
    roundTrip('clients', client({ ...meta('c2', 1), name: { given: ['A'], family: 'B' }, address: { line: [] }, contact: {} }));
    roundTrip('clients', client({ ...meta('c3', 1), name: { given: ['A'], family: 'B', preferred: '' }, address: { line: ['1 Main St'], city: '', postalCode: '' }, contact: { phone: '' }, identifiers: [{ system: 'urn:x', value: '1', type: '' }] }));
  });

  it('derives a FHIR id for ids that are not FHIR ids, and keeps the casekit id in an identifier', () => {
    for (const id of ['client_1', 'ünïcödé/id', 'x'.repeat(128), 'a b', 'has:colon']) {
      const [patient] = roundTrip('clients', client({ ...meta(id), name: { given: ['A'], family: 'B' }, linkedTo: `o-${id}`.slice(0, 128) }));
      assert.match(patient!.id!, /^[A-Za-z0-9\-.]{1,64}$/);
      assert.notEqual(patient!.id, id);
      assert.deepEqual((patient as Patient).identifier?.[0], { system: CASEKIT_ID_SYSTEM, value: id });
    }
  });
});
