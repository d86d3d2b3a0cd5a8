import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fhirIdFor, isFhirId, partIdFor } from './ids.js';

describe('FHIR ids for casekit ids', () => {
  it('keeps casekit ids that are FHIR ids', () => {
    for (const id of ['seed-0001a', 'a', 'A.b-9', 'x'.repeat(64)]) assert.equal(fhirIdFor(id), id);
  });

  it('derives a valid, stable id for any other casekit id, different for different ids', () => {
    const seen = new Map<string, string>();
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 128, unit: 'grapheme' }), (id) => {
        const fhirId = fhirIdFor(id);
        assert.ok(isFhirId(fhirId), fhirId);
        assert.equal(fhirIdFor(id), fhirId);
        const other = seen.get(fhirId);
        assert.ok(other === undefined || other === id, `${id} and ${other} share ${fhirId}`);
        seen.set(fhirId, id);
      }),
      { numRuns: 5000, seed: 7 },
    );
    assert.notEqual(fhirIdFor('a_b'), fhirIdFor('a-b'));
    assert.notEqual(fhirIdFor('x'.repeat(65)), fhirIdFor('x'.repeat(66)));
  });

  it('gives parts of a record ids that cannot collide with each other', () => {
    assert.equal(partIdFor('plan-1', 'goal', 'g1'), 'plan-1.goal.g1');
    assert.notEqual(partIdFor('a.b', 'c'), partIdFor('a', 'b.c'));
    assert.notEqual(partIdFor('a', 'b', 'c'), partIdFor('a.b', 'c'));
    assert.ok(isFhirId(partIdFor('x'.repeat(128), 'goal', 'y'.repeat(128))));
  });
});
