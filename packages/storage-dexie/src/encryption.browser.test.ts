import { expect } from '@open-wc/testing';
import { StorageError, type CaseRecord, type StoredRecord, type WriteOperation } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';
import { freshName, openRaw, rawValues, testKey } from './test/helpers.js';

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

/** Everything stored, as text: JSON of the values plus their binary parts decoded as UTF-8. */
async function rawDump(name: string): Promise<string> {
  const db = await openRaw(name);
  const parts: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (const store of db.objectStoreNames) {
    for (const value of await rawValues(db, store)) {
      parts.push(
        JSON.stringify(value, (_key, v: unknown) =>
          v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? decoder.decode(v instanceof ArrayBuffer ? v : (v as Uint8Array)) : v,
        ),
      );
    }
  }
  db.close();
  return parts.join('\n');
}

describe('encryption at rest', () => {
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
