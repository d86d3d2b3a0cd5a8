import { expect } from '@open-wc/testing';
import { Dexie } from 'dexie';
import { CASE_GROUP_FIELDS, createMemoryStorage, type CaseQuery, type CaseRecord, type StoragePort, type StoredRecord } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import type { CountRow } from './case-counts.js';
import { createDexieStorage } from './dexie-storage.js';
import { SCHEMA_HISTORY } from './migrations.js';
import { CASE_COUNTS_TABLE, CASE_TOKENS_FIELD, TOKEN_COUNTS_TABLE, plainRow, type Row } from './schema.js';
import { freshName, testKey } from './test/helpers.js';

/** The queries the counts table answers (assignee, status and priority only), and one it does not. */
const QUERIES: CaseQuery[] = [
  {},
  { status: ['referred', 'intake', 'waitlist', 'active', 'on-hold'] },
  { assigneeId: 'cm-chen' },
  { assigneeId: 'cm-chen', status: ['active'] },
  { priority: ['urgent', 'high'] },
  { program: ['social-work'] },
  // Text: the token counts answer one word of one token ("okaf", "nguy" for Nguyễn); a word of several
  // tokens ("ma"), two words, or a word and an assignee are counted from index entries.
  { text: 'okaf' },
  { text: 'nguy', status: ['active', 'closed'], priority: ['urgent', 'medium'] },
  { text: 'ma' },
  { text: 'olga okaf' },
  { text: 'per', assigneeId: 'cm-chen' },
];

/**
 * The token counts table holds, per `[token, status, urgency]`, exactly the number of entries the
 * `tokens` index has under that key (what counting the index would say).
 */
async function expectTokenCountsLikeIndex(name: string, label: string): Promise<void> {
  const raw = new Dexie(name);
  await raw.open();
  try {
    const fromIndex = new Map<string, number>();
    for (const key of (await raw.table('cases').orderBy(CASE_TOKENS_FIELD).keys()) as unknown as unknown[][]) {
      const cell = JSON.stringify(key.slice(0, 3));
      fromIndex.set(cell, (fromIndex.get(cell) ?? 0) + 1);
    }
    const kept = new Map(((await raw.table(TOKEN_COUNTS_TABLE).toArray()) as CountRow[]).map((row) => [JSON.stringify(row.k), row.n]));
    expect(Object.fromEntries(kept), label).to.deep.equal(Object.fromEntries(fromIndex));
  } finally {
    raw.close();
  }
}

/** Every count the board asks for equals the memory storage's over the same records. */
async function expectCountsLike(storage: StoragePort, reference: StoragePort, label: string): Promise<void> {
  for (const query of QUERIES) {
    for (const field of CASE_GROUP_FIELDS) {
      expect(await storage.countCases(field, query), `${label}: ${field} of ${JSON.stringify(query)}`).to.deep.equal(await reference.countCases(field, query));
    }
  }
}

const put = (record: StoredRecord, expectedVersion: number) => ({ type: 'put', collection: 'cases', record, expectedVersion }) as const;

describe('case and token counts kept on write', () => {
  it('follow every load, commit and clear, and a refused commit changes none', async () => {
    const name = freshName('counts');
    const storage = createDexieStorage({ name });
    const reference = createMemoryStorage();
    const both = async (fn: (s: StoragePort) => Promise<unknown>) => {
      await fn(storage);
      await fn(reference);
    };
    try {
      const cases = fixtureCases(300, 21);
      // Into an empty table, in two chunks; then again over the stored cases, moved to other statuses and
      // assignees, with one case twice in the same load.
      await both((s) => s.load([{ collection: 'cases', records: cases.slice(0, 150) }, { collection: 'cases', records: cases.slice(150) }]));
      await expectCountsLike(storage, reference, 'loaded');
      await expectTokenCountsLikeIndex(name, 'loaded');
      const moved = cases.slice(0, 40).map((c, i): CaseRecord => ({ ...c, version: c.version + 1, status: i % 2 ? 'closed' : 'active', assigneeId: i % 3 ? 'cm-chen' : undefined }));
      await both((s) => s.load([{ collection: 'cases', records: moved }, { collection: 'cases', records: [{ ...moved[0]!, version: moved[0]!.version + 1, priority: 'urgent', status: 'waitlist' }] }]));
      await expectCountsLike(storage, reference, 'reloaded');
      await expectTokenCountsLikeIndex(name, 'reloaded');

      // Commits: an update, a new case, a delete, together.
      const [a, b] = [(await storage.get<CaseRecord & StoredRecord>('cases', cases[100]!.id))!, (await storage.get<CaseRecord & StoredRecord>('cases', cases[101]!.id))!];
      const fresh = { ...cases[102]!, id: 'case-new', version: 1, assigneeId: 'cm-new', status: 'intake' as const };
      await both((s) =>
        s.commit([
          put({ ...a, version: a.version + 1, status: 'on-hold', priority: 'low', clientName: 'Olga Okafor-Nguyễn' }, a.version),
          put(fresh, 0),
          { type: 'delete', collection: 'cases', id: b.id, expectedVersion: b.version },
        ]),
      );
      await expectCountsLike(storage, reference, 'committed');
      await expectTokenCountsLikeIndex(name, 'committed');
      expect(await storage.countCases('assigneeId', { assigneeId: 'cm-new' })).to.deep.equal({ 'cm-new': 1 });

      // A conflict aborts the whole transaction: the counts stay.
      const before = await storage.countCases('status', {});
      await storage.commit([put({ ...fresh, version: 2, status: 'active' }, 1), put({ ...a, status: 'closed' }, 1)]).catch(() => undefined);
      expect(await storage.countCases('status', {})).to.deep.equal(before);
      await expectTokenCountsLikeIndex(name, 'refused');

      await storage.clear();
      expect(await storage.countCases('status', {})).to.deep.equal({});
      await expectTokenCountsLikeIndex(name, 'cleared');
    } finally {
      await storage.close();
    }
  });

  it('are the same under encryption, and one tab sees what another wrote', async () => {
    const name = freshName('counts-encrypted');
    const key = await testKey();
    const first = createDexieStorage({ name, encryption: { key } });
    const second = createDexieStorage({ name, encryption: { key } });
    const reference = createMemoryStorage();
    try {
      const cases = fixtureCases(120, 5);
      await first.load([{ collection: 'cases', records: cases }]);
      await reference.load([{ collection: 'cases', records: cases }]);
      const c = (await second.get<CaseRecord & StoredRecord>('cases', cases[0]!.id))!;
      const changed = { ...c, version: c.version + 1, assigneeId: 'cm-okafor', status: 'active' as const };
      await second.commit([put(changed, c.version)]);
      await reference.commit([put(changed, c.version)]);
      await expectCountsLike(first, reference, 'the other tab wrote');
      await expectTokenCountsLikeIndex(name, 'encrypted');
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('are counted from the stored cases when a version 7 database opens (through versions 8 and 9)', async () => {
    const name = freshName('counts-v7');
    const cases = fixtureCases(200, 8);
    const db = new Dexie(name);
    for (const entry of SCHEMA_HISTORY.filter((e) => e.version <= 7)) db.version(entry.version).stores(entry.stores);
    await db.open();
    await db.table('cases').bulkPut(cases.map((c) => plainRow('cases', c) as Row));
    db.close();

    const storage = createDexieStorage({ name });
    const reference = createMemoryStorage();
    await reference.load([{ collection: 'cases', records: cases }]);
    try {
      await storage.ready();
      await expectCountsLike(storage, reference, 'upgraded');
      await expectTokenCountsLikeIndex(name, 'upgraded');
      const raw = new Dexie(name);
      await raw.open();
      const rows = (await raw.table(CASE_COUNTS_TABLE).toArray()) as CountRow[];
      raw.close();
      expect(rows.reduce((sum, r) => sum + r.n, 0)).to.equal(cases.length);
    } finally {
      await storage.close();
    }
  });
});
