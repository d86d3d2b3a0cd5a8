// Reads, searches, paging and error mapping, against the test FHIR server over real HTTP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasErrorCode } from '@casekit/core';
import { startFhirServer } from '../test/fhir-server.js';
import type { FhirTestServer } from '../test/fhir-server.js';
import { FhirPermissionError, FhirStorageError, FhirValidationError } from './errors.js';
import { createFhirClient } from './fhir-client.js';
import type { FhirClient } from './fhir-client.js';
import type { FhirResource } from './fhir-types.js';

interface Patient extends FhirResource {
  resourceType: 'Patient';
  name?: { family?: string }[];
}

let server: FhirTestServer;
let fhir: FhirClient;
const ids: string[] = [];

before(async () => {
  server = await startFhirServer({ defaultPageSize: 4 });
  fhir = createFhirClient({ baseUrl: server.baseUrl });
  for (let i = 0; i < 10; i++) {
    const result = await fhir.transaction([{ method: 'POST', resource: { resourceType: 'Patient', name: [{ family: `Family${i}` }] } as Patient }]);
    ids.push(result.entries[0]?.id ?? '');
  }
});
after(() => server.close());

describe('read', () => {
  it('returns the current version with its versionId', async () => {
    const patient = await fhir.read<Patient>('Patient', ids[0] ?? '');
    assert.equal(patient?.name?.[0]?.family, 'Family0');
    assert.equal(patient?.meta?.versionId, '1');
  });

  it('returns undefined for a resource that never existed or was deleted', async () => {
    assert.equal(await fhir.read('Patient', 'never-existed'), undefined);
    const id = ids[9] ?? '';
    await fhir.transaction([{ method: 'DELETE', resourceType: 'Patient', id }]);
    assert.equal(await fhir.read('Patient', id), undefined);
  });
});

describe('search', () => {
  it('returns one page of resources, the total and the next link', async () => {
    const page = await fhir.search<Patient>('Patient', { _sort: '_lastUpdated', _count: 3 });
    assert.equal(page.resources.length, 3);
    assert.equal(page.total, 9);
    assert.ok(page.next);
    const next = await fhir.searchNext<Patient>(page.next);
    assert.equal(next.resources.length, 3);
    assert.notEqual(next.resources[0]?.id, page.resources[0]?.id);
  });

  it('searchPages follows next links as given until the last page', async () => {
    const families: string[] = [];
    let pages = 0;
    for await (const page of fhir.searchPages<Patient>('Patient', { _sort: 'family' })) {
      pages++;
      for (const patient of page.resources) families.push(patient.name?.[0]?.family ?? '');
    }
    assert.equal(pages, 3, 'default page size 4 over 9 patients');
    assert.deepEqual(families, Array.from({ length: 9 }, (_, i) => `Family${i}`));
    const followed = server.requests.filter((r) => r.path.startsWith('?_getpages='));
    assert.ok(followed.length >= 2, 'pages came from the server’s opaque links');
  });

  it('refuses a next link that leaves the server’s origin (the token would go with it)', async () => {
    await assert.rejects(fhir.searchNext('https://elsewhere.example/fhir?page=2'), (error: unknown) => error instanceof FhirStorageError && /leaves its origin/.test(error.message));
  });

  it('an invalid search parameter is a validation error keeping the server’s diagnostics', async () => {
    const error = await fhir.search('Patient', { 'no-such-param': 'x' }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirValidationError, String(error));
    assert.equal(error.status, 400);
    assert.ok(error.diagnostics.length > 0);
    assert.match(error.message, /no-such-param/);
    assert.ok(hasErrorCode(error, 'validation'));
  });
});

describe('server refusals', () => {
  it('403 is a PermissionError: the server’s authorisation wins', async () => {
    server.inject({ status: 403, diagnostics: 'Consent forbids access', match: { method: 'GET' } });
    const error = await fhir.read('Patient', ids[1] ?? '').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirPermissionError);
    assert.ok(hasErrorCode(error, 'permission'));
    assert.equal(error.collection, 'Patient');
    assert.equal(error.recordId, ids[1]);
    assert.match(error.message, /Consent forbids access/);
  });

  it('a 500 is a storage error with the OperationOutcome kept', async () => {
    server.inject({ status: 500, diagnostics: 'database on fire', match: { method: 'GET' } });
    const error = await fhir.read('Patient', ids[1] ?? '').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirStorageError);
    assert.equal(error.reason, 'server');
    assert.equal(error.outcome?.issue?.[0]?.diagnostics, 'database on fire');
  });
});
