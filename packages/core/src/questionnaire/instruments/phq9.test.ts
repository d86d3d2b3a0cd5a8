import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Answers } from '../answers.js';
import { deriveNeeds } from '../derive-needs.js';
import { localizedText } from '../localized-text.js';
import { computeFlags, computeScores } from '../scoring.js';
import { validateResponse } from '../validate-response.js';
import { isEnabled } from '../visibility.js';
import { PHQ9, PHQ9_ITEM_IDS } from './phq9.js';

/** Answers to the nine items from their 0-3 scores (a value per item, in order). */
function phq9(...scores: number[]): Answers {
  return Object.fromEntries(scores.map((score, i) => [PHQ9_ITEM_IDS[i]!, String(score)]));
}
/** Nine answers adding up to `total`, item 9 kept at 0. */
function withTotal(total: number): Answers {
  const scores = Array.from({ length: 9 }, () => 0);
  for (let i = 0, left = total; left > 0; i = (i + 1) % 8) {
    const add = Math.min(left, 3 - scores[i]!);
    scores[i]! += add;
    left -= add;
  }
  return phq9(...scores);
}

describe('PHQ-9', () => {
  it('has the nine items, each with the four standard options, and the unscored difficulty question', () => {
    assert.equal(PHQ9.id, 'phq-9');
    assert.equal(PHQ9.version, '1.0.0');
    const items = PHQ9.items.filter((i) => i.type === 'choice');
    assert.equal(items.length, 10);
    assert.equal(localizedText(PHQ9.items[0]!.text), 'Over the last 2 weeks, how often have you been bothered by any of the following problems?');
    const first = items[0]!;
    assert.ok(first.type === 'choice');
    assert.deepEqual(first.options.map((o) => [localizedText(o.display), o.score]), [
      ['Not at all', 0],
      ['Several days', 1],
      ['More than half the days', 2],
      ['Nearly every day', 3],
    ]);
    assert.equal(localizedText(first.options[3]!.display, 'es'), 'Casi todos los días');
    assert.ok(Object.isFrozen(PHQ9) && Object.isFrozen(PHQ9.items[1]), 'shipped definitions are frozen');
  });

  it('scores totals at every severity boundary', () => {
    const expected: [number, string][] = [
      [0, 'none-minimal'],
      [4, 'none-minimal'],
      [5, 'mild'],
      [9, 'mild'],
      [10, 'moderate'],
      [14, 'moderate'],
      [15, 'moderately-severe'],
      [19, 'moderately-severe'],
      [20, 'severe'],
      [24, 'severe'],
    ];
    for (const [total, band] of expected) {
      const score = computeScores(PHQ9, withTotal(total))['phq9-total']!;
      assert.equal(score.value, total);
      assert.equal(score.band?.code, band, `total ${total}`);
      assert.equal(score.complete, true);
    }
    const max = computeScores(PHQ9, phq9(3, 3, 3, 3, 3, 3, 3, 3, 3))['phq9-total']!;
    assert.deepEqual(max, { value: 27, complete: true, answered: 9, total: 9, band: { code: 'severe', label: 'Severe' }, raisesRisk: 'high' });
    assert.equal(computeScores(PHQ9, withTotal(12), { lang: 'es' })['phq9-total']!.band!.label, 'Moderada');
  });

  it('gives no total while an item is unanswered, and says how many are answered', () => {
    const eight = phq9(3, 3, 3, 3, 3, 3, 3, 3);
    assert.deepEqual(computeScores(PHQ9, eight)['phq9-total'], { value: null, complete: false, answered: 8, total: 9 });
    assert.deepEqual(
      validateResponse(PHQ9, eight).map((i) => `${i.path.join('.')}:${i.code}`),
      ['phq9-9:required'],
    );
  });

  it('raises suicide-risk when item 9 is above 0, whatever the total', () => {
    assert.deepEqual(computeFlags(PHQ9, phq9(0, 0, 0, 0, 0, 0, 0, 0, 1)).map((f) => [f.id, f.severity]), [['suicide-risk', 'critical']]);
    assert.deepEqual(computeFlags(PHQ9, { 'phq9-9': '3' }).map((f) => f.id), ['suicide-risk'], 'even in an incomplete screen');
    assert.deepEqual(computeFlags(PHQ9, phq9(3, 3, 3, 3, 3, 3, 3, 3, 0)), []);
    assert.deepEqual(computeFlags(PHQ9, {}), []);
    assert.match(computeFlags(PHQ9, { 'phq9-9': '1' }, { lang: 'es' })[0]!.label, /pregunta 9/);
  });

  it('asks the difficulty question only once a problem is reported, and does not score it', () => {
    assert.equal(isEnabled('phq9-difficulty', phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), { definition: PHQ9 }), false);
    const answers = { ...phq9(0, 1, 0, 0, 0, 0, 0, 0, 0), 'phq9-difficulty': 'very-difficult' };
    assert.equal(isEnabled('phq9-difficulty', answers, { definition: PHQ9 }), true);
    assert.equal(computeScores(PHQ9, answers)['phq9-total']!.value, 1);
    assert.deepEqual(validateResponse(PHQ9, answers), []);
  });

  it('derives a mental-health need at moderate severity or with item 9 above 0', () => {
    assert.deepEqual(deriveNeeds(PHQ9, withTotal(9)), []);
    assert.deepEqual(deriveNeeds(PHQ9, withTotal(10)), ['mental-health']);
    assert.deepEqual(deriveNeeds(PHQ9, phq9(0, 0, 0, 0, 0, 0, 0, 0, 1)), ['mental-health']);
  });
});
