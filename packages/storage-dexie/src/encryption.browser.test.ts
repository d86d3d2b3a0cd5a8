import { expect } from '@open-wc/testing';
import { COLLECTIONS, SHAREABLE_CLIENT_FIELDS, StorageError, type CaseRecord, type CollectionName, type StoredRecord, type WriteOperation } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';
import { INDEXES_OVER_ENCRYPTED_FIELDS, isReadableField } from './encrypted-fields.js';
import { ROW_KEY_FIELDS, STORED_INDEXES, type Row } from './schema.js';
import { freshName, openRaw, rawValues, testKey } from './test/helpers.js';
import { CASE_ID, CLIENT_ID, SAMPLE_RECORDS } from './test/records.js';

const T = '2026-05-11T14:20:00.000Z';
const client: StoredRecord = {
  id: 'client-enc-1',
  version: 1,
  createdAt: T,
  updatedAt: T,
  name: { given: ['Wiremu'], family: 'Tūhoe-Kingi', preferred: 'Wiri' },
  birthDate: '1987-03-14',
  contact: { phone: '+64 21 555 8123', email: 'wiri.kingi@example.org' },
  address: { line: ['17 Karaka Crescent'], city: 'Rotorua', postalCode: '3010' },
  identifiers: [{ system: 'urn:nhi', value: 'ZAC5361' }],
  interpreterNeeded: false,
  active: true,
};
const caseRecord: CaseRecord = { ...fixtureCases(1, 4)[0]!, id: 'case-enc-1', clientId: client.id, clientName: 'Wiri Tūhoe-Kingi' };
const note: StoredRecord = {
  id: 'note-enc-1',
  version: 1,
  createdAt: T,
  updatedAt: T,
  caseId: caseRecord.id,
  occurredAt: T,
  text: 'Disclosed methadone programme enrolment at Lakeside clinic.',
};
const referral: StoredRecord = {
  id: 'ref-enc-1',
  version: 1,
  createdAt: T,
  updatedAt: T,
  caseId: caseRecord.id,
  clientId: client.id,
  status: 'sent',
  reason: 'Eviction notice served on 2 May',
  notes: 'Prefers calls after 4pm',
};
/**
 * Values of encrypted fields that must not appear anywhere in the raw database (the identifier and
 * birth date are also index keys: stored as HMACs).
 */
const SECRETS = [
  'Tūhoe-Kingi',
  'Wiremu',
  'urn:nhi',
  '1987-03-14',
  '+64 21 555 8123',
  'wiri.kingi@example.org',
  '17 Karaka Crescent',
  'Rotorua',
  'ZAC5361',
  'methadone',
  'Eviction notice',
  'Prefers calls after 4pm',
];

const puts = (records: [string, StoredRecord][]): WriteOperation[] =>
  records.map(([collection, record]) => ({ type: 'put', collection, record, expectedVersion: 0 }) as WriteOperation);

const decoder = new TextDecoder('utf-8', { fatal: false });
/** A stored value as text: JSON, with its binary parts (the ciphertext) decoded as UTF-8. */
const rowText = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? decoder.decode(v instanceof ArrayBuffer ? v : (v as Uint8Array)) : v));

/** Every stored row, read with raw IndexedDB (no Dexie, no key), by collection. */
async function rawRows(name: string): Promise<Map<string, Row[]>> {
  const db = await openRaw(name);
  const rows = new Map<string, Row[]>();
  for (const store of db.objectStoreNames) rows.set(store, (await rawValues(db, store)) as Row[]);
  db.close();
  return rows;
}

/** Everything stored, as text. */
async function rawDump(name: string): Promise<string> {
  return [...(await rawRows(name)).values()].flat().map(rowText).join('\n');
}

/** A schema's own field name (`actorId`, `serviceName`): structure, not data. */
const isFieldName = (key: string) => /^[a-z]+(?:[A-Z][a-z]*)*$/.test(key);

/** Every string inside a value: values, and object keys that are data (answer linkIds, score ids). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isFieldName(k)) out.push(k);
      strings(v, out);
    }
  }
  return out;
}

/**
 * What the raw database may show of the samples in plaintext: readable fields (ids, statuses, dates,
 * the public directory) and the keys of indexes listed as plaintext in INDEXES_OVER_ENCRYPTED_FIELDS
 * (search words, need domains, the receiving organisation's id, the actor's id).
 */
function readableStrings(): Set<string> {
  const out = new Set<string>();
  for (const collection of COLLECTIONS) {
    for (const record of SAMPLE_RECORDS[collection]) {
      for (const [field, value] of Object.entries(record)) if (isReadableField(collection, field)) strings(value).forEach((s) => out.add(s));
      for (const index of STORED_INDEXES[collection]) {
        if (INDEXES_OVER_ENCRYPTED_FIELDS[collection]?.[index.name]?.stored === 'blind') continue;
        strings(index.keys(record)).forEach((s) => out.add(s));
      }
    }
  }
  return out;
}

/**
 * The values of the samples' encrypted fields that must not appear anywhere in the raw database: all
 * of them, except the short ones and those that are part of what may be readable (a status code that
 * is also a readable status, a date inside a readable timestamp, a word of a field name or id).
 */
function secretStrings(): string[] {
  // The names of shareable client fields (`shares: ['phone']`) are casekit's vocabulary, like a status:
  // they also appear as field names in the public directory (`contact.phone`).
  const readable = [...readableStrings(), ...SHAREABLE_CLIENT_FIELDS];
  for (const collection of COLLECTIONS) {
    for (const record of SAMPLE_RECORDS[collection]) readable.push(...Object.keys(record));
    readable.push(...STORED_INDEXES[collection].map((index) => index.field));
  }
  const readableText = readable.join('\n');
  const secrets = new Set<string>();
  for (const collection of COLLECTIONS) {
    for (const record of SAMPLE_RECORDS[collection]) {
      for (const [field, value] of Object.entries(record)) {
        if (isReadableField(collection, field)) continue;
        for (const s of strings(value)) if (s.length >= 4 && !readableText.includes(s)) secrets.add(s);
      }
    }
  }
  return [...secrets];
}

/**
 * Named personal values of the samples, so a reader sees what the check covers (and the automatic
 * list above cannot silently shrink): names, contacts, reasons, notes, scores, flags, answers, goal
 * texts, consent details, staff names.
 */
const PERSONAL_VALUES = [
  'Wiri Tūhoe-Kingi', // the client's display name (cases, referrals)
  'Tūhoe-Kingi',
  'Wiremu',
  '1987-03-14',
  'ZAC5361',
  '+64 21 555 8123',
  '17 Karaka Crescent',
  'Rotorua',
  'Withdrew after his brother died in custody', // case history reason
  'Moving to Tauranga to live with his aunt', // pending closure note
  'Eviction hearing set for 20 May', // need note
  'Lakes DHB emergency department', // referral source
  'phq-9', // which questionnaire
  'phq9-9', // the answers
  'phq9-total', // the scores
  'Moderately severe',
  'suicide-risk', // the item-9 self-harm flag
  'Reported thoughts of being better off dead',
  'Stay housed at Karaka Crescent through the winter', // goal text
  'Book the Tenancy Tribunal duty lawyer', // task
  'Landlord agreed to pause the notice', // progress
  'Eviction notice served on 2 May', // referral reason
  'Waiting for a copy of the tenancy agreement', // referral status reason and history reason
  'Duty lawyer attended', // outcome note
  'Hearing tomorrow; Wiri agreed by phone', // consent-override reason (referral and audit)
  'Opioid substitution counselling', // the service referred to
  'Disclosed methadone programme enrolment', // note text
  'Corrected the name of the clinic', // amendment reason
  'Share needs and contact details with Te Whare Oranga', // consent purpose
  'Signed at the kitchen table with Mere as witness', // consent history reason
  'https://dms.example.org/consents/8812',
  'Ex-partner came to the house on Sunday night', // draft data
  'Devon Baker', // staff names
  'Hine Rangi',
];

describe('encryption at rest', () => {
  it('no personal value of any collection is in the raw rows: only the readable fields are in plaintext', async () => {
    const name = freshName('encrypted-all');
    const storage = createDexieStorage({ name, encryption: { key: await testKey() } });
    try {
      await storage.load(COLLECTIONS.map((collection) => ({ collection, records: SAMPLE_RECORDS[collection] })));
      for (const collection of COLLECTIONS) {
        const records = SAMPLE_RECORDS[collection];
        expect(await storage.getMany(collection, records.map((r) => r.id)), `${collection} read back`).to.deep.equal(records);
      }
      // Still queryable under encryption: the residual filter works from readable fields and index keys.
      expect((await storage.queryCases({ text: 'tuhoe kingi', status: ['active'] })).items.map((c) => c.id)).to.deep.equal([CASE_ID]);
      expect((await storage.queryCases({ needDomain: ['housing'], program: ['behavioral-health'] })).items.map((c) => c.id)).to.deep.equal([CASE_ID]);
      expect((await storage.queryCases({ needDomain: ['substance-use'] })).items).to.deep.equal([]); // that need is resolved
      expect(await storage.countCases('riskLevel', { clientId: CLIENT_ID })).to.deep.equal({ high: 1, moderate: 1 });
      expect((await storage.find('audit', { index: 'recordId+at', prefix: [CLIENT_ID] })).items.map((e) => e.id)).to.deep.equal(['audit-read-2']);
      expect((await storage.find('referrals', { index: 'organizationId', equals: 'org-te-whare-oranga' })).items.map((e) => e.id)).to.deep.equal(['ref-wiremu-counselling']);
    } finally {
      await storage.close();
    }

    const rows = await rawRows(name);
    for (const collection of COLLECTIONS) {
      const stored = rows.get(collection) ?? [];
      expect(stored.length, collection).to.equal(SAMPLE_RECORDS[collection].length);
      for (const row of stored) {
        const where = `${collection}/${row.id}`;
        // Only readable fields in the record part; everything else in the ciphertext.
        expect(Object.keys(row.r).filter((f) => !isReadableField(collection as CollectionName, f)), `${where}: plaintext fields`).to.deep.equal([]);
        expect(row.e !== undefined, `${where}: has a ciphertext`).to.equal(collection !== 'organizations' && collection !== 'services');
        // Beside it: the version, the index keys and the fields key-path indexes read, nothing else.
        const indexFields = [...STORED_INDEXES[collection as CollectionName].map((i) => i.field), ...(ROW_KEY_FIELDS[collection as CollectionName] ?? [])];
        expect(Object.keys(row).filter((k) => !['id', 'v', 'r', 'e', ...indexFields].includes(k)), `${where}: other row fields`).to.deep.equal([]);
      }
    }
    const dump = [...rows.values()].flat().map(rowText).join('\n');
    expect(dump).to.contain(CLIENT_ID); // the dump did read the rows
    const secrets = secretStrings();
    const found = [...PERSONAL_VALUES, ...secrets].filter((secret) => dump.includes(secret));
    expect([...new Set(found)], 'personal values in the raw database').to.deep.equal([]);
    for (const value of PERSONAL_VALUES) expect(secrets.some((s) => s.includes(value)), `"${value}" is among the checked values`).to.equal(true);
    // Documented: search words (folded, lower-case) stay plaintext so that prefix search works, and
    // the public directory stays readable.
    expect(dump).to.contain('"tuhoe"');
    expect(dump).to.contain('Taupō Community Law');
  });

  it('raw IndexedDB holds no plaintext of encrypted fields, and the storage reads them back', async () => {
    const name = freshName('encrypted');
    const storage = createDexieStorage({ name, encryption: { key: await testKey() } });
    try {
      await storage.commit(puts([['clients', client], ['cases', caseRecord], ['notes', note], ['referrals', referral]]));
      expect(await storage.get('clients', client.id)).to.deep.equal(client);
      expect(await storage.get('notes', note.id)).to.deep.equal(note);
      // Still queryable: by the (plaintext) search tokens and the other indexes.
      expect((await storage.queryCases({ text: 'tuhoe' })).items.map((c) => c.id)).to.deep.equal([caseRecord.id]);
      expect((await storage.find('clients', { index: 'identifiers', equals: 'urn:nhi|ZAC5361' })).items.map((c) => c.id)).to.deep.equal([client.id]);
    } finally {
      await storage.close();
    }
    const dump = await rawDump(name);
    expect(dump).to.contain(client.id); // the dump did read the rows
    for (const secret of SECRETS) expect(dump, `raw database contains "${secret}"`).not.to.contain(secret);
    // Documented: search words (folded, lower-case) stay plaintext so that prefix search works.
    expect(dump).to.contain('"tuhoe"');
  });

  it('blind indexes answer exact lookups only', async () => {
    const storage = createDexieStorage({ name: freshName('blind'), encryption: { key: await testKey() } });
    try {
      await storage.commit(puts([['clients', client]]));
      expect(await storage.count('clients', { index: 'birthDate', equals: '1987-03-14' })).to.equal(1);
      expect(await storage.count('clients', { index: 'birthDate', equals: '1987-03-15' })).to.equal(0);
      const error = await storage.find('clients', { index: 'birthDate', range: { gte: '1980-01-01' } }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(StorageError);
      expect((error as Error).message).to.contain('equals');
    } finally {
      await storage.close();
    }
  });

  it('without encryption the same values are in plaintext (so the check above can fail)', async () => {
    const name = freshName('plain');
    const storage = createDexieStorage({ name });
    await storage.commit(puts([['clients', client], ['notes', note]]));
    await storage.close();
    const dump = await rawDump(name);
    expect(dump).to.contain('ZAC5361');
    expect(dump).to.contain('methadone');
  });

  it('a wrong key or no key cannot read encrypted records', async () => {
    const name = freshName('wrong-key');
    const writer = createDexieStorage({ name, encryption: { key: await testKey() } });
    await writer.commit(puts([['notes', note]]));
    await writer.close();

    const wrongKey = createDexieStorage({ name, encryption: { key: await testKey() } });
    const error = await wrongKey.get('notes', note.id).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StorageError);
    await wrongKey.close();

    const noKey = createDexieStorage({ name });
    const noKeyError = await noKey.get('notes', note.id).catch((e: unknown) => e);
    expect(noKeyError).to.be.instanceOf(StorageError);
    expect((noKeyError as Error).message).to.contain('encrypted');
    await noKey.close();
  });

  it('refuses a key that is not AES-GCM', async () => {
    const hmac = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(() => createDexieStorage({ name: freshName('bad-key'), encryption: { key: hmac } })).to.throw(TypeError);
  });
});
