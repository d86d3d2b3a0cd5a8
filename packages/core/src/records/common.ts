import * as z from 'zod/mini';

/** An instant, ISO 8601 with offset (`2026-11-24T15:04:05.000Z`). Stored as a string so JSON round-trips losslessly. */
export const Instant = z.iso.datetime({ offset: true });
/** A calendar date (`2026-11-24`), e.g. a birth date or a due date: no time zone shifts. */
export const CalendarDate = z.iso.date();

/** Short non-empty text, trimmed. */
export const Text = z.string().check(z.trim(), z.minLength(1), z.maxLength(500));
/** Long free text (notes, descriptions). */
export const LongText = z.string().check(z.maxLength(20_000));
export const Id = z.string().check(z.minLength(1), z.maxLength(128));

/**
 * Need domains: social determinants and clinical needs a case manager addresses. These map onto
 * Gravity Project SDOH categories (food-insecurity, housing-instability, transportation-insecurity, ...)
 * for the FHIR adapter.
 */
export const NEED_DOMAINS = [
  'housing',
  'food',
  'transportation',
  'utilities',
  'safety',
  'finances',
  'employment',
  'health',
  'mental-health',
  'substance-use',
  'legal',
  'education',
  'social-support',
] as const;
export const NeedDomainSchema = z.enum(NEED_DOMAINS);
export type NeedDomain = z.infer<typeof NeedDomainSchema>;

/** Roles the default policy understands. Hosts may use other roles with their own policy. */
export const KNOWN_ROLES = ['case-manager', 'supervisor', 'viewer', 'admin', 'provider'] as const;
export type KnownRole = (typeof KNOWN_ROLES)[number];

/** Who is acting. `organizationId` ties a `provider` actor to the organisation that receives referrals. */
export const ActorSchema = z.object({
  id: Id,
  name: Text,
  role: z.union([z.enum(KNOWN_ROLES), z.string().check(z.minLength(1), z.maxLength(64))]),
  organizationId: z.optional(Id),
});
export type Actor = z.infer<typeof ActorSchema>;

/** A snapshot of who did something, stored in histories and audit events. */
export const ActorRefSchema = z.object({ id: Id, name: z.string(), role: z.string() });
export type ActorRef = z.infer<typeof ActorRefSchema>;

export const ContactPointsSchema = z.object({
  phone: z.optional(z.string().check(z.trim(), z.maxLength(40))),
  email: z.optional(z.email()),
  url: z.optional(z.url()),
});
export type ContactPoints = z.infer<typeof ContactPointsSchema>;

export const AddressSchema = z.object({
  line: z._default(z.array(z.string().check(z.trim(), z.maxLength(200))).check(z.maxLength(4)), []),
  city: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  district: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  state: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  postalCode: z.optional(z.string().check(z.trim(), z.maxLength(20))),
  country: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});
export type Address = z.infer<typeof AddressSchema>;

/** A language tag (BCP 47, e.g. `es`, `vi`, `zh-Hant`), as FHIR `Patient.communication.language` uses. */
export const LanguageTag = z.string().check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a language tag such as "es" or "zh-Hant"'));

/** One status change, kept on the record (FHIR `statusHistory`, Task history via Provenance). */
export const StatusChangeSchema = z.object({
  from: z.nullable(z.string()),
  to: z.string(),
  at: Instant,
  by: ActorRefSchema,
  reason: z.optional(z.string().check(z.maxLength(2000))),
});
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export function actorRef(actor: Actor): ActorRef {
  return { id: actor.id, name: actor.name, role: actor.role };
}
