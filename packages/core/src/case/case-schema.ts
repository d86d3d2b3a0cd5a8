import * as z from 'zod/mini';
import { ActorRefSchema, CalendarDate, Id, Instant, NeedDomainSchema, StatusChangeSchema, Text } from '../records/common.js';
import { RecordMetaSchema } from '../records/record.js';
import { patchSchemaOf } from '../internal/patch-schema.js';

/**
 * Case status. Maps onto FHIR EpisodeOfCare.status: referred and intake -> planned (the casekit status
 * is kept in an extension so the distinction survives), waitlist -> waitlist, active -> active,
 * on-hold -> onhold, closed -> finished, cancelled -> cancelled, entered-in-error -> entered-in-error.
 */
export const CASE_STATUSES = ['referred', 'intake', 'waitlist', 'active', 'on-hold', 'closed', 'cancelled', 'entered-in-error'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** Statuses that count as an open case on a caseload. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['referred', 'intake', 'waitlist', 'active', 'on-hold'];

/** Built-in programs; hosts may use their own program strings. */
export const PROGRAMS = ['healthcare', 'social-work', 'insurance', 'behavioral-health'] as const;
export const ProgramSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(80));

export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;
/** Higher rank = more urgent; used for sorting. */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { low: 0, medium: 1, high: 2, urgent: 3 };

export const RISK_LEVELS = ['low', 'moderate', 'high'] as const;
export const RiskLevelSchema = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevelSchema>;

export const CLOSURE_REASONS = [
  'goals-met',
  'client-declined',
  'lost-contact',
  'transferred',
  'moved',
  'ineligible',
  'deceased',
  'other',
] as const;
export const ClosureReasonSchema = z.enum(CLOSURE_REASONS);
export type ClosureReason = z.infer<typeof ClosureReasonSchema>;

export const CareTeamMemberSchema = z.object({
  actorId: Id,
  name: Text,
  /** Their part on this case, e.g. `case-manager`, `nurse`, `peer-support`. */
  role: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
});
export type CareTeamMember = z.infer<typeof CareTeamMemberSchema>;

/** A need the case addresses, by domain; from an assessment or entered by hand. */
export const IdentifiedNeedSchema = z.object({
  domain: NeedDomainSchema,
  source: z.enum(['assessment', 'manual']),
  assessmentId: z.optional(Id),
  identifiedAt: Instant,
  status: z._default(z.enum(['identified', 'addressed', 'resolved']), 'identified'),
  note: z.optional(z.string().check(z.maxLength(2000))),
});
export type IdentifiedNeed = z.infer<typeof IdentifiedNeedSchema>;

/** A change waiting for a supervisor (optional approval workflow). */
export const PendingApprovalSchema = z.object({
  kind: z.enum(['case-closure']),
  requestedBy: ActorRefSchema,
  requestedAt: Instant,
  closureReason: ClosureReasonSchema,
  note: z.optional(z.string().check(z.maxLength(2000))),
});

/** The case manager a case is transferred to: an actor id and the name to show (FHIR `careManager`). */
export const TransferTargetSchema = z.object({
  id: Id,
  name: z.string().check(z.trim(), z.minLength(1, 'Name the case manager'), z.maxLength(200)),
});
export type TransferTarget = z.infer<typeof TransferTargetSchema>;

/**
 * A transfer waiting for the receiver to accept it (`cases.transfer(..., { requireAcceptance: true })`).
 * The case keeps its assignee until `cases.acceptTransfer`; `declineTransfer` or `cancelTransfer` drop it.
 */
export const PendingTransferSchema = z.object({
  /** Who the case goes to once they accept. */
  to: TransferTargetSchema,
  requestedBy: ActorRefSchema,
  requestedAt: Instant,
  /** Why the case is being transferred, as the requester gave it. */
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
});
export type PendingTransfer = z.infer<typeof PendingTransferSchema>;

/** Editable case fields (FHIR EpisodeOfCare), with the defaults a new case gets. */
export const CaseFieldsSchema = z.object({
  program: ProgramSchema,
  title: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  priority: z._default(PrioritySchema, 'medium'),
  riskLevel: z._default(RiskLevelSchema, 'low'),
  /** The responsible case manager (FHIR `careManager`). */
  assigneeId: z.optional(Id),
  assigneeName: z.optional(z.string().check(z.maxLength(200))),
  careTeam: z._default(z.array(CareTeamMemberSchema).check(z.maxLength(50)), []),
  needs: z._default(z.array(IdentifiedNeedSchema).check(z.maxLength(50)), []),
  /** Date the next contact with the client is due; past it the case is overdue. */
  nextContactDue: z.optional(CalendarDate),
  tags: z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(60))).check(z.maxLength(30)), []),
  referralSource: z.optional(z.string().check(z.trim(), z.maxLength(200))),
});

export const CaseInputSchema = z.extend(CaseFieldsSchema, {
  clientId: Id,
  status: z._default(z.enum(['referred', 'intake', 'waitlist', 'active']), 'intake'),
});
export type CaseInput = z.input<typeof CaseInputSchema>;

/** A patch: only the fields given change. */
export const CaseUpdateSchema = patchSchemaOf(CaseFieldsSchema);
export type CaseUpdate = z.input<typeof CaseUpdateSchema>;

export const CaseSchema = z.extend(z.extend(RecordMetaSchema, CaseFieldsSchema.shape), {
  clientId: Id,
  /** Snapshot of the client's display name, kept in step by core (like a FHIR Reference.display). */
  clientName: z.string().check(z.maxLength(300)),
  /**
   * Snapshot of the client's `interpreterNeeded`, kept in step by core like `clientName`, so the worklist
   * ranks a caseload by it without reading every client. Absent on cases stored before it existed (or by
   * other systems): the worklist then reads the client.
   */
  clientInterpreterNeeded: z.optional(z.boolean()),
  status: CaseStatusSchema,
  statusHistory: z.array(StatusChangeSchema),
  openedAt: Instant,
  /** When intake finished and the case became active for the first time. */
  activatedAt: z.optional(Instant),
  closedAt: z.optional(Instant),
  closure: z.optional(z.object({ reason: ClosureReasonSchema, note: z.optional(z.string().check(z.maxLength(2000))) })),
  lastContactAt: z.optional(Instant),
  pendingApproval: z.optional(PendingApprovalSchema),
  /** A transfer to another case manager waiting for them to accept it (see `cases.transfer`). */
  pendingTransfer: z.optional(PendingTransferSchema),
});
export type CaseRecord = z.infer<typeof CaseSchema>;
