import * as z from 'zod';
import { AddressSchema, CalendarDate, ContactPointsSchema, Id, LanguageTag, Text } from '../records/common.js';
import { RecordMetaSchema } from '../records/record.js';
import { patchSchemaOf } from '../internal/patch-schema.js';

/** An identifier from another system: an MRN, a host system's id, a member number (FHIR `Identifier`). */
export const IdentifierSchema = z.object({
  /** Namespace of the value, ideally a URI (`urn:oid:...`, `https://ehr.example.org/mrn`). */
  system: z.string().trim().min(1).max(300),
  value: z.string().trim().min(1).max(200),
  /** What kind of identifier: `MR` (medical record number), `MB` (member), `host`, ... */
  type: z.string().trim().max(40).optional(),
});
export type Identifier = z.infer<typeof IdentifierSchema>;

export const HumanNameSchema = z.object({
  given: z.array(Text).min(1, 'Enter at least one given name').max(5),
  family: Text,
  /** The name the client wants to be called. */
  preferred: z.string().trim().max(200).optional(),
});
export type HumanName = z.infer<typeof HumanNameSchema>;

/** FHIR administrative gender. */
export const GenderSchema = z.enum(['female', 'male', 'other', 'unknown']);

/** Fields a host supplies for a client (FHIR Patient). */
export const ClientInputSchema = z.object({
  name: HumanNameSchema,
  birthDate: CalendarDate.optional(),
  gender: GenderSchema.optional(),
  contact: ContactPointsSchema.default({}),
  address: AddressSchema.optional(),
  /** Preferred language, e.g. `es` (FHIR `communication.language` with `preferred: true`). */
  language: LanguageTag.optional(),
  /** Needs an interpreter (FHIR extension `patient-interpreterRequired`). */
  interpreterNeeded: z.boolean().default(false),
  identifiers: z.array(IdentifierSchema).max(20).default([]),
  /** When this record duplicates another, the id of the record that survives. */
  linkedTo: Id.optional(),
  active: z.boolean().default(true),
});
/** A patch: only the fields given change. */
export const ClientPatchSchema = patchSchemaOf(ClientInputSchema);
export type ClientInput = z.input<typeof ClientInputSchema>;

export const ClientSchema = RecordMetaSchema.extend(ClientInputSchema.shape);
export type Client = z.infer<typeof ClientSchema>;

export function displayName(name: HumanName): string {
  const given = name.preferred?.trim() || name.given.join(' ');
  return `${given} ${name.family}`.trim();
}
