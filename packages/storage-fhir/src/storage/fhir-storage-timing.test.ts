// A timing print, not an assertion: initial sync of 1,000 seeded cases from the loopback server, the
// commit round trip, and a poll that finds nothing. The numbers depend on the machine.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { fixtureCases } from '@casekit/core/testing';
import type { Resource } from '@medplum/fhirtypes';
import { harness, type Harness } from '../test/storage-harness.js';
import { resourcesFor } from './record-resources.js';

let h: Harness;
before(async () => {
  h = await harness();
});
after(() => h.close());

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] ?? 0;
const ms = (value: number) => `${value.toFixed(1)} ms`;

it('prints sync and commit timings against the loopback FHIR server', async () => {
  const cases = fixtureCases(1000, 21);
  // Seeded straight into the server's repository, as another system would have written them.
  for (const record of cases) for (const resource of resourcesFor(record, 'cases')) await h.server.repo.createResource(resource as Resource);
  const resources = cases.reduce((n, c) => n + resourcesFor(c, 'cases').length, 0);

  let start = performance.now();
  const storage = await h.open();
  const initialSync = performance.now() - start;
  assert.equal(await storage.count('cases', { index: 'id' }), 1000, 'every seeded case is in the replica');

  const rounds: number[] = [];
  let current = (await storage.get('cases', cases[0]!.id))!;
  for (let i = 0; i < 40; i++) {
    const next = { ...current, version: current.version + 1, tags: [`round-${i}`] };
    start = performance.now();
    await storage.commit([{ type: 'put', collection: 'cases', record: next, expectedVersion: current.version }]);
    rounds.push(performance.now() - start);
    current = next;
  }

  const polls: number[] = [];
  for (let i = 0; i < 10; i++) {
    start = performance.now();
    await storage.sync.pull();
    polls.push(performance.now() - start);
  }
  console.log(
    [
      `initial sync of 1,000 cases (${resources} resources): ${ms(initialSync)}`,
      `commit round trip (one case, ${rounds.length} commits): p50 ${ms(percentile(rounds, 50))}, p95 ${ms(percentile(rounds, 95))}`,
      `poll with no changes (${polls.length} polls): p50 ${ms(percentile(polls, 50))}, max ${ms(Math.max(...polls))}`,
    ].join('\n'),
  );
});
