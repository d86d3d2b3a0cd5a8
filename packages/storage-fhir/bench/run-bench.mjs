// `pnpm bench` (in packages/storage-fhir): starts the loopback FHIR server in this Node process, seeds it,
// bundles bench-page.ts, serves it from another origin, runs it in headless Chromium and prints the table.
// Run with `node --conditions=source --import tsx` (the server and seed are TypeScript sources).
// `--cases N` (default 10000), `--sync-runs N` (5), `--runs N` (5), `--rounds N` (30); `--profile FILE`
// writes a CPU profile of the page's whole run (open it in Chrome DevTools' Performance panel).
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runInChromium } from '../../devtools/bench-in-chromium.mjs';
import { reportBudgets } from '../../devtools/bench-report.mjs';
import { startLoopbackServer } from './loopback-server.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const cases = arg('cases', 10_000);
const load = () => loadavg().map((v) => v.toFixed(2)).join(' ');
const loadBefore = load();

const fhir = await startLoopbackServer(cases);
console.error(`[bench] FHIR server seeded with ${fhir.resources} resources in ${(fhir.seedMs / 1000).toFixed(1)} s: ${fhir.baseUrl}`);
const query = new URLSearchParams({ fhir: fhir.baseUrl, cases: String(cases), resources: String(fhir.resources), 'sync-runs': String(arg('sync-runs', 5)), runs: String(arg('runs', 5)), rounds: String(arg('rounds', 30)) });
const profileTo = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : undefined;
try {
  const { rows, version } = await runInChromium({
    entry: `${here}bench-page.ts`,
    title: 'casekit FHIR storage bench',
    query: query.toString(),
    files: { '/cases.json': { type: 'application/json', body: JSON.stringify(fhir.cases) } },
    minify: !profileTo, // readable names in a profile
    ...(profileTo ? { profileTo } : {}),
  });
  console.log(`\n@casekit/storage-fhir bench: ${cases.toLocaleString('en')} cases, Chromium ${version} headless, ${process.platform} ${process.arch}; load average ${loadBefore} before, ${load()} after`);
  console.log('casekit: createFhirStorage over createDexieStorage + createIndexedDbOutboxStore in the page; FHIR server: the package test server (startFhirServer) in Node on loopback, another origin (CORS), search indexed by _lastUpdated (see loopback-server.ts)\n');
  const header = ['measure', 'casekit', 'hand-written', 'hand-written way'];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${[r.metric, r.casekit, r.baseline, r.how].join(' | ')} |`);
  reportBudgets(
    'storage-fhir',
    `@casekit/storage-fhir: ${cases.toLocaleString('en')} cases from a loopback FHIR server into a Dexie replica, Chromium ${version} headless`,
    rows.map((r) => ({ area: `FHIR storage, ${cases.toLocaleString('en')} cases`, metric: r.metric, target: '—', casekit: r.casekit, baseline: r.baseline, baselineHow: r.how })),
  );
} finally {
  await fhir.close();
}
