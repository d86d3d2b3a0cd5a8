import { ConflictError, PermissionError, StorageError, ValidationError } from '@casekit/core';
import type { ValidationIssue } from '@casekit/core';
import type { OperationOutcome } from './fhir-types.js';

/** What a FHIR server said about a failed request: its status and OperationOutcome, when it sent them. */
export interface FhirFailure {
  /** HTTP status; absent when no answer arrived. */
  status?: number;
  outcome?: OperationOutcome;
  /** Each issue's `diagnostics` (or `details.text`), in order. */
  diagnostics: string[];
}

/**
 * Why a FHIR request failed, in more detail than core's code: `unauthenticated` → code
 * `unauthenticated`; `network` and `unavailable` → `unavailable`; the rest → `storage`.
 */
export type FhirFailureReason = 'unauthenticated' | 'network' | 'unavailable' | 'server' | 'unsupported-server' | 'unexpected-response';

/** A FHIR server could not be used. `code` is `unauthenticated`, `unavailable` or `storage`; `reason` says more. */
export class FhirStorageError extends StorageError implements FhirFailure {
  readonly reason: FhirFailureReason;
  readonly status?: number;
  readonly outcome?: OperationOutcome;
  readonly diagnostics: string[];
  /** How long the server asked to wait before trying again (Retry-After), when it said. */
  readonly retryAfterMs?: number;

  constructor(reason: FhirFailureReason, message: string, failure: Partial<FhirFailure> & { retryAfterMs?: number } = {}, options?: { cause?: unknown }) {
    super(codeOf(reason), withDiagnostics(message, failure.diagnostics), options);
    this.reason = reason;
    if (failure.status !== undefined) this.status = failure.status;
    if (failure.outcome !== undefined) this.outcome = failure.outcome;
    this.diagnostics = failure.diagnostics ?? [];
    if (failure.retryAfterMs !== undefined) this.retryAfterMs = failure.retryAfterMs;
  }
}

function codeOf(reason: FhirFailureReason): 'unauthenticated' | 'unavailable' | 'storage' {
  if (reason === 'unauthenticated') return reason;
  return reason === 'network' || reason === 'unavailable' ? 'unavailable' : 'storage';
}

/** 401 even after asking `getAccessToken` for a fresh token: the user must sign in again. */
export class FhirAuthError extends FhirStorageError {
  constructor(failure: FhirFailure) {
    super('unauthenticated', 'The FHIR server refused the access token (401), also after a refresh', failure);
  }
}

/**
 * No answer arrived (connection refused or cut, timeout). `applied` says what is known about a write:
 * `no` (it did not land; safe to send again), or `unknown` (it may have landed: check with
 * `transactionStatus` before sending it again). Reads are always `no`.
 */
export class FhirNetworkError extends FhirStorageError {
  readonly applied: 'no' | 'unknown';
  /** The transaction's idempotency marker, to check later whether it landed. */
  readonly transactionId?: string;

  constructor(message: string, applied: 'no' | 'unknown', options: { cause?: unknown; transactionId?: string } = {}) {
    super('network', message, {}, { cause: options.cause });
    this.applied = applied;
    if (options.transactionId !== undefined) this.transactionId = options.transactionId;
  }
}

/** The server lacks something casekit needs (`transaction`, versioned updates, R4). */
export class FhirCapabilityError extends FhirStorageError {
  readonly missing: string[];

  constructor(missing: string[]) {
    super('unsupported-server', `The FHIR server cannot be casekit's system of record: ${missing.join('; ')}`);
    this.missing = missing;
  }
}

/** One write in a transaction whose version precondition failed. */
export interface VersionConflict {
  /** Index of the entry in the transaction as sent. */
  entry: number;
  resourceType: string;
  id: string;
  /** The versionId the write was based on (its If-Match). */
  expectedVersionId: string;
  /** The server's current versionId; undefined when the resource is gone or was never there. */
  currentVersionId: string | undefined;
}

/**
 * 412 (or 409): a write was based on a stale version and the whole transaction was refused. `conflicts`
 * lists each stale entry with the server's current version (found by re-reading, since servers rarely
 * say which entry failed). core's `expectedVersion`/`actualVersion` are numbers: they hold the FHIR
 * versionIds when those are integers, NaN otherwise; `expectedVersionId`/`currentVersionId` always hold them.
 */
export class FhirConflictError extends ConflictError implements FhirFailure {
  readonly status: number;
  readonly outcome?: OperationOutcome;
  readonly diagnostics: string[];
  readonly conflicts: VersionConflict[];
  readonly expectedVersionId: string | undefined;
  readonly currentVersionId: string | undefined;

  constructor(conflicts: VersionConflict[], failure: FhirFailure & { status: number }) {
    const first = conflicts[0];
    super(first?.resourceType ?? 'Bundle', first?.id ?? '', versionNumber(first?.expectedVersionId) ?? Number.NaN, first ? versionNumber(first.currentVersionId) : undefined);
    this.status = failure.status;
    if (failure.outcome !== undefined) this.outcome = failure.outcome;
    this.diagnostics = failure.diagnostics;
    this.conflicts = conflicts;
    this.expectedVersionId = first?.expectedVersionId;
    this.currentVersionId = first?.currentVersionId;
    const which = conflicts.length
      ? conflicts.map((c) => `${c.resourceType}/${c.id} is at ${c.currentVersionId === undefined ? 'no version (gone)' : `version ${c.currentVersionId}`}, the write was based on ${c.expectedVersionId}`).join('; ')
      : 'a precondition failed but no If-Match entry is stale (an If-None-Exist search may have matched more than one resource)';
    this.message = withDiagnostics(`FHIR transaction refused (${failure.status}): ${which}`, failure.diagnostics);
  }
}

/**
 * 403: the server's own authorisation refused the request. It wins over casekit's policy; there is no
 * casekit actor or role to name, so `actorId`/`role` are empty and `action` is the HTTP interaction.
 */
export class FhirPermissionError extends PermissionError implements FhirFailure {
  readonly status = 403;
  readonly outcome?: OperationOutcome;
  readonly diagnostics: string[];

  constructor(action: string, resourceType: string, id: string | undefined, failure: FhirFailure) {
    super('', '', action, resourceType, id);
    if (failure.outcome !== undefined) this.outcome = failure.outcome;
    this.diagnostics = failure.diagnostics;
    this.message = withDiagnostics(`The FHIR server refused ${action} ${resourceType}${id ? `/${id}` : ''} (403)`, failure.diagnostics);
  }
}

/** 400/422: the server rejected the content. Issues carry the OperationOutcome's FHIRPath expressions as paths. */
export class FhirValidationError extends ValidationError implements FhirFailure {
  readonly status: number;
  readonly outcome?: OperationOutcome;
  readonly diagnostics: string[];

  constructor(failure: FhirFailure & { status: number }) {
    const issues: ValidationIssue[] = (failure.outcome?.issue ?? [])
      .filter((issue) => issue.severity !== 'information' && issue.severity !== 'warning')
      .map((issue) => ({
        path: issue.expression?.[0]?.split('.') ?? [],
        message: issue.diagnostics ?? issue.details?.text ?? 'Invalid',
        code: issue.code ?? 'invalid',
      }));
    super(issues.length ? issues : [{ path: [], message: failure.diagnostics[0] ?? `Rejected with ${failure.status}`, code: 'invalid' }]);
    this.status = failure.status;
    if (failure.outcome !== undefined) this.outcome = failure.outcome;
    this.diagnostics = failure.diagnostics;
  }
}

/** The diagnostics of every issue in an OperationOutcome (falling back to details.text). */
export function diagnosticsOf(outcome: OperationOutcome | undefined): string[] {
  return (outcome?.issue ?? []).map((issue) => issue.diagnostics ?? issue.details?.text).filter((text): text is string => Boolean(text));
}

function withDiagnostics(message: string, diagnostics: readonly string[] | undefined): string {
  return diagnostics?.length ? `${message}: ${diagnostics.join('; ')}` : message;
}

function versionNumber(versionId: string | undefined): number | undefined {
  if (versionId === undefined) return undefined;
  return /^\d+$/.test(versionId) ? Number(versionId) : Number.NaN;
}
