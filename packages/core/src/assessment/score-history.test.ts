import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestSetup } from '../testing/test-manager.js';
import { scoreHistory } from './score-history.js';

const phq9 = (answers: number[]) => Object.fromEntries(answers.map((a, i) => [`phq9-${i + 1}`, String(a)]));

describe('scoreHistory', () => {
  it('gives the PHQ-9 total at intake, 4 and 8 weeks oldest first, with bands and the change, leaving out an assessment entered in error', async () => {
    const setup = createTestSetup();
    const { client } = await setup.manager.clients.create({ name: { given: ['Grace'], family: 'Okafor' } });
    const record = await setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health', status: 'active' });
    setup.clock.set('2026-09-01T10:00:00.000Z');
    await setup.manager.assessments.submit({ caseId: record.id, questionnaireId: 'phq-9', answers: phq9([3, 3, 3, 3, 2, 2, 2, 2, 0]) });
    setup.clock.set('2026-09-29T10:00:00.000Z');
    await setup.manager.assessments.submit({ caseId: record.id, questionnaireId: 'phq-9', answers: phq9([2, 2, 1, 2, 1, 1, 1, 1, 0]) });
    setup.clock.set('2026-10-05T10:00:00.000Z');
    const mistaken = await setup.manager.assessments.submit({ caseId: record.id, questionnaireId: 'phq-9', answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]) });
    await setup.manager.assessments.markEnteredInError(mistaken, 'Answered for the wrong client');
    setup.clock.set('2026-10-27T10:00:00.000Z');
    await setup.manager.assessments.submit({ caseId: record.id, questionnaireId: 'phq-9', answers: phq9([1, 1, 0, 1, 0, 1, 0, 0, 0]) });

    const [total, ...others] = scoreHistory(await setup.manager.assessments.forCase(record.id));
    assert.equal(others.length, 0);
    assert.equal(total!.questionnaireId, 'phq-9');
    assert.deepEqual(total!.points.map((p) => [p.at.slice(0, 10), p.value, p.band?.code]), [
      ['2026-09-01', 20, 'severe'],
      ['2026-09-29', 11, 'moderate'],
      ['2026-10-27', 4, 'none-minimal'],
    ]);
    assert.equal(total!.change, -16);
  });

  it('is empty without scored assessments; a single point has no change; incomplete scores are left out', () => {
    assert.deepEqual(scoreHistory([]), []);
    const one = { id: 'a1', status: 'completed', questionnaireId: 'phq-9', questionnaireVersion: '1.0.0', completedAt: '2026-09-01T10:00:00.000Z', scores: { 'phq9-total': { value: 12, complete: true }, partial: { value: 3, complete: false } } };
    const series = scoreHistory([one as never]);
    assert.deepEqual(series.map((s) => [s.scoreId, s.points.length, s.change]), [['phq9-total', 1, null]]);
  });
});
