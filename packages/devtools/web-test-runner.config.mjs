// @web/test-runner config for every browser test in the repo (IndexedDB and elements), run in Debian's
// Chromium. Workspace packages resolve to their TypeScript sources through the "source" export
// condition and esbuild compiles them on the fly, so no build is needed before testing.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Dexie 4's ESM entry wraps its UMD build, which the dev server cannot serve as ESM; use dexie.mjs. */
export const dexieEsmPlugin = {
  name: 'dexie-esm',
  resolveImport({ source }) {
    if (source === 'dexie') return '/__dexie_esm__';
  },
  async serve(context) {
    if (context.path === '/__dexie_esm__') {
      const { createRequire } = await import('node:module');
      const require = createRequire(`${root}/packages/storage-dexie/package.json`);
      const { readFile } = await import('node:fs/promises');
      const file = require.resolve('dexie/dist/dexie.mjs');
      return { body: await readFile(file, 'utf8'), type: 'js' };
    }
  },
};

export default {
  rootDir: root,
  files: ['packages/storage-dexie/src/**/*.browser.test.ts', 'packages/elements/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser'] },
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: chromeFlags,
      },
    }),
  ],
  plugins: [
    dexieEsmPlugin,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('../elements/tsconfig.json', import.meta.url)) }),
  ],
};
