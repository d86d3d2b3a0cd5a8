// The EHR examples served statically and driven in Chromium: style isolation, theming through tokens
// and ::part, the strict CSP, the host-supplied actor, and the iframe + postMessage variant.
// Reuses the static demo's harness (server, browser, axe); needs `pnpm build` first (the bundle).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, openDemo, startDemo } from '../../static-demo/e2e/harness.mjs';

/** Records CSP violations in `window.__csp` from the first script on. */
const watchCsp = (context) =>
  context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

/** Computed style of the first node matching `selector` in the element's shadow root. */
const inside = (page, host, selector, properties) =>
  page.locator(host).evaluate(
    (element, [selector, properties]) => {
      const node = element.shadowRoot.querySelector(selector);
      const style = getComputedStyle(node);
      return Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)]));
    },
    [selector, properties],
  );

describe('ehr-host example', () => {
  let demo;
  let base;
  before(async () => {
    demo = await startDemo();
    base = new URL('../ehr-host/', demo.url).href;
  });
  after(async () => demo?.close());

  it('loads under the strict CSP with no violations and no console errors', async () => {
    const context = await demo.browser.newContext();
    await watchCsp(context);
    const page = await openDemo(context, base);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('ck-caseload-board [part~="card"]').count(), 5);
    assert.equal(await page.locator('#ehr-user').textContent(), 'Dana Whitfield, RN (CARE_COORDINATOR)');
    // The actor comes from the EHR session: cases created by the seed are assigned to that user.
    assert.match(await page.locator('ck-caseload-board [part~="card"]').first().textContent(), /Dana Whitfield, RN/);
    await page.locator('ck-referral-tracker [part~="referral"]').waitFor();
    await page.locator('ck-care-plan-editor [part~="goal"]').first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('has no axe violations (axe is injected as an inline script, so this context bypasses the CSP)', async () => {
    const context = await demo.browser.newContext({ bypassCSP: true });
    const page = await openDemo(context, base);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('ck-care-plan-editor [part~="goal"]').first().waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it("keeps the EHR's global CSS out of the elements", async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, base);
    // The host rule `button { background: #c00000; text-transform: uppercase; ... }` styles the EHR's button...
    const hostButton = await page.locator('#ehr-print').evaluate((b) => {
      const s = getComputedStyle(b);
      return { background: s.backgroundColor, transform: s.textTransform };
    });
    assert.deepEqual(hostButton, { background: 'rgb(192, 0, 0)', transform: 'uppercase' });
    // ...and not the board's buttons, nor its headings (host `h2` has a gradient and upper case).
    const move = await inside(page, 'ck-caseload-board', '[part~="move-button"]', ['background-color', 'text-transform', 'border-top-style']);
    assert.notEqual(move['background-color'], 'rgb(192, 0, 0)');
    assert.equal(move['text-transform'], 'none');
    assert.notEqual(move['border-top-style'], 'outset');
    const heading = await inside(page, 'ck-caseload-board', '[part~="card-name"]', ['background-image', 'color']);
    assert.equal(heading['background-image'], 'none');
    await context.close();
  });

  it('takes the EHR brand through --ck-* tokens, component properties and ::part', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, base);
    // Tokens set on the host container (ehr-casekit.css) reach inside: border color and font.
    const card = await inside(page, 'ck-caseload-board', '[part~="card"]', ['border-top-color', 'border-left-width', 'border-left-color', 'font-family', 'border-top-left-radius']);
    assert.equal(card['border-top-color'], 'rgb(154, 169, 184)'); // --ck-color-border: #9aa9b8
    assert.match(card['font-family'], /^Tahoma/); // --ck-font-family
    // ::part(card) { border-inline-start: 4px solid #2d5f8b }
    assert.equal(card['border-left-width'], '4px');
    assert.equal(card['border-left-color'], 'rgb(45, 95, 139)');
    // A token changed at run time (through the CSSOM: the CSP allows no inline <style>) applies at once.
    await page.locator('main.casekit-area').evaluate((main) => main.style.setProperty('--ck-color-border', 'rgb(0, 128, 0)'));
    await page.locator('main.casekit-area').evaluate((main) => main.style.setProperty('--ck-font-family', 'Georgia, serif'));
    const after = await inside(page, 'ck-caseload-board', '[part~="card"]', ['border-top-color', 'font-family']);
    assert.equal(after['border-top-color'], 'rgb(0, 128, 0)');
    assert.equal(after['font-family'], 'Georgia, serif');
    // A component property: --ck-caseload-board-height: 30rem on the element (16px root font).
    assert.equal(await page.locator('ck-caseload-board').evaluate((b) => b.getBoundingClientRect().height), 480);
    await context.close();
  });

  it('puts an opened case in context: the EHR banner and the case widgets', async () => {
    const context = await demo.browser.newContext();
    const page = await openDemo(context, base);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('ck-caseload-board [part~="card"]', { hasText: 'Walter Brooks' }).locator('[part~="card-name"]').click();
    await page.locator('#patient-name', { hasText: 'Walter Brooks' }).waitFor();
    assert.equal(await page.locator('#patient-dob').textContent(), '1951-09-30');
    // Walter has no referrals: the tracker, now on his case, says so.
    await page.locator('ck-referral-tracker [part~="referral"]').waitFor({ state: 'detached' });
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('iframe variant: the actor goes in and the opened case comes out by postMessage', async () => {
    const context = await demo.browser.newContext();
    await watchCsp(context);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(new URL('iframe.html', base).href);
    const widget = page.frameLocator('#casekit-frame');
    await widget.locator('ck-caseload-board [part~="card"]').first().waitFor({ timeout: 60_000 });
    assert.equal(await widget.locator('ck-caseload-board [part~="card"]').count(), 5);
    // The host-supplied actor arrived: cases are assigned to the EHR user.
    assert.match(await widget.locator('ck-caseload-board [part~="card"]').first().textContent(), /Dana Whitfield, RN/);

    await widget.locator('ck-caseload-board [part~="card"]', { hasText: 'Mei Tanaka' }).locator('[part~="card-name"]').click();
    await page.locator('#patient-name', { hasText: 'Mei Tanaka' }).waitFor();
    assert.equal(await page.locator('#case-status').textContent(), 'active');

    const frame = page.frame({ url: /widget\.html$/ });
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(await frame.evaluate(() => window.__csp), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('iframe variant: no axe violations in the EHR page or the widget', async () => {
    const context = await demo.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(new URL('iframe.html', base).href);
    await page.frameLocator('#casekit-frame').locator('ck-caseload-board [part~="card"]').first().waitFor({ timeout: 60_000 });
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(await axeViolations(page.frame({ url: /widget\.html$/ })), []);
    await context.close();
  });
});
