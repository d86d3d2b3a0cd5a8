// The consumer smoke test: casekit as an npm user gets it. Run after `pnpm build`:
//
//   node packages/devtools/consumer-smoke.mjs [--keep] [--only node,vite-ts,react,react-18-types,vue]
//   pnpm test:consumer            (builds first; `npm test` runs it last)
//
// 1. Packs every publishable package with `pnpm pack` (workspace: ranges become real ones) and checks
//    each tarball: no `workspace:` left, README/LICENSE/CHANGELOG and the npm metadata present, no
//    test files or test helpers, every `exports` target present, and every import in dist/ (.js and
//    .d.ts) either relative to a file in the tarball or a package the manifest declares (dependencies
//    or peerDependencies) — an undeclared bare import (the `tslib` of issue 9) fails here.
// 2. Copies the apps in consumer-apps/ (and examples/react-host) to a temporary folder, points their
//    @casekit/* dependencies at the tarballs, installs them with npm from the registry (one shared npm
//    cache), type-checks each with "strict": true and skipLibCheck off, and builds it.
// 3. Runs the Node app, and loads each built browser app in headless Chromium: the board must render
//    the seeded cases, and a click on a card must reach the host as ck-case-open (the host writes the
//    name into [data-testid="selected-case"]), with no errors on the console.
//
// The temporary folder is removed afterwards unless --keep (or a failure: then its path is printed).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import ts from 'typescript';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const appsDir = fileURLToPath(new URL('./consumer-apps', import.meta.url));
const argv = process.argv.slice(2);
const keep = argv.includes('--keep') || Boolean(process.env.CASEKIT_KEEP_SMOKE);
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(argv[onlyIndex + 1]?.split(',')) : null;

const CHROME_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The scratch apps. `source` files are copied first, then the app's folder in consumer-apps/ on top.
 * `expect`: the client names the board must show (the app seeds them).
 */
const APPS = [
  // The Node app's build is tsc itself: type-check and emit in one run.
  { name: 'node', kind: 'node', build: 'build' },
  { name: 'vite-ts', kind: 'browser', typecheck: 'typecheck', build: 'build', expect: ['Rosa Hernández', 'James Okafor', 'Lin Chen'] },
  {
    name: 'react',
    kind: 'browser',
    source: { dir: join(root, 'examples/react-host'), files: ['index.html', 'src', 'vite.config.ts', 'tsconfig.json'] },
    typecheck: 'typecheck',
    build: 'build',
    expect: ['Rosa Hernández', 'James Okafor', 'Lin Chen', 'Amina Yusuf'],
  },
  { name: 'react-18-types', kind: 'types', typecheck: 'typecheck' },
  { name: 'vue', kind: 'browser', typecheck: 'typecheck', build: 'build', expect: ['Rosa Hernández', 'James Okafor', 'Lin Chen'] },
].filter((app) => !only || only.has(app.name));

const failures = [];
const fail = (message) => {
  failures.push(message);
  console.log(`  ✗ ${message}`);
};
const timings = [];
async function phase(name, body) {
  const start = performance.now();
  console.log(`\n— ${name}`);
  try {
    return await body();
  } finally {
    timings.push([name, (performance.now() - start) / 1000]);
  }
}

/** Runs a command; resolves with its exit code and output (kept in a log file too). */
function run(command, args, { cwd, env = process.env, log } = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      if (log) writeFileSync(log, output);
      resolveRun({ code: code ?? 1, output });
    });
  });
}
const tail = (text, lines = 25) => text.trimEnd().split('\n').slice(-lines).map((line) => `      ${line}`).join('\n');

/** Runs `tasks` (functions returning promises) with at most `limit` at a time. */
async function pool(tasks, limit = Math.max(2, availableParallelism())) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

// npm run from inside `pnpm run` inherits pnpm's npm_* variables; give it a clean environment.
const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/.test(key) || ['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig'].includes(key)),
);
Object.assign(npmEnv, { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
if (process.env.CASEKIT_NPM_CACHE) npmEnv.npm_config_cache = process.env.CASEKIT_NPM_CACHE;
// Vite 8's native dependencies need npm 11 to install; use it through npx when the local npm is older.
const npmMajor = Number(spawnSync('npm', ['--version'], { encoding: 'utf8', env: npmEnv }).stdout.split('.')[0]);
const npm = npmMajor >= 11 ? ['npm'] : ['npx', '--yes', 'npm@11'];

// ————————————————————————————————————————————————————————————————— 1. pack and inspect

const publishable = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);

const missingDist = publishable.filter(({ dir }) => !existsSync(join(dir, 'dist')));
if (missingDist.length) {
  console.error(`No dist/ in ${missingDist.map(({ manifest }) => manifest.name).join(', ')}: run \`pnpm build\` first.`);
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'casekit-consumer-'));
const tarballDir = join(tmp, 'tarballs');
mkdirSync(tarballDir);
console.log(`consumer smoke test in ${tmp} (npm ${npmMajor >= 11 ? npmMajor : `${npmMajor}, using npm@11 through npx`})`);
const started = performance.now();

const tarballs = {};
await phase('pack and inspect the tarballs', async () => {
  for (const pkg of publishable) {
    const before = new Set(readdirSync(tarballDir));
    const packed = spawnSync('pnpm', ['pack', '--pack-destination', tarballDir], { cwd: pkg.dir, encoding: 'utf8' });
    const file = readdirSync(tarballDir).find((name) => !before.has(name));
    if (packed.status !== 0 || !file) {
      fail(`pnpm pack failed in ${relative(root, pkg.dir)}:\n${tail(packed.stdout + packed.stderr)}`);
      continue;
    }
    const unpacked = join(tmp, 'unpacked', pkg.manifest.name);
    mkdirSync(unpacked, { recursive: true });
    spawnSync('tar', ['xzf', join(tarballDir, file), '-C', unpacked, '--strip-components=1']);
    tarballs[pkg.manifest.name] = join(tarballDir, file);
    const problems = inspectTarball(unpacked, publishable.map((p) => p.manifest));
    const count = listFiles(unpacked).length;
    if (problems.length) for (const problem of problems) fail(`${pkg.manifest.name}: ${problem}`);
    else console.log(`  ✓ ${file}: ${count} files, ${(statSync(join(tarballDir, file)).size / 1024).toFixed(0)} KB; manifest, files and imports in order`);
  }
});

function listFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path, base) : [relative(base, path).split('\\').join('/')];
  });
}

function packageName(specifier) {
  return specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/** Every check on one unpacked tarball; returns the problems found. */
function inspectTarball(dir, workspaceManifests) {
  const problems = [];
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const files = listFiles(dir);
  const fileSet = new Set(files);

  // The manifest an npm user installs.
  const raw = readFileSync(join(dir, 'package.json'), 'utf8');
  if (raw.includes('workspace:')) problems.push('package.json still has a workspace: range');
  for (const field of ['description', 'license', 'repository', 'homepage', 'keywords', 'engines', 'exports']) {
    if (!manifest[field] || (Array.isArray(manifest[field]) && !manifest[field].length)) problems.push(`package.json has no "${field}"`);
  }
  for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) if (!fileSet.has(file)) problems.push(`no ${file} in the tarball`);
  const declared = new Set([manifest.name, ...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  // Another casekit package is a peer with a range the version it was built against satisfies.
  for (const other of workspaceManifests) {
    if (other.name === manifest.name) continue;
    if (manifest.dependencies?.[other.name]) problems.push(`${other.name} is a dependency; it must be a peer (one copy per app)`);
    const range = manifest.peerDependencies?.[other.name];
    if (range && !caretSatisfies(range, other.version)) problems.push(`peer range ${other.name}@${range} does not admit ${other.version}`);
  }

  // No tests or test helpers (core's public ./testing export is API, not a test).
  for (const file of files) {
    if (/(^|\/)(test|tests|__tests__)\/|\.(test|spec|bench)\.[cm]?[jt]sx?(\.map)?$|\.test\.d\.ts/.test(file)) problems.push(`test file shipped: ${file}`);
  }

  // The `source` condition (src/*.ts, for the workspace's own tests) is dropped at pack time by the
  // root .pnpmfile.cjs: an app's bundler that knows that condition must still get dist/.
  if (JSON.stringify(manifest.exports ?? {}).includes('"source"')) problems.push('exports still carry the workspace-only "source" condition');

  // Every exports target exists (a `*` pattern needs at least one match).
  const targets = [];
  const collect = (value) => (typeof value === 'string' ? targets.push(value) : value && Object.values(value).forEach(collect));
  collect(manifest.exports);
  for (const target of targets) {
    const path = target.replace(/^\.\//, '');
    const ok = path.includes('*') ? files.some((file) => new RegExp(`^${path.split('*').map(escapeRegExp).join('.+')}$`).test(file)) : fileSet.has(path);
    if (!ok) problems.push(`exports target missing: ${target}`);
  }

  // Every import of every shipped module: relative ones resolve inside the tarball, bare ones are declared.
  for (const file of files.filter((f) => /\.(m?js|d\.ts)$/.test(f))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const info = ts.preProcessFile(text, true, true);
    const specifiers = [...info.importedFiles, ...info.typeReferenceDirectives].map((ref) => ref.fileName);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(file), specifier));
        const candidates = file.endsWith('.d.ts')
          ? [target.replace(/\.js$/, '.d.ts'), `${target}.d.ts`, `${target}/index.d.ts`]
          : [target];
        if (!candidates.some((candidate) => fileSet.has(candidate))) problems.push(`${file} imports ${specifier}, which is not in the tarball`);
        continue;
      }
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) {
        problems.push(`${file} imports the Node built-in ${specifier} (the packages run in browsers)`);
        continue;
      }
      const name = packageName(specifier);
      const typesName = name.startsWith('@') ? `@types/${name.slice(1).replace('/', '__')}` : `@types/${name}`;
      if (!declared.has(name) && !(file.endsWith('.d.ts') && declared.has(typesName))) {
        problems.push(`${file} imports ${specifier}, but ${name} is neither a dependency nor a peerDependency`);
      }
    }
  }
  return [...new Set(problems)];
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `^x.y.z` (or an exact version) admits `version`, with semver's 0.x rule. */
function caretSatisfies(range, version) {
  const parse = (v) => v.replace(/^[\^~=v]+/, '').split('-')[0].split('.').map(Number);
  const [a, b, c] = parse(range);
  const [x, y, z] = parse(version);
  if (!range.startsWith('^')) return a === x && b === y && c === z;
  if (a !== x) return false;
  if (a === 0 && b !== y) return false;
  return y > b || (y === b && z >= c);
}

// ————————————————————————————————————————————————————————————————— 2. install, type-check, build

const appDir = (app) => join(tmp, 'apps', app.name);
if (!failures.length) {
  await phase(`install ${APPS.length} scratch apps from the tarballs (npm, in parallel)`, async () => {
    const results = await Promise.all(
      APPS.map(async (app) => {
        const dir = appDir(app);
        mkdirSync(dir, { recursive: true });
        for (const file of app.source?.files ?? []) cpSync(join(app.source.dir, file), join(dir, file), { recursive: true });
        cpSync(join(appsDir, app.name), dir, { recursive: true });
        const manifestPath = join(dir, 'package.json');
        const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
        for (const deps of [manifest.dependencies, manifest.devDependencies]) {
          for (const name of Object.keys(deps ?? {})) {
            if (!name.startsWith('@casekit/')) continue;
            if (!tarballs[name]) throw new Error(`${app.name} depends on ${name}, which was not packed`);
            deps[name] = `file:${tarballs[name]}`;
          }
        }
        writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
        const start = performance.now();
        const result = await run(npm[0], [...npm.slice(1), 'install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env: npmEnv, log: join(dir, 'npm-install.log') });
        return { app, ...result, seconds: (performance.now() - start) / 1000 };
      }),
    );
    for (const { app, code, output, seconds } of results) {
      if (code === 0) console.log(`  ✓ ${app.name}: npm install (${seconds.toFixed(1)} s)`);
      else fail(`${app.name}: npm install failed\n${tail(output)}`);
    }
  });
}

if (!failures.length) {
  await phase('type-check (strict) and build each app', async () => {
    const results = await pool(
      APPS.map((app) => async () => {
        const steps = [app.typecheck, app.build].filter(Boolean);
        for (const script of steps) {
          const start = performance.now();
          const result = await run(npm[0], [...npm.slice(1), 'run', '--silent', script], { cwd: appDir(app), env: npmEnv, log: join(appDir(app), `${script}.log`) });
          const seconds = (performance.now() - start) / 1000;
          if (result.code !== 0) return { app, ok: false, message: `${app.name}: npm run ${script} failed\n${tail(result.output, 40)}` };
          console.log(`  ✓ ${app.name}: ${script} (${seconds.toFixed(1)} s)`);
        }
        return { app, ok: true };
      }),
    );
    for (const result of results) if (!result.ok) fail(result.message);
  });
}

// ————————————————————————————————————————————————————————————————— 3. run them

const nodeApp = APPS.find((app) => app.kind === 'node');
if (!failures.length && nodeApp) {
  await phase('run the Node app', async () => {
    const result = await run(process.execPath, ['dist/main.js'], { cwd: appDir(nodeApp) });
    const last = result.output.trim().split('\n').at(-1) ?? '';
    let report;
    try {
      report = JSON.parse(last);
    } catch {
      report = null;
    }
    if (result.code === 0 && report?.ok) console.log(`  ✓ node: manager on the memory storage, client, case, query, ValidationError; ${report.conformanceCases} conformance cases pass`);
    else fail(`node app failed (exit ${result.code})\n${tail(result.output)}`);
  });
}

const browserApps = APPS.filter((app) => app.kind === 'browser');
if (!failures.length && browserApps.length) {
  await phase(`load ${browserApps.length} built apps in headless Chromium`, async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', root: join(tmp, 'apps') });
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROME_FLAGS });
    try {
      for (const app of browserApps) {
        const url = `http://127.0.0.1:${server.address().port}/${app.name}/dist/`;
        const context = await browser.newContext();
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
        try {
          await page.goto(url);
          const names = page.locator('ck-caseload-board [part~="card-name"]');
          await page.waitForFunction(
            (count) => {
              const board = document.querySelector('ck-caseload-board');
              return board?.shadowRoot?.querySelectorAll('[part~="card-name"]').length === count;
            },
            app.expect.length,
            { timeout: 60_000 },
          );
          const shown = (await names.allTextContents()).map((name) => name.trim()).sort();
          if (JSON.stringify(shown) !== JSON.stringify([...app.expect].sort())) throw new Error(`the board shows ${shown.join(', ')}; expected ${app.expect.join(', ')}`);
          // A click on a card is a ck-case-open; the host writes the opened client's name on the page.
          const target = app.expect[0];
          await page.locator('ck-caseload-board [part~="card"]', { hasText: target }).first().click();
          await page.getByTestId('selected-case').filter({ hasText: target }).waitFor({ timeout: 10_000 });
          if (errors.length) throw new Error(`console errors: ${errors.join(' | ')}`);
          console.log(`  ✓ ${app.name}: the board renders ${shown.length} cases; ck-case-open reached the host (${target})`);
        } catch (error) {
          await page.screenshot({ path: join(appDir(app), 'failure.png') }).catch(() => {});
          fail(`${app.name} in Chromium (${url}): ${error.message.split('\n')[0]}${errors.length ? `\n      console: ${errors.join(' | ')}` : ''}`);
        } finally {
          await context.close();
        }
      }
    } finally {
      await browser.close();
      await new Promise((resolveClose) => server.close(resolveClose));
    }
  });
}

// ————————————————————————————————————————————————————————————————— report

const total = (performance.now() - started) / 1000;
console.log(`\n${timings.map(([name, seconds]) => `  ${seconds.toFixed(1).padStart(6)} s  ${name}`).join('\n')}\n  ${total.toFixed(1).padStart(6)} s  total`);
if (failures.length) {
  console.log(`\nconsumer smoke test: ${failures.length} failure(s). Apps, logs and screenshots kept in ${tmp}`);
  process.exit(1);
}
if (keep) console.log(`\nconsumer smoke test passed; kept ${tmp}`);
else {
  rmSync(tmp, { recursive: true, force: true });
  console.log('\nconsumer smoke test passed');
}
