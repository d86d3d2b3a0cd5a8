import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../errors/errors.js';
import { parseAnswers, type Answers } from './answers.js';
import { parseQuestionnaire } from './compile.js';
import type { QuestionnaireDefinition } from './questionnaire-schema.js';
import { validateResponse } from './validate-response.js';
import { isEnabled, pruneHidden, visibleItems } from './visibility.js';

/** A clinic visit form using every R4 item type, LOINC-style linkIds and items nested under questions. */
const VISIT: QuestionnaireDefinition = {
  id: 'clinic-visit',
  version: '1',
  title: 'Clinic visit',
  items: [
    { linkId: '/29463-7', type: 'quantity', text: 'Weight', required: true, min: 0, unitOptions: [{ system: 'http://unitsofmeasure.org', code: 'kg', display: 'kg' }, { system: 'http://unitsofmeasure.org', code: '[lb_av]', display: 'lb' }] },
    { linkId: '/8302-2', type: 'decimal', text: 'Height', unit: { system: 'http://unitsofmeasure.org', code: 'cm', display: 'cm' } },
    { linkId: 'seen-at', type: 'dateTime', text: 'Seen at' },
    { linkId: 'start', type: 'time', text: 'Start time', min: '08:00:00', max: '18:00:00' },
    { linkId: 'site', type: 'url', text: 'Clinic web site' },
    { linkId: 'letter', type: 'attachment', text: 'Referral letter', maxSize: 1_000_000, mimeTypes: ['application/pdf'] },
    { linkId: 'doctor', type: 'reference', text: 'Referring doctor', referenceTypes: ['Practitioner'] },
    { linkId: 'reason', type: 'open-choice', text: 'Reason', options: [{ code: 'pain', display: 'Pain' }, { code: 'check-up', display: 'Check-up' }] },
    { linkId: 'allergies', type: 'string', text: 'Allergies', repeats: true, maxLength: 40 },
    // Coding without a system, as LHC-Forms writes LOINC answers.
    { linkId: 'smokes', type: 'choice', text: 'Smokes', code: [{ code: '72166-2' }], options: [{ code: 'LA33-6', display: 'Yes' }, { code: 'LA32-8', display: 'No' }],
      items: [{ linkId: 'packs', type: 'integer', text: 'Packs a day', enableWhen: [{ question: 'smokes', operator: '=', answer: 'LA33-6' }] }] },
    { linkId: 'insurer', type: 'choice', text: 'Insurer', options: [], answerValueSet: 'http://example.org/ValueSet/insurers' },
  ],
};

const GOOD: Answers = {
  '/29463-7': { value: 71.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  '/8302-2': 172,
  'seen-at': '2026-03-01T09:30:00-05:00',
  start: '09:30:00',
  site: 'https://clinic.example.org',
  letter: { title: 'referral.pdf', contentType: 'application/pdf', size: 48_213 },
  doctor: { reference: 'Practitioner/p1', display: 'Dr. Ruiz' },
  reason: 'sore back',
  allergies: ['penicillin', 'latex'],
  smokes: 'LA33-6',
  packs: 1,
  insurer: { system: 'http://example.org/insurers', code: 'acme', display: 'Acme Health' },
};

describe('R4 item types', () => {
  it('accepts a definition with every R4 type, slashes in linkIds and questions holding items', () => {
    assert.doesNotThrow(() => parseQuestionnaire(VISIT));
  });

  it('accepts good answers of every type (and the stored-answer schema does too)', () => {
    assert.deepEqual(validateResponse(VISIT, GOOD), []);
    assert.deepEqual(parseAnswers(GOOD), GOOD);
  });

  it('refuses answers of the wrong shape for the new types, at their paths', () => {
    const issues = validateResponse(VISIT, {
      ...GOOD,
      '/29463-7': { value: 71.5, unit: 'stone' },
      'seen-at': '2026-03-01T09:30', // a time needs seconds and a zone in FHIR
      start: '19:00:00',
      site: 'clinic dot org',
      letter: { title: 'scan.png', contentType: 'image/png', size: 10 },
      allergies: ['penicillin', 'a'.repeat(41)],
      packs: 1.5,
    });
    assert.deepEqual(
      issues.map((i) => [i.path.join('.'), i.code]),
      [
        ['/29463-7', 'option'],
        ['seen-at', 'type'],
        ['start', 'max'],
        ['site', 'type'],
        ['letter', 'option'],
        ['allergies', 'max-length'],
        ['packs', 'type'],
      ],
    );
  });

  it('requires a quantity answer to carry a number', () => {
    const issues = validateResponse(VISIT, { ...GOOD, '/29463-7': { unit: 'kg' } as unknown as number });
    assert.deepEqual(issues.map((i) => i.code), ['type']);
  });

  it('shows items nested under a question with it, and keeps their answers in the same map', () => {
    assert.equal(isEnabled('packs', GOOD, { definition: VISIT }), true);
    assert.equal(isEnabled('packs', { ...GOOD, smokes: 'LA32-8' }, { definition: VISIT }), false);
    const pruned = pruneHidden(VISIT, { ...GOOD, smokes: 'LA32-8' });
    assert.equal(pruned['packs'], undefined);
    assert.equal(pruned['smokes'], 'LA32-8');
    const packs = visibleItems(VISIT, GOOD).find((v) => v.linkId === 'packs')!;
    assert.equal(packs.depth, 1);
  });

  it('escapes linkIds in visibility keys so a "/" in a linkId cannot collide with instance paths', () => {
    assert.equal(visibleItems(VISIT, GOOD)[0]!.key, '%2F29463-7');
  });

  it('refuses a choice item with nothing to choose from', () => {
    assert.throws(
      () => parseQuestionnaire({ ...VISIT, items: [{ linkId: 'x', type: 'choice', text: 'X', options: [] }] }),
      (error: unknown) => error instanceof ValidationError && error.issues[0]!.path.join('.') === 'items.0.options',
    );
  });
});

describe('enableWhen on the new types', () => {
  const on = (question: string, operator: '=' | '!=' | '>' | '<' | '>=' | '<=' | 'exists', answer: string | number | boolean): QuestionnaireDefinition => ({
    ...VISIT,
    items: [...VISIT.items, { linkId: 'follow-up', type: 'display', text: 'Follow-up', enableWhen: [{ question, operator, answer }] }],
  });
  const shown = (definition: QuestionnaireDefinition, answers: Answers) => isEnabled('follow-up', answers, { definition });

  it('compares a quantity by its value, times and dateTimes as text, repeats by any answer', () => {
    assert.equal(shown(on('/29463-7', '>', 70), GOOD), true);
    assert.equal(shown(on('/29463-7', '>', 80), GOOD), false);
    assert.equal(shown(on('start', '<', '10:00:00'), GOOD), true);
    assert.equal(shown(on('seen-at', '>=', '2026-03-01'), GOOD), true);
    assert.equal(shown(on('allergies', '=', 'latex'), GOOD), true);
    assert.equal(shown(on('allergies', '!=', 'latex'), GOOD), false);
    assert.equal(shown(on('allergies', '!=', 'pollen'), GOOD), true);
  });

  it('compares an open-choice by code or free text, and a Coding answer by its code', () => {
    assert.equal(shown(on('reason', '=', 'sore back'), GOOD), true);
    assert.equal(shown(on('reason', '=', 'pain'), { ...GOOD, reason: 'pain' }), true);
    assert.equal(shown(on('insurer', '=', 'acme'), GOOD), true);
    assert.equal(shown(on('insurer', '!=', 'acme'), GOOD), false);
  });

  it('tests attachments and references with exists only', () => {
    assert.equal(shown(on('letter', 'exists', true), GOOD), true);
    assert.equal(shown(on('letter', 'exists', false), GOOD), false);
    assert.throws(() => parseQuestionnaire(on('doctor', '=', 'Practitioner/p1')), ValidationError);
  });
});
