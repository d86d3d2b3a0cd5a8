// Where import time goes: the same cases loaded by variants that differ in one thing at a time (row
// shape, index set, put batching), interleaved in shuffled rounds in one page so machine load hits
// every variant alike. Run: node bench/run-bench.mjs --page profile --cases 20000 --rounds 3
import { Dexie } from 'dexie';
import { fixtureCases } from '@casekit/core/testing';
import { plainRow, currentStores } from '../src/schema.js';
import { DexieStorageAdapter } from '../src/dexie-storage.js';

const params = new URLSearchParams(location.search);
const N = Number(params.get('cases') ?? 20_000);
const ROUNDS = Number(params.get('rounds') ?? 3);
const log = (m: string) => console.log(`[profile] ${m}`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const cases = fixtureCases(N, 7);
  const t0 = performance.now();
  const rows = cases.map((c) => plainRow('cases', c));
  log(`encode (plainRow) ${N}: ${(performance.now() - t0).toFixed(0)} ms`);
  const t1 = performance.now();
  structuredClone(cases);
  log(`structuredClone records: ${(performance.now() - t1).toFixed(0)} ms`);
  const t2 = performance.now();
  structuredClone(rows);
  log(`structuredClone rows: ${(performance.now() - t2).toFixed(0)} ms`);
  log(`JSON size record ${JSON.stringify(cases[0]).length}, row ${JSON.stringify(rows[0]).length}`);

  const longTasks: number[] = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({ type: 'longtask' });
  let dbCount = 0;
  /** A hand-written table: `stores`, the data in one transaction, `batch` rows per bulkPut, one at a time. */
  const table = (stores: string, data: () => unknown[], batch: number) => async () => {
    const name = `profile-${dbCount++}`;
    const db = new Dexie(name);
    db.version(1).stores({ t: stores });
    await db.open();
    const list = data();
    const start = performance.now();
    await db.transaction('rw', 't', async () => {
      for (let i = 0; i < list.length; i += batch) await db.table('t').bulkPut(list.slice(i, i + batch));
    });
    const elapsed = performance.now() - start;
    db.close();
    await Dexie.delete(name);
    return elapsed;
  };
  const chunks = Array.from({ length: Math.ceil(N / 500) }, (_, i) => ({ collection: 'cases' as const, records: cases.slice(i * 500, (i + 1) * 500) }));
  /** The adapter's `load` with the given put batching. */
  const load = (rowsPerBatch: number, inFlight: number) => async () => {
    const name = `profile-${dbCount++}`;
    const storage = new DexieStorageAdapter({ name }, { loadBatches: { rows: rowsPerBatch, inFlight } });
    await storage.ready();
    const start = performance.now();
    await storage.load(chunks);
    const elapsed = performance.now() - start;
    await storage.close();
    await Dexie.delete(name);
    return elapsed;
  };
  const words = cases.map((c) => ({ ...c, words: [c.clientName.toLowerCase()], needDomains: c.needs.map((n) => n.domain) }));
  const variants: Record<string, () => Promise<number>> = {
    'competent, same index set (8 incl. *words, *needDomains)': table('id, [assigneeId+status+nextContactDue], [status+nextContactDue], [clientId+status], *needDomains, *words, updatedAt, openedAt', () => words, 500),
    'competent (5 compound, records, bulkPut per 500)': table('id, [assigneeId+status+nextContactDue], [status+nextContactDue], [clientId+status], updatedAt, openedAt', () => cases, 500),
    'bare records (id only, per 500)': table('id', () => cases, 500),
    'our rows and indexes, raw bulkPut per 500': table(currentStores().cases!, () => rows, 500),
    'load, 100 per put, 2 in flight': load(100, 2),
    'load, 500 per put, 1 in flight': load(500, 1),
  };
  const results: Record<string, { ms: number[]; longest: number[]; over: number[] }> = {};
  for (let round = 0; round < ROUNDS; round++) {
    // A different order each round: a deleted database leaves background work to whatever runs next.
    for (const [name, run] of Object.entries(variants).sort(() => Math.random() - 0.5)) {
      const before = longTasks.length;
      const elapsed = await run();
      await pause(300);
      const seen = longTasks.slice(before);
      const r = (results[name] ??= { ms: [], longest: [], over: [] });
      r.ms.push(elapsed);
      r.longest.push(seen.length ? Math.max(...seen) : 0);
      r.over.push(seen.length);
      await pause(700);
    }
  }
  const med = (s: number[]) => [...s].sort((a, b) => a - b)[Math.floor(s.length / 2)]!;
  const base = med(results['competent (5 compound, records, bulkPut per 500)']!.ms);
  return Object.entries(results).map(([name, r]) => {
    log(`${name}: ${med(r.ms).toFixed(0)} ms (${(med(r.ms) / base).toFixed(2)}x competent), runs ${r.ms.map((v) => v.toFixed(0)).join('/')}, longest task ${Math.max(...r.longest).toFixed(0)} ms, over 50 ms ${r.over.join('/')}`);
    return { metric: name, target: '', casekit: `${med(r.ms).toFixed(0)} ms`, naive: `${(med(r.ms) / base).toFixed(2)}x`, naiveHow: `longest ${Math.max(...r.longest).toFixed(0)} ms, ${r.over.join('/')} over 50 ms` };
  });
}
(window as unknown as { __bench: unknown }).__bench = main();
