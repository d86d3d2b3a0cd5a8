// `pnpm bench` (in packages/storage-fhir): starts the loopback FHIR server in this Node process, seeds it,
// bundles bench-page.ts, serves it from another origin, runs it in headless Chromium and prints the table.
// Run with `node --conditions=source --import tsx` (the server and seed are TypeScript sources).
// `--cases N` (default 10000), `--sync-runs N` (5), `--runs N` (5), `--rounds N` (30); `--profile FILE`
// writes a CPU profile of the page's whole run (open it in Chrome DevTools' Performance panel).
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startLoopbackServer } from './loopback-server.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const cases = arg('cases', 10_000);
const load = () => loadavg().map((v) => v.toFixed(2)).join(' ');
const loadBefore = load();

const fhir = await startLoopbackServer(cases);
console.error(`[bench] FHIR server seeded with ${fhir.resources} resources in ${(fhir.seedMs / 1000).toFixed(1)} s: ${fhir.baseUrl}`);
const bundle = await build({
  entryPoints: [`${here}bench-page.ts`],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['source'],
  write: false,
  minify: !process.argv.includes('--profile'), // readable names in a profile
  logLevel: 'warning',
});
const script = bundle.outputFiles[0].text;
const casesJson = JSON.stringify(fhir.cases);
const html = '<!doctype html><meta charset="utf-8"><title>casekit FHIR storage bench</title><script type="module" src="/bench.js"></script>';
const pages = createServer((request, response) => {
  const [type, body] = request.url?.startsWith('/bench.js') ? ['text/javascript', script] : request.url === '/cases.json' ? ['application/json', casesJson] : ['text/html', html];
  response.writeHead(200, { 'content-type': type });
  response.end(body);
});
await new Promise((resolve) => pages.listen(0, '127.0.0.1', resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.on('console', (message) => console.error(message.text()));
  page.on('pageerror', (error) => console.error(error));
  const query = new URLSearchParams({ fhir: fhir.baseUrl, cases: String(cases), resources: String(fhir.resources), 'sync-runs': String(arg('sync-runs', 5)), runs: String(arg('runs', 5)), rounds: String(arg('rounds', 30)) });
  const profileTo = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : undefined;
  const cdp = profileTo ? await page.context().newCDPSession(page) : undefined;
  if (cdp) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.setSamplingInterval', { interval: 500 })).then(() => cdp.send('Profiler.start'));
  await page.goto(`http://127.0.0.1:${pages.address().port}/?${query}`);
  await page.waitForFunction(() => window.__bench !== undefined, undefined, { timeout: 0 });
  const rows = await page.evaluate(() => window.__bench);
  if (cdp) writeFileSync(profileTo, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  console.log(`\n@casekit/storage-fhir bench: ${cases.toLocaleString('en')} cases, Chromium ${browser.version()} headless, ${process.platform} ${process.arch}; load average ${loadBefore} before, ${load()} after`);
  console.log('casekit: createFhirStorage over createDexieStorage + createIndexedDbOutboxStore in the page; FHIR server: the package test server (startFhirServer) in Node on loopback, another origin (CORS), search indexed by _lastUpdated (see loopback-server.ts)\n');
  const header = ['measure', 'casekit', 'hand-written', 'hand-written way'];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${[r.metric, r.casekit, r.baseline, r.how].join(' | ')} |`);
} finally {
  await browser.close();
  pages.close();
  await fhir.close();
}
