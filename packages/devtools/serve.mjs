// A small static file server for the examples (the demo needs no build step from its host: any static
// server works; this one just needs nothing installed). Serves examples/ on http://127.0.0.1:$PORT;
// `startServer({ root })` serves another folder (the consumer smoke test serves its built apps).
// Run as a script it also starts the FHIR server the demo's `?storage=fhir` mode uses (FHIR_PORT).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const root = resolve(fileURLToPath(new URL('../../examples', import.meta.url)));
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const fhirPort = Number(process.env.FHIR_PORT ?? 8081);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// Examples that need a build step of their own are served from their build output: a Vite app's
// index.html loads /src/main.tsx, which only Vite's dev server can serve (it was a blank page here).
// `pnpm demo` (and so `npm start`) builds them first.
const builtExamples = {
  '/react-host/': { dist: '/react-host/dist/', build: 'pnpm --filter @casekit/example-react-host build' },
  '/vue-host/': { dist: '/vue-host/dist/', build: 'pnpm --filter @casekit/example-vue-host build' },
};

const isFile = (path) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

export function startServer({ port: listenPort = port, host: listenHost = host, root: rootOption = root } = {}) {
  const serveRoot = resolve(rootOption);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // Redirects keep the query (`/?cases=10000` must reach the demo as `/static-demo/?cases=10000`).
    const redirect = (pathname) => response.writeHead(302, { location: `${pathname}${url.search}` }).end();
    if (url.pathname === '/' && serveRoot === root) return redirect('/static-demo/');
    let pathname = decodeURIComponent(url.pathname);
    if (serveRoot === root) {
      for (const [prefix, { dist, build }] of Object.entries(builtExamples)) {
        if (!pathname.startsWith(prefix) || pathname.startsWith(dist)) continue;
        if (!isFile(join(root, dist, 'index.html'))) {
          response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
          return response.end(`${prefix} is served from its build output, which is missing: run \`${build}\` (\`npm start\` does).\n`);
        }
        pathname = dist + pathname.slice(prefix.length);
      }
    }
    let path = normalize(join(serveRoot, pathname));
    if (path !== serveRoot && !path.startsWith(serveRoot + sep)) {
      response.writeHead(403).end('Forbidden');
      return;
    }
    try {
      if (statSync(path).isDirectory()) {
        // `/static-demo` -> `/static-demo/`, or the page's relative URLs resolve against the parent.
        if (!url.pathname.endsWith('/')) return redirect(`${url.pathname}/`);
        path = join(path, 'index.html');
      }
      statSync(path);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(path).pipe(response);
  });
  return new Promise((resolveListen) => server.listen(listenPort, listenHost, () => resolveListen(server)));
}

/**
 * Starts packages/storage-fhir/src/test/demo-server.ts (TypeScript, so through tsx) as a child process,
 * allowing `origins` by CORS, and resolves with its base URL once it has seeded and answers. `port: 0`
 * picks a free one. The child is stopped by `close()`, and with this process.
 */
export function startFhirServerProcess({ port: listenPort = fhirPort, host: listenHost = host, origins = [], seedClients } = {}) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/storage-fhir/src/test/demo-server.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      FHIR_PORT: String(listenPort),
      FHIR_HOST: listenHost,
      FHIR_CORS_ORIGINS: origins.join(','),
      ...(seedClients === undefined ? {} : { FHIR_SEED_CLIENTS: String(seedClients) }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => child.exitCode === null && child.kill('SIGTERM');
  process.once('exit', stop);
  const exited = new Promise((done) => child.once('exit', done));
  return new Promise((resolveReady, rejectReady) => {
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      output += text;
      const baseUrl = /FHIR server ready: (\S+)/.exec(output)?.[1];
      if (!baseUrl) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolveReady({
        baseUrl,
        async close() {
          process.off('exit', stop);
          stop();
          await exited;
        },
      });
    });
    child.once('exit', (code) => rejectReady(new Error(`the demo FHIR server exited (${code}) before it was ready\n${output}`)));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await startServer();
  const base = `http://${host}:${port}`;
  console.log(`casekit demo: ${base}/  (Ctrl+C to stop)`);
  console.log(`  ${base}/?cases=10000   the board with 10,000 generated cases`);
  console.log(`  ${base}/plain-html/  ${base}/ehr-host/  ${base}/react-host/  ${base}/vue-host/`);
  console.log(`  ${base}/smart-launch/launch.html   the SMART launch URL to register in an EHR (see examples/smart-launch/README.md)`);
  // The demo reaches the FHIR server at its own host name, port 8081 (`&fhir=` says where when FHIR_PORT moves it).
  const fhirQuery = fhirPort === 8081 ? '?storage=fhir' : `?storage=fhir&fhir=${encodeURIComponent(`http://${host}:${fhirPort}/fhir`)}`;
  const origins = [...new Set([base, `http://localhost:${port}`])];
  startFhirServerProcess({ origins }).then(
    ({ baseUrl }) => console.log(`  ${base}/${fhirQuery}   the demo on the FHIR R4 server at ${baseUrl} (open it in two windows)`),
    (error) => console.error(`The demo FHIR server did not start: ${error.message}`),
  );
  // Ctrl+C or a kill ends the process through 'exit', which stops the FHIR server child too.
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
}
