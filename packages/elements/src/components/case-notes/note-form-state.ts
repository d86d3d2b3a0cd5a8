import { CONTACT_NOTE_TYPES, type AmendmentInput, type Note, type NoteInput, type NoteOutcome, type NotePatch, type NoteType } from '@casekit/core';

/**
 * What the note form holds, as typed (strings, so a half-typed value survives a re-render and a reload
 * through `manager.drafts`). `mode` says what saving does: write a new note, edit a draft, or amend a
 * signed note.
 */
export interface NoteFormState {
  mode: 'new' | 'edit' | 'amend';
  /** The draft edited or the signed note amended, with the version the change is based on. */
  noteId?: string;
  version?: number;
  type: NoteType;
  outcome: NoteOutcome | '';
  /** `datetime-local` value in the browser's time zone; empty means "now". */
  occurredAt: string;
  duration: string;
  participants: { name: string; role: string }[];
  interpreterUsed: boolean;
  interpreterLanguage: string;
  text: string;
  nextContactDue: string;
  reason: string;
}

export function emptyForm(): NoteFormState {
  return { mode: 'new', type: 'phone', outcome: 'completed', occurredAt: '', duration: '', participants: [], interpreterUsed: false, interpreterLanguage: '', text: '', nextContactDue: '', reason: '' };
}

export const isContactType = (type: NoteType): boolean => CONTACT_NOTE_TYPES.includes(type);

/** An instant as a `datetime-local` value in the browser's time zone. */
export function toLocalInput(instant: string): string {
  const d = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The form filled from a stored note, to edit the draft or amend the signed note. */
export function formFromNote(note: Note, mode: 'edit' | 'amend'): NoteFormState {
  return {
    ...emptyForm(),
    mode,
    noteId: note.id,
    version: note.version,
    type: note.type,
    outcome: note.outcome ?? (isContactType(note.type) ? 'completed' : ''),
    occurredAt: toLocalInput(note.occurredAt),
    duration: note.durationMinutes === undefined ? '' : String(note.durationMinutes),
    participants: (note.participants ?? []).map((p) => ({ name: p.name, role: p.role ?? '' })),
    interpreterUsed: note.interpreter?.used ?? false,
    interpreterLanguage: note.interpreter?.language ?? '',
    text: mode === 'edit' ? note.text : '',
  };
}

/** The contact fields as core takes them; blanks are left out (core validates what is given). */
function fields(form: NoteFormState) {
  const participants = form.participants.filter((p) => p.name.trim()).map((p) => ({ name: p.name, ...(p.role.trim() ? { role: p.role } : {}) }));
  const duration = form.duration.trim();
  return {
    type: form.type,
    ...(isContactType(form.type) && form.outcome ? { outcome: form.outcome } : {}),
    ...(form.occurredAt ? { occurredAt: new Date(form.occurredAt).toISOString() } : {}),
    // A value that is not a number is passed on as typed, so core's message names the field.
    ...(duration ? { durationMinutes: Number.isNaN(Number(duration)) ? (duration as unknown as number) : Number(duration) } : {}),
    ...(participants.length ? { participants } : {}),
    ...(form.interpreterUsed || form.interpreterLanguage.trim()
      ? { interpreter: { used: form.interpreterUsed, ...(form.interpreterLanguage.trim() ? { language: form.interpreterLanguage.trim() } : {}) } }
      : {}),
    text: form.text,
  };
}

export function toInput(form: NoteFormState, caseId: string, sign: boolean): NoteInput {
  return { caseId, ...fields(form), sign, ...(sign && form.nextContactDue ? { nextContactDue: form.nextContactDue } : {}) };
}

/** A patch of the draft: every field the form has, and `null` for an optional one left blank (removes it). */
export function toPatch(form: NoteFormState): NotePatch {
  const f = fields(form);
  return {
    type: f.type,
    text: f.text,
    ...(f.occurredAt ? { occurredAt: f.occurredAt } : {}),
    outcome: f.outcome ?? null,
    durationMinutes: f.durationMinutes ?? null,
    participants: f.participants ?? null,
    interpreter: f.interpreter ?? null,
  };
}

export function toAmendment(form: NoteFormState): AmendmentInput {
  const { text, ...rest } = fields(form);
  return { ...rest, text, reason: form.reason };
}
