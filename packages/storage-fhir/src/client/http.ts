import { FhirAuthError, FhirNetworkError, FhirStorageError, diagnosticsOf } from './errors.js';
import type { FhirFailure } from './errors.js';
import { isOperationOutcome } from './fhir-types.js';

/** How 429/503 answers and (for reads) lost connections are retried. */
export interface RetryPolicy {
  /** Tries in all, the first included (default 4). */
  maxAttempts?: number;
  /** First backoff when the server gives no Retry-After (default 500 ms), doubled each try. */
  baseDelayMs?: number;
  /** Longest wait; a Retry-After beyond it is not waited for but reported as `retryAfterMs` (default 30 s). */
  maxDelayMs?: number;
}

export type AccessTokenProvider = (request: { refresh: boolean }) => string | undefined | Promise<string | undefined>;

export interface HttpSettings {
  fetch: typeof fetch;
  getAccessToken?: AccessTokenProvider;
  retry: Required<RetryPolicy>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** 0..1; scales each backoff to between half and all of it, so clients that failed together spread out. */
  random: () => number;
  timeoutMs?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** True when sending again cannot apply anything twice (reads): lost connections are then retried. */
  idempotent: boolean;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

const RETRY_STATUSES = new Set([429, 503]);

/**
 * One FHIR HTTP exchange with the policy every call shares: a bearer token from `getAccessToken`, one
 * refresh after a 401, bounded backoff on 429/503 (honouring Retry-After), and lost connections retried
 * only for idempotent requests. Returns any other answer for the caller to interpret.
 */
export async function exchange(settings: HttpSettings, request: HttpRequest): Promise<HttpAnswer> {
  let refreshed = false;
  let attempt = 0;
  for (;;) {
    attempt++;
    const token = settings.getAccessToken ? await settings.getAccessToken({ refresh: refreshed }) : undefined;
    let response: Response;
    try {
      response = await settings.fetch(request.url, {
        method: request.method,
        headers: {
          accept: 'application/fhir+json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...request.headers,
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        // A browser may answer a GET from its HTTP cache (servers send Last-Modified, often no
        // Cache-Control): a read right after our own write would then bring back the old version.
        cache: 'no-store',
        ...(settings.timeoutMs ? { signal: AbortSignal.timeout(settings.timeoutMs) } : {}),
      });
    } catch (error) {
      if (request.idempotent && attempt < settings.retry.maxAttempts) {
        await settings.sleep(backoff(settings, attempt));
        continue;
      }
      throw new FhirNetworkError(`No answer from the FHIR server to ${request.method} ${request.url}`, request.idempotent ? 'no' : 'unknown', { cause: error });
    }
    const answer: HttpAnswer = { status: response.status, headers: response.headers, body: await parseBody(response, request) };

    if (answer.status === 401) {
      if (settings.getAccessToken && !refreshed) {
        refreshed = true;
        attempt--;
        continue;
      }
      throw new FhirAuthError(failureOf(answer));
    }
    if (RETRY_STATUSES.has(answer.status)) {
      const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), settings.now());
      const wait = retryAfterMs ?? backoff(settings, attempt);
      if (attempt < settings.retry.maxAttempts && wait <= settings.retry.maxDelayMs) {
        await settings.sleep(wait);
        continue;
      }
      throw new FhirStorageError(
        'unavailable',
        `The FHIR server is unavailable (${answer.status}) after ${attempt} ${attempt === 1 ? 'try' : 'tries'}`,
        { ...failureOf(answer), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
      );
    }
    return answer;
  }
}

/** The status, OperationOutcome and diagnostics of an answer, for an error. */
export function failureOf(answer: HttpAnswer): FhirFailure & { status: number } {
  const outcome = isOperationOutcome(answer.body) ? answer.body : undefined;
  return { status: answer.status, ...(outcome ? { outcome } : {}), diagnostics: diagnosticsOf(outcome) };
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function backoff(settings: HttpSettings, attempt: number): number {
  const full = Math.min(settings.retry.maxDelayMs, settings.retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(full * (0.5 + settings.random() / 2));
}

async function parseBody(response: Response, request: HttpRequest): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    // A proxy's HTML error page, say: keep the status, note the body is not FHIR.
    if (!response.ok) return undefined;
    throw new FhirStorageError('unexpected-response', `The FHIR server answered ${request.method} ${request.url} with a body that is not JSON`, { status: response.status }, { cause: error });
  }
}
