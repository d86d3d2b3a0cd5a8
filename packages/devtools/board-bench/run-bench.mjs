// The caseload board where browser users run it: <ck-caseload-board> handed a manager over
// createDexieStorage (IndexedDB) with N cases, in headless Chromium, from `board.manager = m` to content
// visible — beside a board a competent developer writes by hand (Dexie compound indexes, lit-html cards)
// measured in the same page. `pnpm bench` runs it; `--cases N` (default 100000), `--runs N` (default 5).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const cases = arg('cases', 100_000);
const runs = arg('runs', 5);
const loadBefore = loadavg().map((v) => v.toFixed(2)).join(' ');

const bundle = await build({
  entryPoints: [`${here}board-page.ts`],
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
const html = '<!doctype html><meta charset="utf-8"><title>board bench</title><style>body{margin:0;font:14px system-ui} ck-caseload-board,#hand{display:block;height:800px;width:1280px}</style><script type="module" src="/bench.js"></script>';
const server = createServer((request, response) => {
  const isScript = request.url?.startsWith('/bench.js');
  response.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html' });
  response.end(isScript ? script : html);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => console.error(message.text()));
  page.on('pageerror', (error) => console.error(error));
  await page.goto(`http://127.0.0.1:${server.address().port}/?cases=${cases}&runs=${runs}${process.argv.includes('--trace') ? '&trace' : ''}`);
  await page.waitForFunction(() => window.__bench !== undefined, undefined, { timeout: 0 });
  const rows = await page.evaluate(() => window.__bench);
  console.log(`\nboard on IndexedDB: ${cases.toLocaleString('en')} cases, 25 case managers, Chromium ${browser.version()} headless; load average ${loadBefore} before, ${loadavg().map((v) => v.toFixed(2)).join(' ')} after\n`);
  console.log('| measure (min / median / max) | target | casekit | hand-written | hand-written way |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.metric} | ${r.target} | ${r.casekit} | ${r.hand} | ${r.handHow} |`);
} finally {
  await browser.close();
  server.close();
}
