import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRecord } from './record-schemas.js';

describe('checkRecord', () => {
  it('says what is wrong with a record in words, by field path (zod/mini alone would say "Invalid input")', () => {
    const result = checkRecord('clients', { id: 'c-1', version: 0, createdAt: 'yesterday', updatedAt: '2026-11-24T12:00:00.000Z', name: { given: [] } });
    assert.equal(result.success, false);
    if (result.success) return;
    const version = result.issues.find((issue) => issue.path.join('.') === 'version');
    assert.ok(version, JSON.stringify(result.issues));
    assert.notEqual(version.message, 'Invalid input');
    assert.match(version.message, /0|small|greater/i);
  });

  it('gives back the parsed record when it is valid', () => {
    const record = { id: 'o-1', version: 1, createdAt: '2026-11-24T12:00:00.000Z', updatedAt: '2026-11-24T12:00:00.000Z', name: 'Riverside Food Bank' };
    const result = checkRecord('organizations', record);
    assert.ok(result.success);
    assert.equal(result.record.id, 'o-1');
  });
});
