import type { CollectionName } from '../records/record.js';
import type { StoredRecord } from '../storage/storage-port.js';

/** A field of a record that names another record, which must exist for the record to make sense. */
export interface Reference {
  from: CollectionName;
  field: string;
  to: CollectionName;
  value(record: StoredRecord): unknown;
}

const ref = (from: CollectionName, field: string, to: CollectionName, value: (r: Record<string, any>) => unknown = (r) => r[field]): Reference => ({ from, field, to, value });

/**
 * Every reference between stored records. Audit events are left out on purpose: they outlive what
 * they are about (a discarded draft, a deleted draft note). Drafts too: they are unfinished work.
 */
export const REFERENCES: readonly Reference[] = [
  ref('clients', 'linkedTo', 'clients'),
  ref('cases', 'clientId', 'clients'),
  ref('assessments', 'caseId', 'cases'),
  ref('assessments', 'clientId', 'clients'),
  ref('plans', 'caseId', 'cases'),
  ref('plans', 'clientId', 'clients'),
  ref('referrals', 'caseId', 'cases'),
  ref('referrals', 'clientId', 'clients'),
  ref('referrals', 'planId', 'plans'),
  ref('referrals', 'service.serviceId', 'services', (r) => r.service?.serviceId),
  ref('notes', 'caseId', 'cases'),
  ref('notes', 'clientId', 'clients'),
  ref('notes', 'planId', 'plans'),
  ref('notes', 'amends', 'notes'),
  ref('consents', 'clientId', 'clients'),
  ref('services', 'organizationId', 'organizations'),
];
