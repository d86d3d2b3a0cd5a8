// Token refresh, backoff and lost connections, against the test FHIR server over real HTTP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasErrorCode } from '@casekit/core';
import { startFhirServer } from '../test/fhir-server.js';
import type { FhirTestServer } from '../test/fhir-server.js';
import { FhirAuthError, FhirNetworkError, FhirStorageError } from './errors.js';
import { createFhirClient } from './fhir-client.js';
import type { FhirClientOptions } from './fhir-client.js';
import { parseRetryAfter } from './http.js';

let server: FhirTestServer;
before(async () => {
  server = await startFhirServer({ auth: true });
});
after(() => server.close());

/** A client whose waits are recorded, not slept. */
function client(options: Partial<FhirClientOptions> = {}) {
  const waits: number[] = [];
  const tokenRequests: { refresh: boolean }[] = [];
  let token = server.issueToken();
  const fhir = createFhirClient({
    baseUrl: server.baseUrl,
    getAccessToken: (request) => {
      tokenRequests.push(request);
      if (request.refresh) token = server.issueToken();
      return token;
    },
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 1,
    ...options,
  });
  return { fhir, waits, tokenRequests, expire: () => server.expireToken(token) };
}

describe('bearer tokens', () => {
  it('sends the token from getAccessToken', async () => {
    const { fhir } = client();
    assert.deepEqual(await fhir.read('Patient', 'nobody'), undefined);
    assert.match(String(server.requests.at(-1)?.headers.authorization), /^Bearer \S+$/);
  });

  it('after a 401 asks once for a fresh token and retries', async () => {
    const { fhir, tokenRequests, expire } = client();
    await fhir.read('Patient', 'nobody');
    expire();
    assert.equal(await fhir.read('Patient', 'nobody'), undefined);
    assert.deepEqual(tokenRequests.map((r) => r.refresh), [false, false, true]);
  });

  it('a second 401 is an auth error carrying the OperationOutcome diagnostics', async () => {
    const fhir = createFhirClient({ baseUrl: server.baseUrl, getAccessToken: () => 'not-a-valid-token' });
    const error = await fhir.read('Patient', 'nobody').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirAuthError);
    assert.equal(error.reason, 'unauthenticated');
    assert.equal(error.status, 401);
    assert.ok(hasErrorCode(error, 'unauthenticated'), 'core code: sign in again');
    assert.match(error.message, /expired bearer token/);
  });
});

describe('freshness', () => {
  it("never lets the browser's HTTP cache answer: every request is sent with cache: no-store", async () => {
    const modes: (RequestCache | undefined)[] = [];
    const spy = ((input: RequestInfo | URL, init?: RequestInit) => {
      modes.push(init?.cache);
      return globalThis.fetch(input, init);
    }) as typeof fetch;
    const fhir = createFhirClient({ baseUrl: server.baseUrl, fetch: spy, getAccessToken: () => server.issueToken() });
    await fhir.read('Patient', 'nobody');
    await fhir.search('Patient', { _count: 1 });
    assert.deepEqual(modes, ['no-store', 'no-store']);
  });
});

describe('429 and 503', () => {
  it('waits as Retry-After says, then succeeds', async () => {
    const { fhir, waits } = client();
    server.inject({ status: 429, retryAfter: '3', match: { method: 'GET' } });
    assert.equal(await fhir.read('Patient', 'nobody'), undefined);
    assert.deepEqual(waits, [3000]);
  });

  it('backs off exponentially without Retry-After, and gives up after maxAttempts with diagnostics', async () => {
    const { fhir, waits } = client({ retry: { maxAttempts: 3, baseDelayMs: 100 } });
    server.inject({ status: 503, diagnostics: 'down for maintenance', match: { method: 'GET' }, times: 3 });
    const error = await fhir.read('Patient', 'nobody').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirStorageError);
    assert.equal(error.reason, 'unavailable');
    assert.equal(error.status, 503);
    assert.deepEqual(error.diagnostics, ['down for maintenance']);
    assert.deepEqual(waits, [100, 200]);
  });

  it('does not wait out a Retry-After longer than maxDelayMs, but reports it', async () => {
    const { fhir, waits } = client({ retry: { maxDelayMs: 10_000 } });
    server.inject({ status: 503, retryAfter: '120', match: { method: 'GET' } });
    const error = await fhir.read('Patient', 'nobody').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirStorageError);
    assert.equal(error.retryAfterMs, 120_000);
    assert.deepEqual(waits, []);
  });

  it('reads Retry-After as an HTTP date too', () => {
    const now = Date.parse('2026-05-01T10:00:00Z');
    assert.equal(parseRetryAfter('Fri, 01 May 2026 10:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('soon', now), undefined);
  });
});

describe('lost connections', () => {
  it('retries a read whose connection dropped', async () => {
    const { fhir, waits } = client();
    server.inject({ drop: 'before-processing', match: { method: 'GET' } });
    assert.equal(await fhir.read('Patient', 'nobody'), undefined);
    assert.equal(waits.length, 1);
  });

  it('gives up waiting after timeoutMs: a network error', async () => {
    const { fhir } = client({ timeoutMs: 100, retry: { maxAttempts: 1 } });
    server.inject({ hang: true, match: { method: 'GET' } });
    const error = await fhir.read('Patient', 'nobody').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirNetworkError);
    assert.equal(error.applied, 'no');
  });

  it('a read that never gets an answer is a network error with applied: no', async () => {
    const fhir = createFhirClient({ baseUrl: 'http://127.0.0.1:9/fhir', retry: { maxAttempts: 2 }, sleep: async () => {} });
    const error = await fhir.read('Patient', 'x').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof FhirNetworkError);
    assert.equal(error.applied, 'no');
    assert.equal(error.reason, 'network');
    assert.ok(hasErrorCode(error, 'unavailable'), 'core code: try again later');
  });
});
