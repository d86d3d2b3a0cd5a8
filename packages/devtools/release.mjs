// `pnpm release`: versions and publishes the @casekit packages with changesets, in one command.
//
//   pnpm changeset               describe a change (which packages, patch/minor/major, one line for the CHANGELOG)
//   pnpm release --plan          print the versions the pending changesets would release; writes nothing
//   pnpm release --no-publish    version (package.json + CHANGELOG.md), build, prove the tarballs; no publish
//   pnpm release                 all of that, then publish every version not yet on the registry (git tags too)
//
// Versioning is `changeset version`, with one difference: changesets' peer-dependency rule. elements
// and storage-dexie take @casekit/core as a peer, and changesets gives a dependent a *major* bump
// whenever a peer moves by a minor or more. Below 1.0 a major bump of 0.y.z is 1.0.0, so the first
// minor release of core would have published elements 1.0.0. Semver's 0.x convention is that a
// breaking change bumps the minor, so here a 0.x package gets a minor where changesets computed a
// major that no changeset asked for (a changeset that says `major` still means 1.0.0). The three
// packages are one `fixed` group (.changeset/config.json): they always share one version, and the
// published peer range (`workspace:^`, written `^x.y.z` by pnpm at pack time) is that version's.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((arg) => !['--plan', '--no-publish'].includes(arg));
if (unknown.length) {
  console.error(`unknown option ${unknown.join(' ')}; usage: pnpm release [--plan | --no-publish]`);
  process.exit(2);
}

// The changesets libraries the CLI itself uses (resolved through the CLI, so they are its versions).
const cliDir = realpathSync(join(root, 'node_modules/@changesets/cli'));
const requireFromCli = createRequire(join(cliDir, 'package.json'));
const load = (name) => {
  const mod = requireFromCli(name);
  return mod.default ?? mod;
};
const readChangesets = load('@changesets/read');
const { read: readConfig } = requireFromCli('@changesets/config');
const { readPreState } = requireFromCli('@changesets/pre');
const { getPackages } = requireFromCli('@manypkg/get-packages');
const assembleReleasePlan = load('@changesets/assemble-release-plan');
const applyReleasePlan = load('@changesets/apply-release-plan');
const semver = requireFromCli('semver');

const run = (command, commandArgs) => {
  console.log(`\n$ ${command} ${commandArgs.join(' ')}`);
  const status = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' }).status;
  if (status !== 0) process.exit(status ?? 1);
};

/** changesets' plan, with peer-induced majors of 0.x packages read as minors (see the header). */
async function releasePlan() {
  const packages = await getPackages(root);
  const config = await readConfig(root, packages);
  const [changesets, preState] = await Promise.all([readChangesets(root), readPreState(root)]);
  const plan = assembleReleasePlan(changesets, packages, config, preState);
  const askedMajor = new Set(changesets.flatMap((c) => c.releases.filter((r) => r.type === 'major').map((r) => r.name)));
  for (const release of plan.releases) {
    // (Pre-release mode keeps changesets' own numbering.)
    if (preState?.mode !== 'pre' && release.type === 'major' && semver.major(release.oldVersion) === 0 && !askedMajor.has(release.name)) {
      release.type = 'minor';
      release.newVersion = semver.inc(release.oldVersion, 'minor');
    }
  }
  // The fixed group shares one version: the highest any member reaches.
  for (const group of config.fixed) {
    const members = plan.releases.filter((r) => group.includes(r.name) && r.type !== 'none');
    const top = [...members].sort((a, b) => semver.rcompare(a.newVersion, b.newVersion))[0];
    for (const member of members) Object.assign(member, { newVersion: top.newVersion, type: top.type });
  }
  return { plan, packages, config, changesets };
}

const { plan, packages, config, changesets } = await releasePlan();
const releases = plan.releases.filter((r) => r.type !== 'none');
if (releases.length) {
  console.log(`${changesets.length} changeset(s):`);
  for (const r of releases) console.log(`  ${r.name}: ${r.oldVersion} -> ${r.newVersion} (${r.type})`);
} else {
  console.log('No pending changesets: nothing to version. `pnpm release` publishes any version not yet on the registry.');
}
if (args.has('--plan')) process.exit(0);

if (releases.length) {
  await applyReleasePlan(plan, packages, config, undefined, join(cliDir, 'dist'));
  run('pnpm', ['install', '--lockfile-only']);
}
run('pnpm', ['build']);
run('node', ['packages/devtools/consumer-smoke.mjs']);
if (args.has('--no-publish')) {
  console.log('\nVersioned and proven; not published. Review, commit, then `pnpm release` to publish.');
  process.exit(0);
}
run('pnpm', ['exec', 'changeset', 'publish']);
console.log('\nPublished. Commit the version changes and push the tags: git push --follow-tags');
