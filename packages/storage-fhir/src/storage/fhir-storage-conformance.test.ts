// core's storage conformance suite over createFhirStorage: a real FHIR R4 server over loopback HTTP as
// the system of record, with each replica users run — memory (Node services) and Dexie (browsers; here
// on fake-indexeddb, the same IndexedDB API). Each case gets a fresh server.
import { after, describe, it } from 'node:test';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createMemoryStorage, type StoragePort } from '@casekit/core';
import { runStorageConformance } from '@casekit/core/testing';
import { createDexieStorage } from '@casekit/storage-dexie';
import { startFhirServer, type FhirTestServer } from '../test/fhir-server.js';
import { createFhirStorage } from './fhir-storage.js';

const servers: FhirTestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function overServer(replica: () => StoragePort) {
  const server = await startFhirServer();
  servers.push(server);
  return createFhirStorage({ baseUrl: server.baseUrl, replica: replica(), pollIntervalMs: 40 });
}

let n = 0;
describe('FHIR storage with a memory replica', () => {
  runStorageConformance(() => overServer(() => createMemoryStorage()), { describe, it });
});

describe('FHIR storage with a Dexie replica', () => {
  runStorageConformance(() => overServer(() => createDexieStorage({ name: `fhir-replica-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange })), { describe, it });
});
