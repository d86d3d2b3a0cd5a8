import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, openDemo, startDemo } from './harness.mjs';

describe('demo workspace', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('seeds a caseload on first run and shows it on the board, with no axe violations', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    const cards = await page.locator('ck-caseload-board [part~="card"]').count();
    assert.ok(cards > 5, `cards on the board: ${cards}`);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('keeps the caseload across a reload (IndexedDB), without seeding twice', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, demo.url);
    const count = () => page.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open('casekit-demo');
      open.onsuccess = () => {
        const request = open.result.transaction('cases').objectStore('cases').count();
        request.onsuccess = () => { resolve(request.result); open.result.close(); };
      };
    }));
    const before = await count();
    await page.reload();
    await page.locator('ck-caseload-board').evaluate((board) => board.loadComplete);
    assert.equal(await count(), before);
    await context.close();
  });
});
