import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInstance, type Answers } from './answers.js';
import { evaluateResponse } from './evaluate-response.js';
import { applyExpressions, initialAnswers, type ExpressionEngine, type ExpressionRequest } from './expressions.js';
import type { QuestionnaireDefinition } from './questionnaire-schema.js';
import { visibleItems } from './visibility.js';

/**
 * Core has no expression language: a host's engine evaluates. This stub knows a few named expressions
 * (its "language" is a lookup table), enough to test what core does with results: order, scope,
 * settling of chained calculations, visibility and failures.
 */
const TABLE: Record<string, (r: ExpressionRequest) => unknown[]> = {
  weight: (r) => (typeof r.answers['weight'] === 'number' ? [r.answers['weight']] : []),
  double: (r) => (r.variables['w']?.length ? [(r.variables['w'][0] as number) * 2] : []),
  'plus-one': (r) => (typeof r.answers['doubled'] === 'number' ? [r.answers['doubled'] + 1] : []),
  heavy: (r) => [typeof r.answers['weight'] === 'number' && r.answers['weight'] > 100],
  risk: (r) => (r.answers['weight'] === undefined ? [] : [{ system: 'http://loinc.org', code: (r.answers['weight'] as number) > 100 ? 'LA19952-3' : 'LA19983-8' }]),
  'member-label': (r) => [`member in ${r.at.map((a) => a.instanceId).join('/')}`],
  broken: () => {
    throw new Error('unknown function foo()');
  },
  today: () => ['2026-03-01'],
};
const engine: ExpressionEngine = {
  supports: (language) => language === 'text/x-table',
  evaluate: (request) => TABLE[request.expression.expression]!(request),
};
const x = (expression: string) => ({ language: 'text/x-table', expression });

const FORM: QuestionnaireDefinition = {
  id: 'calc',
  version: '1',
  title: 'Calculations',
  variables: [{ ...x('weight'), name: 'w' }],
  items: [
    // Declared before what it depends on: the second pass settles it.
    { linkId: 'plus', type: 'integer', text: 'Doubled plus one', readOnly: true, calculatedExpression: x('plus-one') },
    { linkId: 'weight', type: 'decimal', text: 'Weight' },
    { linkId: 'doubled', type: 'decimal', text: 'Doubled', readOnly: true, calculatedExpression: x('double') },
    { linkId: 'risk', type: 'choice', text: 'Risk', readOnly: true, calculatedExpression: x('risk'), options: [{ code: 'LA19952-3', display: 'At risk' }, { code: 'LA19983-8', display: 'No risk' }] },
    { linkId: 'heavy-note', type: 'display', text: 'Heavy', enableWhenExpression: x('heavy') },
    { linkId: 'seen-on', type: 'date', text: 'Seen on', initialExpression: x('today') },
    { linkId: 'clinic', type: 'string', text: 'Clinic', initial: 'North' },
    { linkId: 'fhirpath-only', type: 'string', text: 'Not evaluated', calculatedExpression: { language: 'text/cql', expression: 'x' } },
    { linkId: 'bad', type: 'string', text: 'Bad', calculatedExpression: x('broken') },
    { linkId: 'members', type: 'group', repeats: true, text: 'Members', items: [{ linkId: 'label', type: 'string', text: 'Label', calculatedExpression: x('member-label') }] },
  ],
};

describe('applyExpressions', () => {
  it('computes calculated answers, chained ones included, and converts Codings to option codes', () => {
    const result = applyExpressions(FORM, { weight: 60 }, engine);
    assert.equal(result.answers['doubled'], 120);
    assert.equal(result.answers['plus'], 121);
    assert.equal(result.answers['risk'], 'LA19983-8');
    assert.ok(result.calculated.has('doubled'));
  });

  it('clears a calculated answer when its expression gives nothing', () => {
    const result = applyExpressions(FORM, { doubled: 5, plus: 6 }, engine);
    assert.equal(result.answers['doubled'], undefined);
    assert.equal(result.answers['plus'], undefined);
  });

  it('hides an item whose enableWhenExpression is false, for visibility and evaluation alike', () => {
    const light = applyExpressions(FORM, { weight: 60 }, engine);
    assert.ok(!visibleItems(FORM, light.answers, { expressions: light }).some((v) => v.linkId === 'heavy-note'));
    const heavy = applyExpressions(FORM, { weight: 120 }, engine);
    assert.ok(visibleItems(FORM, heavy.answers, { expressions: heavy }).some((v) => v.linkId === 'heavy-note'));
    assert.equal(evaluateResponse(FORM, heavy.answers, { expressions: heavy }).response['risk'], 'LA19952-3');
  });

  it('reports a failing expression and goes on; skips languages the engine does not support', () => {
    const result = applyExpressions(FORM, { weight: 60 }, engine);
    assert.deepEqual(result.issues, [{ linkId: 'bad', kind: 'calculatedExpression', message: 'unknown function foo()' }]);
    assert.equal(result.answers['fhirpath-only'], undefined);
  });

  it('evaluates inside each repeating-group instance with that instance in scope', () => {
    let answers: Answers = {};
    answers = addInstance(answers, 'members', { instanceId: 'm1' }).answers;
    answers = addInstance(answers, 'members', { instanceId: 'm2' }).answers;
    const result = applyExpressions(FORM, answers, engine);
    const members = result.answers['members'] as { instanceId: string; answers: Answers }[];
    assert.deepEqual(members.map((m) => m.answers['label']), ['member in m1', 'member in m2']);
  });

  it('does not change the answers it was given', () => {
    const answers = { weight: 60 };
    applyExpressions(FORM, answers, engine);
    assert.deepEqual(answers, { weight: 60 });
  });
});

describe('initialAnswers', () => {
  it('starts with initial values and, given an engine, initialExpression results', () => {
    assert.deepEqual(initialAnswers(FORM).answers, { clinic: 'North' });
    assert.deepEqual(initialAnswers(FORM, { engine }).answers, { 'seen-on': '2026-03-01', clinic: 'North' });
  });
});
