import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OPEN_CASE_STATUSES } from '../case/case-schema.js';
import { caseStatusRuns } from './case-query.js';

describe('caseStatusRuns', () => {
  it('groups statuses into the runs they make in key order', () => {
    // Key order: active, cancelled, closed, entered-in-error, intake, on-hold, referred, waitlist.
    assert.deepEqual(caseStatusRuns(OPEN_CASE_STATUSES), [['active', 'active'], ['intake', 'waitlist']]);
    assert.deepEqual(caseStatusRuns(['waitlist', 'intake', 'referred']), [['intake', 'intake'], ['referred', 'waitlist']]);
    assert.deepEqual(caseStatusRuns(['closed']), [['closed', 'closed']]);
    assert.deepEqual(caseStatusRuns([]), []);
  });
});
