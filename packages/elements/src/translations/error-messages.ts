import { ConflictError, isCasekitError, TransitionError, hasErrorCode } from '@casekit/core';
import type { CasekitErrorCode, ValidationIssue } from '@casekit/core';
import type { Translation } from './types.js';

/** A core error in a case manager's words. */
export interface LocalizedError {
  code: CasekitErrorCode | 'unknown';
  /** One message for the whole error (for a banner, a toast or `ck-error`). */
  message: string;
  /** Validation problems by field path joined with dots (`contact.email`, `items.3.answer`). */
  fields: Map<string, string>;
  /** True for a `ConflictError`: offer "Reload" and "Keep editing" and keep the user's input. */
  conflict: boolean;
  /** The original error. */
  error: unknown;
}

export interface DescribeErrorOptions {
  /** Label for a field path (default: the translation's `fields` table, then the last path segment). */
  fieldLabel?: (path: string) => string | undefined;
  /** Formats a list of words (`Intl.ListFormat`); default joins with commas. */
  list?: (items: string[]) => string;
  /** Label for a status a TransitionError names (default: the case-status table). */
  statusLabel?: (status: string) => string;
}

/** Path of a validation issue as a dotted key: `['contact', 'email']` -> `contact.email`. */
export function issueKey(path: readonly (string | number)[]): string {
  return path.join('.');
}

/** Turns anything thrown by core (or elsewhere) into localized messages, per field where possible. */
export function describeError(error: unknown, t: Translation, options: DescribeErrorOptions = {}): LocalizedError {
  const list = options.list ?? ((items: string[]) => items.join(', '));
  const statusLabel = options.statusLabel ?? ((s: string) => (t.status as Record<string, string>)[s] ?? s);
  const label = (path: string): string => {
    const custom = options.fieldLabel?.(path);
    if (custom) return custom;
    if (t.fields[path]) return t.fields[path];
    // `items.3.answer` -> try without indexes, then the last named segment.
    const named = path.split('.').filter((p) => !/^\d+$/.test(p));
    return t.fields[named.join('.')] ?? named.at(-1) ?? path;
  };
  const result = (code: LocalizedError['code'], message: string, fields = new Map<string, string>()): LocalizedError => ({
    code,
    message,
    fields,
    conflict: code === 'conflict',
    error,
  });

  if (hasErrorCode(error, 'validation')) {
    const fields = new Map<string, string>();
    for (const issue of error.issues) {
      const key = issueKey(issue.path);
      if (!fields.has(key)) fields.set(key, issueMessage(issue, label(key), t));
    }
    const first = fields.size === 1 ? [...fields.values()][0]! : t.errors.validationSummary(fields.size, String(fields.size));
    return result('validation', first, fields);
  }
  if (hasErrorCode(error, 'conflict')) return result('conflict', t.errors.conflict);
  if (hasErrorCode(error, 'permission')) {
    const action = (t.errors.permissionActions as Record<string, string>)[error.action] ?? error.action;
    const thing = t.errors.collections[error.collection] ?? error.collection;
    return result('permission', t.errors.permission(action, thing));
  }
  if (hasErrorCode(error, 'transition')) {
    const from = statusLabel(error.from);
    const to = statusLabel(error.to);
    return result(
      'transition',
      error.allowed.length ? t.errors.transition(from, to, list(error.allowed.map(statusLabel))) : t.errors.transitionNone(from, to),
    );
  }
  if (hasErrorCode(error, 'not-found')) return result('not-found', t.errors.notFound(t.errors.collections[error.collection] ?? error.collection));
  if (isCasekitError(error)) {
    const byCode: Partial<Record<CasekitErrorCode, string>> = {
      storage: t.errors.storage,
      'quota-exceeded': t.errors.quotaExceeded,
      'database-blocked': t.errors.databaseBlocked,
      'database-closed': t.errors.databaseClosed,
      unauthenticated: t.errors.unauthenticated,
      unavailable: t.errors.unavailable,
    };
    return result(error.code, byCode[error.code] ?? t.errors.unknown);
  }
  return result('unknown', t.errors.unknown);
}

function issueMessage(issue: ValidationIssue, field: string, t: Translation): string {
  switch (issue.code) {
    case 'required':
      return t.errors.required(field);
    case 'too_small':
      return t.errors.tooShort(field);
    case 'too_big':
      return t.errors.tooLong(field);
    case 'invalid_format':
    case 'invalid_string':
      return t.errors.invalidFormat(field);
    case 'invalid_value':
    case 'invalid_enum_value':
    case 'invalid_union':
      return t.errors.invalidValue(field);
    case 'invalid_type':
      return t.errors.required(field);
    default:
      return t.errors.invalid(field);
  }
}
