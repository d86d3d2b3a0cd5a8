// The test server must behave like a production FHIR R4 server on everything casekit relies on. Each
// `gap:` test fails against @medplum/fhir-router as shipped: run this file with
// FHIR_TEST_SERVER_STOCK=1 to serve the library without the harness's fixes and see them fail.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle, CapabilityStatement, OperationOutcome, Patient, Resource } from '@medplum/fhirtypes';
import { startFhirServer } from './fhir-server.js';
import type { FhirServerOptions, FhirTestServer } from './fhir-server.js';

const stock = process.env.FHIR_TEST_SERVER_STOCK === '1';

interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

async function call<T = Resource>(server: FhirTestServer, method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const url = /^https?:/.test(path) ? path : `${server.baseUrl}/${path}`;
  const response = await fetch(url, {
    method,
    headers: { accept: 'application/fhir+json', ...(init.body === undefined ? {} : { 'content-type': 'application/fhir+json' }), ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

function patient(family: string, extra: Partial<Patient> = {}): Patient {
  return { resourceType: 'Patient', name: [{ family }], ...extra };
}

async function create<T extends Resource>(server: FhirTestServer, resource: T): Promise<T & { id: string }> {
  const answer = await call<T & { id: string }>(server, 'POST', resource.resourceType, { body: resource });
  assert.equal(answer.status, 201);
  return answer.body;
}

function withServer(options: FhirServerOptions = {}): () => FhirTestServer {
  let server: FhirTestServer | undefined;
  before(async () => {
    server = await startFhirServer({ ...options, stock });
  });
  after(async () => server?.close());
  return () => {
    if (!server) throw new Error('server not started');
    return server;
  };
}

describe('transactions', () => {
  const server = withServer();

  it('gap: a stale If-Match fails the whole Bundle with 412 and keeps nothing', async () => {
    const a = await create(server(), patient('Alpha'));
    const b = await create(server(), patient('Beta'));
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:5a3f9d0e-8c1b-4d2e-9f3a-1b2c3d4e5f60', resource: patient('New'), request: { method: 'POST', url: 'Patient' } },
        { resource: { ...a, name: [{ family: 'Alpha2' }] }, request: { method: 'PUT', url: `Patient/${a.id}`, ifMatch: `W/"${a.meta?.versionId}"` } },
        { resource: { ...b, name: [{ family: 'Beta2' }] }, request: { method: 'PUT', url: `Patient/${b.id}`, ifMatch: 'W/"999"' } },
      ],
    };
    const answer = await call<OperationOutcome>(server(), 'POST', '', { body: bundle });
    assert.equal(answer.status, 412);
    assert.equal(answer.body.resourceType, 'OperationOutcome');
    const alpha = await call<Patient>(server(), 'GET', `Patient/${a.id}`);
    assert.equal(alpha.body.name?.[0]?.family, 'Alpha');
    assert.equal(alpha.body.meta?.versionId, a.meta?.versionId);
    const found = await call<Bundle>(server(), 'GET', 'Patient?family=New');
    assert.equal(found.body.total, 0);
  });

  it('gap: each transaction-response entry carries status, etag, lastModified and a versioned location', async () => {
    const a = await create(server(), patient('Gamma'));
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: patient('Delta', { id: 'delta-1' }), request: { method: 'PUT', url: 'Patient/delta-1' } },
        { resource: { ...a, name: [{ family: 'Gamma2' }] }, request: { method: 'PUT', url: `Patient/${a.id}`, ifMatch: `W/"${a.meta?.versionId}"` } },
      ],
    };
    const answer = await call<Bundle>(server(), 'POST', '', { body: bundle });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.type, 'transaction-response');
    const [created, updated] = answer.body.entry ?? [];
    assert.equal(created?.response?.status, '201');
    assert.equal(created?.response?.etag, 'W/"1"');
    assert.equal(created?.response?.location, 'Patient/delta-1/_history/1');
    assert.ok(created?.response?.lastModified);
    assert.equal(updated?.response?.status, '200');
    assert.equal(updated?.response?.etag, 'W/"2"');
    assert.equal(updated?.response?.location, `Patient/${a.id}/_history/2`);
  });

  it('gap: a failed transaction undoes its deletes too', async () => {
    const a = await create(server(), patient('Epsilon'));
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { request: { method: 'DELETE', url: `Patient/${a.id}` } },
        { resource: patient('Zeta', { id: 'zeta-1' }), request: { method: 'PUT', url: 'Patient/zeta-1', ifMatch: 'W/"1"' } },
      ],
    };
    assert.equal((await call(server(), 'POST', '', { body: bundle })).status, 412);
    assert.equal((await call(server(), 'GET', `Patient/${a.id}`)).status, 200);
  });

  it('conditional create inside a transaction does not create a second resource', async () => {
    const identifier = [{ system: 'https://casekit.dev/id', value: 'tx-once' }];
    const entry = { resource: patient('Eta', { identifier }), request: { method: 'POST' as const, url: 'Patient', ifNoneExist: 'identifier=https://casekit.dev/id|tx-once' } };
    const first = await call<Bundle>(server(), 'POST', '', { body: { resourceType: 'Bundle', type: 'transaction', entry: [entry] } });
    const second = await call<Bundle>(server(), 'POST', '', { body: { resourceType: 'Bundle', type: 'transaction', entry: [entry] } });
    assert.equal(first.body.entry?.[0]?.response?.status, '201');
    assert.equal(second.body.entry?.[0]?.response?.status, '200');
    const found = await call<Bundle>(server(), 'GET', 'Patient?identifier=https://casekit.dev/id|tx-once');
    assert.equal(found.body.total, 1);
  });

  it('gap: Prefer: return=minimal drops the resources but keeps each entry version', async () => {
    const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient('Theta', { id: 'theta-1' }), request: { method: 'PUT', url: 'Patient/theta-1' } }] };
    const answer = await call<Bundle>(server(), 'POST', '', { body: bundle, headers: { prefer: 'return=minimal' } });
    assert.equal(answer.body.entry?.[0]?.resource, undefined);
    assert.equal(answer.body.entry?.[0]?.response?.etag, 'W/"1"');
  });
});

describe('versions and If-Match', () => {
  const server = withServer();

  it('gap: the server assigns meta.versionId and lastUpdated, and versionId increments on update', async () => {
    const sent = patient('Iota', { meta: { versionId: 'client-chosen', lastUpdated: '2001-01-01T00:00:00Z' } });
    const created = await create(server(), sent);
    assert.equal(created.meta?.versionId, '1');
    assert.notEqual(created.meta?.lastUpdated, '2001-01-01T00:00:00Z');
    const updated = await call<Patient>(server(), 'PUT', `Patient/${created.id}`, { body: { ...created, active: true }, headers: { 'if-match': 'W/"1"' } });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.meta?.versionId, '2');
  });

  it('gap: ETag, Last-Modified and Location headers on create, update and read', async () => {
    const answer = await call<Patient>(server(), 'POST', 'Patient', { body: patient('Kappa') });
    const id = answer.body.id;
    assert.equal(answer.headers.get('etag'), 'W/"1"');
    assert.equal(answer.headers.get('location'), `${server().baseUrl}/Patient/${id}/_history/1`);
    assert.ok(answer.headers.get('last-modified'));
    const updated = await call(server(), 'PUT', `Patient/${id}`, { body: { ...answer.body, active: false } });
    assert.equal(updated.headers.get('etag'), 'W/"2"');
    assert.equal(updated.headers.get('location'), `${server().baseUrl}/Patient/${id}/_history/2`);
    assert.equal((await call(server(), 'GET', `Patient/${id}`)).headers.get('etag'), 'W/"2"');
  });

  it('a stale If-Match on PUT answers 412 and changes nothing', async () => {
    const created = await create(server(), patient('Lambda'));
    const ifMatch = { 'if-match': `W/"${created.meta?.versionId}"` };
    assert.equal((await call(server(), 'PUT', `Patient/${created.id}`, { body: { ...created, active: true }, headers: ifMatch })).status, 200);
    const stale = await call(server(), 'PUT', `Patient/${created.id}`, { body: { ...created, active: false }, headers: ifMatch });
    assert.equal(stale.status, 412);
    assert.equal((await call<Patient>(server(), 'GET', `Patient/${created.id}`)).body.active, true);
  });

  it('gap: an If-Match that is not an entity tag is refused, not ignored', async () => {
    const created = await create(server(), patient('Mu'));
    const answer = await call(server(), 'PUT', `Patient/${created.id}`, { body: { ...created, active: true }, headers: { 'if-match': '7' } });
    assert.equal(answer.status, 400);
    assert.equal((await call<Patient>(server(), 'GET', `Patient/${created.id}`)).body.meta?.versionId, '1');
  });

  it('gap: If-Match on a resource that does not exist answers 412', async () => {
    const answer = await call(server(), 'PUT', 'Patient/never-was', { body: patient('Nu', { id: 'never-was' }), headers: { 'if-match': 'W/"1"' } });
    assert.equal(answer.status, 412);
  });

  it('gap: DELETE honours If-Match; a deleted resource reads 410 and deleting again has no effect', async () => {
    const created = await create(server(), patient('Xi'));
    assert.equal((await call(server(), 'DELETE', `Patient/${created.id}`, { headers: { 'if-match': 'W/"9"' } })).status, 412);
    assert.equal((await call(server(), 'GET', `Patient/${created.id}`)).status, 200);
    assert.equal((await call(server(), 'DELETE', `Patient/${created.id}`, { headers: { 'if-match': 'W/"1"' } })).status, 200);
    assert.equal((await call(server(), 'GET', `Patient/${created.id}`)).status, 410);
    assert.equal((await call(server(), 'DELETE', `Patient/${created.id}`)).status, 200);
  });

  it('gap: PATCH honours If-Match', async () => {
    const created = await create(server(), patient('Omicron'));
    const patch = [{ op: 'add', path: '/active', value: true }];
    assert.equal((await call(server(), 'PATCH', `Patient/${created.id}`, { body: patch, headers: { 'if-match': 'W/"5"', 'content-type': 'application/json-patch+json' } })).status, 412);
    assert.equal((await call<Patient>(server(), 'GET', `Patient/${created.id}`)).body.active, undefined);
  });

  it('gap: PUT that creates answers 201; POST ignores a client id and never overwrites', async () => {
    const put = await call<Patient>(server(), 'PUT', 'Patient/pi-1', { body: patient('Pi', { id: 'pi-1' }) });
    assert.equal(put.status, 201);
    const posted = await call<Patient>(server(), 'POST', 'Patient', { body: patient('Rho', { id: 'pi-1' }) });
    assert.equal(posted.status, 201);
    assert.notEqual(posted.body.id, 'pi-1');
    assert.equal((await call<Patient>(server(), 'GET', 'Patient/pi-1')).body.name?.[0]?.family, 'Pi');
  });

  it('conditional create with If-None-Exist answers 200 and the existing resource when one matches', async () => {
    const body = patient('Sigma', { identifier: [{ system: 'https://casekit.dev/id', value: 'once' }] });
    const headers = { 'if-none-exist': 'identifier=https://casekit.dev/id|once' };
    const first = await call<Patient>(server(), 'POST', 'Patient', { body, headers });
    const second = await call<Patient>(server(), 'POST', 'Patient', { body, headers });
    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    assert.equal(second.body.id, first.body.id);
  });

  it('gap: a write that is not valid R4 is refused with 400 and the element at fault', async () => {
    const answer = await call<OperationOutcome>(server(), 'POST', 'Patient', { body: patient('Chi', { birthDate: 'yesterday' }) });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body.issue?.[0]?.expression, ['Patient.birthDate']);
    const unknownElement = await call(server(), 'PUT', 'Patient/chi-1', { body: { ...patient('Chi', { id: 'chi-1' }), nickname: 'C' } });
    assert.equal(unknownElement.status, 400);
  });

  it('opaque version ids work the same way', async () => {
    const opaque = await startFhirServer({ stock, versionIds: 'uuid' });
    try {
      const created = await create(opaque, patient('Tau'));
      assert.match(created.meta?.versionId ?? '', /^[0-9a-f-]{36}$/);
      const answer = await call(opaque, 'PUT', `Patient/${created.id}`, { body: created, headers: { 'if-match': `W/"${created.meta?.versionId}"` } });
      assert.equal(answer.status, 200);
    } finally {
      await opaque.close();
    }
  });
});

describe('history', () => {
  const server = withServer();

  it('gap: _history lists versions newest first, the same way every time, including the delete', async () => {
    const created = await create(server(), patient('Upsilon'));
    await call(server(), 'PUT', `Patient/${created.id}`, { body: { ...created, active: true } });
    await call(server(), 'DELETE', `Patient/${created.id}`);
    const versions = async () => ((await call<Bundle>(server(), 'GET', `Patient/${created.id}/_history`)).body.entry ?? []).map((e) => [e.request?.method, e.response?.etag]);
    const expected = [
      ['DELETE', 'W/"3"'],
      ['PUT', 'W/"2"'],
      ['POST', 'W/"1"'],
    ];
    assert.deepEqual(await versions(), expected);
    assert.deepEqual(await versions(), expected);
  });

  it('gap: type-level _history?_since lists every change after an instant, deletes included', async () => {
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const created = await create(server(), { resourceType: 'Group', type: 'person', actual: true });
    await call(server(), 'DELETE', `Group/${created.id}`);
    const answer = await call<Bundle>(server(), 'GET', `Group/_history?_since=${encodeURIComponent(since)}`);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.entry?.map((e) => e.request?.method), ['DELETE', 'POST']);
  });
});

describe('search', () => {
  let tick = Date.parse('2026-03-01T00:00:00Z');
  const server = withServer({ now: () => new Date((tick += 1000)) });

  before(async () => {
    // 25 Observations, one second apart; given names repeat so multi-key sort has ties to break.
    for (let i = 0; i < 25; i++) await create(server(), { resourceType: 'Observation', status: 'final', code: { text: `obs-${String(i).padStart(2, '0')}` } });
    for (const [family, given] of [['Baker', 'Zoe'], ['Adams', 'Yan'], ['Baker', 'Amy'], ['Adams', 'Bea']] as const) {
      await create(server(), patient(family, { name: [{ family, given: [given] }] }));
    }
  });

  it('gap: pages by a default page size and follows next links as opaque absolute URLs', async () => {
    const first = await call<Bundle>(server(), 'GET', 'Observation');
    assert.equal(first.body.entry?.length, 20);
    assert.equal(first.body.total, 25);
    const next = first.body.link?.find((l) => l.relation === 'next')?.url ?? '';
    assert.ok(next.startsWith(`${server().baseUrl}?`), 'the next link is absolute, under the base URL');
    assert.ok(!next.includes('Observation'), 'the next link is opaque, not a rewritten query');
    const second = await call<Bundle>(server(), 'GET', next);
    assert.equal(second.body.entry?.length, 5);
    assert.equal(second.body.link?.find((l) => l.relation === 'next'), undefined);
  });

  it('gap: _count pages through everything exactly once', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${server().baseUrl}/Observation?_count=7&_sort=_lastUpdated`;
    while (url) {
      const answer: Answer<Bundle> = await call<Bundle>(server(), 'GET', url);
      assert.ok((answer.body.entry?.length ?? 0) <= 7);
      for (const entry of answer.body.entry ?? []) seen.push(entry.resource?.id ?? '');
      url = answer.body.link?.find((l) => l.relation === 'next')?.url;
    }
    assert.equal(seen.length, 25);
    assert.equal(new Set(seen).size, 25);
  });

  it('_lastUpdated=gt and _sort=_lastUpdated / -_lastUpdated', async () => {
    const all = await call<Bundle>(server(), 'GET', 'Observation?_sort=_lastUpdated&_count=100');
    const stamps = (all.body.entry ?? []).map((e) => e.resource?.meta?.lastUpdated ?? '');
    assert.deepEqual(stamps, [...stamps].sort());
    const cut = stamps[19] ?? '';
    const after = await call<Bundle>(server(), 'GET', `Observation?_lastUpdated=gt${encodeURIComponent(cut)}&_sort=-_lastUpdated`);
    const later = (after.body.entry ?? []).map((e) => e.resource?.meta?.lastUpdated ?? '');
    assert.deepEqual(later, stamps.slice(20).reverse());
  });

  it('gap: multi-key _sort orders by the first key, then the next', async () => {
    const answer = await call<Bundle<Patient>>(server(), 'GET', 'Patient?_sort=family,-given');
    const names = (answer.body.entry ?? []).map((e) => `${e.resource?.name?.[0]?.family} ${e.resource?.name?.[0]?.given?.[0]}`);
    assert.deepEqual(names, ['Adams Yan', 'Adams Bea', 'Baker Zoe', 'Baker Amy']);
  });

  it('gap: an unknown search parameter or _sort key is refused with 400, not ignored', async () => {
    const answer = await call<OperationOutcome>(server(), 'GET', 'Patient?famly=Adams');
    assert.equal(answer.status, 400);
    assert.match(answer.body.issue?.[0]?.diagnostics ?? '', /famly/);
    assert.equal((await call(server(), 'GET', 'Patient?_sort=nonsense')).status, 400);
  });

  it('gap: searchset entries carry fullUrl and search.mode', async () => {
    const answer = await call<Bundle>(server(), 'GET', 'Patient?_count=1');
    const entry = answer.body.entry?.[0];
    assert.equal(entry?.fullUrl, `${server().baseUrl}/Patient/${entry?.resource?.id}`);
    assert.equal(entry?.search?.mode, 'match');
  });
});

describe('metadata', () => {
  const server = withServer();

  it('gap: GET /metadata is a CapabilityStatement with transaction and versioned updates', async () => {
    const answer = await call<CapabilityStatement>(server(), 'GET', 'metadata');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.resourceType, 'CapabilityStatement');
    assert.equal(answer.body.fhirVersion, '4.0.1');
    const rest = answer.body.rest?.find((r) => r.mode === 'server');
    assert.ok(rest?.interaction?.some((i) => i.code === 'transaction'));
    const patientCaps = rest?.resource?.find((r) => r.type === 'Patient');
    assert.equal(patientCaps?.versioning, 'versioned-update');
  });
});

describe('bearer tokens and injected faults', () => {
  const server = withServer({ auth: true });

  it('401 without a token or with an expired one; /metadata stays open', async () => {
    assert.equal((await call(server(), 'GET', 'Patient')).status, 401);
    const token = server().issueToken();
    const auth = { authorization: `Bearer ${token}` };
    assert.equal((await call(server(), 'GET', 'Patient', { headers: auth })).status, 200);
    server().expireToken(token);
    const expired = await call(server(), 'GET', 'Patient', { headers: auth });
    assert.equal(expired.status, 401);
    assert.match(expired.headers.get('www-authenticate') ?? '', /Bearer/);
    assert.equal((await call(server(), 'GET', 'metadata')).status, 200);
  });

  it('answers an injected status with Retry-After and diagnostics, then recovers', async () => {
    const auth = { authorization: `Bearer ${server().issueToken()}` };
    server().inject({ status: 429, retryAfter: '3', diagnostics: 'slow down', match: { method: 'GET' } });
    const limited = await call<OperationOutcome>(server(), 'GET', 'Patient', { headers: auth });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');
    assert.equal(limited.body.issue?.[0]?.diagnostics, 'slow down');
    assert.equal((await call(server(), 'GET', 'Patient', { headers: auth })).status, 200);
  });

  it('drops the connection before processing (nothing applied) or after (applied, no answer)', async () => {
    const auth = { authorization: `Bearer ${server().issueToken()}` };
    server().inject({ drop: 'before-processing', match: { method: 'PUT' } });
    await assert.rejects(call(server(), 'PUT', 'Patient/drop-1', { body: patient('Phi', { id: 'drop-1' }), headers: auth }));
    assert.equal((await call(server(), 'GET', 'Patient/drop-1', { headers: auth })).status, 404);
    server().inject({ drop: 'after-processing', match: { method: 'PUT' } });
    await assert.rejects(call(server(), 'PUT', 'Patient/drop-1', { body: patient('Phi', { id: 'drop-1' }), headers: auth }));
    assert.equal((await call(server(), 'GET', 'Patient/drop-1', { headers: auth })).status, 200);
  });
});
