import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDemo, startDemo } from './harness.mjs';
import { closeTheLoop, completeIntake, planGoalAndTask, referFromGoal } from './flows.mjs';

/**
 * The policy a strict host would send: scripts and styles from the page's origin only, no eval, no
 * inline anything, and Trusted Types enforced with Lit's `lit-html` as the only policy. (`data:` images
 * for the page's empty favicon.)
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/**
 * A context whose copy of the demo page is served with `CSP` as a response header (the demo's own
 * index.html carries no policy), recording every `securitypolicyviolation` in `window.__csp`.
 */
async function strictContext(browser) {
  const context = await browser.newContext();
  await context.route(
    (url) => url.pathname === '/static-demo/' || url.pathname === '/static-demo/index.html',
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
    },
  );
  await context.addInitScript(() => {
    window.__csp = [];
    window.addEventListener(
      'securitypolicyviolation',
      (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`),
      true,
    );
  });
  return context;
}

/** Violation events are fired from a queued task: let them arrive, then read them. */
const violations = async (page) => {
  await page.waitForTimeout(200);
  return page.evaluate(() => window.__csp);
};

describe('demo under a strict CSP with Trusted Types', () => {
  let demo;
  before(async () => (demo = await startDemo()));
  after(async () => demo?.close());

  it('seeds, takes an intake, plans, refers and closes the loop with no violation and no console error', async () => {
    const context = await strictContext(demo.browser);
    const page = await openDemo(context, demo.url);
    assert.ok((await page.locator('ck-caseload-board [part~="card"]').count()) > 5, 'the seeded caseload is on the board');
    await page.locator('ck-caseload-summary').evaluate((summary) => summary.loadComplete);
    assert.deepEqual(await violations(page), [], 'first run: seeding, board and summary');

    await completeIntake(page, { given: 'Iris', family: 'Castellanos' });
    await page.locator('#case-heading', { hasText: 'Iris Castellanos' }).waitFor();
    await planGoalAndTask(page, 'Visit the family shelter with Iris');
    await referFromGoal(page);
    await closeTheLoop(page);
    await page.locator('ck-referral-tracker').getByText('Completed').first().waitFor();
    await page.locator('#language').selectOption('es');
    await page.locator('ck-caseload-board [part~="column-header"]', { hasText: 'Activo' }).first().waitFor();
    assert.deepEqual(await violations(page), [], 'the whole workflow, then Spanish');
    assert.deepEqual(page.errors, []);

    // The policy really is in force on this page: untrusted HTML is refused, and Lit's policy exists
    // (a second `lit-html` is refused too). These two violations show the listener hears them.
    const refused = await page.evaluate(() => {
      const out = {};
      try {
        document.createElement('div').innerHTML = '<b>untrusted</b>';
        out.innerHTML = 'allowed';
      } catch (e) {
        out.innerHTML = e.name;
      }
      try {
        trustedTypes.createPolicy('lit-html', { createHTML: (s) => s });
        out.secondLitPolicy = 'allowed';
      } catch (e) {
        out.secondLitPolicy = e.name;
      }
      return out;
    });
    assert.deepEqual(refused, { innerHTML: 'TypeError', secondLitPolicy: 'TypeError' });
    const heard = await violations(page);
    assert.equal(heard.length, 2, heard.join('\n'));
    assert.match(heard[0], /^require-trusted-types-for /);
    assert.match(heard[1], /^trusted-types /);
    await context.close();
  });
});
