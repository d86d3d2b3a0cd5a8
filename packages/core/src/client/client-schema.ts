import * as z from 'zod/mini';
import { AddressSchema, CalendarDate, ContactPointsSchema, Id, LanguageTag, Text } from '../records/common.js';
import { RecordMetaSchema } from '../records/record.js';
import { patchSchemaOf } from '../internal/patch-schema.js';

/** An identifier from another system: an MRN, a host system's id, a member number (FHIR `Identifier`). */
export const IdentifierSchema = z.object({
  /** Namespace of the value, ideally a URI (`urn:oid:...`, `https://ehr.example.org/mrn`). */
  system: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
  value: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  /** What kind of identifier: `MR` (medical record number), `MB` (member), `host`, ... */
  type: z.optional(z.string().check(z.trim(), z.maxLength(40))),
});
export type Identifier = z.infer<typeof IdentifierSchema>;

export const HumanNameSchema = z.object({
  given: z.array(Text).check(z.minLength(1, 'Enter at least one given name'), z.maxLength(5)),
  family: Text,
  /** The name the client wants to be called. */
  preferred: z.optional(z.string().check(z.trim(), z.maxLength(200))),
});
export type HumanName = z.infer<typeof HumanNameSchema>;

/** FHIR administrative gender. */
export const GenderSchema = z.enum(['female', 'male', 'other', 'unknown']);

/** Fields a host supplies for a client (FHIR Patient). */
export const ClientInputSchema = z.object({
  name: HumanNameSchema,
  birthDate: z.optional(CalendarDate),
  gender: z.optional(GenderSchema),
  contact: z._default(ContactPointsSchema, {}),
  address: z.optional(AddressSchema),
  /** Preferred language, e.g. `es` (FHIR `communication.language` with `preferred: true`). */
  language: z.optional(LanguageTag),
  /** Needs an interpreter (FHIR extension `patient-interpreterRequired`). */
  interpreterNeeded: z._default(z.boolean(), false),
  identifiers: z._default(z.array(IdentifierSchema).check(z.maxLength(20)), []),
  /** When this record duplicates another, the id of the record that survives. */
  linkedTo: z.optional(Id),
  active: z._default(z.boolean(), true),
});
/** A patch: only the fields given change. */
export const ClientPatchSchema = patchSchemaOf(ClientInputSchema);
export type ClientInput = z.input<typeof ClientInputSchema>;

export const ClientSchema = z.extend(RecordMetaSchema, ClientInputSchema.shape);
export type Client = z.infer<typeof ClientSchema>;

export function displayName(name: HumanName): string {
  const given = name.preferred?.trim() || name.given.join(' ');
  return `${given} ${name.family}`.trim();
}
