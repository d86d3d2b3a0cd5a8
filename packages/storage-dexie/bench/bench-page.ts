// Runs in headless Chromium (bundled and driven by run-bench.mjs). Measures the adapter at N cases
// beside the same work done the naive Dexie way, in the same page and run. Numbers are reported, never asserted.
import { Dexie, type Table } from 'dexie';
import { createCaseManager, type CaseRecord, type StoredRecord } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import { createDexieStorage, importRecords } from '../src/index.js';

interface Row {
  metric: string;
  target: string;
  casekit: string;
  naive: string;
  naiveHow: string;
}

const params = new URLSearchParams(location.search);
const N = Number(params.get('cases') ?? 100_000);
const REPEAT = 15;
const CHUNK = Number(params.get('chunk') ?? 500);
const ONLY_IMPORT = params.has('import-only');
const RUNS = Number(params.get('runs') ?? 5);
const log = (message: string) => console.log(`[bench] ${message}`);

const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: false });

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
async function samples(fn: () => Promise<unknown>, n = REPEAT): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await time(fn));
  return out.sort((a, b) => a - b);
}
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
const median = (s: number[]) => ms(quantile(s, 0.5));
/** Long tasks seen while `fn` runs. */
async function withLongTasks(fn: () => Promise<unknown>): Promise<{ ms: number; longest: number; count: number }> {
  const before = longTasks.length;
  const elapsed = await time(fn);
  await new Promise((resolve) => setTimeout(resolve, 100)); // let the observer deliver
  const seen = longTasks.slice(before);
  return { ms: elapsed, longest: seen.length ? Math.max(...seen) : 0, count: seen.length };
}

async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const cases = fixtureCases(N, 7);
  const assignee = 'cm-baker';
  const mine = cases.filter((c) => c.assigneeId === assignee && c.status === 'active').length;
  log(`${N} cases generated; ${assignee} has ${mine} active cases`);

  const databases = ['bench-casekit', 'bench-naive', 'bench-naive-per-record'];
  for (const name of databases) await Dexie.delete(name);
  const storage = createDexieStorage({ name: 'bench-casekit' });
  await storage.ready();
  // The naive way: the record as-is, single-field indexes, queries with filter()/offset().
  const naive = new Dexie('bench-naive');
  naive.version(1).stores({ cases: 'id, assigneeId, status, nextContactDue, priority, updatedAt', notes: 'id, caseId' });
  await naive.open();

  // importRecords: one `load` per chunk (separate units, not atomic), into the database the queries use.
  const ours = await withLongTasks(() => importRecords(storage, 'cases', cases, { chunkSize: CHUNK }));
  log(`importRecords: ${ms(ours.ms)}, longest task ${ms(ours.longest)}`);

  // One all-or-nothing unit, three ways, interleaved RUNS times so machine load hits each alike:
  // - casekit: one `load` of every chunk (one transaction);
  // - competent: what a developer writes by hand: the plain records in a table with the compound
  //   indexes the caseload needs, one transaction, one bulkPut per chunk (the same chunks);
  // - naive: one bulkPut of every record at once.
  const chunks = Array.from({ length: Math.ceil(N / CHUNK) }, (_, i) => ({ collection: 'cases' as const, records: cases.slice(i * CHUNK, (i + 1) * CHUNK) }));
  let fresh = 0;
  const loadUnit = async (encryption?: { key: CryptoKey }) => {
    const name = `bench-unit-${fresh++}`;
    const target = createDexieStorage({ name, ...(encryption ? { encryption } : {}) });
    await target.ready();
    const result = await withLongTasks(() => target.load(chunks));
    const stored = await target.count('cases', { index: 'id' });
    await target.close();
    await Dexie.delete(name); // keep the disk footprint down
    if (stored !== N) throw new Error(`load stored ${stored} of ${N} cases`);
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
  const COMPETENT = 'id, [assigneeId+status+nextContactDue], [status+nextContactDue], [clientId+status], updatedAt, openedAt';
  const competent = () => byHand(COMPETENT, async (table) => {
    for (const chunk of chunks) await table.bulkPut(chunk.records);
  });
  const naiveUnit = () => byHand('id, assigneeId, status, nextContactDue, priority, updatedAt', (table) => table.bulkPut(cases));
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
  const spread = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${ms(sorted[0]!)} / ${ms(quantile(sorted, 0.5))} / ${ms(sorted[sorted.length - 1]!)}`;
  };
  const tasks = (list: Run[]) => `longest task ${ms(Math.max(...list.map((r) => r.longest)))}, ${list.map((r) => r.count).join('/')} over 50 ms`;
  const ratios = runs.map((r) => r.ours.ms / r.competent.ms).sort((a, b) => a - b);
  rows.push({
    metric: `import ${N.toLocaleString('en')} cases as one unit (\`load\`, chunks of ${CHUNK}), min / median / max of ${RUNS}`,
    target: '<= 10 s, <= 0.8x competent, no task > 50 ms',
    casekit: `${spread(runs.map((r) => r.ours.ms))}; ${tasks(runs.map((r) => r.ours))}; x competent: median ${quantile(ratios, 0.5).toFixed(2)} (${ratios[0]!.toFixed(2)}-${ratios[ratios.length - 1]!.toFixed(2)})`,
    naive: `competent: ${spread(runs.map((r) => r.competent.ms))}; ${tasks(runs.map((r) => r.competent))}`,
    naiveHow: `competent: plain records, ${COMPETENT}; one transaction, one bulkPut per chunk`,
  });
  rows.push({
    metric: 'the same, naive',
    target: '-',
    casekit: '-',
    naive: `${spread(runs.map((r) => r.naive.ms))}; ${tasks(runs.map((r) => r.naive))}`,
    naiveHow: 'naive: one bulkPut of every record, one transaction',
  });
  // The naive query baseline needs its table filled (untimed).
  for (const chunk of chunks) await naive.table('cases').bulkPut(chunk.records);
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const unitEncrypted = await loadUnit({ key });
  log(`load as one unit, encrypted: ${ms(unitEncrypted.ms)}, longest task ${ms(unitEncrypted.longest)}`);
  const longTaskText = (r: { longest: number; count: number }) => (r.count ? `${ms(r.longest)} (${r.count} over 50 ms)` : 'none over 50 ms');
  rows.push({
    metric: `the same, encrypted (one run)`,
    target: '-',
    casekit: `${ms(unitEncrypted.ms)}; longest task ${longTaskText(unitEncrypted)}`,
    naive: '-',
    naiveHow: '-',
  });
  if (ONLY_IMPORT) {
    rows.push({ metric: `importRecords (one unit per chunk of ${CHUNK})`, target: '<= 10 s', casekit: `${ms(ours.ms)}; longest task ${longTaskText(ours)}`, naive: '-', naiveHow: '-' });
    await storage.close();
    naive.close();
    return rows;
  }
  const perRecordN = Math.min(2000, N);
  const perRecordDb = new Dexie('bench-naive-per-record');
  perRecordDb.version(1).stores({ cases: 'id, assigneeId, status, nextContactDue, priority, updatedAt' });
  const perRecord = await time(async () => {
    for (const c of cases.slice(0, perRecordN)) await perRecordDb.table('cases').put(c);
  });
  perRecordDb.close();
  rows.push({
    metric: `importRecords (one unit per chunk of ${CHUNK})`,
    target: '<= 10 s',
    casekit: `${ms(ours.ms)}; longest task ${longTaskText(ours)}`,
    naive: `${ms((perRecord * N) / perRecordN)} (extrapolated from ${perRecordN})`,
    naiveHow: 'one transaction per record',
  });

  // First page of one assignee's active cases by due date.
  const query = { assigneeId: assignee, status: ['active' as const], sort: 'dueDate' as const, limit: 50 };
  const naivePage = (page: number) =>
    naive
      .table('cases')
      .orderBy('nextContactDue')
      .filter((c: CaseRecord) => c.assigneeId === assignee && c.status === 'active')
      .offset(page * 50)
      .limit(50)
      .toArray();
  const oursFirst = await samples(() => storage.queryCases(query));
  const naiveFirst = await samples(() => naivePage(0));
  rows.push({ metric: `first page (50) of ${assignee}'s active cases by due date`, target: '<= 15 ms', casekit: median(oursFirst), naive: median(naiveFirst), naiveHow: 'orderBy(due).filter().limit()' });
  // The same page as a host gets it: through the manager, each case checked by the policy and the
  // page's disclosure written to the audit log before it is returned.
  const manager = createCaseManager({ storage, actor: { id: assignee, name: 'Devon Baker', role: 'case-manager' } });
  const viaManager = await samples(() => manager.cases.query(query));
  rows.push({ metric: `the same through \`manager.cases.query\` (policy per case + one audit event)`, target: '<= 15 ms', casekit: median(viaManager), naive: median(naiveFirst), naiveHow: 'orderBy(due).filter().limit(), unaudited' });

  // A deep page: the deepest full page of the same query, and page 400 of all active cases by due date.
  const deepPage = async (q: typeof query | Omit<typeof query, 'assigneeId'>, pageIndex: number) => {
    let cursor: string | undefined;
    for (let i = 0; i < pageIndex; i++) cursor = (await storage.queryCases({ ...q, ...(cursor ? { cursor } : {}) })).nextCursor;
    return cursor;
  };
  const lastFull = Math.max(0, Math.floor(mine / 50) - 1);
  const cursorMine = await deepPage(query, lastFull);
  const oursDeep = await samples(() => storage.queryCases({ ...query, ...(cursorMine ? { cursor: cursorMine } : {}) }));
  const naiveDeep = await samples(() => naivePage(lastFull), 5);
  rows.push({ metric: `page ${lastFull + 1} (the last full page) of the same`, target: 'same as first page', casekit: median(oursDeep), naive: median(naiveDeep), naiveHow: 'offset(page * 50)' });

  const allActive = { status: ['active' as const], sort: 'dueDate' as const, limit: 50 };
  const activeCount = cases.filter((c) => c.status === 'active').length;
  const deepIndex = Math.min(399, Math.floor(activeCount / 50) - 1);
  const cursorAll = await deepPage(allActive, deepIndex);
  const oursAllFirst = await samples(() => storage.queryCases(allActive));
  const oursAllDeep = await samples(() => storage.queryCases({ ...allActive, ...(cursorAll ? { cursor: cursorAll } : {}) }));
  const naiveAll = (page: number) =>
    naive.table('cases').orderBy('nextContactDue').filter((c: CaseRecord) => c.status === 'active').offset(page * 50).limit(50).toArray();
  const naiveAllFirst = await samples(() => naiveAll(0));
  const naiveAllDeep = await samples(() => naiveAll(deepIndex), 5);
  rows.push({ metric: 'first page (50) of all active cases by due date', target: '<= 15 ms', casekit: median(oursAllFirst), naive: median(naiveAllFirst), naiveHow: 'orderBy(due).filter().limit()' });
  rows.push({ metric: `page ${deepIndex + 1} of all active cases by due date`, target: 'same as first page', casekit: median(oursAllDeep), naive: median(naiveAllDeep), naiveHow: 'offset(page * 50)' });

  // Counts per status for a board's column headers.
  const statuses = ['referred', 'intake', 'waitlist', 'active', 'on-hold', 'closed', 'cancelled', 'entered-in-error'];
  const oursCounts = await samples(() => storage.countCases('status', { assigneeId: assignee }));
  const naiveCounts = await samples(() => Promise.all(statuses.map((s) => naive.table('cases').where('status').equals(s).filter((c: CaseRecord) => c.assigneeId === assignee).count())), 5);
  rows.push({ metric: `counts per status (${assignee}'s board)`, target: '<= 20 ms', casekit: median(oursCounts), naive: median(naiveCounts), naiveHow: "where('status').filter(assignee).count()" });
  const oursAllCounts = await samples(() => storage.countCases('status', {}));
  const naiveAllCounts = await samples(() => Promise.all(statuses.map((s) => naive.table('cases').where('status').equals(s).count())), 5);
  rows.push({ metric: 'counts per status (all cases)', target: '<= 20 ms', casekit: median(oursAllCounts), naive: median(naiveAllCounts), naiveHow: "where('status').count() per status" });

  // The board's list of case managers: every assignee of the open cases, with counts.
  const open = { status: ['referred' as const, 'intake' as const, 'waitlist' as const, 'active' as const, 'on-hold' as const] };
  const oursAssignees = await samples(() => storage.countCases('assigneeId', open));
  const naiveAssignees = await samples(
    async () => {
      const ids = (await naive.table('cases').orderBy('assigneeId').uniqueKeys()) as string[];
      return Promise.all(ids.map((id) => naive.table('cases').where('assigneeId').equals(id).count()));
    },
    5,
  );
  rows.push({ metric: 'case managers with their open-case counts (the board\'s assignee list)', target: '<= 50 ms', casekit: median(oursAssignees), naive: median(naiveAssignees), naiveHow: "orderBy('assigneeId').uniqueKeys(), then a count each (all statuses)" });

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
  const oursNote = await samples(() => storage.commit([{ type: 'put', collection: 'notes', record: note(), expectedVersion: 0 }]), 200);
  const naiveNote = await samples(() => naive.table('notes').put(note()), 200);
  rows.push({ metric: 'save one note (p95 of 200)', target: '<= 15 ms', casekit: ms(quantile(oursNote, 0.95)), naive: ms(quantile(naiveNote, 0.95)), naiveHow: 'table.put() (no version check)' });

  // Text search: not in the table, shown for scale.
  const oursText = await samples(() => storage.queryCases({ text: 'nguy', limit: 50 }));
  const naiveText = await samples(() => naive.table('cases').filter((c: CaseRecord) => c.clientName.toLowerCase().includes('nguy')).limit(50).toArray(), 5);
  rows.push({ metric: 'first page of a name search ("nguy")', target: '-', casekit: median(oursText), naive: median(naiveText), naiveHow: 'filter(name includes).limit()' });
  // Two words each common, together rare: the words' index entries are intersected (ids only).
  const twoWords = (c: CaseRecord) => { const name = c.clientName.toLowerCase(); return name.includes('aisha') && name.includes('okaf'); };
  const oursRare = await samples(() => storage.queryCases({ text: 'aisha okaf', limit: 50 }));
  const naiveRare = await samples(() => naive.table('cases').filter(twoWords).limit(50).toArray(), 5);
  rows.push({ metric: 'first page of a two-word search, rare together ("aisha okaf")', target: '<= 30 ms', casekit: median(oursRare), naive: median(naiveRare), naiveHow: 'filter(both words).limit()' });

  await storage.close();
  naive.close();
  return rows;
}

(window as unknown as { __bench: Promise<Row[]> }).__bench = run();
