import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFhirServerProcess } from '../../../packages/devtools/serve.mjs';
import { openDemo, startDemo } from './harness.mjs';
import { completeIntake } from './flows.mjs';

/**
 * `?storage=fhir`: two users in two browser contexts (separate IndexedDB replicas and outboxes) on the
 * FHIR server `npm start` runs. What one saves reaches the other through the server alone, by polling.
 * Both pages are served with the strict policy of strict-csp.e2e.test.mjs, plus the FHIR origin in
 * `connect-src` (what a host serving the demo against a FHIR server would add).
 */
const cspFor = (fhirOrigin) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${fhirOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');

async function strictContext(browser, csp) {
  const context = await browser.newContext();
  // Pages fulfilled by route() are not counted as loopback, so Chromium asks before they reach 127.0.0.1.
  await context.grantPermissions(['local-network-access']);
  await context.route(
    (url) => url.pathname === '/static-demo/' || url.pathname === '/static-demo/index.html',
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    },
  );
  await context.addInitScript(() => {
    window.__csp = [];
    window.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  return context;
}

const cardFor = (page, name) => page.locator('ck-caseload-board [part~="card"]', { hasText: name });

describe('demo on the FHIR server (?storage=fhir)', () => {
  let demo;
  let fhir;
  before(async () => {
    demo = await startDemo();
    // A small caseload keeps the server's seeding and each window's first sync short.
    fhir = await startFhirServerProcess({ port: 0, origins: [new URL(demo.url).origin], seedClients: 20 });
  });
  after(async () => {
    await fhir?.close();
    await demo?.close();
  });

  it("shows one user's new intake on another user's board, with no console error and no CSP violation", async () => {
    const url = `${demo.url}?storage=fhir&fhir=${encodeURIComponent(fhir.baseUrl)}`;
    const csp = cspFor(new URL(fhir.baseUrl).origin);
    const [first, second] = await Promise.all([strictContext(demo.browser, csp), strictContext(demo.browser, csp)]);
    const marta = await openDemo(first, url);
    const other = await openDemo(second, url);
    for (const page of [marta, other]) {
      assert.ok((await page.locator('ck-caseload-board [part~="card"]').count()) > 5, 'the server-seeded caseload is on the board');
      assert.equal(await page.locator('#storage-label').textContent(), 'Records on the FHIR server');
    }

    await completeIntake(marta, { given: 'Iris', family: 'Castellanos' });
    await marta.locator('#case-heading', { hasText: 'Iris Castellanos' }).waitFor();
    // The second window is never told: it finds the case on its next poll (every 2 s).
    await cardFor(other, 'Iris Castellanos').waitFor({ timeout: 10_000 });

    // And back: the second user's change reaches the first.
    await completeIntake(other, { given: 'Tomás', family: 'Ortega' });
    await other.locator('#case-heading', { hasText: 'Tomás Ortega' }).waitFor();
    await marta.locator('#close-case').click();
    await cardFor(marta, 'Tomás Ortega').waitFor({ timeout: 10_000 });

    // The header links back to this browser's own storage, keeping the rest of the query.
    const back = new URL(await marta.locator('#storage-switch').getAttribute('href'), url);
    assert.equal(back.searchParams.get('storage'), null);
    assert.equal(back.searchParams.get('fhir'), fhir.baseUrl);
    await marta.goto(back.href);
    await marta.locator('#storage-label', { hasText: 'Records in this browser' }).waitFor();
    assert.equal(new URL(await marta.locator('#storage-switch').getAttribute('href'), marta.url()).searchParams.get('storage'), 'fhir');

    for (const page of [marta, other]) {
      await page.waitForTimeout(200); // violation events arrive from a queued task
      assert.deepEqual(await page.evaluate(() => window.__csp), []);
      assert.deepEqual(page.errors, []);
    }
    await Promise.all([first.close(), second.close()]);
  });
});
