// Runs every *.test.ts under the given folders with node:test, TypeScript via tsx, and workspace
// packages resolved to their sources (the "source" export condition), so no build is needed.
// Node 20's --test does not expand globs itself, hence this script.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const roots = process.argv.slice(2);
if (!roots.length) roots.push('packages');
const skip = new Set(['node_modules', 'dist', '.git']);
// Browser-only tests (elements, IndexedDB) run under @web/test-runner instead.
const isNodeTest = (path) => /\.test\.ts$/.test(path) && !/\.browser\.test\.ts$/.test(path) && !path.includes(`${'/'}elements${'/'}`);

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (isNodeTest(path)) out.push(path);
  }
  return out;
}

const files = roots.flatMap((root) => (statSync(resolve(root)).isFile() ? [resolve(root)] : collect(resolve(root), []))).sort();
if (!files.length) {
  console.error(`No node tests found under ${roots.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
