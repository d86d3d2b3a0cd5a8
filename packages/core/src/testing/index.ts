export { runStorageConformance, storageConformanceCases } from './storage-conformance.js';
export type { ConformanceCase, ConformanceRunner } from './storage-conformance.js';
export { fixtureCases, FIXTURE_CASE_MANAGERS } from './fixtures.js';
export { seededRandom, pick } from './random.js';
