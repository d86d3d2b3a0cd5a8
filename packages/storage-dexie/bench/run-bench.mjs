// `pnpm bench` (in packages/storage-dexie): bundles bench-page.ts, serves it on localhost, runs it in
// headless Chromium and prints the table. `--cases N` changes the caseload size (default 100000).
import { fileURLToPath } from 'node:url';
import { runInChromium } from '../../devtools/bench-in-chromium.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const casesArg = process.argv.indexOf('--cases');
const cases = casesArg > 0 ? Number(process.argv[casesArg + 1]) : 100_000;
const chunkArg = process.argv.indexOf('--chunk');
const pageArg = process.argv.indexOf('--page');
const pageName = pageArg > 0 ? process.argv[pageArg + 1] : 'bench';
const roundsArg = process.argv.indexOf('--rounds');
const runsArg = process.argv.indexOf('--runs');
const extra = `${runsArg > 0 ? `&runs=${process.argv[runsArg + 1]}` : ''}${roundsArg > 0 ? `&rounds=${process.argv[roundsArg + 1]}` : ''}${chunkArg > 0 ? `&chunk=${process.argv[chunkArg + 1]}` : ''}${process.argv.includes('--import-only') ? '&import-only' : ''}`;

const { rows, version } = await runInChromium({
  entry: pageName === 'profile' ? `${here}profile-import.ts` : `${here}bench-page.ts`,
  title: 'casekit storage bench',
  query: `cases=${cases}${extra}`,
});
console.log(`\n@casekit/storage-dexie bench: ${cases.toLocaleString('en')} cases, Chromium ${version} headless, ${process.platform} ${process.arch}\n`);
const header = ['measure', 'target', 'casekit', 'naive Dexie', 'naive way'];
const lines = rows.map((r) => [r.metric, r.target, r.casekit, r.naive, r.naiveHow]);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const line of lines) console.log(`| ${line.join(' | ')} |`);
