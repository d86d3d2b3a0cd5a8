// The bench's FHIR server, in Node: the package's test server (startFhirServer: @medplum/fhir-router,
// validating writes, real transactions and If-Match), seeded with N cases and their clients, behind a
// CORS front so a page on another origin talks to it as a browser app talks to an EHR. The front adds
// a Server-Timing header, so the page can tell its time from the server's.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CaseRecord, Client } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';
import type { Resource } from '@medplum/fhirtypes';
import { resourcesFor } from '../src/storage/record-resources.js';
import { startFhirServer } from '../src/test/fhir-server.js';

/** A client record for each fixture case (fixtureCases names the client but does not make one). */
export function clientOf(c: CaseRecord): Client {
  const [given = 'Alex', ...family] = c.clientName.split(' ');
  return {
    id: c.clientId,
    version: 1,
    createdAt: c.createdAt,
    updatedAt: c.createdAt,
    name: { given: [given], family: family.join(' ') || 'Doe' },
    contact: {},
    interpreterNeeded: c.tags.includes('interpreter'),
    identifiers: [],
    active: true,
  };
}

export interface LoopbackServer {
  /** The CORS front's base URL, e.g. http://127.0.0.1:40123/fhir */
  baseUrl: string;
  cases: CaseRecord[];
  resources: number;
  seedMs: number;
  close(): Promise<void>;
}

export async function startLoopbackServer(n: number): Promise<LoopbackServer> {
  // Pages up to 1,000 (the test server's default cap is 100): the adapter lists ids with `_count=1000` to find deletes.
  const inner = await startFhirServer({ maxPageSize: 1000 });
  indexSearchByLastUpdated(inner.repo);
  const cases = fixtureCases(n, 7);
  // Seeded straight into the repository, as if another system had written them earlier. Not validated
  // (that alone takes ~20 s at 10,000 cases; the mapping's output is validated by the package's tests);
  // the bench's own writes are.
  const start = performance.now();
  const settings = inner.repo as unknown as { validate: boolean };
  settings.validate = false;
  let resources = 0;
  for (const c of cases) {
    for (const r of [...resourcesFor(clientOf(c), 'clients'), ...resourcesFor(c, 'cases')]) {
      await inner.repo.createResource(r as Resource);
      resources++;
    }
  }
  settings.validate = true;
  const seedMs = performance.now() - start;

  // CORS front (as demo-server.ts): any origin may call (a bench), and the inner server's own URL in
  // `next` links and Locations is rewritten to the front's, so a browser only sees the front.
  const innerUrl = new URL(inner.baseUrl);
  let publicBase = '';
  const front = createServer((req, res) => {
    inner.requests.length = 0; // the test server logs every request; the bench has no use for it
    const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', vary: 'Origin' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type, accept, if-match, if-none-exist, prefer',
        'access-control-max-age': '600',
      });
      return void res.end();
    }
    const received = performance.now();
    const upstream = httpRequest({ host: innerUrl.hostname, port: innerUrl.port, method: req.method, path: req.url, headers: { ...req.headers, host: innerUrl.host } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        // No Cache-Control, as the test server and many EHRs send: the client itself must keep Chromium's
        // HTTP cache out of its reads (it sends cache: no-store).
        const headers: Record<string, string> = { ...cors, 'access-control-expose-headers': 'etag, location, last-modified, content-location, retry-after' };
        // Server-Timing (readable by the page with Timing-Allow-Origin): how long the server took, so the
        // page can tell its own time from the server's.
        headers['server-timing'] = `fhir;dur=${(performance.now() - received).toFixed(2)}`;
        headers['timing-allow-origin'] = '*';
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value === undefined || ['content-length', 'transfer-encoding', 'connection'].includes(name)) continue;
          headers[name] = (Array.isArray(value) ? value.join(', ') : value).replaceAll(inner.baseUrl, publicBase);
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        res.end(Buffer.concat(chunks).toString('utf8').replaceAll(inner.baseUrl, publicBase));
      });
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((ready) => front.listen(0, '127.0.0.1', ready));
  publicBase = `http://127.0.0.1:${(front.address() as AddressInfo).port}${innerUrl.pathname}`;
  return {
    baseUrl: publicBase,
    cases,
    resources,
    seedMs,
    async close() {
      front.closeAllConnections();
      await new Promise<void>((done) => front.close(() => done()));
      await inner.close();
    },
  };
}

type Repo = Awaited<ReturnType<typeof startFhirServer>>['repo'];
type Search = Repo['search'];

/**
 * The test repository answers every search page by scanning, deep-cloning and sorting all resources
 * of the type (O(N) per page, about 0.5 s a page at 10,000 EpisodeOfCare), so at this size it, not
 * the client, would be what is measured. A production server answers `_lastUpdated` from an index.
 * This keeps one sorted list per type (rebuilt after a write to that type) and answers the searches
 * sync makes (no filter, `_lastUpdated` gt/ge, `_tag`; sorted by `_lastUpdated` or not; `_elements`)
 * from it; anything else (e.g. `_id`) goes to the repository as before.
 */
function indexSearchByLastUpdated(repo: Repo): void {
  const stored = (repo as unknown as { resources: Map<string, Map<string, Resource>> }).resources;
  const index = new Map<string, { list: Resource[]; times: number[]; memo: Map<string, Resource[]> }>();
  const dirty = (type?: string) => (type === undefined ? index.clear() : index.delete(type));
  const wrap = <K extends 'createResource' | 'updateResource' | 'deleteResource'>(name: K, typeOf: (args: Parameters<Repo[K]>) => string) => {
    const original = (repo[name] as (...args: unknown[]) => Promise<unknown>).bind(repo);
    (repo as unknown as Record<string, unknown>)[name] = async (...args: Parameters<Repo[K]>) => {
      try {
        return await original(...args);
      } finally {
        dirty(typeOf(args));
      }
    };
  };
  wrap('createResource', (args) => args[0].resourceType);
  wrap('updateResource', (args) => args[0].resourceType);
  wrap('deleteResource', (args) => args[0]);
  const withTransaction = repo.withTransaction.bind(repo);
  repo.withTransaction = (async (callback: Parameters<Repo['withTransaction']>[0]) => {
    try {
      return await withTransaction(callback);
    } catch (error) {
      dirty(); // rolled back by snapshot restore, behind the wrappers' backs
      throw error;
    }
  }) as Repo['withTransaction'];

  const original: Search = repo.search.bind(repo);
  repo.search = (async (request: Parameters<Search>[0]) => {
    const filters = request.filters ?? [];
    const sorted = !request.sortRules?.length || (request.sortRules.length === 1 && request.sortRules[0]!.code === '_lastUpdated' && !request.sortRules[0]!.descending);
    const simple = filters.every((f) => (f.code === '_lastUpdated' && (f.operator === 'gt' || f.operator === 'ge')) || (f.code === '_tag' && f.operator === 'eq'));
    if (!sorted || !simple) return original(request);
    let entry = index.get(request.resourceType);
    if (!entry) {
      const timed = [...(stored.get(request.resourceType)?.values() ?? [])].map((r) => ({ r, time: Date.parse(r.meta!.lastUpdated!) }));
      timed.sort((a, b) => a.time - b.time); // stable: ties keep the repository's order
      entry = { list: timed.map((t) => t.r), times: timed.map((t) => t.time), memo: new Map() };
      index.set(request.resourceType, entry);
    }
    // The matches are kept per filter set, so following `next` links costs one page, not one scan.
    const key = JSON.stringify(filters);
    let matches = entry.memo.get(key);
    if (!matches) {
      const tests = filters.map((f): ((r: Resource, time: number) => boolean) => {
        if (f.code === '_lastUpdated') {
          const at = Date.parse(f.value);
          return f.operator === 'gt' ? (_, time) => time > at : (_, time) => time >= at;
        }
        const [system, code] = f.value.includes('|') ? f.value.split('|') : [undefined, f.value];
        return (r) => r.meta?.tag?.some((t) => t.code === code && (system === undefined || t.system === system)) ?? false;
      });
      const { list, times } = entry;
      matches = list.filter((r, i) => tests.every((test) => test(r, times[i]!)));
      entry.memo.set(key, matches);
    }
    const offset = request.offset ?? 0;
    let page = matches.slice(offset, request.count === undefined ? undefined : offset + request.count);
    // `_elements` (the adapter lists ids to find deletes): the stock repository ignores it and sends whole resources.
    const fields = request.fields;
    if (fields?.length) page = page.map((r) => Object.fromEntries(Object.entries(r).filter(([name]) => name === 'resourceType' || name === 'id' || name === 'meta' || fields.includes(name))) as Resource);
    // Stored versions are never mutated in place (each write stores a new object), so no clone is needed.
    return { resourceType: 'Bundle', type: 'searchset', total: matches.length, ...(page.length ? { entry: page.map((resource) => ({ resource })) } : {}) };
  }) as Search;
}
