import * as z from 'zod/mini';
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
const UtcInstant = z.pipe(Instant, z.transform((value) => new Date(value).toISOString()));
const NoteText = z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000));
const Duration = z.number().check(z.int(), z.gte(0), z.lte(1440));
const Reason = z.string().check(z.trim(), z.minLength(1), z.maxLength(1500));

const NoteFieldsSchema = z.object({
  type: NoteTypeSchema,
  /** When the contact or the documented work happened (not when it was written). */
  occurredAt: UtcInstant,
  /** Minutes spent, 0 to 1440. */
  durationMinutes: z.optional(Duration),
  /** A goal of one of the case's care plans this note is about. */
  goalId: z.optional(Id),
  /** The plan of `goalId` (filled in by core), or a plan of the case the note is about. */
  planId: z.optional(Id),
  /** A short subject line. */
  subject: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  text: NoteText,
});

export const NoteInputSchema = z.extend(NoteFieldsSchema, {
  caseId: Id,
  /** Default: now. */
  occurredAt: z.optional(UtcInstant),
  /** Sign at once (the note is immutable from then on). Default: save as a draft. */
  sign: z._default(z.boolean(), false),
  /** With `sign`: the case's next contact due date to set together with the note. */
  nextContactDue: z.optional(CalendarDate),
}).check(z.refine((input) => input.sign || input.nextContactDue === undefined, {
  message: 'The next contact date is set when the note is signed',
  path: ['nextContactDue'],
}));
export type NoteInput = z.input<typeof NoteInputSchema>;

/** Changes to a draft; `null` removes an optional field. */
export const NotePatchSchema = z.strictObject({
  type: z.optional(NoteTypeSchema),
  occurredAt: z.optional(UtcInstant),
  durationMinutes: z.optional(z.nullable(Duration)),
  goalId: z.optional(z.nullable(Id)),
  planId: z.optional(z.nullable(Id)),
  subject: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)))),
  text: z.optional(NoteText),
});
export type NotePatch = z.input<typeof NotePatchSchema>;

export const SignOptionsSchema = z.strictObject({ nextContactDue: z.optional(CalendarDate) });
export type SignOptions = z.input<typeof SignOptionsSchema>;

/** A correction of a signed note: new text and why; contact details may be corrected too. */
export const AmendmentInputSchema = z.strictObject({
  text: NoteText,
  reason: Reason,
  type: z.optional(NoteTypeSchema),
  occurredAt: z.optional(UtcInstant),
  durationMinutes: z.optional(Duration),
  goalId: z.optional(Id),
  planId: z.optional(Id),
  subject: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
});
export type AmendmentInput = z.input<typeof AmendmentInputSchema>;

/** A contact or progress note (FHIR Communication, or DocumentReference for signed documentation). */
export const NoteSchema = z
  .extend(z.extend(RecordMetaSchema, NoteFieldsSchema.shape), {
    occurredAt: Instant,
    caseId: Id,
    clientId: Id,
    status: NoteStatusSchema,
    /** Who wrote it (FHIR DocumentReference.author / Communication.sender). */
    author: ActorRefSchema,
    signedAt: z.optional(Instant),
    /** FHIR DocumentReference.authenticator. */
    signedBy: z.optional(ActorRefSchema),
    /** The signed note this one corrects (FHIR DocumentReference.relatesTo code `replaces`/`appends`). */
    amends: z.optional(Id),
    amendmentReason: z.optional(Reason),
  })
  .check(
    z.refine((note) => note.status === 'draft' || (note.signedAt !== undefined && note.signedBy !== undefined), {
      message: 'A signed note records when and by whom it was signed',
      path: ['signedAt'],
    }),
    z.refine((note) => note.amends === undefined || note.amendmentReason !== undefined, {
      message: 'Give the reason for the amendment',
      path: ['amendmentReason'],
    }),
  );
export type Note = z.infer<typeof NoteSchema>;

/** A note as read: with the ids of the signed notes that amend it, oldest first (computed, not stored). */
export type NoteView = Note & { amendedBy: string[] };

export interface NotePageOptions {
  /** Page size. Default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}
