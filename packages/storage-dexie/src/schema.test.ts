import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { indexDefinition, indexKeys, type CollectionName, type StoredRecord } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import { isReadableField } from './encrypted-fields.js';
import { CASE_QUERY_INDEXES, CASE_ROW_KEYS, CORE_KEY_PATHS, ROW_KEY_FIELDS, plainRow, storedIndex, withId } from './schema.js';
import { SAMPLE_RECORDS } from './test/records.js';

/** What IndexedDB computes from a key path: each dotted path read from the row (undefined when any is missing). */
function keyAt(row: Record<string, unknown>, keyPath: readonly string[]): unknown[] | undefined {
  const parts = keyPath.map((path) => path.split('.').reduce<unknown>((value, name) => (value as Record<string, unknown> | undefined)?.[name], row));
  return parts.some((part) => part === undefined) ? undefined : parts;
}

describe('indexes read through key paths', () => {
  for (const [collection, indexes] of Object.entries(CORE_KEY_PATHS) as [CollectionName, Record<string, readonly string[]>][]) {
    const records: StoredRecord[] = [...SAMPLE_RECORDS[collection], ...(collection === 'cases' ? fixtureCases(300, 5) : [])];
    for (const [name, fields] of Object.entries(indexes)) {
      it(`${collection}.${name}: the key path gives the key core derives, and the row holds no copy`, () => {
        const definition = indexDefinition(collection, name);
        const index = storedIndex(collection, name);
        assert.ok(definition && index?.keyPath, `${collection}.${name} is a core index stored through a key path`);
        for (const record of records) {
          const row = plainRow(collection, record);
          const expected: unknown[] = indexKeys(definition, record).map((key) => withId(key, record.id));
          const actual = keyAt(row, index.keyPath);
          assert.deepEqual(actual === undefined ? [] : [actual], expected, `${collection}/${record.id}`);
          assert.equal(Object.keys(row).includes(`i_${name.replace(/[^A-Za-z0-9]+/g, '_')}`), false);
        }
      });
      it(`${collection}.${name}: its fields stay readable under encryption (the key path reads the plaintext part)`, () => {
        for (const field of fields) assert.ok(isReadableField(collection, field), `${collection}.${field} is readable`);
      });
    }
  }
});

describe('caseload indexes read through key paths', () => {
  const records = [...(SAMPLE_RECORDS.cases as StoredRecord[]), ...fixtureCases(300, 5)];
  for (const index of Object.values(CASE_QUERY_INDEXES).filter((i) => i.keyPath)) {
    it(`${index.name}: the key path over the row's key fields gives the key the planner expects`, () => {
      for (const record of records) {
        const row = plainRow('cases', record);
        assert.deepEqual([keyAt(row, index.keyPath!)], index.keys(record).map((key) => withId(key, record.id)), `cases/${record.id}`);
        assert.deepEqual(Object.keys(CASE_ROW_KEYS(record as never)), [...ROW_KEY_FIELDS.cases!]);
      }
    });
  }
});
