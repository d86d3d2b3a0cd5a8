// The mapping table in docs/guides/fhir.md ("## Records") names, per casekit collection, the FHIR
// resource types its records become. This test reads the table and checks it against what toFhir
// produces over the seeded caseload, both ways, so the guide cannot drift from the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CollectionName, StoredRecord } from '@casekit/core';
import { seededCaseload } from '../test/seed.js';
import { toFhir } from './to-fhir.js';
import { MAIN_RESOURCE_TYPE, RESOURCE_TYPES } from './resource-types.js';

const ROW_COLLECTIONS: Record<string, CollectionName[]> = {
  client: ['clients'],
  case: ['cases'],
  assessment: ['assessments'],
  'care plan': ['plans'],
  referral: ['referrals'],
  note: ['notes'],
  consent: ['consents'],
  'organization / service': ['organizations', 'services'],
  'audit event': ['audit'],
  draft: ['drafts'],
};

const DRAFT = {
  id: 'draft-1',
  version: 1,
  createdAt: '2026-11-24T12:00:00.000Z',
  updatedAt: '2026-11-24T12:00:00.000Z',
  ownerId: 'cm-alvarez',
  kind: 'note',
  data: { text: 'Called the landlord' },
} satisfies StoredRecord;

/** Rows of the guide's records table: casekit name -> the resource type names in the FHIR column. */
function documentedTypes(): Map<string, Set<string>> {
  const guide = readFileSync(new URL('../../../../docs/guides/fhir.md', import.meta.url), 'utf8');
  const section = guide.slice(guide.indexOf('## Records'), guide.indexOf('\n## ', guide.indexOf('## Records') + 3));
  const rows = new Map<string, Set<string>>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 4 || !(cells[1]! in ROW_COLLECTIONS)) continue;
    // Resource types are the capitalised words outside parentheses and backticks (e.g. "SDOH Condition" -> Condition).
    const text = cells[2]!.replace(/`[^`]*`/g, '').replace(/\([^)]*\)/g, (inner) => (inner.includes('+') ? inner : ''));
    rows.set(cells[1]!, new Set(text.match(/\b[A-Z][A-Za-z]+\b/g)?.filter((word) => word !== 'SDOH' && word !== 'Gravity') ?? []));
  }
  return rows;
}

describe('docs/guides/fhir.md records table', () => {
  it('names exactly the resource types each collection maps to', async () => {
    const seed = await seededCaseload();
    const documented = documentedTypes();
    assert.deepEqual([...documented.keys()].sort(), Object.keys(ROW_COLLECTIONS).sort(), 'one row per casekit record kind');
    for (const [row, collections] of Object.entries(ROW_COLLECTIONS)) {
      const produced = new Set<string>();
      for (const collection of collections) {
        const records = [...((seed.collections[collection] ?? []) as StoredRecord[])];
        // Exports leave drafts out (private work in progress): map one made here.
        if (collection === 'drafts') records.push(DRAFT);
        assert.ok(records.length, `the seed has ${collection}`);
        // The seeded services have no street address; one that has gets its Location.
        if (collection === 'services') records.push({ ...records[0]!, address: { line: ['12 Mill St'], city: 'Portland', postalCode: '97214' } });
        for (const record of records) for (const resource of toFhir(record, collection)) produced.add(resource.resourceType);
      }
      assert.deepEqual([...documented.get(row)!].sort(), [...produced].sort(), `the "${row}" row`);
      // RESOURCE_TYPES (what a FHIR storage syncs) says the same, main type first.
      assert.deepEqual([...new Set(collections.flatMap((c) => RESOURCE_TYPES[c]))].sort(), [...produced].sort(), `RESOURCE_TYPES for ${row}`);
      for (const c of collections) assert.equal(RESOURCE_TYPES[c][0], MAIN_RESOURCE_TYPE[c]);
    }
  });
});
