import * as z from 'zod';

/** An instant, ISO 8601 with offset (`2026-11-24T15:04:05.000Z`). Stored as a string so JSON round-trips losslessly. */
export const Instant = z.iso.datetime({ offset: true });
/** A calendar date (`2026-11-24`), e.g. a birth date or a due date: no time zone shifts. */
export const CalendarDate = z.iso.date();

/** Short non-empty text, trimmed. */
export const Text = z.string().trim().min(1).max(500);
/** Long free text (notes, descriptions). */
export const LongText = z.string().max(20_000);
export const Id = z.string().min(1).max(128);

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
  role: z.union([z.enum(KNOWN_ROLES), z.string().min(1).max(64)]),
  organizationId: Id.optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** A snapshot of who did something, stored in histories and audit events. */
export const ActorRefSchema = z.object({ id: Id, name: z.string(), role: z.string() });
export type ActorRef = z.infer<typeof ActorRefSchema>;

export const ContactPointsSchema = z.object({
  phone: z.string().trim().max(40).optional(),
  email: z.email().optional(),
  url: z.url().optional(),
});
export type ContactPoints = z.infer<typeof ContactPointsSchema>;

export const AddressSchema = z.object({
  line: z.array(z.string().trim().max(200)).max(4).default([]),
  city: z.string().trim().max(100).optional(),
  district: z.string().trim().max(100).optional(),
  state: z.string().trim().max(100).optional(),
  postalCode: z.string().trim().max(20).optional(),
  country: z.string().trim().max(100).optional(),
});
export type Address = z.infer<typeof AddressSchema>;

/** A language tag (BCP 47, e.g. `es`, `vi`, `zh-Hant`), as FHIR `Patient.communication.language` uses. */
export const LanguageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a language tag such as "es" or "zh-Hant"');

/** One status change, kept on the record (FHIR `statusHistory`, Task history via Provenance). */
export const StatusChangeSchema = z.object({
  from: z.string().nullable(),
  to: z.string(),
  at: Instant,
  by: ActorRefSchema,
  reason: z.string().max(2000).optional(),
});
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export function actorRef(actor: Actor): ActorRef {
  return { id: actor.id, name: actor.name, role: actor.role };
}
