// What the replica holds and keeps: only casekit's resources, deletes made elsewhere, and an outbox
// that a refused or failing replay never blocks for good.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createCaseManager } from '@casekit/core';
import { PERSONAS } from '@casekit/core/testing';
import type { Patient } from '@medplum/fhirtypes';
import { harness, switchableFetch, type Harness } from '../test/storage-harness.js';
import { SYNC_TAG } from './record-resources.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.close());

const ehrPatient = (id: string): Patient => ({ resourceType: 'Patient', id, name: [{ given: ['Ana'], family: 'Lima' }], identifier: [{ system: 'urn:casekit:id', value: id }] });

describe('sync scope', () => {
  it("pulls only the resources casekit wrote (tagged), never the EHR's other records", async () => {
    await h.server.repo.updateResource(ehrPatient('ehr-1'));
    const storage = await h.open();
    const manager = createCaseManager({ storage, actor: PERSONAS.caseManager });
    const { client } = await manager.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } });
    const onServer = await h.server.repo.readResource('Patient', client.id);
    assert.ok(onServer.meta?.tag?.some((t) => t.system === SYNC_TAG.system && t.code === SYNC_TAG.code), 'casekit tags what it writes');

    const other = await h.open();
    assert.ok(await other.get('clients', client.id), "casekit's client reaches another replica");
    assert.equal(await other.count('clients', { index: 'id' }), 1, "the EHR's own Patient is not pulled");
    assert.ok(h.server.requests.some((r) => r.method === 'GET' && r.path.startsWith('Patient?') && decodeURIComponent(r.path).includes(`_tag=${SYNC_TAG.system}|casekit`)), 'asked with _tag');

    const everything = await h.open({ scope: 'all' });
    assert.equal(await everything.count('clients', { index: 'id' }), 2, "scope 'all' takes every Patient");
  });
});

describe('deletes made elsewhere', () => {
  it('reach the replica by polling (reconcile), as remote deletes, without a get', async () => {
    const a = await h.open({ reconcileIntervalMs: 0 });
    const manager = createCaseManager({ storage: a, actor: PERSONAS.caseManager });
    const { client } = await manager.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } });
    const kase = await manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active', needs: [{ domain: 'housing', status: 'identified', source: 'manual', identifiedAt: '2026-03-01T09:00:00.000Z' }] });
    const condition = (await h.server.repo.searchResources({ resourceType: 'Condition' }))[0];
    assert.ok(condition, 'the need is a Condition');

    const heard: string[] = [];
    a.subscribe((batch) => batch.remote && heard.push(...batch.changes.map((c) => `${c.type} ${c.collection}`)));
    // Another system deletes the client's Patient, and the case's Condition.
    await h.server.repo.deleteResource('Patient', client.id);
    await h.server.repo.deleteResource('Condition', condition.id);
    await a.sync.pull();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // getMany: the replica as it is, without get's refresh (which would find the delete by itself).
    assert.deepEqual(await a.getMany('clients', [client.id]), [undefined], 'the deleted client left the replica');
    const [local] = await a.getMany('cases', [kase.id]);
    assert.equal((local?.['needs'] as unknown[]).length, 0, 'the case lost the need whose Condition was deleted');
    assert.ok(heard.includes('delete clients') && heard.includes('put cases'), `told as remote changes (${heard.join(', ')})`);
  });

  it('look for deletes only every reconcileIntervalMs, or when asked', async () => {
    let clock = Date.parse('2026-03-01T09:00:00.000Z');
    const a = await h.open({ reconcileIntervalMs: 60_000, now: () => new Date(clock) });
    const manager = createCaseManager({ storage: a, actor: PERSONAS.caseManager });
    const { client } = await manager.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } });
    await manager.clients.create({ name: { given: ['Kofi'], family: 'Mensah' } });
    const listings = () => h.server.requests.filter((r) => r.path.includes('_elements=id')).length;
    await a.sync.pull();
    const before = listings();
    await a.sync.pull();
    assert.equal(listings(), before, 'not at every poll');
    await h.server.repo.deleteResource('Patient', client.id);
    await a.sync.pull({ reconcile: true });
    assert.ok(listings() > before, 'when asked');
    assert.equal(await a.count('clients', { index: 'id' }), 1);
    clock += 61_000;
    const asked = listings();
    await a.sync.pull();
    assert.ok(listings() > asked, 'and when the interval has passed');
  });
});

describe('an outbox that never blocks for good', () => {
  it('a replay the server refuses (403) is set aside as a refused conflict, and the later commits still land', async () => {
    const net = switchableFetch();
    const a = await h.open({ fetch: net.fetch });
    const manager = createCaseManager({ storage: a, actor: PERSONAS.caseManager });
    const { client } = await manager.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } });
    net.offline = true;
    await manager.clients.update(client, { language: 'pt' });
    const { client: later } = await manager.clients.create({ name: { given: ['Kofi'], family: 'Mensah' } });
    net.offline = false;
    h.server.inject({ status: 403, diagnostics: 'Not in your organisation', match: { method: 'POST' } });
    await a.sync.pull();

    const [refused, ...more] = a.sync.conflicts();
    assert.equal(more.length, 0, 'one record set aside');
    assert.deepEqual([refused?.kind, refused?.collection, refused?.id, refused?.mine?.['language']], ['refused', 'clients', client.id, 'pt'], 'with my version');
    assert.match(refused?.reason ?? '', /403|permission|organisation/i, "and the server's reason");
    assert.equal(a.sync.status().pending, 0, 'nothing left waiting');
    assert.ok(await h.server.repo.readResource('Patient', later.id), 'the later commit landed');
    const events = await h.server.repo.searchResources({ resourceType: 'AuditEvent' });
    assert.ok(events.length >= 3, "the refused commit's audit events still reached the server");

    const [shown] = await manager.sync!.conflicts();
    assert.deepEqual([shown?.kind, shown?.id], ['refused', client.id], 'the manager shows it to the actor');
    await manager.sync!.resolve('clients', client.id, 'theirs');
    assert.equal((await manager.clients.get(client.id)).language, undefined, "taking theirs drops the refused change");
    assert.equal(a.sync.status().conflicts, 0);
  });

  it('a replay that fails for now (500, expired sign-in) stays queued, says why, and lands at a later pull', async () => {
    const net = switchableFetch();
    const a = await h.open({ fetch: net.fetch });
    const manager = createCaseManager({ storage: a, actor: PERSONAS.caseManager });
    net.offline = true;
    const { client } = await manager.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } });
    net.offline = false;
    h.server.inject({ status: 500, diagnostics: 'database unavailable', match: { method: 'POST' } });
    await a.sync.pull();
    assert.ok(a.sync.status().pending > 0, 'still queued');
    assert.match(a.sync.status().blocked ?? '', /500/, 'with the reason');
    await a.sync.pull();
    assert.equal(a.sync.status().pending, 0, 'replayed once the server recovered');
    assert.equal(a.sync.status().blocked, undefined);
    assert.ok(await h.server.repo.readResource('Patient', client.id));
  });
});
