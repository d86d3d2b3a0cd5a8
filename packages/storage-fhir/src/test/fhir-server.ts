/**
 * A real FHIR R4 server for tests: @medplum/fhir-router (`FhirRouter` + an in-memory repository) served
 * over node:http on 127.0.0.1, with the R4 StructureDefinitions and SearchParameters indexed.
 *
 * The library is a router and a toy repository, not a server. Where it falls short of what a production
 * FHIR server (HAPI, Medplum's server, an EHR) does on the things casekit relies on, this harness fixes
 * it here — so the adapter never comes to rely on a gap. Each gap has a test in fhir-server.test.ts
 * that fails against `startFhirServer({ stock: true })`, which serves the library as shipped:
 *
 * Transactions
 * 1. A `Bundle.type = transaction` runs as a *batch* (partial success, 200) unless the request config
 *    sets `transactions: true`. Set here.
 * 2. `MemoryRepository.withTransaction` has no rollback: an entry failing (stale If-Match → 412) leaves
 *    the entries applied before it. Fixed by a snapshot/restore around the transaction
 *    (strict-memory-repository.ts); requests are served one at a time so nothing races the snapshot.
 * 3. Transaction-response entries carry no `etag`/`lastModified`, and `location` has no `_history/vid`.
 *    Added, so a client can learn each new version even under `Prefer: return=minimal`.
 * Versions and concurrency
 * 4. Version ids are random UUIDs and a POST keeps a client-sent `meta.versionId`/`lastUpdated`. The
 *    server assigns both here; ids are "1", "2", … by default (`versionIds: 'uuid'` for opaque ones).
 * 5. No `ETag`, `Last-Modified` or `Location` headers at all. Added on read/create/update.
 * 6. If-Match: ignored on DELETE and PATCH; an unparseable value (`If-Match: 3`) silently ignored on PUT;
 *    404 instead of 412 when the resource is missing. Fixed (fhir-routes.ts).
 * 7. PUT that creates answers 200 (R4: 201); POST keeps a client `id`, overwriting that resource. Fixed.
 * 8. DELETE keeps no version, a second DELETE answers 404, reads of a deleted resource 404 (not 410).
 *    Fixed: a delete is a version, reads answer 410 Gone, deleting again has no effect (200).
 * History
 * 9. `readHistory` reverses its stored array in place: each `_history` read flips the order it keeps.
 *    Fixed; history also lists deletes. Type-level `GET [type]/_history?_since=` (absent) is served.
 * Search
 * 10. No paging: no `_count` default or maximum, no `self`/`next` links. Served here with HAPI-style
 *     opaque `next` links (`?_getpages=…`) that only work when followed as given.
 * 11. Multi-key `_sort` applies the keys in turn, so the last key wins. Fixed (keys in order, by type).
 * 12. Searchset entries have no `fullUrl`/`search.mode`. Added.
 * 13. An unknown search parameter (or `_sort` key) is silently ignored, so a typo matches everything.
 *     Refused with 400, as HAPI and Medplum's server do by default.
 * Content
 * 14. Writes are not validated: any JSON with a resourceType is stored. Validated here against the R4
 *     StructureDefinitions (@medplum/core's validateResource; it does not check required-binding codes),
 *     400 with FHIRPath `expression`s, as Medplum's server does; `validate: false` turns it off.
 * Capabilities
 * 15. No `GET /metadata` (it is taken for a search of type "metadata"). A CapabilityStatement saying
 *     transaction + versioned-update is served (capability-statement.ts).
 *
 * Test controls: bearer tokens (`auth: true`, `issueToken`, `expireToken`), injected faults (`inject`:
 * any status with Retry-After and diagnostics, a dropped connection before or after the request is
 * processed, or no answer at all), and a log of every request received (`requests`).
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { badRequest, getSearchParameter, getStatus, normalizeOperationOutcome, notFound, parseSearchRequest } from '@medplum/core';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { HttpMethod } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, BundleLink, CapabilityStatement, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { capabilityStatement } from './capability-statement.js';
import { loadR4Definitions } from './fhir-definitions.js';
import { installStrictRoutes } from './fhir-routes.js';
import { historyEntry, StrictMemoryRepository } from './strict-memory-repository.js';
import type { StrictRepositoryOptions } from './strict-memory-repository.js';

export interface FhirServerOptions extends StrictRepositoryOptions {
  /** Require `Authorization: Bearer <token>` (from `issueToken()`) on everything but `/metadata`. */
  auth?: boolean;
  /** Page size when a search sends no `_count` (HAPI and Medplum: 20). */
  defaultPageSize?: number;
  /** Largest page served whatever `_count` asks (default 100). */
  maxPageSize?: number;
  /** Edits the CapabilityStatement served at `/metadata`, e.g. to take `transaction` out. */
  capabilities?: (statement: CapabilityStatement) => CapabilityStatement;
  /** Serve @medplum/fhir-router as shipped, with none of the fixes listed above (to show the gaps). */
  stock?: boolean;
}

/** Which requests a fault applies to; all when omitted. */
export interface FaultMatch {
  method?: HttpMethod;
  /** Tested against the path after the base URL, with its query, e.g. `Patient/1` or `?_getpages=…`. */
  path?: RegExp;
}

export type Fault = (
  | { status: number; retryAfter?: string; diagnostics?: string }
  /** `before-processing`: nothing is applied. `after-processing`: applied, but the answer never arrives. */
  | { drop: 'before-processing' | 'after-processing' }
  /** Never answers (until `close()`), nothing applied: for client timeouts. */
  | { hang: true }
) & { match?: FaultMatch; times?: number };

export interface RecordedRequest {
  method: string;
  /** Path after the base URL, with its query string. */
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FhirTestServer {
  /** e.g. `http://127.0.0.1:41234/fhir` (no trailing slash). */
  readonly baseUrl: string;
  /** The repository behind the server, for seeding or inspecting without HTTP. */
  readonly repo: MemoryRepository;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** A bearer token the server accepts (with `auth: true`). */
  issueToken(): string;
  /** Makes the server refuse `token` from now on, as if it had expired. */
  expireToken(token: string): void;
  /** The next matching request(s) (`times`, default 1) fail as `fault` says. */
  inject(fault: Fault): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

interface PagedQuery {
  kind: 'search' | 'history';
  resourceType: string;
  query: Record<string, string[]>;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const PAGING_PARAMS = new Set(['_count', '_getpages', '_getpagesoffset']);

export async function startFhirServer(options: FhirServerOptions = {}): Promise<FhirTestServer> {
  loadR4Definitions();
  const stock = options.stock ?? false;
  const repo = stock ? new MemoryRepository() : new StrictMemoryRepository(options);
  const router = new FhirRouter();
  if (repo instanceof StrictMemoryRepository) installStrictRoutes(router, repo);
  const defaultPageSize = options.defaultPageSize ?? 20;
  const maxPageSize = options.maxPageSize ?? 100;
  const validTokens = new Set<string>();
  const faults: Fault[] = [];
  const requests: RecordedRequest[] = [];
  const pagedQueries = new Map<string, PagedQuery>();
  const basePath = '/fhir';
  let baseUrl = '';

  // One request at a time, like a serializable database: a transaction's snapshot is never raced.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', baseUrl);
    const method = (req.method ?? 'GET') as HttpMethod;
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length).replace(/^\/+/, '') : undefined;
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw) : undefined;
    } catch {
      requests.push({ method, path: `${path ?? url.pathname}${url.search}`, headers: req.headers, body: raw });
      return send(res, outcomeReply(badRequest('Request body is not JSON')));
    }
    requests.push({ method, path: `${path ?? url.pathname}${url.search}`, headers: req.headers, body });
    if (path === undefined) return send(res, outcomeReply(notFound));

    const fault = takeFault(method, `${path}${url.search}`);
    if (fault && 'drop' in fault && fault.drop === 'before-processing') return void req.socket.destroy();
    if (fault && 'status' in fault) return send(res, faultReply(fault));
    if (fault && 'hang' in fault) return;

    const isMetadata = method === 'GET' && path === 'metadata';
    if (options.auth && !isMetadata && !authorized(req.headers.authorization)) {
      return send(res, {
        ...outcomeReply(issue('login', 'Missing, invalid or expired bearer token'), 401),
        headers: { 'content-type': FHIR_JSON, 'www-authenticate': 'Bearer realm="fhir", error="invalid_token"' },
      });
    }

    let reply: Reply;
    try {
      reply = await serialized(() => dispatch(method, path, url, req.headers, body, isMetadata));
    } catch (error) {
      reply = outcomeReply(normalizeOperationOutcome(error));
    }
    if (!stock && /return=minimal/.test(String(req.headers.prefer ?? ''))) reply = minimal(reply);
    if (fault && 'drop' in fault) return void req.socket.destroy();
    send(res, reply);
  }

  async function dispatch(method: HttpMethod, path: string, url: URL, headers: IncomingHttpHeaders, body: unknown, isMetadata: boolean): Promise<Reply> {
    if (!stock) {
      if (isMetadata) {
        const statement = capabilityStatement(baseUrl, { bearer: Boolean(options.auth) });
        return resourceReply(200, options.capabilities ? options.capabilities(statement) : statement);
      }
      const segments = path.split('/').filter(Boolean);
      if (method === 'GET' && path === '' && url.searchParams.has('_getpages')) return page(url);
      if (method === 'GET' && segments.length === 1 && segments[0]) {
        return paged({ kind: 'search', resourceType: segments[0], query: queryOf(url) }, url);
      }
      if (method === 'GET' && segments.length === 2 && segments[0] && segments[1] === '_history') {
        return paged({ kind: 'history', resourceType: segments[0], query: queryOf(url) }, url);
      }
    }
    const [outcome, resource] = await router.handleRequest(
      { method, url: `${path}${url.search}`, pathname: '', body, params: {}, query: {}, headers, config: stock ? {} : { transactions: true } },
      repo,
    );
    const status = getStatus(outcome);
    if (!resource) return outcomeReply(outcome, status);
    return stock ? { status, headers: { 'content-type': FHIR_JSON }, body: resource } : resourceReply(status, resource, method);
  }

  /** Runs a search or type history one page at a time; `next` is an opaque `_getpages` link. */
  async function paged(query: PagedQuery, url: URL, offset = 0): Promise<Reply> {
    const requested = Number.parseInt(query.query._count?.[0] ?? '', 10);
    const count = Math.min(Number.isFinite(requested) && requested >= 0 ? requested : defaultPageSize, maxPageSize);
    const filters = Object.fromEntries(Object.entries(query.query).filter(([name]) => !PAGING_PARAMS.has(name)));
    let entries: BundleEntry[];
    let total: number;
    if (query.kind === 'search') {
      const request = parseSearchRequest(query.resourceType as Resource['resourceType'], filters);
      const unknown = [...(request.filters ?? []), ...(request.sortRules ?? [])].map((f) => f.code).find((code) => !getSearchParameter(query.resourceType, code.split('.')[0] ?? code));
      if (unknown !== undefined) return outcomeReply(issue('invalid', `Unknown search parameter for ${query.resourceType}: ${unknown}`), 400);
      const result = await repo.search({ ...request, offset, count });
      entries = (result.entry ?? []).map((entry) => ({ ...entry, search: { mode: 'match' } }));
      total = result.total ?? 0;
    } else {
      const since = filters._since?.[0];
      const all = (repo as StrictMemoryRepository).versions({ resourceType: query.resourceType, ...(since ? { since } : {}) }).reverse().map(historyEntry);
      entries = all.slice(offset, offset + count);
      total = all.length;
    }
    const link: BundleLink[] = [{ relation: 'self', url: url.href }];
    if (count > 0 && offset + count < total) {
      const token = randomUUID();
      pagedQueries.set(token, query);
      link.push({ relation: 'next', url: `${baseUrl}?_getpages=${token}&_getpagesoffset=${offset + count}&_count=${count}&_bundletype=${query.kind === 'search' ? 'searchset' : 'history'}` });
    }
    const bundle: Bundle = { resourceType: 'Bundle', type: query.kind === 'search' ? 'searchset' : 'history', total, link, ...(entries.length ? { entry: entries } : {}) };
    return resourceReply(200, bundle);
  }

  async function page(url: URL): Promise<Reply> {
    const query = pagedQueries.get(url.searchParams.get('_getpages') ?? '');
    if (!query) return outcomeReply(issue('not-found', 'Search has expired or never existed'), 410);
    const offset = Number.parseInt(url.searchParams.get('_getpagesoffset') ?? '0', 10);
    const count = url.searchParams.get('_count');
    return paged({ ...query, query: { ...query.query, ...(count ? { _count: [count] } : {}) } }, url, Number.isFinite(offset) ? offset : 0);
  }

  /** Headers and URLs a production server adds: ETag, Last-Modified, Location, fullUrl, entry etags. */
  function resourceReply(status: number, resource: Resource, method?: HttpMethod): Reply {
    const headers: Record<string, string> = { 'content-type': FHIR_JSON };
    if (resource.resourceType === 'Bundle') {
      for (const entry of resource.entry ?? []) decorateEntry(entry, resource.type);
    } else if (resource.resourceType !== 'OperationOutcome' && resource.id && resource.meta?.versionId) {
      headers.etag = `W/"${resource.meta.versionId}"`;
      if (resource.meta.lastUpdated) headers['last-modified'] = new Date(resource.meta.lastUpdated).toUTCString();
      if (method === 'POST' || method === 'PUT') headers.location = `${baseUrl}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
    }
    return { status, headers, body: resource };
  }

  function decorateEntry(entry: BundleEntry, bundleType: Bundle['type']): void {
    const resource = entry.resource;
    if (resource?.id && !entry.fullUrl && bundleType !== 'transaction-response' && bundleType !== 'batch-response') {
      entry.fullUrl = `${baseUrl}/${resource.resourceType}/${resource.id}`;
    } else if (!resource && entry.request?.url && bundleType === 'history') {
      entry.fullUrl = `${baseUrl}/${entry.request.url}`;
    }
    const versionId = resource?.meta?.versionId;
    if (entry.response && resource?.id && versionId && (bundleType === 'transaction-response' || bundleType === 'batch-response')) {
      entry.response.etag = `W/"${versionId}"`;
      entry.response.location = `${resource.resourceType}/${resource.id}/_history/${versionId}`;
      if (resource.meta?.lastUpdated) entry.response.lastModified = resource.meta.lastUpdated;
    }
  }

  function takeFault(method: HttpMethod, path: string): Fault | undefined {
    const index = faults.findIndex((f) => (!f.match?.method || f.match.method === method) && (!f.match?.path || f.match.path.test(path)));
    const fault = faults[index];
    if (!fault) return undefined;
    const times = (fault.times ?? 1) - 1;
    if (times <= 0) faults.splice(index, 1);
    else faults[index] = { ...fault, times };
    return fault;
  }

  function authorized(header: string | undefined): boolean {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    return token !== undefined && validTokens.has(token);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, outcomeReply(normalizeOperationOutcome(error), 500));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${basePath}`;

  return {
    baseUrl,
    repo,
    requests,
    issueToken() {
      const token = randomUUID();
      validTokens.add(token);
      return token;
    },
    expireToken(token) {
      validTokens.delete(token);
    },
    inject(fault) {
      faults.push(fault);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function queryOf(url: URL): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
  return query;
}

function issue(code: NonNullable<OperationOutcome['issue']>[number]['code'], diagnostics: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

function outcomeReply(outcome: OperationOutcome, status = getStatus(outcome)): Reply {
  return { status, headers: { 'content-type': FHIR_JSON }, body: outcome };
}

function faultReply(fault: { status: number; retryAfter?: string; diagnostics?: string }): Reply {
  const code = fault.status === 403 ? 'forbidden' : fault.status === 429 ? 'throttled' : fault.status === 401 ? 'login' : 'transient';
  const reply = outcomeReply(issue(code, fault.diagnostics ?? `Injected ${fault.status}`), fault.status);
  if (fault.retryAfter !== undefined) reply.headers['retry-after'] = fault.retryAfter;
  return reply;
}

/** `Prefer: return=minimal`: no resource bodies, headers (and transaction entries' responses) only. */
function minimal(reply: Reply): Reply {
  const body = reply.body as Resource | undefined;
  if (!body || body.resourceType === 'OperationOutcome' || reply.status >= 400) return reply;
  if (body.resourceType === 'Bundle' && (body.type === 'transaction-response' || body.type === 'batch-response')) {
    return { ...reply, body: { ...body, entry: body.entry?.map(({ resource: _dropped, ...entry }) => entry) } };
  }
  if (body.resourceType === 'Bundle') return reply;
  return { status: reply.status, headers: reply.headers };
}

function send(res: ServerResponse, reply: Reply): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, reply.body === undefined ? omit(reply.headers, 'content-type') : reply.headers);
  res.end(text);
}

function omit(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
