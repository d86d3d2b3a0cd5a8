// What a host ships, per entry point: each entry below is bundled from the built dist/ files the way
// an app's bundler would (esbuild, browser conditions, tree-shaken), minified with terser and gzipped
// at level 9 — the method issue 9 fixed so figures stay comparable across sessions. Budgets are
// reported, never asserted. Run `pnpm build` first (`pnpm bench` does).
import { build } from 'esbuild';
import { minify } from 'terser';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reportBudgets } from '../../devtools/bench-report.mjs';

const packages = fileURLToPath(new URL('../../', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
const elements = `${packages}elements/dist/`;
const core = `${packages}core/dist/index.js`;
const dexie = `${packages}storage-dexie/dist/index.js`;
for (const file of [`${elements}define.js`, core, dexie]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`pnpm build\` first.`);
    process.exit(1);
  }
}

/** Entry points as a host writes them: what it imports, re-exported so nothing it uses is shaken out. */
const ENTRIES = [
  {
    label: 'all elements + `createCaseManager`, no Dexie',
    source: `import '${elements}define.js'; export { createCaseManager, createMemoryStorage } from '${core}';`,
    target: 80,
  },
  {
    label: 'board alone + `createCaseManager`',
    source: `import '${elements}components/caseload-board/caseload-board.js'; export { createCaseManager, createMemoryStorage } from '${core}';`,
    target: 50,
  },
  {
    label: 'intake form alone + `createCaseManager`',
    source: `import '${elements}components/intake-form/intake-form.js'; export { createCaseManager, createMemoryStorage } from '${core}';`,
  },
  {
    label: 'script-tag bundle with Dexie (examples/casekit-bundle)',
    file: `${root}examples/casekit-bundle/index.js`,
    target: 115,
  },
  { label: '`createCaseManager` + memory storage (core alone)', source: `export { createCaseManager, createMemoryStorage } from '${core}';` },
  { label: 'Spanish table (loaded on first use)', source: `export { es } from '${elements}translations/es.js';` },
];

/**
 * Bundles with code splitting, as app bundlers do, so whatever is loaded on demand (a translation, an
 * instrument) lands in chunks of its own. Reported: what the page loads before first use — the entry
 * chunk and the chunks it imports statically, minified and gzipped as one — and the lazy chunks.
 */
async function measure(entry) {
  const result = await build({
    ...(entry.file ? { entryPoints: { entry: entry.file } } : { stdin: { contents: entry.source, resolveDir: packages, loader: 'js', sourcefile: 'entry.js' } }),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: '/virtual',
    entryNames: 'entry',
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const text = new Map(result.outputFiles.map((file) => [file.path.replace(/^\/virtual\//, ''), file.text]));
  const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([path, output]) => [path.replace(/^.*virtual\//, ''), output]));
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const dep of outputs[name].imports) if (dep.kind === 'import-statement') visit(dep.path.replace(/^.*virtual\//, ''));
  };
  visit('entry.js');
  const size = async (names) => {
    const code = names.map((name) => text.get(name)).join('\n');
    const { code: minified = '' } = await minify(code, { module: true, compress: { passes: 2 }, format: { comments: false } });
    return { min: Buffer.byteLength(minified), gz: gzipSync(minified, { level: 9 }).length };
  };
  const lazy = [...text.keys()].filter((name) => !initial.has(name) && name.endsWith('.js'));
  return { ...(await size([...initial])), lazy: lazy.length ? await size(lazy) : undefined };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log('\nBundle sizes (esbuild + terser + gzip -9, per entry point)\n');
console.log('| bundle | minified | min+gzip | target | | loaded on demand (min+gzip) |\n| --- | ---: | ---: | ---: | --- | ---: |');
const budgets = [];
for (const entry of ENTRIES) {
  const size = await measure(entry);
  const verdict = entry.target === undefined ? '' : size.gz / 1024 <= entry.target ? 'met' : 'missed';
  console.log(`| ${entry.label} | ${kb(size.min)} | ${kb(size.gz)} | ${entry.target ? `≤ ${entry.target} KB` : ''} | ${verdict} | ${size.lazy ? kb(size.lazy.gz) : ''} |`);
  budgets.push({
    area: 'what a host ships (min+gzip)',
    metric: entry.label,
    target: entry.target ? `≤ ${entry.target} KB` : '—',
    ...(entry.target ? { budget: entry.target } : {}),
    unit: 'KB',
    casekit: size.gz / 1024,
    ...(size.lazy ? { note: `+ ${kb(size.lazy.gz)} on demand` } : {}),
  });
}
reportBudgets('bundle-size', 'Bundle sizes: esbuild (code splitting) + terser + gzip -9 per entry point, from the built dist/', budgets);
