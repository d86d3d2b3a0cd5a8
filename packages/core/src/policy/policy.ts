import type { Actor } from '../records/common.js';
import type { CollectionName } from '../records/record.js';
import type { CaseRecord } from '../case/case-schema.js';

export type PolicyAction =
  | 'read'
  | 'create'
  | 'update'
  | 'transition'
  | 'delete'
  /** Approve a supervisor-gated change (case closure, plan activation). */
  | 'approve'
  /** Send a referral without an active consent to share, giving a reason. */
  | 'override-consent'
  | 'export'
  | 'import'
  /** Hand a case to another case manager, or request that (and cancel the request): the sending side. */
  | 'transfer'
  /** Accept or decline a transfer waiting for the receiver (the case's `pendingTransfer`): the receiving side. */
  | 'accept-transfer';

export interface PolicyRequest {
  actor: Actor;
  action: PolicyAction;
  collection: CollectionName;
  /** The record acted on (for creates: the record about to be stored). */
  record?: unknown;
  /** The case the record belongs to, when it belongs to one (for a case: the case itself, before the change). */
  case?: CaseRecord;
  /** For client records: the client's cases, so "own caseload" can be decided. */
  clientCases?: readonly CaseRecord[];
}

/**
 * Decides whether an actor may do something. Return false to refuse (a PermissionError is thrown, and
 * the refusal is the only thing written: one audit event with `outcome: 'refused'`).
 */
export interface Policy {
  (request: PolicyRequest): boolean;
  /**
   * Set to `true` only when, for every actor, each case a caseload query is allowed for is readable —
   * when case reads depend on nothing but the actor and the query's `assigneeId` (as in
   * `defaultPolicy`). Then `cases.countBy` counts straight from the storage's indexes. Otherwise
   * (the default for your own policies) counts are made from the matching cases themselves, each
   * checked, so a case the policy hides is never counted — slower on large caseloads, never a leak.
   */
  readonly readsFollowQueryScope?: boolean;
}

/** True when a transfer of the case to this actor is waiting for them to accept it. */
export function isTransferReceiver(actor: Actor, record: CaseRecord | undefined): boolean {
  return !!record?.pendingTransfer && record.pendingTransfer.to.id === actor.id;
}

/** True when the actor is the case's assignee or on its care team. */
export function isOnCase(actor: Actor, record: CaseRecord | undefined): boolean {
  if (!record) return false;
  return record.assigneeId === actor.id || record.careTeam.some((member) => member.actorId === actor.id);
}

const CASE_SCOPED: readonly CollectionName[] = ['cases', 'assessments', 'plans', 'referrals', 'notes'];

/**
 * The default policy:
 * - `admin` and `supervisor` may do everything (approvals included);
 * - `viewer` may only read;
 * - `case-manager` works on their own caseload (cases they are assigned to or on the care team of):
 *   they may create clients, read and update clients with no case yet or with a case of theirs,
 *   act on records of their cases, record consents, and read the service directory; they may not
 *   approve, export, import, or edit the directory;
 * - `provider` (a receiving organisation) may read the directory, and read and transition referrals sent
 *   (not drafts) to its organisation.
 *
 * Transfers (`cases.transfer`): a case manager may `transfer` the cases they are assigned to (not cases
 * they are only on the care team of) and cancel a transfer they requested; the receiver of a pending
 * transfer may read that case (not its notes, plans or client: just the case, to decide) and
 * `accept-transfer` it (accept or decline). Supervisors and admins may do both on any case; viewers and
 * providers neither.
 */
const decideByDefault = ({ actor, action, collection, record, case: caseRecord, clientCases }: PolicyRequest): boolean => {
  switch (actor.role) {
    case 'admin':
    case 'supervisor':
      return true;
    case 'viewer':
      return action === 'read';
    case 'provider': {
      if (collection === 'organizations' || collection === 'services') return action === 'read';
      // A referral reaches its receiving organisation when sent: drafts (shared before consent) stay with the referrer.
      const referral = record as { status?: string; service?: { organizationId?: string } } | undefined;
      return (
        collection === 'referrals' &&
        (action === 'read' || action === 'transition') &&
        !!actor.organizationId &&
        referral?.service?.organizationId === actor.organizationId &&
        referral.status !== 'draft'
      );
    }
    case 'case-manager':
      if (action === 'approve' || action === 'export' || action === 'import') return false;
      if (collection === 'organizations' || collection === 'services') return action === 'read';
      if (collection === 'drafts') return (record as { ownerId?: string } | undefined)?.ownerId === actor.id;
      if (collection === 'clients' || collection === 'consents') {
        if (action === 'create' && collection === 'clients') return true;
        // Without the client's cases there is no way to tell whose client this is: refuse.
        if (!clientCases) return false;
        return !clientCases.length || clientCases.some((c) => isOnCase(actor, c));
      }
      if (collection === 'audit') return action === 'read' && isOnCase(actor, caseRecord);
      if (action === 'transfer') {
        return collection === 'cases' && !!caseRecord && (caseRecord.assigneeId === actor.id || caseRecord.pendingTransfer?.requestedBy.id === actor.id);
      }
      if (action === 'accept-transfer') return collection === 'cases' && isTransferReceiver(actor, caseRecord);
      // The receiver of a pending transfer sees the case they are asked to take on, nothing under it.
      if (collection === 'cases' && action === 'read' && isTransferReceiver(actor, caseRecord)) return true;
      if (CASE_SCOPED.includes(collection)) {
        if (action === 'delete') return collection === 'notes' && isOnCase(actor, caseRecord);
        return isOnCase(actor, caseRecord);
      }
      return false;
    default:
      return false;
  }
};

/** The default policy (see above). Case reads follow the caseload query's scope, so counts come from indexes. */
export const defaultPolicy: Policy = Object.assign(decideByDefault, { readsFollowQueryScope: true as const });
