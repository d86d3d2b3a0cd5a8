import type { Actor } from '@casekit/core';
import { createFhirClient } from '../client/fhir-client.js';
import type { FhirClient, FhirClientOptions } from '../client/fhir-client.js';
import type { FhirResource } from '../client/fhir-types.js';
import { createAccessTokenProvider } from './access-token.js';
import type { SmartAccessTokenProvider } from './access-token.js';
import { actorFor, userReference } from './actor.js';
import type { RoleFor, SmartTokenResponse } from './actor.js';
import { SmartLaunchError } from './errors.js';
import { browserEnvironment } from './fhirclient-adapter.js';
import type { SmartEnvironment } from './fhirclient-adapter.js';
import { DEFAULT_SCOPES, parseScopes, requestScope } from './scopes.js';

/** fhirclient's session object (`FHIR.oauth2.ready()`'s Client), for hosts that want its helpers. */
export type SmartClient = Awaited<ReturnType<ReturnType<SmartEnvironment['getSmartApi']>['ready']>>;

export interface SmartLaunchOptions {
  /** The client id the EHR registered for casekit (a public client: no secret). */
  clientId: string;
  /** The registered redirect URI: the page that calls `completeSmartLaunch`. Absolute, or relative to this page. */
  redirectUri: string;
  /** Scopes to ask for (default {@link DEFAULT_SCOPES}); `launch` is added for an EHR launch. */
  scopes?: readonly string[];
  /**
   * Standalone launch: the FHIR base URL to sign in to. An EHR launch takes `iss` (and `launch`)
   * from this page's URL instead, as the EHR opened it.
   */
  iss?: string;
  /**
   * FHIR servers this app may launch against. `iss` in the URL is chosen by whoever wrote the link;
   * without this list a crafted link could send the user to another server's sign-in page.
   */
  allowedIssuers?: readonly (string | RegExp)[];
  /** Where state is kept and how the browser is redirected (default: fhirclient's BrowserAdapter). */
  environment?: SmartEnvironment;
}

/**
 * Starts a SMART App Launch: reads the server's `.well-known/smart-configuration`, makes a PKCE S256
 * challenge (refusing a server that does not offer S256) and sends the browser to the authorization
 * endpoint. EHR launch: call it on the launch URL, which the EHR opens with `?iss=…&launch=…`.
 * Standalone launch: pass `iss`. Resolves when the redirect has been asked for.
 */
export async function launchSmart(options: SmartLaunchOptions): Promise<void> {
  const environment = options.environment ?? browserEnvironment();
  const url = environment.getUrl();
  const iss = url.searchParams.get('iss') ?? options.iss;
  const launch = url.searchParams.get('launch') ?? undefined;
  if (!iss) throw new SmartLaunchError('not-launched', 'No FHIR server to launch against: open this page from the EHR (with ?iss=…&launch=…) or pass options.iss');
  if (options.allowedIssuers && !options.allowedIssuers.some((allowed) => (typeof allowed === 'string' ? sameBase(allowed, iss) : allowed.test(iss)))) {
    throw new SmartLaunchError('not-launched', `This app is not registered to launch against ${iss}`);
  }
  const scope = requestScope(options.scopes ?? DEFAULT_SCOPES, { ehrLaunch: Boolean(launch) });
  try {
    await environment.getSmartApi().authorize({
      clientId: options.clientId,
      redirectUri: options.redirectUri,
      scope,
      iss,
      ...(launch ? { launch } : {}),
      pkceMode: 'required',
      // Launched inside an EHR's iframe, finish in that frame (not in the opener or parent).
      completeInTarget: true,
    });
  } catch (error) {
    throw new SmartLaunchError('discovery-failed', `Could not start the SMART launch against ${iss}: ${messageOf(error)}`, { cause: error });
  }
}

export interface CompleteSmartLaunchOptions {
  /** Maps the signed-in user to a casekit role; undefined refuses them. */
  roleFor: RoleFor;
  /** Refresh this long before the access token expires (default 60 s). */
  refreshBeforeMs?: number;
  /** Epoch milliseconds, for refresh timing (tests pass a fake clock). */
  now?: () => number;
  /** Read the user's Practitioner / PractitionerRole for a display name (default true; falls back to the id token's `name`). */
  readUser?: boolean;
  /** Require a patient in context (default: when `launch/patient` was asked for). */
  requirePatient?: boolean;
  /** Options for the FHIR client made for the session (fetch, retry, timeout). */
  client?: Omit<FhirClientOptions, 'baseUrl' | 'getAccessToken'>;
  environment?: SmartEnvironment;
}

/** A completed launch: everything casekit needs to work on the EHR's FHIR server as the signed-in user. */
export interface SmartSession {
  /** The FHIR server (`iss`). */
  baseUrl: string;
  /** Plugs into createFhirClient / createFhirStorage; refreshes before expiry and after a 401. */
  getAccessToken: SmartAccessTokenProvider;
  /** The signed-in user as a casekit actor: `id` is the `fhirUser` reference. */
  actor: Actor;
  /** `fhirUser`, relative (`Practitioner/123`). */
  fhirUser: string;
  /** The patient in context (`launch/patient`), when the server gave one. */
  patientId?: string;
  /** The encounter in context, when the server gave one. */
  encounterId?: string;
  /** The scopes granted (the token response's `scope`; the request's when it sent none). */
  scopes: string[];
  /** A casekit FHIR client on `baseUrl` with `getAccessToken`. */
  client: FhirClient;
  /** fhirclient's Client for this session (state in sessionStorage). */
  smart: SmartClient;
}

/**
 * Completes a launch on the redirect URI: checks the `state` against the one this tab stored, turns the
 * code (with the PKCE verifier) into tokens, and builds the session. On a reload with no `code` it
 * resumes the session kept in sessionStorage. Throws SmartLaunchError with `access-denied`,
 * `authorization-failed`, `state-mismatch`, `not-launched`, `token-failed`, `missing-context` or `no-role`.
 */
export async function completeSmartLaunch(options: CompleteSmartLaunchOptions): Promise<SmartSession> {
  const environment = options.environment ?? browserEnvironment();
  const params = environment.getUrl().searchParams;
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    const message = `The authorization server refused: ${error}${description ? ` (${description})` : ''}`;
    throw new SmartLaunchError(error === 'access_denied' ? 'access-denied' : 'authorization-failed', message);
  }
  const code = params.get('code');
  const state = params.get('state');
  // fhirclient would fall back to the tab's last state for a code with none: a code must come with its state.
  if (code && !state) throw new SmartLaunchError('state-mismatch', 'The redirect carries a code but no state: launch the app again');
  if (state && !(await environment.getStorage().get(state))) {
    throw new SmartLaunchError('state-mismatch', 'The redirect\'s state matches no launch begun in this tab: launch the app again');
  }

  let smart: SmartClient;
  try {
    smart = await environment.getSmartApi().ready();
  } catch (cause) {
    const notLaunched = /no state|no 'state'/i.test(messageOf(cause));
    throw new SmartLaunchError(notLaunched ? 'not-launched' : 'token-failed', notLaunched ? 'No SMART launch to complete in this tab: launch the app again' : `The token request failed: ${messageOf(cause)}`, { cause });
  }

  const tokenResponse = (smart.state.tokenResponse ?? {}) as SmartTokenResponse;
  if (!tokenResponse.access_token) throw new SmartLaunchError('token-failed', 'The authorization server gave no access token');
  const baseUrl = smart.state.serverUrl.replace(/\/+$/, '');
  const requested = parseScopes(smart.state.scope);
  const scopes = tokenResponse.scope === undefined ? requested : parseScopes(tokenResponse.scope);

  const getAccessToken = createAccessTokenProvider(
    {
      accessToken: () => smart.state.tokenResponse?.access_token,
      expiresAt: () => (smart.state.expiresAt === undefined ? undefined : smart.state.expiresAt * 1000),
      canRefresh: () => Boolean(smart.state.tokenResponse?.refresh_token) && (scopes.includes('offline_access') || scopes.includes('online_access')),
      refresh: async () => void (await smart.refresh()),
    },
    { ...(options.now ? { now: options.now } : {}), ...(options.refreshBeforeMs === undefined ? {} : { refreshBeforeMs: options.refreshBeforeMs }) },
  );
  const client = createFhirClient({ ...options.client, baseUrl, getAccessToken });

  const claims = (smart.getIdToken() ?? {}) as Record<string, unknown>;
  const rawUser = typeof claims.fhirUser === 'string' ? claims.fhirUser : typeof claims.profile === 'string' ? claims.profile : undefined;
  if (!rawUser) throw new SmartLaunchError('missing-context', 'The id token names no fhirUser: ask for the openid and fhirUser scopes');
  const fhirUser = userReference(rawUser, baseUrl);

  const patientId = typeof tokenResponse.patient === 'string' ? tokenResponse.patient : undefined;
  const encounterId = typeof tokenResponse.encounter === 'string' ? tokenResponse.encounter : undefined;
  if (!patientId && (options.requirePatient ?? requested.includes('launch/patient'))) {
    throw new SmartLaunchError('missing-context', 'The authorization server gave no patient in context');
  }

  const readUser = async (reference: string): Promise<FhirResource | undefined> => {
    const [type, id] = reference.split('/');
    return type && id ? client.read(type, id) : undefined;
  };
  const actor = await actorFor({ fhirUser, tokenResponse, claims, roleFor: options.roleFor, ...(options.readUser === false ? {} : { readUser }) });

  return { baseUrl, getAccessToken, actor, fhirUser, ...(patientId ? { patientId } : {}), ...(encounterId ? { encounterId } : {}), scopes, client, smart };
}

function sameBase(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
