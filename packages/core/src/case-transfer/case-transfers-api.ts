import { moveAssigneeCopies } from '../case/case-assignee-copies.js';
import * as z from 'zod/mini';
import { NotFoundError, TransitionError, ValidationError } from '../errors/errors.js';
import type { StoredRecord } from '../storage/storage-port.js';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseOptions, parseRef, ReasonSchema, VersionRefSchema } from '../internal/parse.js';
import type { VersionRef, Writer } from '../internal/writer.js';
import { actorRef, Id } from '../records/common.js';
import {
  CaseSchema,
  OPEN_CASE_STATUSES,
  TransferTargetSchema,
  type CaseRecord,
  type TransferTarget,
} from '../case/case-schema.js';

/** How many cases one `transfer` call may move (one commit). */
export const MAX_CASES_PER_TRANSFER = 500;

const RefsSchema = z.array(VersionRefSchema).check(z.minLength(1, 'Choose at least one case'), z.maxLength(MAX_CASES_PER_TRANSFER));
const TransferOptionsSchema = z.strictObject({
  /** Why the case moves; kept in the audit log (and on the pending transfer). */
  reason: ReasonSchema,
  /** Wait for the receiver to accept before the assignee changes. Default false. */
  requireAcceptance: z.optional(z.boolean()),
});
const CancelOptionsSchema = z.optional(z.string().check(z.trim(), z.maxLength(2000)));
const PendingQuerySchema = z.strictObject({ to: z.optional(Id), from: z.optional(Id) });

export type TransferOptions = z.input<typeof TransferOptionsSchema>;
/** Which pending transfers to list: those waiting for `to` (the receiver), of cases assigned to `from`, or both. */
export type PendingTransfersQuery = z.input<typeof PendingQuerySchema>;

/** Cases read per page when pending transfers are looked for across the caseload. */
const SCAN_PAGE = 1000;

/**
 * Case transfers (compare Primero's transfer requests): a case, or several at once, moves to another
 * case manager with a reason, at once or once the receiver accepts. Merged into `manager.cases`.
 */
export interface CaseTransfersApi {
  /**
   * Transfers cases to another case manager. Without `requireAcceptance` the assignee changes at once:
   * `assigneeId`/`assigneeName` become `to`, and the previous assignee leaves the case (any care-team
   * entry of theirs is removed too; add them back with `cases.update` for a warm handoff). With
   * `requireAcceptance` each case gets a `pendingTransfer` and keeps its assignee until the receiver
   * calls `acceptTransfer` (or `declineTransfer`), or the requester calls `cancelTransfer`.
   *
   * Several cases move all or nothing, in one commit: a stale version (ConflictError), a closed case
   * (TransitionError), a case already waiting for a transfer (TransitionError) or one already assigned to
   * `to` (ValidationError at `to.id`) writes nothing. Only open cases move. Policy action `transfer`: by
   * default the case's assignee, supervisors and admins. Each case's audit event says
   * `transferred from <previous> to <to>: <reason>` (or `transfer to <to> requested: <reason>`).
   * Returns the updated case, or the updated cases in the order given.
   */
  transfer(ref: VersionRef, to: TransferTarget, options: TransferOptions): Promise<CaseRecord>;
  transfer(refs: VersionRef[], to: TransferTarget, options: TransferOptions): Promise<CaseRecord[]>;
  /**
   * The receiver takes on a case waiting for them: it becomes theirs and the previous assignee leaves it,
   * as in an immediate transfer. Policy action `accept-transfer` (by default the receiver, supervisors, admins).
   */
  acceptTransfer(ref: VersionRef): Promise<CaseRecord>;
  /** The receiver turns a pending transfer down, with a reason; the case stays with its assignee. Policy action `accept-transfer`. */
  declineTransfer(ref: VersionRef, reason: string): Promise<CaseRecord>;
  /** The requester (or the assignee, a supervisor) withdraws a pending transfer. Policy action `transfer`. */
  cancelTransfer(ref: VersionRef, reason?: string): Promise<CaseRecord>;
  /**
   * Open cases with a transfer waiting: by default those waiting for this actor (incoming). `from` lists
   * the pending transfers of one case manager's caseload (outgoing; through the assignee index); `to`
   * someone else's incoming ones (a case manager sees only those of their own cases). Only cases this
   * actor may read are listed, oldest request first; the list is audited as one read (`cases.pendingTransfers`).
   */
  pendingTransfers(query?: PendingTransfersQuery): Promise<CaseRecord[]>;
}

export function createCaseTransfersApi(context: ManagerContext): CaseTransfersApi {
  const mayRead = (record: CaseRecord) => context.allows({ action: 'read', collection: 'cases', record, case: record });

  /** Only open cases move; `index` names the case in a list (1-based in the message). */
  function assertOpen(record: CaseRecord, index?: number): void {
    if (!OPEN_CASE_STATUSES.includes(record.status)) {
      throw new TransitionError('case', record.status, record.status, [], `Only open cases can be transferred; ${index === undefined ? 'this case' : `case ${index + 1}`} is ${record.status}`);
    }
  }

  /** The case after it moved to `to`: new assignee, previous one off the care team, no transfer pending. */
  function moved(before: CaseRecord, to: TransferTarget): CaseRecord {
    const { pendingTransfer: _done, ...rest } = before;
    const careTeam = before.assigneeId ? before.careTeam.filter((member) => member.actorId !== before.assigneeId) : before.careTeam;
    return { ...rest, assigneeId: to.id, assigneeName: to.name, careTeam };
  }

  const who = (record: CaseRecord) => record.assigneeName ?? record.assigneeId ?? 'nobody';

  async function loadPending(ref: VersionRef, action: 'transfer' | 'accept-transfer'): Promise<CaseRecord> {
    const before = await context.loadCase(ref.id);
    context.authorize({ action, collection: 'cases', record: before, case: before });
    if (!before.pendingTransfer) throw new TransitionError('case', before.status, before.status, [], 'This case has no transfer waiting');
    return before;
  }

  async function commitOne(writer: Writer, record: CaseRecord): Promise<CaseRecord> {
    await writer.commit();
    return record;
  }

  /** The cases of the refs, in order, read in one go. */
  async function loadAll(refs: readonly VersionRef[]): Promise<CaseRecord[]> {
    const found = await context.storage.getMany<CaseRecord & StoredRecord>('cases', refs.map((r) => r.id));
    return found.map((record, i) => {
      if (!record) throw new NotFoundError('cases', refs[i]!.id);
      return record as CaseRecord;
    });
  }

  async function transfer(refsInput: VersionRef | VersionRef[], toInput: TransferTarget, optionsInput: TransferOptions): Promise<CaseRecord | CaseRecord[]> {
    const many = Array.isArray(refsInput);
    const refs = many ? parse(RefsSchema, refsInput, ['refs']) : [parseRef(refsInput)];
    const to = parse(TransferTargetSchema, toInput, ['to']);
    const { reason, requireAcceptance } = parseOptions(TransferOptionsSchema, optionsInput);
    const seen = new Set<string>();
    refs.forEach((ref, i) => {
      if (seen.has(ref.id)) throw new ValidationError([{ path: ['refs', i, 'id'], message: 'This case is listed twice', code: 'duplicate' }]);
      seen.add(ref.id);
    });
    const befores = await loadAll(refs);
    for (const before of befores) context.authorize({ action: 'transfer', collection: 'cases', record: before, case: before });
    befores.forEach((before, i) => {
      assertOpen(before, many ? i : undefined);
      if (before.pendingTransfer) {
        throw new TransitionError('case', before.status, before.status, [], `A transfer of this case to ${before.pendingTransfer.to.name} is already waiting; cancel it first`);
      }
      if (before.assigneeId === to.id) throw new ValidationError([{ path: ['to', 'id'], message: `${many ? `Case ${i + 1} is` : 'The case is'} already assigned to ${to.name}`, code: 'invalid' }]);
    });
    const writer = context.writer();
    const records = befores.map((before, i) => {
      const audit = { caseId: before.id, clientId: before.clientId };
      if (requireAcceptance) {
        const next = { ...before, pendingTransfer: { to, requestedBy: actorRef(context.actor), requestedAt: writer.timestamp, reason } };
        return writer.update('cases', CaseSchema, before, next, { ...audit, reason: `transfer to ${to.name} requested: ${reason}` }, refs[i]!.version);
      }
      return writer.update('cases', CaseSchema, before, moved(before, to), { ...audit, reason: `transferred from ${who(before)} to ${to.name}: ${reason}` }, refs[i]!.version);
    });
    await Promise.all(records.map((record, i) => moveAssigneeCopies(context, writer, befores[i]!, record, `case transferred to ${to.name}`)));
    await writer.commit();
    return many ? records : records[0]!;
  }

  return {
    transfer: transfer as CaseTransfersApi['transfer'],

    async acceptTransfer(refInput) {
      const ref = parseRef(refInput);
      const before = await loadPending(ref, 'accept-transfer');
      assertOpen(before);
      const pending = before.pendingTransfer!;
      const writer = context.writer();
      const record = writer.update('cases', CaseSchema, before, moved(before, pending.to), {
        caseId: before.id,
        clientId: before.clientId,
        reason: `transferred from ${who(before)} to ${pending.to.name} (accepted): ${pending.reason}`,
      }, ref.version);
      await moveAssigneeCopies(context, writer, before, record, `case transferred to ${pending.to.name} (accepted)`);
      return commitOne(writer, record);
    },

    async declineTransfer(refInput, reasonInput) {
      const ref = parseRef(refInput);
      const reason = parse(ReasonSchema, reasonInput, ['reason']);
      const before = await loadPending(ref, 'accept-transfer');
      const { pendingTransfer, ...rest } = before;
      const writer = context.writer();
      const record = writer.update('cases', CaseSchema, before, rest, { caseId: before.id, clientId: before.clientId, reason: `transfer to ${pendingTransfer!.to.name} declined: ${reason}` }, ref.version);
      return commitOne(writer, record);
    },

    async cancelTransfer(refInput, reasonInput) {
      const ref = parseRef(refInput);
      const reason = parse(CancelOptionsSchema, reasonInput, ['reason']);
      const before = await loadPending(ref, 'transfer');
      const { pendingTransfer, ...rest } = before;
      const writer = context.writer();
      const record = writer.update('cases', CaseSchema, before, rest, {
        caseId: before.id,
        clientId: before.clientId,
        reason: `transfer to ${pendingTransfer!.to.name} cancelled${reason ? `: ${reason}` : ''}`,
      }, ref.version);
      return commitOne(writer, record);
    },

    async pendingTransfers(queryInput) {
      const query = parse(PendingQuerySchema, queryInput ?? {}, ['query']);
      let { to, from } = query;
      if (to === undefined && from === undefined) to = context.actor.id;
      // A case manager sees only the cases they may read: someone else's incoming transfers can only be of
      // cases on their own caseload, so the assignee index answers (no scan of everyone's cases).
      if (context.actor.role === 'case-manager' && to !== context.actor.id && from === undefined) from = context.actor.id;
      const found: CaseRecord[] = [];
      let cursor: string | undefined;
      do {
        // A receiver's incoming transfers come from their index; a sender's from the assignee's open cases.
        const page =
          to !== undefined
            ? await context.storage.find<CaseRecord & { id: string; version: number }>('cases', { index: 'pendingTransferTo+requestedAt', prefix: [to], limit: SCAN_PAGE, ...(cursor ? { cursor } : {}) })
            : await context.storage.queryCases({ status: [...OPEN_CASE_STATUSES], assigneeId: from!, sort: 'updatedAt', limit: SCAN_PAGE, ...(cursor ? { cursor } : {}) });
        for (const record of page.items) {
          if (!record.pendingTransfer || (to !== undefined && record.pendingTransfer.to.id !== to) || (from !== undefined && record.assigneeId !== from)) continue;
          if (mayRead(record)) found.push(record);
        }
        cursor = page.nextCursor;
      } while (cursor);
      found.sort((a, b) => a.pendingTransfer!.requestedAt.localeCompare(b.pendingTransfer!.requestedAt) || a.id.localeCompare(b.id));
      await context.disclose('cases', found, { scope: 'cases.pendingTransfers' });
      return found;
    },
  };
}
