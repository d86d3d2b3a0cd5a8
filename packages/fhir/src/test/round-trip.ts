/** Test helpers: hand-made casekit records (checked against the core schemas) and a one-record round trip. */
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { RECORD_SCHEMAS, type CollectionName, type StoredRecord } from '@casekit/core';
import type { Resource } from '@medplum/fhirtypes';
import { fromFhir } from '../records/from-fhir.js';
import { toFhir, type ToFhirOptions } from '../records/to-fhir.js';
import { validateR4 } from './r4-validator.js';

export const AT = '2026-11-24T12:00:00.000Z';
export const LATER = '2026-11-25T08:30:00.000Z';
export const ALVAREZ = { id: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' };
export const OKAFOR = { id: 'sup-okafor', name: 'Ngozi Okafor', role: 'supervisor' };
export const meta = (id: string, version = 3) => ({ id, version, createdAt: AT, updatedAt: LATER });

/** A record parsed by its core schema, so every hand-made record is one casekit could have stored. */
export function record<T extends StoredRecord>(collection: CollectionName, raw: object): T {
  const parsed = RECORD_SCHEMAS[collection].safeParse(JSON.parse(JSON.stringify(raw)));
  if (!parsed.success) throw new Error(`Not a valid ${collection} record: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.data as T;
}

let validated = 0;
let roundTripped = 0;
after(() => void (roundTripped && console.log(`round-tripped ${roundTripped} hand-made records; validated ${validated} resources`)));

/** Maps a record to FHIR, checks every resource is valid R4, maps it back and checks nothing changed or was reported. */
export function roundTrip(collection: CollectionName, value: StoredRecord, options: ToFhirOptions = {}): Resource[] {
  const resources = toFhir(value, collection, options);
  for (const resource of resources) {
    assert.deepEqual(validateR4(resource), [], `${resource.resourceType}/${resource.id} is not valid R4`);
    validated++;
  }
  const { records, report } = fromFhir(JSON.parse(JSON.stringify(resources)) as Resource[]);
  assert.deepEqual(report.entries, [], 'nothing is reported for casekit’s own resources');
  assert.equal(records.length, 1);
  assert.equal(records[0]!.collection, collection);
  assert.deepStrictEqual(records[0]!.record, value);
  roundTripped++;
  return resources;
}

export function ofType<T extends Resource>(resources: readonly Resource[], type: T['resourceType']): T[] {
  return resources.filter((r): r is T => r.resourceType === type);
}
