// Two case managers on one FHIR server, and one that goes offline: changes travel by polling, racing
// writes have one winner, offline commits wait in a durable outbox and a stale replay becomes a conflict.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ConflictError, createCaseManager, createMemoryStorage, type ChangeBatch } from '@casekit/core';
import { PERSONAS } from '@casekit/core/testing';
import type { EpisodeOfCare } from '@medplum/fhirtypes';
import { harness, settle, switchableFetch, type Harness } from '../test/storage-harness.js';
import { createMemoryOutboxStore } from './outbox-store.js';
import { RECORD_VERSION_URL } from './record-resources.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.close());

const episode = async (id: string) => (await h.server.repo.readResource('EpisodeOfCare', id)) as EpisodeOfCare;
const casekitVersion = (resource: EpisodeOfCare) => resource.extension?.find((e) => e.url === RECORD_VERSION_URL)?.valueInteger;
const seen = (batches: ChangeBatch[]) => batches.flatMap((b) => b.changes.map((c) => `${b.remote ? 'remote' : 'local'} ${c.collection}/${c.id}@${c.version}`));

async function twoManagers(options: { pollIntervalMs?: number } = {}) {
  const a = await h.open();
  const b = await h.open(options);
  let n = 0;
  const ids = (prefix: string) => () => `${prefix}-${++n}`;
  return {
    a,
    b,
    alvarez: createCaseManager({ storage: a, actor: PERSONAS.caseManager, ids: ids('a') }),
    okafor: createCaseManager({ storage: b, actor: PERSONAS.supervisor, ids: ids('b') }),
  };
}

describe('two managers on one FHIR server', () => {
  it("one manager's change reaches the other within the poll interval, as a remote change, and never echoes back", async () => {
    const { a, b, alvarez, okafor } = await twoManagers({ pollIntervalMs: 30 });
    const heardByA: ChangeBatch[] = [];
    const heardByB: ChangeBatch[] = [];
    a.subscribe((batch) => heardByA.push(batch));
    b.subscribe((batch) => heardByB.push(batch));
    const { client } = await alvarez.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } });
    const kase = await alvarez.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
    await settle(() => seen(heardByB).includes(`remote cases/${kase.id}@1`));
    assert.ok(seen(heardByB).includes(`remote cases/${kase.id}@1`), 'the case reached the other manager by polling');
    assert.equal((await okafor.cases.get(kase.id)).clientName, kase.clientName);
    assert.equal((await b.queryCases({ assigneeId: kase.assigneeId })).items.length, kase.assigneeId ? 1 : 0, 'and is queryable there');
    await a.sync.pull();
    const ownIds = new Set(heardByA.filter((batch) => !batch.remote).flatMap((batch) => batch.changes.map((c) => `${c.collection}/${c.id}`)));
    const echoes = heardByA.filter((batch) => batch.remote).flatMap((batch) => batch.changes.filter((c) => ownIds.has(`${c.collection}/${c.id}`)));
    assert.deepEqual(echoes, [], 'own commits are not heard again as remote changes');
    assert.equal(new Set(seen(heardByB)).size, seen(heardByB).length, 'no change heard twice');
  });

  it('racing commits: exactly one wins, the other is a ConflictError, and the stale write never reaches the server', async () => {
    const { b, alvarez, okafor } = await twoManagers();
    const { client } = await alvarez.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } });
    const kase = await alvarez.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
    await b.sync.pull();
    const results = await Promise.allSettled([alvarez.cases.update(kase, { priority: 'urgent' }), okafor.cases.update(kase, { priority: 'low' })]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1, 'one winner');
    assert.ok(lost[0]?.reason instanceof ConflictError, 'the other is a conflict');
    const conflict = lost[0].reason as ConflictError;
    assert.deepEqual([conflict.collection, conflict.id], ['cases', kase.id], 'named as the casekit record');
    const winner = (won[0] as PromiseFulfilledResult<{ priority: string; version: number }>).value;
    const stored = await episode(kase.id);
    assert.equal(casekitVersion(stored), winner.version, "the server holds the winner's version");
    assert.equal(stored.meta?.versionId, '2', 'written once after the create');
    const loserStorage = results[0]?.status === 'rejected' ? alvarez : okafor;
    assert.equal((await loserStorage.cases.get(kase.id)).priority, winner.priority, "the loser's get refreshes to the winner");
  });
});

describe('offline', () => {
  it('queues commits while unreachable, survives a reload, replays them in order and keeps a conflicting server edit as a conflict', async () => {
    const net = switchableFetch();
    const replica = createMemoryStorage();
    const outbox = createMemoryOutboxStore();
    const a = await h.open({ fetch: net.fetch, replica, outbox, keepStoresOpen: true });
    const b = await h.open();
    const alvarez = createCaseManager({ storage: a, actor: PERSONAS.caseManager });
    const okafor = createCaseManager({ storage: b, actor: PERSONAS.supervisor });
    const { client } = await alvarez.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } });
    const kase = await alvarez.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
    await b.sync.pull();

    const statuses: string[] = [];
    a.sync.subscribe((event) => event.type === 'status' && statuses.push(`${event.status.online ? 'online' : 'offline'}:${event.status.pending}`));
    net.offline = true;
    const mine = await alvarez.cases.update(kase, { priority: 'urgent' });
    assert.deepEqual(statuses.slice(0, 2), ['offline:0', 'offline:1'], 'sync listeners hear the cut and the queue');
    const { client: newClient } = await alvarez.clients.create({ name: { given: ['Kofi'], family: 'Mensah' } });
    assert.equal((await alvarez.cases.get(kase.id)).priority, 'urgent', 'the offline change is in the replica');
    const queued = a.sync.status().pending;
    assert.equal(a.sync.status().online, false);
    assert.ok(queued >= 2, 'the commits are queued (with the audit events of reads)');
    assert.equal(await h.server.repo.readResource('Patient', newClient.id).catch(() => undefined), undefined, 'nothing reached the server');

    // Meanwhile the supervisor edits the same case on the server.
    const theirs = await okafor.cases.update(kase, { riskLevel: 'high' });

    // Reload: a new storage over the same replica and outbox, still offline.
    await a.close();
    const a2 = await h.open({ fetch: net.fetch, replica, outbox, keepStoresOpen: true });
    assert.deepEqual([a2.sync.status().online, a2.sync.status().pending], [false, queued], 'the outbox survived the reload');
    assert.equal((await a2.get('cases', kase.id))?.['priority'], 'urgent');

    const events: string[] = [];
    a2.sync.subscribe((event) => events.push(event.type));
    net.offline = false;
    await a2.sync.pull();
    assert.ok(events.includes('replayed') && events.includes('conflict'), `replay and conflict are told (${events.join(', ')})`);
    assert.equal((await h.server.repo.readResource('Patient', newClient.id)).id, newClient.id, 'the new client reached the server');
    const onServer = await episode(kase.id);
    assert.equal(casekitVersion(onServer), theirs.version, "the server kept the supervisor's edit: the stale replay was not applied");
    const [conflict] = a2.sync.conflicts();
    assert.equal(a2.sync.conflicts().length, 1, 'one conflict');
    assert.deepEqual([conflict?.collection, conflict?.id, conflict?.mine?.['priority'], conflict?.theirs?.['riskLevel']], ['cases', kase.id, 'urgent', 'high'], 'both versions kept');
    assert.equal((await replica.get('cases', kase.id))?.['priority'], 'urgent', "the user's change is kept locally");
    assert.deepEqual(a2.sync.status(), { online: true, pending: 0, lastSyncAt: a2.sync.status().lastSyncAt, conflicts: 1 });

    // Keep mine: re-committed on top of theirs.
    await conflict!.keepMine();
    const resolved = await episode(kase.id);
    assert.equal(casekitVersion(resolved), theirs.version + 1, 'mine lands as their version + 1');
    await b.sync.pull();
    const atB = await okafor.cases.get(kase.id);
    assert.deepEqual([atB.priority, atB.version], ['urgent', theirs.version + 1], 'and reaches the other manager');
    assert.equal(a2.sync.conflicts().length, 0);
    assert.equal(mine.priority, 'urgent');
  });

  it('a commit whose answer was lost while the network went down is checked on reconnect, never applied twice', async () => {
    const net = switchableFetch();
    let cutAfterNextPost = false;
    const lossy = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const answer = await net.fetch(input, init);
      if (cutAfterNextPost && init?.method === 'POST') {
        cutAfterNextPost = false;
        net.offline = true; // the server applied it; the answer and everything after are lost
        throw new TypeError('fetch failed');
      }
      return answer;
    }) as typeof fetch;
    const a = await h.open({ fetch: lossy });
    const client = { id: 'c1', version: 1, createdAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z', name: { given: ['Rosa'], family: 'Martínez' }, identifiers: [], contact: {}, interpreterNeeded: false, active: true };
    await a.commit([{ type: 'put', collection: 'clients', record: client, expectedVersion: 0 }]);
    cutAfterNextPost = true;
    await a.commit([{ type: 'put', collection: 'clients', record: { ...client, version: 2, language: 'so' }, expectedVersion: 1 }]);
    assert.deepEqual([a.sync.status().online, a.sync.status().pending], [false, 1], 'queued, as it may or may not have landed');
    net.offline = false;
    await a.sync.pull();
    assert.deepEqual([a.sync.status().pending, a.sync.conflicts().length], [0, 0], 'settled without a conflict');
    const stored = await h.server.repo.readResource('Patient', 'c1');
    assert.equal(stored.meta?.versionId, '2', 'applied exactly once');
    await a.commit([{ type: 'put', collection: 'clients', record: { ...client, version: 3, language: 'en' }, expectedVersion: 2 }]);
    assert.equal((await h.server.repo.readResource('Patient', 'c1')).meta?.versionId, '3', 'and the next commit builds on it');
  });

  it('take theirs replaces the local version with the server one', async () => {
    const net = switchableFetch();
    const a = await h.open({ fetch: net.fetch });
    const b = await h.open();
    const alvarez = createCaseManager({ storage: a, actor: PERSONAS.caseManager });
    const okafor = createCaseManager({ storage: b, actor: PERSONAS.supervisor });
    const { client } = await alvarez.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } });
    await b.sync.pull();
    net.offline = true;
    await alvarez.clients.update(client, { language: 'pt' });
    const theirs = await okafor.clients.update(client, { language: 'so' });
    net.offline = false;
    await a.sync.pull();
    const [conflict] = a.sync.conflicts();
    assert.equal(conflict?.kind, 'stale-write');
    await conflict!.takeTheirs();
    const local = await alvarez.clients.get(client.id);
    assert.deepEqual([local.language, local.version], ['so', theirs.version], 'theirs, with its version');
    assert.equal(a.sync.conflicts().length, 0);
  });
});
