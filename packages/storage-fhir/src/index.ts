/**
 * `@casekit/storage-fhir` — casekit storage on an EHR's FHIR R4 server (the system of record), with a
 * local replica for queries and a durable outbox for offline writes; and the FHIR REST client it is
 * built on (fetch only, for browsers and Node 20).
 * @packageDocumentation
 */
export * from './client/index.js';
export * from './storage/index.js';
