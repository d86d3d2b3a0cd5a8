// `capabilities()` reads /metadata and refuses a server that cannot be casekit's system of record.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startFhirServer } from '../test/fhir-server.js';
import type { FhirServerOptions } from '../test/fhir-server.js';
import { FhirCapabilityError } from './errors.js';
import { createFhirClient } from './fhir-client.js';

async function capabilitiesOf(options: FhirServerOptions, resourceTypes?: string[]) {
  const server = await startFhirServer(options);
  try {
    return await createFhirClient({ baseUrl: server.baseUrl }).capabilities(resourceTypes ? { resourceTypes } : {});
  } finally {
    await server.close();
  }
}

describe('capabilities', () => {
  it('accepts an R4 server with transactions and versioned updates', async () => {
    const statement = await capabilitiesOf({}, ['Patient', 'EpisodeOfCare', 'Task']);
    assert.equal(statement.fhirVersion, '4.0.1');
  });

  it('refuses a server without the transaction interaction', async () => {
    const withoutTransactions: FhirServerOptions['capabilities'] = (cs) => ({
      ...cs,
      rest: cs.rest?.map((rest) => ({ ...rest, interaction: rest.interaction?.filter((i) => i.code !== 'transaction') })),
    });
    await assert.rejects(capabilitiesOf({ capabilities: withoutTransactions }), (error: unknown) => error instanceof FhirCapabilityError && error.missing.includes('the transaction interaction'));
  });

  it('refuses a server whose resource types lack versioned updates', async () => {
    const versionedOnly: FhirServerOptions['capabilities'] = (cs) => ({
      ...cs,
      rest: cs.rest?.map((rest) => ({ ...rest, resource: rest.resource?.map((r) => (r.type === 'Task' ? { ...r, versioning: 'versioned' as const } : r)) })),
    });
    await assert.rejects(capabilitiesOf({ capabilities: versionedOnly }, ['Patient', 'Task']), (error: unknown) => {
      assert.ok(error instanceof FhirCapabilityError);
      assert.equal(error.missing.length, 1);
      assert.match(error.message, /versioned updates \(If-Match\) on Task/);
      return true;
    });
  });

  it('refuses a server that is not R4', async () => {
    await assert.rejects(capabilitiesOf({ capabilities: (cs) => ({ ...cs, fhirVersion: '3.0.1' }) }), (error: unknown) => error instanceof FhirCapabilityError && /R4/.test(error.message));
  });

  it('refuses a server with no /metadata (the library as shipped)', async () => {
    await assert.rejects(capabilitiesOf({ stock: true }), FhirCapabilityError);
  });
});
