// The browser outbox on an IndexedDB implementation (fake-indexeddb, in memory): what a reload must find.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createIndexedDbOutboxStore } from './indexeddb-outbox-store.js';
import type { OutboxEntry } from './outbox-store.js';

const entry = (transactionId: string): Omit<OutboxEntry, 'seq'> => ({
  transactionId,
  writes: [{ collection: 'clients', id: 'c1', before: undefined, after: { id: 'c1', version: 1 } }],
  refs: ['Patient/c1'],
  changes: [{ collection: 'clients', id: 'c1', type: 'put', version: 1 }],
  ifMatch: { 'Patient/c1': '3' },
  queuedAt: '2026-03-01T09:00:00.000Z',
});

// fake-indexeddb is not yet a devDependency of this package (adding it needs an install): until it
// is, the test is skipped rather than red. FAKE_INDEXEDDB may point at an installed copy.
const specifier = process.env['FAKE_INDEXEDDB'] ?? 'fake-indexeddb';
const fake = (await import(specifier).catch(() => undefined)) as { IDBFactory: new () => IDBFactory } | undefined;

describe('createIndexedDbOutboxStore', () => {
  it('keeps queued commits in order, conflicts and server state across a reopen, and clears them all', { skip: fake ? false : 'fake-indexeddb is not installed for @casekit/storage-fhir' }, async () => {
    const indexedDB = new fake!.IDBFactory();
    const first = await createIndexedDbOutboxStore({ name: 'outbox-test', indexedDB });
    const one = await first.add(entry('tx-1'));
    const two = await first.add(entry('tx-2'));
    assert.ok(two.seq > one.seq, 'seq grows');
    await first.replace({ ...one, uncertain: true });
    await first.putConflict({ collection: 'clients', id: 'c1', mine: { id: 'c1', version: 2 }, theirs: { id: 'c1', version: 2 }, theirVersions: { 'Patient/c1': '4' }, kind: 'stale-write', detectedAt: '2026-03-01T10:00:00.000Z' });
    await first.saveState({ versions: { 'Patient/c1': '4' }, parts: { 'clients/c1': ['Patient/c1'] }, cursors: { Patient: '2026-03-01T10:00:00.000Z' } });
    await first.close();

    const reopened = await createIndexedDbOutboxStore({ name: 'outbox-test', indexedDB });
    const entries = await reopened.entries();
    assert.deepEqual(entries.map((e) => [e.transactionId, e.uncertain ?? false]), [['tx-1', true], ['tx-2', false]], 'both, in order, as replaced');
    assert.deepEqual(entries[0]?.ifMatch, { 'Patient/c1': '3' }, 'the original If-Match');
    assert.equal((await reopened.conflicts())[0]?.theirVersions['Patient/c1'], '4');
    assert.equal((await reopened.loadState())?.cursors['Patient'], '2026-03-01T10:00:00.000Z');
    await reopened.remove(one.seq);
    assert.deepEqual((await reopened.entries()).map((e) => e.transactionId), ['tx-2']);
    await reopened.removeConflict('clients', 'c1');
    assert.deepEqual(await reopened.conflicts(), []);
    await reopened.clear();
    assert.deepEqual([await reopened.entries(), await reopened.loadState()], [[], undefined]);
    await reopened.close();
  });

  it('saves only the version and part keys that changed, and reads the whole state back', { skip: fake ? false : 'fake-indexeddb is not installed' }, async () => {
    const indexedDB = new fake!.IDBFactory();
    const store = await createIndexedDbOutboxStore({ name: 'outbox-delta', indexedDB });
    await store.saveState({ versions: { 'Patient/a': '1', 'Patient/b': '1' }, parts: { 'clients/a': ['Patient/a'], 'clients/b': ['Patient/b'] }, cursors: {} });
    // b changed, a deleted, c new; the state passed in is whole, but only the named keys are written.
    const next = { versions: { 'Patient/b': '2', 'Patient/c': '1', 'Patient/stale': 'not written' }, parts: { 'clients/b': ['Patient/b'], 'clients/c': ['Patient/c'] }, cursors: { Patient: 't2' } };
    await store.saveState(next, { versions: new Set(['Patient/a', 'Patient/b', 'Patient/c']), parts: new Set(['clients/a', 'clients/c']) });
    await store.close();
    const reopened = await createIndexedDbOutboxStore({ name: 'outbox-delta', indexedDB });
    assert.deepEqual(await reopened.loadState(), {
      versions: { 'Patient/b': '2', 'Patient/c': '1' },
      parts: { 'clients/b': ['Patient/b'], 'clients/c': ['Patient/c'] },
      cursors: { Patient: 't2' },
    });
    await reopened.close();
  });

  it('opens a version-1 database (state in one row) and moves it to per-key rows at the next save', { skip: fake ? false : 'fake-indexeddb is not installed' }, async () => {
    const indexedDB = new fake!.IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('outbox-v1', 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('entries', { keyPath: 'seq', autoIncrement: true });
        request.result.createObjectStore('conflicts');
        request.result.createObjectStore('state').put({ versions: { 'Patient/a': '3' }, parts: { 'clients/a': ['Patient/a'] }, cursors: { Patient: 't1' } }, 'server');
      };
      request.onsuccess = () => (request.result.close(), resolve());
      request.onerror = () => reject(request.error);
    });
    const store = await createIndexedDbOutboxStore({ name: 'outbox-v1', indexedDB });
    const state = (await store.loadState())!;
    assert.equal(state.versions['Patient/a'], '3', 'the old state is read');
    state.versions['Patient/b'] = '1';
    await store.saveState(state, { versions: new Set(['Patient/b']), parts: new Set() });
    await store.close();
    const reopened = await createIndexedDbOutboxStore({ name: 'outbox-v1', indexedDB });
    assert.deepEqual((await reopened.loadState())?.versions, { 'Patient/a': '3', 'Patient/b': '1' }, 'nothing of the old row was lost');
    await reopened.close();
  });
});
