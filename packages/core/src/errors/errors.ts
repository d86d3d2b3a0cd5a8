import type * as z from 'zod/mini';

/**
 * Every error casekit throws has one of these codes, so hosts can switch on `error.code`. `internal`:
 * something casekit did not expect (a bug, or a host callback that threw); `cause` holds the original.
 * `unauthenticated` and `unavailable` come from storages with a server behind them: the sign-in expired
 * (sign in again), or the server could not be reached or is failing (try again later).
 */
const CASEKIT_ERROR_CODES = [
  'validation',
  'conflict',
  'not-found',
  'transition',
  'permission',
  'storage',
  'quota-exceeded',
  'database-blocked',
  'database-closed',
  'unauthenticated',
  'unavailable',
  'internal',
] as const;
export type CasekitErrorCode = (typeof CASEKIT_ERROR_CODES)[number];

/** Base class of every error casekit throws. A failed call has written nothing. */
export class CasekitError extends Error {
  readonly code: CasekitErrorCode;
  constructor(code: CasekitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** One problem with input, located by a path such as `['contact', 'email']` or `['items', 3, 'answer']`. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  /** Machine-readable reason (zod issue code or a casekit code such as `required`). */
  code: string;
}

/** Input was rejected. `issues` carry field paths so forms can show each message beside its field. */
export class ValidationError extends CasekitError {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], message?: string, options?: { cause?: unknown }) {
    super('validation', message ?? summarize(issues), options);
    this.issues = issues;
  }

  static fromZod(error: z.core.$ZodError, prefix: (string | number)[] = []): ValidationError {
    const issues = error.issues.map((issue) => ({
      path: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: issue.message,
      code: issue.code,
    }));
    return new ValidationError(issues, undefined, { cause: error });
  }
}

function summarize(issues: ValidationIssue[]): string {
  const first = issues[0];
  if (!first) return 'Invalid input';
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `Invalid input — ${where}${first.message}${more}`;
}

/** A write was based on a stale version: someone else changed the record first. */
export class ConflictError extends CasekitError {
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      'conflict',
      actualVersion === undefined
        ? `${collection}/${id} was expected at version ${expectedVersion} but does not exist`
        : expectedVersion === 0
          ? `${collection}/${id} already exists`
          : `${collection}/${id} was changed by someone else (version ${actualVersion}, edit based on ${expectedVersion})`,
      options,
    );
  }
}

export class NotFoundError extends CasekitError {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super('not-found', `${collection}/${id} was not found`);
  }
}

/** A state machine refused a status change. `allowed` lists what this actor could do instead. */
export class TransitionError extends CasekitError {
  constructor(
    readonly machine: string,
    readonly from: string,
    readonly to: string,
    readonly allowed: string[],
    reason?: string,
  ) {
    super(
      'transition',
      reason ??
        `${machine} cannot move from "${from}" to "${to}"` +
          (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (no transitions allowed)'),
    );
  }
}

/** The access policy refused the action for this actor. */
export class PermissionError extends CasekitError {
  constructor(
    readonly actorId: string,
    readonly role: string,
    readonly action: string,
    readonly collection: string,
    readonly recordId?: string,
  ) {
    super(
      'permission',
      `${role} ${actorId} may not ${action} ${collection}${recordId ? `/${recordId}` : ''}`,
    );
  }
}

/** A storage engine failed. `code` says whether it was quota, a blocked upgrade or a closed database. */
export class StorageError extends CasekitError {
  constructor(
    code: Extract<CasekitErrorCode, 'storage' | 'quota-exceeded' | 'database-blocked' | 'database-closed' | 'unauthenticated' | 'unavailable'>,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/**
 * True for an error casekit threw. Decided by its `code`, not by class: a host can end up with two
 * copies of @casekit/core (say, one bundled by a widget package), and an error from one copy is not
 * an `instanceof` the other's classes.
 */
export function isCasekitError(error: unknown): error is CasekitError {
  if (error instanceof CasekitError) return true;
  const code = error instanceof Error ? (error as unknown as { code?: unknown }).code : undefined;
  return typeof code === 'string' && CODES.has(code);
}

/** The error class that carries each code. */
export interface CasekitErrorByCode {
  validation: ValidationError;
  conflict: ConflictError;
  'not-found': NotFoundError;
  transition: TransitionError;
  permission: PermissionError;
  storage: StorageError;
  'quota-exceeded': StorageError;
  'database-blocked': StorageError;
  'database-closed': StorageError;
  unauthenticated: StorageError;
  unavailable: StorageError;
  internal: CasekitError;
}

const CODES = new Set<string>(CASEKIT_ERROR_CODES);

/**
 * True when `error` is a casekit error with this code, typed as its class: `if (hasErrorCode(e,
 * 'validation')) e.issues`. Use it rather than `instanceof`, which fails across two copies of core.
 */
export function hasErrorCode<C extends CasekitErrorCode>(error: unknown, code: C): error is CasekitErrorByCode[C] {
  return isCasekitError(error) && error.code === code;
}
