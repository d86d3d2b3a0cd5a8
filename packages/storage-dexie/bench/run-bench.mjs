// `pnpm bench` (in packages/storage-dexie): bundles bench-page.ts, serves it on localhost, runs it in
// headless Chromium and prints the table. `--cases N` changes the caseload size (default 100000).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const casesArg = process.argv.indexOf('--cases');
const cases = casesArg > 0 ? Number(process.argv[casesArg + 1]) : 100_000;
const chunkArg = process.argv.indexOf('--chunk');
const pageArg = process.argv.indexOf('--page');
const pageName = pageArg > 0 ? process.argv[pageArg + 1] : 'bench';
const roundsArg = process.argv.indexOf('--rounds');
const runsArg = process.argv.indexOf('--runs');
const extra = `${runsArg > 0 ? `&runs=${process.argv[runsArg + 1]}` : ''}${roundsArg > 0 ? `&rounds=${process.argv[roundsArg + 1]}` : ''}${chunkArg > 0 ? `&chunk=${process.argv[chunkArg + 1]}` : ''}${process.argv.includes('--import-only') ? '&import-only' : ''}`;

const bundle = await build({
  entryPoints: [pageName === 'profile' ? `${here}profile-import.ts` : `${here}bench-page.ts`],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['source'],
  write: false,
  minify: true,
  logLevel: 'warning',
});
const script = bundle.outputFiles[0].text;
const html = '<!doctype html><meta charset="utf-8"><title>casekit storage bench</title><script type="module" src="/bench.js"></script>';
const server = createServer((request, response) => {
  const isScript = request.url?.startsWith('/bench.js');
  response.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html' });
  response.end(isScript ? script : html);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.on('console', (message) => console.error(message.text()));
  page.on('pageerror', (error) => console.error(error));
  await page.goto(`http://127.0.0.1:${port}/?cases=${cases}${extra}`);
  await page.waitForFunction(() => 'window.__bench' && window.__bench !== undefined, undefined, { timeout: 0 });
  const rows = await page.evaluate(() => window.__bench);
  const version = browser.version();
  console.log(`\n@casekit/storage-dexie bench: ${cases.toLocaleString('en')} cases, Chromium ${version} headless, ${process.platform} ${process.arch}\n`);
  const header = ['measure', 'target', 'casekit', 'naive Dexie', 'naive way'];
  const lines = rows.map((r) => [r.metric, r.target, r.casekit, r.naive, r.naiveHow]);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
} finally {
  await browser.close();
  server.close();
}
