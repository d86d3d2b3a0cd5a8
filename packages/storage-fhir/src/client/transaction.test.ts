// Transactions: sent as Bundle.type = transaction, versions out, conflicts, lost answers resolved
// by re-reading and never applied twice. Against the test FHIR server over real HTTP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasErrorCode } from '@casekit/core';
import { startFhirServer } from '../test/fhir-server.js';
import type { FhirTestServer } from '../test/fhir-server.js';
import { FhirConflictError, FhirNetworkError, FhirStorageError, FhirValidationError } from './errors.js';
import { createFhirClient } from './fhir-client.js';
import type { FhirClient } from './fhir-client.js';
import type { Bundle, FhirResource } from './fhir-types.js';
import { parseLocation, transactionMarkerOf } from './transaction.js';

interface Patient extends FhirResource {
  resourceType: 'Patient';
  active?: boolean;
  birthDate?: string;
  name?: { family?: string }[];
  identifier?: { system?: string; value?: string }[];
}

let server: FhirTestServer;
let fhir: FhirClient;
let n = 0;
before(async () => {
  server = await startFhirServer();
  fhir = createFhirClient({ baseUrl: server.baseUrl, sleep: async () => {} });
});
after(() => server.close());

type Stored = Patient & { id: string };
const patient = (family: string, extra: Partial<Patient> = {}): Stored => ({ resourceType: 'Patient', id: `p-${++n}`, name: [{ family }], ...extra });

async function seed(resource: Stored): Promise<Stored> {
  await fhir.transaction([{ method: 'PUT', resource }]);
  const stored = await fhir.read<Stored>('Patient', resource.id);
  assert.ok(stored);
  return stored;
}

async function versionCount(id: string): Promise<number> {
  const answer = await fetch(`${server.baseUrl}/Patient/${id}/_history`);
  return ((await answer.json()) as Bundle).entry?.length ?? 0;
}

const lastTransactionSent = () => server.requests.filter((r) => r.method === 'POST' && r.path === '').at(-1)?.body as Bundle | undefined;

describe('transaction', () => {
  it('sends Bundle.type transaction with If-Match as the server’s ETag, and returns each entry’s version', async () => {
    const a = await seed(patient('Ada'));
    const result = await fhir.transaction([
      { method: 'PUT', resource: { ...a, active: true }, ifMatch: a.meta?.versionId ?? '' },
      { method: 'PUT', resource: patient('Bo') },
      { method: 'POST', resource: { resourceType: 'Patient', name: [{ family: 'Cy' }] } },
    ]);
    const sent = lastTransactionSent();
    assert.equal(sent?.type, 'transaction');
    assert.equal(sent?.entry?.[0]?.request?.ifMatch, 'W/"1"');
    assert.deepEqual(
      result.entries.map((e) => [e.status, e.created, e.versionId]),
      [
        [200, false, '2'],
        [201, true, '1'],
        [201, true, '1'],
      ],
    );
    assert.equal(result.entries[0]?.etag, 'W/"2"');
    assert.equal(result.entries[0]?.location, `Patient/${a.id}/_history/2`);
    assert.ok(result.entries[2]?.id);
    assert.equal(result.recovered, false);
  });

  it('reads versions from the entry responses when the server sends no resources back (return=minimal)', async () => {
    const minimal = createFhirClient({
      baseUrl: server.baseUrl,
      fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), prefer: 'return=minimal' } }),
    });
    const result = await minimal.transaction([{ method: 'PUT', resource: patient('Dee') }]);
    assert.equal(result.entries[0]?.resource, undefined);
    assert.equal(result.entries[0]?.versionId, '1');
    assert.equal(result.entries[0]?.id, `p-${n}`);
  });

  it('stamps every written resource with the transaction id', async () => {
    const result = await fhir.transaction([{ method: 'PUT', resource: patient('Eve') }], { transactionId: 'tx-eve' });
    assert.equal(result.transactionId, 'tx-eve');
    assert.equal(transactionMarkerOf(await fhir.read('Patient', `p-${n}`)), 'tx-eve');
  });

  it('a stale If-Match refuses the whole transaction: ConflictError naming the entry and the current version', async () => {
    const a = await seed(patient('Fay'));
    const b = await seed(patient('Gus'));
    await fhir.transaction([{ method: 'PUT', resource: { ...b, active: true }, ifMatch: '1' }]);
    const error = await fhir
      .transaction([
        { method: 'PUT', resource: { ...a, active: false }, ifMatch: '1' },
        { method: 'PUT', resource: { ...b, active: false }, ifMatch: '1' },
      ])
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirConflictError, String(error));
    assert.ok(hasErrorCode(error, 'conflict'));
    assert.equal(error.status, 412);
    assert.deepEqual(error.conflicts, [{ entry: 1, resourceType: 'Patient', id: b.id, expectedVersionId: '1', currentVersionId: '2' }]);
    assert.equal(error.collection, 'Patient');
    assert.equal(error.expectedVersion, 1);
    assert.equal(error.actualVersion, 2);
    assert.equal((await fhir.read<Patient>('Patient', a.id))?.active, undefined, 'the fresh entry was not applied either');
  });

  it('a conflict on a deleted resource says it is gone', async () => {
    const a = await seed(patient('Hal'));
    await fhir.transaction([{ method: 'DELETE', resourceType: 'Patient', id: a.id }]);
    const error = await fhir.transaction([{ method: 'PUT', resource: a, ifMatch: '1' }]).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirConflictError);
    assert.equal(error.conflicts[0]?.currentVersionId, undefined);
    assert.match(error.message, /gone/);
  });

  it('content the server rejects is a ValidationError whose issue paths name the element; nothing is kept', async () => {
    const good = patient('Ola');
    const bad = patient('Pam', { birthDate: 'yesterday' });
    const error = await fhir.transaction([{ method: 'PUT', resource: good }, { method: 'PUT', resource: bad }]).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirValidationError, String(error));
    assert.equal(error.status, 400);
    assert.deepEqual(error.issues[0]?.path, ['Patient', 'birthDate']);
    assert.equal(await fhir.read('Patient', good.id), undefined);
  });

  it('a conditional create that matched reports created: false', async () => {
    const identifier = [{ system: 'https://fhir.casekit.dev/id', value: 'client-1' }];
    const entry = { method: 'POST' as const, resource: { resourceType: 'Patient', identifier }, ifNoneExist: 'identifier=https://fhir.casekit.dev/id|client-1' };
    const first = await fhir.transaction([entry]);
    const second = await fhir.transaction([entry]);
    assert.equal(first.entries[0]?.created, true);
    assert.equal(second.entries[0]?.created, false);
    assert.equal(second.entries[0]?.id, first.entries[0]?.id);
  });

  it('refuses a server that answers with a batch-response (it did not apply the Bundle atomically)', async () => {
    const batchy = createFhirClient({
      baseUrl: server.baseUrl,
      fetch: async () => new Response(JSON.stringify({ resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '200' } }] }), { status: 200 }),
    });
    await assert.rejects(batchy.transaction([{ method: 'PUT', resource: patient('Ivy') }]), (error: unknown) => error instanceof FhirStorageError && error.reason === 'unexpected-response');
  });
});

describe('a lost answer', () => {
  it('after the server applied it: re-reads, returns the result, and does not apply it again', async () => {
    const a = await seed(patient('Jo'));
    server.inject({ drop: 'after-processing', match: { method: 'POST', path: /^$/ } });
    const result = await fhir.transaction([{ method: 'PUT', resource: { ...a, active: true }, ifMatch: '1' }]);
    assert.equal(result.recovered, true);
    assert.equal(result.entries[0]?.versionId, '2');
    assert.equal(await versionCount(a.id), 2, 'one new version, not two');
  });

  it('before the server applied it, with every entry guarded: sends it again, applied once', async () => {
    const a = await seed(patient('Kit'));
    server.inject({ drop: 'before-processing', match: { method: 'POST', path: /^$/ } });
    const result = await fhir.transaction([{ method: 'PUT', resource: { ...a, active: true }, ifMatch: '1' }]);
    assert.equal(result.recovered, false);
    assert.equal(result.entries[0]?.versionId, '2');
    assert.equal(await versionCount(a.id), 2);
  });

  it('a first attempt that lands after it was re-read is not mistaken for a conflict with the resend', async () => {
    const a = await seed(patient('Kim'));
    // The lost POST reaches the server only after the client's re-read has answered: a slow server.
    let late: (() => Promise<Response>) | undefined;
    let first = true;
    const racy = createFhirClient({
      baseUrl: server.baseUrl,
      sleep: async () => {},
      fetch: async (input, init) => {
        if (init?.method === 'POST' && first) {
          first = false;
          late = () => fetch(input, init);
          throw new TypeError('fetch failed');
        }
        const response = await fetch(input, init);
        const send = late;
        late = undefined;
        if (send) await send();
        return response;
      },
    });
    const result = await racy.transaction([{ method: 'PUT', resource: { ...a, active: true }, ifMatch: '1' }]);
    assert.equal(result.recovered, true);
    assert.equal(result.entries[0]?.versionId, '2');
    assert.equal(await versionCount(a.id), 2);
  });

  it('before the server applied it, with an unguarded create: does not guess, says it did not land', async () => {
    server.inject({ drop: 'before-processing', match: { method: 'POST', path: /^$/ } });
    const resource = patient('Lu');
    const error = await fhir.transaction([{ method: 'PUT', resource }]).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirNetworkError);
    assert.equal(error.applied, 'no');
    assert.ok(error.transactionId);
    assert.equal(await fhir.read('Patient', resource.id), undefined);
  });

  it('when re-reading cannot tell (server-assigned ids): applied unknown, with the id to check later', async () => {
    server.inject({ drop: 'after-processing', match: { method: 'POST', path: /^$/ } });
    const entries = [{ method: 'POST' as const, resource: { resourceType: 'Patient', name: [{ family: 'Mo' }] } }];
    const error = await fhir.transaction(entries).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirNetworkError);
    assert.equal(error.applied, 'unknown');
    const found = await fhir.search('Patient', { family: 'Mo' });
    assert.equal(found.total, 1, 'not sent twice');
  });

  it('transactionStatus tells later whether a transaction landed', async () => {
    const a = await seed(patient('Ned'));
    const entries = [{ method: 'PUT' as const, resource: { ...a, active: true }, ifMatch: '1' }];
    assert.equal(await fhir.transactionStatus(entries, 'tx-ned'), 'not-applied');
    await fhir.transaction(entries, { transactionId: 'tx-ned' });
    assert.equal(await fhir.transactionStatus(entries, 'tx-ned'), 'applied');
    await fhir.transaction([{ method: 'PUT', resource: { ...a, active: false }, ifMatch: '2' }], { transactionId: 'tx-other' });
    assert.equal(await fhir.transactionStatus(entries, 'tx-ned'), 'unknown', 'overwritten since: no longer provable');
  });
});

describe('parseLocation', () => {
  it('reads relative, absolute and versioned locations', () => {
    assert.deepEqual(parseLocation('Patient/1/_history/2'), { resourceType: 'Patient', id: '1', versionId: '2' });
    assert.deepEqual(parseLocation('https://ehr.example/fhir/R4/Task/abc-9/_history/7'), { resourceType: 'Task', id: 'abc-9', versionId: '7' });
    assert.deepEqual(parseLocation('Patient/1'), { resourceType: 'Patient', id: '1' });
    assert.equal(parseLocation('nonsense'), undefined);
  });
});
