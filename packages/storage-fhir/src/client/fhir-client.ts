import { checkCapabilities } from './capabilities.js';
import type { CapabilityRequirements } from './capabilities.js';
import { FhirConflictError, FhirNetworkError, FhirPermissionError, FhirStorageError, FhirValidationError } from './errors.js';
import type { VersionConflict } from './errors.js';
import type { Bundle, CapabilityStatement, FhirResource } from './fhir-types.js';
import { exchange, failureOf } from './http.js';
import type { AccessTokenProvider, HttpAnswer, HttpRequest, HttpSettings, RetryPolicy } from './http.js';
import { isGuarded, parseTransactionResponse, transactionBundle, transactionMarkerOf, versionIdOfEtag } from './transaction.js';
import type { TransactionEntry, TransactionEntryResult, TransactionResult } from './transaction.js';

export interface FhirClientOptions {
  /** The server's base URL, e.g. `https://ehr.example.org/fhir/R4`. */
  baseUrl: string;
  /** Defaults to the global `fetch` (browsers, Node 20). */
  fetch?: typeof fetch;
  /** A bearer token for each request; asked again with `refresh: true` once after a 401. */
  getAccessToken?: AccessTokenProvider;
  retry?: RetryPolicy;
  /** Waits between retries; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds, for Retry-After dates. */
  now?: () => number;
  /** 0..1, for backoff jitter. */
  random?: () => number;
  /** Gives up on an answer after this long (a network error). */
  timeoutMs?: number;
  /** New transaction ids. Default: a random UUID. */
  newTransactionId?: () => string;
}

export type SearchParams = URLSearchParams | Record<string, string | number | readonly (string | number)[] | undefined>;

export interface SearchPage<T extends FhirResource = FhirResource> {
  /** The matches on this page (`search.mode` match, or unmarked). */
  resources: T[];
  /** Resources brought in by `_include`/`_revinclude`. */
  included: FhirResource[];
  /** The server's `next` link, to pass to `searchNext` as is. */
  next?: string;
  total?: number;
  bundle: Bundle<T>;
}

export interface TransactionOptions {
  /** The idempotency marker; pass the same one when re-sending a write from a durable outbox. */
  transactionId?: string;
}

export type TransactionStatus = 'applied' | 'not-applied' | 'unknown';

export interface FhirClient {
  readonly baseUrl: string;
  /** Reads `/metadata`; refuses (FhirCapabilityError) a server without transactions or versioned updates. */
  capabilities(requirements?: CapabilityRequirements): Promise<CapabilityStatement>;
  /** The current version, or undefined when the resource does not exist or was deleted (404/410). */
  read<T extends FhirResource = FhirResource>(resourceType: string, id: string): Promise<T | undefined>;
  search<T extends FhirResource = FhirResource>(resourceType: string, params?: SearchParams): Promise<SearchPage<T>>;
  /** Follows a `next` link exactly as the server gave it (it must stay on the server's origin). */
  searchNext<T extends FhirResource = FhirResource>(next: string): Promise<SearchPage<T>>;
  /** Every page of a search, following `next` links until there are none. */
  searchPages<T extends FhirResource = FhirResource>(resourceType: string, params?: SearchParams): AsyncIterable<SearchPage<T>>;
  /**
   * Applies every entry or none (`Bundle.type = transaction`). A stale If-Match → FhirConflictError
   * naming each stale entry and its current version. A lost answer is resolved by re-reading: if the
   * transaction landed the result is rebuilt (`recovered`); if it did not and every entry is guarded
   * it is sent again; otherwise FhirNetworkError with `applied: 'unknown'` and the transaction id.
   */
  transaction<R extends FhirResource>(entries: readonly TransactionEntry<R>[], options?: TransactionOptions): Promise<TransactionResult>;
  /** Whether a transaction with this id landed, judged by re-reading its entries. */
  transactionStatus<R extends FhirResource>(entries: readonly TransactionEntry<R>[], transactionId: string): Promise<TransactionStatus>;
}

const DEFAULT_RETRY: Required<RetryPolicy> = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

export function createFhirClient(options: FhirClientOptions): FhirClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const origin = new URL(baseUrl).origin;
  if (!options.fetch && typeof globalThis.fetch !== 'function') throw new TypeError('No global fetch here: pass options.fetch');
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const settings: HttpSettings = {
    fetch: fetchImpl,
    ...(options.getAccessToken ? { getAccessToken: options.getAccessToken } : {}),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  const newTransactionId = options.newTransactionId ?? randomUuid;

  const send = (request: HttpRequest): Promise<HttpAnswer> => exchange(settings, request);
  const url = (path: string): string => `${baseUrl}/${path}`;

  async function read<T extends FhirResource>(resourceType: string, id: string): Promise<T | undefined> {
    const answer = await send({ method: 'GET', url: url(`${resourceType}/${encodeURIComponent(id)}`), idempotent: true });
    if (answer.status === 404 || answer.status === 410) return undefined;
    if (answer.status !== 200) throw errorFor(answer, 'read', resourceType, id);
    const resource = answer.body as T;
    // Some servers leave meta.versionId out of the body and give only the ETag.
    const versionId = versionIdOfEtag(answer.headers.get('etag'));
    if (versionId && !resource.meta?.versionId) resource.meta = { ...resource.meta, versionId };
    return resource;
  }

  async function searchAt<T extends FhirResource>(target: string, resourceType: string): Promise<SearchPage<T>> {
    const answer = await send({ method: 'GET', url: target, idempotent: true });
    if (answer.status !== 200) throw errorFor(answer, 'search', resourceType);
    const bundle = answer.body as Bundle<T>;
    if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'searchset') {
      throw new FhirStorageError('unexpected-response', `The FHIR server answered a search of ${resourceType} with something other than a searchset Bundle`);
    }
    const page: SearchPage<T> = { resources: [], included: [], bundle };
    for (const entry of bundle.entry ?? []) {
      if (!entry.resource) continue;
      if (entry.search?.mode === 'include' || entry.search?.mode === 'outcome') page.included.push(entry.resource);
      else page.resources.push(entry.resource);
    }
    const next = bundle.link?.find((link) => link.relation === 'next')?.url;
    if (next) page.next = next;
    if (bundle.total !== undefined) page.total = bundle.total;
    return page;
  }

  function nextUrl(next: string): string {
    const resolved = new URL(next, `${baseUrl}/`);
    // The bearer token goes only to the server it was issued for.
    if (resolved.origin !== origin) throw new FhirStorageError('unexpected-response', `The FHIR server's next link leaves its origin (${resolved.origin})`);
    return resolved.href;
  }

  function errorFor(answer: HttpAnswer, action: string, resourceType: string, id?: string): Error {
    const failure = failureOf(answer);
    if (answer.status === 403) return new FhirPermissionError(action, resourceType, id, failure);
    if (answer.status === 400 || answer.status === 422) return new FhirValidationError(failure);
    return new FhirStorageError('server', `The FHIR server answered ${action} ${resourceType}${id ? `/${id}` : ''} with ${answer.status}`, failure);
  }

  /** Re-reads each version-guarded entry to name the stale ones and their current versions. */
  async function conflictsOf(entries: readonly TransactionEntry[]): Promise<VersionConflict[]> {
    const checks = entries.map(async (entry, index): Promise<VersionConflict | undefined> => {
      if (entry.method === 'POST' || !entry.ifMatch) return undefined;
      const [resourceType, id] = entry.method === 'PUT' ? [entry.resource.resourceType, entry.resource.id] : [entry.resourceType, entry.id];
      const expectedVersionId = versionIdOfEtag(entry.ifMatch) ?? entry.ifMatch;
      const currentVersionId = (await read(resourceType, id))?.meta?.versionId;
      return currentVersionId === expectedVersionId ? undefined : { entry: index, resourceType, id, expectedVersionId, currentVersionId };
    });
    return (await Promise.all(checks)).filter((c): c is VersionConflict => c !== undefined);
  }

  async function transactionStatus(entries: readonly TransactionEntry[], transactionId: string): Promise<TransactionStatus> {
    const verdicts = await Promise.all(
      entries.map(async (entry): Promise<TransactionStatus> => {
        if (entry.method === 'PUT') {
          const current = await read(entry.resource.resourceType, entry.resource.id);
          if (transactionMarkerOf(current) === transactionId) return 'applied';
          if (entry.ifMatch) return current?.meta?.versionId === (versionIdOfEtag(entry.ifMatch) ?? entry.ifMatch) ? 'not-applied' : 'unknown';
          return current === undefined ? 'not-applied' : 'unknown';
        }
        if (entry.method === 'POST' && entry.ifNoneExist) {
          const found = await search(entry.resource.resourceType, new URLSearchParams(entry.ifNoneExist));
          if (found.resources.some((r) => transactionMarkerOf(r) === transactionId)) return 'applied';
          return found.resources.length === 0 ? 'not-applied' : 'unknown';
        }
        if (entry.method === 'DELETE' && entry.ifMatch) {
          const current = await read(entry.resourceType, entry.id);
          return current?.meta?.versionId === (versionIdOfEtag(entry.ifMatch) ?? entry.ifMatch) ? 'not-applied' : 'unknown';
        }
        return 'unknown';
      }),
    );
    // All or nothing: one definite verdict settles every entry.
    if (verdicts.includes('applied')) return verdicts.includes('not-applied') ? 'unknown' : 'applied';
    return verdicts.includes('not-applied') ? 'not-applied' : 'unknown';
  }

  /** The result of a transaction that landed but whose answer was lost, rebuilt from reads. */
  async function recoveredResult(entries: readonly TransactionEntry[], transactionId: string): Promise<TransactionResult> {
    const results = await Promise.all(
      entries.map(async (entry): Promise<TransactionEntryResult> => {
        if (entry.method === 'DELETE') return { status: 200, created: false, resourceType: entry.resourceType, id: entry.id };
        const current =
          entry.method === 'PUT'
            ? await read(entry.resource.resourceType, entry.resource.id)
            : entry.ifNoneExist
              ? (await search(entry.resource.resourceType, new URLSearchParams(entry.ifNoneExist))).resources[0]
              : undefined;
        const ours = transactionMarkerOf(current) === transactionId ? current : undefined;
        const result: TransactionEntryResult = { status: entry.method === 'PUT' ? 200 : 201, created: entry.method === 'POST' && ours !== undefined, resourceType: entry.resource.resourceType };
        const id = entry.method === 'PUT' ? entry.resource.id : current?.id;
        if (id) result.id = id;
        if (ours?.meta?.versionId) result.versionId = ours.meta.versionId;
        if (ours?.meta?.lastUpdated) result.lastModified = ours.meta.lastUpdated;
        if (ours) result.resource = ours;
        return result;
      }),
    );
    return { transactionId, entries: results, recovered: true };
  }

  async function* searchPages<T extends FhirResource>(resourceType: string, params?: SearchParams): AsyncGenerator<SearchPage<T>, void, undefined> {
    let page = await search<T>(resourceType, params);
    const seen = new Set<string>();
    for (;;) {
      yield page;
      // A server that hands back a next link already followed would loop forever.
      if (!page.next || seen.has(page.next)) return;
      seen.add(page.next);
      page = await searchAt<T>(nextUrl(page.next), resourceType);
    }
  }

  async function search<T extends FhirResource>(resourceType: string, params?: SearchParams): Promise<SearchPage<T>> {
    const query = toQuery(params);
    return searchAt<T>(url(`${resourceType}${query ? `?${query}` : ''}`), resourceType);
  }

  return {
    baseUrl,

    async capabilities(requirements) {
      const answer = await send({ method: 'GET', url: url('metadata'), idempotent: true });
      if (answer.status !== 200) throw errorFor(answer, 'read', 'CapabilityStatement');
      return checkCapabilities(answer.body, requirements);
    },

    read,
    search,

    async searchNext(next) {
      return searchAt(nextUrl(next), 'next page');
    },

    searchPages,

    async transaction(entries, txOptions = {}) {
      if (!entries.length) throw new FhirStorageError('unexpected-response', 'A transaction needs at least one entry');
      const transactionId = txOptions.transactionId ?? newTransactionId();
      const body = transactionBundle(baseUrl, entries, transactionId);
      let resent = false;
      for (let attempt = 1; ; attempt++) {
        let answer: HttpAnswer;
        try {
          answer = await send({ method: 'POST', url: baseUrl, body, idempotent: false });
        } catch (error) {
          if (!(error instanceof FhirNetworkError)) throw error;
          let status: TransactionStatus;
          try {
            status = await transactionStatus(entries, transactionId);
          } catch {
            status = 'unknown';
          }
          if (status === 'applied') return recoveredResult(entries, transactionId);
          if (status === 'not-applied' && isGuarded(entries) && attempt < settings.retry.maxAttempts) {
            resent = true;
            continue;
          }
          throw new FhirNetworkError(
            status === 'not-applied'
              ? 'The answer to a FHIR transaction was lost; it did not land'
              : 'The answer to a FHIR transaction was lost and re-reading could not tell whether it landed',
            status === 'not-applied' ? 'no' : 'unknown',
            { cause: error.cause ?? error, transactionId },
          );
        }
        if (answer.status === 200) return { transactionId, entries: parseTransactionResponse(answer.body, entries.length), recovered: false };
        if (answer.status === 412 || answer.status === 409 || ((answer.status === 404 || answer.status === 410) && entries.some((e) => e.method !== 'POST' && e.ifMatch))) {
          // A first attempt still in flight when it was re-read can land before the resend: then the
          // resend's If-Match fails against our own write, which is success, not a conflict.
          if (resent && (await transactionStatus(entries, transactionId)) === 'applied') return recoveredResult(entries, transactionId);
          const conflicts = await conflictsOf(entries);
          if (conflicts.length || answer.status === 412 || answer.status === 409) throw new FhirConflictError(conflicts, failureOf(answer));
        }
        throw errorFor(answer, 'transaction', 'Bundle');
      }
    },

    transactionStatus,
  };
}

function toQuery(params: SearchParams | undefined): string {
  if (!params) return '';
  if (params instanceof URLSearchParams) return params.toString();
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) query.append(name, String(one));
  }
  return query.toString();
}

/** `crypto.randomUUID()`, which pages outside secure contexts lack; getRandomValues is enough there. */
function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
