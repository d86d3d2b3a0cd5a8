// Minified + gzipped size of what a host ships: all elements with core, zod and lit inlined (dexie
// excluded: storage is the host's choice), and each element's own code (lit, core and shared
// infrastructure external). Uses the built dist/ files: run `pnpm build` first (`pnpm bench` does).
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { gzipSync } from 'node:zlib';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(`${dist}define.js`)) {
  console.error('packages/elements/dist is missing: run `pnpm build` first.');
  process.exit(1);
}

async function gzippedSize(input, external = () => false) {
  const bundle = await rollup({
    input,
    external,
    plugins: [nodeResolve({ browser: true }), terser({ format: { comments: false } })],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  const code = output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('');
  return { min: Buffer.byteLength(code), gz: gzipSync(code, { level: 9 }).length };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [];
const all = await gzippedSize(`${dist}define.js`, (id) => id === 'dexie' || id.startsWith('dexie/'));
rows.push(['all elements + core + zod + lit (no dexie)', all, '<= 45 KB gz']);
const shared = (id) => !id.includes('/components/') && !id.endsWith('.css') && id !== `${dist}define.js`;
for (const name of readdirSync(`${dist}components`)) {
  const entry = `${dist}components/${name}/${name}.js`;
  if (!existsSync(entry)) continue;
  // Keep only this component's folder: packages, and shared infrastructure every element reuses, stay external.
  const own = await gzippedSize(entry, (id, importer) => {
    if (importer === undefined) return false;
    const path = id.startsWith('.') ? new URL(id, `file://${importer}`).pathname : id;
    return path.startsWith('/') ? shared(path) : true;
  });
  rows.push([`<ck-${name}> own code`, own, '']);
}
const core = await gzippedSize(fileURLToPath(new URL('../../core/dist/index.js', import.meta.url)));
rows.push(['@casekit/core + zod alone', core, '']);

console.log('\n| bundle | minified | min+gzip | budget |\n| --- | ---: | ---: | --- |');
for (const [label, size, budget] of rows) console.log(`| ${label} | ${kb(size.min)} | ${kb(size.gz)} | ${budget} |`);
