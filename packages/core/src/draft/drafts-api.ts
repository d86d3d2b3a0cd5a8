import type { ManagerContext } from '../internal/context.js';
import type { VersionRef } from '../internal/writer.js';
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

/** Drafts are namespaced by owner so two people's drafts of the same form never collide. */
export const draftStorageId = (ownerId: string, key: string) => `${ownerId}::${key}`;

export function createDraftsApi(context: ManagerContext): DraftsApi {
  const ownerId = context.actor.id;
  return {
    async save(key, input, basedOn) {
      const id = draftStorageId(ownerId, key);
      const fields = { ...input, id, ownerId };
      context.authorize({ action: 'update', collection: 'drafts', record: fields });
      const existing = await context.storage.get<Draft & { id: string; version: number }>('drafts', id);
      const writer = context.writer();
      const audit = { caseId: input.caseId, clientId: input.clientId };
      const draft = existing
        ? writer.update('drafts', DraftSchema, existing, { ...existing, ...fields }, audit, basedOn?.version ?? existing.version)
        : writer.create('drafts', DraftSchema, fields, audit);
      await writer.commit();
      return draft;
    },

    async get(key) {
      const draft = await context.storage.get<Draft & { id: string; version: number }>('drafts', draftStorageId(ownerId, key));
      if (draft) context.authorize({ action: 'read', collection: 'drafts', record: draft });
      return draft;
    },

    async discard(key) {
      const draft = await context.storage.get<Draft & { id: string; version: number }>('drafts', draftStorageId(ownerId, key));
      if (!draft) return;
      context.authorize({ action: 'delete', collection: 'drafts', record: draft });
      const writer = context.writer();
      writer.delete('drafts', draft, { caseId: draft.caseId, clientId: draft.clientId });
      await writer.commit();
    },
  };
}
