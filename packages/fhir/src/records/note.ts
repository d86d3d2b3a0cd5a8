/**
 * notes <-> DocumentReference, for every note type: only DocumentReference has docStatus (draft ->
 * preliminary, signed -> final, amended by a later note -> amended), authenticator and relatesTo for
 * amendments. The contact type is DocumentReference.type; the text is a text/plain attachment; when
 * the contact happened and how long it took is context.period. DocumentReference has no element for a
 * contact's outcome, participants or interpreter (Communication's statusReason, recipient and medium
 * would be, but a note is one resource and only DocumentReference keeps docStatus), so they travel in
 * casekit extensions: `contact-outcome`, `contact-participant` (repeats, in order) and `interpreter`.
 */
import { CONTACT_NOTE_TYPES, NOTE_OUTCOMES, type Note, type NoteInterpreter, type NoteOutcome, type NoteParticipant } from '@casekit/core';
import type { DocumentReference, Extension, Resource } from '@medplum/fhirtypes';
import { decodeBase64, encodeBase64 } from './base64.js';
import { SYSTEMS } from './codes.js';
import type { FromContext, RecordMapping } from './context.js';
import {
  actorIdOf,
  actorIdReference,
  actorOf,
  actorReference,
  codeIn,
  compact,
  complexExt,
  defined,
  ext,
  findExt,
  findExts,
  part,
  partsOf,
  recordIdOf,
  recordReference,
  text,
  type AnyReference,
} from './elements.js';
import { goalResourceId, IMPORTER } from './plan.js';
import { readRecordMeta, recordHeader } from './record-meta.js';
import { CASEKIT_ID_SYSTEM } from '../extensions.js';

const MINUTE = 60_000;

function participantExt(participant: NoteParticipant): Extension {
  return complexExt('contact-participant', [
    part('name', 'valueString', participant.name),
    part('role', 'valueString', participant.role),
    part('actor', 'valueReference', actorIdReference(participant.actorId, undefined)),
  ]);
}

function participantOf(extension: Extension): NoteParticipant {
  const parts = partsOf(extension);
  return defined({ name: parts.get('name')?.valueString ?? '', role: parts.get('role')?.valueString, actorId: actorIdOf(parts.get('actor')?.valueReference) });
}

/** The contact outcome, when it is one casekit knows and the note is a contact (anything else is reported). */
function outcomeOf(document: DocumentReference, type: string, context: FromContext): NoteOutcome | undefined {
  const code = findExt(document.extension, 'contact-outcome')?.valueCode;
  if (code === undefined) return undefined;
  if (!(NOTE_OUTCOMES as readonly string[]).includes(code) || !(CONTACT_NOTE_TYPES as readonly string[]).includes(type)) {
    context.report('DocumentReference.extension(contact-outcome)', `The contact outcome "${code}" is not imported: casekit knows ${NOTE_OUTCOMES.join(', ')}, on contact notes only`);
    return undefined;
  }
  return code as NoteOutcome;
}

function interpreterExt(interpreter: NoteInterpreter): Extension {
  return complexExt('interpreter', [part('used', 'valueBoolean', interpreter.used), part('language', 'valueCode', interpreter.language)]);
}

function interpreterOf(extension: Extension | undefined): NoteInterpreter | undefined {
  if (!extension) return undefined;
  const parts = partsOf(extension);
  return defined({ used: parts.get('used')?.valueBoolean ?? false, language: parts.get('language')?.valueCode });
}

export const noteMapping: RecordMapping<Note> = {
  collection: 'notes',
  primaryTypes: ['DocumentReference'],
  toFhir(note, options) {
    const header = recordHeader(note);
    const start = note.occurredAt;
    const end = note.durationMinutes === undefined ? undefined : new Date(Date.parse(start) + note.durationMinutes * MINUTE).toISOString();
    const related = [
      note.planId ? recordReference('CarePlan', note.planId) : undefined,
      note.goalId ? compact<AnyReference>({ reference: note.planId ? `Goal/${goalResourceId(note.planId, note.goalId)}` : undefined, type: 'Goal', identifier: { system: CASEKIT_ID_SYSTEM, value: note.goalId } }) : undefined,
    ].filter((r) => r !== undefined);
    const document: DocumentReference = compact({
      resourceType: 'DocumentReference' as const,
      id: header.id,
      meta: header.meta,
      extension: [
        ...header.extension,
        note.signedAt ? ext('signed-at', { valueInstant: note.signedAt }) : undefined,
        note.amendmentReason ? ext('amendment-reason', { valueString: note.amendmentReason }) : undefined,
        note.outcome ? ext('contact-outcome', { valueCode: note.outcome }) : undefined,
        ...(note.participants ?? []).map(participantExt),
        note.interpreter ? interpreterExt(note.interpreter) : undefined,
      ].filter((e) => e !== undefined),
      identifier: header.identifier,
      status: 'current' as const,
      docStatus: note.status === 'draft' ? ('preliminary' as const) : options.amendedNoteIds?.has(note.id) ? ('amended' as const) : ('final' as const),
      type: { coding: [{ system: SYSTEMS.noteType, code: note.type }] },
      subject: recordReference('Patient', note.clientId),
      author: [actorReference(note.author)],
      authenticator: note.signedBy ? actorReference(note.signedBy) : undefined,
      relatesTo: note.amends ? [{ code: 'replaces' as const, target: recordReference('DocumentReference', note.amends) }] : undefined,
      description: text(note.subject),
      content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: encodeBase64(note.text) } }],
      context: compact({ encounter: [recordReference('EpisodeOfCare', note.caseId)], period: compact({ start, end }), related }),
    });
    return [document];
  },
  fromFhir(resource: Resource, context) {
    const document = resource as DocumentReference;
    const meta = readRecordMeta(document, context);
    if (!meta) return undefined;
    const attachment = document.content[0]?.attachment;
    let body = attachment?.data !== undefined ? decodeBase64(attachment.data) : undefined;
    if (body === undefined) {
      context.report('DocumentReference.content[0].attachment', 'Only inline text attachments (data) are imported; the note text is the attachment title or url');
      body = attachment?.title ?? attachment?.url ?? '(no text)';
    }
    document.content.slice(1).forEach((_c, i) => context.report(`DocumentReference.content[${i + 1}]`, 'casekit notes have one text; further content is not imported'));
    const period = document.context?.period;
    const start = period?.start ?? document.date ?? meta.createdAt;
    const duration = (period?.start && period.end ? Math.round((Date.parse(period.end) - Date.parse(period.start)) / MINUTE) : undefined);
    const related = document.context?.related ?? [];
    const goal = related.find((r) => r.type === 'Goal' || r.reference?.startsWith('Goal/'));
    const type = codeIn(document.type, SYSTEMS.noteType);
    const signed = document.docStatus !== 'preliminary' && document.docStatus !== 'entered-in-error' && (document.authenticator !== undefined || document.docStatus !== undefined);
    const author = actorOf(document.author?.[0]) ?? IMPORTER;
    const participants = findExts(document.extension, 'contact-participant');
    return defined({
      ...meta,
      type: type ?? 'other',
      occurredAt: start,
      durationMinutes: duration,
      goalId: recordIdOf(goal, 'Goal'),
      planId: recordIdOf(related.find((r) => r.reference?.startsWith('CarePlan/')), 'CarePlan'),
      subject: document.description,
      text: body,
      caseId: recordIdOf(document.context?.encounter?.find((e) => e.reference?.startsWith('EpisodeOfCare/')), 'EpisodeOfCare'),
      clientId: recordIdOf(document.subject, 'Patient'),
      status: signed ? 'signed' : 'draft',
      author,
      signedAt: signed ? (findExt(document.extension, 'signed-at')?.valueInstant ?? document.date ?? meta.updatedAt) : undefined,
      signedBy: signed ? (actorOf(document.authenticator) ?? author) : undefined,
      amends: recordIdOf(document.relatesTo?.find((r) => r.code === 'replaces' || r.code === 'appends')?.target, 'DocumentReference'),
      amendmentReason: findExt(document.extension, 'amendment-reason')?.valueString,
      outcome: outcomeOf(document, type ?? 'other', context),
      participants: participants.length ? participants.map(participantOf) : undefined,
      interpreter: interpreterOf(findExt(document.extension, 'interpreter')),
    });
  },
};
