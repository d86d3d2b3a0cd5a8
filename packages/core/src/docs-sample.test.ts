import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { it } from 'node:test';

// The getting-started guide's sample must run as written against the current API.
it('docs/guides/getting-started.md sample runs and prints what its comments say', async () => {
  const guide = await readFile(new URL('../../../docs/guides/getting-started.md', import.meta.url), 'utf8');
  const sample = /```js casekit-sample\n([\s\S]*?)```/.exec(guide)?.[1];
  assert.ok(sample, 'the guide has a casekit-sample block');
  const indexUrl = pathToFileURL(join(import.meta.dirname, 'index.ts')).href;
  const file = join(await mkdtemp(join(tmpdir(), 'casekit-sample-')), 'sample.mts');
  await writeFile(file, sample.replaceAll("from '@casekit/core'", `from '${indexUrl}'`));
  const logged: unknown[][] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => logged.push(args);
  try {
    await import(pathToFileURL(file).href);
  } finally {
    console.log = log;
  }
  assert.deepEqual(logged.slice(0, 5), [[0], [10, 'moderate'], [['priority']], ['changed by someone else — reload and retry'], [['Rosa Hernández']]]);
});
