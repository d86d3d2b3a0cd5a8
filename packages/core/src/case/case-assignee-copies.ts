import type { CarePlan } from '../care-plan/plan-schema.js';
import { CarePlanSchema } from '../care-plan/plan-schema.js';
import type { ManagerContext } from '../internal/context.js';
import type { Writer } from '../internal/writer.js';
import type { Referral } from '../referral/referral-schema.js';
import { ReferralSchema } from '../referral/referral-schema.js';
import type { StoredRecord } from '../storage/storage-port.js';
import type { CaseRecord } from './case-schema.js';

/**
 * Plans and referrals carry a copy of their case's assignee (`caseAssigneeId`) so that a case manager's
 * worklist reads their rows through one index range instead of every plan and referral of the agency.
 * The copy is only a way in: the worklist still checks each row against the case itself, so a stale copy
 * can hide a row from the new assignee's fast path but never show one to the wrong person.
 */
export function caseAssigneeCopy(caseRecord: Pick<CaseRecord, 'assigneeId'>): { caseAssigneeId: string | null } {
  // `null` (known to have none) keeps an unassigned case's rows out of every case manager's ranges.
  return { caseAssigneeId: caseRecord.assigneeId ?? null };
}

/**
 * Queues, in the same unit as the case's own change, the plans and referrals of a case whose assignee
 * changed (an assignment or a transfer), each with the new copy. Nothing is queued when it did not change.
 */
export async function moveAssigneeCopies(context: ManagerContext, writer: Writer, before: CaseRecord, after: CaseRecord, reason: string): Promise<void> {
  if (before.assigneeId === after.assigneeId) return;
  const audit = { caseId: after.id, clientId: after.clientId, reason };
  const [plans, referrals] = await Promise.all([
    context.storage.find<CarePlan & StoredRecord>('plans', { index: 'caseId', equals: after.id }),
    context.storage.find<Referral & StoredRecord>('referrals', { index: 'caseId', equals: after.id }),
  ]);
  const copy = caseAssigneeCopy(after);
  for (const plan of plans.items) if (plan.caseAssigneeId !== copy.caseAssigneeId) writer.update('plans', CarePlanSchema, plan, { ...plan, ...copy }, audit);
  for (const referral of referrals.items) if (referral.caseAssigneeId !== copy.caseAssigneeId) writer.update('referrals', ReferralSchema, referral, { ...referral, ...copy }, audit);
}
