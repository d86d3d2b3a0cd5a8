// One caseload size in a fresh process (so heap figures are this size's alone): loads the memory
// storage and the hand-written baseline in turn, times the same queries on both, checks they agree,
// and prints one JSON object. Run by memory-bench.mjs; needs --expose-gc.
import { createMemoryStorage } from '@casekit/core';
import { BOARD_ASSIGNEE, OPEN_STATUSES, benchAudit, benchCases, benchCasesUniqueTimes, busyCaseId, quietCaseId } from './bench-data.mjs';
import { HandBaseline } from './hand-baseline.mjs';

const N = Number(process.argv[2]);
const RUNS = Number(process.argv[3] ?? 7);
if (typeof gc !== 'function') throw new Error('run with --expose-gc');

const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
};
async function timed(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
/** A warm-up call, then RUNS timed calls; `prepare` runs untimed before each (e.g. the next version). */
async function samples(fn, runs = RUNS) {
  await fn();
  const out = [];
  for (let i = 0; i < runs; i++) out.push(await timed(fn));
  return out;
}

const results = { cases: N, storage: {}, baseline: {}, heap: {}, agree: {} };
const put = (key, side, value) => (results[side][key] = value);
const ids = (items) => items.map((x) => x.id).join(',');

const busy = busyCaseId(N);
const quiet = quietCaseId(N);
const board = (sort, status = ['active']) => ({ assigneeId: BOARD_ASSIGNEE, status, sort, limit: 50 });

// --- memory storage ---
let h0 = heapMb();
let storage = createMemoryStorage();
{
  let cases = benchCases(N);
  put('load cases (once)', 'storage', [await timed(() => storage.load([{ collection: 'cases', records: cases }]))]);
  cases = undefined;
}
results.heap.storageCases = heapMb() - h0;
{
  let events = benchAudit(benchCases(N));
  put('load audit (once)', 'storage', [await timed(() => storage.load([{ collection: 'audit', records: events }]))]);
  events = undefined;
}
results.heap.storageAll = heapMb() - h0;
const answers = {};
const measure = async (key, fn) => {
  put(key, 'storage', await samples(fn));
  answers[key] = await fn();
};
await measure('board page: assignee + active, by due', () => storage.queryCases(board('dueDate')));
await measure('board page: assignee + active, by priority', () => storage.queryCases(board('priority')));
await measure('list page: assignee + open statuses, by due', () => storage.queryCases(board('dueDate', OPEN_STATUSES)));
await measure('board counts: by status (assignee, open)', () => storage.countCases('status', { assigneeId: BOARD_ASSIGNEE, status: OPEN_STATUSES }));
await measure('board counts: by assignee (open)', () => storage.countCases('assigneeId', { status: OPEN_STATUSES }));
await measure('audit find: busy record, newest 50', () => storage.find('audit', { index: 'recordId+at', prefix: [busy], reverse: true, limit: 50 }));
await measure('audit count: busy record', () => storage.count('audit', { index: 'recordId+at', prefix: [busy] }));
await measure('audit find: ordinary record', () => storage.find('audit', { index: 'recordId+at', prefix: [quiet], reverse: true, limit: 50 }));
await measure('audit count: ordinary record', () => storage.count('audit', { index: 'recordId+at', prefix: [quiet] }));
// Not targets, reported so slow paths show: deep pages, other filters, text search, writes.
{
  let cursor;
  for (let i = 0; i < 10; i++) cursor = (await storage.queryCases({ ...board('dueDate', OPEN_STATUSES), ...(cursor ? { cursor } : {}) })).nextCursor;
  await measure('list page 11 (cursor)', () => storage.queryCases({ ...board('dueDate', OPEN_STATUSES), ...(cursor ? { cursor } : {}) }));
}
await measure('all open cases by priority, no assignee', () => storage.queryCases({ status: OPEN_STATUSES, sort: 'priority', limit: 50 }));
await measure('recently updated, all cases', () => storage.queryCases({ sort: 'updatedAt', direction: 'desc', limit: 50 }));
await measure('need domain + overdue, by due', () => storage.queryCases({ needDomain: ['housing'], dueOnOrBefore: '2026-07-10', limit: 50 }));
await measure('text search "nguy"', () => storage.queryCases({ text: 'nguy', limit: 50 }));
await measure('counts by program (open, overdue)', () => storage.countCases('program', { status: OPEN_STATUSES, dueOnOrBefore: '2026-07-10' }));
{
  let record = await storage.get('cases', quiet);
  put('commit: one case update', 'storage', await samples(async () => {
    const next = { ...record, version: record.version + 1, status: record.status === 'active' ? 'on-hold' : 'active', nextContactDue: `2026-07-${String(10 + (record.version % 19)).padStart(2, '0')}` };
    await storage.commit([{ type: 'put', collection: 'cases', record: next, expectedVersion: record.version }]);
    record = next;
  }));
}
storage = undefined;
{
  h0 = heapMb();
  let unique = createMemoryStorage();
  await unique.load([{ collection: 'cases', records: benchCasesUniqueTimes(N) }]);
  results.heap.storageUniqueTimes = heapMb() - h0;
  unique = undefined;
}

// --- hand-written baseline ---
h0 = heapMb();
let hand = new HandBaseline(OPEN_STATUSES);
{
  let cases = benchCases(N);
  put('load cases (once)', 'baseline', [await timed(() => hand.loadCases(cases))]);
  cases = undefined;
}
results.heap.baselineCases = heapMb() - h0;
{
  let events = benchAudit(benchCases(N));
  put('load audit (once)', 'baseline', [await timed(() => hand.loadAudit(events))]);
  events = undefined;
}
results.heap.baselineAll = heapMb() - h0;
const compare = async (key, fn, same) => {
  put(key, 'baseline', await samples(fn));
  results.agree[key] = same(answers[key], await fn());
};
const samePage = (page, items) => ids(page.items) === ids(items);
const sameCounts = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
await compare('board page: assignee + active, by due', () => hand.boardPage(BOARD_ASSIGNEE, 'active', 'dueDate', 50), samePage);
await compare('board page: assignee + active, by priority', () => hand.boardPage(BOARD_ASSIGNEE, 'active', 'priority', 50), samePage);
await compare('list page: assignee + open statuses, by due', () => hand.openPage(BOARD_ASSIGNEE, 50), samePage);
await compare('board counts: by status (assignee, open)', () => hand.openCountsByStatus(BOARD_ASSIGNEE), sameCounts);
await compare('board counts: by assignee (open)', () => hand.openCountsByAssignee(), sameCounts);
await compare('audit find: busy record, newest 50', () => hand.auditNewest(busy, 50), samePage);
await compare('audit count: busy record', () => hand.auditCount(busy), (a, b) => a === b);
await compare('audit find: ordinary record', () => hand.auditNewest(quiet, 50), samePage);
await compare('audit count: ordinary record', () => hand.auditCount(quiet), (a, b) => a === b);
{
  let record = hand.cases.get(quiet);
  put('commit: one case update', 'baseline', await samples(() => {
    const next = { ...record, version: record.version + 1, status: record.status === 'active' ? 'on-hold' : 'active', nextContactDue: `2026-07-${String(10 + (record.version % 19)).padStart(2, '0')}` };
    hand.updateCase(next);
    record = next;
  }));
}
hand = undefined;
process.stdout.write(JSON.stringify(results));
