/** Types for smart-auth-server.js (see there). No Node types here: the package's browser tsconfig sees this file. */

/** What the mock needs from the test FHIR server (`startFhirServer({ auth: true })`). */
export interface FhirTokenRegistry {
  readonly baseUrl: string;
  issueToken(): string;
  expireToken(token: string): void;
}

export interface RegisteredClient {
  clientId: string;
  /** Exact redirect URIs (no prefix matching). */
  redirectUris: string[];
  /** Scopes this client may be granted (default: whatever it asks for). */
  scopes?: string[];
}

export interface LaunchContext {
  fhirUser: string;
  name?: string;
  patient?: string;
  encounter?: string;
}

export interface ConsentRequest {
  clientId: string;
  scopes: string[];
  context: LaunchContext;
}

export interface SmartAuthServerOptions {
  fhir: FhirTokenRegistry;
  clients: RegisteredClient[];
  /** Who signs in on a standalone launch. */
  user: { fhirUser: string; name?: string };
  /** The patient the standalone "patient picker" chooses when launch/patient is asked. */
  standalonePatient?: string;
  /** Seconds (default 3600). */
  accessTokenLifetime?: number;
  /** Seconds (default 1 day). */
  refreshTokenLifetime?: number;
  /** Epoch milliseconds, for token expiry. */
  now?: () => number;
  consent?: (request: ConsentRequest) => 'approve' | 'deny';
  /** Advertised in discovery (default ['S256']); [] plays a server without PKCE. */
  codeChallengeMethods?: string[];
}

export interface RecordedAuthRequest {
  method: string | undefined;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SmartAuthServer {
  readonly origin: string;
  /** The FHIR base URL apps use (`iss`): discovery here, everything else proxied to the FHIR server. */
  readonly fhirBaseUrl: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly requests: RecordedAuthRequest[];
  /** Registers an EHR launch context; returns the single-use `launch` id. */
  createLaunch(context: LaunchContext): string;
  /** `launchUri?iss=…&launch=…`, as the EHR opens an app. */
  ehrLaunchUrl(launchUri: string, context: LaunchContext): string;
  setConsent(decide: (request: ConsentRequest) => 'approve' | 'deny'): void;
  revokeRefreshTokens(): void;
  expireAccessTokens(): void;
  close(): Promise<void>;
}

export function startSmartAuthServer(options: SmartAuthServerOptions): Promise<SmartAuthServer>;
