import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInstance, applyExpressions, initialAnswers, visibleItems, type Answers, type QuestionnaireDefinition } from '@casekit/core';
import { createFhirPathEngine } from './fhirpath-engine.js';

const fhirpath = (expression: string) => ({ language: 'text/fhirpath', expression });

/** A household form written for casekit, using SDC expressions the way published forms do. */
const HOUSEHOLD: QuestionnaireDefinition = {
  id: 'household-budget',
  version: '1',
  title: 'Household budget',
  variables: [{ name: 'incomes', ...fhirpath("%resource.repeat(item).where(linkId='member/income').answer.value") }],
  items: [
    { linkId: 'rent', type: 'decimal', text: 'Monthly rent' },
    {
      linkId: 'members',
      type: 'group',
      repeats: true,
      text: 'Members',
      // A group variable: %context is the member's own instance.
      variables: [{ name: 'memberName', ...fhirpath("%context.item.where(linkId='member/name').answer.value") }],
      items: [
        { linkId: 'member/name', type: 'string', text: 'Name' },
        { linkId: 'member/income', type: 'decimal', text: 'Monthly income' },
        { linkId: 'member/greeting', type: 'string', text: 'Greeting', readOnly: true, calculatedExpression: fhirpath("'Hello ' + %memberName") },
      ],
    },
    { linkId: 'total-income', type: 'decimal', text: 'Total income', readOnly: true, calculatedExpression: fhirpath('iif(%incomes.exists(), %incomes.sum(), {})') },
    {
      linkId: 'burden',
      type: 'quantity',
      text: 'Rent burden',
      readOnly: true,
      unit: { system: 'http://unitsofmeasure.org', code: '%', display: '%' },
      variables: [{ name: 'rent', ...fhirpath("%resource.item.where(linkId='rent').answer.value") }],
      calculatedExpression: fhirpath("iif(%rent.exists() and %resource.item.where(linkId='total-income').answer.value > 0, (%rent * 100 / %resource.item.where(linkId='total-income').answer.value).round(0), {})"),
    },
    { linkId: 'help', type: 'display', text: 'You may qualify for rent help.', enableWhenExpression: fhirpath("%resource.item.where(linkId='burden').answer.value.value > 30") },
    { linkId: 'today', type: 'date', text: 'Today', initialExpression: fhirpath("'2026-03-01'") },
  ],
};

describe('createFhirPathEngine', () => {
  const engine = createFhirPathEngine();

  function household(): Answers {
    let answers: Answers = { rent: 900 };
    answers = addInstance(answers, 'members', { instanceId: 'ana', answers: { 'member/name': 'Ana', 'member/income': 1200 } }).answers;
    answers = addInstance(answers, 'members', { instanceId: 'luis', answers: { 'member/name': 'Luis', 'member/income': 1300 } }).answers;
    return answers;
  }

  it('sums across repeating-group instances, chains calculations and shows a quantity with its unit', () => {
    const result = applyExpressions(HOUSEHOLD, household(), engine);
    assert.deepEqual(result.issues, []);
    assert.equal(result.answers['total-income'], 2500);
    assert.deepEqual(result.answers['burden'], { value: 36, unit: '%', system: 'http://unitsofmeasure.org', code: '%' });
  });

  it('evaluates in each instance with that instance as %context', () => {
    const result = applyExpressions(HOUSEHOLD, household(), engine);
    const members = result.answers['members'] as { answers: Answers }[];
    assert.deepEqual(members.map((m) => m.answers['member/greeting']), ['Hello Ana', 'Hello Luis']);
  });

  it('shows an item when its enableWhenExpression holds', () => {
    const shown = (answers: Answers) => {
      const result = applyExpressions(HOUSEHOLD, answers, engine);
      return visibleItems(HOUSEHOLD, result.answers, { expressions: result }).some((v) => v.linkId === 'help');
    };
    assert.equal(shown(household()), true);
    assert.equal(shown({ ...household(), rent: 500 }), false);
  });

  it('reports an expression that fails instead of throwing (here: SDC launch context not given)', () => {
    const form: QuestionnaireDefinition = { ...HOUSEHOLD, items: [{ linkId: 'dob', type: 'date', text: 'Birth date', calculatedExpression: fhirpath('%patient.birthDate') }] };
    const result = applyExpressions(form, {}, engine);
    assert.equal(result.issues.length, 1);
    assert.equal(result.issues[0]!.linkId, 'dob');
    const withPatient = applyExpressions(form, {}, createFhirPathEngine({ environment: { patient: { resourceType: 'Patient', birthDate: '1984-03-12' } } }));
    assert.equal(withPatient.answers['dob'], '1984-03-12');
  });

  it('fills initialExpression values when a response starts', () => {
    assert.equal(initialAnswers(HOUSEHOLD, { engine }).answers['today'], '2026-03-01');
  });
});
