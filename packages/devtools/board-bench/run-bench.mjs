// The caseload board where browser users run it: <ck-caseload-board> handed a manager over
// createDexieStorage (IndexedDB) with N cases, in headless Chromium, from `board.manager = m` to content
// visible — beside a board a competent developer writes by hand (Dexie compound indexes, lit-html cards)
// measured in the same page. `pnpm bench` runs it; `--cases N` (default 100000), `--runs N` (default 5).
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { runInChromium } from '../bench-in-chromium.mjs';
import { reportBudgets } from '../bench-report.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const cases = arg('cases', 100_000);
const runs = arg('runs', 5);
const loadBefore = loadavg().map((v) => v.toFixed(2)).join(' ');

const { rows, version } = await runInChromium({
  entry: `${here}board-page.ts`,
  title: 'board bench',
  style: 'body{margin:0;font:14px system-ui} ck-caseload-board,#hand{display:block;height:800px;width:1280px}',
  query: `cases=${cases}&runs=${runs}${process.argv.includes('--trace') ? '&trace' : ''}`,
  viewport: { width: 1280, height: 900 },
});
reportBudgets(
  'board',
  `<ck-caseload-board> on IndexedDB: ${cases.toLocaleString('en')} cases, 25 case managers, Chromium ${version} headless, min / median / max of ${runs} runs; load average ${loadBefore} before, ${loadavg().map((v) => v.toFixed(2)).join(' ')} after`,
  rows,
);
