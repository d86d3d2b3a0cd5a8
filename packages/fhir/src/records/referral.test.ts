import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REFERRAL_STATUSES, type Referral } from '@casekit/core';
import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import { gravityReferralProblems } from '../test/gravity.js';
import { ALVAREZ, AT, LATER, meta, OKAFOR, ofType, record, roundTrip } from '../test/round-trip.js';

const PROVIDER = { id: 'prov-1', name: 'Sam Provider', role: 'provider' };
const service = { serviceId: 'svc-1', organizationId: 'org-1', organizationName: 'Harbor Housing Partners', serviceName: 'Eviction prevention fund', category: 'housing', contact: { phone: '+1 555 0120', email: 'intake@harbor.example.org' } };

function referral(status: string, extra: object = {}): Referral {
  const sent = status !== 'draft';
  const history: object[] = [{ from: null, to: sent ? 'requested' : 'draft', at: AT, by: ALVAREZ, side: 'requester' }];
  if (sent && status !== 'requested') history.push({ from: 'requested', to: status, at: LATER, by: ['cancelled', 'entered-in-error'].includes(status) ? ALVAREZ : PROVIDER, side: ['cancelled', 'entered-in-error'].includes(status) ? 'requester' : 'performer', ...(status === 'accepted' ? { recordedFor: 'performer' } : {}), ...(status === 'rejected' ? { reason: 'At capacity' } : {}) });
  return record<Referral>('referrals', {
    ...meta('ref-1', 2),
    goalId: 'goal-1',
    planId: 'plan-1',
    reason: 'Behind on rent; eviction notice received',
    urgency: 'urgent',
    caseId: 'case-1',
    clientId: 'client-1',
    clientName: 'فاطمة حداد',
    service,
    status,
    history,
    ...(sent ? { consent: { consentId: 'consent-1' }, requestedBy: ALVAREZ, requestedAt: AT, acknowledgementDueAt: LATER } : {}),
    ...(['accepted', 'rejected', 'in-progress', 'on-hold', 'completed', 'failed'].includes(status) ? { acknowledgedAt: LATER } : {}),
    ...(['completed', 'failed'].includes(status) ? { completedAt: LATER, outcome: { code: status === 'completed' ? 'service-provided' : 'unable-to-contact', note: 'Three calls, no answer' } } : {}),
    ...(['rejected', 'cancelled', 'on-hold', 'failed', 'entered-in-error'].includes(status) ? { statusReason: `Reason for ${status}` } : {}),
    ...extra,
  });
}

describe('referrals <-> ServiceRequest + Task (Gravity SDOH)', () => {
  it('keeps every referral status and follows the Gravity rules in each', () => {
    for (const status of REFERRAL_STATUSES) {
      const resources = roundTrip('referrals', referral(status));
      const [request] = ofType<ServiceRequest>(resources, 'ServiceRequest');
      const [task] = ofType<Task>(resources, 'Task');
      assert.deepEqual(gravityReferralProblems(request!, task!), [], status);
      assert.equal(task!.status, status);
      if (['rejected', 'cancelled', 'failed'].includes(status)) assert.equal(task!.statusReason?.text, `Reason for ${status}`);
      if (status === 'completed') assert.deepEqual(task!.businessStatus, { coding: [{ system: 'https://fhir.casekit.dev/CodeSystem/referral-outcome', code: 'service-provided' }], text: 'Three calls, no answer' });
      assert.equal(request!.status, { draft: 'draft', requested: 'active', accepted: 'active', 'in-progress': 'active', 'on-hold': 'on-hold', completed: 'completed', rejected: 'revoked', failed: 'revoked', cancelled: 'revoked', 'entered-in-error': 'entered-in-error' }[status]);
    }
  });

  it('sends requester as a PractitionerRole and authoredOn on both resources', () => {
    const resources = roundTrip('referrals', referral('requested'));
    const [request] = ofType<ServiceRequest>(resources, 'ServiceRequest');
    const [task] = ofType<Task>(resources, 'Task');
    assert.equal(request!.requester?.type, 'PractitionerRole');
    assert.equal(request!.authoredOn, AT);
    assert.equal(task!.authoredOn, AT);
    assert.deepEqual(task!.owner, { reference: 'Organization/org-1', display: 'Harbor Housing Partners', type: 'Organization' });
    assert.deepEqual(request!.supportingInfo, [{ reference: 'Consent/consent-1' }]);
  });

  it('keeps a consent override, a free-text service and a referral without a goal', () => {
    const override = { override: { reason: 'Client agreed verbally', by: OKAFOR, at: AT } };
    const resources = roundTrip('referrals', referral('requested', { consent: override, goalId: undefined, planId: undefined, service: { organizationName: 'Corner food bank', serviceName: 'Groceries', category: 'food', contact: {} } }));
    const [task] = ofType<Task>(resources, 'Task');
    assert.deepEqual(task!.owner, { type: 'Organization', display: 'Corner food bank' });
    roundTrip('referrals', referral('draft', { goalId: 'goal-without-plan', planId: undefined, urgency: 'stat' }));
    roundTrip('referrals', referral('failed', { statusReason: '', outcome: { code: 'other', note: '' }, clientName: '' }));
  });

  it('keeps the referral history with sides, recorded-for and reasons', () => {
    const value = referral('completed', {
      history: [
        { from: null, to: 'draft', at: AT, by: ALVAREZ, side: 'requester' },
        { from: 'draft', to: 'requested', at: AT, by: ALVAREZ, side: 'requester' },
        { from: 'requested', to: 'accepted', at: AT, by: ALVAREZ, side: 'performer', recordedFor: 'performer', reason: 'Phoned in' },
        { from: 'accepted', to: 'in-progress', at: LATER, by: PROVIDER, side: 'performer' },
        { from: 'in-progress', to: 'on-hold', at: LATER, by: PROVIDER, side: 'performer', reason: 'Client travelling' },
        { from: 'on-hold', to: 'in-progress', at: LATER, by: PROVIDER, side: 'performer' },
        { from: 'in-progress', to: 'completed', at: LATER, by: PROVIDER, side: 'performer' },
      ],
    });
    roundTrip('referrals', value);
  });
});
