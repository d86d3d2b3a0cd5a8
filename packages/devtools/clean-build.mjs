// `pnpm build` starts from nothing: removes every package's and example's dist/ and the build info
// `tsc -b` keeps beside each package's tsconfig.json. Without this a module deleted from src/ lived on
// in dist/ and in the tarball (and tsc -b, seeing its build info, would not re-emit a deleted .d.ts).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

for (const parent of ['packages', 'examples']) {
  for (const name of readdirSync(parent)) {
    const dir = join(parent, name);
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    if (parent === 'packages') rmSync(join(dir, 'tsconfig.tsbuildinfo'), { force: true });
  }
}
if (existsSync('examples/casekit-bundle/dist')) throw new Error('could not remove examples/casekit-bundle/dist');
