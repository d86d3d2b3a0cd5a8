import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInstance, setAnswer, type Answers } from '../answers.js';
import { compileQuestionnaire } from '../compile.js';
import { deriveNeeds } from '../derive-needs.js';
import { evaluateResponse } from '../evaluate-response.js';
import { computeFlags } from '../scoring.js';
import { pruneHidden, visibleItems } from '../visibility.js';
import { validateResponse } from '../validate-response.js';
import { getInstrument, INSTRUMENTS } from './all.js';
import { INSTRUMENT_IDS, loadInstrument } from './registry.js';
import { SOCIAL_NEEDS_INTAKE } from './social-needs-intake.js';
import { PHQ9 } from './phq9.js';

/** Answers that raise no need: the baseline each persona changes. */
const NO_NEEDS: Answers = {
  'preferred-language': 'en',
  'interpreter-needed': false,
  'lives-with-others': false,
  'housing-situation': 'stable',
  'housing-problems': ['none'],
  'food-ran-out': 'never',
  'food-skipped-meals': false,
  'transport-missed': false,
  'utilities-shutoff': 'no',
  'utilities-phone': true,
  'safety-home': true,
  'safety-afraid': false,
  'finances-basic-costs': 'easy',
  'employment-status': 'full-time',
  'health-insurance': 'yes',
  'health-usual-care': true,
  'health-unmet-care': false,
  'mh-stress': 'some-days',
  'mh-wants-support': false,
  'substance-concern': 'no',
  'legal-issues': ['none'],
  'education-wants-help': false,
  'social-lonely': 'rarely',
  'social-someone-to-call': true,
};

/**
 * Guadalupe, 31, speaks Spanish and asks for an interpreter. She and her two children (4 and 9) have
 * stayed with her cousin since a fire in their building. She works part time; this year the food ran
 * out some months. Everything else is steady.
 */
function guadalupe(): Answers {
  let answers: Answers = {
    ...NO_NEEDS,
    'preferred-language': 'es',
    'interpreter-needed': true,
    'lives-with-others': true,
    'housing-situation': 'temporary',
    'housing-tonight': 'friends-family',
    'food-ran-out': 'sometimes',
    'food-benefits': 'applied',
    'employment-status': 'part-time',
    'employment-help': false,
    'transport-usual': 'public-transit',
    priorities: 'Encontrar un apartamento cerca de la escuela de Sofía.',
  };
  delete answers['housing-problems']; // not asked of someone in temporary housing
  for (const [name, relationship, age, inSchool] of [
    ['Sofía', 'child', 9, true],
    ['Diego', 'child', 4, undefined],
  ] as const) {
    const added = addInstance(answers, 'household');
    answers = added.answers;
    const at = [{ group: 'household', instanceId: added.instanceId }];
    answers = setAnswer(answers, 'member-name', name, at);
    answers = setAnswer(answers, 'member-relationship', relationship, at);
    answers = setAnswer(answers, 'member-age', age, at);
    answers = setAnswer(answers, 'member-in-school', inSchool, at);
  }
  return answers;
}

describe('social needs intake', () => {
  it('is a valid definition with English and Spanish text everywhere', () => {
    const compiled = compileQuestionnaire(SOCIAL_NEEDS_INTAKE);
    assert.equal(SOCIAL_NEEDS_INTAKE.id, 'casekit-social-needs-intake');
    assert.equal(SOCIAL_NEEDS_INTAKE.version, '1.0.0');
    const missing: string[] = [];
    const check = (where: string, text: unknown) => {
      if (typeof text !== 'object' || text === null || !('en' in text) || !('es' in text)) missing.push(where);
    };
    for (const node of compiled.index.nodes) {
      check(node.linkId, node.item.text);
      if (node.item.helpText) check(`${node.linkId} help`, node.item.helpText);
      for (const option of node.options?.values() ?? []) check(`${node.linkId}=${option.code}`, option.display);
    }
    for (const flag of SOCIAL_NEEDS_INTAKE.flags ?? []) check(flag.id, flag.label);
    assert.deepEqual(missing, []);
  });

  it('derives every need domain from some answer', () => {
    const domains = new Set((SOCIAL_NEEDS_INTAKE.needRules ?? []).map((r) => r.domain));
    assert.equal(domains.size, 13);
  });

  it('a Spanish-speaking mother of two, unstably housed, who ran out of food: housing and food, interpreter flagged', () => {
    const answers = guadalupe();
    assert.deepEqual(validateResponse(SOCIAL_NEEDS_INTAKE, answers), []);
    const result = evaluateResponse(SOCIAL_NEEDS_INTAKE, answers, { lang: 'es' });
    assert.deepEqual(result.needs, ['housing', 'food']);
    assert.deepEqual(result.flags, [{ id: 'interpreter-needed', label: 'Necesita intérprete', severity: 'info' }]);
    const household = result.response['household'] as { instanceId: string; answers: Answers }[];
    assert.deepEqual(household.map((m) => m.answers), [
      { 'member-name': 'Sofía', 'member-relationship': 'child', 'member-age': 9, 'member-in-school': true },
      { 'member-name': 'Diego', 'member-relationship': 'child', 'member-age': 4 },
    ]);
    const shown = new Set(visibleItems(SOCIAL_NEEDS_INTAKE, answers).map((v) => v.key));
    assert.ok(shown.has('housing-tonight'));
    assert.ok(!shown.has('housing-problems'));
    assert.ok(shown.has('household/household-1/member-in-school'));
    assert.ok(!shown.has('household/household-2/member-in-school'), 'Diego is 4');
  });

  it('asks where someone sleeps tonight only when housing is unstable, and flags sleeping outside', () => {
    const stable = { ...NO_NEEDS, 'housing-tonight': 'outside' };
    assert.equal(pruneHidden(SOCIAL_NEEDS_INTAKE, stable)['housing-tonight'], undefined);
    assert.deepEqual(computeFlags(SOCIAL_NEEDS_INTAKE, stable), []);
    const homeless = { ...stable, 'housing-situation': 'homeless' };
    assert.deepEqual(computeFlags(SOCIAL_NEEDS_INTAKE, homeless).map((f) => f.id), ['unsheltered']);
    assert.deepEqual(
      validateResponse(SOCIAL_NEEDS_INTAKE, { ...homeless, 'housing-tonight': undefined as unknown as string }).map((i) => i.path.join('.')),
      ['housing-tonight'],
    );
  });

  it('derives the other domains for other personas', () => {
    const needs = (changes: Answers) => deriveNeeds(SOCIAL_NEEDS_INTAKE, { ...NO_NEEDS, ...changes });
    assert.deepEqual(needs({}), []);
    assert.deepEqual(needs({ 'safety-afraid': true, 'safety-can-talk': false }), ['safety']);
    assert.deepEqual(needs({ 'legal-issues': ['eviction'] }), ['housing', 'legal']);
    assert.deepEqual(needs({ 'housing-problems': ['mold', 'no-heat'] }), ['housing']);
    assert.deepEqual(needs({ 'transport-missed': true, 'utilities-shutoff': 'threatened' }), ['transportation', 'utilities']);
    assert.deepEqual(needs({ 'finances-basic-costs': 'very-hard', 'employment-status': 'looking' }), ['finances', 'employment']);
    assert.deepEqual(needs({ 'health-insurance': 'no', 'mh-stress': 'most-days', 'substance-concern': 'yes' }), ['health', 'mental-health', 'substance-use']);
    assert.deepEqual(needs({ 'social-lonely': 'often' }), ['social-support']);
    assert.deepEqual(needs({ 'social-lonely': 'sometimes' }), []);
    // A 12-year-old in the household who is not in school.
    const household = { 'lives-with-others': true, household: [{ instanceId: 'h1', answers: { 'member-name': 'Kofi', 'member-relationship': 'grandchild', 'member-age': 12, 'member-in-school': false } }] };
    assert.deepEqual(needs(household), ['education']);
    assert.deepEqual(computeFlags(SOCIAL_NEEDS_INTAKE, { ...NO_NEEDS, 'safety-afraid': true }).map((f) => [f.id, f.severity]), [['safety-concern', 'critical']]);
  });

  it('requires household members once someone lives with the client', () => {
    const issues = validateResponse(SOCIAL_NEEDS_INTAKE, { ...NO_NEEDS, 'lives-with-others': true });
    assert.deepEqual(issues.map((i) => `${i.path.join('.')}:${i.code}`), ['household:required']);
    const unnamed = { ...NO_NEEDS, 'lives-with-others': true, household: [{ instanceId: 'h1', answers: { 'member-age': 70 } }] };
    assert.deepEqual(validateResponse(SOCIAL_NEEDS_INTAKE, unnamed).map((i) => `${i.path.join('.')}:${i.code}`), [
      'household.0.member-name:required',
      'household.0.member-relationship:required',
    ]);
  });
});

describe('instrument registry', () => {
  it('finds shipped instruments by id and exact version', () => {
    assert.deepEqual(Object.keys(INSTRUMENTS).sort(), ['casekit-social-needs-intake', 'phq-9']);
    assert.equal(getInstrument('phq-9'), PHQ9);
    assert.equal(getInstrument('phq-9', '1.0.0'), PHQ9);
    assert.equal(getInstrument('phq-9', '2.0.0'), undefined);
    assert.equal(getInstrument('toString'), undefined);
    assert.equal(getInstrument('casekit-social-needs-intake'), SOCIAL_NEEDS_INTAKE);
  });

  it('loads each shipped instrument on demand, by id and exact version, and the same ones as the eager list', async () => {
    assert.deepEqual([...INSTRUMENT_IDS].sort(), Object.keys(INSTRUMENTS).sort());
    for (const id of INSTRUMENT_IDS) assert.equal(await loadInstrument(id), INSTRUMENTS[id]);
    assert.equal(await loadInstrument('phq-9', '1.0.0'), PHQ9);
    assert.equal(await loadInstrument('phq-9', '2.0.0'), undefined);
    assert.equal(await loadInstrument('toString'), undefined);
  });
});
