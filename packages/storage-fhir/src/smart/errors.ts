/** Why a SMART launch or a token refresh failed; hosts branch on `code`, people read `message`. */
export type SmartLaunchErrorCode =
  /** The user (or the server's policy) refused consent: `error=access_denied` on the redirect. */
  | 'access-denied'
  /** The authorization server sent another error on the redirect (`invalid_scope`, `invalid_request`, …). */
  | 'authorization-failed'
  /** The redirect's `state` matches no launch begun in this browser tab (forged, replayed, or another tab's). */
  | 'state-mismatch'
  /** The page was opened without a launch (no `iss`, or no `code`/`state` to complete). */
  | 'not-launched'
  /** `.well-known/smart-configuration` could not be read, or lacks the endpoints or PKCE S256. */
  | 'discovery-failed'
  /** The token endpoint refused the code (or answered without an access token). */
  | 'token-failed'
  /** The refresh token was refused (expired or revoked): the user must launch again. */
  | 'refresh-failed'
  /** The token response lacks what casekit needs: `fhirUser`, or the patient when launch/patient was asked. */
  | 'missing-context'
  /** `roleFor` gave no casekit role for this user. */
  | 'no-role';

export class SmartLaunchError extends Error {
  override readonly name = 'SmartLaunchError';
  constructor(
    readonly code: SmartLaunchErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
