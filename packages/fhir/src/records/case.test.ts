import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CASE_STATUSES, type CaseRecord } from '@casekit/core';
import type { CareTeam, Condition, EpisodeOfCare } from '@medplum/fhirtypes';
import { ALVAREZ, AT, LATER, meta, OKAFOR, ofType, record, roundTrip } from '../test/round-trip.js';

const base = {
  ...meta('case-1', 9),
  program: 'social-work',
  clientId: 'client-1',
  clientName: 'Nguyễn Thị Thanh',
  openedAt: AT,
  statusHistory: [],
};

describe('cases <-> EpisodeOfCare + CareTeam + Conditions', () => {
  it('keeps every case status, as the current status and in the history (with who and why)', () => {
    for (const status of CASE_STATUSES) {
      const others = CASE_STATUSES.filter((s) => s !== status);
      const history = [null, ...others, status].map((s, i, all) => ({ from: i === 0 ? null : all[i - 1] ?? null, to: s ?? 'referred', at: new Date(Date.parse(AT) + i * 3_600_000).toISOString(), by: i % 2 ? OKAFOR : ALVAREZ, reason: i % 3 ? `step ${i}` : undefined })).slice(1);
      history[0]!.from = null;
      const value = record<CaseRecord>('cases', { ...base, status, statusHistory: history.map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined))) });
      const [episode] = ofType<EpisodeOfCare>(roundTrip('cases', value), 'EpisodeOfCare');
      assert.equal(episode!.statusHistory?.length, history.length);
      assert.ok(!JSON.stringify(episode).includes('"on-hold"'), 'R4 spells it onhold');
    }
  });

  it('maps statuses onto R4 EpisodeOfCare statuses and keeps referred/intake apart', () => {
    const expected = { referred: 'planned', intake: 'planned', waitlist: 'waitlist', active: 'active', 'on-hold': 'onhold', closed: 'finished', cancelled: 'cancelled', 'entered-in-error': 'entered-in-error' };
    for (const status of CASE_STATUSES) {
      const value = record<CaseRecord>('cases', { ...base, status, statusHistory: [{ from: null, to: status, at: AT, by: ALVAREZ }] });
      const [episode] = ofType<EpisodeOfCare>(roundTrip('cases', value), 'EpisodeOfCare');
      assert.equal(episode!.status, expected[status]);
    }
  });

  it('keeps a case with every field: care team, needs as SDOH Conditions, closure, approval, tags', () => {
    const value = record<CaseRecord>('cases', {
      ...base,
      title: 'Housing and food, winter 2026',
      priority: 'urgent',
      riskLevel: 'high',
      assigneeId: 'cm-alvarez',
      assigneeName: 'Marta Alvarez',
      careTeam: [
        { actorId: 'nurse-1', name: 'Li Chen', role: 'nurse' },
        { actorId: 'peer-2', name: 'Kofi Mensah', role: 'peer support worker' },
      ],
      needs: [
        { domain: 'housing', source: 'assessment', assessmentId: 'assessment-1', identifiedAt: AT, status: 'identified' },
        { domain: 'food', source: 'manual', identifiedAt: AT, status: 'addressed', note: 'Pantry on Tuesdays' },
        { domain: 'legal', source: 'assessment', identifiedAt: LATER, status: 'resolved' },
        { domain: 'mental-health', source: 'manual', assessmentId: 'assessment-2', identifiedAt: LATER },
      ],
      nextContactDue: '2026-12-01',
      tags: ['interpreter', 'two  spaces', 'école'],
      referralSource: 'Self-referral',
      status: 'closed',
      statusHistory: [
        { from: null, to: 'referred', at: AT, by: ALVAREZ },
        { from: 'referred', to: 'intake', at: AT, by: ALVAREZ },
        { from: 'intake', to: 'closed', at: LATER, by: OKAFOR, reason: 'Moved to another county' },
      ],
      activatedAt: AT,
      closedAt: LATER,
      closure: { reason: 'moved', note: 'New address on file' },
      lastContactAt: LATER,
      pendingApproval: { kind: 'case-closure', requestedBy: ALVAREZ, requestedAt: LATER, closureReason: 'goals-met', note: 'All goals met' },
      pendingTransfer: { to: { id: 'cm-baker', name: 'Devon Baker' }, requestedBy: OKAFOR, requestedAt: LATER, reason: 'Caseload rebalancing: Devon speaks Vietnamese' },
    });
    const resources = roundTrip('cases', value);
    const [team] = ofType<CareTeam>(resources, 'CareTeam');
    assert.equal(team!.participant?.length, 2);
    assert.equal(team!.status, 'inactive');
    const conditions = ofType<Condition>(resources, 'Condition');
    assert.deepEqual(conditions.map((c) => c.clinicalStatus?.coding?.[0]?.code), ['active', 'active', 'resolved', 'active']);
    assert.deepEqual(conditions.map((c) => c.category?.[1]?.coding?.[0]?.code), ['housing-instability', 'food-insecurity', 'sdoh-category-unspecified', 'sdoh-category-unspecified']);
    const [episode] = ofType<EpisodeOfCare>(resources, 'EpisodeOfCare');
    assert.deepEqual(episode!.careManager, { type: 'Practitioner', identifier: { system: 'https://fhir.casekit.dev/actor', value: 'cm-alvarez' }, display: 'Marta Alvarez' });
    assert.deepEqual(episode!.team, [{ reference: `CareTeam/${team!.id}` }]);
    assert.deepEqual(episode!.statusHistory?.map((h) => [h.status, h.period.start, h.period.end]), [
      ['planned', AT, AT],
      ['planned', AT, LATER],
      ['finished', LATER, undefined],
    ]);
  });

  it('keeps a pending transfer as an extension, the assignee staying the careManager until it is accepted', () => {
    const value = record<CaseRecord>('cases', {
      ...base,
      status: 'active',
      assigneeId: 'cm-alvarez',
      assigneeName: 'Marta Alvarez',
      statusHistory: [{ from: null, to: 'active', at: AT, by: ALVAREZ }],
      pendingTransfer: { to: { id: 'cm-baker', name: 'Devon Baker' }, requestedBy: ALVAREZ, requestedAt: LATER, reason: 'Moving to the night shift' },
    });
    const [episode] = ofType<EpisodeOfCare>(roundTrip('cases', value), 'EpisodeOfCare');
    assert.equal(episode!.careManager?.identifier?.value, 'cm-alvarez');
    const transfer = episode!.extension?.find((e) => e.url.endsWith('/pending-transfer'));
    assert.ok(transfer, 'a pending-transfer extension');
    const parts = new Map(transfer.extension?.map((e) => [e.url, e]));
    assert.deepEqual(parts.get('to')?.valueReference, { type: 'Practitioner', identifier: { system: 'https://fhir.casekit.dev/actor', value: 'cm-baker' }, display: 'Devon Baker' });
    assert.equal(parts.get('requestedAt')?.valueInstant, LATER);
    assert.equal(parts.get('reason')?.valueString, 'Moving to the night shift');
  });

  it('keeps a history whose from does not follow the previous to', () => {
    const value = record<CaseRecord>('cases', { ...base, status: 'on-hold', statusHistory: [{ from: 'intake', to: 'active', at: AT, by: ALVAREZ }, { from: 'waitlist', to: 'active', at: LATER, by: ALVAREZ }, { from: null, to: 'on-hold', at: LATER, by: ALVAREZ }] });
    roundTrip('cases', value);
  });
});

describe('empty strings, which FHIR does not allow', () => {
  it('come back where they were', () => {
    const value = record<CaseRecord>('cases', {
      ...base,
      title: '',
      assigneeName: '',
      referralSource: '',
      needs: [{ domain: 'food', source: 'manual', identifiedAt: AT, note: '' }],
      status: 'closed',
      statusHistory: [{ from: null, to: 'closed', at: AT, by: { id: 'x', name: '', role: '' }, reason: '' }],
      closure: { reason: 'other', note: '' },
      clientName: '',
    });
    roundTrip('cases', value);
  });
});
