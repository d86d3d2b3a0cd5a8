import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ALVAREZ, AT, meta, record, roundTrip } from '../test/round-trip.js';

// Any text casekit accepts — control characters, lone surrogates, RTL marks, emoji, blanks — must give
// valid FHIR and come back exactly.
const anyText = (max: number) => fc.string({ unit: 'binary', maxLength: max });
const someText = (max: number) => anyText(max).filter((s) => s.trim().length > 0);
// Object keys (answer linkIds, score keys) come from questionnaire definitions: printable text.
const key = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '' && !/[\u0000-\u001F\u007F]/.test(s));
const options = { numRuns: 150, seed: 2026 };

describe('any text round-trips and stays valid FHIR', () => {
  it('in clients and cases', () => {
    fc.assert(
      fc.property(someText(40), someText(40), anyText(40), anyText(30), anyText(60), someText(30), anyText(80), (given, family, preferred, phone, title, tag, reason) => {
        roundTrip('clients', record('clients', { ...meta(`c-${given}`.slice(0, 128)), name: { given: [given], family, preferred }, contact: { phone }, address: { line: [title.slice(0, 50)], city: preferred } }));
        roundTrip(
          'cases',
          record('cases', {
            ...meta('case-1'),
            program: tag,
            title,
            tags: [tag],
            referralSource: title,
            assigneeName: preferred,
            careTeam: [{ actorId: given.slice(0, 100), name: family, role: tag }],
            needs: [{ domain: 'food', source: 'manual', identifiedAt: AT, note: reason }],
            clientId: `cl/${given}`.slice(0, 128),
            clientName: family,
            status: 'active',
            statusHistory: [{ from: null, to: 'active', at: AT, by: { id: given.slice(0, 100), name: preferred, role: tag }, reason }],
            openedAt: AT,
          }),
        );
      }),
      options,
    );
  });

  it('in notes, referrals, plans and assessments', () => {
    fc.assert(
      fc.property(someText(300), someText(60), anyText(60), fc.dictionary(key, anyText(40), { maxKeys: 4 }), key, (body, name, reason, answers, scoreKey) => {
        roundTrip('notes', record('notes', { ...meta('n1'), type: 'visit', occurredAt: AT, text: body, subject: name, caseId: 'case-1', clientId: 'c1', status: 'draft', author: ALVAREZ }));
        roundTrip(
          'referrals',
          record('referrals', {
            ...meta('r1'),
            reason: body,
            caseId: 'case-1',
            clientId: 'c1',
            clientName: reason,
            service: { organizationName: name, serviceName: name, category: 'legal', contact: {} },
            status: 'rejected',
            history: [{ from: null, to: 'requested', at: AT, by: ALVAREZ, side: 'requester', reason }],
            statusReason: reason,
          }),
        );
        roundTrip(
          'plans',
          record('plans', {
            ...meta('p1'),
            title: name,
            description: reason,
            caseId: 'case-1',
            clientId: 'c1',
            status: 'draft',
            statusHistory: [{ from: null, to: 'draft', at: AT, by: ALVAREZ }],
            author: ALVAREZ,
            goals: [{ id: name.slice(0, 100), needDomain: 'housing', description: name, lifecycleStatus: 'active', statusHistory: [{ from: null, to: 'active', at: AT, by: ALVAREZ }], interventions: [{ id: `i${name}`.slice(0, 100), kind: 'intervention', description: name, status: 'not-started', statusHistory: [{ from: null, to: 'not-started', at: AT, by: ALVAREZ }], createdAt: AT }], progress: [{ id: 'p', at: AT, text: body, by: ALVAREZ }], createdAt: AT }],
          }),
        );
        roundTrip(
          'assessments',
          record('assessments', {
            ...meta('a1'),
            clientId: 'c1',
            caseId: 'case-1',
            questionnaireId: name.slice(0, 200),
            questionnaireVersion: name.slice(0, 50),
            status: 'completed',
            statusHistory: [],
            answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== '')),
            scores: { [scoreKey]: { value: 1, band: { code: name, label: reason }, complete: true } },
            flags: [{ id: name, label: reason, severity: 'info' }],
            derivedNeeds: [],
            completedAt: AT,
            completedBy: ALVAREZ,
          }),
        );
      }),
      options,
    );
  });
});
