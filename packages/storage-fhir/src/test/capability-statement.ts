import { getResourceTypes } from '@medplum/core';
import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';

const TYPE_INTERACTIONS: CapabilityStatementRestResource['interaction'] = [
  'read',
  'vread',
  'update',
  'patch',
  'delete',
  'history-instance',
  'history-type',
  'create',
  'search-type',
].map((code) => ({ code: code as NonNullable<CapabilityStatementRestResource['interaction']>[number]['code'] }));

/**
 * What the test server answers at `GET [base]/metadata`. @medplum/fhir-router has no `metadata` route
 * at all (a GET there is taken for a search of a type called "metadata" and answers an empty Bundle),
 * so the harness states the behaviour it actually implements: R4, transactions, versioned updates.
 */
export function capabilityStatement(baseUrl: string, options: { bearer: boolean }): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-01',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    implementation: { description: 'casekit test FHIR server (@medplum/fhir-router, in memory)', url: baseUrl },
    rest: [
      {
        mode: 'server',
        ...(options.bearer
          ? { security: { service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }] } }
          : {}),
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }],
        resource: getResourceTypes().map((type) => ({
          type,
          interaction: TYPE_INTERACTIONS,
          versioning: 'versioned-update',
          readHistory: true,
          updateCreate: true,
          conditionalCreate: true,
          conditionalUpdate: true,
          conditionalDelete: 'single',
          searchParam: [
            { name: '_id', type: 'token' },
            { name: '_lastUpdated', type: 'date' },
            { name: '_tag', type: 'token' },
          ],
        })),
      },
    ],
  };
}
