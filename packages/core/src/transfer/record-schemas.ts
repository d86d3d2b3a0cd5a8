import type { z } from 'zod';
import type { CollectionName } from '../records/record.js';
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
export const RECORD_SCHEMAS: Readonly<Record<CollectionName, z.ZodType>> = {
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
