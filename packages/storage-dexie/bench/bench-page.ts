// Runs in headless Chromium (bundled and driven by run-bench.mjs). Measures the adapter at N cases
// beside what a competent developer writes by hand with Dexie (the compound indexes each query needs)
// and the naive way, in the same page and run. Numbers are reported, never asserted.
// `sections`: `import`, `queries`, `worklist` (default all).
import { Dexie, type Table } from 'dexie';
import { createCaseManager, searchTokens, type CaseRecord, type StoredRecord } from '@casekit/core';
import { worklistSection } from './bench-worklist.js';
import { benchCaseload, benchClients } from '../../devtools/bench-caseload.js';
import { createDexieStorage, importRecords, type DexieStorage } from '../src/index.js';

/** A budget row (see packages/devtools/bench-report.mjs): figures are samples in ms. */
interface Row {
  area: string;
  metric: string;
  target: string;
  budget?: number;
  unit?: string;
  casekit: number[] | number | string;
  baseline?: number[] | number | string;
  baselineHow?: string;
  naive?: number[] | number | string;
  naiveHow?: string;
  note?: string;
}

const params = new URLSearchParams(location.search);
const N = Number(params.get('cases') ?? 100_000);
const REPEAT = Number(params.get('repeat') ?? 15);
const CHUNK = Number(params.get('chunk') ?? 500);
const RUNS = Number(params.get('runs') ?? 5);
const SECTIONS = (params.get('sections') ?? 'import,queries,worklist').split(',');
const AREA = `IndexedDB, ${N.toLocaleString('en')} cases`;
const log = (message: string) => console.log(`[bench] ${message}`);
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);

const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: false });

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
/** `n` timed runs after a warm-up. */
async function samples(fn: () => Promise<unknown>, n = REPEAT): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await time(fn));
  return out;
}
/** Ours and theirs alternately, so machine load hits both alike. */
async function paired(ours: () => Promise<unknown>, theirs: () => Promise<unknown>, n = REPEAT): Promise<[number[], number[]]> {
  await ours(), await theirs();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2) b.push(await time(theirs)), a.push(await time(ours));
    else a.push(await time(ours)), b.push(await time(theirs));
  }
  return [a, b];
}
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
/** Long tasks seen while `fn` runs. */
async function withLongTasks(fn: () => Promise<unknown>): Promise<{ ms: number; longest: number; count: number }> {
  const before = longTasks.length;
  const elapsed = await time(fn);
  await new Promise((resolve) => setTimeout(resolve, 100)); // let the observer deliver
  const seen = longTasks.slice(before);
  return { ms: elapsed, longest: seen.length ? Math.max(...seen) : 0, count: seen.length };
}

/** A case as a competent developer stores it: the record, plus the words of its name, title and tags. */
type HandCase = CaseRecord & { words: string[]; needDomains: string[] };
const handCase = (c: CaseRecord): HandCase => ({
  ...c,
  words: searchTokens([c.clientName, c.title ?? '', ...c.tags].join(' ')),
  needDomains: [...new Set(c.needs.filter((n) => n.status !== 'resolved').map((n) => n.domain))],
});
/** The indexes casekit keeps, written by hand: caseload, status board, risk, client, need, words, reports. */
const COMPETENT = 'id, [assigneeId+status+nextContactDue], [status+nextContactDue], [riskLevel+status+nextContactDue], [clientId+status], *needDomains, *words, updatedAt, openedAt';
const NAIVE = 'id, assigneeId, status, nextContactDue, priority, updatedAt';

async function importSection(cases: CaseRecord[], rows: Row[]) {
  const storage = createDexieStorage({ name: 'bench-import-records' });
  await storage.ready();
  const ours = await withLongTasks(() => importRecords(storage, 'cases', cases, { chunkSize: CHUNK }));
  await storage.close();
  await Dexie.delete('bench-import-records');
  log(`importRecords: ${ms(ours.ms)}, longest task ${ms(ours.longest)}`);

  // One all-or-nothing unit, three ways, interleaved RUNS times:
  // - casekit: one `load` of every chunk (one transaction);
  // - competent: plain records (plus their words) in a table with the same indexes, one transaction,
  //   one bulkPut per chunk (the same chunks);
  // - naive: one bulkPut of every record at once, single-field indexes.
  const chunks = Array.from({ length: Math.ceil(cases.length / CHUNK) }, (_, i) => ({ collection: 'cases' as const, records: cases.slice(i * CHUNK, (i + 1) * CHUNK) }));
  let fresh = 0;
  const loadUnit = async (encryption?: { key: CryptoKey }) => {
    const name = `bench-unit-${fresh++}`;
    const target = createDexieStorage({ name, ...(encryption ? { encryption } : {}) });
    await target.ready();
    const result = await withLongTasks(() => target.load(chunks));
    const stored = await target.count('cases', { index: 'id' });
    await target.close();
    await Dexie.delete(name);
    if (stored !== cases.length) throw new Error(`load stored ${stored} of ${cases.length} cases`);
    return result;
  };
  const byHand = async (stores: string, write: (table: Table) => Promise<unknown>) => {
    const name = `bench-unit-${fresh++}`;
    const db = new Dexie(name);
    db.version(1).stores({ cases: stores });
    await db.open();
    const result = await withLongTasks(() => db.transaction('rw', 'cases', () => write(db.table('cases'))));
    db.close();
    await Dexie.delete(name);
    return result;
  };
  const competent = () =>
    byHand(COMPETENT, async (table) => {
      for (const chunk of chunks) await table.bulkPut(chunk.records.map(handCase));
    });
  const naiveUnit = () => byHand(NAIVE, (table) => table.bulkPut(cases));
  type Run = { ms: number; longest: number; count: number };
  const runs: { ours: Run; competent: Run; naive: Run }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const order = [['ours', () => loadUnit()], ['competent', competent], ['naive', naiveUnit]] as const;
    const run = {} as { ours: Run; competent: Run; naive: Run };
    // Rotate who goes first: a deleted database leaves background work to whatever runs next.
    for (let k = 0; k < order.length; k++) {
      const [label, fn] = order[(k + i) % order.length]!;
      run[label] = await fn();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    log(`run ${i + 1}: casekit ${ms(run.ours.ms)} (longest task ${ms(run.ours.longest)}, ${run.ours.count} over 50 ms), competent ${ms(run.competent.ms)}, naive ${ms(run.naive.ms)}; ratio ${(run.ours.ms / run.competent.ms).toFixed(2)}`);
    runs.push(run);
  }
  const longest = (list: Run[]) => list.map((r) => r.longest);
  rows.push({
    area: AREA,
    metric: `import as one unit (\`load\`, chunks of ${CHUNK})`,
    target: '≤ 10 s',
    budget: 10_000,
    casekit: runs.map((r) => r.ours.ms),
    baseline: runs.map((r) => r.competent.ms),
    baselineHow: `plain records + their words, \`${COMPETENT}\`, one transaction, one bulkPut per chunk`,
    naive: runs.map((r) => r.naive.ms),
    naiveHow: 'one bulkPut of every record, single-field indexes',
  });
  rows.push({
    area: AREA,
    metric: 'the same, × competent (per run)',
    target: '≤ 0.8×',
    budget: 0.8,
    unit: 'x',
    casekit: runs.map((r) => r.ours.ms / r.competent.ms),
  });
  rows.push({
    area: AREA,
    metric: 'the same: longest main-thread task',
    target: '≤ 50 ms',
    budget: 50,
    casekit: longest(runs.map((r) => r.ours)),
    baseline: longest(runs.map((r) => r.competent)),
    naive: longest(runs.map((r) => r.naive)),
    note: `${runs.map((r) => r.ours.count).join('/')} tasks over 50 ms`,
  });
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const encrypted = await loadUnit({ key });
  rows.push({ area: AREA, metric: 'the same, encrypted (one run)', target: '—', casekit: encrypted.ms, note: `longest task ${ms(encrypted.longest)}` });
  rows.push({ area: AREA, metric: `\`importRecords\` (one unit per chunk of ${CHUNK}, one run)`, target: '≤ 10 s', budget: 10_000, casekit: ours.ms, note: `longest task ${ms(ours.longest)}` });
}

async function querySection(cases: CaseRecord[], rows: Row[]) {
  for (const name of ['bench-casekit', 'bench-competent', 'bench-naive']) await Dexie.delete(name);
  const storage: DexieStorage = createDexieStorage({ name: 'bench-casekit' });
  await storage.ready();
  const competent = new Dexie('bench-competent');
  competent.version(1).stores({ cases: COMPETENT, clients: 'id, *nameWords', notes: 'id, [caseId+occurredAt]' });
  const naive = new Dexie('bench-naive');
  naive.version(1).stores({ cases: NAIVE, clients: 'id', notes: 'id, caseId' });
  await Promise.all([competent.open(), naive.open()]);
  const clients = benchClients(cases);
  for (let i = 0; i < cases.length; i += 5000) {
    const chunk = cases.slice(i, i + 5000);
    const people = clients.slice(i, i + 5000);
    await storage.load([{ collection: 'cases', records: chunk }, { collection: 'clients', records: people }]);
    await competent.table('cases').bulkPut(chunk.map(handCase));
    await competent.table('clients').bulkPut(people.map((p) => ({ ...p, nameWords: searchTokens([...p.name.given, p.name.family].join(' ')) })));
    await naive.table('cases').bulkPut(chunk);
    await naive.table('clients').bulkPut(people);
  }
  log(`${cases.length} cases and clients in all three databases`);
  const hand = competent.table<HandCase>('cases');
  const byDue = (a: CaseRecord, b: CaseRecord) => (a.nextContactDue ?? '9999-12-31').localeCompare(b.nextContactDue ?? '9999-12-31') || a.id.localeCompare(b.id);
  const assignee = 'cm-07';
  const supervisor = createCaseManager({ storage, actor: { id: 'sup-1', name: 'Sam Supervisor', role: 'supervisor' } });
  const caseManager = createCaseManager({ storage, actor: { id: assignee, name: 'Case Manager 7', role: 'case-manager' } });

  // First page of one assignee's active cases by due date.
  const mine = { assigneeId: assignee, status: ['active' as const], sort: 'dueDate' as const, limit: 50 };
  const handMine = () => hand.where('[assigneeId+status+nextContactDue]').between([assignee, 'active', Dexie.minKey], [assignee, 'active', Dexie.maxKey]).limit(50).toArray();
  const [oursMine, handMineMs] = await paired(() => storage.queryCases(mine), handMine);
  const naiveMine = await samples(() => naive.table('cases').orderBy('nextContactDue').filter((c: CaseRecord) => c.assigneeId === assignee && c.status === 'active').limit(50).toArray(), 5);
  rows.push({ area: AREA, metric: `first page (50) of ${assignee}'s active cases by due date (storage)`, target: '≤ 15 ms', budget: 15, casekit: oursMine, baseline: handMineMs, baselineHow: '`[assigneeId+status+nextContactDue]` between().limit(50)', naive: naiveMine, naiveHow: 'orderBy(due).filter().limit()' });
  const [viaManager, handMine2] = await paired(() => caseManager.cases.query(mine), handMine);
  rows.push({ area: AREA, metric: 'the same through `manager.cases.query` (policy per case, one audit event)', target: '≤ 15 ms', budget: 15, casekit: viaManager, baseline: handMine2, baselineHow: 'the same, unaudited' });

  // A deep page: page 400 of all active cases by due date, by cursor.
  const allActive = { status: ['active' as const], sort: 'dueDate' as const, limit: 50 };
  const deepIndex = Math.max(0, Math.min(399, Math.floor(cases.filter((c) => c.status === 'active').length / 50) - 1));
  let cursor: string | undefined;
  for (let i = 0; i < deepIndex; i++) cursor = (await storage.queryCases({ ...allActive, ...(cursor ? { cursor } : {}) })).nextCursor;
  const deepCursor = cursor;
  const oursDeep = await samples(() => storage.queryCases({ ...allActive, ...(deepCursor ? { cursor: deepCursor } : {}) }));
  const naiveDeep = await samples(() => naive.table('cases').orderBy('nextContactDue').filter((c: CaseRecord) => c.status === 'active').offset(deepIndex * 50).limit(50).toArray(), 3);
  rows.push({ area: AREA, metric: `page ${deepIndex + 1} of all active cases by due date (cursor)`, target: '≤ 15 ms', budget: 15, casekit: oursDeep, naive: naiveDeep, naiveHow: 'offset(page × 50)' });

  // Counts per status for one assignee's board.
  const STATUSES = ['referred', 'intake', 'waitlist', 'active', 'on-hold', 'closed', 'cancelled', 'entered-in-error'];
  const handCounts = () => Promise.all(STATUSES.map((s) => hand.where('[assigneeId+status+nextContactDue]').between([assignee, s, Dexie.minKey], [assignee, s, Dexie.maxKey]).count()));
  const [oursCounts, handCountsMs] = await paired(() => storage.countCases('status', { assigneeId: assignee }), handCounts);
  rows.push({ area: AREA, metric: `counts per status (${assignee}'s board)`, target: '≤ 20 ms', budget: 20, casekit: oursCounts, baseline: handCountsMs, baselineHow: 'a count() per status on the compound index' });

  // The board's list of case managers with their open-case counts.
  const OPEN = ['referred', 'intake', 'waitlist', 'active', 'on-hold'] as const;
  const handAssignees = async () => {
    const ids = (await hand.orderBy('[assigneeId+status+nextContactDue]').uniqueKeys()).map((k) => (k as unknown as string[])[0]!);
    return Promise.all([...new Set(ids)].map((id) => Promise.all(OPEN.map((s) => hand.where('[assigneeId+status+nextContactDue]').between([id, s, Dexie.minKey], [id, s, Dexie.maxKey]).count()))));
  };
  const [oursAssignees, handAssigneesMs] = await paired(() => storage.countCases('assigneeId', { status: [...OPEN] }), handAssignees, 5);
  rows.push({ area: AREA, metric: "case managers with their open-case counts (the board's assignee list)", target: '≤ 50 ms', budget: 50, casekit: oursAssignees, baseline: handAssigneesMs, baselineHow: 'uniqueKeys() of the compound index, then a count per assignee and status' });

  // Text search, first page in the board's order (due date). By hand: the words' multi-entry index,
  // every case of the rarest word read, filtered by the others, sorted, sliced.
  const handText = async (text: string, status?: string) => {
    const words = searchTokens(text).sort((a, b) => b.length - a.length);
    const found = await hand.where('words').startsWith(words[0]!).distinct().toArray();
    const matches = found.filter((c) => (!status || c.status === status) && words.every((w) => c.words.some((t) => t.startsWith(w))));
    return matches.sort(byDue).slice(0, 50);
  };
  const naiveText = (words: string[]) => naive.table('cases').filter((c: CaseRecord) => words.every((w) => c.clientName.toLowerCase().includes(w))).limit(50).toArray();
  for (const text of ['nguy', 'aisha okaf']) {
    const [ours, theirs] = await paired(() => storage.queryCases({ text, limit: 50 }), () => handText(text));
    const viaManager = await samples(() => supervisor.cases.query({ text, limit: 50 }));
    rows.push({ area: AREA, metric: `case text search "${text}", first page (50) by due date (storage)`, target: '≤ 30 ms', budget: 30, casekit: ours, baseline: theirs, baselineHow: "where('words').startsWith(longest word), the rest filtered, sorted by due, sliced", naive: await samples(() => naiveText(searchTokens(text)), 3), naiveHow: 'filter(name includes).limit(50), unsorted' });
    rows.push({ area: AREA, metric: `the same ("${text}") through \`manager.cases.query\` (supervisor: policy per case, one audit event)`, target: '≤ 30 ms', budget: 30, casekit: viaManager });
  }
  // A board column's count with a text filter: counts per status.
  const handTextCounts = async (text: string) => {
    const words = searchTokens(text);
    const found = await hand.where('words').startsWith(words[0]!).distinct().toArray();
    const counts: Record<string, number> = {};
    for (const c of found) if (words.every((w) => c.words.some((t) => t.startsWith(w)))) counts[c.status] = (counts[c.status] ?? 0) + 1;
    return counts;
  };
  const [oursTextCounts, handTextCountsMs] = await paired(() => storage.countCases('status', { text: 'nguy' }), () => handTextCounts('nguy'));
  rows.push({ area: AREA, metric: 'counts per status of a text search ("nguy", the board\'s column headers)', target: '≤ 30 ms', budget: 30, casekit: oursTextCounts, baseline: handTextCountsMs, baselineHow: "where('words').startsWith(), rows grouped" });

  // clients.search: the manager's (policy: each client readable as `get` would allow; one audit event).
  const handClients = () => competent.table('clients').where('nameWords').startsWith('garc').limit(50).toArray();
  const [oursClients, handClientsMs] = await paired(() => supervisor.clients.search('garc', { limit: 50 }), handClients);
  rows.push({ area: AREA, metric: '`manager.clients.search("garc")`, first 50 (policy per client, one audit event)', target: '≤ 30 ms', budget: 30, casekit: oursClients, baseline: handClientsMs, baselineHow: "`*nameWords` index, startsWith('garc').limit(50), unaudited" });

  // Saving one note (a create, version-checked in its transaction).
  let n = 0;
  const note = (): StoredRecord => ({
    id: `note-${++n}`,
    version: 1,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    caseId: cases[n % cases.length]!.id,
    occurredAt: new Date().toISOString(),
    text: 'Phoned the client; the housing application went in on Monday.',
  });
  const [oursNote, handNote] = await paired(() => storage.commit([{ type: 'put', collection: 'notes', record: note(), expectedVersion: 0 }]), () => competent.table('notes').put(note()), 200);
  rows.push({ area: AREA, metric: 'save one note, p95 of 200', target: '≤ 15 ms', budget: 15, casekit: quantile(oursNote, 0.95), baseline: quantile(handNote, 0.95), baselineHow: 'table.put() (no version check)' });

  await storage.close();
  competent.close();
  naive.close();
}

async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const cases = benchCaseload(N);
  log(`${N} cases generated`);
  if (SECTIONS.includes('import')) await importSection(cases, rows);
  if (SECTIONS.includes('queries')) await querySection(cases, rows);
  if (SECTIONS.includes('worklist')) rows.push(...(await worklistSection(cases, { area: AREA, repeat: REPEAT, log })));
  return rows;
}

(window as unknown as { __bench: unknown }).__bench = undefined;
run().then(
  (rows) => ((window as unknown as { __bench: unknown }).__bench = rows),
  (error: unknown) => {
    console.error(error);
    (window as unknown as { __bench: unknown }).__bench = [];
  },
);
