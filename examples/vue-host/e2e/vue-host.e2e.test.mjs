// The Vue host, built with `vite build` (the test:e2e script builds first) and served statically at
// /vue-host/dist/. Reuses the static demo's harness (server, browser, axe).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { axeViolations, openDemo, startDemo } from '../../static-demo/e2e/harness.mjs';

const built = new URL('../dist/index.html', import.meta.url);

describe('vue-host example (vite build output)', () => {
  let demo;
  let url;
  before(async () => {
    assert.ok(existsSync(built), 'run `vite build` first (pnpm --filter @casekit/example-vue-host build)');
    demo = await startDemo();
    url = new URL('../vue-host/dist/', demo.url).href;
  });
  after(async () => demo?.close());

  it('renders the board inside Vue with no console errors and no axe violations', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, url);
    const names = await page.locator('ck-caseload-board [part~="card-name"]').allTextContents();
    assert.equal(names.length, 4, `cards: ${names}`);
    assert.match(await page.getByTestId('selected-case').textContent(), /No case selected/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('handles ck-case-open in Vue state, and ck-referral-change with @ck-referral-change', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, url);
    await page.locator('ck-caseload-board [part~="card"]', { hasText: 'Rosa Hernández' }).click();
    await page.getByTestId('selected-case').filter({ hasText: 'Rosa Hernández' }).waitFor();

    // The tracker got its case-id attribute from Vue and its manager from the provider.
    const send = page.locator('ck-referral-tracker [data-action="requested"]');
    await send.click();
    // Send first shows what the receiving organisation will get; its Send sends.
    await page.locator('ck-referral-tracker [data-share-preview] [data-confirm-send]').click();
    await page.getByTestId('activity').filter({ hasText: 'Weekly grocery pick-up: draft → requested (sent)' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('passes Vue state down as properties and attributes (filters, lang)', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, url);
    await page.getByLabel('Show').selectOption('urgent');
    await page.waitForFunction(() => document.querySelector('ck-caseload-board').shadowRoot.querySelectorAll('[part~="card"]').length === 1);
    assert.deepEqual(await page.locator('ck-caseload-board').evaluate((board) => board.filters), { priority: 'urgent' });
    assert.equal((await page.locator('ck-caseload-board [part~="card-name"]').textContent()).trim(), 'Lin Chen');
    await page.getByLabel('Language').selectOption('es');
    await page.locator('ck-caseload-board [part~="summary"]').filter({ hasText: /\bcasos?\b/ }).waitFor();
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
