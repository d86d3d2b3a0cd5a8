export { runStorageConformance, storageConformanceCases } from './storage-conformance.js';
export type { ConformanceCase, ConformanceRunner } from './storage-conformance.js';
export { fixtureCases, FIXTURE_CASE_MANAGERS } from './fixtures.js';
export { seededRandom, pick } from './random.js';
export { PERSONAS, testClock, sequentialIds, createTestSetup, auditTally } from './test-manager.js';
export type { TestClock, TestSetup, AuditTally } from './test-manager.js';
export { createSeedCaseload, SEED_CASE_MANAGERS, SEED_SUPERVISOR } from './seed-caseload.js';
export type { SeedOptions } from './seed-caseload.js';
export { seedDirectory } from './seed-directory.js';
