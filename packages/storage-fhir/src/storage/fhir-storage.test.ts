// What reaches the FHIR server, and how: one transaction per commit with If-Match, records split into
// their resources, drafts kept local, audit events in the same transaction, and the errors a user sees.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ConflictError, PermissionError, createCaseManager, createMemoryStorage } from '@casekit/core';
import { PERSONAS, fixtureCases, sequentialIds } from '@casekit/core/testing';
import type { Resource } from '@medplum/fhirtypes';
import { FhirAuthError, FhirCapabilityError } from '../client/errors.js';
import type { Bundle } from '../client/fhir-types.js';
import { harness, type Harness } from '../test/storage-harness.js';
import { RECORD_VERSION_URL } from './record-resources.js';
import { createFhirStorage } from './fhir-storage.js';

const T0 = '2026-03-01T09:00:00.000Z';
const client = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  version: 1,
  createdAt: T0,
  updatedAt: T0,
  name: { given: ['Rosa'], family: 'Martínez' },
  identifiers: [],
  contact: {},
  interpreterNeeded: false,
  language: 'es',
  active: true,
  ...extra,
});

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.close());

const transactions = () => h.server.requests.filter((r) => r.method === 'POST' && r.path === '').map((r) => r.body as Bundle);
const serverRead = async (type: string, id: string) => (await h.server.repo.readResource(type as Resource['resourceType'], id)) as Resource & { extension?: { url: string; valueInteger?: number }[] };

describe('createFhirStorage: writes', () => {
  it('sends a commit as one transaction, a case as its EpisodeOfCare, CareTeam and Conditions, and updates with If-Match', async () => {
    const storage = await h.open();
    const [kase] = fixtureCases(1, 4);
    assert.ok(kase && kase.needs.length > 0, 'fixture case with needs');
    await storage.commit([
      { type: 'put', collection: 'clients', record: client(kase.clientId), expectedVersion: 0 },
      { type: 'put', collection: 'cases', record: kase, expectedVersion: 0 },
    ]);
    const [created] = transactions();
    assert.equal(transactions().length, 1, 'one transaction');
    assert.equal(created?.type, 'transaction');
    const urls = created?.entry?.map((e) => `${e.request?.method} ${e.request?.url}`) ?? [];
    assert.ok(urls.includes(`PUT Patient/${kase.clientId}`), 'the client');
    assert.ok(urls.includes(`PUT EpisodeOfCare/${kase.id}`) && urls.some((u) => u.startsWith('PUT CareTeam/')) && urls.some((u) => u.startsWith('PUT Condition/')), 'the case and its parts');
    assert.ok(created?.entry?.every((e) => e.request?.ifMatch === undefined), 'creates carry no If-Match');

    await storage.commit([{ type: 'put', collection: 'cases', record: { ...kase, version: 2, priority: 'urgent', needs: [] }, expectedVersion: 1 }]);
    const update = transactions()[1];
    const episode = update?.entry?.find((e) => e.request?.url === `EpisodeOfCare/${kase.id}`);
    assert.equal(episode?.request?.ifMatch, 'W/"1"', 'the update is based on the server version');
    assert.ok(update?.entry?.some((e) => e.request?.method === 'DELETE' && e.request.url.startsWith('Condition/')), 'a removed need deletes its Condition');
    assert.equal(update?.entry?.some((e) => e.request?.url === `Patient/${kase.clientId}`), false, 'records not in the commit are not sent');

    const stored = await serverRead('EpisodeOfCare', kase.id);
    assert.equal(stored.meta?.versionId, '2', 'server version');
    assert.equal(stored.extension?.find((e) => e.url === RECORD_VERSION_URL)?.valueInteger, 2, 'casekit version kept beside it');
    assert.equal((await storage.get('cases', kase.id))?.priority, 'urgent', 'replica has the record');
  });

  it('keeps drafts in the replica only, and sends audit events in the same transaction as the change', async () => {
    const storage = await h.open();
    const manager = createCaseManager({ storage, actor: PERSONAS.caseManager, ids: sequentialIds() });
    const { client: created } = await manager.clients.create({ name: { given: ['Ana'], family: 'Lopes' } });
    await manager.drafts.save('intake-1', { kind: 'intake', data: { step: 2 } });
    assert.ok(await manager.drafts.get('intake-1'), 'draft readable');
    const sent = transactions().flatMap((b) => b.entry ?? []);
    assert.equal(sent.some((e) => e.resource?.resourceType === 'Basic' || e.request?.url.startsWith('Basic')), false, 'no draft sent');
    assert.equal(h.server.requests.some((r) => r.path.startsWith('Basic')), false, 'nor asked for');
    const withPatient = transactions().find((b) => b.entry?.some((e) => e.request?.url === `Patient/${created.id}`));
    assert.ok(withPatient?.entry?.some((e) => e.request?.url.startsWith('AuditEvent/')), 'its audit event rides in the same transaction');
  });

  it('splits a commit too large for one transaction, and all of it reaches the server', async () => {
    const storage = await h.open({ maxEntriesPerTransaction: 20 });
    const cases = fixtureCases(25, 9);
    await storage.commit(cases.map((record) => ({ type: 'put', collection: 'cases', record, expectedVersion: 0 }) as const));
    assert.ok(transactions().length > 1, 'several transactions');
    assert.ok(transactions().every((b) => (b.entry?.length ?? 0) <= 20), 'none over the limit');
    for (const c of cases) assert.equal((await serverRead('EpisodeOfCare', c.id)).id, c.id);
  });

  it('a split commit whose later transaction is refused is undone on the server, and is a ConflictError', async () => {
    const a = await h.open({ maxEntriesPerTransaction: 4 });
    const b = await h.open();
    const cases = fixtureCases(3, 5);
    await a.commit(cases.map((record) => ({ type: 'put', collection: 'cases', record, expectedVersion: 0 }) as const));
    await b.sync.pull();
    const last = cases[2]!;
    await b.commit([{ type: 'put', collection: 'cases', record: { ...last, version: 2, tags: ['theirs'] }, expectedVersion: 1 }]);
    const before = transactions().length;
    await assert.rejects(
      a.commit(cases.map((record) => ({ type: 'put', collection: 'cases', record: { ...record, version: 2, tags: ['mine'] }, expectedVersion: 1 }) as const)),
      (e: unknown) => e instanceof ConflictError && e.id === last.id,
    );
    assert.ok(transactions().length - before > 2, 'sent in parts, then undone');
    for (const c of cases.slice(0, 2)) {
      const stored = await serverRead('EpisodeOfCare', c.id);
      assert.equal(stored.extension?.find((e) => e.url === RECORD_VERSION_URL)?.valueInteger, 1, `${c.id} put back as it was`);
      assert.equal((await a.get('cases', c.id))?.version, 1, 'replica untouched');
    }
    assert.deepEqual((await serverRead('EpisodeOfCare', last.id)).extension?.find((e) => e.url === RECORD_VERSION_URL)?.valueInteger, 2, 'their write kept');
  });

  it('a create that meets a resource already on the server is a ConflictError, and that resource is untouched', async () => {
    const other = await h.open();
    await other.commit([{ type: 'put', collection: 'clients', record: client('c1', { language: 'vi' }), expectedVersion: 0 }]);
    const storage = await h.open({ replica: createMemoryStorage() });
    await storage.clear(); // forget what the initial sync brought, as a replica that has not pulled yet
    await assert.rejects(storage.commit([{ type: 'put', collection: 'clients', record: client('c1'), expectedVersion: 0 }]), ConflictError);
    assert.equal((await serverRead('Patient', 'c1')).meta?.versionId, '1', 'not overwritten');
    assert.equal(await storage.get('clients', 'c1'), undefined, 'nothing in the replica either');
  });

  it("a create that races another system's create between the check and the write is listed as a create-collision", async () => {
    let raceNextPost = false;
    const racing = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (raceNextPost && init?.method === 'POST') {
        raceNextPost = false;
        await h.server.repo.createResource({ resourceType: 'Patient', id: 'c1', name: [{ family: 'Other' }] });
      }
      return globalThis.fetch(input, init);
    }) as typeof fetch;
    const storage = await h.open({ fetch: racing });
    raceNextPost = true;
    await storage.commit([{ type: 'put', collection: 'clients', record: client('c1'), expectedVersion: 0 }]);
    const [collision] = storage.sync.conflicts();
    assert.deepEqual([collision?.kind, collision?.collection, collision?.id], ['create-collision', 'clients', 'c1'], 'not silent');
    assert.equal(storage.sync.status().conflicts, 1);
  });

  it('a record deleted by another manager is gone from the other replica at its next get', async () => {
    const a = await h.open();
    const b = await h.open();
    await a.commit([{ type: 'put', collection: 'clients', record: client('c1'), expectedVersion: 0 }]);
    await b.sync.pull();
    const heard: string[] = [];
    b.subscribe((batch) => heard.push(...batch.changes.map((c) => `${batch.remote ? 'remote' : 'local'} ${c.type} ${c.id}`)));
    await a.commit([{ type: 'delete', collection: 'clients', id: 'c1', expectedVersion: 1 }]);
    assert.equal(await b.get('clients', 'c1'), undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(heard, ['remote delete c1']);
  });

  it('refuses a server without transactions or versioned updates', async () => {
    const noTx = await harness({ capabilities: (cs) => ({ ...cs, rest: cs.rest?.map((r) => ({ ...r, interaction: r.interaction?.filter((i) => i.code !== 'transaction') })) }) });
    try {
      await assert.rejects(createFhirStorage({ baseUrl: noTx.server.baseUrl, replica: createMemoryStorage(), pollIntervalMs: 0 }), (e: unknown) => e instanceof FhirCapabilityError && /transaction/.test(e.message));
    } finally {
      await noTx.close();
    }
  });
});

describe('createFhirStorage: errors', () => {
  it('403 is a PermissionError and nothing is written, not even to the replica', async () => {
    const storage = await h.open();
    h.server.inject({ status: 403, match: { method: 'POST' } });
    await assert.rejects(storage.commit([{ type: 'put', collection: 'clients', record: client('c1'), expectedVersion: 0 }]), PermissionError);
    assert.equal(await storage.get('clients', 'c1'), undefined);
    assert.equal(storage.sync.status().pending, 0, 'not queued');
  });

  it('401 asks for a fresh token once, then is an auth error', async () => {
    const authed = await harness({ auth: true });
    try {
      let token = authed.server.issueToken();
      const asked: boolean[] = [];
      const storage = await authed.open({ getAccessToken: ({ refresh }) => (asked.push(refresh), refresh ? (token = authed.server.issueToken()) : token) });
      authed.server.expireToken(token);
      await storage.commit([{ type: 'put', collection: 'clients', record: client('c1'), expectedVersion: 0 }]);
      assert.ok(asked.includes(true), 'refreshed after the 401');
      assert.equal((await authed.server.repo.readResource('Patient', 'c1')).id, 'c1', 'written with the fresh token');
      const stuck = authed.server.issueToken();
      const signedOut = await authed.open({ getAccessToken: () => stuck });
      authed.server.expireToken(stuck);
      await assert.rejects(signedOut.commit([{ type: 'put', collection: 'clients', record: client('c2'), expectedVersion: 0 }]), FhirAuthError);
      assert.deepEqual(await signedOut.getMany('clients', ['c2']), [undefined], 'not written locally');
      await assert.rejects(signedOut.get('clients', 'c1'), FhirAuthError, "get's refresh says so too, rather than answer as if all were well");
      assert.equal(signedOut.sync.status().pending, 0, 'not queued as if offline');
      await assert.rejects(authed.open({ getAccessToken: () => 'never-issued' }), FhirAuthError, 'refused at start');
    } finally {
      await authed.close();
    }
  });

  it('a connection cut after the server applied a commit is resolved without applying it twice', async () => {
    const storage = await h.open();
    await storage.commit([{ type: 'put', collection: 'clients', record: client('c1'), expectedVersion: 0 }]);
    h.server.inject({ drop: 'after-processing', match: { method: 'POST' } });
    await storage.commit([{ type: 'put', collection: 'clients', record: client('c1', { version: 2, language: 'so' }), expectedVersion: 1 }]);
    const stored = await serverRead('Patient', 'c1');
    assert.equal(stored.meta?.versionId, '2', 'applied once');
    assert.equal((await storage.get('clients', 'c1'))?.language, 'so');
    await storage.commit([{ type: 'put', collection: 'clients', record: client('c1', { version: 3, language: 'en' }), expectedVersion: 2 }]);
    assert.equal((await serverRead('Patient', 'c1')).meta?.versionId, '3', 'the next commit is based on the version it learnt');
  });
});
