import { expect } from '@open-wc/testing';
import { COLLECTIONS, createMemoryStorage, type CaseQuery, type StoredRecord } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import { createDexieStorage } from './dexie-storage.js';
import { freshName, openRaw } from './test/helpers.js';

/**
 * A database exactly as schema version 1 left it, built with raw IndexedDB (Dexie stores version n
 * as IndexedDB version 10n): one store per collection keyed by id, records stored as they are.
 */
async function createVersion1Database(name: string, records: Record<string, StoredRecord[]>): Promise<void> {
  const db = await openRaw(name, 10, (database) => {
    for (const collection of COLLECTIONS) {
      const store = database.createObjectStore(collection, { keyPath: 'id' });
      store.createIndex('updatedAt', 'updatedAt');
      if (collection === 'cases') for (const field of ['status', 'assigneeId', 'clientId']) store.createIndex(field, field);
    }
  });
  const tx = db.transaction(Object.keys(records), 'readwrite');
  for (const [collection, list] of Object.entries(records)) for (const record of list) tx.objectStore(collection).put(record);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

const T = '2026-04-02T10:00:00.000Z';
const clients = [
  { id: 'client-1', version: 3, createdAt: T, updatedAt: T, name: { given: ['Thanh'], family: 'Nguyễn' }, identifiers: [{ system: 'urn:mrn', value: 'MRN-7731' }], contact: { phone: '+1 555 0100' }, interpreterNeeded: true, active: true },
  { id: 'client-2', version: 1, createdAt: T, updatedAt: T, name: { given: ['Aisha'], family: 'Okafor' }, identifiers: [], contact: {}, interpreterNeeded: false, active: true },
];
const notes = [
  { id: 'note-1', version: 1, createdAt: T, updatedAt: T, caseId: 'case-000001', occurredAt: '2026-04-01T15:00:00.000Z', text: 'Home visit; landlord agreed to repairs.' },
  { id: 'note-2', version: 2, createdAt: T, updatedAt: T, caseId: 'case-000001', occurredAt: '2026-04-02T09:30:00.000Z', text: 'Called about food bank hours.' },
];

describe('schema migrations', () => {
  it('opens a database written by schema version 1 with every record intact and queryable', async () => {
    const name = freshName('migrate-v1');
    const cases = fixtureCases(400, 13);
    await createVersion1Database(name, { cases, clients, notes });

    const storage = createDexieStorage({ name });
    const reference = createMemoryStorage();
    await reference.bulkLoad('cases', cases);
    try {
      await storage.ready();
      const readBack = await storage.getMany('cases', cases.map((c) => c.id));
      expect(readBack).to.deep.equal(cases);
      expect(await storage.getMany('clients', ['client-1', 'client-2'])).to.deep.equal(clients);
      expect(await storage.count('cases', { index: 'id' })).to.equal(400);

      const queries: CaseQuery[] = [
        { assigneeId: 'cm-chen', status: ['active'], limit: 500 },
        { status: ['active', 'on-hold'], sort: 'priority', limit: 500 },
        { text: 'nguyen', limit: 500 },
        { needDomain: ['housing'], limit: 500 },
      ];
      for (const query of queries) {
        expect((await storage.queryCases(query)).items.map((c) => c.id), JSON.stringify(query)).to.deep.equal(
          (await reference.queryCases(query)).items.map((c) => c.id),
        );
      }
      expect((await storage.find('clients', { index: 'identifiers', equals: 'urn:mrn|MRN-7731' })).items.map((c) => c.id)).to.deep.equal(['client-1']);
      expect((await storage.find('notes', { index: 'caseId+occurredAt', prefix: ['case-000001'], reverse: true })).items.map((n) => n.id)).to.deep.equal(['note-2', 'note-1']);
      // Versions survive, so the next edit is checked against them.
      await storage.commit([{ type: 'put', collection: 'clients', record: { ...clients[0]!, version: 4 }, expectedVersion: 3 }]);
      expect((await storage.get('clients', 'client-1'))?.version).to.equal(4);
    } finally {
      await storage.close();
    }
  });
});
