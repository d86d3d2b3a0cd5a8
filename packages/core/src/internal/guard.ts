import { CasekitError, PermissionError } from '../errors/errors.js';
import type { AuditAction } from '../audit/audit-schema.js';
import type { PolicyAction } from '../policy/policy.js';
import { COLLECTIONS, type CollectionName } from '../records/record.js';
import type { ManagerContext } from './context.js';

const AUDIT_ACTION: Record<PolicyAction, AuditAction> = {
  read: 'read',
  create: 'create',
  update: 'update',
  transition: 'transition',
  delete: 'delete',
  approve: 'approve',
  'override-consent': 'override',
  export: 'export',
  import: 'import',
  // The audit log has no transfer action: a transfer is an update of the case's assignee.
  transfer: 'update',
  'accept-transfer': 'update',
};

/**
 * Wraps every method of a namespace so that each public call keeps casekit's two promises whatever
 * happens inside it: it throws only `CasekitError`s (anything else becomes an `internal` error with
 * the original as `cause`), and a refusal by the policy is recorded in the audit log before the
 * PermissionError reaches the caller. Calls write only at their end, so a failure has written nothing
 * else.
 */
export function guard<T extends object>(context: ManagerContext, namespace: string, api: T): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(api)) {
    if (typeof member !== 'function') {
      guarded[name] = member;
      continue;
    }
    const call = `${namespace}.${name}`;
    guarded[name] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = (member as (...a: unknown[]) => unknown).apply(api, args);
      } catch (error) {
        throw asCasekitError(error, call);
      }
      return result instanceof Promise ? result.catch((error: unknown) => failed(context, error, call)) : result;
    };
  }
  return guarded as T;
}

async function failed(context: ManagerContext, error: unknown, call: string): Promise<never> {
  if (error instanceof PermissionError) await recordRefusal(context, error);
  throw asCasekitError(error, call);
}

function asCasekitError(error: unknown, call: string): CasekitError {
  if (error instanceof CasekitError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CasekitError('internal', `${call} failed unexpectedly: ${message}`, { cause: error });
}

async function recordRefusal(context: ManagerContext, error: PermissionError): Promise<void> {
  const collection = (COLLECTIONS as readonly string[]).includes(error.collection) ? (error.collection as CollectionName) : 'cases';
  const action = AUDIT_ACTION[error.action as PolicyAction] ?? 'read';
  try {
    const writer = context.writer();
    writer.noteRefusal(collection, error.recordId ?? collection, action);
    await writer.commit();
  } catch (auditError) {
    // The attempt is refused either way; nothing was disclosed. Say why the refusal went unrecorded.
    console.error('casekit: could not record a refused attempt in the audit log', auditError);
  }
}
