import * as z from 'zod';
import { TransitionError, ValidationError } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { parse } from '../internal/parse.js';
import { assertTransition } from '../internal/state-machine.js';
import { addDays } from '../internal/calendar.js';
import type { VersionRef } from '../internal/writer.js';
import { actorRef, type NeedDomain } from '../records/common.js';
import type { Client } from '../client/client-schema.js';
import { displayName } from '../client/client-schema.js';
import { CaseQuerySchema, type CaseGroupField, type CaseQuery } from '../storage/case-query.js';
import type { Page } from '../storage/storage-port.js';
import { CASE_MACHINE } from './case-machine.js';
import {
  CaseInputSchema,
  CaseSchema,
  CaseUpdateSchema,
  ClosureReasonSchema,
  type CaseInput,
  type CaseRecord,
  type CaseStatus,
  type CaseUpdate,
} from './case-schema.js';
import { mergeNeeds } from './needs.js';

/** The caseload query, plus conveniences resolved against the manager's clock. */
export type CaseloadQuery = CaseQuery & {
  /** Only cases whose next contact date has passed (due before today). */
  overdue?: boolean;
  /** Only cases due within this many days from today (includes overdue ones). */
  dueWithinDays?: number;
};

const TransitionOptionsSchema = z.object({
  reason: z.string().trim().max(2000).optional(),
  closureReason: ClosureReasonSchema.optional(),
});
export type CaseTransitionOptions = z.input<typeof TransitionOptionsSchema>;

export interface CasesApi {
  /** Opens a case for an existing client. A case manager who names no assignee is assigned. */
  create(input: CaseInput): Promise<CaseRecord>;
  get(id: string): Promise<CaseRecord>;
  /** Changes case fields (not status) based on the version the caller saw. */
  update(ref: VersionRef, patch: CaseUpdate): Promise<CaseRecord>;
  /**
   * Moves a case through its state machine. Closing needs a `closureReason`; reopening and
   * entered-in-error need a `reason`. With closure approval on, a case manager's close becomes a
   * pending approval and the status stays until a supervisor approves.
   */
  transition(ref: VersionRef, to: CaseStatus, options?: CaseTransitionOptions): Promise<CaseRecord>;
  approveClosure(ref: VersionRef): Promise<CaseRecord>;
  rejectClosure(ref: VersionRef, reason: string): Promise<CaseRecord>;
  /** Adds identified needs (domains already open on the case are kept as they are). */
  identifyNeeds(ref: VersionRef, domains: NeedDomain[], options?: { assessmentId?: string }): Promise<CaseRecord>;
  /** The caseload query: filters, sort and cursor paging, answered by the storage adapter's indexes. */
  query(query?: CaseloadQuery): Promise<Page<CaseRecord>>;
  /**
   * Counts of matching cases per value of one field, e.g. per status for board column headers. Counts
   * come from the storage's indexes and are checked against the policy for the query as a whole, not
   * per record.
   */
  countBy(field: CaseGroupField, query?: CaseloadQuery): Promise<Record<string, number>>;
  /** Statuses this case may move to next (for menus and drag targets). */
  allowedTransitions(record: Pick<CaseRecord, 'status'>): CaseStatus[];
}

export function createCasesApi(context: ManagerContext): CasesApi {
  const resolveQuery = (input: CaseloadQuery = {}): CaseQuery => {
    const { overdue, dueWithinDays, ...query } = input;
    const today = context.today();
    if (overdue) query.dueOnOrBefore = addDays(today, -1);
    else if (dueWithinDays !== undefined) query.dueOnOrBefore = addDays(today, dueWithinDays);
    // A case manager's caseload is their own: without an assignee the query means "mine".
    if (context.actor.role === 'case-manager' && query.assigneeId === undefined) query.assigneeId = context.actor.id;
    const parsed = parse(CaseQuerySchema, query, ['query']);
    context.authorize({ action: 'read', collection: 'cases', record: { assigneeId: parsed.assigneeId }, case: { assigneeId: parsed.assigneeId, careTeam: [] } as unknown as CaseRecord });
    return parsed;
  };

  async function applyTransition(ref: VersionRef, to: CaseStatus, options: CaseTransitionOptions, approved: boolean): Promise<CaseRecord> {
    const { reason, closureReason } = parse(TransitionOptionsSchema, options, ['options']);
    const before = await context.loadCase(ref.id);
    context.authorize({ action: 'transition', collection: 'cases', record: before, case: before });
    assertTransition(CASE_MACHINE, before.status, to);
    if (to === 'closed' && !closureReason && !before.pendingApproval) {
      throw new ValidationError([{ path: ['closureReason'], message: 'Choose why the case is closing', code: 'required' }]);
    }
    if ((before.status === 'closed' || to === 'entered-in-error') && !reason) {
      throw new ValidationError([{ path: ['reason'], message: 'Give a reason for this change', code: 'required' }]);
    }
    const writer = context.writer();
    const at = writer.timestamp;
    const needsApproval = to === 'closed' && context.settings.approvals.caseClosure && !approved && !context.policy({ actor: context.actor, action: 'approve', collection: 'cases', record: before, case: before });
    if (needsApproval) {
      const next = {
        ...before,
        pendingApproval: { kind: 'case-closure' as const, requestedBy: actorRef(context.actor), requestedAt: at, closureReason: closureReason!, ...(reason ? { note: reason } : {}) },
      };
      const record = writer.update('cases', CaseSchema, before, next, { caseId: before.id, clientId: before.clientId, reason: 'closure requested' }, ref.version);
      await writer.commit();
      return record;
    }
    const closure = to === 'closed' ? { reason: closureReason ?? before.pendingApproval!.closureReason, ...((reason ?? before.pendingApproval?.note) ? { note: reason ?? before.pendingApproval?.note } : {}) } : undefined;
    const { pendingApproval: _dropped, closure: _oldClosure, closedAt: _oldClosedAt, ...rest } = before;
    const next: CaseRecord = {
      ...rest,
      status: to,
      statusHistory: [...before.statusHistory, { from: before.status, to, at, by: actorRef(context.actor), ...(reason ? { reason } : {}) }],
      ...(to === 'active' && !before.activatedAt ? { activatedAt: at } : {}),
      ...(to === 'closed' ? { closedAt: at, closure } : {}),
    } as CaseRecord;
    const record = writer.update('cases', CaseSchema, before, next, {
      action: 'transition',
      caseId: before.id,
      clientId: before.clientId,
      transition: { from: before.status, to },
      reason: reason ?? closureReason,
    }, ref.version);
    await writer.commit();
    return record;
  }

  return {
    async create(input) {
      const fields = parse(CaseInputSchema, input);
      const client = await context.load<Client>('clients', fields.clientId);
      const at = context.now();
      const assignee =
        fields.assigneeId === undefined && context.actor.role === 'case-manager'
          ? { assigneeId: context.actor.id, assigneeName: context.actor.name }
          : {};
      const draft = {
        ...fields,
        ...assignee,
        clientName: displayName(client.name),
        statusHistory: [{ from: null, to: fields.status, at, by: actorRef(context.actor) }],
        openedAt: at,
        ...(fields.status === 'active' ? { activatedAt: at } : {}),
      };
      context.authorize({ action: 'create', collection: 'cases', record: draft, case: draft as unknown as CaseRecord });
      const writer = context.writer();
      const record = writer.create('cases', CaseSchema, draft, { clientId: client.id });
      await writer.commit();
      return record;
    },

    async get(id) {
      const record = await context.loadCase(id);
      context.authorize({ action: 'read', collection: 'cases', record, case: record });
      return record;
    },

    async update(ref, patchInput) {
      const patch = parse(CaseUpdateSchema, patchInput);
      const before = await context.loadCase(ref.id);
      context.authorize({ action: 'update', collection: 'cases', record: before, case: before });
      const writer = context.writer();
      const record = writer.update('cases', CaseSchema, before, { ...before, ...patch }, { caseId: before.id, clientId: before.clientId }, ref.version);
      await writer.commit();
      return record;
    },

    transition: (ref, to, options = {}) => applyTransition(ref, to, options, false),

    async approveClosure(ref) {
      const before = await context.loadCase(ref.id);
      context.authorize({ action: 'approve', collection: 'cases', record: before, case: before });
      if (!before.pendingApproval) throw new TransitionError('case', before.status, 'closed', [], 'This case has no closure waiting for approval');
      return applyTransition(ref, 'closed', {}, true);
    },

    async rejectClosure(ref, reason) {
      const before = await context.loadCase(ref.id);
      context.authorize({ action: 'approve', collection: 'cases', record: before, case: before });
      if (!before.pendingApproval) throw new TransitionError('case', before.status, 'closed', [], 'This case has no closure waiting for approval');
      const { pendingApproval: _dropped, ...rest } = before;
      const writer = context.writer();
      const record = writer.update('cases', CaseSchema, before, rest, { caseId: before.id, clientId: before.clientId, action: 'approve', reason: `closure rejected: ${reason}` }, ref.version);
      await writer.commit();
      return record;
    },

    async identifyNeeds(ref, domains, options = {}) {
      const before = await context.loadCase(ref.id);
      context.authorize({ action: 'update', collection: 'cases', record: before, case: before });
      const writer = context.writer();
      const needs = mergeNeeds(before.needs, domains, { source: options.assessmentId ? 'assessment' : 'manual', ...(options.assessmentId ? { assessmentId: options.assessmentId } : {}), at: writer.timestamp });
      const record = writer.update('cases', CaseSchema, before, { ...before, needs }, { caseId: before.id, clientId: before.clientId }, ref.version);
      await writer.commit();
      return record;
    },

    async query(query) {
      const page = await context.storage.queryCases(resolveQuery(query));
      // The query as a whole was allowed; a policy may still refuse single records (e.g. behavioral-health
      // cases only for cleared staff), so each case is checked too. A page can then be shorter than `limit`.
      const readable = page.items.filter((record) => context.policy({ actor: context.actor, action: 'read', collection: 'cases', record, case: record }));
      return readable.length === page.items.length ? page : { ...page, items: readable };
    },

    async countBy(field, query) {
      const { limit: _limit, cursor: _cursor, ...rest } = resolveQuery(query);
      return context.storage.countCases(field, rest);
    },

    allowedTransitions: (record) => [...CASE_MACHINE.transitions[record.status]],
  };
}
