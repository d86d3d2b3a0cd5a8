import type { AccessTokenProvider } from '../client/http.js';
import { SmartLaunchError } from './errors.js';

/** What the provider needs from a SMART session (fhirclient's `Client` in practice). */
export interface TokenSource {
  /** The current access token, if any. */
  accessToken(): string | undefined;
  /** When it expires, epoch milliseconds; undefined when the server did not say. */
  expiresAt(): number | undefined;
  /** A refresh token was granted (`offline_access` or `online_access`) and is still held. */
  canRefresh(): boolean;
  /** Trades the refresh token for a new access token (rejects when the server refuses it). */
  refresh(): Promise<void>;
}

/** An {@link AccessTokenProvider} (what createFhirClient takes) that always answers with a token or throws. */
export type SmartAccessTokenProvider = (request: { refresh: boolean }) => Promise<string>;

export interface AccessTokenProviderOptions {
  /** Epoch milliseconds (tests pass a fake clock). */
  now?: () => number;
  /** Refresh this long before the token expires, so no request leaves with a token about to lapse (default 60 s). */
  refreshBeforeMs?: number;
}

/**
 * `getAccessToken({ refresh })` for createFhirClient / createFhirStorage. Refreshes when the token is
 * within `refreshBeforeMs` of expiry, or when asked to after a 401; concurrent callers share one
 * refresh. Never hands out a token it knows to be expired: with no way to refresh it throws
 * `SmartLaunchError('refresh-failed')`, so the request is not sent and the host can launch again.
 */
export function createAccessTokenProvider(source: TokenSource, options: AccessTokenProviderOptions = {}): SmartAccessTokenProvider {
  const now = options.now ?? Date.now;
  const refreshBeforeMs = options.refreshBeforeMs ?? 60_000;
  let refreshing: Promise<void> | undefined;

  const refreshOnce = (): Promise<void> => {
    refreshing ??= source
      .refresh()
      .catch((error: unknown) => {
        throw new SmartLaunchError('refresh-failed', 'The authorization server refused to refresh the access token: launch the app again', { cause: error });
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  const expired = (): boolean => {
    const expiresAt = source.expiresAt();
    return expiresAt !== undefined && expiresAt <= now();
  };

  return async ({ refresh }) => {
    const expiresAt = source.expiresAt();
    const due = refresh || !source.accessToken() || (expiresAt !== undefined && expiresAt - now() <= refreshBeforeMs);
    if (due) {
      if (source.canRefresh()) await refreshOnce();
      else if (refresh || expired() || !source.accessToken()) {
        throw new SmartLaunchError('refresh-failed', 'The access token has expired (or was refused) and there is no refresh token: launch the app again');
      }
    }
    const token = source.accessToken();
    if (!token || expired()) throw new SmartLaunchError('refresh-failed', 'The authorization server gave no unexpired access token: launch the app again');
    return token;
  };
}
