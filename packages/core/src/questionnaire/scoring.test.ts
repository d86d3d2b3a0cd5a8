import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveNeeds } from './derive-needs.js';
import { evaluateResponse } from './evaluate-response.js';
import type { QuestionnaireDefinition } from './questionnaire-schema.js';
import { computeFlags, computeScores } from './scoring.js';

/** A caregiver strain check: mixed item types in one sum, one item shown only to live-in caregivers. */
const CAREGIVER: QuestionnaireDefinition = {
  id: 'caregiver-strain-check',
  version: '0.2.0',
  title: 'Caregiver strain check',
  items: [
    { linkId: 'lives-with-person', type: 'boolean', text: 'Do you live with the person you care for?' },
    {
      linkId: 'sleep',
      type: 'choice',
      text: 'Is your sleep disturbed?',
      options: [
        { code: 'no', display: 'No', score: 0 },
        { code: 'sometimes', display: 'Sometimes', score: 1 },
        { code: 'yes', display: 'Yes', score: 2 },
      ],
    },
    { linkId: 'hours', type: 'integer', text: 'Hours of care per day', min: 0, max: 24 },
    {
      linkId: 'tasks',
      type: 'multi-choice',
      text: 'Which tasks do you do?',
      options: [
        { code: 'bathing', display: 'Bathing', score: 2 },
        { code: 'meals', display: 'Meals', score: 1 },
        { code: 'medication', display: 'Medication', score: 1 },
      ],
    },
    { linkId: 'night-care', type: 'boolean', text: 'Do you give care at night?', enableWhen: [{ question: 'lives-with-person', operator: '=', answer: true }] },
  ],
  scoring: [
    {
      id: 'strain',
      label: { en: 'Strain', es: 'Sobrecarga' },
      method: 'sum',
      items: ['sleep', 'hours', 'tasks', 'night-care'],
      bands: [
        { min: 0, max: 5, code: 'low', label: { en: 'Low', es: 'Baja' } },
        { min: 6, max: 100, code: 'high', label: { en: 'High', es: 'Alta' } },
      ],
    },
    { id: 'strain-complete', label: 'Strain (all items)', method: 'sum', items: ['sleep', 'hours', 'tasks', 'night-care'], requiresAll: true },
  ],
  flags: [
    { id: 'overloaded', label: 'Caregiver may be overloaded', severity: 'warning', when: [{ score: 'strain', operator: '>=', answer: 10 }] },
    {
      id: 'no-rest',
      label: 'No rest day or night',
      when: [
        { question: 'night-care', operator: '=', answer: true },
        { question: 'hours', operator: '>=', answer: 12 },
      ],
      behavior: 'all',
    },
  ],
  needRules: [
    { domain: 'social-support', when: [{ score: 'strain', operator: '>=', answer: 6 }] },
    { domain: 'health', when: [{ question: 'sleep', operator: '=', answer: 'yes' }] },
    { domain: 'social-support', when: [{ question: 'night-care', operator: '=', answer: true }] },
  ],
};

describe('computeScores', () => {
  it('sums option scores, numbers, multi-choice selections and booleans', () => {
    const scores = computeScores(CAREGIVER, { 'lives-with-person': true, sleep: 'sometimes', hours: 3, tasks: ['bathing', 'meals'], 'night-care': true });
    assert.deepEqual(scores['strain'], { value: 1 + 3 + 3 + 1, complete: true, answered: 4, total: 4, band: { code: 'high', label: 'High' } });
    assert.equal(computeScores(CAREGIVER, { sleep: 'no', hours: 2 }, { lang: 'es' })['strain']!.band!.label, 'Baja');
  });

  it('counts hidden items as unanswered, and is null when nothing is answered', () => {
    const draft = { 'lives-with-person': false, sleep: 'yes', hours: 2, tasks: ['meals'], 'night-care': true };
    const scores = computeScores(CAREGIVER, draft);
    assert.deepEqual(scores['strain'], { value: 5, complete: false, answered: 3, total: 4, band: { code: 'low', label: 'Low' } });
    assert.deepEqual(scores['strain-complete'], { value: null, complete: false, answered: 3, total: 4 });
    assert.deepEqual(computeScores(CAREGIVER, {})['strain'], { value: null, complete: false, answered: 0, total: 4 });
  });
});

describe('computeFlags and deriveNeeds', () => {
  it('raise flags on scores and on combined conditions', () => {
    const answers = { 'lives-with-person': true, sleep: 'yes', hours: 14, tasks: ['bathing'], 'night-care': true };
    assert.deepEqual(computeFlags(CAREGIVER, answers), [
      { id: 'overloaded', label: 'Caregiver may be overloaded', severity: 'warning' },
      { id: 'no-rest', label: 'No rest day or night', severity: 'warning' },
    ]);
    assert.deepEqual(computeFlags(CAREGIVER, { ...answers, hours: 4 }).map((f) => f.id), []);
  });

  it('derive distinct domains in NEED_DOMAINS order, ignoring hidden answers', () => {
    const answers = { 'lives-with-person': true, sleep: 'yes', hours: 8, 'night-care': true };
    assert.deepEqual(deriveNeeds(CAREGIVER, answers), ['health', 'social-support']);
    assert.deepEqual(deriveNeeds(CAREGIVER, { 'lives-with-person': false, hours: 1, 'night-care': true }), []);
  });

  it('evaluateResponse returns all results from one pass', () => {
    const answers = { 'lives-with-person': false, sleep: 'yes', hours: 30, 'night-care': true };
    const result = evaluateResponse(CAREGIVER, answers);
    assert.deepEqual(result.response, { 'lives-with-person': false, sleep: 'yes', hours: 30 });
    assert.deepEqual(result.issues.map((i) => `${i.path.join('.')}:${i.code}`), ['hours:max']);
    assert.equal(result.scores['strain']!.value, 32);
    assert.deepEqual(result.flags.map((f) => f.id), ['overloaded']);
    assert.deepEqual(result.needs, ['health', 'social-support']);
  });
});
