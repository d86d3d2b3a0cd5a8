import * as z from 'zod/mini';
import { ActorRefSchema, CalendarDate, Id, Instant, StatusChangeSchema, Text } from '../records/common.js';
import { RecordMetaSchema } from '../records/record.js';

/** FHIR R4 Consent.status. */
export const CONSENT_STATUSES = ['draft', 'proposed', 'active', 'rejected', 'inactive', 'entered-in-error'] as const;
export const ConsentStatusSchema = z.enum(CONSENT_STATUSES);
export type ConsentStatus = z.infer<typeof ConsentStatusSchema>;

/**
 * What the consent is about. Maps onto FHIR Consent.scope (`patient-privacy`, `treatment`, `research`) and
 * category: `share-with-provider` is a `patient-privacy` consent whose provision permits disclosure to the
 * grantee (provision.actor role `IRCP`, purpose e.g. `HOPERAT`/care coordination); `privacy` is any other
 * privacy directive.
 */
export const CONSENT_SCOPES = ['share-with-provider', 'treatment', 'research', 'privacy'] as const;
export const ConsentScopeSchema = z.enum(CONSENT_SCOPES);
export type ConsentScope = z.infer<typeof ConsentScopeSchema>;

/** How consent was given (FHIR Consent.source[x]: the form, recording or electronic signature). */
export const CONSENT_SOURCES = ['verbal', 'written', 'electronic'] as const;
export const ConsentSourceSchema = z.enum(CONSENT_SOURCES);
export type ConsentSource = z.infer<typeof ConsentSourceSchema>;

/**
 * Who may receive the client's information (FHIR Consent.provision.actor, role recipient). With an
 * `organizationId` it is that directory organisation; with a name only, a provider outside the directory
 * (matched on name). A consent without a grantee covers any provider organisation in the directory.
 */
export const ConsentGranteeSchema = z.object({
  organizationId: z.optional(Id),
  name: Text,
});
export type ConsentGrantee = z.infer<typeof ConsentGranteeSchema>;

/**
 * Client fields a consent may let the grantee see, beyond the client's name (which every referral
 * carries). Each maps onto a field of the client record (`ClientInputSchema`):
 * - `phone`: `contact.phone`, to call or text the client;
 * - `email`: `contact.email`;
 * - `address`: the postal/home address (`address`), e.g. for a home visit or delivery;
 * - `language`: the preferred language and whether an interpreter is needed (`language`, `interpreterNeeded`);
 * - `birthDate`: the date of birth, e.g. to check eligibility or match the client in the provider's system.
 * Gender, identifiers and everything on the case (needs, notes, assessments) are never shared this way.
 */
export const SHAREABLE_CLIENT_FIELDS = ['phone', 'email', 'address', 'language', 'birthDate'] as const;
export const ShareableClientFieldSchema = z.enum(SHAREABLE_CLIENT_FIELDS);
export type ShareableClientField = z.infer<typeof ShareableClientFieldSchema>;

/** A list of shareable fields (each at most once, in any order). */
export const SharesSchema = z
  .array(ShareableClientFieldSchema)
  .check(
    z.maxLength(SHAREABLE_CLIENT_FIELDS.length),
    z.superRefine((shares, ctx) => {
      shares.forEach((field, i) => {
        if (shares.indexOf(field) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `"${field}" is listed twice` });
      });
    }),
  );

/** When the consent applies (FHIR Consent.provision.period). `end` is the expiry, exclusive. */
export const ConsentPeriodSchema = z
  .object({ start: Instant, end: z.optional(Instant) })
  .check(z.refine((p) => p.end === undefined || Date.parse(p.end) > Date.parse(p.start), { message: 'The consent must end after it starts', path: ['end'] }));
export type ConsentPeriod = z.infer<typeof ConsentPeriodSchema>;

/**
 * A point in time as a case manager enters it: an instant, or a calendar date (a start date means the
 * start of that day, an end date the end of that day, both in UTC).
 */
const DateOrInstant = z.union([Instant, CalendarDate]);

/** What a host supplies to record a consent. */
export const ConsentInputSchema = z.strictObject({
  clientId: Id,
  /** Usually `active` (the client agreed); `draft`/`proposed` while being collected, `rejected` when refused. */
  status: z._default(z.enum(['draft', 'proposed', 'active', 'rejected']), 'active'),
  scope: ConsentScopeSchema,
  grantee: z.optional(ConsentGranteeSchema),
  /** What the information may be used for, in words (FHIR Consent.provision.purpose / policy text). */
  purpose: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
  /** When the consent was given (FHIR Consent.dateTime). Default: now. */
  dateTime: z.optional(Instant),
  /** When it applies. Default: from `dateTime`, with no expiry. */
  period: z.optional(z.strictObject({ start: z.optional(DateOrInstant), end: z.optional(DateOrInstant) })),
  source: ConsentSourceSchema,
  /** Where the signed form or recording is kept: a document id or URL (FHIR sourceReference/sourceAttachment.url). */
  sourceReference: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  /**
   * The client fields the client agrees to share with the grantee (see `SHAREABLE_CLIENT_FIELDS`); only
   * meaningful for `share-with-provider`. Absent (or empty): the client's name only.
   */
  shares: z.optional(SharesSchema),
});
export type ConsentInput = z.input<typeof ConsentInputSchema>;

export const ConsentSchema = z.extend(RecordMetaSchema, {
  /** FHIR Consent.patient. */
  clientId: Id,
  status: ConsentStatusSchema,
  scope: ConsentScopeSchema,
  grantee: z.optional(ConsentGranteeSchema),
  purpose: z.string().check(z.maxLength(2000)),
  dateTime: Instant,
  period: ConsentPeriodSchema,
  source: ConsentSourceSchema,
  sourceReference: z.optional(z.string().check(z.maxLength(500))),
  /** The client fields shared with the grantee, in `SHAREABLE_CLIENT_FIELDS` order; absent: the name only. */
  shares: z.optional(SharesSchema),
  /** Who recorded it (FHIR Consent.performer / Provenance.agent). */
  recordedBy: ActorRefSchema,
  statusHistory: z.array(StatusChangeSchema),
});
export type Consent = z.infer<typeof ConsentSchema>;
