import type * as z from 'zod/mini';
import type { CollectionName } from '../records/record.js';
import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { safeParse } from '../internal/parse.js';
import type { StoredRecord } from '../storage/storage-port.js';
import { AssessmentSchema } from '../assessment/assessment-schema.js';
import { AuditEventSchema } from '../audit/audit-schema.js';
import { CarePlanSchema } from '../care-plan/plan-schema.js';
import { CaseSchema } from '../case/case-schema.js';
import { ClientSchema } from '../client/client-schema.js';
import { ConsentSchema } from '../consent/consent-schema.js';
import { OrganizationSchema, ServiceSchema } from '../directory/directory-schema.js';
import { DraftSchema } from '../draft/draft-schema.js';
import { NoteSchema } from '../note/note-schema.js';
import { ReferralSchema } from '../referral/referral-schema.js';

/** The schema of every stored record, by collection: what import (and any adapter read) validates against. */
export const RECORD_SCHEMAS: Readonly<Record<CollectionName, z.ZodMiniType>> = {
  clients: ClientSchema,
  cases: CaseSchema,
  assessments: AssessmentSchema,
  plans: CarePlanSchema,
  referrals: ReferralSchema,
  notes: NoteSchema,
  consents: ConsentSchema,
  organizations: OrganizationSchema,
  services: ServiceSchema,
  drafts: DraftSchema,
  audit: AuditEventSchema,
};

export type RecordCheck = { success: true; record: StoredRecord } | { success: false; issues: ValidationIssue[] };

/**
 * Checks a record of a collection as an import or an adapter read would, with casekit's messages (in
 * English, or the host's zod locale): use it rather than `RECORD_SCHEMAS[c].safeParse`, whose zod/mini
 * schemas give bare "Invalid input" messages without a locale.
 */
export function checkRecord(collection: CollectionName, value: unknown): RecordCheck {
  const result = safeParse(RECORD_SCHEMAS[collection], value);
  if (result.success) return { success: true, record: result.data as StoredRecord };
  return { success: false, issues: ValidationError.fromZod(result.error).issues };
}
