import * as z from 'zod/mini';
import { PermissionError } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseId, parseOptions } from '../internal/parse.js';
import { Instant } from '../records/common.js';
import type { Page } from '../storage/storage-port.js';
import { mayReadAuditEvent, storageLookup } from '../access/audit-visibility.js';
import type { AuditEvent } from './audit-schema.js';

export interface AuditPageOptions {
  limit?: number;
  cursor?: string;
  /** Oldest first when true; newest first by default. */
  oldestFirst?: boolean;
}

const PageOptionsSchema = z.strictObject({ limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(1000)), 100), cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))), oldestFirst: z._default(z.boolean(), false) });

/**
 * The audit trail. Every event returned is checked: the policy is asked with the event's case (and
 * its client's cases), and an event is never shown to someone who may not read what it is about. A
 * page can then be shorter than `limit`; follow `nextCursor` for more. A page whose every event is
 * hidden from the actor is a PermissionError.
 */
export interface AuditApi {
  /** Events about one record (any collection), including reads of lists that returned it; newest first. */
  forRecord(recordId: string, options?: AuditPageOptions): Promise<Page<AuditEvent>>;
  /** Events about a case and everything under it (plans, referrals, notes, assessments). */
  forCase(caseId: string, options?: AuditPageOptions): Promise<Page<AuditEvent>>;
  /** Everything one actor did. */
  byActor(actorId: string, options?: AuditPageOptions): Promise<Page<AuditEvent>>;
  /** Every event in a time range [from, to), for a compliance review. */
  between(from: string, to: string, options?: AuditPageOptions): Promise<Page<AuditEvent>>;
}

export function createAuditApi(context: ManagerContext): AuditApi {
  async function page(index: string, scope: { prefix?: string[]; range?: { gte: string; lt: string } }, optionsInput: AuditPageOptions | undefined, refusedAs: string): Promise<Page<AuditEvent>> {
    const options = parseOptions(PageOptionsSchema, optionsInput);
    const found = await context.storage.find<AuditEvent & { id: string; version: number }>('audit', {
      index,
      ...scope,
      reverse: !options.oldestFirst,
      limit: options.limit,
      ...(options.cursor ? { cursor: options.cursor } : {}),
    });
    const lookup = await storageLookup(context, found.items);
    const items = found.items.filter((event) => mayReadAuditEvent(context, event, lookup));
    if (found.items.length && !items.length) throw new PermissionError(context.actor.id, context.actor.role, 'read', 'audit', refusedAs);
    return { ...found, items };
  }

  return {
    forRecord: async (recordId, options) => page('recordId+at', { prefix: [parseId(recordId, ['recordId'])] }, options, recordId),
    forCase: async (caseIdInput, options) => {
      const caseId = parseId(caseIdInput, ['caseId']);
      const record = await context.loadCase(caseId);
      context.authorize({ action: 'read', collection: 'audit', record: { caseId }, case: record });
      context.authorize({ action: 'read', collection: 'cases', record, case: record });
      return page('caseId+at', { prefix: [caseId] }, options, caseId);
    },
    byActor: async (actorId, options) => page('actorId+at', { prefix: [parseId(actorId, ['actorId'])] }, options, actorId),
    between: async (fromInput, toInput, options) => {
      const from = parse(Instant, fromInput, ['from']);
      const to = parse(Instant, toInput, ['to']);
      return page('at', { range: { gte: from, lt: to } }, options, 'audit');
    },
  };
}
