// The smallest embedding: examples/plain-html/index.html served statically, driven in Chromium.
// Reuses the static demo's harness (server, browser, axe); needs `pnpm build` first (the bundle).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, openDemo, startDemo } from '../../static-demo/e2e/harness.mjs';

describe('plain-html example', () => {
  let demo;
  let url;
  before(async () => {
    demo = await startDemo();
    url = new URL('../plain-html/', demo.url).href;
  });
  after(async () => demo?.close());

  it('shows the cases created with the API, with no console errors and no axe violations', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, url);
    const names = await page.locator('ck-caseload-board [part~="card-name"]').allTextContents();
    assert.deepEqual(names.map((n) => n.trim()).sort(), ['James Okafor', 'Lin Chen', 'Rosa Hernández']);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
