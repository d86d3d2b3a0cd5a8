// Core's public-API properties, run on IndexedDB: for generated hostile input every call either stores
// only schema-valid records or throws a CasekitError and leaves the database exactly as it was (a
// refusal adds its one audit event).
import * as fc from 'fast-check';
import { runPublicApiProperties, type FastCheck } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';
import { freshName } from './test/helpers.js';

const { stats } = runPublicApiProperties(() => createDexieStorage({ name: freshName('properties') }), { describe, it }, fc as unknown as FastCheck, { numRuns: 8, isolate: false });
after(() => console.log(`generated inputs run on IndexedDB: ${stats.reduce((sum, s) => sum + s.inputs, 0)}`));
