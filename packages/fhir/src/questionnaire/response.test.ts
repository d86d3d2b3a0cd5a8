import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applyExpressions, validateResponse, visibleItems, type QuestionnaireDefinition } from '@casekit/core';
import type { Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { validateR4 } from '../test/r4-validator.js';
import { createFhirPathEngine } from './fhirpath-engine.js';
import { fromFhirQuestionnaire } from './from-questionnaire.js';
import { fromFhirQuestionnaireResponse, toFhirQuestionnaireResponse } from './response.js';

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}
const definitionOf = (name: string) => fromFhirQuestionnaire(load<Questionnaire>(name)).definition;

describe('QuestionnaireResponse in and out, against the definition', () => {
  it('reads the R4 Glasgow Coma Score example response into answers validateResponse accepts', () => {
    const definition = definitionOf('r4-questionnaire-example-gcs.json');
    const { answers, report } = fromFhirQuestionnaireResponse(load<QuestionnaireResponse>('r4-questionnaireresponse-example-gcs.json'), definition);
    assert.deepEqual(answers, { '1.1': 'LA6560-2', '1.2': 'LA6566-9', '1.3': 'LA6556-0' });
    assert.deepEqual(report.entries, []);
    assert.deepEqual(validateResponse(definition, answers), []);
  });

  it('reads the R4 blue book example, whose follow-up items sit under answers, and writes the same shape back', () => {
    const definition = definitionOf('r4-questionnaire-example-bluebook.json');
    const source = load<QuestionnaireResponse>('r4-questionnaireresponse-example-bluebook.json');
    const { answers, report } = fromFhirQuestionnaireResponse(source, definition);
    // The published response spells the dose items "vitaminKDose1/2"; the questionnaire says "vitaminiKDose1/2".
    assert.deepEqual(report.entries.map((e) => e.reason), ['"vitaminKDose1" is not an item of http://hl7.org/fhir/Questionnaire/bb; left out', '"vitaminKDose2" is not an item of http://hl7.org/fhir/Questionnaire/bb; left out']);
    assert.equal(answers['nameOfChild'], 'Cathy Jones');
    assert.equal(answers['vitaminKgiven'], 'INJECTION');
    assert.equal(answers['hepBgivenDate'], '1972-12-04');
    // It also answers "sex" with code "f" where the options are "F" and "M": validation says so.
    assert.deepEqual(validateResponse(definition, answers).map((i) => [i.linkId, i.code]), [['sex', 'option']]);

    const written = toFhirQuestionnaireResponse({ answers, status: 'completed' }, definition);
    assert.deepEqual(validateR4(written), []);
    const hepB = written.item![0]!.item!.find((i) => i.linkId === 'neonatalInformation')!.item!.find((i) => i.linkId === 'hepBgiven')!;
    assert.deepEqual(hepB.answer, [{ valueBoolean: true, item: [{ linkId: 'hepBgivenDate', text: 'Date given', answer: [{ valueDate: '1972-12-04' }] }] }]);
    assert.deepEqual(fromFhirQuestionnaireResponse(written, definition).answers, answers);
  });

  it('leaves out hidden items and their answers', () => {
    const definition: QuestionnaireDefinition = {
      id: 'housing',
      version: '1',
      title: 'Housing',
      items: [
        { linkId: 'stable/housing', type: 'boolean', text: 'Do you have stable housing?' },
        { linkId: 'where/now', type: 'string', text: 'Where are you staying?', enableWhen: [{ question: 'stable/housing', operator: '=', answer: false }] },
      ],
    };
    const response = toFhirQuestionnaireResponse({ answers: { 'stable/housing': true, 'where/now': 'car' } }, definition);
    assert.deepEqual(response.item?.map((i) => i.linkId), ['stable/housing']);
    assert.deepEqual(validateR4(response), []);
    assert.deepEqual(
      visibleItems(definition, { 'stable/housing': false }).map((v) => v.key),
      ['stable%2Fhousing', 'where%2Fnow'],
    );
  });

  it('writes repeating groups as repeated items with the instance id, and new answer types as their FHIR values', () => {
    const definition: QuestionnaireDefinition = {
      id: 'visit',
      version: '1',
      title: 'Visit',
      items: [
        { linkId: 'weight', type: 'quantity', text: 'Weight', unit: { system: 'http://unitsofmeasure.org', code: 'kg', display: 'kg' } },
        { linkId: 'seen-at', type: 'dateTime', text: 'Seen at' },
        { linkId: 'start', type: 'time', text: 'Start' },
        { linkId: 'site', type: 'url', text: 'Web site' },
        { linkId: 'letter', type: 'attachment', text: 'Letter' },
        { linkId: 'doctor', type: 'reference', text: 'Doctor' },
        { linkId: 'reason', type: 'open-choice', text: 'Reason', options: [{ code: 'pain', display: 'Pain' }] },
        { linkId: 'notes', type: 'string', text: 'Notes', repeats: true },
        {
          linkId: 'meds',
          type: 'group',
          repeats: true,
          text: 'Medications',
          items: [{ linkId: 'med-name', type: 'string', text: 'Name' }],
        },
      ],
    };
    const answers = {
      weight: { value: 71.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
      'seen-at': '2026-03-01T09:30:00-05:00',
      start: '09:30:00',
      site: 'https://example.org',
      letter: { title: 'referral.pdf', contentType: 'application/pdf', size: 48213 },
      doctor: { reference: 'Practitioner/p1', display: 'Dr. Ruiz' },
      reason: 'sore back',
      notes: ['first', 'second'],
      meds: [
        { instanceId: 'm-1', answers: { 'med-name': 'ibuprofen' } },
        { instanceId: 'm-2', answers: { 'med-name': 'paracetamol' } },
      ],
    };
    assert.deepEqual(validateResponse(definition, answers), []);
    const response = toFhirQuestionnaireResponse({ answers }, definition);
    assert.deepEqual(validateR4(response), []);
    const byId = (id: string) => response.item!.filter((i) => i.linkId === id);
    assert.deepEqual(byId('weight')[0]!.answer, [{ valueQuantity: answers.weight }]);
    assert.deepEqual(byId('reason')[0]!.answer, [{ valueString: 'sore back' }]);
    assert.deepEqual(byId('notes')[0]!.answer, [{ valueString: 'first' }, { valueString: 'second' }]);
    assert.deepEqual(byId('meds').map((i) => i.id), ['m-1', 'm-2']);
    assert.deepEqual(fromFhirQuestionnaireResponse(response, definition).answers, answers);
  });

  it('drops attachment bytes on the way in and reports it', () => {
    const definition: QuestionnaireDefinition = { id: 'a', version: '1', title: 'A', items: [{ linkId: 'file', type: 'attachment', text: 'File' }] };
    const { answers, report } = fromFhirQuestionnaireResponse(
      { resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: 'file', answer: [{ valueAttachment: { title: 'x.txt', data: 'aGk=' } }] }] },
      definition,
    );
    assert.deepEqual(answers, { file: { title: 'x.txt' } });
    assert.deepEqual(report.entries.map((e) => e.path), ['QuestionnaireResponse.item[0].answer[0].valueAttachment.data']);
  });

  it('a PHQ-9 response with its calculated total is a valid R4 response', () => {
    const definition = definitionOf('lhc-phq9.json');
    const q = load<Questionnaire>('lhc-phq9.json');
    const answers = Object.fromEntries(q.item!.slice(0, 9).map((item) => [item.linkId, item.answerOption![1]!.valueCoding!.code!]));
    const result = applyExpressions(definition, answers, createFhirPathEngine());
    const response = toFhirQuestionnaireResponse({ answers: result.answers }, definition, { expressions: result });
    assert.deepEqual(validateR4(response), []);
    assert.deepEqual(response.item!.find((i) => i.linkId === '/44261-6')!.answer, [{ valueDecimal: 9 }]);
  });
});
