import { CasekitError, StorageError } from '@casekit/core';

/**
 * Turns what IndexedDB or Dexie threw into a typed casekit error, keeping the original as `cause`.
 * Dexie wraps engine errors (a failed put aborts the transaction: `AbortError` whose `inner` is the
 * `QuotaExceededError`), so the whole chain is searched.
 */
export function toStorageError(error: unknown, databaseName: string, closedReason?: string): CasekitError {
  if (error instanceof CasekitError) return error;
  const names = errorChain(error).map((e) => e.name);
  const detail = errorChain(error).map((e) => e.message).find(Boolean) ?? String(error);
  if (names.includes('QuotaExceededError')) {
    return new StorageError(
      'quota-exceeded',
      `The browser refused to store more data for "${databaseName}" (storage quota exceeded). Free space or ask for persistent storage; nothing from this write was saved.`,
      { cause: error },
    );
  }
  if (names.includes('DatabaseClosedError') || (names.includes('InvalidStateError') && /clos/i.test(detail))) {
    return new StorageError(
      'database-closed',
      `Database "${databaseName}" is closed${closedReason ? ` (${closedReason})` : ''}. Reload the page to open it again.`,
      { cause: error },
    );
  }
  if (names.includes('BlockedError')) {
    return new StorageError(
      'database-blocked',
      `Opening database "${databaseName}" is blocked by another tab that keeps an older version open. Close or reload the other tabs.`,
      { cause: error },
    );
  }
  if (names.includes('VersionError')) {
    return new StorageError(
      'storage',
      `Database "${databaseName}" was upgraded by a newer version of casekit (in another tab?). Reload the page.`,
      { cause: error },
    );
  }
  return new StorageError('storage', `Storage "${databaseName}" failed: ${detail}`, { cause: error });
}

interface NamedError {
  name: string;
  message: string;
}

function errorChain(error: unknown): NamedError[] {
  const chain: NamedError[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const e = current as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown };
    chain.push({ name: String(e.name ?? ''), message: String(e.message ?? '') });
    current = e.inner ?? e.cause;
  }
  return chain;
}
