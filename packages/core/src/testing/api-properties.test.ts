import { describe, it, after } from 'node:test';
import * as fc from 'fast-check';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { apiPropertyCases, type FastCheckLike } from './api-properties.js';

let inputs = 0;
describe('every public call, with generated hostile input, on the memory storage', () => {
  for (const testCase of apiPropertyCases(fc as unknown as FastCheckLike, { createStorage: createMemoryStorage, numRuns: 30, onRun: () => inputs++ })) {
    it(testCase.name, () => testCase.run());
  }
  after(() => console.log(`# generated inputs run: ${inputs}`));
});
