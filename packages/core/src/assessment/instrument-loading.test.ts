import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasErrorCode } from '../errors/errors.js';
import { createTestSetup } from '../testing/test-manager.js';
import type { QuestionnaireDefinition } from '../questionnaire/questionnaire-schema.js';

const phq9 = (answers: number[]) => Object.fromEntries(answers.map((a, i) => [`phq9-${i + 1}`, String(a)]));

describe('shipped instruments load on first use', () => {
  it('definition() has them once loadDefinition (or a submit) has loaded them', async () => {
    const { manager } = createTestSetup();
    const before = (() => {
      try {
        return manager.assessments.definition('phq-9');
      } catch (error) {
        return error;
      }
    })();
    assert.ok(hasErrorCode(before, 'not-found'), 'not in the first bundle: not there before it is loaded');
    const loaded = await manager.assessments.loadDefinition('phq-9', '1.0.0');
    assert.equal(loaded.id, 'phq-9');
    assert.equal(manager.assessments.definition('phq-9'), loaded);
    await assert.rejects(manager.assessments.loadDefinition('phq-9', '9.9.9'), (e: unknown) => hasErrorCode(e, 'not-found'));
    await assert.rejects(manager.assessments.loadDefinition('no-such-form'), (e: unknown) => hasErrorCode(e, 'not-found'));
  });

  it('submit loads the instrument it is given, with nothing loaded before', async () => {
    const setup = createTestSetup();
    const { client } = await setup.manager.clients.create({ name: { given: ['Grace'], family: 'Okafor' } });
    const record = await setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health' });
    const assessment = await setup.manager.assessments.submit({ caseId: record.id, questionnaireId: 'phq-9', answers: { ...phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]), 'phq9-difficulty': 'somewhat-difficult' } });
    assert.equal(assessment.scores['phq9-total']?.value, 8);
  });

  it('a host definition with a shipped id wins over the shipped instrument', async () => {
    const own: QuestionnaireDefinition = { id: 'phq-9', version: 'agency-2', title: 'Our PHQ-9', items: [{ linkId: 'q', type: 'boolean', text: 'Feeling down?' }] };
    const { manager } = createTestSetup({ questionnaires: [own] });
    assert.equal(manager.assessments.definition('phq-9').version, 'agency-2');
    assert.equal((await manager.assessments.loadDefinition('phq-9')).version, 'agency-2');
  });
});
