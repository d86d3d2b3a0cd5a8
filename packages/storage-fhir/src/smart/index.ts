/**
 * `@casekit/storage-fhir/smart` — SMART App Launch (EHR and standalone, PKCE S256, v2 scopes) on top of
 * fhirclient, giving the `getAccessToken` and the actor that createFhirClient / createFhirStorage and
 * createCaseManager take.
 * @packageDocumentation
 */
export { launchSmart, completeSmartLaunch } from './launch.js';
export type { CompleteSmartLaunchOptions, SmartClient, SmartLaunchOptions, SmartSession } from './launch.js';
export { createAccessTokenProvider } from './access-token.js';
export type { AccessTokenProviderOptions, SmartAccessTokenProvider, TokenSource } from './access-token.js';
export { actorFor, displayName, userReference } from './actor.js';
export type { ActorInput, RoleFor, SmartTokenResponse } from './actor.js';
export { DEFAULT_SCOPES, allowsWrite, isKnownScope, parseScopes, requestScope } from './scopes.js';
export { SmartLaunchError } from './errors.js';
export type { SmartLaunchErrorCode } from './errors.js';
export { BrowserAdapter, browserEnvironment } from './fhirclient-adapter.js';
export type { BrowserAdapterClass } from './fhirclient-adapter.js';
export type { FhirclientStorage, SmartEnvironment } from './fhirclient-adapter.js';
