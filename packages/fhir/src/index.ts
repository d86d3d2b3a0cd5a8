/**
 * `@casekit/fhir` — casekit records as FHIR R4 resources and back, SDC Questionnaires in and out, and
 * Open Referral HSDS directories in. Pure functions: no DOM, no network.
 * @packageDocumentation
 */
export type { MappingReport, MappingReportEntry } from './report.js';
export { CASEKIT_EXTENSION_BASE, CASEKIT_ID_SYSTEM, casekitExtension } from './extensions.js';
export * from './hsds/index.js';
export * from './records/index.js';
export * from './questionnaire/index.js';
