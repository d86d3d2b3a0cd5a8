import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUDIT_ACTIONS, CONSENT_SCOPES, NOTE_OUTCOMES, CONSENT_STATUSES, type AuditEvent as CasekitAuditEvent, type Consent as CasekitConsent, type Draft, type Note, type Organization as CasekitOrganization, type Service } from '@casekit/core';
import type { AuditEvent, Basic, Consent, DocumentReference, HealthcareService, Location } from '@medplum/fhirtypes';
import { decodeBase64 } from './base64.js';
import { casekitExtension } from '../extensions.js';
import { fromFhir } from './from-fhir.js';
import { toFhir } from './to-fhir.js';
import { ALVAREZ, AT, LATER, meta, OKAFOR, ofType, record, roundTrip } from '../test/round-trip.js';

describe('consents <-> Consent', () => {
  it('keeps every status and scope, with and without a grantee', () => {
    for (const status of CONSENT_STATUSES) {
      for (const scope of CONSENT_SCOPES) {
        const value = record<CasekitConsent>('consents', {
          ...meta('consent-1'),
          clientId: 'client-1',
          status,
          scope,
          ...(scope === 'share-with-provider' ? { grantee: { organizationId: 'org-1', name: 'Harbor Housing' } } : scope === 'privacy' ? { grantee: { name: 'Dr. Lê Văn Tám' } } : {}),
          purpose: 'Share contact details and needs to arrange services',
          dateTime: AT,
          period: scope === 'research' ? { start: AT, end: LATER } : { start: AT },
          source: scope === 'treatment' ? 'verbal' : 'written',
          ...(scope === 'privacy' ? { sourceReference: 'signed form in drawer 3' } : scope === 'research' ? { sourceReference: 'https://docs.example.org/consent/1' } : {}),
          recordedBy: ALVAREZ,
          statusHistory: [{ from: null, to: status, at: AT, by: ALVAREZ }],
        });
        const [consent] = ofType<Consent>(roundTrip('consents', value), 'Consent');
        assert.equal(consent!.status, status);
      }
    }
  });

  it('keeps an empty purpose', () => {
    roundTrip('consents', record('consents', { ...meta('c2'), clientId: 'c', status: 'active', scope: 'treatment', purpose: '', dateTime: AT, period: { start: AT }, source: 'electronic', recordedBy: ALVAREZ, statusHistory: [] }));
  });
});

describe('notes <-> DocumentReference', () => {
  const note = (raw: object) => record<Note>('notes', { ...meta('note-1', 1), type: 'visit', occurredAt: AT, text: 'Home visit.', caseId: 'case-1', clientId: 'client-1', status: 'draft', author: ALVAREZ, ...raw });

  it('keeps drafts (preliminary), signed notes (final) and amended notes (amended, relatesTo)', () => {
    const [draft] = ofType<DocumentReference>(roundTrip('notes', note({ durationMinutes: 0, subject: 'Visit', goalId: 'goal-1', planId: 'plan-1' })), 'DocumentReference');
    assert.equal(draft!.docStatus, 'preliminary');
    const signed = note({ status: 'signed', signedAt: LATER, signedBy: OKAFOR, type: 'other', durationMinutes: 1440 });
    assert.equal(ofType<DocumentReference>(roundTrip('notes', signed), 'DocumentReference')[0]!.docStatus, 'final');
    assert.equal(ofType<DocumentReference>(roundTrip('notes', signed, { amendedNoteIds: new Set(['note-1']) }), 'DocumentReference')[0]!.docStatus, 'amended');
    const amendment = note({ ...meta('note-2'), status: 'signed', signedAt: LATER, signedBy: ALVAREZ, amends: 'note-1', amendmentReason: 'Wrong date', type: 'phone' });
    const [doc] = ofType<DocumentReference>(roundTrip('notes', amendment), 'DocumentReference');
    assert.deepEqual(doc!.relatesTo, [{ code: 'replaces', target: { reference: 'DocumentReference/note-1' } }]);
  });

  it('keeps home visits, every contact outcome, participants in order and the interpreter', () => {
    for (const outcome of NOTE_OUTCOMES) {
      const value = note({
        type: 'home-visit',
        outcome,
        participants: [{ name: 'Ana Hernández', role: 'daughter' }, { name: 'Dr. Lê Văn Tám', role: 'nurse', actorId: 'cm-le' }, { name: 'Marta Alvarez', actorId: 'cm-alvarez' }],
        interpreter: { used: true, language: 'es-MX' },
      });
      const [doc] = ofType<DocumentReference>(roundTrip('notes', value), 'DocumentReference');
      assert.deepEqual(doc!.type, { coding: [{ system: 'https://fhir.casekit.dev/CodeSystem/note-type', code: 'home-visit' }] });
      assert.equal(doc!.extension?.find((e) => e.url === casekitExtension('contact-outcome'))?.valueCode, outcome);
      assert.equal(doc!.extension?.filter((e) => e.url === casekitExtension('contact-participant')).length, 3);
    }
    roundTrip('notes', note({ type: 'phone', interpreter: { used: false } }));
    roundTrip('notes', note({ type: 'other', participants: [{ name: 'Supervisor review' }] }));
  });

  it('reports a contact outcome casekit does not know, or one on a progress note, and imports the note without it', () => {
    const [doc] = toFhir(note({ type: 'phone', outcome: 'attempted' }), 'notes') as DocumentReference[];
    const foreign = { ...doc!, extension: doc!.extension!.map((e) => (e.url === casekitExtension('contact-outcome') ? { ...e, valueCode: 'voicemail' } : e)) };
    const { records, report } = fromFhir([foreign]);
    assert.equal((records[0]!.record as Note).outcome, undefined);
    assert.match(report.entries.map((e) => e.reason).join(), /contact outcome "voicemail"/);
    const asProgress = { ...doc!, type: { coding: [{ system: 'https://fhir.casekit.dev/CodeSystem/note-type', code: 'other' }] } };
    const progress = fromFhir([asProgress]);
    assert.deepEqual([(progress.records[0]!.record as Note).type, (progress.records[0]!.record as Note).outcome], ['other', undefined]);
    assert.match(progress.report.entries.map((e) => e.reason).join(), /contact outcome "attempted" is not imported/);
  });

  it('keeps long non-Latin text exactly (20,000 characters, emoji, accents)', () => {
    const text = ('Bà Nguyễn nói: “Tôi cần giúp đỡ” — 我需要帮助 — أحتاج إلى مساعدة 🏠 ').repeat(400).slice(0, 20_000).trim();
    const [doc] = ofType<DocumentReference>(roundTrip('notes', note({ text, type: 'collateral', goalId: 'goal-without-plan' })), 'DocumentReference');
    assert.equal(decodeBase64(doc!.content[0]!.attachment.data!), text);
  });
});

describe('audit <-> AuditEvent', () => {
  it('keeps every action, with the R4 action codes and outcomes', () => {
    const codes = { create: 'C', read: 'R', export: 'R', update: 'U', transition: 'U', approve: 'U', override: 'U', delete: 'D', import: 'E' };
    for (const action of AUDIT_ACTIONS) {
      for (const refused of [false, true]) {
        const value = record<CasekitAuditEvent>('audit', {
          ...meta('audit-1', 1),
          at: AT,
          actor: ALVAREZ,
          action,
          collection: 'plans',
          recordId: 'plan-1',
          ...(refused ? { outcome: 'refused', reason: 'Not on this caseload' } : {}),
          ...(action === 'read' ? { recordIds: ['plan-1', 'plan/2'] } : action === 'export' ? { recordIds: [] } : {}),
          ...(action === 'transition' ? { transition: { from: 'draft', to: 'active' }, fromVersion: 2, toVersion: 3, part: 'goals/g1', changedFields: ['status', 'statusHistory'] } : {}),
          ...(action === 'update' ? { changedFields: [] } : {}),
          caseId: 'case-1',
          clientId: 'client-1',
        });
        const [event] = ofType<AuditEvent>(roundTrip('audit', value), 'AuditEvent');
        assert.equal(event!.action, codes[action]);
        assert.equal(event!.outcome, refused ? '4' : '0');
      }
    }
  });

  it('keeps an event whose id is not a FHIR id and whose actor has no name', () => {
    roundTrip('audit', record('audit', { ...meta('audit/ü 1', 1), at: AT, actor: { id: 'system', name: '', role: '' }, action: 'import', collection: 'cases', recordId: 'caseload' }));
  });
});

describe('organizations and services <-> Organization, HealthcareService + Location', () => {
  it('keeps an organisation with every field and with none', () => {
    roundTrip('organizations', record<CasekitOrganization>('organizations', { ...meta('org-1'), name: 'Harbor Housing Partners', alternateName: 'HHP', description: 'Housing help', contact: { phone: '+1 555 0120', url: 'https://harbor.example.org' }, address: { line: ['1 Main St'], city: 'Springfield' }, identifiers: [{ system: 'urn:ein', value: '12-345', type: 'TAX' }], sourceId: 'hsds-org-9' }));
    roundTrip('organizations', record('organizations', { ...meta('org-2'), name: 'Corner food bank' }));
  });

  it('keeps a service with every field (address as a Location) and with none', () => {
    const full = record<Service>('services', {
      ...meta('svc-1'),
      organizationId: 'org-1',
      organizationName: 'Harbor Housing Partners',
      name: 'Eviction prevention fund',
      alternateName: 'EPF',
      description: 'One-off rent help',
      categories: ['housing', 'finances'],
      taxonomyTerms: [{ system: 'https://openeligibility.org', code: '1102', display: 'Rent assistance' }, { system: '211 LA County', code: 'BH-3800.7000' }, { system: 'https://taxonomy.example.org', code: 'two  spaces' }],
      languages: ['en', 'es', 'vi'],
      interpretationAvailable: true,
      eligibility: { minAge: 18, maxAge: 64, serviceAreas: ['98101', 'Springfield'], description: 'Income below 200% FPL' },
      contact: { email: 'intake@harbor.example.org' },
      address: { line: ['2 Dock Rd'], city: 'Springfield', postalCode: '98101' },
      hours: 'Mon–Fri 9–5',
      applicationProcess: 'Call, then bring ID',
      fees: 'None',
      status: 'inactive',
      sourceId: 'hsds-svc-4',
    });
    const resources = roundTrip('services', full);
    assert.equal(ofType<Location>(resources, 'Location').length, 1);
    assert.deepEqual(ofType<HealthcareService>(resources, 'HealthcareService')[0]!.location, [{ reference: `Location/${ofType<Location>(resources, 'Location')[0]!.id}` }]);
    roundTrip('services', record('services', { ...meta('svc-2'), organizationId: 'org-2', organizationName: '', name: 'Groceries', categories: ['food'], eligibility: { minAge: 60 }, address: { line: [] } }));
  });
});

describe('drafts <-> Basic', () => {
  it('keeps the JSON data exactly', () => {
    const data = { page: 2, answers: { 'q-1': 'Nguyễn', 'q-2': ['a', 'b'], nested: [{ x: null, y: 1.5, z: true }] }, empty: {}, list: [] };
    const [basic] = ofType<Basic>(roundTrip('drafts', record<Draft>('drafts', { ...meta('draft-1'), ownerId: 'cm-alvarez', kind: 'intake:casekit-social-needs-intake', caseId: 'case-1', clientId: 'client-1', data })), 'Basic');
    assert.deepEqual(basic!.meta?.security, [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }]);
    roundTrip('drafts', record('drafts', { ...meta('draft-2'), ownerId: 'x', kind: 'note', data: 'just text' }));
    roundTrip('drafts', record('drafts', { ...meta('draft-3'), ownerId: 'x', kind: 'note', data: null }));
  });
});
