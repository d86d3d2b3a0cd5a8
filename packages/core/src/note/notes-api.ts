import * as z from 'zod/mini';
import type { CarePlan } from '../care-plan/plan-schema.js';
import { CaseSchema, type CaseRecord } from '../case/case-schema.js';
import { ConflictError, TransitionError, ValidationError } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseOptions, VersionRefSchema } from '../internal/parse.js';
import { defineMachine } from '../internal/state-machine.js';
import type { VersionRef, Writer } from '../internal/writer.js';
import type { PolicyAction } from '../policy/policy.js';
import { actorRef, Id } from '../records/common.js';
import type { Page } from '../storage/storage-port.js';
import {
  AmendmentInputSchema,
  CONTACT_NOTE_TYPES,
  isCompletedContact,
  NoteInputSchema,
  NotePatchSchema,
  NoteSchema,
  SignOptionsSchema,
  type AmendmentInput,
  type Note,
  type NoteInput,
  type NotePageOptions,
  type NotePatch,
  type NoteStatus,
  type NoteView,
  type SignOptions,
} from './note-schema.js';

/** A note is written as a draft and signed once; nothing follows signing (corrections are new notes). */
export const NOTE_MACHINE = defineMachine<NoteStatus>('note', { draft: ['signed'], signed: [] });

const PageOptionsSchema = z.strictObject({ limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(500)), 50), cursor: z.optional(z.string().check(z.minLength(1))) });

/**
 * Contact and progress notes. A draft may be edited and deleted; once signed a note never changes:
 * `update` and `delete` of a signed note throw a `TransitionError` (the note's lifecycle, not the input,
 * forbids it), and corrections are new signed notes that `amend` it. Signing a contact note (visit,
 * phone, message, collateral) moves the case's `lastContactAt` in the same atomic batch.
 */
export interface NotesApi {
  /** Writes a note for a case, as a draft or (`sign: true`) signed at once. */
  create(input: NoteInput): Promise<Note>;
  /** A note with the ids of the notes that amend it. */
  get(id: string): Promise<NoteView>;
  /** Changes a draft (`null` removes an optional field). Signed notes are immutable. */
  update(ref: VersionRef, patch: NotePatch): Promise<Note>;
  /** Signs a draft; with `nextContactDue`, also sets the case's next contact date. */
  sign(ref: VersionRef, options?: SignOptions): Promise<Note>;
  /** Corrects a signed note with a new signed note that `amends` it; the original stays as it is. */
  amend(ref: VersionRef, input: AmendmentInput): Promise<Note>;
  /** Deletes a draft. Signed notes cannot be deleted. */
  delete(ref: VersionRef): Promise<void>;
  /** Notes of a case, newest first by `occurredAt`, each with `amendedBy`. */
  forCase(caseId: string, options?: NotePageOptions): Promise<Page<NoteView>>;
}

export function createNotesApi(context: ManagerContext): NotesApi {
  /** Loads a note by id (reads) or by a ref whose version the change is based on (writes: a bare id is refused). */
  async function loadWithCase(refInput: VersionRef | string, action: PolicyAction): Promise<{ note: Note; caseRecord: CaseRecord; version: number }> {
    const ref = action === 'read' && typeof refInput === 'string' ? { id: parse(Id, refInput, ['id']), version: undefined } : parse(VersionRefSchema, refInput, ['ref']);
    const note = await context.load<Note>('notes', ref.id);
    const caseRecord = await context.loadCase(note.caseId);
    context.authorize({ action, collection: 'notes', record: note, case: caseRecord });
    if (ref.version !== undefined && ref.version !== note.version) throw new ConflictError('notes', note.id, ref.version, note.version);
    return { note, caseRecord, version: ref.version ?? note.version };
  }

  /** Checks that a linked goal (and plan) belong to the case; returns the link with the goal's plan filled in. */
  async function resolveLink(caseId: string, link: { goalId?: string | undefined; planId?: string | undefined }): Promise<{ goalId?: string; planId?: string }> {
    if (!link.goalId && !link.planId) return {};
    const plans = (await context.storage.find<CarePlan & { id: string; version: number }>('plans', { index: 'caseId', equals: caseId })).items.filter(
      (plan) => plan.status !== 'entered-in-error',
    );
    if (link.planId && !plans.some((plan) => plan.id === link.planId)) {
      throw new ValidationError([{ path: ['planId'], message: 'This care plan does not belong to the case', code: 'not-found' }]);
    }
    if (!link.goalId) return { planId: link.planId! };
    for (const plan of plans) {
      if (link.planId && plan.id !== link.planId) continue;
      const goal = plan.goals.find((g) => g.id === link.goalId);
      if (goal && goal.lifecycleStatus !== 'entered-in-error') return { goalId: goal.id, planId: plan.id };
    }
    throw new ValidationError([
      {
        path: ['goalId'],
        message: link.planId ? 'This goal is not in the chosen care plan' : "This goal is not in any of the case's care plans",
        code: 'not-found',
      },
    ]);
  }

  function assertCaseTakesNotes(caseRecord: CaseRecord): void {
    if (caseRecord.status === 'entered-in-error') {
      throw new ValidationError([{ path: ['caseId'], message: 'This case was entered in error: notes cannot be added to it', code: 'case-not-open' }]);
    }
  }

  function assertPast(occurredAt: string, now: string): void {
    if (occurredAt > now) throw new ValidationError([{ path: ['occurredAt'], message: 'A note documents what has happened: this time is in the future', code: 'too_big' }]);
  }

  /**
   * Queues the case change that signing a note brings: last contact (only for a completed contact: an
   * attempted call, a no-show or a cancelled visit is not contact with the client) and next contact due.
   */
  function touchCase(writer: Writer, caseRecord: CaseRecord, note: Note, nextContactDue: string | undefined): void {
    const later = isCompletedContact(note) && (!caseRecord.lastContactAt || note.occurredAt > caseRecord.lastContactAt);
    if (!later && nextContactDue === undefined) return;
    const next = {
      ...caseRecord,
      ...(later ? { lastContactAt: note.occurredAt } : {}),
      ...(nextContactDue !== undefined ? { nextContactDue } : {}),
    };
    writer.update('cases', CaseSchema, caseRecord, next, { caseId: caseRecord.id, clientId: caseRecord.clientId, reason: `contact documented in note ${note.id}` });
  }

  async function withAmendments(note: Note): Promise<NoteView> {
    if (note.status !== 'signed') return { ...note, amendedBy: [] };
    const page = await context.storage.find<Note & { id: string; version: number }>('notes', { index: 'amends', equals: note.id });
    const amendedBy = page.items.sort((a, b) => compare(a.signedAt ?? a.createdAt, b.signedAt ?? b.createdAt) || compare(a.id, b.id)).map((a) => a.id);
    return { ...note, amendedBy };
  }

  function immutable(note: Note, to: string, what: string): TransitionError {
    return new TransitionError('note', note.status, to, [], `A signed note cannot be ${what}: add an amendment instead`);
  }

  return {
    async create(input) {
      const { sign, nextContactDue, caseId, goalId, planId, occurredAt, ...fields } = parse(NoteInputSchema, input);
      const caseRecord = await context.loadCase(caseId);
      const writer = context.writer();
      const at = writer.timestamp;
      const by = actorRef(context.actor);
      const draft = {
        ...fields,
        caseId,
        clientId: caseRecord.clientId,
        occurredAt: occurredAt ?? at,
        status: sign ? ('signed' as const) : ('draft' as const),
        author: by,
        ...(sign ? { signedAt: at, signedBy: by } : {}),
      };
      context.authorize({ action: 'create', collection: 'notes', record: draft, case: caseRecord });
      assertCaseTakesNotes(caseRecord);
      assertPast(draft.occurredAt, at);
      const link = await resolveLink(caseId, { goalId, planId });
      const note = writer.create('notes', NoteSchema, { ...draft, ...link }, { caseId, clientId: caseRecord.clientId, ...(sign ? { reason: 'signed' } : {}) });
      if (sign) touchCase(writer, caseRecord, note, nextContactDue);
      await writer.commit();
      return note;
    },

    async get(id) {
      const { note } = await loadWithCase(id, 'read');
      const view = await withAmendments(note);
      await context.disclose('notes', [note], { caseId: note.caseId, clientId: note.clientId });
      return view;
    },

    async update(ref, patchInput) {
      const patch = parse(NotePatchSchema, patchInput);
      const { note: before, version } = await loadWithCase(ref, 'update');
      if (before.status !== 'draft') throw immutable(before, 'draft', 'changed');
      const writer = context.writer();
      const next: Record<string, unknown> = { ...before };
      for (const [key, value] of Object.entries(patch)) {
        if (value === null) delete next[key];
        else if (value !== undefined) next[key] = value;
      }
      assertPast(next.occurredAt as string, writer.timestamp);
      const linkChanged = patch.goalId !== undefined || patch.planId !== undefined;
      if (linkChanged) {
        // A new goal without a plan means "find its plan"; keep the old plan only when it was named again.
        const goalId = next.goalId as string | undefined;
        const planId = patch.planId === undefined && patch.goalId !== undefined ? undefined : (next.planId as string | undefined);
        delete next.goalId;
        delete next.planId;
        Object.assign(next, await resolveLink(before.caseId, { goalId, planId }));
      }
      const note = writer.update('notes', NoteSchema, before, next, { caseId: before.caseId, clientId: before.clientId }, version);
      await writer.commit();
      return note;
    },

    async sign(ref, options) {
      const { nextContactDue } = parseOptions(SignOptionsSchema, options);
      const { note: before, caseRecord, version } = await loadWithCase(ref, 'transition');
      if (before.status === 'signed') throw new TransitionError('note', 'signed', 'signed', [], 'This note is already signed');
      const writer = context.writer();
      const by = actorRef(context.actor);
      assertPast(before.occurredAt, writer.timestamp);
      const note = writer.update(
        'notes',
        NoteSchema,
        before,
        { ...before, status: 'signed', signedAt: writer.timestamp, signedBy: by },
        { action: 'transition', caseId: before.caseId, clientId: before.clientId, transition: { from: 'draft', to: 'signed' } },
        version,
      );
      touchCase(writer, caseRecord, note, nextContactDue);
      await writer.commit();
      return note;
    },

    async amend(ref, input) {
      const { reason, text, goalId, planId, ...corrections } = parse(AmendmentInputSchema, input);
      const { note: original, caseRecord } = await loadWithCase(parse(VersionRefSchema, ref, ['ref']), 'read');
      context.authorize({ action: 'create', collection: 'notes', record: original, case: caseRecord });
      if (original.status !== 'signed') throw new TransitionError('note', original.status, 'amended', ['signed'], 'Only a signed note can be amended: edit or sign the draft instead');
      assertCaseTakesNotes(caseRecord);
      const writer = context.writer();
      const by = actorRef(context.actor);
      const { id: _id, version: _v, createdAt: _c, updatedAt: _u, goalId: oldGoal, planId: oldPlan, ...kept } = original;
      const link =
        goalId !== undefined || planId !== undefined
          ? await resolveLink(original.caseId, { goalId, planId: goalId !== undefined && planId === undefined ? undefined : (planId ?? oldPlan) })
          : { ...(oldGoal ? { goalId: oldGoal } : {}), ...(oldPlan ? { planId: oldPlan } : {}) };
      // A correction to a progress note drops the contact outcome it no longer has.
      if (corrections.type !== undefined && !CONTACT_NOTE_TYPES.includes(corrections.type) && corrections.outcome === undefined) delete kept.outcome;
      const amendment = {
        ...kept,
        ...corrections,
        ...link,
        text,
        status: 'signed' as const,
        author: by,
        signedAt: writer.timestamp,
        signedBy: by,
        amends: original.id,
        amendmentReason: reason,
      };
      assertPast(amendment.occurredAt, writer.timestamp);
      const note = writer.create('notes', NoteSchema, amendment, { caseId: original.caseId, clientId: original.clientId, reason: `amends note ${original.id}: ${reason}` });
      // A correction that turns an attempted or missed contact into a completed one documents a contact.
      if (!isCompletedContact(original) && isCompletedContact(note)) touchCase(writer, caseRecord, note, undefined);
      await writer.commit();
      return note;
    },

    async delete(ref) {
      const { note: before, version } = await loadWithCase(ref, 'delete');
      if (before.status !== 'draft') throw immutable(before, 'deleted', 'deleted');
      const writer = context.writer();
      writer.delete('notes', before, { caseId: before.caseId, clientId: before.clientId }, version);
      await writer.commit();
    },

    async forCase(caseIdInput, options) {
      const caseId = parse(Id, caseIdInput, ['caseId']);
      const { limit, cursor } = parseOptions(PageOptionsSchema, options);
      const caseRecord = await context.loadCase(caseId);
      context.authorize({ action: 'read', collection: 'notes', record: { caseId }, case: caseRecord });
      const page = await context.storage.find<Note & { id: string; version: number }>('notes', {
        index: 'caseId+occurredAt',
        prefix: [caseId],
        reverse: true,
        limit,
        ...(cursor ? { cursor } : {}),
      });
      const readable = page.items.filter((record) => context.allows({ action: 'read', collection: 'notes', record, case: caseRecord }));
      await context.disclose('notes', readable, { scope: caseId, caseId, clientId: caseRecord.clientId });
      return { ...page, items: await Promise.all(readable.map(withAmendments)) };
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
