import * as z from 'zod/mini';
import { ActorRefSchema, CalendarDate, Id, Instant, LanguageTag } from '../records/common.js';
import { RecordMetaSchema } from '../records/record.js';

/**
 * What a note documents. The contact types: visit (in person, at the office), home-visit (in person,
 * at the client's home), phone, message (written/secure message), collateral (contact with someone
 * other than the client, e.g. a landlord or a provider); `other` is a progress note without a contact.
 */
export const NOTE_TYPES = ['visit', 'home-visit', 'phone', 'message', 'collateral', 'other'] as const;
export const NoteTypeSchema = z.enum(NOTE_TYPES);
export type NoteType = z.infer<typeof NoteTypeSchema>;
/** Note types that record a contact (they may have an `outcome`). */
export const CONTACT_NOTE_TYPES: readonly NoteType[] = ['visit', 'home-visit', 'phone', 'message', 'collateral'];

/**
 * How a contact went: completed, attempted (no answer, nobody home), no-show (the client missed a
 * meeting), cancelled. Only a completed contact moves the case's `lastContactAt` when signed; a contact
 * note without an outcome counts as completed (notes written before outcomes existed were all completed).
 */
export const NOTE_OUTCOMES = ['completed', 'attempted', 'no-show', 'cancelled'] as const;
export const NoteOutcomeSchema = z.enum(NOTE_OUTCOMES);
export type NoteOutcome = z.infer<typeof NoteOutcomeSchema>;

/** Whether a note documents a contact that took place: a contact type whose outcome is completed (or not given). */
export function isCompletedContact(note: { type: NoteType; outcome?: NoteOutcome | undefined }): boolean {
  return CONTACT_NOTE_TYPES.includes(note.type) && (note.outcome ?? 'completed') === 'completed';
}

const Label = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** Someone who took part in the contact besides the author: the client, a relative, a provider, a colleague. */
export const NoteParticipantSchema = z.strictObject({
  name: Label(200),
  /** Their role in the contact, in words (`mother`, `landlord`, `nurse`). */
  role: z.optional(Label(100)),
  /** When the participant is staff: their actor id. */
  actorId: z.optional(Id),
});
export type NoteParticipant = z.infer<typeof NoteParticipantSchema>;
/** At least one: no participants is no list (omit it, or `null` in a patch), as in FHIR, which has no empty lists. */
const Participants = z.array(NoteParticipantSchema).check(z.minLength(1), z.maxLength(50));

/** Whether an interpreter was used, and for which language (BCP 47). A language is given only when one was used. */
export const NoteInterpreterSchema = z
  .strictObject({ used: z.boolean(), language: z.optional(LanguageTag) })
  .check(z.refine((value) => value.used || value.language === undefined, { message: 'A language is given only when an interpreter was used', path: ['language'] }));
export type NoteInterpreter = z.infer<typeof NoteInterpreterSchema>;

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
  /** How the contact went (contact types only). */
  outcome: z.optional(NoteOutcomeSchema),
  /** Who took part besides the author. */
  participants: z.optional(Participants),
  interpreter: z.optional(NoteInterpreterSchema),
  text: NoteText,
});

/** An outcome belongs to a contact; a progress note (`other`) has none. */
function outcomeOnContactsOnly<T extends { type?: NoteType | undefined; outcome?: NoteOutcome | undefined }>() {
  return z.refine<T>((note) => note.outcome === undefined || note.type === undefined || CONTACT_NOTE_TYPES.includes(note.type), {
    message: 'Only a contact has an outcome',
    path: ['outcome'],
  });
}

export const NoteInputSchema = z.extend(NoteFieldsSchema, {
  caseId: Id,
  /** Default: now. */
  occurredAt: z.optional(UtcInstant),
  /** Sign at once (the note is immutable from then on). Default: save as a draft. */
  sign: z._default(z.boolean(), false),
  /** With `sign`: the case's next contact due date to set together with the note. */
  nextContactDue: z.optional(CalendarDate),
}).check(
  z.refine((input) => input.sign || input.nextContactDue === undefined, {
    message: 'The next contact date is set when the note is signed',
    path: ['nextContactDue'],
  }),
  outcomeOnContactsOnly(),
);
export type NoteInput = z.input<typeof NoteInputSchema>;

/** Changes to a draft; `null` removes an optional field. */
export const NotePatchSchema = z.strictObject({
  type: z.optional(NoteTypeSchema),
  occurredAt: z.optional(UtcInstant),
  durationMinutes: z.optional(z.nullable(Duration)),
  goalId: z.optional(z.nullable(Id)),
  planId: z.optional(z.nullable(Id)),
  subject: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)))),
  outcome: z.optional(z.nullable(NoteOutcomeSchema)),
  participants: z.optional(z.nullable(Participants)),
  interpreter: z.optional(z.nullable(NoteInterpreterSchema)),
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
  outcome: z.optional(NoteOutcomeSchema),
  participants: z.optional(Participants),
  interpreter: z.optional(NoteInterpreterSchema),
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
    outcomeOnContactsOnly(),
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
