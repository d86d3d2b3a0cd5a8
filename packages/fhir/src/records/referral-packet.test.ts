import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Consent as CasekitConsent, Referral } from '@casekit/core';
import type { Consent, Patient, ServiceRequest } from '@medplum/fhirtypes';
import { ALVAREZ, AT, LATER, meta, OKAFOR, ofType, record, roundTrip } from '../test/round-trip.js';
import { INTERPRETER_REQUIRED } from './client.js';

const service = { serviceId: 'svc-1', organizationId: 'org-1', organizationName: 'Harbor Housing Partners', serviceName: 'Eviction prevention fund', category: 'housing', contact: {} };

function sent(extra: object): Referral {
  return record<Referral>('referrals', {
    ...meta('ref-1', 2),
    reason: 'Behind on rent',
    urgency: 'routine',
    caseId: 'case-1',
    clientId: 'client-1',
    clientName: 'Thanh Nguyễn',
    service,
    status: 'requested',
    history: [{ from: 'draft', to: 'requested', at: AT, by: ALVAREZ, side: 'requester' }],
    requestedBy: ALVAREZ,
    requestedAt: AT,
    acknowledgementDueAt: LATER,
    consent: { consentId: 'consent-1' },
    ...extra,
  });
}

const packedRequest = (resources: ReturnType<typeof roundTrip>) => ofType<ServiceRequest>(resources, 'ServiceRequest')[0]!;

describe('referral packet <-> contained Patient', () => {
  it('sends the shared fields as a contained Patient named by supportingInfo, beside the consent', () => {
    const packet = {
      clientName: 'Thanh Nguyễn',
      shares: ['phone', 'email', 'address', 'language', 'birthDate'],
      phone: '+1 503 555 0142',
      email: 'thanh@example.org',
      address: { line: ['12 Alder St'], city: 'Portland', postalCode: '97201' },
      language: 'vi',
      interpreterNeeded: true,
      birthDate: '1961-03-14',
    };
    const request = packedRequest(roundTrip('referrals', sent({ packet })));
    assert.deepEqual(request.supportingInfo?.map((s) => s.reference), ['Consent/consent-1', '#packet']);
    const patient = request.contained?.[0] as Patient;
    assert.equal(patient.resourceType, 'Patient');
    assert.deepEqual(patient.name, [{ text: 'Thanh Nguyễn' }]);
    assert.deepEqual(patient.telecom, [{ system: 'phone', value: '+1 503 555 0142' }, { system: 'email', value: 'thanh@example.org' }]);
    assert.equal(patient.birthDate, '1961-03-14');
    assert.equal(patient.extension?.find((e) => e.url === INTERPRETER_REQUIRED)?.valueBoolean, true);
  });

  it('keeps a name-only packet, fields shared but not on file, and an empty name', () => {
    const request = packedRequest(roundTrip('referrals', sent({ packet: { clientName: 'Thanh Nguyễn', shares: [] } })));
    const patient = request.contained?.[0] as Patient;
    assert.deepEqual([patient.telecom, patient.address, patient.birthDate, patient.communication], [undefined, undefined, undefined, undefined]);
    roundTrip('referrals', sent({ packet: { clientName: 'Thanh Nguyễn', shares: ['phone', 'language'], interpreterNeeded: false } }));
    roundTrip('referrals', sent({ packet: { clientName: '', shares: ['address'], address: { line: [] } } }));
  });

  it('keeps an override’s shares beside its reason', () => {
    const override = { override: { reason: 'Food needed today', by: OKAFOR, at: AT, shares: ['phone', 'language'] } };
    const request = packedRequest(roundTrip('referrals', sent({ consent: override, packet: { clientName: 'Thanh Nguyễn', shares: ['phone', 'language'], phone: '+1 503 555 0142', language: 'vi', interpreterNeeded: false } })));
    assert.deepEqual(request.supportingInfo?.map((s) => s.reference), ['#packet']);
    roundTrip('referrals', sent({ consent: { override: { reason: 'Urgent', by: OKAFOR, at: AT } } }));
  });
});

describe('consent shares <-> Consent.provision', () => {
  const consent = (extra: object) =>
    record<CasekitConsent>('consents', {
      ...meta('consent-1'),
      clientId: 'client-1',
      status: 'active',
      scope: 'share-with-provider',
      grantee: { organizationId: 'org-1', name: 'Harbor Housing' },
      purpose: 'Referral for housing help',
      dateTime: AT,
      period: { start: AT },
      source: 'written',
      recordedBy: ALVAREZ,
      statusHistory: [],
      ...extra,
    });

  it('keeps the fields a consent shares, and their absence (the name only)', () => {
    const [resource] = ofType<Consent>(roundTrip('consents', consent({ shares: ['phone', 'language'] })), 'Consent');
    assert.deepEqual(resource!.provision?.extension?.map((e) => e.valueCode), ['phone', 'language']);
    const [nameOnly] = ofType<Consent>(roundTrip('consents', consent({})), 'Consent');
    assert.equal(nameOnly!.provision?.extension, undefined);
  });
});
