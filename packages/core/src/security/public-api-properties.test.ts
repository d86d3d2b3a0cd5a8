/**
 * Contract C on the memory storage: every public method under hostile, random input either succeeds
 * and stores only valid records, or throws a CasekitError and writes nothing (a refusal: one refused
 * event). The same cases run on other adapters through `@casekit/core/testing`:
 * `runPublicApiProperties(() => createMyStorage(), { describe, it }, fc)`.
 *
 * `CASEKIT_PROPERTY_RUNS` and `CASEKIT_PROPERTY_SEED` override the inputs per method and the seed
 * (to replay a failure printed by fast-check); `CASEKIT_PROPERTY_ONLY=notes.,audit.between` runs only
 * the methods starting with one of those prefixes.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as fc from 'fast-check';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { plannedPropertyInputs, publicApiPropertyCases, runPublicApiProperties } from '../testing/public-api-properties.js';
import type { StoragePort } from '../storage/storage-port.js';

const numRuns = Number(process.env['CASEKIT_PROPERTY_RUNS'] ?? 60);
const seed = process.env['CASEKIT_PROPERTY_SEED'] === undefined ? undefined : Number(process.env['CASEKIT_PROPERTY_SEED']);

const only = process.env['CASEKIT_PROPERTY_ONLY']?.split(',').filter(Boolean);

const { cases, stats } = runPublicApiProperties(() => createMemoryStorage(), { describe, it }, fc, {
  numRuns,
  ...(seed !== undefined ? { seed } : {}),
  ...(only ? { only: (method: string) => only.some((prefix) => method.startsWith(prefix)) } : {}),
});

/** Inputs generated per run (before shrinking): reported as "N generated inputs per run". */
export const GENERATED_INPUTS = plannedPropertyInputs(cases);

describe('public API properties: the count', () => {
  it('covers every method with the planned number of inputs', () => {
    console.log(`# public API properties: ${cases.length - 1} methods × ${numRuns} = ${GENERATED_INPUTS} generated inputs per run`);
    assert.equal(GENERATED_INPUTS, (cases.length - 1) * numRuns);
  });
});

describe('public API properties: the harness itself', () => {
  it('fails on an adapter that stores a record no schema accepts', async () => {
    const inner = createMemoryStorage();
    let junk = 0;
    // Delegates everything, but slips an invalid client into every commit.
    const broken: StoragePort = Object.assign(Object.create(inner) as StoragePort, {
      commit: (operations: Parameters<StoragePort['commit']>[0]) =>
        inner.commit([...operations, { type: 'put', collection: 'clients', record: { id: `junk-${++junk}`, version: 1 }, expectedVersion: 0 }]),
    });
    const [testCase] = publicApiPropertyCases(fc, { numRuns: 20, only: (method) => method === 'clients.create' });
    await assert.rejects(testCase!.run(broken), (error: unknown) => /fails its schema/.test(String((error as Error).cause ?? error)) || /fails its schema/.test(String(error)));
  });
});

after(() => {
  const inputs = stats.reduce((sum, s) => sum + s.inputs, 0);
  const resolved = stats.reduce((sum, s) => sum + s.resolved, 0);
  const codes: Record<string, number> = {};
  for (const s of stats) for (const [code, n] of Object.entries(s.rejected)) codes[code] = (codes[code] ?? 0) + n;
  console.log(`# public API properties ran ${inputs} inputs: ${resolved} resolved, rejected ${JSON.stringify(codes)}`);
});
