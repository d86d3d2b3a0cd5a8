import * as z from 'zod/mini';
import { ActorRefSchema, Id, Instant } from '../records/common.js';
import { RecordMetaSchema } from '../records/record.js';

/**
 * What happened. Maps onto FHIR AuditEvent.action: create -> C, read/export -> R, update/transition/
 * approve/override -> U, delete -> D, import -> E.
 */
export const AUDIT_ACTIONS = ['create', 'read', 'update', 'transition', 'delete', 'approve', 'override', 'export', 'import'] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** One append-only audit event (FHIR AuditEvent + Provenance): who, role, what, when, which record, versions. */
export const AuditEventSchema = z.extend(RecordMetaSchema, {
  at: Instant,
  actor: ActorRefSchema,
  action: AuditActionSchema,
  collection: z.string(),
  /** The record acted on; for a read of a list, the scope it was read in (a case, a client) or the call (`clients.search`). */
  recordId: Id,
  /** For a read that returned several records: each of them (FHIR AuditEvent.entity), so "who saw this client" finds it. */
  recordIds: z.optional(z.array(Id).check(z.maxLength(1000))),
  /** `refused`: the policy refused the attempt (a PermissionError); nothing else was written. Absent: it happened. */
  outcome: z.optional(z.literal('refused')),
  caseId: z.optional(Id),
  clientId: z.optional(Id),
  /** Version before the change (absent for creates and reads of nothing). */
  fromVersion: z.optional(z.number().check(z.int())),
  /** Version after the change (for reads: the version read). */
  toVersion: z.optional(z.number().check(z.int())),
  transition: z.optional(z.object({ from: z.string(), to: z.string() })),
  /**
   * The part of the record acted on, when a record holds sub-records: `goals/<id>`,
   * `goals/<id>/interventions/<id>`, `goals/<id>/progress/<id>` (FHIR AuditEvent.entity.detail).
   */
  part: z.optional(z.string().check(z.maxLength(300))),
  /** Top-level fields that changed (names only: values stay in the record's history, not the audit log). */
  changedFields: z.optional(z.array(z.string())),
  reason: z.optional(z.string().check(z.maxLength(2000))),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
