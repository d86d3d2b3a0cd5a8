import type { CollectionName } from '../records/record.js';
import { searchTokens } from '../internal/search-tokens.js';
import { caseSearchTokens } from './case-query.js';
import { OPEN_GOAL_STATUSES, OPEN_INTERVENTION_STATUSES } from '../care-plan/plan-schema.js';
import type { IndexKey, StoredRecord } from './storage-port.js';

/**
 * A secondary index every adapter maintains. `key` derives the key from a record; multi-entry indexes
 * return an array of keys (one entry each). Adapters store derived keys however suits the engine
 * (Dexie stores them beside the record; a FHIR adapter maps names to search parameters).
 */
export interface IndexDefinition {
  readonly name: string;
  readonly multi?: boolean;
  key(record: StoredRecord): IndexKey | IndexKey[] | undefined;
}

type Row = StoredRecord & Record<string, any>;
const field = (name: string, path: (r: Row) => IndexKey | undefined = (r) => r[name] as IndexKey | undefined): IndexDefinition => ({
  name,
  key: (r) => path(r as Row),
});
const compound = (name: string, parts: (r: Row) => (IndexKey | undefined)[]): IndexDefinition => ({
  name,
  key: (r) => {
    const values = parts(r as Row);
    return values.some((v) => v === undefined) ? undefined : (values as (string | number)[]);
  },
});
const multi = (name: string, keys: (r: Row) => IndexKey[]): IndexDefinition => ({ name, multi: true, key: (r) => keys(r as Row) });

/** The indexes of every collection. `id` is always available and is not listed. */
export const INDEXES: Readonly<Record<CollectionName, readonly IndexDefinition[]>> = {
  clients: [
    field('birthDate'),
    multi('identifiers', (r) => (r.identifiers as { system: string; value: string }[]).map((i) => `${i.system}|${i.value}`)),
    multi('nameTokens', (r) => searchTokens([...(r.name.given as string[]), r.name.family, r.name.preferred ?? ''].join(' '))),
    field('updatedAt'),
  ],
  cases: [
    field('updatedAt'),
    multi('tokens', (r) => caseSearchTokens(r as never)),
    compound('clientId+status', (r) => [r.clientId, r.status]),
    // A case manager's caseload by status ('' for unassigned cases): the worklist reads the open cases
    // of one case manager in a range per run of open statuses, instead of one read per case.
    compound('assignee+status', (r) => [r.assigneeId ?? '', r.status]),
    field('openedAt'),
    // Cases whose closure waits for a supervisor (worklist approvals), by when it was requested.
    field('pendingApproval', (r) => r.pendingApproval?.requestedAt as string | undefined),
    // Transfers waiting for their receiver to accept (`cases.pendingTransfers`, the worklist), oldest first.
    compound('pendingTransferTo+requestedAt', (r) => (r.pendingTransfer ? [r.pendingTransfer.to.id, r.pendingTransfer.requestedAt] : [undefined])),
  ],
  assessments: [
    compound('caseId+completedAt', (r) => [r.caseId ?? '', r.completedAt ?? r.updatedAt]),
    compound('clientId+completedAt', (r) => [r.clientId ?? '', r.completedAt ?? r.updatedAt]),
  ],
  plans: [
    field('caseId'),
    field('clientId'),
    // Review date of plans in effect (active, on-hold) only, so "due for review" is one range scan.
    field('reviewDue', (r) => reviewDueOf(r)),
    // Due dates of the open tasks of plans in effect, one entry each, so "tasks due by today" is one range scan.
    multi('taskDue', (r) => openTaskDueDates(r)),
    // The same two, under the case's assignee, so one case manager's worklist reads one range of its
    // own rows. Plans without the copy (written elsewhere) are under ''; those of unassigned cases
    // (`null`) are left out: no case manager's worklist has them.
    compound('assignee+reviewDue', (r) => [assigneeKey(r), reviewDueOf(r)]),
    multi('assignee+taskDue', (r) => (r.caseAssigneeId === null ? [] : openTaskDueDates(r).map((due) => [assigneeKey(r)!, due]))),
    // Draft plans whose activation waits for a supervisor, by when it was requested.
    field('approvalPending', (r) => (r.status === 'draft' && r.approval?.status === 'pending' ? (r.approval.requestedAt as string) : undefined)),
  ],
  referrals: [
    field('caseId'),
    field('clientId'),
    field('status'),
    field('organizationId', (r) => r.service?.organizationId),
    field('createdAt'),
    field('requestedAt'),
    // Sent referrals by status then when they were sent: "waiting for an answer" and "sent more than N days ago" are range scans.
    compound('status+requestedAt', (r) => [r.status, r.requestedAt]),
    // The same under the case's assignee (as for plans: '' without the copy, none for unassigned cases).
    compound('assignee+status+requestedAt', (r) => [assigneeKey(r), r.status, r.requestedAt]),
  ],
  notes: [compound('caseId+occurredAt', (r) => [r.caseId, r.occurredAt]), field('amends')],
  consents: [
    field('clientId'),
    // The end of active consents with one, so "expiring within N days" is one range scan.
    field('expiresAt', (r) => (r.status === 'active' ? (r.period?.end as string | undefined) : undefined)),
  ],
  organizations: [multi('nameTokens', (r) => searchTokens(r.name))],
  services: [
    field('organizationId'),
    multi('categories', (r) => r.categories as string[]),
    multi('tokens', (r) => searchTokens([r.name, r.organizationName ?? '', r.description ?? ''].join(' '))),
  ],
  drafts: [field('updatedAt')],
  audit: [
    field('at'),
    // Multi-entry: a read of a list names every record it returned, and each is found by its id.
    multi('recordId+at', (r) => [r.recordId as string, ...((r.recordIds as string[] | undefined) ?? [])].map((id) => [id, r.at as string])),
    compound('caseId+at', (r) => (r.caseId ? [r.caseId, r.at] : [undefined])),
    compound('actorId+at', (r) => [r.actor.id, r.at]),
  ],
};

/** The review date of a plan in effect (active, on-hold); none for other plans. */
function reviewDueOf(r: Row): string | undefined {
  return (r.status === 'active' || r.status === 'on-hold') && r.reviewDate ? (r.reviewDate as string) : undefined;
}

/** The assignee key of a plan or referral: its case's assignee, '' when not stamped, none when unassigned. */
function assigneeKey(r: Row): string | undefined {
  return r.caseAssigneeId === null ? undefined : ((r.caseAssigneeId as string | undefined) ?? '');
}

/** Due dates of the open tasks (kind `task`) under open goals of a plan in effect (active, on-hold). */
export function openTaskDueDates(plan: Record<string, any>): string[] {
  if (plan.status !== 'active' && plan.status !== 'on-hold') return [];
  const dates: string[] = [];
  for (const goal of (plan.goals ?? []) as Record<string, any>[]) {
    if (!OPEN_GOAL_STATUSES.includes(goal.lifecycleStatus)) continue;
    for (const task of (goal.interventions ?? []) as Record<string, any>[]) {
      if (task.kind === 'task' && task.dueDate && OPEN_INTERVENTION_STATUSES.includes(task.status)) dates.push(task.dueDate as string);
    }
  }
  return dates;
}

export function indexDefinition(collection: CollectionName, name: string): IndexDefinition | undefined {
  return INDEXES[collection].find((index) => index.name === name);
}

/** The keys a record has in an index (empty when it is not indexed there). */
export function indexKeys(definition: IndexDefinition, record: StoredRecord): IndexKey[] {
  const key = definition.key(record);
  if (key === undefined) return [];
  if (definition.multi) return [...new Set((key as IndexKey[]).map((k) => JSON.stringify(k)))].map((k) => JSON.parse(k) as IndexKey);
  return [key as IndexKey];
}
