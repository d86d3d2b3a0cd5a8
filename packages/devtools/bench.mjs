// `pnpm bench`: runs every package's own `bench` script in turn (each measures in headless Chromium
// or with the real bundler) and prints their tables. Budgets are reported, never asserted.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const only = process.argv.slice(2);
let failed = false;
for (const dir of readdirSync('packages')) {
  const manifest = join('packages', dir, 'package.json');
  if (!existsSync(manifest) || (only.length && !only.includes(dir))) continue;
  const { name, scripts = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
  if (!scripts.bench) continue;
  console.log(`\n=== ${name} ===`);
  const result = spawnSync('pnpm', ['--filter', name, 'run', 'bench'], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
