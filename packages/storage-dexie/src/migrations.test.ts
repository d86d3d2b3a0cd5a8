import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Transaction } from 'dexie';
import { SCHEMA_HISTORY, SCHEMA_VERSION, rebuildKeys } from './migrations.js';
import { currentStores } from './schema.js';

describe('schema versions', () => {
  it('the schema generated from core INDEXES is the one the latest version declares', () => {
    // Fails when INDEXES (or the caseload indexes) change without a new entry in SCHEMA_HISTORY.
    const latest = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1]!;
    assert.equal(latest.version, SCHEMA_VERSION);
    assert.deepEqual(currentStores(), latest.stores);
  });

  it('versions only grow', () => {
    const versions = SCHEMA_HISTORY.map((entry) => entry.version);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    assert.equal(new Set(versions).size, versions.length);
  });

  it('an upgrade cannot rebuild keys derived from encrypted fields (it has no key)', () => {
    const noTransaction = {} as Transaction;
    assert.throws(() => rebuildKeys(noTransaction, 'clients', 'nameTokens'), /encrypted fields/);
    assert.throws(() => rebuildKeys(noTransaction, 'audit', 'actorId+at'), /encrypted fields/);
    assert.throws(() => rebuildKeys(noTransaction, 'audit', 'no-such-index'), /no index/);
  });
});
