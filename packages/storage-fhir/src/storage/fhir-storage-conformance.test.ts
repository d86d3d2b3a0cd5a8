// core's storage conformance suite over createFhirStorage: a real FHIR R4 server over loopback HTTP as
// the system of record, a memory replica for queries. Each case gets a fresh server.
import { after, describe, it } from 'node:test';
import { createMemoryStorage } from '@casekit/core';
import { runStorageConformance } from '@casekit/core/testing';
import { startFhirServer, type FhirTestServer } from '../test/fhir-server.js';
import { createFhirStorage } from './fhir-storage.js';

const servers: FhirTestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

runStorageConformance(
  async () => {
    const server = await startFhirServer();
    servers.push(server);
    return createFhirStorage({ baseUrl: server.baseUrl, replica: createMemoryStorage(), pollIntervalMs: 40 });
  },
  { describe, it },
);
