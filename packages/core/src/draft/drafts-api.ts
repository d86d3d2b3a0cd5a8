import * as z from 'zod/mini';
import { ValidationError } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseRef } from '../internal/parse.js';
import type { VersionRef } from '../internal/writer.js';
import { Id } from '../records/common.js';
import { withoutPrototypeKeys } from '../transfer/sanitize.js';
import { DraftSchema, type Draft } from './draft-schema.js';

export interface DraftInput {
  kind: string;
  data: unknown;
  caseId?: string;
  clientId?: string;
}

export interface DraftsApi {
  /**
   * Creates or replaces the draft stored under `key` (one key per form instance, chosen by the host
   * or widget). Pass `basedOn` (the draft you loaded) to refuse overwriting a newer save from
   * another tab with a ConflictError.
   */
  save(key: string, input: DraftInput, basedOn?: VersionRef): Promise<Draft>;
  /** The draft under `key`, if this actor has one. */
  get(key: string): Promise<Draft | undefined>;
  /** Discards a draft (after submit, or when the user throws it away). */
  discard(key: string): Promise<void>;
}

const KeySchema = z.string().check(z.minLength(1), z.maxLength(200));
const DraftInputSchema = z.strictObject({ kind: z.string().check(z.minLength(1), z.maxLength(200)), data: z.json(), caseId: z.optional(Id), clientId: z.optional(Id) });

/**
 * Drafts are namespaced by owner so two people's drafts of the same form never collide. The owner's
 * length leads the id, so no choice of owner and key can produce another pair's id
 * (`a::b` + `c` and `a` + `b::c` differ).
 */
export function draftStorageId(ownerId: string, key: string): string {
  const id = `${ownerId.length}:${ownerId}:${key}`;
  if (id.length > 128) throw new ValidationError([{ path: ['key'], code: 'too_big', message: 'This draft key is too long' }]);
  return id;
}

export function createDraftsApi(context: ManagerContext): DraftsApi {
  const ownerId = context.actor.id;
  const idOf = (keyInput: unknown) => draftStorageId(ownerId, parse(KeySchema, keyInput, ['key']));

  /** The stored draft under this id, which only its owner may see or change. */
  async function stored(id: string, action: 'read' | 'update' | 'delete'): Promise<(Draft & { id: string; version: number }) | undefined> {
    const draft = await context.storage.get<Draft & { id: string; version: number }>('drafts', id);
    if (draft) context.authorize({ action, collection: 'drafts', record: draft });
    return draft;
  }

  return {
    async save(keyInput, input, basedOnInput) {
      const id = idOf(keyInput);
      const fields = { ...parse(DraftInputSchema, withoutPrototypeKeys(input), ['input']), id, ownerId };
      const basedOn = basedOnInput === undefined ? undefined : parseRef(basedOnInput, ['basedOn']);
      // Both the draft as stored and the draft as it would be: a policy may look at either.
      const existing = await stored(id, 'update');
      context.authorize({ action: existing ? 'update' : 'create', collection: 'drafts', record: fields });
      const writer = context.writer();
      const audit = { caseId: fields.caseId, clientId: fields.clientId };
      const draft = existing
        ? writer.update('drafts', DraftSchema, existing, { ...existing, ...fields }, audit, basedOn?.version ?? existing.version)
        : writer.create('drafts', DraftSchema, fields, audit);
      await writer.commit();
      return draft;
    },

    async get(keyInput) {
      const draft = await stored(idOf(keyInput), 'read');
      if (draft) await context.disclose('drafts', [draft], { caseId: draft.caseId, clientId: draft.clientId });
      return draft;
    },

    async discard(keyInput) {
      const draft = await stored(idOf(keyInput), 'delete');
      if (!draft) return;
      const writer = context.writer();
      writer.delete('drafts', draft, { caseId: draft.caseId, clientId: draft.clientId });
      await writer.commit();
    },
  };
}
