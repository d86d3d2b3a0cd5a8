// Entry point of the README's two commands, `npm start` and `npm test`, on a machine that has only
// Node and npm: finds pnpm (or runs the pinned one through npx), installs the workspace from the
// lockfile, then runs the demo or the whole test suite.
import { spawnSync } from 'node:child_process';

const PNPM_VERSION = '12.21.0';
const tasks = { demo: 'demo', test: 'test:all' };
const task = tasks[process.argv[2]];
if (!task) {
  console.error(`usage: node packages/devtools/bootstrap.mjs ${Object.keys(tasks).join('|')}`);
  process.exit(2);
}

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', env: process.env }).status ?? 1;
const hasPnpm = spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status === 0;
const pnpm = (...args) => (hasPnpm ? run('pnpm', args) : run('npx', ['--yes', `pnpm@${PNPM_VERSION}`, ...args]));
if (!hasPnpm) console.log(`pnpm not found: using pnpm@${PNPM_VERSION} through npx (or install it: npm i -g pnpm@${PNPM_VERSION})`);

// The lockfile is the truth; set CASEKIT_UPDATE_LOCKFILE=1 when you change dependencies on purpose.
const frozen = process.env.CASEKIT_UPDATE_LOCKFILE ? [] : ['--frozen-lockfile'];
const installStatus = pnpm('install', ...frozen);
if (installStatus !== 0) process.exit(installStatus);
process.exit(pnpm('run', task));
