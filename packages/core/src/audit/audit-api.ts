import type { ManagerContext } from '../internal/context.js';
import type { Page } from '../storage/storage-port.js';
import type { AuditEvent } from './audit-schema.js';

export interface AuditPageOptions {
  limit?: number;
  cursor?: string;
  /** Oldest first when true; newest first by default. */
  oldestFirst?: boolean;
}

export interface AuditApi {
  /** Events about one record (any collection), newest first. */
  forRecord(recordId: string, options?: AuditPageOptions): Promise<Page<AuditEvent>>;
  /** Events about a case and everything under it (plans, referrals, notes, assessments). */
  forCase(caseId: string, options?: AuditPageOptions): Promise<Page<AuditEvent>>;
  /** Everything one actor did. */
  byActor(actorId: string, options?: AuditPageOptions): Promise<Page<AuditEvent>>;
  /** Every event in a time range [from, to), for a compliance review. */
  between(from: string, to: string, options?: AuditPageOptions): Promise<Page<AuditEvent>>;
}

export function createAuditApi(context: ManagerContext): AuditApi {
  const page = (index: string, scope: { prefix?: string[]; range?: { gte: string; lt: string } }, options: AuditPageOptions = {}) =>
    context.storage.find<AuditEvent & { id: string; version: number }>('audit', {
      index,
      ...scope,
      reverse: !options.oldestFirst,
      limit: options.limit ?? 100,
      ...(options.cursor ? { cursor: options.cursor } : {}),
    });

  return {
    async forRecord(recordId, options) {
      context.authorize({ action: 'read', collection: 'audit', record: { recordId } });
      return page('recordId+at', { prefix: [recordId] }, options);
    },
    async forCase(caseId, options) {
      const record = await context.loadCase(caseId);
      context.authorize({ action: 'read', collection: 'audit', record: { caseId }, case: record });
      return page('caseId+at', { prefix: [caseId] }, options);
    },
    async byActor(actorId, options) {
      context.authorize({ action: 'read', collection: 'audit', record: { actorId } });
      return page('actorId+at', { prefix: [actorId] }, options);
    },
    async between(from, to, options) {
      context.authorize({ action: 'read', collection: 'audit', record: {} });
      return page('at', { range: { gte: from, lt: to } }, options);
    },
  };
}
