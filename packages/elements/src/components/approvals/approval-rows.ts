import { displayName, type ActorRef, type CaseManager, type CarePlan, type CaseRecord, type ClosureReason, type WorklistItem, type WorklistPage } from '@casekit/core';

export type ApprovalKind = 'case-closure' | 'plan-activation';

/** One request waiting for a decision, with what a supervisor needs to decide it. */
export interface ApprovalRow {
  /** Stable across reloads: the worklist row id (`closure-approval:<case id>`, `activation-approval:<plan id>`). */
  key: string;
  kind: ApprovalKind;
  caseId: string;
  clientId: string;
  /** The case (closure) or the plan (activation), as read: the decision is based on its version. */
  record: CaseRecord | CarePlan;
  clientName?: string;
  caseTitle?: string;
  program?: string;
  planTitle?: string;
  goalsCount?: number;
  requestedBy: ActorRef;
  requestedAt: string;
  closureReason?: ClosureReason;
  note?: string;
  /** The policy lets the actor approve or reject it (`manager.can`). */
  canDecide: boolean;
}

export const APPROVAL_KINDS = ['closure-approval', 'activation-approval'] as const;

/** The records shown last, by id: a reload reads a record again only when the worklist has a newer version. */
export type RecordCache = Map<string, CaseRecord | CarePlan>;

function closureRow(c: CaseRecord, manager: CaseManager, extra: Partial<ApprovalRow> = {}): ApprovalRow | undefined {
  const pending = c.pendingApproval;
  if (!pending) return undefined;
  return {
    key: `closure-approval:${c.id}`,
    kind: 'case-closure',
    caseId: c.id,
    clientId: c.clientId,
    record: c,
    ...(c.title ? { caseTitle: c.title } : {}),
    program: c.program,
    requestedBy: pending.requestedBy,
    requestedAt: pending.requestedAt,
    closureReason: pending.closureReason,
    ...(pending.note ? { note: pending.note } : {}),
    canDecide: manager.can({ action: 'approve', collection: 'cases', record: c, case: c }),
    ...extra,
  };
}

function activationRow(plan: CarePlan, manager: CaseManager, caseRecord: CaseRecord | undefined, extra: Partial<ApprovalRow> = {}): ApprovalRow | undefined {
  const approval = plan.approval;
  if (approval?.status !== 'pending' || plan.status !== 'draft') return undefined;
  return {
    key: `activation-approval:${plan.id}`,
    kind: 'plan-activation',
    caseId: plan.caseId,
    clientId: plan.clientId,
    record: plan,
    ...(caseRecord?.title ? { caseTitle: caseRecord.title } : {}),
    ...(caseRecord ? { program: caseRecord.program } : {}),
    planTitle: plan.title,
    goalsCount: plan.goals.length,
    requestedBy: approval.requestedBy,
    requestedAt: approval.requestedAt,
    ...(approval.note ? { note: approval.note } : {}),
    canDecide: manager.can({ action: 'approve', collection: 'plans', record: plan, ...(caseRecord ? { case: caseRecord } : {}) }),
    ...extra,
  };
}

/** The row's record: the one read last when the worklist still lists that version, else read now (an audited read). */
async function recordOf(manager: CaseManager, item: WorklistItem, cache: RecordCache): Promise<CaseRecord | CarePlan | undefined> {
  const cached = cache.get(item.recordRef.id);
  if (cached && cached.version === item.recordRef.version) return cached;
  const read = item.kind === 'closure-approval' ? manager.cases.get(item.recordRef.id) : manager.plans.get(item.recordRef.id);
  // Gone or refused since it was listed: the row is left out; the next change reloads the list.
  return read.catch(() => undefined);
}

/**
 * A supervisor's queue: one page of `manager.worklist` (approval kinds only), each row completed from
 * its record (who asked, the note, the goals), read once per version.
 */
export async function queueRows(manager: CaseManager, options: { limit: number; cursor?: string }, cache: RecordCache): Promise<{ rows: ApprovalRow[]; page: WorklistPage }> {
  const page = await manager.worklist({ kinds: [...APPROVAL_KINDS], limit: options.limit, ...(options.cursor ? { cursor: options.cursor } : {}) });
  const records = await Promise.all(page.items.map((item) => recordOf(manager, item, cache)));
  const rows: ApprovalRow[] = [];
  page.items.forEach((item, i) => {
    const record = records[i];
    if (!record) return;
    cache.set(record.id, record);
    const extra: Partial<ApprovalRow> = {
      ...(item.subject.clientName ? { clientName: item.subject.clientName } : {}),
      ...(item.subject.caseTitle ? { caseTitle: item.subject.caseTitle } : {}),
      ...(item.subject.program ? { program: item.subject.program } : {}),
    };
    const row = item.kind === 'closure-approval' ? closureRow(record as CaseRecord, manager, extra) : activationRow(record as CarePlan, manager, undefined, extra);
    if (row) rows.push(row);
  });
  return { rows, page };
}

/**
 * One case's requests, read from the case and its plans (for a case view). Requests the actor may not
 * decide are kept (shown read only), so a case manager sees what of theirs is waiting.
 */
export async function caseRows(manager: CaseManager, caseId: string, clientNames: Map<string, string>): Promise<ApprovalRow[]> {
  const [caseRecord, plans] = await Promise.all([manager.cases.get(caseId), manager.plans.forCase(caseId)]);
  const pending = [closureRow(caseRecord, manager), ...plans.map((p) => activationRow(p, manager, caseRecord))].filter((r): r is ApprovalRow => !!r);
  if (!pending.length) return [];
  if (!clientNames.has(caseRecord.clientId)) {
    // The client's name, read once per client; an actor who may not read the client sees the row without it.
    const name = await manager.clients.get(caseRecord.clientId).then((client) => displayName(client.name), () => '');
    clientNames.set(caseRecord.clientId, name);
  }
  const clientName = clientNames.get(caseRecord.clientId);
  return pending.map((row) => (clientName ? { ...row, clientName } : row)).sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : 0));
}
