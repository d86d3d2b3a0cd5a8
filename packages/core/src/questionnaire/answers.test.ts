import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFoundError } from '../errors/errors.js';
import { parse } from '../internal/parse.js';
import { addInstance, AnswersSchema, getAnswer, isEmptyAnswer, moveInstance, removeInstance, setAnswer, type Answers } from './answers.js';

const DRAFT: Answers = {
  'preferred-language': 'vi',
  household: [
    { instanceId: 'm1', answers: { 'member-name': 'Thanh', 'member-age': 34 } },
    { instanceId: 'm2', answers: { 'member-name': 'Linh', 'member-age': 6 } },
  ],
};

describe('answers helpers', () => {
  it('setAnswer returns new objects, shares untouched branches and never mutates', () => {
    const next = setAnswer(DRAFT, 'member-age', 7, [{ group: 'household', instanceId: 'm2' }]);
    assert.equal(getAnswer(next, 'member-age', [{ group: 'household', instanceId: 'm2' }]), 7);
    assert.equal(getAnswer(DRAFT, 'member-age', [{ group: 'household', instanceId: 'm2' }]), 6);
    const [before, after] = [DRAFT['household'] as { answers: Answers }[], next['household'] as { answers: Answers }[]];
    assert.equal(after[0], before[0], 'the other instance is shared');
    assert.notEqual(after[1], before[1]);
  });

  it('an empty value removes the answer', () => {
    for (const empty of [undefined, null, '', []]) {
      assert.equal('preferred-language' in setAnswer(DRAFT, 'preferred-language', empty as never), false);
    }
    assert.equal(isEmptyAnswer('  '), true);
    assert.equal(isEmptyAnswer(0), false);
    assert.equal(isEmptyAnswer(false), false);
  });

  it('throws NotFoundError for an instance that does not exist', () => {
    assert.throws(() => setAnswer(DRAFT, 'member-age', 3, [{ group: 'household', instanceId: 'm9' }]), NotFoundError);
  });

  it('adds, removes and moves instances by id', () => {
    const { answers, instanceId } = addInstance(DRAFT, 'household', { instanceId: 'm3', answers: { 'member-name': 'Bao' } });
    assert.equal(instanceId, 'm3');
    assert.throws(() => addInstance(answers, 'household', { instanceId: 'm3' }));
    const moved = moveInstance(answers, 'household', 'm3', 0);
    assert.deepEqual((moved['household'] as { instanceId: string }[]).map((i) => i.instanceId), ['m3', 'm1', 'm2']);
    const removed = removeInstance(removeInstance(removeInstance(moved, 'household', 'm1'), 'household', 'm2'), 'household', 'm3');
    assert.equal('household' in removed, false, 'no empty list is left behind');
    // Nested: an instance inside an instance.
    const nested = addInstance(DRAFT, 'appointments', { at: [{ group: 'household', instanceId: 'm2' }] });
    assert.equal(nested.instanceId, 'appointments-1');
    assert.deepEqual(getAnswer(nested.answers, 'appointments', [{ group: 'household', instanceId: 'm2' }]), [{ instanceId: 'appointments-1', answers: {} }]);
  });

  it('AnswersSchema accepts the model and round-trips through JSON', () => {
    assert.deepEqual(parse(AnswersSchema, JSON.parse(JSON.stringify(DRAFT))), DRAFT);
    assert.throws(() => parse(AnswersSchema, { household: [{ answers: {} }] }));
    assert.throws(() => parse(AnswersSchema, { age: Number.NaN }));
    assert.throws(() => parse(AnswersSchema, { note: { text: 'nested object' } }));
  });
});
