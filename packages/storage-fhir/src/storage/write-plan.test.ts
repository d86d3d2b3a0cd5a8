import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureCases } from '@casekit/core/testing';
import type { StoredRecord } from '@casekit/core';
import { chunkWrites, mergeWrites, planWrite } from './write-plan.js';

const [kase] = fixtureCases(1, 4);
const base = kase as unknown as StoredRecord;

describe('write plan', () => {
  it('merges the operations on one record into one write: before as stored, after as last put', () => {
    const writes = mergeWrites(
      [
        { type: 'put', collection: 'cases', record: { ...base, version: 2 }, expectedVersion: 1 },
        { type: 'put', collection: 'cases', record: { ...base, version: 3, priority: 'low' }, expectedVersion: 2 },
        { type: 'delete', collection: 'clients', id: 'c9', expectedVersion: 1 },
      ],
      (collection, id) => (collection === 'cases' && id === base.id ? base : undefined),
    );
    assert.equal(writes.length, 2);
    assert.deepEqual([writes[0]?.before?.version, writes[0]?.after?.version, writes[0]?.after?.['priority']], [1, 3, 'low']);
    assert.deepEqual([writes[1]?.collection, writes[1]?.after], ['clients', undefined]);
  });

  it('puts every resource of a record with its known version and deletes parts it no longer has', () => {
    const write = { collection: 'cases' as const, id: base.id, before: base, after: { ...base, version: 2, needs: [] } };
    const versions: Record<string, string> = {};
    const all = planWrite({ ...write, before: undefined, after: base }, { versions, parts: {}, cursors: {} }, () => undefined);
    for (const ref of all.refs) versions[ref] = '4';
    const plan = planWrite(write, { versions, parts: {}, cursors: {} }, (ref) => versions[ref]);
    assert.ok(plan.entries.filter((e) => e.method === 'PUT').every((e) => e.ifMatch === '4'), 'If-Match on each update');
    assert.ok(plan.entries.some((e) => e.method === 'DELETE' && e.resourceType === 'Condition' && e.ifMatch === '4'), 'the removed need');
  });

  it('packs records into transactions under the limit without splitting one', () => {
    const planned = fixtureCases(10, 2).map((c) => planWrite({ collection: 'cases', id: c.id, before: undefined, after: c as unknown as StoredRecord }, { versions: {}, parts: {}, cursors: {} }, () => undefined));
    const chunks = chunkWrites(planned, 7);
    assert.deepEqual(chunks.flat().map((p) => p.write.id), planned.map((p) => p.write.id), 'order kept');
    for (const chunk of chunks) assert.ok(chunk.length === 1 || chunk.reduce((n, p) => n + p.entries.length, 0) <= 7);
  });
});
