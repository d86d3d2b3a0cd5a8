import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasErrorCode, isCasekitError, ValidationError } from './errors.js';

describe('telling casekit errors apart by code', () => {
  it('recognises an error from another copy of core, which no class of this copy matches', () => {
    // What a second bundled copy of @casekit/core throws: same shape, different class.
    class OtherCopyValidationError extends Error {
      readonly code = 'validation';
      readonly issues = [{ path: ['name', 'family'], message: 'Required', code: 'invalid_type' }];
    }
    const foreign = new OtherCopyValidationError('Invalid input');
    assert.equal(foreign instanceof ValidationError, false);
    assert.equal(isCasekitError(foreign), true);
    assert.equal(hasErrorCode(foreign, 'validation'), true);
    assert.equal(hasErrorCode(foreign, 'conflict'), false);
    assert.deepEqual(hasErrorCode(foreign, 'validation') && foreign.issues[0]!.path, ['name', 'family']);
  });

  it('does not take other errors with a code for casekit errors', () => {
    const io = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    assert.equal(isCasekitError(io), false);
    assert.equal(isCasekitError({ code: 'validation' }), false, 'not an Error at all');
    assert.equal(hasErrorCode(new ValidationError([]), 'validation'), true);
  });
});
