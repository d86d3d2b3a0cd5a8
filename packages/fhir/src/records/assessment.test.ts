import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ASSESSMENT_STATUSES, type Assessment } from '@casekit/core';
import type { Observation, QuestionnaireResponse } from '@medplum/fhirtypes';
import { ALVAREZ, AT, meta, OKAFOR, ofType, record, roundTrip } from '../test/round-trip.js';
import { parseQuestionnaireCanonical, questionnaireCanonical } from '../canonical.js';
import { fromFhir } from './from-fhir.js';

const assessment = (raw: object) =>
  record<Assessment>('assessments', {
    ...meta('asmt-1', 1),
    clientId: 'client-1',
    caseId: 'case-1',
    questionnaireId: 'phq-9',
    questionnaireVersion: '1.0.0',
    status: 'completed',
    statusHistory: [{ from: null, to: 'completed', at: AT, by: ALVAREZ }],
    answers: {},
    scores: {},
    flags: [],
    derivedNeeds: [],
    completedAt: AT,
    completedBy: ALVAREZ,
    ...raw,
  });

describe('assessments <-> QuestionnaireResponse + Observations', () => {
  it('keeps every assessment status (scores follow it as Observation.status)', () => {
    for (const status of ASSESSMENT_STATUSES) {
      const history = [{ from: null, to: 'completed', at: AT, by: ALVAREZ }, ...(status === 'completed' ? [] : [{ from: 'completed', to: status, at: AT, by: OKAFOR, reason: 'Wrong client' }])];
      const resources = roundTrip('assessments', assessment({ status, statusHistory: history, scores: { total: { value: 12, complete: true } } }));
      assert.equal(ofType<QuestionnaireResponse>(resources, 'QuestionnaireResponse')[0]!.status, status);
      assert.equal(ofType<Observation>(resources, 'Observation')[0]!.status, { completed: 'final', amended: 'amended', 'entered-in-error': 'entered-in-error' }[status]);
    }
  });

  it('keeps every answer type, repeating groups with their instance ids (nested), and long text', () => {
    const answers = {
      name: 'Nguyễn Thị Thanh',
      notes: 'ملاحظة '.repeat(2800).trim(),
      code: '3',
      codes: ['housing', 'food', ' lead space', 'a  b'],
      one: ['only'],
      yes: true,
      no: false,
      count: 4,
      negative: -2,
      ratio: 0.25,
      big: 2 ** 40,
      dob: '1990-01-31',
      household: [
        { instanceId: 'member-1', answers: { 'member-name': '陈伟', 'member-age': 7, pets: [{ instanceId: 'pet-a', answers: { kind: ['dog'] } }] } },
        { instanceId: 'member-7', answers: {} },
      ],
    };
    const resources = roundTrip('assessments', assessment({ answers, language: 'vi' }));
    const [response] = ofType<QuestionnaireResponse>(resources, 'QuestionnaireResponse');
    const members = response!.item!.filter((i) => i.linkId === 'household');
    assert.deepEqual(members.map((m) => m.id), ['member-1', 'member-7']);
    assert.equal(members[0]!.item!.find((i) => i.linkId === 'pets')!.id, 'pet-a');
    assert.deepEqual(response!.item!.find((i) => i.linkId === 'codes')!.answer!.slice(0, 2), [{ valueCoding: { code: 'housing' } }, { valueCoding: { code: 'food' } }]);
    assert.deepEqual(response!.item!.find((i) => i.linkId === 'ratio')!.answer, [{ valueDecimal: 0.25 }]);
    assert.equal(response!.questionnaire, 'https://fhir.casekit.dev/Questionnaire/phq-9|1.0.0');
  });

  it('keeps the answer types of FHIR forms: quantities, Codings, attachment metadata, references, and lists of them', () => {
    const answers = {
      weight: { value: 70.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
      heights: [{ value: 170, unit: 'cm' }],
      coded: { system: 'http://loinc.org', code: 'LA6568-5', display: 'Not at all' },
      'coded-no-system': { code: 'other', display: 'Other' },
      consentForm: { title: 'consent.pdf', contentType: 'application/pdf', size: 48213 },
      gp: { reference: 'Practitioner/123', display: 'Dr. Okafor' },
      times: ['08:30:00', '21:00:00'],
      scores: [3, 1],
      flags: [true],
      seen: '2026-11-24T10:30:00Z',
    };
    const resources = roundTrip('assessments', assessment({ answers }));
    const [response] = ofType<QuestionnaireResponse>(resources, 'QuestionnaireResponse');
    const item = (linkId: string) => response!.item!.find((i) => i.linkId === linkId)!;
    assert.deepEqual(item('weight').answer, [{ valueQuantity: answers.weight }]);
    assert.deepEqual(item('gp').answer, [{ valueReference: answers.gp }]);
    assert.deepEqual(item('consentForm').answer, [{ valueAttachment: answers.consentForm }]);
    assert.deepEqual(item('scores').answer, [{ valueInteger: 3 }, { valueInteger: 1 }]);
  });

  it('keeps what it can of a response from elsewhere: never an attachment’s bytes', () => {
    const { records, report } = fromFhir({
      resourceType: 'QuestionnaireResponse',
      id: 'qr-1',
      status: 'completed',
      questionnaire: 'https://example.org/Questionnaire/intake|1',
      subject: { reference: 'Patient/p1' },
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare', valueReference: { reference: 'EpisodeOfCare/e1' } }],
      authored: '2026-11-24T10:00:00Z',
      item: [{ linkId: 'photo', answer: [{ valueAttachment: { contentType: 'image/png', data: 'iVBORw0KGgo=', title: 'id.png' } }] }],
    });
    assert.deepEqual((records[0]?.record as Assessment | undefined)?.answers, { photo: { contentType: 'image/png', title: 'id.png' } });
    assert.ok(report.entries.some((e) => e.path.endsWith('valueAttachment.data')));
  });

  it('keeps scores (null, decimal, banded, incomplete), flags and derived needs', () => {
    const resources = roundTrip(
      'assessments',
      assessment({
        scores: {
          'phq9-total': { value: 17, band: { code: 'moderately-severe', label: 'Moderately severe' }, complete: true },
          partial: { value: null, complete: false },
          mean: { value: 2.75, band: { code: 'b', label: '' }, complete: false },
          'Total score ': { value: 3, band: { code: 'very  low', label: '' }, complete: true },
        },
        flags: [{ id: 'suicide-risk', label: 'Item 9 answered: assess safety now', severity: 'critical' }, { id: 'info', label: '', severity: 'info' }],
        derivedNeeds: ['mental-health', 'housing'],
      }),
    );
    const observations = ofType<Observation>(resources, 'Observation');
    assert.equal(observations.length, 4);
    assert.deepEqual(observations[0]!.derivedFrom, [{ reference: 'QuestionnaireResponse/asmt-1' }]);
    assert.equal(observations[0]!.valueInteger, 17);
    assert.ok(observations[1]!.dataAbsentReason);
    assert.deepEqual(observations[2]!.valueQuantity, { value: 2.75 });
  });

  it('uses a questionnaire id that is a URL as the canonical', () => {
    assert.equal(questionnaireCanonical('http://loinc.org/q/44249-1', '2.7'), 'http://loinc.org/q/44249-1|2.7');
    assert.deepEqual(parseQuestionnaireCanonical('https://fhir.casekit.dev/Questionnaire/intake%2Fv2|3'), { questionnaireId: 'intake/v2', version: '3' });
    roundTrip('assessments', assessment({ questionnaireId: 'http://loinc.org/q/44249-1', questionnaireVersion: '2.7' }));
    roundTrip('assessments', assessment({ questionnaireId: 'intake / hôpital', questionnaireVersion: 'v 2' }));
  });
});
