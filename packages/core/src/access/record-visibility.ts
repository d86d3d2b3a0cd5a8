import type { AuditEvent } from '../audit/audit-schema.js';
import type { CaseRecord } from '../case/case-schema.js';
import type { ManagerContext } from '../internal/context.js';
import type { CollectionName } from '../records/record.js';
import type { StoredRecord } from '../storage/storage-port.js';
import { mayReadAuditEvent, type CaseLookup } from './audit-visibility.js';

const CASE_SCOPED: readonly CollectionName[] = ['assessments', 'plans', 'referrals', 'notes'];

/**
 * Whether this actor may read a stored record of any collection, by the same rules as the API's
 * reads — used where records are read in bulk (export), so nothing leaves that `get` would refuse.
 */
export function mayReadRecord(context: ManagerContext, collection: CollectionName, record: StoredRecord, lookup: CaseLookup): boolean {
  switch (collection) {
    case 'cases': {
      const c = record as unknown as CaseRecord;
      return context.allows({ action: 'read', collection, record: c, case: c });
    }
    case 'clients':
      return context.mayReadClientRecord(record, lookup.casesOfClient(record.id));
    case 'consents':
      return context.mayReadClientRecord(record, lookup.casesOfClient(String(record['clientId'])), 'consents');
    case 'audit':
      return mayReadAuditEvent(context, record as unknown as AuditEvent, lookup);
    default:
      if (CASE_SCOPED.includes(collection)) return context.allows({ action: 'read', collection, record, case: lookup.caseOf(String(record['caseId'])) });
      return context.allows({ action: 'read', collection, record });
  }
}
