// Core's public-API properties, run on IndexedDB: for generated hostile input every call either stores
// only schema-valid records or throws a CasekitError and leaves the database exactly as it was.
import * as fc from 'fast-check';
import { apiPropertyCases, type FastCheckLike } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';
import { freshName } from './test/helpers.js';

let inputs = 0;
describe('every public call, with generated hostile input, on IndexedDB', () => {
  for (const testCase of apiPropertyCases(fc as unknown as FastCheckLike, { createStorage: () => createDexieStorage({ name: freshName('properties') }), numRuns: 8, onRun: () => inputs++ })) {
    it(testCase.name, () => testCase.run());
  }
  after(() => console.log(`generated inputs run on IndexedDB: ${inputs}`));
});
