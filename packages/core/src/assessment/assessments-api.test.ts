import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFoundError, PermissionError, ValidationError } from '../errors/errors.js';
import { createTestSetup, PERSONAS, type TestSetup } from '../testing/test-manager.js';
import type { QuestionnaireDefinition } from '../questionnaire/questionnaire-schema.js';

const phq9 = (answers: number[]) => Object.fromEntries(answers.map((a, i) => [`phq9-${i + 1}`, String(a)]));

/** A small host-defined intake: one conditional follow-up and a need rule. */
const SHELTER_INTAKE: QuestionnaireDefinition = {
  id: 'county-shelter-intake',
  version: '2.1.0',
  title: 'Shelter intake',
  items: [
    { linkId: 'homeless', type: 'boolean', required: true, text: 'Without a place to sleep tonight?' },
    { linkId: 'nights', type: 'integer', required: true, min: 0, text: 'Nights without housing', enableWhen: [{ question: 'homeless', operator: '=', answer: true }] },
  ],
  needRules: [{ domain: 'housing', when: [{ question: 'homeless', operator: '=', answer: true }], behavior: 'any' }],
};

async function activeCase(setup: TestSetup) {
  const { client } = await setup.manager.clients.create({ name: { given: ['Grace'], family: 'Okafor' } });
  return setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health', status: 'active' });
}

describe('assessments', () => {
  it('scores a PHQ-9, stores its definition version, and raises risk on the item-9 flag', async () => {
    const setup = createTestSetup();
    const record = await activeCase(setup);
    const answers = { ...phq9([2, 2, 1, 2, 1, 1, 2, 1, 1]), 'phq9-difficulty': 'very-difficult' };
    const assessment = await setup.manager.assessments.submit({ caseId: record.id, questionnaireId: 'phq-9', answers });
    assert.equal(assessment.questionnaireVersion, '1.0.0');
    const [total] = Object.values(assessment.scores);
    assert.equal(total?.value, 13);
    assert.equal(total?.band?.code, 'moderate');
    assert.deepEqual(assessment.flags.map((f) => [f.id, f.severity]), [['suicide-risk', 'critical']]);
    const after = await setup.manager.cases.get(record.id);
    assert.equal(after.riskLevel, 'high');
    const caseEvents = (await setup.manager.audit.forCase(record.id)).items;
    assert.ok(caseEvents.some((e) => e.collection === 'assessments' && e.action === 'create' && e.recordId === assessment.id));
    assert.ok(caseEvents.some((e) => e.collection === 'cases' && e.changedFields?.includes('riskLevel')));
  });

  it('raises risk on a severe PHQ-9 total without the item-9 flag (22 -> high, 16 -> moderate), and never lowers it', async () => {
    const setup = createTestSetup();
    const severe = await activeCase(setup);
    await setup.manager.assessments.submit({ caseId: severe.id, questionnaireId: 'phq-9', answers: phq9([3, 3, 3, 3, 3, 3, 2, 2, 0]) });
    const afterSevere = await setup.manager.cases.get(severe.id);
    assert.equal(afterSevere.riskLevel, 'high');
    const reasons = (await setup.manager.audit.forCase(severe.id)).items.filter((e) => e.collection === 'cases' && e.changedFields?.includes('riskLevel')).map((e) => e.reason);
    assert.ok(reasons.some((r) => /score .* 22 \(severe\)/.test(r ?? '')), reasons.join());

    const moderate = await activeCase(setup);
    await setup.manager.assessments.submit({ caseId: moderate.id, questionnaireId: 'phq-9', answers: phq9([2, 2, 2, 2, 2, 2, 2, 2, 0]) });
    assert.equal((await setup.manager.cases.get(moderate.id)).riskLevel, 'moderate');

    // A later mild result leaves the raised risk where it is: lowering risk is a person's decision.
    await setup.manager.assessments.submit({ caseId: severe.id, questionnaireId: 'phq-9', answers: phq9([1, 1, 0, 0, 0, 0, 0, 0, 0]) });
    assert.equal((await setup.manager.cases.get(severe.id)).riskLevel, 'high');
  });

  it('rejects incomplete answers with paths under answers and writes nothing', async () => {
    const setup = createTestSetup();
    const record = await activeCase(setup);
    const audits = await setup.storage.count('audit', { index: 'id' });
    await assert.rejects(
      setup.manager.assessments.submit({ caseId: record.id, questionnaireId: 'phq-9', answers: { ...phq9([1, 1, 1]), 'phq9-4': '7' } }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        const paths = error.issues.map((i) => i.path.join('.'));
        assert.ok(paths.includes('answers.phq9-4'), paths.join());
        assert.ok(paths.includes('answers.phq9-9'), paths.join());
        return true;
      },
    );
    assert.equal(await setup.storage.count('assessments', { index: 'id' }), 0);
    assert.equal(await setup.storage.count('audit', { index: 'id' }), audits);
    assert.equal((await setup.manager.cases.get(record.id)).version, record.version);
  });

  it('runs a whole intake in one transaction with a host questionnaire, dropping hidden answers and the draft', async () => {
    const setup = createTestSetup({ questionnaires: [SHELTER_INTAKE] });
    await setup.manager.drafts.save('shelter', { kind: 'intake', data: { homeless: true } });
    const result = await setup.manager.assessments.intake({
      client: { name: { given: ['Kwame'], family: 'Mensah' }, birthDate: '1990-02-14', language: 'en' },
      case: { program: 'social-work', priority: 'high' },
      questionnaireId: 'county-shelter-intake',
      answers: { homeless: true, nights: 4 },
      draftKey: 'shelter',
    });
    assert.equal(result.case.clientId, result.client.id);
    assert.equal(result.case.assigneeId, PERSONAS.caseManager.id);
    assert.deepEqual(result.case.needs.map((n) => [n.domain, n.assessmentId]), [['housing', result.assessment.id]]);
    assert.equal(result.case.version, 1, 'created once, not created-then-updated');
    assert.equal(await setup.manager.drafts.get('shelter'), undefined, 'draft discarded with the submit');

    const second = await setup.manager.assessments.submit({ caseId: result.case.id, questionnaireId: 'county-shelter-intake', answers: { homeless: false, nights: 9 } });
    assert.deepEqual(second.answers, { homeless: false }, 'the hidden follow-up is not stored');
    assert.deepEqual(second.derivedNeeds, []);
    assert.deepEqual((await setup.manager.assessments.forCase(result.case.id)).map((a) => a.id).sort(), [result.assessment.id, second.id].sort());
  });

  it('writes no client or case when the intake answers are invalid', async () => {
    const setup = createTestSetup({ questionnaires: [SHELTER_INTAKE] });
    await assert.rejects(
      setup.manager.assessments.intake({
        client: { name: { given: ['Kwame'], family: 'Mensah' } },
        case: { program: 'social-work' },
        questionnaireId: 'county-shelter-intake',
        answers: { homeless: true },
      }),
      (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.path.join('.') === 'answers.nights'),
    );
    for (const collection of ['clients', 'cases', 'assessments', 'audit'] as const) {
      assert.equal(await setup.storage.count(collection, { index: 'id' }), 0, collection);
    }
  });

  it('refuses unknown questionnaires and other caseloads', async () => {
    const setup = createTestSetup();
    const record = await activeCase(setup);
    await assert.rejects(setup.manager.assessments.submit({ caseId: record.id, questionnaireId: 'phq-9', questionnaireVersion: '0.9', answers: {} }), NotFoundError);
    await assert.rejects(setup.as(PERSONAS.otherCaseManager).assessments.submit({ caseId: record.id, questionnaireId: 'phq-9', answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]) }), PermissionError);
  });

  it('marks an assessment entered-in-error with a reason', async () => {
    const setup = createTestSetup();
    const record = await activeCase(setup);
    const assessment = await setup.manager.assessments.submit({ caseId: record.id, questionnaireId: 'phq-9', answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]) });
    await assert.rejects(setup.manager.assessments.markEnteredInError(assessment, ' '), ValidationError);
    const marked = await setup.manager.assessments.markEnteredInError(assessment, 'wrong client');
    assert.equal(marked.status, 'entered-in-error');
    assert.equal(marked.statusHistory.at(-1)?.reason, 'wrong client');
  });

  it('fills a new client’s language and interpreter need from the intake answers', async () => {
    const setup = createTestSetup();
    const base = { questionnaireId: 'casekit-social-needs-intake', case: { program: 'social-work' } };
    const answers = {
      'preferred-language': 'es', 'interpreter-needed': true, 'lives-with-others': false, 'housing-situation': 'stable',
      'food-ran-out': 'never', 'transport-missed': false, 'utilities-shutoff': 'no', 'safety-home': true, 'safety-afraid': false,
      'finances-basic-costs': 'easy',
    };
    const { client, case: opened } = await setup.manager.assessments.intake({ ...base, client: { name: { given: ['Rosa'], family: 'Díaz' } }, answers });
    assert.deepEqual([client.language, client.interpreterNeeded], ['es', true]);
    assert.equal(opened.clientInterpreterNeeded, true, 'the case opened with it carries the need (the worklist ranks by it)');
    const explicit = await setup.manager.assessments.intake({
      ...base,
      client: { name: { given: ['Ana'], family: 'Ruiz' }, language: 'pt', interpreterNeeded: true },
      answers: { ...answers, 'interpreter-needed': false, 'preferred-language': 'other', 'preferred-language-other': 'Portuguese' },
    });
    assert.deepEqual([explicit.client.language, explicit.client.interpreterNeeded], ['pt', true], 'what the host set is kept; a yes is never lost');
  });
});
