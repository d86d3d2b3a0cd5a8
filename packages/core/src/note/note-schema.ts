import * as z from 'zod';
import { ActorRefSchema, CalendarDate, Id, Instant } from '../records/common.js';
import { RecordMetaSchema } from '../records/record.js';

/**
 * What a note documents. The contact types map onto FHIR Communication.medium (visit: in person,
 * phone, message: written/secure message, collateral: contact with someone other than the client,
 * e.g. a landlord or a provider); `other` is a progress note without a contact (FHIR DocumentReference).
 */
export const NOTE_TYPES = ['visit', 'phone', 'message', 'collateral', 'other'] as const;
export const NoteTypeSchema = z.enum(NOTE_TYPES);
export type NoteType = z.infer<typeof NoteTypeSchema>;
/** Note types that record a contact: signing one moves the case's `lastContactAt`. */
export const CONTACT_NOTE_TYPES: readonly NoteType[] = ['visit', 'phone', 'message', 'collateral'];

/**
 * Note status. Maps onto FHIR DocumentReference.docStatus (draft -> preliminary, signed -> final, and
 * a signed note with amendments -> amended) or Communication.status (draft -> preparation, signed ->
 * completed). A signed note never changes; corrections are new signed notes with `amends`.
 */
export const NOTE_STATUSES = ['draft', 'signed'] as const;
export const NoteStatusSchema = z.enum(NOTE_STATUSES);
export type NoteStatus = z.infer<typeof NoteStatusSchema>;

/** An instant normalised to UTC (`...Z`), so notes sort by `occurredAt` correctly whatever offset was given. */
const UtcInstant = Instant.transform((value) => new Date(value).toISOString());
const NoteText = z.string().trim().min(1).max(20_000);
const Duration = z.number().int().min(0).max(1440);
const Reason = z.string().trim().min(1).max(1500);

const NoteFieldsSchema = z.object({
  type: NoteTypeSchema,
  /** When the contact or the documented work happened (not when it was written). */
  occurredAt: UtcInstant,
  /** Minutes spent, 0 to 1440. */
  durationMinutes: Duration.optional(),
  /** A goal of one of the case's care plans this note is about. */
  goalId: Id.optional(),
  /** The plan of `goalId` (filled in by core), or a plan of the case the note is about. */
  planId: Id.optional(),
  /** A short subject line. */
  subject: z.string().trim().min(1).max(200).optional(),
  text: NoteText,
});

export const NoteInputSchema = NoteFieldsSchema.extend({
  caseId: Id,
  /** Default: now. */
  occurredAt: UtcInstant.optional(),
  /** Sign at once (the note is immutable from then on). Default: save as a draft. */
  sign: z.boolean().default(false),
  /** With `sign`: the case's next contact due date to set together with the note. */
  nextContactDue: CalendarDate.optional(),
}).refine((input) => input.sign || input.nextContactDue === undefined, {
  message: 'The next contact date is set when the note is signed',
  path: ['nextContactDue'],
});
export type NoteInput = z.input<typeof NoteInputSchema>;

/** Changes to a draft; `null` removes an optional field. */
export const NotePatchSchema = z
  .object({
    type: NoteTypeSchema.optional(),
    occurredAt: UtcInstant.optional(),
    durationMinutes: Duration.nullable().optional(),
    goalId: Id.nullable().optional(),
    planId: Id.nullable().optional(),
    subject: z.string().trim().min(1).max(200).nullable().optional(),
    text: NoteText.optional(),
  })
  .strict();
export type NotePatch = z.input<typeof NotePatchSchema>;

export const SignOptionsSchema = z.object({ nextContactDue: CalendarDate.optional() }).strict();
export type SignOptions = z.input<typeof SignOptionsSchema>;

/** A correction of a signed note: new text and why; contact details may be corrected too. */
export const AmendmentInputSchema = z
  .object({
    text: NoteText,
    reason: Reason,
    type: NoteTypeSchema.optional(),
    occurredAt: UtcInstant.optional(),
    durationMinutes: Duration.optional(),
    goalId: Id.optional(),
    planId: Id.optional(),
    subject: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type AmendmentInput = z.input<typeof AmendmentInputSchema>;

/** A contact or progress note (FHIR Communication, or DocumentReference for signed documentation). */
export const NoteSchema = RecordMetaSchema.extend(NoteFieldsSchema.shape)
  .extend({
    occurredAt: Instant,
    caseId: Id,
    clientId: Id,
    status: NoteStatusSchema,
    /** Who wrote it (FHIR DocumentReference.author / Communication.sender). */
    author: ActorRefSchema,
    signedAt: Instant.optional(),
    /** FHIR DocumentReference.authenticator. */
    signedBy: ActorRefSchema.optional(),
    /** The signed note this one corrects (FHIR DocumentReference.relatesTo code `replaces`/`appends`). */
    amends: Id.optional(),
    amendmentReason: Reason.optional(),
  })
  .refine((note) => note.status === 'draft' || (note.signedAt !== undefined && note.signedBy !== undefined), {
    message: 'A signed note records when and by whom it was signed',
    path: ['signedAt'],
  })
  .refine((note) => note.amends === undefined || note.amendmentReason !== undefined, {
    message: 'Give the reason for the amendment',
    path: ['amendmentReason'],
  });
export type Note = z.infer<typeof NoteSchema>;

/** A note as read: with the ids of the signed notes that amend it, oldest first (computed, not stored). */
export type NoteView = Note & { amendedBy: string[] };

export interface NotePageOptions {
  /** Page size. Default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}
