// SMART launches end to end in Node: fhirclient's real protocol code (in a browser-less environment),
// the mock authorization server, and the test FHIR server enforcing bearer tokens.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCaseManager, createMemoryStorage } from '@casekit/core';
import type { Patient, Practitioner } from '@medplum/fhirtypes';
import { createFhirStorage } from '../storage/fhir-storage.js';
import { startFhirServer } from '../test/fhir-server.js';
import type { FhirTestServer } from '../test/fhir-server.js';
import { completeSmartLaunch, launchSmart } from './launch.js';
import type { SmartLaunchOptions } from './launch.js';
import { SmartLaunchError } from './errors.js';
import type { RoleFor } from './actor.js';
import { MemoryEnvironment } from './test/memory-environment.js';
import { startSmartAuthServer } from './test/smart-auth-server.js';
import type { SmartAuthServer } from './test/smart-auth-server.js';

const APP = 'https://casekit.example.org/smart-launch/';
const REDIRECT = `${APP}index.html`;
const CLIENT_ID = 'casekit-test';
const roleFor: RoleFor = (fhirUser) => (fhirUser.startsWith('Practitioner/') ? 'case-manager' : undefined);

describe('SMART launch (fhirclient + mock authorization server + FHIR server)', () => {
  let fhir: FhirTestServer;
  let auth: SmartAuthServer;
  let practitionerId: string;
  let patientId: string;

  before(async () => {
    fhir = await startFhirServer({ auth: true });
    const practitioner = await fhir.repo.createResource<Practitioner>({ resourceType: 'Practitioner', name: [{ prefix: ['Dr.'], given: ['Dana'], family: 'Whitfield', suffix: ['RN'] }] });
    const patient = await fhir.repo.createResource<Patient>({ resourceType: 'Patient', name: [{ given: ['Rosa'], family: 'Hernández' }] });
    practitionerId = practitioner.id ?? '';
    patientId = patient.id ?? '';
    auth = await startSmartAuthServer({
      fhir,
      clients: [{ clientId: CLIENT_ID, redirectUris: [REDIRECT] }],
      user: { fhirUser: `Practitioner/${practitionerId}`, name: 'Dana W. (id token)' },
      standalonePatient: patientId,
    });
  });
  after(async () => {
    await auth?.close();
    await fhir?.close();
  });

  const launchOptions = (extra: Partial<SmartLaunchOptions> = {}): SmartLaunchOptions => ({ clientId: CLIENT_ID, redirectUri: REDIRECT, allowedIssuers: [auth.fhirBaseUrl], ...extra });

  /** What the browser does between launch and redirect URI: follow the authorize redirect, land on index.html. */
  async function authorizeAndReturn(env: MemoryEnvironment): Promise<MemoryEnvironment> {
    const authorizeUrl = env.redirects.at(-1);
    assert.ok(authorizeUrl, 'launchSmart asked for a redirect');
    const answer = await fetch(authorizeUrl, { redirect: 'manual' });
    assert.equal(answer.status, 302, await answer.clone().text());
    const location = answer.headers.get('location') ?? '';
    assert.ok(location.startsWith(REDIRECT), location);
    return env.navigate(location);
  }

  async function ehrLaunch(context: { encounter?: string } = {}): Promise<MemoryEnvironment> {
    const env = new MemoryEnvironment(auth.ehrLaunchUrl(`${APP}launch.html`, { fhirUser: `Practitioner/${practitionerId}`, name: 'Dana W. (id token)', patient: patientId, ...context }));
    await launchSmart(launchOptions({ environment: env }));
    return env;
  }

  it('EHR launch: PKCE S256, v2 scopes with launch, then a session whose token the FHIR server accepts', async () => {
    const env = await ehrLaunch({ encounter: 'enc-7' });
    const authorize = new URL(env.redirects[0] ?? '');
    assert.equal(authorize.origin + authorize.pathname, auth.authorizeUrl);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(authorize.searchParams.get('aud'), auth.fhirBaseUrl);
    assert.equal(authorize.searchParams.get('redirect_uri'), REDIRECT);
    assert.ok(authorize.searchParams.get('launch'));
    assert.deepEqual(authorize.searchParams.get('scope')?.split(' '), ['launch', 'launch/patient', 'openid', 'fhirUser', 'patient/*.cruds', 'user/*.cruds', 'offline_access']);
    assert.ok(authorize.searchParams.get('state'));

    const session = await completeSmartLaunch({ roleFor, environment: await authorizeAndReturn(env) });
    assert.equal(session.baseUrl, auth.fhirBaseUrl);
    assert.deepEqual(session.actor, { id: `Practitioner/${practitionerId}`, name: 'Dr. Dana Whitfield, RN', role: 'case-manager' });
    assert.equal(session.patientId, patientId);
    assert.equal(session.encounterId, 'enc-7');
    assert.ok(session.scopes.includes('patient/*.cruds'));
    // The code went back with its verifier, as a public client (client_id, no secret).
    const exchange = auth.requests.findLast((r) => r.path === '/auth/token');
    const form = new URLSearchParams(exchange?.body);
    assert.equal(form.get('grant_type'), 'authorization_code');
    assert.equal(form.get('client_id'), CLIENT_ID);
    assert.match(form.get('code_verifier') ?? '', /^[A-Za-z0-9_-]{43,128}$/);
    assert.equal(exchange?.headers.authorization, undefined);
    // The token works on the FHIR server (bearer enforced) through the casekit client.
    const patient = await session.client.read<Patient>('Patient', patientId);
    assert.equal(patient?.name?.[0]?.family, 'Hernández');
  });

  it('the session plugs into createFhirStorage and createCaseManager: records land on the FHIR server as the actor', async () => {
    const session = await completeSmartLaunch({ roleFor, environment: await authorizeAndReturn(await ehrLaunch()) });
    const storage = await createFhirStorage({ baseUrl: session.baseUrl, getAccessToken: session.getAccessToken, replica: createMemoryStorage(), pollIntervalMs: 0 });
    try {
      const manager = createCaseManager({ storage, actor: session.actor });
      const { client } = await manager.clients.create({ name: { given: ['Lin'], family: 'Chen' } });
      const created = await manager.cases.create({ clientId: client.id, program: 'social-work' });
      assert.equal(created.assigneeId, `Practitioner/${practitionerId}`);
      const onServer = await session.client.search<Patient>('Patient', { family: 'Chen' });
      assert.equal(onServer.resources.length, 1);
      assert.ok(fhir.requests.filter((r) => r.method === 'POST').every((r) => String(r.headers.authorization).startsWith('Bearer ')));
    } finally {
      await storage.close();
    }
  });

  it('standalone launch: iss from the app, no launch scope, the patient from the picker', async () => {
    const env = new MemoryEnvironment(`${APP}launch.html`);
    await launchSmart(launchOptions({ environment: env, iss: auth.fhirBaseUrl }));
    const authorize = new URL(env.redirects[0] ?? '');
    assert.equal(authorize.searchParams.get('launch'), null);
    assert.ok(!authorize.searchParams.get('scope')?.split(' ').includes('launch'));
    const session = await completeSmartLaunch({ roleFor, environment: await authorizeAndReturn(env) });
    assert.equal(session.patientId, patientId);
    assert.equal(session.encounterId, undefined);
    assert.equal(session.actor.name, 'Dr. Dana Whitfield, RN');
  });

  it('a reload of the redirect page resumes the session from session storage, with no new token request', async () => {
    const back = await authorizeAndReturn(await ehrLaunch());
    const first = await completeSmartLaunch({ roleFor, environment: back });
    const tokenRequests = auth.requests.filter((r) => r.path === '/auth/token').length;
    const reloaded = await completeSmartLaunch({ roleFor, environment: back.navigate(REDIRECT) });
    assert.equal(auth.requests.filter((r) => r.path === '/auth/token').length, tokenRequests);
    assert.equal(await reloaded.getAccessToken({ refresh: false }), await first.getAccessToken({ refresh: false }));
  });

  it('refreshes before expiry (injected clock) and the new token is accepted', async () => {
    let offsetMs = 0;
    const session = await completeSmartLaunch({ roleFor, now: () => Date.now() + offsetMs, environment: await authorizeAndReturn(await ehrLaunch()) });
    const first = await session.getAccessToken({ refresh: false });
    offsetMs = (3600 - 120) * 1000; // two minutes before expiry: not yet in the 60 s window
    assert.equal(await session.getAccessToken({ refresh: false }), first);
    offsetMs = (3600 - 30) * 1000; // 30 s before expiry: refresh first
    const second = await session.getAccessToken({ refresh: false });
    assert.notEqual(second, first);
    const refresh = new URLSearchParams(auth.requests.findLast((r) => r.path === '/auth/token')?.body);
    assert.equal(refresh.get('grant_type'), 'refresh_token');
    assert.equal(refresh.get('client_id'), CLIENT_ID);
    offsetMs = 0;
    assert.ok(await session.client.read('Patient', patientId));
  });

  it('a token the server stopped accepting is refreshed once after the 401', async () => {
    const session = await completeSmartLaunch({ roleFor, environment: await authorizeAndReturn(await ehrLaunch()) });
    const first = await session.getAccessToken({ refresh: false });
    auth.expireAccessTokens();
    assert.ok(await session.client.read('Patient', patientId));
    assert.notEqual(await session.getAccessToken({ refresh: false }), first);
  });

  it('an expired refresh token: SmartLaunchError refresh-failed, and no FHIR request goes out with the expired token', async () => {
    let offsetMs = 0;
    const session = await completeSmartLaunch({ roleFor, now: () => Date.now() + offsetMs, environment: await authorizeAndReturn(await ehrLaunch()) });
    auth.revokeRefreshTokens();
    offsetMs = 3601 * 1000;
    const before = fhir.requests.length;
    await assert.rejects(session.client.read('Patient', patientId), (error: unknown) => error instanceof SmartLaunchError && error.code === 'refresh-failed');
    assert.equal(fhir.requests.length, before);
  });

  it('denied consent: access-denied', async () => {
    auth.setConsent(() => 'deny');
    try {
      const back = await authorizeAndReturn(await ehrLaunch());
      assert.equal(back.getUrl().searchParams.get('error'), 'access_denied');
      await assert.rejects(completeSmartLaunch({ roleFor, environment: back }), (error: unknown) => error instanceof SmartLaunchError && error.code === 'access-denied');
    } finally {
      auth.setConsent(() => 'approve');
    }
  });

  it('state mismatch: a forged state, a code without state, or another tab', async () => {
    const back = await authorizeAndReturn(await ehrLaunch());
    const forged = new URL(back.getUrl().href);
    forged.searchParams.set('state', 'forged-state');
    const isStateMismatch = (error: unknown) => error instanceof SmartLaunchError && error.code === 'state-mismatch';
    await assert.rejects(completeSmartLaunch({ roleFor, environment: back.navigate(forged.href) }), isStateMismatch);
    const noState = new URL(back.getUrl().href);
    noState.searchParams.delete('state');
    await assert.rejects(completeSmartLaunch({ roleFor, environment: back.navigate(noState.href) }), isStateMismatch);
    await assert.rejects(completeSmartLaunch({ roleFor, environment: new MemoryEnvironment(back.getUrl().href) }), isStateMismatch);
  });

  it('a page opened without a launch: not-launched', async () => {
    await assert.rejects(completeSmartLaunch({ roleFor, environment: new MemoryEnvironment(REDIRECT) }), (error: unknown) => error instanceof SmartLaunchError && error.code === 'not-launched');
    await assert.rejects(launchSmart(launchOptions({ environment: new MemoryEnvironment(`${APP}launch.html`) })), (error: unknown) => error instanceof SmartLaunchError && error.code === 'not-launched');
  });

  it('refuses an iss the app is not registered with, before any redirect', async () => {
    const env = new MemoryEnvironment(`${APP}launch.html?iss=${encodeURIComponent('https://phish.example/fhir')}&launch=abc`);
    await assert.rejects(launchSmart(launchOptions({ environment: env })), (error: unknown) => error instanceof SmartLaunchError && error.code === 'not-launched');
    assert.deepEqual(env.redirects, []);
  });

  it('a user roleFor refuses: no-role (roleFor sees fhirUser and the token response)', async () => {
    const seen: unknown[] = [];
    const refuse: RoleFor = (fhirUser, tokenResponse) => {
      seen.push(fhirUser, tokenResponse.patient);
      return undefined;
    };
    await assert.rejects(completeSmartLaunch({ roleFor: refuse, environment: await authorizeAndReturn(await ehrLaunch()) }), (error: unknown) => error instanceof SmartLaunchError && error.code === 'no-role');
    assert.deepEqual(seen, [`Practitioner/${practitionerId}`, patientId]);
  });

  it('without reading the user, the name comes from the id token', async () => {
    const session = await completeSmartLaunch({ roleFor, readUser: false, environment: await authorizeAndReturn(await ehrLaunch()) });
    assert.equal(session.actor.name, 'Dana W. (id token)');
  });

  it('refuses a server that does not offer PKCE S256 (discovery-failed), before any redirect', async () => {
    const plain = await startSmartAuthServer({ fhir, clients: [{ clientId: CLIENT_ID, redirectUris: [REDIRECT] }], user: { fhirUser: 'Practitioner/x' }, codeChallengeMethods: [] });
    try {
      const env = new MemoryEnvironment(`${APP}launch.html`);
      await assert.rejects(launchSmart({ clientId: CLIENT_ID, redirectUri: REDIRECT, iss: plain.fhirBaseUrl, environment: env }), (error: unknown) => error instanceof SmartLaunchError && error.code === 'discovery-failed' && /S256/.test(error.message));
      assert.deepEqual(env.redirects, []);
    } finally {
      await plain.close();
    }
  });
});
