// A mock SMART App Launch authorization server for tests (node:http, 127.0.0.1), in front of the test
// FHIR server. Plain JavaScript with a .d.ts beside it so the package's browser tsconfig (which
// compiles all of src/ without Node's types) leaves it alone; the e2e test uses it as is.
//
// It plays the EHR's part of SMART App Launch 2.x:
// - `GET {fhir}/.well-known/smart-configuration` (discovery is served on the FHIR base URL);
// - `GET /auth/authorize`: checks client_id and the exact redirect_uri (refusing *without* redirecting
//   when either is wrong, RFC 6749 §4.1.2.1), response_type, state, aud, PKCE S256, the scopes and the
//   launch id; then consents (or not) and redirects back with code + state (or error + state);
// - `POST /auth/token`: authorization_code (single-use code, redirect_uri, client_id, code_verifier)
//   and refresh_token grants; access tokens are registered with the FHIR server (`issueToken`), with
//   `expires_in`, an RS256 id_token carrying `fhirUser`, the patient/encounter context and the scope;
// - everything else under `{fhir}/` is passed to the FHIR server, with CORS, and an access token
//   past its expiry is expired there first (`expireToken`), so an expired token really is refused.
import { createServer } from 'node:http';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

const RESOURCE_SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(c?r?u?d?s?|read|write|\*)(\?\S*)?$/;
const CONTEXT_SCOPES = new Set(['launch', 'launch/patient', 'launch/encounter', 'openid', 'fhirUser', 'profile', 'offline_access', 'online_access']);
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, accept, if-match, if-none-exist, prefer',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
  'access-control-expose-headers': 'etag, location, last-modified, content-location, www-authenticate',
  'access-control-max-age': '600',
};

const id = (bytes = 24) => randomBytes(bytes).toString('base64url');
const isKnownScope = (scope) => CONTEXT_SCOPES.has(scope) || (RESOURCE_SCOPE.exec(scope)?.[3] ?? '') !== '';

export async function startSmartAuthServer(options) {
  const { fhir } = options;
  const now = options.now ?? Date.now;
  const clients = new Map((options.clients ?? []).map((client) => [client.clientId, client]));
  const accessLifetime = options.accessTokenLifetime ?? 3600;
  const refreshLifetime = options.refreshTokenLifetime ?? 24 * 3600;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = id(8);
  const launches = new Map();
  const codes = new Map();
  const accessTokens = new Map();
  const refreshTokens = new Map();
  const requests = [];
  let consent = options.consent ?? (() => 'approve');
  let origin = '';
  const fhirTarget = new URL(fhir.baseUrl);
  const fhirPath = fhirTarget.pathname.replace(/\/+$/, '');

  const state = {
    get fhirBaseUrl() {
      return `${origin}${fhirPath}`;
    },
  };

  function idToken(clientId, grant) {
    const header = { alg: 'RS256', typ: 'JWT', kid };
    const iat = Math.floor(now() / 1000);
    const claims = { iss: `${origin}/auth`, sub: grant.fhirUser, aud: clientId, iat, exp: iat + accessLifetime, fhirUser: `${state.fhirBaseUrl}/${grant.fhirUser}`, ...(grant.name ? { name: grant.name } : {}) };
    const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  }

  function issueAccess(grant) {
    const token = fhir.issueToken();
    accessTokens.set(token, { expiresAt: now() + accessLifetime * 1000, grant });
    return token;
  }

  function tokenResponse(clientId, grant, { withIdToken, refreshToken }) {
    const scopes = grant.scope.split(' ');
    return {
      access_token: issueAccess(grant),
      token_type: 'Bearer',
      expires_in: accessLifetime,
      scope: grant.scope,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      ...(withIdToken && scopes.includes('openid') && (scopes.includes('fhirUser') || scopes.includes('profile')) ? { id_token: idToken(clientId, grant) } : {}),
      ...(grant.patient ? { patient: grant.patient, need_patient_banner: !grant.launch } : {}),
      ...(grant.encounter ? { encounter: grant.encounter } : {}),
    };
  }

  function authorize(url, res) {
    const q = url.searchParams;
    const client = clients.get(q.get('client_id') ?? '');
    if (!client) return text(res, 400, 'Unknown client_id');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!client.redirectUris.includes(redirectUri)) return text(res, 400, 'redirect_uri is not registered for this client');
    const back = (params) => {
      const target = new URL(redirectUri);
      for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null) target.searchParams.set(name, value);
      res.writeHead(302, { location: target.href, 'cache-control': 'no-store' }).end();
    };
    const stateParam = q.get('state');
    const fail = (error, description) => back({ error, error_description: description, state: stateParam });
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
    if (!stateParam) return fail('invalid_request', 'state is required');
    if ((q.get('aud') ?? '').replace(/\/+$/, '') !== state.fhirBaseUrl) return fail('invalid_request', 'aud is not this FHIR server');
    if (q.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'PKCE with code_challenge_method=S256 is required');
    const challenge = q.get('code_challenge') ?? '';
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return fail('invalid_request', 'code_challenge must be a base64url SHA-256 (43 characters)');
    const requested = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const unknown = requested.filter((s) => !isKnownScope(s));
    if (!requested.length || unknown.length) return fail('invalid_scope', `Unknown scope: ${unknown.join(' ') || '(none)'}`);
    const launchId = q.get('launch');
    let context;
    if (launchId) {
      context = launches.get(launchId);
      if (!context) return fail('invalid_request', 'Unknown or used launch');
      if (!requested.includes('launch')) return fail('invalid_scope', 'An EHR launch must ask for the launch scope');
      launches.delete(launchId);
    } else if (requested.includes('launch')) {
      return fail('invalid_scope', 'The launch scope needs a launch parameter');
    } else {
      context = { fhirUser: options.user.fhirUser, name: options.user.name, patient: requested.includes('launch/patient') ? options.standalonePatient : undefined };
    }
    const allowed = client.scopes ? requested.filter((s) => client.scopes.includes(s)) : requested;
    if (consent({ clientId: client.clientId, scopes: allowed, context }) !== 'approve') return fail('access_denied', 'The user did not allow access');
    const code = id();
    codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      challenge,
      expiresAt: now() + 60_000,
      used: false,
      issued: [],
      grant: { scope: allowed.join(' '), fhirUser: context.fhirUser, name: context.name, patient: context.patient, encounter: requested.includes('launch/encounter') || launchId ? context.encounter : undefined, launch: launchId ?? undefined },
    });
    back({ code, state: stateParam });
  }

  function token(form, res) {
    const deny = (error, description, status = 400) => json(res, status, { error, error_description: description });
    const clientId = form.get('client_id') ?? '';
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const entry = codes.get(form.get('code') ?? '');
      if (!entry) return deny('invalid_grant', 'Unknown code');
      if (entry.used) {
        // A code used twice may have been stolen: revoke what it gave (RFC 6749 §4.1.2).
        for (const issued of entry.issued) revoke(issued);
        return deny('invalid_grant', 'Code already used');
      }
      entry.used = true;
      if (entry.expiresAt <= now()) return deny('invalid_grant', 'Code expired');
      if (entry.clientId !== clientId) return deny('invalid_client', 'client_id does not match the code', 401);
      if (entry.redirectUri !== form.get('redirect_uri')) return deny('invalid_grant', 'redirect_uri does not match the authorization request');
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== entry.challenge) return deny('invalid_grant', 'PKCE code_verifier does not match the code_challenge');
      const scopes = entry.grant.scope.split(' ');
      const refreshToken = scopes.includes('offline_access') || scopes.includes('online_access') ? id() : undefined;
      if (refreshToken) refreshTokens.set(refreshToken, { clientId, grant: entry.grant, expiresAt: now() + refreshLifetime * 1000 });
      const body = tokenResponse(clientId, entry.grant, { withIdToken: true, refreshToken });
      entry.issued.push(body.access_token, refreshToken);
      return json(res, 200, body);
    }
    if (grantType === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      const entry = refreshTokens.get(refreshToken);
      if (!entry) return deny('invalid_grant', 'Unknown or revoked refresh token');
      if (entry.expiresAt <= now()) return deny('invalid_grant', 'Refresh token expired');
      if (entry.clientId !== clientId) return deny('invalid_client', 'client_id does not match the refresh token', 401);
      const body = tokenResponse(clientId, entry.grant, { withIdToken: false });
      // fhirclient keeps the refresh token it had when the answer carries none.
      return json(res, 200, body);
    }
    return deny('unsupported_grant_type', `grant_type ${grantType} is not supported`);
  }

  function revoke(tokenValue) {
    if (!tokenValue) return;
    if (accessTokens.delete(tokenValue)) fhir.expireToken(tokenValue);
    refreshTokens.delete(tokenValue);
  }

  async function proxy(req, res, url, body) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const entry = bearer ? accessTokens.get(bearer) : undefined;
    if (bearer && entry && entry.expiresAt <= now()) {
      fhir.expireToken(bearer);
      accessTokens.delete(bearer);
    }
    const target = `${fhirTarget.origin}${url.pathname}${url.search}`;
    const headers = {};
    for (const name of ['authorization', 'content-type', 'accept', 'if-match', 'if-none-exist', 'prefer']) if (req.headers[name]) headers[name] = req.headers[name];
    const answer = await fetch(target, { method: req.method, headers, ...(body.length ? { body } : {}) });
    const out = { ...CORS };
    for (const [name, value] of answer.headers) if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) out[name] = value;
    const payload = Buffer.from(await answer.arrayBuffer());
    // Links the FHIR server writes (paging `next`, `fullUrl`) name its own origin: rewrite them to ours.
    const rewritten = payload.length ? Buffer.from(payload.toString('utf8').replaceAll(fhirTarget.origin, origin)) : payload;
    for (const name of ['location', 'content-location']) if (out[name]) out[name] = out[name].replaceAll(fhirTarget.origin, origin);
    res.writeHead(answer.status, out).end(rewritten);
  }

  function configuration() {
    return {
      issuer: `${origin}/auth`,
      jwks_uri: `${origin}/auth/jwks`,
      authorization_endpoint: `${origin}/auth/authorize`,
      token_endpoint: `${origin}/auth/token`,
      token_endpoint_auth_methods_supported: ['none'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      response_types_supported: ['code'],
      code_challenge_methods_supported: options.codeChallengeMethods ?? ['S256'],
      scopes_supported: ['openid', 'fhirUser', 'launch', 'launch/patient', 'launch/encounter', 'offline_access', 'online_access', 'patient/*.cruds', 'user/*.cruds'],
      capabilities: [
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'context-ehr-patient',
        'context-ehr-encounter',
        'context-standalone-patient',
        'permission-v2',
        'permission-offline',
        'permission-patient',
        'permission-user',
        'sso-openid-connect',
      ],
    };
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) text(res, 500, String(error?.stack ?? error));
    });
  });

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', origin);
    const body = await readBody(req);
    requests.push({ method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers, body: body.toString('utf8') });
    if (req.method === 'OPTIONS') return res.writeHead(204, CORS).end();
    if (url.pathname === `${fhirPath}/.well-known/smart-configuration` && req.method === 'GET') return json(res, 200, configuration());
    if (url.pathname === '/auth/authorize' && req.method === 'GET') return authorize(url, res);
    if (url.pathname === '/auth/token' && req.method === 'POST') {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return json(res, 400, { error: 'invalid_request', error_description: 'Form-encoded body required' });
      return token(new URLSearchParams(body.toString('utf8')), res);
    }
    if (url.pathname === '/auth/jwks') return json(res, 200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
    if (url.pathname === fhirPath || url.pathname.startsWith(`${fhirPath}/`)) return proxy(req, res, url, body);
    text(res, 404, 'Not found');
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;

  return {
    origin,
    fhirBaseUrl: state.fhirBaseUrl,
    authorizeUrl: `${origin}/auth/authorize`,
    tokenUrl: `${origin}/auth/token`,
    requests,
    createLaunch(context) {
      const launch = id(12);
      launches.set(launch, context);
      return launch;
    },
    ehrLaunchUrl(launchUri, context) {
      const url = new URL(launchUri);
      url.searchParams.set('iss', state.fhirBaseUrl);
      url.searchParams.set('launch', this.createLaunch(context));
      return url.href;
    },
    setConsent(decide) {
      consent = decide;
    },
    revokeRefreshTokens() {
      refreshTokens.clear();
    },
    expireAccessTokens() {
      for (const [tokenValue] of accessTokens) fhir.expireToken(tokenValue);
      accessTokens.clear();
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache', ...CORS }).end(JSON.stringify(body));
}

function text(res, status, body) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...CORS }).end(body);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
