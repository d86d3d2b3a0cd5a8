import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../errors/errors.js';
import { compileQuestionnaire, parseQuestionnaire } from './compile.js';
import { localizedText } from './localized-text.js';
import type { Item, QuestionnaireDefinition } from './questionnaire-schema.js';

const definition = (items: Item[], extra: Partial<QuestionnaireDefinition> = {}): QuestionnaireDefinition => ({
  id: 'home-visit',
  version: '1.0.0',
  title: 'Home visit check-in',
  items,
  ...extra,
});

const BASE: Item[] = [
  { linkId: 'visit-type', type: 'choice', text: 'Visit type', options: [{ code: 'home', display: 'Home' }, { code: 'phone', display: 'Phone' }] },
  { linkId: 'people-present', type: 'integer', text: 'How many people were present?', min: 0 },
  {
    linkId: 'household',
    type: 'group',
    repeats: true,
    text: 'Household members',
    items: [{ linkId: 'member-age', type: 'integer', text: 'Age' }],
  },
];

/** The issues of the ValidationError a definition throws. */
function issuesOf(input: unknown): { path: (string | number)[]; message: string }[] {
  try {
    parseQuestionnaire(input);
  } catch (error) {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    return error.issues;
  }
  assert.fail('the definition was accepted');
}

describe('questionnaire definitions', () => {
  it('accepts a valid definition and returns a checked copy', () => {
    const input = definition(BASE);
    const parsed = parseQuestionnaire(input);
    assert.deepEqual(parsed, input);
    assert.equal(compileQuestionnaire(input), compileQuestionnaire(input), 'compiled once per object');
  });

  it('rejects a duplicate linkId with the path of the second item', () => {
    const issues = issuesOf(
      definition([...BASE, { linkId: 'household-notes', type: 'group', text: 'Notes', items: [{ linkId: 'people-present', type: 'string', text: 'Again' }] }]),
    );
    assert.deepEqual(issues.map((i) => i.path), [['items', 3, 'items', 0, 'linkId']]);
    assert.match(issues[0]!.message, /people-present/);
  });

  it('rejects a duplicate linkId inside a repeating group', () => {
    const issues = issuesOf(
      definition([{ linkId: 'member-age', type: 'integer', text: 'Your age' }, ...BASE]),
    );
    assert.deepEqual(issues.map((i) => i.path), [['items', 3, 'items', 0, 'linkId']]);
  });

  it('rejects enableWhen pointing at an unknown linkId, with the path of the condition', () => {
    const issues = issuesOf(
      definition([
        ...BASE,
        { linkId: 'pets', type: 'boolean', text: 'Pets?', enableWhen: [{ question: 'visit-type', operator: '=', answer: 'home' }, { question: 'visit-kind', operator: 'exists', answer: true }] },
      ]),
    );
    assert.deepEqual(issues.map((i) => i.path), [['items', 3, 'enableWhen', 1, 'question']]);
    assert.match(issues[0]!.message, /visit-kind/);
  });

  it('throws the same ValidationError from compileQuestionnaire', () => {
    assert.throws(
      () => compileQuestionnaire(definition([{ linkId: 'a', type: 'boolean', text: 'A', enableWhen: [{ question: 'b', operator: '=', answer: true }] }])),
      (error: unknown) => error instanceof ValidationError && error.issues[0]!.path.join('.') === 'items.0.enableWhen.0.question',
    );
  });

  it('rejects condition answers that do not fit the question', () => {
    const issues = issuesOf(
      definition([
        ...BASE,
        { linkId: 'a', type: 'display', text: 'A', enableWhen: [{ question: 'visit-type', operator: '=', answer: 'video' }] },
        { linkId: 'b', type: 'display', text: 'B', enableWhen: [{ question: 'people-present', operator: '>', answer: '3' }] },
        { linkId: 'c', type: 'display', text: 'C', enableWhen: [{ question: 'visit-type', operator: 'exists', answer: 'yes' }] },
        { linkId: 'd', type: 'display', text: 'D', enableWhen: [{ question: 'visit-type', operator: '>', answer: 1 }] },
        { linkId: 'e', type: 'display', text: 'E', enableWhen: [{ question: 'household', operator: 'exists', answer: true }] },
      ]),
    );
    assert.deepEqual(issues.map((i) => i.path.join('.')), [
      'items.3.enableWhen.0.answer',
      'items.4.enableWhen.0.answer',
      'items.5.enableWhen.0.answer',
      'items.6.enableWhen.0.operator', // ordered comparison on a choice needs option scores
      'items.7.enableWhen.0.question', // a group has no answer
    ]);
  });

  it('rejects enableWhen cycles', () => {
    const issues = issuesOf(
      definition([
        { linkId: 'a', type: 'boolean', text: 'A', enableWhen: [{ question: 'b', operator: '=', answer: true }] },
        { linkId: 'b', type: 'boolean', text: 'B', enableWhen: [{ question: 'a', operator: '=', answer: true }] },
      ]),
    );
    assert.equal(issues.length, 1);
    assert.match(issues[0]!.message, /depends on itself/);
    // A group shown only when one of its own questions is answered is a cycle too.
    const nested = issuesOf(
      definition([
        { linkId: 'g', type: 'group', text: 'G', enableWhen: [{ question: 'q', operator: 'exists', answer: true }], items: [{ linkId: 'q', type: 'string', text: 'Q' }] },
      ]),
    );
    assert.deepEqual(nested.map((i) => i.path), [['items', 0, 'enableWhen']]);
  });

  it('rejects a misspelled field, a bad pattern, inverted bounds and duplicate option codes', () => {
    assert.deepEqual(
      issuesOf(definition([{ linkId: 'a', type: 'boolean', text: 'A', enableWhn: [] } as unknown as Item])).map((i) => i.path),
      [['items', 0]],
    );
    const issues = issuesOf(
      definition([
        { linkId: 'zip', type: 'string', text: 'ZIP', pattern: '(\\d{5}' },
        { linkId: 'age', type: 'integer', text: 'Age', min: 10, max: 5 },
        { linkId: 'c', type: 'choice', text: 'C', options: [{ code: 'x', display: 'X' }, { code: 'x', display: 'X again' }] },
        { linkId: 'g', type: 'group', text: 'G', minRepeats: 1, items: [{ linkId: 'n', type: 'string', text: 'N' }] },
      ]),
    );
    assert.deepEqual(issues.map((i) => i.path.join('.')), ['items.0.pattern', 'items.1.min', 'items.2.options.1.code', 'items.3.repeats']);
  });

  it('checks scoring, flag and need rules against the items', () => {
    const issues = issuesOf(
      definition(BASE, {
        scoring: [
          { id: 'total', label: 'Total', method: 'sum', items: ['people-present', 'member-age', 'visit-type', 'nothing'] },
        ],
        flags: [{ id: 'crowded', label: 'Crowded', when: [{ score: 'totals', operator: '>', answer: 5 }] }],
        needRules: [{ domain: 'housing', when: [{ question: 'people', operator: '>', answer: 5 }] }],
      }),
    );
    assert.deepEqual(issues.map((i) => i.path.join('.')), [
      'scoring.0.items.1', // inside a repeating group
      'scoring.0.items.2', // options without scores
      'scoring.0.items.3', // unknown
      'flags.0.when.0.score',
      'needRules.0.when.0.question',
    ]);
  });

  it('rejects an unknown item type and an unknown need domain', () => {
    assert.deepEqual(issuesOf(definition([{ linkId: 'a', type: 'signature', text: 'A' } as unknown as Item])).map((i) => i.path), [['items', 0, 'type']]);
    const issues = issuesOf(definition(BASE, { needRules: [{ domain: 'weather' as 'housing', when: [{ question: 'people-present', operator: 'exists', answer: true }] }] }));
    assert.deepEqual(issues.map((i) => i.path), [['needRules', 0, 'domain']]);
  });
});

describe('localizedText', () => {
  const text = { es: 'Vivienda', en: 'Housing', 'pt-BR': 'Moradia' };
  it('picks the language, then its base language, then English, then the first', () => {
    assert.equal(localizedText(text, 'es'), 'Vivienda');
    assert.equal(localizedText(text, 'es-MX'), 'Vivienda');
    assert.equal(localizedText(text, 'pt-BR'), 'Moradia');
    assert.equal(localizedText(text, 'vi'), 'Housing');
    assert.equal(localizedText({ es: 'Vivienda', vi: 'Nhà ở' }, 'fr'), 'Vivienda');
    assert.equal(localizedText('Housing', 'es'), 'Housing');
    assert.equal(localizedText(undefined, 'es'), '');
  });
  it('accepts translations in definitions and rejects an empty map', () => {
    parseQuestionnaire(definition([{ linkId: 'a', type: 'boolean', text: { en: 'Pets?', es: '¿Mascotas?' }, helpText: { en: 'Dogs, cats' } }]));
    assert.deepEqual(issuesOf(definition([{ linkId: 'a', type: 'boolean', text: {} }])).map((i) => i.path), [['items', 0, 'text']]);
  });
});
