import * as z from 'zod/mini';
import { Id, Instant } from './common.js';

/**
 * Fields every stored record has. `version` starts at 1 and grows by one on each write; it maps onto
 * FHIR `meta.versionId`, and a write based on a stale version is a ConflictError (HTTP 412 in FHIR).
 */
export const RecordMetaSchema = z.object({
  id: Id,
  version: z.number().check(z.int(), z.positive()),
  createdAt: Instant,
  updatedAt: Instant,
});
export type RecordMeta = z.infer<typeof RecordMetaSchema>;

/** The names of everything casekit stores. Adapters create one table/collection per name. */
export const COLLECTIONS = [
  'clients',
  'cases',
  'assessments',
  'plans',
  'referrals',
  'notes',
  'consents',
  'organizations',
  'services',
  'drafts',
  'audit',
] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** Input shape for creating records: meta fields are assigned by casekit. */
export type NewRecord<T extends RecordMeta> = Omit<T, keyof RecordMeta>;
