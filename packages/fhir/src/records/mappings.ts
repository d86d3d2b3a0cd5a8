import type { CollectionName } from '@casekit/core';
import { assessmentMapping } from './assessment.js';
import { auditMapping } from './audit.js';
import { caseMapping } from './case.js';
import { clientMapping } from './client.js';
import { consentMapping } from './consent.js';
import type { RecordMapping } from './context.js';
import { organizationMapping, serviceMapping } from './directory.js';
import { draftMapping } from './draft.js';
import { noteMapping } from './note.js';
import { planMapping } from './plan.js';
import { referralMapping } from './referral.js';

// Each mapping is typed by its record; here they are used by collection name, so the record type is erased.
export const MAPPINGS: Readonly<Record<CollectionName, RecordMapping<never>>> = {
  clients: clientMapping,
  cases: caseMapping,
  assessments: assessmentMapping,
  plans: planMapping,
  referrals: referralMapping,
  notes: noteMapping,
  consents: consentMapping,
  organizations: organizationMapping,
  services: serviceMapping,
  drafts: draftMapping,
  audit: auditMapping,
} as unknown as Record<CollectionName, RecordMapping<never>>;
