// Screenshots of each element for docs/, taken from the running demo with playwright-core in
// Debian's Chromium once IndexedDB seeding and rendering have finished (Chromium's own
// --screenshot fires at load, before that). Run: `pnpm build && node packages/devtools/screenshots.mjs`.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';

const out = (name) => fileURLToPath(new URL(`../../docs/images/${name}.png`, import.meta.url));
const server = await startServer({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${server.address().port}/static-demo/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(url);
  // Seeding the demo takes seconds: wait for the status line to say so before any screenshot.
  await page.waitForFunction(() => /ready|listos/.test(document.querySelector('#status')?.textContent ?? '') || document.querySelector('ck-caseload-board')?.shadowRoot?.querySelector('[part~="card"]'), null, { timeout: 120_000 });
  const ready = (selector) => page.locator(selector).evaluate((el) => el.loadComplete);
  await ready('ck-caseload-board');
  await ready('ck-caseload-summary');
  await page.locator('ck-caseload-summary').screenshot({ path: out('caseload-summary') });
  await page.locator('ck-caseload-board').screenshot({ path: out('caseload-board') });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: out('demo-workspace') });

  // A case with a plan and referrals: the first active case of the seeded caseload.
  await page.locator('ck-caseload-board [part~="card"]', { hasText: /Active|Activo/ }).first().waitFor().catch(() => {});
  await page.locator('ck-caseload-board').getByRole('checkbox', { name: /Overdue|Vencid/ }).uncheck().catch(() => {});
  // Below 1100 px the case view takes the full width, which suits the editors.
  await page.setViewportSize({ width: 1000, height: 900 });
  const activeColumn = page.locator('ck-caseload-board [part~="column"]').nth(3);
  await activeColumn.locator('[part~="card"]').first().click();
  await ready('ck-care-plan-editor');
  await ready('ck-referral-tracker');
  await page.waitForTimeout(300);
  await page.locator('ck-care-plan-editor').screenshot({ path: out('care-plan-editor') });
  await page.locator('ck-referral-tracker').screenshot({ path: out('referral-tracker') });

  await page.getByRole('button', { name: /New intake|Nueva admisión/ }).click();
  await ready('ck-intake-form');
  await page.locator('#intake-dialog').screenshot({ path: out('intake-form') });
  console.log('screenshots written to docs/images/');
} finally {
  await browser.close();
  server.close();
}
