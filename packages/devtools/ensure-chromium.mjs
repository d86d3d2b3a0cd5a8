// Browser tests need Chromium. On a fresh Debian machine run as root, install Debian's package;
// otherwise say exactly what is missing. CHROME_PATH overrides the default /usr/bin/chromium.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!process.env.CHROME_PATH && isRoot && hasApt) {
  console.log('Chromium not found: installing Debian\'s chromium (about a minute)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  if (run(['update', '-q']) && run(['install', '-y', '-q', 'chromium', 'fonts-liberation']) && existsSync(path)) process.exit(0);
}
console.error(
  `Chromium was not found at ${path}.\n` +
    '  On Debian/Ubuntu: sudo apt-get install -y chromium fonts-liberation\n' +
    '  Elsewhere: set CHROME_PATH to a Chromium or Chrome binary.',
);
process.exit(1);
