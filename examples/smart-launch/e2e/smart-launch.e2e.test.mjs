// SMART App Launch in headless Chromium, end to end: the EHR opens launch.html with iss + launch (or
// the user opens it directly: standalone), fhirclient discovers the mock authorization server, PKCE
// S256, consent, code → tokens, then index.html runs casekit on the test FHIR server (bearer tokens
// enforced) as the signed-in practitioner — all under the page's strict CSP, with no violations.
// Runs with tsx (the FHIR test server and core are TypeScript sources); needs `pnpm build` first
// (the casekit bundle) and this example's build (dist/smart-app.js; test:e2e runs it).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, startDemo } from '../../static-demo/e2e/harness.mjs';
import { createCaseManager, createMemoryStorage } from '../../../packages/core/src/index.ts';
import { createFhirClient } from '../../../packages/storage-fhir/src/client/fhir-client.ts';
import { createFhirStorage } from '../../../packages/storage-fhir/src/storage/fhir-storage.ts';
import { startFhirServer } from '../../../packages/storage-fhir/src/test/fhir-server.ts';
import { startSmartAuthServer } from '../../../packages/storage-fhir/src/smart/test/smart-auth-server.js';

const CLIENT_ID = 'casekit-smart-launch';

/** Records CSP violations in `window.__csp` from the first script on. */
const watchCsp = (context) =>
  context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

describe('smart-launch example', () => {
  let demo;
  let fhir;
  let auth;
  let base;
  let practitioner;
  let patientId;

  before(async () => {
    demo = await startDemo();
    base = new URL('../smart-launch/', demo.url).href;
    fhir = await startFhirServer({ auth: true });
    practitioner = await fhir.repo.createResource({ resourceType: 'Practitioner', name: [{ given: ['Dana'], family: 'Whitfield', suffix: ['RN'] }] });
    // The practitioner's caseload, written through casekit's own FHIR storage.
    const token = fhir.issueToken();
    const seedStorage = await createFhirStorage({ baseUrl: fhir.baseUrl, getAccessToken: () => token, replica: createMemoryStorage(), pollIntervalMs: 0 });
    const seeder = createCaseManager({ storage: seedStorage, actor: { id: `Practitioner/${practitioner.id}`, name: 'Dana Whitfield, RN', role: 'case-manager' } });
    for (const [given, family, program, priority, status] of [
      ['Rosa', 'Hernández', 'social-work', 'high', 'intake'],
      ['James', 'Okafor', 'healthcare', 'medium', 'active'],
      ['Lin', 'Chen', 'behavioral-health', 'urgent', 'referred'],
    ]) {
      const { client } = await seeder.clients.create({ name: { given: [given], family } });
      await seeder.cases.create({ clientId: client.id, program, priority, status });
    }
    await seedStorage.close();
    const patients = await createFhirClient({ baseUrl: fhir.baseUrl, getAccessToken: () => token }).search('Patient', { family: 'Hernández' });
    patientId = patients.resources[0]?.id;
    assert.ok(patientId, 'the seeded client is a Patient on the FHIR server');

    auth = await startSmartAuthServer({
      fhir,
      clients: [{ clientId: CLIENT_ID, redirectUris: [new URL('index.html', base).href] }],
      user: { fhirUser: `Practitioner/${practitioner.id}`, name: 'Dana Whitfield' },
      standalonePatient: patientId,
    });
  });
  after(async () => {
    await demo?.close();
    await auth?.close();
    await fhir?.close();
  });

  /** A browser context whose config.js points at the mock servers, as a deployment's would point at its EHR. */
  async function newContext(options = {}) {
    const context = await demo.browser.newContext(options);
    await watchCsp(context);
    const config = `export default {
      clientId: ${JSON.stringify(CLIENT_ID)},
      scopes: ['launch/patient', 'openid', 'fhirUser', 'patient/*.cruds', 'user/*.cruds', 'offline_access'],
      standaloneIss: ${JSON.stringify(auth.fhirBaseUrl)},
      allowedIssuers: [${JSON.stringify(auth.fhirBaseUrl)}],
      roleFor: (fhirUser) => (/^Practitioner(Role)?\\//.test(fhirUser) ? 'case-manager' : undefined),
    };`;
    await context.route(/\/smart-launch\/config\.js$/, (route) => route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: config }));
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && page.errors.push(message.text()));
    return { context, page };
  }

  async function expectSignedIn(page) {
    await page.waitForSelector('body[data-ready="true"], body[data-error]', { timeout: 60_000 });
    assert.equal(await page.locator('body').getAttribute('data-error'), null, await page.locator('#status').textContent());
    assert.equal(await page.locator('#user').textContent(), 'Dana Whitfield, RN (case-manager)');
    assert.equal(await page.locator('#patient').textContent(), 'Rosa Hernández');
    await page.locator('ck-caseload-board [part~="card"]').first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('ck-caseload-board [part~="card"]').count(), 3);
    // The code and state are gone from the address bar; tokens live in this tab's sessionStorage only.
    const url = new URL(page.url());
    assert.equal(url.pathname, '/smart-launch/index.html');
    assert.equal(url.searchParams.get('code'), null);
    const stored = await page.evaluate(() => ({ local: Object.keys(localStorage).map((k) => localStorage.getItem(k)).join(' '), session: Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)).join(' ') }));
    assert.match(stored.session, /access_token/);
    assert.doesNotMatch(stored.local, /token/);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(page.errors, []);
  }

  it('EHR launch: launch.html?iss&launch → sign-in → the caseload as the practitioner, patient in context', async () => {
    const { context, page } = await newContext();
    const before = auth.requests.length;
    await page.goto(auth.ehrLaunchUrl(new URL('launch.html', base).href, { fhirUser: `Practitioner/${practitioner.id}`, name: 'Dana Whitfield', patient: patientId, encounter: 'enc-1' }));
    await expectSignedIn(page);
    if (process.env.SMART_LAUNCH_SCREENSHOT) await page.screenshot({ path: process.env.SMART_LAUNCH_SCREENSHOT, fullPage: true });
    const seen = auth.requests.slice(before);
    const authorize = new URL(seen.find((r) => r.path.startsWith('/auth/authorize')).path, auth.origin);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('launch'));
    assert.ok(authorize.searchParams.get('scope').split(' ').includes('launch'));
    // Every FHIR call after sign-in carried a bearer token.
    const fhirCalls = seen.filter((r) => r.path.startsWith('/fhir/') && r.method !== 'OPTIONS' && !r.path.includes('.well-known') && r.path !== '/fhir/metadata');
    assert.ok(fhirCalls.length > 0);
    assert.ok(fhirCalls.every((r) => /^Bearer /.test(r.headers.authorization ?? '')));
    // A reload keeps the session (sessionStorage) without signing in again.
    const tokenCalls = auth.requests.filter((r) => r.path === '/auth/token').length;
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    assert.equal(auth.requests.filter((r) => r.path === '/auth/token').length, tokenCalls);
    await page.locator('ck-caseload-board [part~="card"]').first().waitFor({ timeout: 30_000 });

    // The EHR stops accepting the access token: the next FHIR call gets a 401, the page refreshes the
    // token from the browser (CORS, refresh_token grant with client_id) and carries on.
    auth.expireAccessTokens();
    const beforeRefresh = auth.requests.length;
    await page.reload();
    await page.waitForSelector('body[data-ready="true"], body[data-error]', { timeout: 60_000 });
    assert.equal(await page.locator('body').getAttribute('data-error'), null, await page.locator('#status').textContent());
    await page.locator('ck-caseload-board [part~="card"]').first().waitFor({ timeout: 30_000 });
    const refresh = auth.requests.slice(beforeRefresh).find((r) => r.path === '/auth/token' && r.method === 'POST');
    assert.ok(refresh, 'a token request after the 401');
    assert.equal(new URLSearchParams(refresh.body).get('grant_type'), 'refresh_token');
    assert.equal(new URLSearchParams(refresh.body).get('client_id'), CLIENT_ID);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    await context.close();
  });

  it('standalone launch: launch.html opened directly signs in to the configured server and picks the patient', async () => {
    const { context, page } = await newContext();
    const before = auth.requests.length;
    await page.goto(new URL('launch.html', base).href);
    await expectSignedIn(page);
    const authorize = new URL(auth.requests.slice(before).find((r) => r.path.startsWith('/auth/authorize')).path, auth.origin);
    assert.equal(authorize.searchParams.get('launch'), null);
    assert.ok(!authorize.searchParams.get('scope').split(' ').includes('launch'));
    await context.close();
  });

  it('denied consent: the page says so and holds no token', async () => {
    auth.setConsent(() => 'deny');
    try {
      const { context, page } = await newContext();
      await page.goto(new URL('launch.html', base).href);
      await page.waitForSelector('body[data-error]', { timeout: 60_000 });
      assert.equal(await page.locator('body').getAttribute('data-error'), 'access-denied');
      assert.match(await page.locator('#status').textContent(), /access_denied/);
      assert.doesNotMatch(await page.evaluate(() => Object.values(sessionStorage).join(' ')), /access_token"\s*:\s*"/);
      assert.deepEqual(await page.evaluate(() => window.__csp), []);
      await context.close();
    } finally {
      auth.setConsent(() => 'approve');
    }
  });

  it('the signed-in page has no axe violations (axe is injected inline, so this context bypasses the CSP)', async () => {
    const { context, page } = await newContext({ bypassCSP: true });
    await page.goto(new URL('launch.html', base).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await page.locator('ck-caseload-board [part~="card"]').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  it('index.html opened without a launch asks to launch again', async () => {
    const { context, page } = await newContext();
    await page.goto(new URL('index.html', base).href);
    await page.waitForSelector('body[data-error]', { timeout: 60_000 });
    assert.equal(await page.locator('body').getAttribute('data-error'), 'not-launched');
    await context.close();
  });
});
