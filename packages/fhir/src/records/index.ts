/** casekit records as FHIR R4 resources and back: the public API of this folder (wired into the package index). */
export { toFhir } from './to-fhir.js';
export type { ToFhirOptions } from './to-fhir.js';
export { fromFhir } from './from-fhir.js';
export type { FromFhirOptions, FromFhirResult, MappedRecord } from './from-fhir.js';
export { toFhirBundle, fromFhirBundle } from '../bundle/bundle.js';
export type { ToFhirBundleOptions, FromFhirBundleResult } from '../bundle/bundle.js';
export { CASEKIT_CODE_BASE } from './codes.js';
export { MAIN_RESOURCE_TYPE, RESOURCE_TYPES } from './resource-types.js';
export { fhirIdFor, isFhirId } from '../ids.js';
