import * as z from 'zod/mini';
import { ActorRefSchema, AddressSchema, CalendarDate, ContactPointsSchema, Id, Instant, LanguageTag, NeedDomainSchema, Text } from '../records/common.js';
import { SharesSchema } from '../consent/consent-schema.js';
import { RecordMetaSchema } from '../records/record.js';

/*
 * A closed-loop referral, after the Gravity Project SDOH Clinical Care IG: the referral is a FHIR
 * ServiceRequest (what is asked: `service`, `reason`, `urgency`, `consent`) fulfilled through a Task whose
 * `focus` is that ServiceRequest (`status`, `history`, `outcome`, acknowledgement times). casekit keeps
 * both in one record; the FHIR adapter splits them.
 */

/** FHIR R4 Task.status without `ready` and `received` (not used by the Gravity SDOH referral flow). */
export const REFERRAL_STATUSES = [
  'draft',
  'requested',
  'accepted',
  'rejected',
  'in-progress',
  'on-hold',
  'completed',
  'failed',
  'cancelled',
  'entered-in-error',
] as const;
export const ReferralStatusSchema = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatusSchema>;

/** Who sets a status (Gravity roles): the referring side (Task.requester) or the receiving organisation (Task.owner). */
export const REFERRAL_SIDES = ['requester', 'performer'] as const;
export const ReferralSideSchema = z.enum(REFERRAL_SIDES);
export type ReferralSide = z.infer<typeof ReferralSideSchema>;

/** The statuses each side may set. `cancelled` belongs to both. */
export const REFERRAL_SIDE_STATUSES: Readonly<Record<ReferralSide, readonly ReferralStatus[]>> = {
  requester: ['draft', 'requested', 'cancelled', 'entered-in-error'],
  performer: ['accepted', 'rejected', 'in-progress', 'on-hold', 'failed', 'completed', 'cancelled'],
};

/** Statuses after which nothing changes: the loop is closed (or was never opened). */
export const TERMINAL_REFERRAL_STATUSES: readonly ReferralStatus[] = ['rejected', 'completed', 'failed', 'cancelled', 'entered-in-error'];

/** FHIR ServiceRequest.priority / Task.priority. */
export const REFERRAL_URGENCIES = ['routine', 'urgent', 'asap', 'stat'] as const;
export const ReferralUrgencySchema = z.enum(REFERRAL_URGENCIES);
export type ReferralUrgency = z.infer<typeof ReferralUrgencySchema>;

/** How it ended, beyond the status (FHIR Task.businessStatus). */
export const REFERRAL_OUTCOME_CODES = [
  'service-provided',
  'partially-provided',
  'not-provided',
  'client-declined',
  'unable-to-contact',
  'other',
] as const;
export const ReferralOutcomeCodeSchema = z.enum(REFERRAL_OUTCOME_CODES);
export type ReferralOutcomeCode = z.infer<typeof ReferralOutcomeCodeSchema>;

export const ReferralOutcomeSchema = z.strictObject({
  code: ReferralOutcomeCodeSchema,
  /** What was done or why not (FHIR Task.businessStatus.text / Task.note). */
  note: z.optional(z.string().check(z.trim(), z.maxLength(4000))),
});
export type ReferralOutcome = z.infer<typeof ReferralOutcomeSchema>;

/**
 * The service referred to (FHIR ServiceRequest.performer -> HealthcareService / Organization, and
 * ServiceRequest.category). Copied from the directory when `serviceId` is set, so the referral keeps
 * what was sent even if the directory changes later.
 */
export const ReferralServiceSchema = z.object({
  /** The directory service (HealthcareService), when the referral points at one. */
  serviceId: z.optional(Id),
  /** The receiving organisation (Task.owner); providers of this organisation answer the referral. */
  organizationId: z.optional(Id),
  organizationName: Text,
  serviceName: Text,
  /** The need this referral addresses (Gravity SDOH category). */
  category: NeedDomainSchema,
  contact: z._default(ContactPointsSchema, {}),
});
export type ReferralService = z.infer<typeof ReferralServiceSchema>;

/**
 * The service as given on input: `{ serviceId }` (optionally with one of the service's categories),
 * or a free-text service with `organizationName`, `serviceName` and `category` (and optionally the
 * `organizationId` of a directory organisation).
 */
export const ReferralServiceInputSchema = z
  .strictObject({
    serviceId: z.optional(Id),
    organizationId: z.optional(Id),
    organizationName: z.optional(Text),
    serviceName: z.optional(Text),
    category: z.optional(NeedDomainSchema),
    contact: z.optional(ContactPointsSchema),
  })
  .check(
    z.superRefine((service, ctx) => {
      if (service.serviceId !== undefined) {
        for (const key of ['organizationId', 'organizationName', 'serviceName', 'contact'] as const) {
          if (service[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'Comes from the directory service; leave it out' });
        }
        return;
      }
      if (service.organizationName === undefined) ctx.addIssue({ code: 'custom', path: ['organizationName'], message: 'Name the organisation (or choose a directory service)' });
      if (service.serviceName === undefined) ctx.addIssue({ code: 'custom', path: ['serviceName'], message: 'Name the service (or choose a directory service)' });
      if (service.category === undefined) ctx.addIssue({ code: 'custom', path: ['category'], message: 'Choose the need this referral addresses' });
    }),
  );
export type ReferralServiceInput = z.input<typeof ReferralServiceInputSchema>;

/** One status change of a referral (Task history, via Provenance in FHIR). */
export const ReferralStatusChangeSchema = z.object({
  from: z.nullable(ReferralStatusSchema),
  to: ReferralStatusSchema,
  at: Instant,
  by: ActorRefSchema,
  /** Which side the status belongs to. */
  side: ReferralSideSchema,
  /** Set when a case manager recorded the receiving organisation's answer on its behalf. */
  recordedFor: z.optional(z.literal('performer')),
  reason: z.optional(z.string().check(z.maxLength(2000))),
});
export type ReferralStatusChange = z.infer<typeof ReferralStatusChangeSchema>;

/** A sending permitted without consent on file; always audited (action `override`). */
export const ConsentOverrideSchema = z.object({
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
  by: ActorRefSchema,
  at: Instant,
  /** The client fields shared beyond the name under this override (absent: the name only). */
  shares: z.optional(SharesSchema),
});

/** The ground for sharing the client's information with the receiving organisation (ServiceRequest.supportingInfo -> Consent). */
export const ReferralConsentSchema = z.union([
  z.strictObject({ consentId: Id }),
  z.strictObject({ override: ConsentOverrideSchema }),
]);
export type ReferralConsent = z.infer<typeof ReferralConsentSchema>;

/**
 * What the receiving organisation learns about the client: a snapshot taken when the referral is sent,
 * holding the client's name and only the fields the consent relied on (or the override) shares. Provider
 * staff see this and nothing else of the client. It is not updated afterwards: a later change of the
 * client record, or a revoked consent, does not change (or unsend) what was sent.
 */
export const ReferralPacketSchema = z.object({
  clientName: z.string().check(z.maxLength(300)),
  /** The fields the basis of sending permitted, whether or not the client record had a value for them. */
  shares: SharesSchema,
  phone: z.optional(z.string().check(z.maxLength(40))),
  email: z.optional(z.string().check(z.maxLength(320))),
  address: z.optional(AddressSchema),
  language: z.optional(LanguageTag),
  /** Shared with `language`. */
  interpreterNeeded: z.optional(z.boolean()),
  birthDate: z.optional(CalendarDate),
});
export type ReferralPacket = z.infer<typeof ReferralPacketSchema>;

/** Fields a case manager edits on a draft. */
export const ReferralFieldsSchema = z.object({
  /** The care-plan goal the referral works toward (ServiceRequest.supportingInfo / CarePlan.activity). */
  goalId: z.optional(Id),
  planId: z.optional(Id),
  /** Why the client is referred (ServiceRequest.reasonCode text / note). */
  reason: z.string().check(z.trim(), z.minLength(1, 'Say why the client is referred'), z.maxLength(4000)),
  urgency: z._default(ReferralUrgencySchema, 'routine'),
});

export const ReferralSchema = z.extend(z.extend(RecordMetaSchema, ReferralFieldsSchema.shape), {
  /** ServiceRequest.encounter/supportingInfo -> EpisodeOfCare. */
  caseId: Id,
  /** ServiceRequest.subject / Task.for. */
  clientId: Id,
  /** Snapshot of the client's display name (Task.for.display) for the receiving organisation. */
  clientName: z.string().check(z.maxLength(300)),
  /** The case's assignee, kept in step with the case by core (see `CarePlan.caseAssigneeId`). */
  caseAssigneeId: z.optional(z.nullable(Id)),
  service: ReferralServiceSchema,
  status: ReferralStatusSchema,
  history: z.array(ReferralStatusChangeSchema),
  /** Present once sent. */
  consent: z.optional(ReferralConsentSchema),
  /** What was shared with the receiving organisation when sent (see `ReferralPacketSchema`). */
  packet: z.optional(ReferralPacketSchema),
  /** Who referred (ServiceRequest.requester / Task.requester). */
  requestedBy: z.optional(ActorRefSchema),
  /** When sent (ServiceRequest.authoredOn / Task.authoredOn). */
  requestedAt: z.optional(Instant),
  /** Accepted or rejected by then, or the referral is overdue (Task.restriction.period.end). */
  acknowledgementDueAt: z.optional(Instant),
  /** When the receiving organisation accepted or rejected it. */
  acknowledgedAt: z.optional(Instant),
  /** When it became completed or failed: the loop closed (Task.executionPeriod.end). */
  completedAt: z.optional(Instant),
  /** Required for completed and failed (Task.businessStatus). */
  outcome: z.optional(ReferralOutcomeSchema),
  /** Why it was rejected, cancelled, put on hold, failed or entered in error (Task.statusReason). */
  statusReason: z.optional(z.string().check(z.maxLength(2000))),
});
export type Referral = z.infer<typeof ReferralSchema>;
