// manager.sync: conflicts hold records, so reading them is a disclosure (policy + audit) and resolving
// one is an audited update the policy must allow.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PermissionError, ValidationError, createCaseManager, createMemoryStorage } from '../index.js';
import type { CaseRecord, StorageConflict, StoragePort, StorageSync, StoredRecord, SyncStatus } from '../index.js';
import { PERSONAS, sequentialIds, testClock } from '../testing/index.js';

/** A memory storage with a sync port whose conflicts the test sets (as @casekit/storage-fhir would report them). */
function syncingStorage() {
  const inner = createMemoryStorage();
  const conflicts: StorageConflict[] = [];
  const resolved: string[] = [];
  const listeners = new Set<(event: { type: 'status'; status: SyncStatus }) => void>();
  const status = (): SyncStatus => ({ online: true, pending: 0, lastSyncAt: undefined, conflicts: conflicts.length });
  const sync: StorageSync = {
    status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async pull() {},
    conflicts: () => structuredClone(conflicts),
    async resolve(collection, id, choice) {
      resolved.push(`${collection}/${id}:${choice}`);
      conflicts.splice(conflicts.findIndex((c) => c.collection === collection && c.id === id), 1);
      for (const listener of listeners) listener({ type: 'status', status: status() });
    },
  };
  const storage: StoragePort = Object.assign(Object.create(inner) as StoragePort, { sync });
  return { storage, conflicts, resolved };
}

async function setup() {
  const { storage, conflicts, resolved } = syncingStorage();
  const base = { storage, clock: testClock().now, ids: sequentialIds() };
  const alvarez = createCaseManager({ ...base, actor: PERSONAS.caseManager });
  const colleague = createCaseManager({ ...base, actor: PERSONAS.otherCaseManager });
  const mine = await alvarez.cases.create({ clientId: (await alvarez.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } })).client.id, program: 'social-work' });
  const theirs = await colleague.cases.create({ clientId: (await colleague.clients.create({ name: { given: ['Kofi'], family: 'Mensah' } })).client.id, program: 'social-work' });
  const conflictOn = (kase: CaseRecord): StorageConflict => ({
    collection: 'cases',
    id: kase.id,
    mine: { ...(kase as unknown as StoredRecord), priority: 'urgent' },
    theirs: { ...(kase as unknown as StoredRecord), version: kase.version + 1, riskLevel: 'high' },
    kind: 'stale-write',
    detectedAt: '2026-03-01T09:00:00.000Z',
  });
  conflicts.push(conflictOn(mine), conflictOn(theirs));
  return { storage, alvarez, colleague, mine, theirs, resolved };
}

const auditOf = async (storage: StoragePort) => (await storage.find('audit', { index: 'id', limit: 1000 })).items as unknown as { action: string; recordId: string; recordIds?: string[]; reason?: string; outcome?: string; actor: { id: string } }[];

describe('manager.sync', () => {
  it('is undefined on a storage without a system of record elsewhere', () => {
    assert.equal(createCaseManager({ storage: createMemoryStorage(), actor: PERSONAS.caseManager }).sync, undefined);
  });

  it('lists only the conflicts on records the actor may read, with the fields that differ, and audits the read', async () => {
    const { storage, alvarez, mine } = await setup();
    const before = (await auditOf(storage)).length;
    const shown = await alvarez.sync!.conflicts();
    assert.deepEqual(shown.map((c) => c.id), [mine.id], "a colleague's case stays hidden");
    assert.deepEqual(shown[0]?.changedFields, ['priority', 'riskLevel'], 'which fields differ');
    const events = (await auditOf(storage)).slice(before);
    assert.deepEqual(events.map((e) => [e.action, e.recordId]), [['read', mine.id]], 'one read event, for what was shown');
    assert.equal(alvarez.sync!.status().conflicts, 2, 'the status is a count, not records');
  });

  it('resolves a conflict the actor may update, audited with the choice; refuses (and audits) one they may not', async () => {
    const { storage, alvarez, mine, theirs, resolved } = await setup();
    const statuses: number[] = [];
    alvarez.sync!.subscribe((status) => statuses.push(status.conflicts));
    await alvarez.sync!.resolve('cases', mine.id, 'mine');
    assert.deepEqual(resolved, [`cases/${mine.id}:mine`]);
    assert.deepEqual(statuses, [1], 'listeners get the status after each event');
    const update = (await auditOf(storage)).find((e) => e.reason?.startsWith('sync conflict'));
    assert.deepEqual([update?.action, update?.recordId, update?.actor.id], ['update', mine.id, PERSONAS.caseManager.id]);
    assert.match(update?.reason ?? '', /kept this version/);

    // @ts-expect-error not a choice: refused as invalid input, nothing resolved
    await assert.rejects(alvarez.sync!.resolve('cases', mine.id, 'both'), ValidationError);
    await assert.rejects(alvarez.sync!.resolve('cases', theirs.id, 'theirs'), PermissionError);
    assert.deepEqual(resolved, [`cases/${mine.id}:mine`], 'nothing resolved');
    const refusal = (await auditOf(storage)).find((e) => e.outcome === 'refused');
    assert.deepEqual([refusal?.outcome, refusal?.recordId], ['refused', theirs.id], 'the refusal is in the audit log');
  });
});
