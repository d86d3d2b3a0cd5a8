export { createFhirClient } from './fhir-client.js';
export type { FhirClient, FhirClientOptions, SearchPage, SearchParams, TransactionOptions, TransactionStatus } from './fhir-client.js';
export type { AccessTokenProvider, RetryPolicy } from './http.js';
export type { CapabilityRequirements } from './capabilities.js';
export { TRANSACTION_MARKER_URL, transactionMarkerOf } from './transaction.js';
export type { TransactionEntry, TransactionEntryResult, TransactionResult } from './transaction.js';
export { FhirAuthError, FhirCapabilityError, FhirConflictError, FhirNetworkError, FhirPermissionError, FhirStorageError, FhirValidationError } from './errors.js';
export type { FhirFailure, FhirFailureReason, VersionConflict } from './errors.js';
export type { Bundle, BundleEntry, BundleEntryRequest, BundleEntryResponse, BundleLink, CapabilityStatement, FhirExtension, FhirMeta, FhirResource, OperationOutcome, OperationOutcomeIssue } from './fhir-types.js';
