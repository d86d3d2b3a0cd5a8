// The mock authorization server refuses what a real one refuses, so the launch tests mean something.
import assert from 'node:assert/strict';
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startFhirServer } from '../../test/fhir-server.js';
import type { FhirTestServer } from '../../test/fhir-server.js';
import { startSmartAuthServer } from './smart-auth-server.js';
import type { SmartAuthServer } from './smart-auth-server.js';

const REDIRECT = 'https://app.example/index.html';

describe('mock SMART authorization server', () => {
  let fhir: FhirTestServer;
  let auth: SmartAuthServer;
  let clock = Date.now();

  before(async () => {
    fhir = await startFhirServer({ auth: true });
    auth = await startSmartAuthServer({ fhir, clients: [{ clientId: 'app', redirectUris: [REDIRECT] }], user: { fhirUser: 'Practitioner/p1', name: 'Ana' }, standalonePatient: 'pat-1', now: () => clock, accessTokenLifetime: 300, refreshTokenLifetime: 3600 });
  });
  after(async () => {
    await auth?.close();
    await fhir?.close();
  });

  const verifier = () => randomBytes(32).toString('base64url');
  const challengeOf = (v: string) => createHash('sha256').update(v).digest('base64url');
  function authorizeUrl(overrides: Record<string, string | undefined> = {}, codeVerifier = verifier()): string {
    const url = new URL(auth.authorizeUrl);
    const params = { response_type: 'code', client_id: 'app', redirect_uri: REDIRECT, scope: 'launch/patient openid fhirUser patient/*.rs offline_access', state: 's1', aud: auth.fhirBaseUrl, code_challenge: challengeOf(codeVerifier), code_challenge_method: 'S256', ...overrides };
    for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
    return url.href;
  }
  async function redirectOf(url: string): Promise<URL> {
    const answer = await fetch(url, { redirect: 'manual' });
    assert.equal(answer.status, 302);
    return new URL(answer.headers.get('location') ?? '');
  }
  const token = (form: Record<string, string>) => fetch(auth.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  async function codeFor(codeVerifier: string, overrides: Record<string, string | undefined> = {}): Promise<string> {
    const back = await redirectOf(authorizeUrl(overrides, codeVerifier));
    return back.searchParams.get('code') ?? assert.fail(`no code: ${back.href}`);
  }

  it('serves discovery on the FHIR base URL with PKCE S256 and the v2 capabilities', async () => {
    const config = await (await fetch(`${auth.fhirBaseUrl}/.well-known/smart-configuration`)).json();
    assert.deepEqual(config.code_challenge_methods_supported, ['S256']);
    assert.equal(config.authorization_endpoint, auth.authorizeUrl);
    assert.ok(config.capabilities.includes('permission-v2') && config.capabilities.includes('launch-ehr'));
  });

  it('never redirects to an unknown client or an unregistered redirect_uri', async () => {
    for (const overrides of [{ client_id: 'other' }, { redirect_uri: 'https://evil.example/cb' }, { redirect_uri: `${REDIRECT}?x=1` }]) {
      const answer = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
      assert.equal(answer.status, 400);
      assert.equal(answer.headers.get('location'), null);
    }
  });

  it('sends errors back with the state: no PKCE, plain PKCE, unknown scope, launch scope without launch, unknown launch', async () => {
    const cases: [Record<string, string | undefined>, string][] = [
      [{ code_challenge: undefined }, 'invalid_request'],
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ scope: 'patient/*.curds openid' }, 'invalid_scope'],
      [{ scope: 'launch openid' }, 'invalid_scope'],
      [{ scope: 'launch openid', launch: 'nope' }, 'invalid_request'],
      [{ aud: 'https://other.example/fhir' }, 'invalid_request'],
    ];
    for (const [overrides, error] of cases) {
      const back = await redirectOf(authorizeUrl(overrides));
      assert.equal(back.searchParams.get('error'), error, JSON.stringify(overrides));
      assert.equal(back.searchParams.get('state'), 's1');
      assert.equal(back.searchParams.get('code'), null);
    }
  });

  it('exchanges a code only with its verifier, redirect_uri and client, and only once', async () => {
    const v = verifier();
    const code = await codeFor(v);
    assert.equal((await (await token({ grant_type: 'authorization_code', code, client_id: 'app', redirect_uri: REDIRECT, code_verifier: verifier() })).json()).error, 'invalid_grant');
    // The failed attempt used the code up.
    assert.equal((await (await token({ grant_type: 'authorization_code', code, client_id: 'app', redirect_uri: REDIRECT, code_verifier: v })).json()).error, 'invalid_grant');
    const other = await codeFor(v);
    assert.equal((await (await token({ grant_type: 'authorization_code', code: other, client_id: 'app', redirect_uri: 'https://app.example/other', code_verifier: v })).json()).error, 'invalid_grant');
  });

  it('issues tokens the FHIR server accepts, a signed id_token with fhirUser, and the patient context', async () => {
    const v = verifier();
    const answer = await token({ grant_type: 'authorization_code', code: await codeFor(v), client_id: 'app', redirect_uri: REDIRECT, code_verifier: v });
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const body = await answer.json();
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 300);
    assert.equal(body.patient, 'pat-1');
    assert.ok(body.refresh_token);
    const [header, payload, signature] = String(body.id_token).split('.');
    const jwks = await (await fetch(`${auth.origin}/auth/jwks`)).json();
    const key = createPublicKey({ key: jwks.keys[0], format: 'jwk' });
    assert.ok(verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature ?? '', 'base64url')));
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    assert.equal(claims.fhirUser, `${auth.fhirBaseUrl}/Practitioner/p1`);
    assert.equal(claims.aud, 'app');
    const read = await fetch(`${auth.fhirBaseUrl}/Patient?_count=1`, { headers: { authorization: `Bearer ${body.access_token}` } });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('access-control-allow-origin'), '*');
    assert.equal((await fetch(`${auth.fhirBaseUrl}/Patient?_count=1`)).status, 401);
  });

  it('expires access tokens at the FHIR server after expires_in, and refresh tokens after their lifetime', async () => {
    const v = verifier();
    const body = await (await token({ grant_type: 'authorization_code', code: await codeFor(v), client_id: 'app', redirect_uri: REDIRECT, code_verifier: v })).json();
    clock += 301_000;
    assert.equal((await fetch(`${auth.fhirBaseUrl}/Patient`, { headers: { authorization: `Bearer ${body.access_token}` } })).status, 401);
    assert.equal((await (await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: 'other' })).json()).error, 'invalid_client');
    const refreshed = await (await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: 'app' })).json();
    assert.equal((await fetch(`${auth.fhirBaseUrl}/Patient`, { headers: { authorization: `Bearer ${refreshed.access_token}` } })).status, 200);
    clock += 3600_000;
    assert.equal((await (await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: 'app' })).json()).error, 'invalid_grant');
  });

  it('a reused code revokes the tokens it gave', async () => {
    const v = verifier();
    const code = await codeFor(v);
    const form = { grant_type: 'authorization_code', code, client_id: 'app', redirect_uri: REDIRECT, code_verifier: v };
    const body = await (await token(form)).json();
    assert.equal((await (await token(form)).json()).error, 'invalid_grant');
    assert.equal((await fetch(`${auth.fhirBaseUrl}/Patient`, { headers: { authorization: `Bearer ${body.access_token}` } })).status, 401);
  });

  it('denied consent redirects with access_denied', async () => {
    auth.setConsent(() => 'deny');
    try {
      const back = await redirectOf(authorizeUrl());
      assert.equal(back.searchParams.get('error'), 'access_denied');
    } finally {
      auth.setConsent(() => 'approve');
    }
  });
});
