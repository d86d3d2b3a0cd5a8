import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Answers, AnswerValue } from './answers.js';
import type { Behavior, Condition, Item, QuestionnaireDefinition } from './questionnaire-schema.js';
import { isEnabled } from './visibility.js';

const QUESTIONS: Item[] = [
  { linkId: 'household-size', type: 'integer', text: 'How many people live in your home?' },
  { linkId: 'monthly-income', type: 'decimal', text: 'Monthly household income' },
  { linkId: 'move-in-date', type: 'date', text: 'When did you move in?' },
  { linkId: 'has-lease', type: 'boolean', text: 'Is your name on a lease?' },
  { linkId: 'landlord-name', type: 'string', text: 'Landlord name' },
  {
    linkId: 'housing-type',
    type: 'choice',
    text: 'Type of housing',
    options: [
      { code: 'apartment', display: 'Apartment' },
      { code: 'house', display: 'House' },
      { code: 'shelter', display: 'Shelter' },
    ],
  },
  {
    linkId: 'rent-burden',
    type: 'choice',
    text: 'How much of your income goes to rent?',
    options: [
      { code: 'under-third', display: 'Less than a third', score: 0 },
      { code: 'third-half', display: 'A third to a half', score: 1 },
      { code: 'over-half', display: 'More than half', score: 2 },
    ],
  },
  {
    linkId: 'repairs',
    type: 'multi-choice',
    text: 'Repairs needed',
    options: [
      { code: 'heat', display: 'Heat', score: 2 },
      { code: 'plumbing', display: 'Plumbing', score: 1 },
      { code: 'none', display: 'None', score: 0, exclusive: true },
    ],
  },
];

/** Shows `follow-up` when `conditions` hold; returns whether it is enabled for `answers`. */
function enabled(conditions: Condition[], answers: Answers, behavior?: Behavior): boolean {
  const definition: QuestionnaireDefinition = {
    id: 'housing-check',
    version: '1.0.0',
    title: 'Housing check',
    items: [...QUESTIONS, { linkId: 'follow-up', type: 'display', text: 'Follow-up', enableWhen: conditions, ...(behavior ? { enableBehavior: behavior } : {}) }],
  };
  return isEnabled('follow-up', answers, { definition });
}

/** One condition against one answer (undefined = unanswered). */
function when(question: string, operator: Condition['operator'], expected: Condition['answer'], answer: AnswerValue | undefined): boolean {
  return enabled([{ question, operator, answer: expected }], answer === undefined ? {} : { [question]: answer });
}

describe('enableWhen operators', () => {
  it('exists true / false', () => {
    assert.equal(when('landlord-name', 'exists', true, 'Ms. Okafor'), true);
    assert.equal(when('landlord-name', 'exists', true, undefined), false);
    assert.equal(when('landlord-name', 'exists', true, '   '), false, 'a blank answer is no answer');
    assert.equal(when('landlord-name', 'exists', false, undefined), true);
    assert.equal(when('landlord-name', 'exists', false, 'Ms. Okafor'), false);
    assert.equal(when('repairs', 'exists', true, []), false, 'an empty selection is no answer');
    assert.equal(when('has-lease', 'exists', true, false), true, 'false is an answer');
    assert.equal(when('household-size', 'exists', true, 0), true, '0 is an answer');
  });

  it('= and != on integers and decimals', () => {
    assert.equal(when('household-size', '=', 4, 4), true);
    assert.equal(when('household-size', '=', 4, 3), false);
    assert.equal(when('household-size', '!=', 4, 3), true);
    assert.equal(when('household-size', '!=', 4, 4), false);
    assert.equal(when('monthly-income', '=', 1250.5, 1250.5), true);
  });

  it('>, <, >=, <= on numbers, at and around the boundary', () => {
    const cases: [Condition['operator'], number, boolean][] = [
      ['>', 5, false], ['>', 6, true],
      ['<', 5, false], ['<', 4, true],
      ['>=', 5, true], ['>=', 4, false],
      ['<=', 5, true], ['<=', 6, false],
    ];
    for (const [operator, answer, expected] of cases) {
      assert.equal(when('household-size', operator, 5, answer), expected, `${answer} ${operator} 5`);
    }
    assert.equal(when('monthly-income', '<', 1500, 1499.99), true);
    assert.equal(when('monthly-income', '>=', 1500, 1499.99), false);
  });

  it('compares dates in calendar order', () => {
    assert.equal(when('move-in-date', '>', '2026-01-31', '2026-02-01'), true);
    assert.equal(when('move-in-date', '>', '2026-01-31', '2026-01-31'), false);
    assert.equal(when('move-in-date', '>=', '2026-01-31', '2026-01-31'), true);
    assert.equal(when('move-in-date', '<', '2026-01-31', '2025-12-31'), true);
    assert.equal(when('move-in-date', '<=', '2026-01-31', '2026-02-01'), false);
    assert.equal(when('move-in-date', '=', '2026-01-31', '2026-01-31'), true);
    assert.equal(when('move-in-date', '!=', '2026-01-31', '2026-02-01'), true);
    assert.equal(when('move-in-date', '<', '2026-01-31', '2026-02-30'), false, 'an impossible date is no answer');
  });

  it('= and != on booleans and text', () => {
    assert.equal(when('has-lease', '=', false, false), true);
    assert.equal(when('has-lease', '=', false, true), false);
    assert.equal(when('has-lease', '!=', true, false), true);
    assert.equal(when('landlord-name', '=', 'City Housing Authority', 'City Housing Authority'), true);
    assert.equal(when('landlord-name', '!=', 'City Housing Authority', 'Private'), true);
  });

  it('= and != on codes; >, <, >=, <= on a choice compare option scores', () => {
    assert.equal(when('housing-type', '=', 'shelter', 'shelter'), true);
    assert.equal(when('housing-type', '=', 'shelter', 'house'), false);
    assert.equal(when('housing-type', '!=', 'shelter', 'house'), true);
    assert.equal(when('housing-type', '=', 'shelter', 'tent'), false, 'a code that is not an option is no answer');
    assert.equal(when('rent-burden', '>=', 1, 'third-half'), true);
    assert.equal(when('rent-burden', '>', 1, 'third-half'), false);
    assert.equal(when('rent-burden', '<', 1, 'under-third'), true);
    assert.equal(when('rent-burden', '<=', 1, 'over-half'), false);
  });

  it('multi-choice: = means selected, != means not selected', () => {
    assert.equal(when('repairs', '=', 'heat', ['plumbing', 'heat']), true);
    assert.equal(when('repairs', '=', 'heat', ['plumbing']), false);
    assert.equal(when('repairs', '!=', 'none', ['plumbing']), true);
    assert.equal(when('repairs', '!=', 'none', ['none']), false);
    assert.equal(when('repairs', '>=', 2, ['plumbing', 'heat']), true, 'any selected option score');
    assert.equal(when('repairs', '>=', 2, ['plumbing']), false);
  });

  it('every operator but exists is false when the question is unanswered (FHIR)', () => {
    for (const operator of ['=', '!=', '>', '<', '>=', '<='] as const) {
      assert.equal(when('household-size', operator, 3, undefined), false, operator);
    }
    assert.equal(when('housing-type', '!=', 'shelter', undefined), false);
  });

  it('treats an answer of the wrong type as no answer', () => {
    assert.equal(when('household-size', '>', 2, '5'), false);
    assert.equal(when('household-size', '=', 2.5, 2.5), false, '2.5 is not an integer');
    assert.equal(when('has-lease', '=', true, 'yes'), false);
  });
});

describe('enableBehavior', () => {
  const conditions: Condition[] = [
    { question: 'housing-type', operator: '=', answer: 'apartment' },
    { question: 'household-size', operator: '>', answer: 4 },
  ];
  it('all: every condition must hold (the default)', () => {
    assert.equal(enabled(conditions, { 'housing-type': 'apartment', 'household-size': 6 }), true);
    assert.equal(enabled(conditions, { 'housing-type': 'apartment', 'household-size': 2 }), false);
    assert.equal(enabled(conditions, { 'housing-type': 'apartment', 'household-size': 2 }, 'all'), false);
  });
  it('any: one condition is enough', () => {
    assert.equal(enabled(conditions, { 'housing-type': 'house', 'household-size': 6 }, 'any'), true);
    assert.equal(enabled(conditions, { 'housing-type': 'apartment' }, 'any'), true);
    assert.equal(enabled(conditions, { 'housing-type': 'house', 'household-size': 2 }, 'any'), false);
    assert.equal(enabled(conditions, {}, 'any'), false);
  });
});
