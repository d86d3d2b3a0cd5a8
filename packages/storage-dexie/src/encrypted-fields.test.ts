// Encryption covers what it claims: every schema field is classified, and the classification is what
// the indexes and the sample records need.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { COLLECTIONS, RECORD_SCHEMAS, type CollectionName, type StoredRecord } from '@casekit/core';
import { ENCRYPTED_FIELDS, INDEXES_OVER_ENCRYPTED_FIELDS, READABLE_FIELDS, isReadableField } from './encrypted-fields.js';
import { STORED_INDEXES } from './schema.js';
import { SAMPLE_RECORDS } from './test/records.js';

/** The top-level fields of a collection's zod schema (zod 4 objects expose `.shape`). */
function schemaFields(collection: CollectionName): string[] {
  let schema = RECORD_SCHEMAS[collection] as unknown as { shape?: Record<string, unknown>; def?: { type?: string; in?: unknown } };
  // A transformed schema is a pipe: its input is the object.
  while (!schema.shape && schema.def?.type === 'pipe') schema = schema.def.in as typeof schema;
  assert.ok(schema.shape, `RECORD_SCHEMAS.${collection} is not a zod object: teach this test to find its fields`);
  return Object.keys(schema.shape);
}

describe('encrypted fields', () => {
  for (const collection of COLLECTIONS) {
    it(`every field of ${collection} is either encrypted or readable with a reason, never both`, () => {
      const fields = schemaFields(collection);
      const encrypted = ENCRYPTED_FIELDS[collection];
      const readable = Object.keys(READABLE_FIELDS[collection]);
      const unlisted = fields.filter((f) => !encrypted.includes(f) && !readable.includes(f));
      assert.deepEqual(unlisted, [], `${collection}: add these fields to ENCRYPTED_FIELDS or READABLE_FIELDS (with the reason) in encrypted-fields.ts`);
      assert.deepEqual(encrypted.filter((f) => readable.includes(f)), [], `${collection}: fields in both lists`);
      assert.deepEqual([...encrypted, ...readable].filter((f) => !fields.includes(f)), [], `${collection}: listed fields the schema no longer has`);
      for (const [field, reason] of Object.entries(READABLE_FIELDS[collection])) assert.ok(reason.trim(), `${collection}.${field} needs a reason`);
      for (const field of encrypted) assert.equal(isReadableField(collection, field), false);
    });
  }

  it('a field in neither list (a newer schema, an extra host field) is encrypted', () => {
    assert.equal(isReadableField('cases', 'someFutureField'), false);
    assert.equal(isReadableField('organizations', 'someFutureField'), false);
  });

  it('the sample records set every field of every schema, and are valid records', () => {
    for (const collection of COLLECTIONS) {
      const samples = SAMPLE_RECORDS[collection];
      const present = new Set(samples.flatMap((r) => Object.keys(r)));
      assert.deepEqual(schemaFields(collection).filter((f) => !present.has(f)), [], `${collection}: give the samples in src/test/records.ts a value for these fields`);
      for (const record of samples) {
        const result = RECORD_SCHEMAS[collection].safeParse(record);
        assert.ok(result.success, `${collection}/${record.id}: ${result.error?.message}`);
      }
    }
  });

  it('an index reads encrypted fields only when INDEXES_OVER_ENCRYPTED_FIELDS says how its keys are stored', () => {
    for (const collection of COLLECTIONS) {
      const listed = INDEXES_OVER_ENCRYPTED_FIELDS[collection] ?? {};
      const dependsOnEncrypted = new Set<string>();
      for (const record of SAMPLE_RECORDS[collection]) {
        const readableOnly = Object.fromEntries(Object.entries(record).filter(([f]) => isReadableField(collection, f))) as StoredRecord;
        for (const index of STORED_INDEXES[collection]) {
          let fromReadable: string;
          try {
            fromReadable = JSON.stringify(index.keys(readableOnly));
          } catch {
            fromReadable = 'throws';
          }
          if (fromReadable !== JSON.stringify(index.keys(record))) dependsOnEncrypted.add(index.name);
        }
      }
      for (const name of dependsOnEncrypted) {
        assert.ok(listed[name], `${collection}.${name} is derived from encrypted fields: list it in INDEXES_OVER_ENCRYPTED_FIELDS (blind or plaintext, and why), or make its source fields readable`);
      }
      for (const name of Object.keys(listed)) {
        assert.ok(dependsOnEncrypted.has(name), `${collection}.${name} is listed in INDEXES_OVER_ENCRYPTED_FIELDS but its keys come from readable fields only`);
      }
    }
  });
});
