// The bench page (run-bench.mjs bundles it): N cases in IndexedDB through createDexieStorage, then the
// board handed a manager, timed to the first card on screen and to `loadComplete` (every column's count
// and first cards), beside a hand-written board over a plain Dexie table with the compound indexes its
// queries need. Runs alternate which side goes first, so machine load hits both alike.
import { Dexie } from 'dexie';
import { html, render } from 'lit';
import { createCaseManager, createMemoryStorage, type Actor, type CaseRecord, type CaseStatus } from '@casekit/core';
import { benchCaseload } from '../bench-caseload.js';
import { createDexieStorage } from '@casekit/storage-dexie';
import '@casekit/elements/ck-caseload-board.js';
import { DEFAULT_STATUS_COLUMNS, type CkCaseloadBoard } from '@casekit/elements';

const params = new URLSearchParams(location.search);
const N = Number(params.get('cases') ?? 100_000);
const RUNS = Number(params.get('runs') ?? 5);
const log = (message: string) => console.log(`[board-bench] ${message}`);
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${ms(sorted[0]!)} / ${ms(sorted[Math.floor(sorted.length / 2)]!)} / ${ms(sorted.at(-1)!)}`;
};
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const PAGE = 50;

const SUPERVISOR: Actor = { id: 'sup-1', name: 'Sam Supervisor', role: 'supervisor' };
const CASE_MANAGER: Actor = { id: 'cm-07', name: 'Case Manager 7', role: 'case-manager' };

/** Waits, a frame at a time, until `done()` holds; returns when it first did. */
async function until(done: () => boolean): Promise<number> {
  while (!done()) await frame();
  return performance.now();
}

/** The filter changes a case manager makes, each from the unfiltered board. */
const FILTER_CHANGES: Record<string, NonNullable<CkCaseloadBoard['filters']>> = {
  'priority = urgent': { priority: 'urgent' },
  'risk = high': { riskLevel: 'high' },
  'need = housing': { needDomain: 'housing' },
  'overdue only': { overdue: true },
  'text "nguy"': { text: 'nguy' },
};

// ---- casekit: the board handed a manager

async function casekitBoard(manager: ReturnType<typeof createCaseManager>, filters?: CkCaseloadBoard['filters']) {
  const board = document.createElement('ck-caseload-board');
  if (filters) board.filters = filters;
  document.body.append(board);
  await board.updateComplete;
  const start = performance.now();
  board.manager = manager;
  const firstCard = await until(() => board.shadowRoot?.querySelector('[part~="card"]') !== null);
  await board.loadComplete;
  await frame();
  const full = performance.now();
  const filterMs: Record<string, number> = {};
  if (!filters) {
    for (const [name, change] of Object.entries(FILTER_CHANGES)) {
      board.filters = {};
      await board.loadComplete;
      await frame();
      const t = performance.now();
      board.filters = change;
      await board.loadComplete;
      await board.updateComplete;
      await frame();
      filterMs[name] = performance.now() - t;
    }
  }
  board.remove();
  return { first: firstCard - start, full: full - start, filter: filterMs };
}

// ---- hand-written: a plain table with the indexes these queries need, lit-html cards

type HandDb = Dexie & { cases: Dexie.Table<CaseRecord, string> };

async function handBoard(db: HandDb, assigneeId: string | undefined, priority?: string) {
  const root = document.createElement('div');
  root.id = 'hand';
  document.body.append(root);
  const start = performance.now();
  const columns = new Map<CaseStatus, { count: number; items: CaseRecord[] }>();
  const draw = () =>
    render(
      html`${[...columns].map(
        ([status, col]) => html`<section><h3>${status} (${col.count})</h3>${col.items.map(
          (c) => html`<article class="card"><strong>${c.clientName}</strong> <span>${c.priority}</span> <span>${c.nextContactDue ?? ''}</span></article>`,
        )}</section>`,
      )}`,
      root,
    );
  let first = 0;
  const range = (status: CaseStatus) =>
    assigneeId
      ? db.cases.where('[assigneeId+status+nextContactDue]').between([assigneeId, status, Dexie.minKey], [assigneeId, status, Dexie.maxKey])
      : db.cases.where('[status+nextContactDue]').between([status, Dexie.minKey], [status, Dexie.maxKey]);
  await Promise.all(
    DEFAULT_STATUS_COLUMNS.map(async (status) => {
      const collection = priority ? range(status).filter((c) => c.priority === priority) : range(status);
      const [count, items] = await Promise.all([priority ? range(status).filter((c) => c.priority === priority).count() : range(status).count(), collection.limit(PAGE).toArray()]);
      columns.set(status, { count, items });
      draw();
      if (!first && items.length) first = performance.now();
    }),
  );
  // The assignee filter's options, as the board offers them.
  if (!assigneeId) await db.cases.orderBy('assigneeId').uniqueKeys();
  await frame();
  const full = performance.now();
  root.remove();
  return { first: (first || full) - start, full: full - start };
}

const longTasks: number[] = [];
new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({ type: 'longtask' });

/**
 * Fast scroll on the supervisor's board, as a case manager flings through the biggest column: the
 * scroller moves `STEP` px every frame for `FRAMES` frames, then stops. Each frame, is the visible
 * part of the column covered by something (cards or skeletons of the right size), or blank? After the
 * stop, how long until real cards fill the view? Long tasks during the fling.
 */
async function fastScroll(manager: ReturnType<typeof createCaseManager>) {
  const STEP = 2400;
  const FRAMES = 90;
  const board = document.createElement('ck-caseload-board');
  document.body.append(board);
  board.manager = manager;
  await board.loadComplete;
  await frame();
  const scroller = board.shadowRoot!.querySelector<HTMLElement>('.scroller[data-key="active"]')!;
  const view = () => scroller.getBoundingClientRect();
  const visible = (selector: string) =>
    [...scroller.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      const r = el.getBoundingClientRect();
      const v = view();
      return r.bottom > v.top && r.top < v.bottom;
    });
  const covered = () => visible('[part~="card"], [part~="card-skeleton"]').length > 0;
  const real = () => visible('[part~="card-skeleton"]').length === 0 && visible('[part~="card"]').length > 0;
  const before = longTasks.length;
  let blank = 0;
  let skeletonFrames = 0;
  for (let i = 0; i < FRAMES; i++) {
    scroller.scrollTop += STEP;
    await frame();
    if (!covered()) blank++;
    else if (!real()) skeletonFrames++;
  }
  const stop = performance.now();
  while (!real() && performance.now() - stop < 10_000) await frame();
  const settle = performance.now() - stop;
  await new Promise((resolve) => setTimeout(resolve, 100));
  const tasks = longTasks.slice(before);
  const depth = Math.round(scroller.scrollTop);
  board.remove();
  return { blank, skeletonFrames, settle, longest: tasks.length ? Math.max(...tasks) : 0, over50: tasks.filter((t) => t > 50).length, depth };
}

/**
 * The second row: the same board over the memory storage (Node services, tests, the demo's ?storage=memory),
 * timed the same way, and the page's JS heap after a full GC with the board on screen — the IndexedDB
 * databases closed and the generated array dropped, so the heap holds what the memory storage keeps.
 */
async function memoryRows() {
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
  gc?.();
  const before = heap();
  const storage = createMemoryStorage();
  for (let i = 0; i < N; i += 10_000) await storage.load([{ collection: 'cases', records: benchCaseload(Math.min(N, i + 10_000)).slice(i) }]);
  const supervisor = createCaseManager({ storage, actor: SUPERVISOR });
  await casekitBoard(supervisor, {}); // warm-up
  const first: number[] = [];
  const full: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const r = await casekitBoard(supervisor, {});
    first.push(r.first), full.push(r.full);
  }
  const board = document.createElement('ck-caseload-board');
  document.body.append(board);
  board.manager = supervisor;
  await board.loadComplete;
  await frame();
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc?.();
  const mb = (heap() - 0) / 2 ** 20;
  log(`memory storage: heap ${mb.toFixed(1)} MB with the board on screen (${((heap() - before) / 2 ** 20).toFixed(1)} MB more than before loading)`);
  board.remove();
  const area = `board on the memory storage, ${N.toLocaleString('en')} cases`;
  return [
    { area, metric: "supervisor's board: manager set → first card visible", target: '≤ 150 ms', budget: 150, casekit: first },
    { area, metric: "supervisor's board: → fully loaded", target: '≤ 300 ms', budget: 300, casekit: full },
    { area, metric: 'JS heap, page total after GC, board on screen', target: '≤ 60 MB', budget: 60, unit: 'MB', casekit: mb, note: gc ? undefined : 'no gc(): run through bench-in-chromium' },
  ];
}

async function run() {
  let cases: CaseRecord[] | undefined = benchCaseload(N);
  for (const name of ['board-bench-casekit', 'board-bench-hand']) await Dexie.delete(name);
  const storage = createDexieStorage({ name: 'board-bench-casekit' });
  const db = new Dexie('board-bench-hand') as HandDb;
  db.version(1).stores({ cases: 'id, assigneeId, [assigneeId+status+nextContactDue], [status+nextContactDue]' });
  await db.open();
  const started = performance.now();
  for (let i = 0; i < cases.length; i += 5000) {
    const chunk = cases.slice(i, i + 5000);
    await storage.load([{ collection: 'cases', records: chunk }]);
    await db.cases.bulkPut(chunk);
  }
  log(`${N} cases loaded into both databases in ${ms(performance.now() - started)}`);
  cases = undefined; // the heap figure below must not count the generated array

  const supervisor = createCaseManager({ storage, actor: SUPERVISOR });
  if (params.has('trace')) {
    const cases = supervisor.cases as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const name of ['countBy', 'query']) {
      const original = cases[name]!.bind(cases);
      cases[name] = async (...a: unknown[]) => {
        const t = performance.now();
        try {
          return await original(...a);
        } finally {
          log(`${name}(${JSON.stringify(a).slice(0, 120)}) ${ms(performance.now() - t)} at ${ms(t)}`);
        }
      };
    }
  }
  const caseManager = createCaseManager({ storage, actor: CASE_MANAGER });
  const results = { supFirst: [] as number[], supFull: [] as number[], supFilter: {} as Record<string, number[]>, cmFirst: [] as number[], cmFull: [] as number[], handSupFirst: [] as number[], handSupFull: [] as number[], handCmFirst: [] as number[], handCmFull: [] as number[], handFilter: [] as number[] };
  await casekitBoard(supervisor); // warm-up: code, caches, IndexedDB pages
  await handBoard(db, undefined);
  for (let run = 0; run < RUNS; run++) {
    const ours = async () => {
      const sup = await casekitBoard(supervisor);
      const cm = await casekitBoard(caseManager);
      results.supFirst.push(sup.first), results.supFull.push(sup.full), Object.entries(sup.filter).forEach(([k, v]) => (results.supFilter[k] ??= []).push(v));
      results.cmFirst.push(cm.first), results.cmFull.push(cm.full);
    };
    const theirs = async () => {
      const sup = await handBoard(db, undefined);
      const cm = await handBoard(db, CASE_MANAGER.id);
      const filtered = await handBoard(db, undefined, 'urgent');
      results.handSupFirst.push(sup.first), results.handSupFull.push(sup.full), results.handFilter.push(filtered.full);
      results.handCmFirst.push(cm.first), results.handCmFull.push(cm.full);
    };
    if (run % 2) await theirs(), await ours();
    else await ours(), await theirs();
    log(`run ${run + 1}: supervisor board first card ${ms(results.supFirst.at(-1)!)}, loaded ${ms(results.supFull.at(-1)!)}; hand-written ${ms(results.handSupFull.at(-1)!)}`);
  }
  const flings = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) flings.push(await fastScroll(supervisor));
  for (const f of flings) log(`fast scroll: ${f.blank} blank frames, ${f.skeletonFrames} with skeletons, real cards ${ms(f.settle)} after the stop at ${f.depth} px, longest task ${ms(f.longest)}`);
  await storage.close();
  db.close();
  const memory = await memoryRows();
  const handHow = 'plain records, `[status+nextContactDue]` / `[assigneeId+status+nextContactDue]`; per column count() + limit(50), lit-html cards';
  const area = `board on IndexedDB, ${N.toLocaleString('en')} cases`;
  return [
    { area, metric: "supervisor's board (all cases): manager set → first card visible", target: '≤ 150 ms', budget: 150, casekit: results.supFirst, baseline: results.handSupFirst, baselineHow: handHow },
    { area, metric: "supervisor's board: → fully loaded (every column's count and first cards, assignee list)", target: '≤ 300 ms', budget: 300, casekit: results.supFull, baseline: results.handSupFull, baselineHow: `${handHow}; uniqueKeys() for the assignees` },
    { area, metric: "a case manager's board (cm-07): → first card visible", target: '≤ 150 ms', budget: 150, casekit: results.cmFirst, baseline: results.handCmFirst, baselineHow: handHow },
    { area, metric: "a case manager's board: → fully loaded", target: '≤ 300 ms', budget: 300, casekit: results.cmFull, baseline: results.handCmFull, baselineHow: handHow },
    { area, metric: "fast scroll through the supervisor's active column (2,400 px a frame for 90 frames): frames with the view blank", target: '0', budget: 0, unit: '' as const, casekit: flings.map((f) => f.blank), note: `${flings.map((f) => f.skeletonFrames).join('/')} frames showed skeletons` },
    { area, metric: 'the same: real cards in view after the stop', target: '≤ 100 ms', budget: 100, casekit: flings.map((f) => f.settle), note: `at ${flings.map((f) => f.depth.toLocaleString('en')).join('/')} px` },
    { area, metric: 'the same: longest main-thread task during the fling', target: '≤ 50 ms', budget: 50, casekit: flings.map((f) => f.longest), note: `${flings.map((f) => f.over50).join('/')} tasks over 50 ms` },
    ...memory,
    ...Object.entries(results.supFilter).map(([name, values]) => ({
      area,
      metric: `filter change on the supervisor's board (${name}) → updated view`,
      target: '≤ 150 ms',
      budget: 150,
      casekit: values,
      ...(name.startsWith('priority') ? { baseline: results.handFilter, baselineHow: 'the same columns drawn anew with filter(priority) on each range (no priority index)' } : {}),
    })),
  ];
}

(window as unknown as { __bench: unknown }).__bench = undefined;
run().then(
  (rows) => ((window as unknown as { __bench: unknown }).__bench = rows),
  (error: unknown) => {
    console.error(error);
    (window as unknown as { __bench: unknown }).__bench = [];
  },
);
