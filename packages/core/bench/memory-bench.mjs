// `pnpm bench` (in packages/core): the memory storage at 1k/10k/100k/1M cases beside a hand-written
// baseline (hand-baseline.mjs), each size in its own process. Prints min / median / max of the runs,
// growth exponents (log-log slope of the median) and heap. Numbers are reported, never asserted.
// Options: --sizes 1000,10000 --runs 7
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { reportBudgets } from '../../devtools/bench-report.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const sizes = arg('--sizes', '1000,10000,100000,1000000').split(',').map(Number);
const runs = Number(arg('--runs', 7));
const child = fileURLToPath(new URL('./bench-child.mjs', import.meta.url));
const TARGETS = {
  'board page: assignee + active, by due': [5, 20],
  'board page: assignee + active, by priority': [5, 20],
  'list page: assignee + open statuses, by due': [5, 20],
  'board counts: by status (assignee, open)': [5, 20],
  'board counts: by assignee (open)': [5, 20],
  'audit find: busy record, newest 50': [5, 20],
  'audit count: busy record': [5, 20],
  'audit find: ordinary record': [5, 20],
  'audit count: ordinary record': [5, 20],
};

const all = [];
for (const n of sizes) {
  process.stderr.write(`[bench] ${n.toLocaleString('en')} cases...\n`);
  const result = spawnSync(process.execPath, [...process.execArgv, '--max-old-space-size=8192', child, String(n), String(runs)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`bench at ${n} cases failed (exit ${result.status})`);
  all.push(JSON.parse(result.stdout));
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor((xs.length - 1) / 2)];
const fmt = (v) => (v === undefined ? '-' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${v.toFixed(1)}` : `${v.toFixed(2)}`);
const spread = (xs) => (xs ? (xs.length === 1 ? `${fmt(xs[0])} (once)` : `${fmt(Math.min(...xs))} / ${fmt(median(xs))} / ${fmt(Math.max(...xs))}`) : '-');
const slope = (key, side, a, b) => {
  const ra = all.find((r) => r.cases === a)?.[side][key];
  const rb = all.find((r) => r.cases === b)?.[side][key];
  if (!ra || !rb) return '-';
  return (Math.log(median(rb) / median(ra)) / Math.log(b / a)).toFixed(2);
};
const verdict = (key, n, xs) => {
  const target = TARGETS[key];
  if (!target || (n !== 100_000 && n !== 1_000_000)) return '';
  const limit = n === 100_000 ? target[0] : target[1];
  return median(xs) <= limit ? `ok (<= ${limit})` : `**MISS** (> ${limit})`;
};

console.log(`\n@casekit/core memory storage bench — Node ${process.version}, ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? ''}, load ${os.loadavg()[0].toFixed(2)}, ${runs} runs after a warm-up`);
console.log('Times in ms: min / median / max. "hand-written" = hand-baseline.mjs (a Map and a sorted array per query).\n');
console.log('| measure | cases | memory storage | hand-written | target (median) | agree |');
console.log('|---|---:|---:|---:|---|---|');
const keys = Object.keys(all[0].storage);
for (const key of keys) {
  for (const r of all) {
    const agree = key in r.agree ? (r.agree[key] ? 'yes' : '**NO**') : '';
    console.log(`| ${key} | ${r.cases.toLocaleString('en')} | ${spread(r.storage[key])} | ${spread(r.baseline[key])} | ${verdict(key, r.cases, r.storage[key])} | ${agree} |`);
  }
}

console.log('\nGrowth exponents (log-log slope of the median; 0 = flat, 1 = linear):\n');
console.log('| measure | storage 10k→100k | storage 100k→1M | hand-written 10k→100k | hand-written 100k→1M |');
console.log('|---|---:|---:|---:|---:|');
for (const key of keys) {
  console.log(`| ${key} | ${slope(key, 'storage', 1e4, 1e5)} | ${slope(key, 'storage', 1e5, 1e6)} | ${slope(key, 'baseline', 1e4, 1e5)} | ${slope(key, 'baseline', 1e5, 1e6)} |`);
}

console.log('\nJS heap retained (MB, after gc; target: memory storage with 100k cases <= 60 MB):\n');
console.log('| cases | storage: cases | storage: cases, unique timestamps | storage: cases + audit | hand-written: cases | hand-written: cases + audit |');
console.log('|---:|---:|---:|---:|---:|---:|');
const mark = (r, mb) => (r.cases === 100_000 ? (mb <= 60 ? ' (ok)' : ' (**MISS**)') : '');
for (const r of all) {
  const h = r.heap;
  const unique = h.storageUniqueTimes === undefined ? '-' : `${h.storageUniqueTimes.toFixed(1)}${mark(r, h.storageUniqueTimes)}`;
  console.log(`| ${r.cases.toLocaleString('en')} | ${h.storageCases.toFixed(1)}${mark(r, h.storageCases)} | ${unique} | ${h.storageAll.toFixed(1)} | ${h.baselineCases.toFixed(1)} | ${h.baselineAll.toFixed(1)} |`);
}

// The budget rows for `pnpm bench`'s one table: each target at 100,000 and 1,000,000 cases, and heap.
const budgets = [];
for (const key of Object.keys(TARGETS)) {
  for (const [n, limit] of [[100_000, TARGETS[key][0]], [1_000_000, TARGETS[key][1]]]) {
    const r = all.find((x) => x.cases === n);
    if (!r?.storage[key]) continue;
    const growthNote = n === 1_000_000 ? `growth 100k→1M ${slope(key, 'storage', 1e5, 1e6)}` : `growth 10k→100k ${slope(key, 'storage', 1e4, 1e5)}`;
    budgets.push({ area: `memory storage, ${n.toLocaleString('en')} cases`, metric: key, target: `≤ ${limit} ms`, budget: limit, casekit: r.storage[key], baseline: r.baseline[key], baselineHow: 'a Map and a sorted array per query (hand-baseline.mjs)', note: growthNote });
  }
}
const heapAt = all.find((x) => x.cases === 100_000)?.heap;
if (heapAt) {
  budgets.push({ area: 'memory storage, 100,000 cases', metric: 'JS heap retained after gc (the fixture)', target: '≤ 60 MB', budget: 60, unit: 'MB', casekit: heapAt.storageCases, baseline: heapAt.baselineCases, baselineHow: 'the hand-written Map + arrays' });
  if (heapAt.storageUniqueTimes !== undefined) budgets.push({ area: 'memory storage, 100,000 cases', metric: 'the same, every timestamp unique', target: '≤ 60 MB', budget: 60, unit: 'MB', casekit: heapAt.storageUniqueTimes });
}
reportBudgets('core-memory', `@casekit/core memory storage: Node ${process.version}, ${os.cpus().length} CPUs, ${runs} runs after a warm-up`, budgets);
