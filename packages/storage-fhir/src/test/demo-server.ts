/**
 * The FHIR server the static demo's `?storage=fhir` mode talks to: the test server (fhir-server.ts)
 * behind a small CORS front on a fixed loopback port, seeded once with the demo caseload through
 * casekit itself (so every browser window starts from the same records, and none has to seed).
 *
 * Run by packages/devtools/serve.mjs as `node --conditions=source --import tsx demo-server.ts`:
 *   FHIR_PORT (default 8081; 0 for any free port), FHIR_HOST (default 127.0.0.1),
 *   FHIR_CORS_ORIGINS (comma-separated origins allowed to call it, e.g. `http://127.0.0.1:8080`),
 *   FHIR_SEED_CLIENTS (default 300, as the IndexedDB demo; 0 leaves the server empty).
 * It prints one line, `FHIR server ready: <baseUrl>`, once it answers, and stops on SIGTERM/SIGINT.
 *
 * The test server listens on a random port and writes its own base URL into `next` links and
 * `Location`s; the front rewrites that URL to its own, so a browser only ever sees the public origin.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { createCaseManager, createMemoryStorage } from '@casekit/core';
import { createSeedCaseload } from '@casekit/core/testing';
import { createFhirStorage } from '../storage/fhir-storage.js';
import { startFhirServer } from './fhir-server.js';

export interface DemoFhirServerOptions {
  port?: number;
  host?: string;
  /** Origins allowed by CORS (exact match, e.g. `http://127.0.0.1:8080`). */
  allowedOrigins?: readonly string[];
  /** Clients in the seeded caseload (0: none). */
  seedClients?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoFhirServer {
  /** e.g. `http://127.0.0.1:8081/fhir` */
  readonly baseUrl: string;
  close(): Promise<void>;
}

// What casekit's client sends and reads across origins (ETag/Location carry versions; not CORS-safelisted).
const ALLOW_HEADERS = 'authorization, content-type, accept, if-match, if-none-exist, prefer';
const EXPOSE_HEADERS = 'x-demo-instance, etag, location, last-modified, content-location, retry-after, www-authenticate';
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

export async function startDemoFhirServer(options: DemoFhirServerOptions = {}): Promise<DemoFhirServer> {
  const inner = await startFhirServer();
  const innerUrl = new URL(inner.baseUrl);
  const allowed = new Set(options.allowedOrigins ?? []);
  const host = options.host ?? '127.0.0.1';
  let publicBase = '';
  // Which run of the server this is: a browser's replica from an earlier run is of records that are gone.
  const instance = randomUUID();

  const front = createServer((req, res) => {
    // The test server logs every request for assertions; a long-running demo has no use for the log.
    inner.requests.length = 0;
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin && allowed.has(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': ALLOW_METHODS,
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': '600',
        // Chromium's private-network preflight, for a page whose origin it counts as less private than loopback.
        ...(req.headers['access-control-request-private-network'] ? { 'access-control-allow-private-network': 'true' } : {}),
      });
      return void res.end();
    }
    forward(req, res, cors);
  });

  function forward(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
    const upstream = httpRequest(
      { host: innerUrl.hostname, port: innerUrl.port, method: req.method, path: req.url, headers: { ...req.headers, host: innerUrl.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8').replaceAll(inner.baseUrl, publicBase);
          const headers: Record<string, string> = { ...cors, 'access-control-expose-headers': EXPOSE_HEADERS, 'x-demo-instance': instance };
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value === undefined || name === 'content-length' || name === 'transfer-encoding' || name === 'connection') continue;
            headers[name] = (Array.isArray(value) ? value.join(', ') : value).replaceAll(inner.baseUrl, publicBase);
          }
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    // A dropped upstream connection is passed on as one, as the test server's faults mean it.
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  }

  // Seeded before it listens: no window ever sees half a caseload.
  const clients = options.seedClients ?? 300;
  if (clients > 0) await seed(inner.baseUrl, clients, options.onProgress);

  await new Promise<void>((ready, fail) => {
    front.once('error', fail);
    front.listen(options.port ?? 8081, host, ready);
  });
  publicBase = `http://${host}:${(front.address() as AddressInfo).port}${innerUrl.pathname}`;

  return {
    baseUrl: publicBase,
    async close() {
      front.closeAllConnections();
      await new Promise<void>((done) => front.close(() => done()));
      await inner.close();
    },
  };
}

/** Writes the demo caseload through casekit's FHIR adapter, as a demo window would (one import). */
async function seed(baseUrl: string, clients: number, onProgress?: (done: number, total: number) => void): Promise<void> {
  const storage = await createFhirStorage({ baseUrl, replica: createMemoryStorage(), pollIntervalMs: 0 });
  try {
    const admin = createCaseManager({ storage, actor: { id: 'demo-seed', name: 'Demo data', role: 'admin' } });
    const data = await createSeedCaseload({ clients, now: new Date() });
    await admin.importCaseload(data, { chunkSize: 500, ...(onProgress ? { onProgress: ({ done, total }: { done: number; total: number }) => onProgress(done, total) } : {}) });
  } finally {
    await storage.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const origins = (process.env.FHIR_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const server = await startDemoFhirServer({
    port: Number(process.env.FHIR_PORT ?? 8081),
    host: process.env.FHIR_HOST ?? '127.0.0.1',
    allowedOrigins: origins,
    seedClients: Number(process.env.FHIR_SEED_CLIENTS ?? 300),
  });
  console.log(`FHIR server ready: ${server.baseUrl}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
