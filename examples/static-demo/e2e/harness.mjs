// Shared set-up for the demo's end-to-end tests: serve examples/ on a free port, drive Debian's
// Chromium with playwright-core, and check pages with axe-core.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer } from '../../../packages/devtools/serve.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function startDemo() {
  const server = await startServer({ port: 0, host: '127.0.0.1' });
  const { port } = server.address();
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: FLAGS });
  return {
    url: `http://127.0.0.1:${port}/static-demo/`,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A page with the demo loaded and seeded; console errors are collected in `page.errors`. */
export async function openDemo(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && page.errors.push(message.text()));
  await page.goto(url);
  await page.waitForFunction(() => /ready|listos/.test(document.querySelector('#status')?.textContent ?? '') || document.querySelector('ck-caseload-board')?.shadowRoot?.querySelector('[part~="card"], [part~="row"]'), null, { timeout: 60_000 });
  await page.locator('ck-caseload-board').evaluate((board) => board.loadComplete);
  return page;
}

/** axe-core violations on the page, shadow roots included (serious and critical only when `serious`). */
export async function axeViolations(page, { serious = false } = {}) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return serious ? violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') : violations;
}
