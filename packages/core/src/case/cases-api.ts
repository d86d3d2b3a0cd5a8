import { moveAssigneeCopies } from './case-assignee-copies.js';
import * as z from 'zod/mini';
import { TransitionError, ValidationError } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseId, parseOptions, parseRef, ReasonSchema } from '../internal/parse.js';
import { CASE_GROUP_FIELDS } from '../storage/case-query.js';
import { NeedDomainSchema, Id } from '../records/common.js';
import { assertTransition } from '../internal/state-machine.js';
import { addDays } from '../internal/calendar.js';
import type { VersionRef } from '../internal/writer.js';
import { actorRef, type NeedDomain } from '../records/common.js';
import type { Client } from '../client/client-schema.js';
import { displayName } from '../client/client-schema.js';
import { CaseQuerySchema, caseGroupValue, type CaseGroupField, type CaseQuery } from '../storage/case-query.js';
import type { Page } from '../storage/storage-port.js';
import { CASE_MACHINE } from './case-machine.js';
import {
  CaseInputSchema,
  CaseSchema,
  CaseStatusSchema,
  CaseUpdateSchema,
  ClosureReasonSchema,
  OPEN_CASE_STATUSES,
  type CaseInput,
  type CaseRecord,
  type CaseStatus,
  type CaseUpdate,
} from './case-schema.js';
import { mergeNeeds } from './needs.js';
import { isCaseOverdue } from './overdue.js';
import { createCaseTransfersApi, type CaseTransfersApi } from '../case-transfer/case-transfers-api.js';

/** The caseload query, plus conveniences resolved against the manager's clock. */
export type CaseloadQuery = CaseQuery & {
  /** Only open cases whose next contact date has passed (due before today; see `isOverdue`). */
  overdue?: boolean;
  /** Only cases due within this many days from today (includes overdue ones). */
  dueWithinDays?: number;
};

const TransitionOptionsSchema = z.strictObject({
  reason: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
  closureReason: z.optional(ClosureReasonSchema),
});
const ConveniencesSchema = z.object({ overdue: z.optional(z.boolean()), dueWithinDays: z.optional(z.number().check(z.int(), z.gte(-3650), z.lte(3650))) });
const QueryInputSchema = z.optional(z.looseObject({}));
const IdentifyNeedsSchema = z.array(NeedDomainSchema).check(z.minLength(1), z.maxLength(50));
const IdentifyOptionsSchema = z.strictObject({ assessmentId: z.optional(Id) });
const GroupFieldSchema = z.enum(CASE_GROUP_FIELDS);
/** Cases read per page when counts must be made from the cases themselves (a record-level policy). */
const COUNT_PAGE = 1000;
export type CaseTransitionOptions = z.input<typeof TransitionOptionsSchema>;

/** Cases: the caseload, its state machine, and transfers between case managers (`CaseTransfersApi`). */
export interface CasesApi extends CaseTransfersApi {
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
  /**
   * The caseload query: filters, sort and cursor paging, answered by the storage adapter's indexes. Each
   * case is checked against the policy (a page can be shorter than `limit`) and the page is audited as one read.
   */
  query(query?: CaseloadQuery): Promise<Page<CaseRecord>>;
  /**
   * Counts of matching cases per value of one field, e.g. per status for board column headers. Only
   * cases this actor may read are counted: with a policy whose case reads follow the query's scope
   * (`readsFollowQueryScope`, as `defaultPolicy`) counts come straight from the storage's indexes;
   * otherwise from the matching cases, each checked.
   */
  countBy(field: CaseGroupField, query?: CaseloadQuery): Promise<Record<string, number>>;
  /** Statuses this case may move to next (for menus and drag targets). */
  allowedTransitions(record: Pick<CaseRecord, 'status'>): CaseStatus[];
  /** Whether the case is open and its next contact was due before today (`manager.today()`): the one definition of overdue. */
  isOverdue(record: Pick<CaseRecord, 'status' | 'nextContactDue'>): boolean;
}

export function createCasesApi(context: ManagerContext): CasesApi {
  const resolveQuery = (input: CaseloadQuery | undefined): CaseQuery => {
    const raw = parse(QueryInputSchema, input, ['query']) ?? {};
    const { overdue, dueWithinDays } = parse(ConveniencesSchema, { overdue: raw['overdue'], dueWithinDays: raw['dueWithinDays'] }, ['query']);
    const { overdue: _o, dueWithinDays: _d, ...query } = raw as CaseQuery & CaseloadQuery;
    const today = context.today();
    if (overdue) {
      // Overdue applies to open cases only (see isCaseOverdue): a closed case's last due date is history.
      query.dueOnOrBefore = addDays(today, -1);
      query.status = (query.status ?? [...OPEN_CASE_STATUSES]).filter((s) => OPEN_CASE_STATUSES.includes(s));
    }
    else if (dueWithinDays !== undefined) query.dueOnOrBefore = addDays(today, dueWithinDays);
    // A case manager's caseload is their own: without an assignee the query means "mine".
    if (context.actor.role === 'case-manager' && query.assigneeId === undefined) query.assigneeId = context.actor.id;
    const parsed = parse(CaseQuerySchema, query, ['query']);
    context.authorize({ action: 'read', collection: 'cases', record: { assigneeId: parsed.assigneeId }, case: { assigneeId: parsed.assigneeId, careTeam: [] } as unknown as CaseRecord });
    return parsed;
  };

  const mayRead = (record: CaseRecord) => context.allows({ action: 'read', collection: 'cases', record, case: record });

  async function applyTransition(refInput: VersionRef, toInput: CaseStatus, options: CaseTransitionOptions | undefined, approved: boolean): Promise<CaseRecord> {
    const ref = parseRef(refInput);
    const to = parse(CaseStatusSchema, toInput, ['to']);
    const { reason, closureReason } = parseOptions(TransitionOptionsSchema, options);
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
    const needsApproval = to === 'closed' && context.settings.approvals.caseClosure && !approved && !context.allows({ action: 'approve', collection: 'cases', record: before, case: before });
    if (needsApproval) {
      if (before.pendingApproval) {
        // A second request would silently replace the first one's reason under the supervisor's eyes.
        throw new TransitionError('case', before.status, to, [], 'A closure of this case is already waiting for approval');
      }
      const next = {
        ...before,
        pendingApproval: { kind: 'case-closure' as const, requestedBy: actorRef(context.actor), requestedAt: at, closureReason: closureReason!, ...(reason ? { note: reason } : {}) },
      };
      const record = writer.update('cases', CaseSchema, before, next, { caseId: before.id, clientId: before.clientId, reason: 'closure requested' }, ref.version);
      await writer.commit();
      return record;
    }
    const closure = to === 'closed' ? { reason: closureReason ?? before.pendingApproval!.closureReason, ...((reason ?? before.pendingApproval?.note) ? { note: reason ?? before.pendingApproval?.note } : {}) } : undefined;
    const { pendingApproval: _dropped, closure: _oldClosure, closedAt: _oldClosedAt, pendingTransfer, ...rest } = before;
    const next: CaseRecord = {
      ...rest,
      // A transfer waits only on an open case: closing (or cancelling) the case withdraws it.
      ...(pendingTransfer && OPEN_CASE_STATUSES.includes(to) ? { pendingTransfer } : {}),
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
    ...createCaseTransfersApi(context),

    async create(input) {
      const fields = parse(CaseInputSchema, input);
      const client = await context.load<Client>('clients', fields.clientId);
      // Opening a case for a client needs read access to the client: otherwise anyone could put a
      // colleague's client on their own caseload and read them from then on.
      context.authorizeClientRead(client, await context.casesOfClient(client.id));
      const at = context.now();
      const assignee =
        fields.assigneeId === undefined && context.actor.role === 'case-manager'
          ? { assigneeId: context.actor.id, assigneeName: context.actor.name }
          : {};
      const draft = {
        ...fields,
        ...assignee,
        clientName: displayName(client.name),
        clientInterpreterNeeded: client.interpreterNeeded,
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

    async get(idInput) {
      const record = await context.loadCase(parseId(idInput));
      context.authorize({ action: 'read', collection: 'cases', record, case: record });
      await context.disclose('cases', [record], { caseId: record.id, clientId: record.clientId });
      return record;
    },

    async update(refInput, patchInput) {
      const ref = parseRef(refInput);
      const patch = parse(CaseUpdateSchema, patchInput);
      const before = await context.loadCase(ref.id);
      context.authorize({ action: 'update', collection: 'cases', record: before, case: before });
      const writer = context.writer();
      const record = writer.update('cases', CaseSchema, before, { ...before, ...patch }, { caseId: before.id, clientId: before.clientId }, ref.version);
      await moveAssigneeCopies(context, writer, before, record, `case assigned to ${record.assigneeName ?? record.assigneeId ?? 'nobody'}`);
      await writer.commit();
      return record;
    },

    transition: async (ref, to, options) => applyTransition(ref, to, options, false),

    async approveClosure(refInput) {
      const ref = parseRef(refInput);
      const before = await context.loadCase(ref.id);
      context.authorize({ action: 'approve', collection: 'cases', record: before, case: before });
      if (!before.pendingApproval) throw new TransitionError('case', before.status, 'closed', [], 'This case has no closure waiting for approval');
      return applyTransition(ref, 'closed', {}, true);
    },

    async rejectClosure(refInput, reasonInput) {
      const ref = parseRef(refInput);
      const reason = parse(ReasonSchema, reasonInput, ['reason']);
      const before = await context.loadCase(ref.id);
      context.authorize({ action: 'approve', collection: 'cases', record: before, case: before });
      if (!before.pendingApproval) throw new TransitionError('case', before.status, 'closed', [], 'This case has no closure waiting for approval');
      const { pendingApproval: _dropped, ...rest } = before;
      const writer = context.writer();
      const record = writer.update('cases', CaseSchema, before, rest, { caseId: before.id, clientId: before.clientId, action: 'approve', reason: `closure rejected: ${reason}` }, ref.version);
      await writer.commit();
      return record;
    },

    async identifyNeeds(refInput, domainsInput, optionsInput) {
      const ref = parseRef(refInput);
      const domains = parse(IdentifyNeedsSchema, domainsInput, ['domains']);
      const options = parseOptions(IdentifyOptionsSchema, optionsInput);
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
      const readable = page.items.filter(mayRead);
      await context.disclose('cases', readable, { scope: 'cases.query' });
      return readable.length === page.items.length ? page : { ...page, items: readable };
    },

    async countBy(fieldInput, query) {
      const field = parse(GroupFieldSchema, fieldInput, ['field']);
      const { limit: _limit, cursor: _cursor, ...rest } = resolveQuery(query);
      if (context.policy.readsFollowQueryScope === true) return context.storage.countCases(field, rest);
      // A policy that decides case by case: count only what this actor could read, or a count with a
      // text filter would spell out a hidden client's name letter by letter.
      const counts: Record<string, number> = {};
      let cursor: string | undefined;
      do {
        const page = await context.storage.queryCases({ ...rest, limit: COUNT_PAGE, ...(cursor ? { cursor } : {}) });
        for (const record of page.items) {
          if (!mayRead(record)) continue;
          const value = caseGroupValue(record, field);
          counts[value] = (counts[value] ?? 0) + 1;
        }
        cursor = page.nextCursor;
      } while (cursor);
      return counts;
    },

    isOverdue: (record) => isCaseOverdue(parse(z.looseObject({ status: CaseStatusSchema, nextContactDue: z.optional(z.string()) }), record, ['record']), context.today()),

    allowedTransitions: (record) => [...CASE_MACHINE.transitions[parse(z.looseObject({ status: CaseStatusSchema }), record, ['record']).status]],
  };
}
