// Test-only: a FHIR test server and FHIR storages over it, for the storage tests.
import { createMemoryStorage, type StoragePort } from '@casekit/core';
import { startFhirServer, type FhirServerOptions, type FhirTestServer } from './fhir-server.js';
import { createFhirStorage } from '../storage/fhir-storage.js';
import type { FhirStorage, FhirStorageOptions } from '../storage/sync-types.js';

/** A fetch that can be cut off, as if the network were down: it fails like browsers' fetch does. */
export function switchableFetch(): { fetch: typeof fetch; offline: boolean } {
  const control = {
    offline: false,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
      if (control.offline) return Promise.reject(new TypeError('fetch failed'));
      return globalThis.fetch(input, init);
    }) as typeof fetch,
  };
  return control;
}

export interface Harness {
  server: FhirTestServer;
  open(options?: Partial<FhirStorageOptions>): Promise<FhirStorage>;
  close(): Promise<void>;
}

/** A test server and storages over it; closes them all. Polling is off: tests call `sync.pull()`. */
export async function harness(serverOptions: FhirServerOptions = {}): Promise<Harness> {
  const server = await startFhirServer(serverOptions);
  const opened: FhirStorage[] = [];
  return {
    server,
    async open(options = {}) {
      const replica: StoragePort = options.replica ?? createMemoryStorage();
      const storage = await createFhirStorage({
        baseUrl: server.baseUrl,
        pollIntervalMs: 0,
        client: { retry: { maxAttempts: 2, baseDelayMs: 1 }, sleep: async () => {} },
        ...options,
        replica,
      });
      opened.push(storage);
      return storage;
    },
    async close() {
      for (const storage of opened) await storage.close().catch(() => undefined);
      await server.close();
    },
  };
}

/** Waits (bounded) until `done()` holds; for listeners told after a microtask. */
export async function settle(done: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!done() && Date.now() - start < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 5));
}
