import { OPEN_CASE_STATUSES, type CaseRecord } from '../case/case-schema.js';
import { isCaseOverdue } from '../case/overdue.js';
import type { CarePlan } from '../care-plan/plan-schema.js';
import { OPEN_GOAL_STATUSES, OPEN_INTERVENTION_STATUSES } from '../care-plan/plan-schema.js';
import type { Consent } from '../consent/consent-schema.js';
import { addDays, calendarDateIn, daysBetween, startOfNextDayIn } from '../internal/calendar.js';
import type { ManagerContext } from '../internal/context.js';
import type { Referral, ReferralStatus } from '../referral/referral-schema.js';
import type { CollectionName } from '../records/record.js';
import { caseStatusRuns } from '../storage/case-query.js';
import type { FindQuery, StoredRecord } from '../storage/storage-port.js';
import { daysOverdueReason, modifier } from './ranking.js';
import type { WorklistItem, WorklistKind, WorklistRanking, WorklistReason, WorklistSubject } from './worklist-schema.js';

/** What a worklist is judged by: the day, its zone, the instant deadlines are compared with, the rules. */
export interface Judging {
  today: string;
  timeZone: string;
  /** Now (or, for another `date`, the end of that day): deadlines before it have passed. */
  asOf: number;
  ranking: WorklistRanking;
  consentExpiryDays: number;
  referralCompletionDays: number;
  kinds: ReadonlySet<WorklistKind>;
  /** Only cases assigned to this actor id (a case manager's own; a supervisor's chosen case manager). */
  assigneeId: string | undefined;
  /** Whether the actor may read cases at all in this scope (providers may not: no case-scoped rows). */
  caseScoped: boolean;
}

/** A row before client facts (interpreter, name) and the score are added. */
export type Candidate = Omit<WorklistItem, 'score'> & { caseRecord?: CaseRecord };

type Stored<T> = T & StoredRecord;
/** Referrals still open on the referring side: sent and not yet closed. */
const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['requested', 'accepted', 'in-progress', 'on-hold'];
/** Accepted referrals still being worked on, which can pass their completion deadline. */
const WORKING_REFERRAL_STATUSES: readonly ReferralStatus[] = ['accepted', 'in-progress', 'on-hold'];
/** Rows per request of a scan: one request reads even a very large caseload's range. */
const PAGE = 5000;
/** The most `queryCases` returns at once. */
const QUERY_PAGE = 1000;
const DAY = 86_400_000;

export async function collectCandidates(context: ManagerContext, judging: Judging): Promise<Candidate[]> {
  const { kinds } = judging;
  const scope = new CaseScope(context, judging);
  // A case manager's rows of these kinds mostly belong to their own open cases: read those first, in
  // two ranges, rather than each row's case by id. On IndexedDB at 100,000 cases, one case manager's
  // 3,000 open cases in ranges cost what the 1,250 cases their rows name cost by id plus the contacts'
  // own query, and the contacts come with them.
  if (judging.caseScoped && judging.assigneeId && ['contact-due', 'referral-overdue', 'plan-review-due', 'task-due'].some((k) => kinds.has(k as WorklistKind))) scope.readCaseload(judging.assigneeId);
  // Each kind is its own bounded index scan; they are issued together (IndexedDB answers them one after
  // another, but none waits for another's answer to be asked), then come back in a fixed order.
  const scans: Promise<Candidate[]>[] = [];
  if (judging.caseScoped && kinds.has('contact-due')) scans.push(contacts(context, judging, scope));
  if (kinds.has('referral-overdue') || kinds.has('new-referral')) scans.push(referrals(context, judging, scope));
  if (judging.caseScoped && kinds.has('plan-review-due')) scans.push(planReviews(context, judging, scope));
  if (judging.caseScoped && kinds.has('task-due')) scans.push(tasks(context, judging, scope));
  if (judging.caseScoped && kinds.has('consent-expiring')) scans.push(consents(context, judging, scope));
  if (judging.caseScoped && kinds.has('closure-approval')) scans.push(closures(context, judging, scope));
  if (judging.caseScoped && kinds.has('activation-approval')) scans.push(activations(context, judging, scope));
  if (judging.caseScoped && kinds.has('transfer-request')) scans.push(transferRequests(context, judging, scope));
  const out = (await Promise.all(scans)).flat();
  return out;
}

/** Which cases are on this actor's worklist, with their records loaded once. */
class CaseScope {
  private readonly cases = new Map<string, CaseRecord | undefined>();
  private readonly loading = new Map<string, Promise<void>>();
  /** The open cases of the case manager whose worklist this is, when read as a whole (see `readCaseload`). */
  private caseload: Promise<CaseRecord[]> | undefined;
  constructor(
    private readonly context: ManagerContext,
    private readonly judging: Judging,
  ) {}

  remember(record: CaseRecord): void {
    this.cases.set(record.id, record);
  }

  /** Reads the open cases of one assignee (two `assignee+status` ranges: the open statuses' runs); `load` waits for them. */
  readCaseload(assigneeId: string): void {
    const ranges = caseStatusRuns(OPEN_CASE_STATUSES).map(([first, last]): FindQuery => ({ index: 'assignee+status', range: { gte: [assigneeId, first], lte: [assigneeId, last] } }));
    this.caseload = Promise.all(ranges.map((range) => all<Stored<CaseRecord>>(this.context, 'cases', range))).then((lists) => {
      const cases = lists.flat();
      cases.forEach((c) => this.remember(c));
      return cases;
    });
  }

  /** The open caseload read by `readCaseload`, or undefined when it was not read. */
  openCaseload(): Promise<CaseRecord[]> | undefined {
    return this.caseload;
  }

  /** Reads the cases not read yet; a case another scan is reading is awaited, not read twice. */
  async load(ids: readonly string[]): Promise<void> {
    if (this.caseload) await this.caseload;
    const missing = [...new Set(ids)].filter((id) => !this.cases.has(id) && !this.loading.has(id));
    const waits = [...new Set([...new Set(ids)].flatMap((id) => (this.loading.has(id) ? [this.loading.get(id)!] : [])))];
    if (missing.length) {
      const read = this.context.storage.getMany<Stored<CaseRecord>>('cases', missing).then((found) => {
        missing.forEach((id, i) => {
          this.cases.set(id, found[i]);
          this.loading.delete(id);
        });
      });
      missing.forEach((id) => this.loading.set(id, read));
      waits.push(read);
    }
    await Promise.all(waits);
  }

  get(id: string): CaseRecord | undefined {
    return this.cases.get(id);
  }

  /** The case is on the worklist's caseload and the actor may read it. */
  includes(record: CaseRecord | undefined): record is CaseRecord {
    if (!record || !this.judging.caseScoped) return false;
    if (this.judging.assigneeId !== undefined && record.assigneeId !== this.judging.assigneeId) return false;
    return this.context.allows({ action: 'read', collection: 'cases', record, case: record });
  }

  /** The case is in scope and the actor may do `action` on `record` of `collection` in it. */
  allows(record: unknown, caseRecord: CaseRecord | undefined, collection: CollectionName, action: 'read' | 'approve' = 'read'): caseRecord is CaseRecord {
    return this.includes(caseRecord) && this.context.allows({ action, collection, record, case: caseRecord });
  }
}

async function all<T extends StoredRecord>(context: ManagerContext, collection: CollectionName, query: FindQuery): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await context.storage.find<T>(collection, { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * The rows of one case manager come from the assignee indexes: their own range, plus the range of rows
 * without the copy ('', unassigned cases and records stored before it existed). Everyone else's come
 * from the agency-wide index. Either way each row is checked against its case afterwards.
 */
async function byAssignee<T extends StoredRecord>(
  context: ManagerContext,
  judging: Judging,
  collection: CollectionName,
  scoped: (assignee: string) => FindQuery,
  whole: FindQuery,
): Promise<T[]> {
  if (judging.assigneeId === undefined) return all<T>(context, collection, whole);
  const assignees = judging.assigneeId === '' ? [''] : [judging.assigneeId, ''];
  const found = await Promise.all(assignees.map((a) => all<T>(context, collection, scoped(a))));
  return found.flat();
}

function caseSubject(c: CaseRecord): WorklistSubject {
  return {
    ...(c.title ? { caseTitle: c.title } : {}),
    program: c.program,
    priority: c.priority,
    riskLevel: c.riskLevel,
    ...(c.assigneeId ? { assigneeId: c.assigneeId } : {}),
    ...(c.assigneeName ? { assigneeName: c.assigneeName } : {}),
  };
}

function caseModifiers(c: CaseRecord, ranking: WorklistRanking): WorklistReason[] {
  return [...modifier({ code: 'priority', weight: ranking.priority[c.priority], priority: c.priority }), ...modifier({ code: 'risk', weight: ranking.risk[c.riskLevel], riskLevel: c.riskLevel })];
}

function dueReasons(code: WorklistReason['code'], dueDate: string, judging: Judging, params: Record<string, string | number> = {}): { daysOverdue: number; reasons: WorklistReason[] } {
  const daysOverdue = Math.max(0, daysBetween(dueDate, judging.today));
  const weight = judging.ranking.reasons[code as keyof WorklistRanking['reasons']];
  return { daysOverdue, reasons: [{ code, weight, ...params }, ...daysOverdueReason(daysOverdue, judging.ranking)] };
}

/**
 * Open cases of the caseload whose next contact is due today or overdue: taken from the case manager's
 * open caseload when it was read whole, else from the caseload index, bounded by due date.
 */
async function contacts(context: ManagerContext, judging: Judging, scope: CaseScope): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const c of await dueCases(context, judging, scope)) {
    if (!scope.includes(c) || !c.nextContactDue) continue;
    const overdue = isCaseOverdue(c, judging.today);
    const { daysOverdue, reasons } = overdue
      ? dueReasons('contact-overdue', c.nextContactDue, judging, { days: daysBetween(c.nextContactDue, judging.today) })
      : dueReasons('contact-due-today', c.nextContactDue, judging);
    out.push({
      kind: 'contact-due',
      id: `contact-due:${c.id}`,
      caseId: c.id,
      clientId: c.clientId,
      recordRef: { collection: 'cases', id: c.id, version: c.version },
      dueDate: c.nextContactDue,
      daysOverdue,
      subject: caseSubject(c),
      reasons: [...reasons, ...caseModifiers(c, judging.ranking)],
      caseRecord: c,
    });
  }
  return out;
}

/** The open cases in scope whose next contact is due by today (`caseMatches` with `dueOnOrBefore`). */
async function dueCases(context: ManagerContext, judging: Judging, scope: CaseScope): Promise<CaseRecord[]> {
  const caseload = scope.openCaseload();
  if (caseload) return (await caseload).filter((c) => c.nextContactDue !== undefined && c.nextContactDue <= judging.today);
  const out: CaseRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await context.storage.queryCases({
      ...(judging.assigneeId !== undefined ? { assigneeId: judging.assigneeId } : {}),
      status: [...OPEN_CASE_STATUSES],
      dueOnOrBefore: judging.today,
      sort: 'dueDate',
      limit: QUERY_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    page.items.forEach((c) => scope.remember(c));
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/**
 * Referrals waiting for an answer (one scan of the `requested` ones) and referrals being worked on past
 * their completion deadline (a scan per status of those sent before the cutoff).
 */
async function referrals(context: ManagerContext, judging: Judging, scope: CaseScope): Promise<Candidate[]> {
  const org = context.actor.organizationId;
  const iso = (ms: number) => new Date(ms).toISOString();
  const cutoff = iso(judging.asOf - judging.referralCompletionDays * DAY);
  const scoped = (status: ReferralStatus, before?: string) => (a: string): FindQuery =>
    before === undefined ? { index: 'assignee+status+requestedAt', prefix: [a, status] } : { index: 'assignee+status+requestedAt', range: { gte: [a, status], lt: [a, status, before] } };
  const [waiting, ...workingByStatus] = await Promise.all([
    byAssignee<Stored<Referral>>(context, judging, 'referrals', scoped('requested'), { index: 'status+requestedAt', prefix: ['requested'] }),
    ...(judging.kinds.has('referral-overdue') ? WORKING_REFERRAL_STATUSES : []).map((status) =>
      byAssignee<Stored<Referral>>(context, judging, 'referrals', scoped(status, cutoff), { index: 'status+requestedAt', range: { gte: [status], lt: [status, cutoff] } }),
    ),
  ]);
  const working = workingByStatus.flat();
  await scope.load([...waiting, ...working].map((r) => r.caseId));
  const out: Candidate[] = [];
  const urgency = (r: Referral) => modifier({ code: 'referral-urgency', weight: judging.ranking.referralUrgency[r.urgency], urgency: r.urgency });
  const subject = (r: Referral): WorklistSubject => ({ organizationName: r.service.organizationName, serviceName: r.service.serviceName, referralStatus: r.status });
  const row = (kind: WorklistKind, r: Referral, reasons: WorklistReason[], daysOverdue: number, dueDate: string): Candidate => {
    const caseRecord = scope.get(r.caseId);
    const performer = org !== undefined && r.service.organizationId === org;
    return {
      kind,
      id: `${kind}:${r.id}`,
      // The receiving organisation sees the referral, not the case behind it.
      ...(performer ? {} : { caseId: r.caseId }),
      clientId: r.clientId,
      recordRef: { collection: 'referrals', id: r.id, version: r.version },
      dueDate,
      daysOverdue,
      subject: { ...(performer || !caseRecord ? {} : caseSubject(caseRecord)), ...subject(r) },
      reasons: [...reasons, ...urgency(r), ...(performer || !caseRecord ? [] : caseModifiers(caseRecord, judging.ranking))],
      ...(performer || !caseRecord ? {} : { caseRecord }),
    };
  };
  const dated = (dueAt: number) => {
    const dueDate = calendarDateIn(new Date(dueAt), judging.timeZone);
    return { dueDate, daysOverdue: Math.max(0, daysBetween(dueDate, judging.today)) };
  };
  for (const r of waiting) {
    const caseRecord = scope.get(r.caseId);
    const dueAt = r.acknowledgementDueAt ? Date.parse(r.acknowledgementDueAt) : undefined;
    const performer = org !== undefined && r.service.organizationId === org;
    if (performer) {
      if (!judging.kinds.has('new-referral') || !context.allows({ action: 'read', collection: 'referrals', record: r, case: caseRecord })) continue;
      const requested = Date.parse(r.requestedAt ?? r.createdAt);
      const due = dueAt ?? requested;
      const { dueDate, daysOverdue } = dueAt !== undefined && dueAt < judging.asOf ? dated(dueAt) : { dueDate: calendarDateIn(new Date(due), judging.timeZone), daysOverdue: 0 };
      const reasons: WorklistReason[] = [{ code: 'new-referral', weight: judging.ranking.reasons['new-referral'], requestedAt: r.requestedAt }];
      if (dueAt !== undefined && dueAt < judging.asOf) reasons.push({ code: 'referral-acknowledgement-overdue', weight: 0, dueAt: r.acknowledgementDueAt }, ...daysOverdueReason(daysOverdue, judging.ranking));
      out.push(row('new-referral', r, reasons, daysOverdue, dueDate));
      continue;
    }
    if (!judging.kinds.has('referral-overdue') || dueAt === undefined || dueAt >= judging.asOf || !scope.allows(r, caseRecord, 'referrals')) continue;
    const { dueDate, daysOverdue } = dated(dueAt);
    const reasons: WorklistReason[] = [{ code: 'referral-acknowledgement-overdue', weight: judging.ranking.reasons['referral-acknowledgement-overdue'], dueAt: r.acknowledgementDueAt }, ...daysOverdueReason(daysOverdue, judging.ranking)];
    out.push(row('referral-overdue', r, reasons, daysOverdue, dueDate));
  }
  for (const r of working) {
    const caseRecord = scope.get(r.caseId);
    const performer = org !== undefined && r.service.organizationId === org;
    const readable = performer ? context.allows({ action: 'read', collection: 'referrals', record: r, case: caseRecord }) : scope.allows(r, caseRecord, 'referrals');
    if (!readable || !r.requestedAt) continue;
    const dueAt = Date.parse(r.requestedAt) + judging.referralCompletionDays * DAY;
    const { dueDate, daysOverdue } = dated(dueAt);
    const reasons: WorklistReason[] = [{ code: 'referral-completion-overdue', weight: judging.ranking.reasons['referral-completion-overdue'], dueAt: iso(dueAt) }, ...daysOverdueReason(daysOverdue, judging.ranking)];
    out.push(row('referral-overdue', r, reasons, daysOverdue, dueDate));
  }
  return out;
}

/** Plans in effect whose review date has come (the `reviewDue` index, bounded by today). */
async function planReviews(context: ManagerContext, judging: Judging, scope: CaseScope): Promise<Candidate[]> {
  const plans = await byAssignee<Stored<CarePlan>>(
    context,
    judging,
    'plans',
    (a) => ({ index: 'assignee+reviewDue', range: { gte: [a], lte: [a, judging.today] } }),
    { index: 'reviewDue', range: { lte: judging.today } },
  );
  await scope.load(plans.map((p) => p.caseId));
  const out: Candidate[] = [];
  for (const plan of plans) {
    const caseRecord = scope.get(plan.caseId);
    if (!plan.reviewDate || !scope.allows(plan, caseRecord, 'plans')) continue;
    const { daysOverdue, reasons } = dueReasons('plan-review-due', plan.reviewDate, judging, { reviewDate: plan.reviewDate });
    out.push({
      kind: 'plan-review-due',
      id: `plan-review-due:${plan.id}`,
      caseId: plan.caseId,
      clientId: plan.clientId,
      recordRef: { collection: 'plans', id: plan.id, version: plan.version },
      dueDate: plan.reviewDate,
      daysOverdue,
      subject: { ...caseSubject(caseRecord), planTitle: plan.title },
      reasons: [...reasons, ...caseModifiers(caseRecord, judging.ranking)],
      caseRecord,
    });
  }
  return out;
}

/** Open tasks of plans in effect due by today (the `taskDue` index, bounded by today). */
async function tasks(context: ManagerContext, judging: Judging, scope: CaseScope): Promise<Candidate[]> {
  const entries = await byAssignee<Stored<CarePlan>>(
    context,
    judging,
    'plans',
    (a) => ({ index: 'assignee+taskDue', range: { gte: [a], lte: [a, judging.today] } }),
    { index: 'taskDue', range: { lte: judging.today } },
  );
  const plans = [...new Map(entries.map((p) => [p.id, p])).values()];
  await scope.load(plans.map((p) => p.caseId));
  const out: Candidate[] = [];
  for (const plan of plans) {
    const caseRecord = scope.get(plan.caseId);
    if (!scope.allows(plan, caseRecord, 'plans')) continue;
    for (const goal of plan.goals) {
      if (!OPEN_GOAL_STATUSES.includes(goal.lifecycleStatus)) continue;
      for (const task of goal.interventions) {
        if (task.kind !== 'task' || !task.dueDate || task.dueDate > judging.today || !OPEN_INTERVENTION_STATUSES.includes(task.status)) continue;
        const { daysOverdue, reasons } = dueReasons('task-due', task.dueDate, judging, { dueDate: task.dueDate });
        const part = `goals/${goal.id}/interventions/${task.id}`;
        out.push({
          kind: 'task-due',
          id: `task-due:${plan.id}/${goal.id}/${task.id}`,
          caseId: plan.caseId,
          clientId: plan.clientId,
          recordRef: { collection: 'plans', id: plan.id, version: plan.version, part },
          dueDate: task.dueDate,
          daysOverdue,
          subject: { ...caseSubject(caseRecord), planTitle: plan.title, taskDescription: task.description, ...(task.assigneeName ? { assigneeName: task.assigneeName } : {}) },
          reasons: [...reasons, ...caseModifiers(caseRecord, judging.ranking)],
          caseRecord,
        });
      }
    }
  }
  return out;
}

/**
 * Active consents ending within the window (the `expiresAt` index, bounded by the window's end), and
 * those already ended that an open referral was sent on. A consent is listed when the actor may read
 * it and the client has an open case on the caseload.
 */
async function consents(context: ManagerContext, judging: Judging, scope: CaseScope): Promise<Candidate[]> {
  const windowEnd = new Date(startOfNextDayIn(addDays(judging.today, judging.consentExpiryDays), judging.timeZone)).toISOString();
  const found = await all<Stored<Consent>>(context, 'consents', { index: 'expiresAt', range: { lt: windowEnd } });
  const out: Candidate[] = [];
  for (const consent of found) {
    if (!consent.period.end) continue;
    const clientCases = await context.casesOfClient(consent.clientId);
    clientCases.forEach((c) => scope.remember(c));
    const onCaseload = clientCases.filter((c) => OPEN_CASE_STATUSES.includes(c.status) && scope.includes(c)).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (!onCaseload.length || !context.mayReadClientRecord(consent, clientCases, 'consents')) continue;
    const endsAt = Date.parse(consent.period.end);
    const endDate = calendarDateIn(new Date(endsAt - 1), judging.timeZone); // `end` is exclusive: the last day it covers
    let reasons: WorklistReason[];
    let daysOverdue = 0;
    if (endsAt <= judging.asOf) {
      const relying = (await all<Stored<Referral>>(context, 'referrals', { index: 'clientId', equals: consent.clientId })).filter(
        (r) => OPEN_REFERRAL_STATUSES.includes(r.status) && r.consent && 'consentId' in r.consent && r.consent.consentId === consent.id,
      );
      if (!relying.length) continue;
      daysOverdue = Math.max(0, daysBetween(endDate, judging.today));
      reasons = [{ code: 'consent-expired-relied-on', weight: judging.ranking.reasons['consent-expired-relied-on'], expiresAt: consent.period.end, referrals: relying.length }, ...daysOverdueReason(daysOverdue, judging.ranking)];
    } else {
      reasons = [{ code: 'consent-expiring', weight: judging.ranking.reasons['consent-expiring'], expiresAt: consent.period.end, daysLeft: Math.max(0, daysBetween(judging.today, endDate)) }];
    }
    const caseRecord = onCaseload[0]!;
    out.push({
      kind: 'consent-expiring',
      id: `consent-expiring:${consent.id}`,
      caseId: caseRecord.id,
      clientId: consent.clientId,
      recordRef: { collection: 'consents', id: consent.id, version: consent.version },
      dueDate: endDate,
      daysOverdue,
      subject: { ...caseSubject(caseRecord), consentScope: consent.scope, ...(consent.grantee ? { granteeName: consent.grantee.name } : {}) },
      reasons,
      caseRecord,
    });
  }
  return out;
}

/** Case closures waiting for approval that this actor may approve (the `pendingApproval` index). */
async function closures(context: ManagerContext, judging: Judging, scope: CaseScope): Promise<Candidate[]> {
  const cases = await all<Stored<CaseRecord>>(context, 'cases', { index: 'pendingApproval' });
  const out: Candidate[] = [];
  for (const c of cases) {
    scope.remember(c);
    if (!c.pendingApproval || !scope.allows(c, c, 'cases', 'approve')) continue;
    out.push({
      kind: 'closure-approval',
      id: `closure-approval:${c.id}`,
      caseId: c.id,
      clientId: c.clientId,
      recordRef: { collection: 'cases', id: c.id, version: c.version },
      daysOverdue: 0,
      subject: caseSubject(c),
      reasons: [{ code: 'closure-awaiting-approval', weight: judging.ranking.reasons['closure-awaiting-approval'], requestedAt: c.pendingApproval.requestedAt, requestedBy: c.pendingApproval.requestedBy.id, closureReason: c.pendingApproval.closureReason }],
      caseRecord: c,
    });
  }
  return out;
}

/** Plan activations waiting for approval that this actor may approve (the `approvalPending` index). */
async function activations(context: ManagerContext, judging: Judging, scope: CaseScope): Promise<Candidate[]> {
  const plans = await all<Stored<CarePlan>>(context, 'plans', { index: 'approvalPending' });
  await scope.load(plans.map((p) => p.caseId));
  const out: Candidate[] = [];
  for (const plan of plans) {
    const caseRecord = scope.get(plan.caseId);
    if (plan.approval?.status !== 'pending' || !scope.allows(plan, caseRecord, 'plans', 'approve')) continue;
    out.push({
      kind: 'activation-approval',
      id: `activation-approval:${plan.id}`,
      caseId: plan.caseId,
      clientId: plan.clientId,
      recordRef: { collection: 'plans', id: plan.id, version: plan.version },
      daysOverdue: 0,
      subject: { ...caseSubject(caseRecord), planTitle: plan.title },
      reasons: [{ code: 'activation-awaiting-approval', weight: judging.ranking.reasons['activation-awaiting-approval'], requestedAt: plan.approval.requestedAt, requestedBy: plan.approval.requestedBy.id }],
      caseRecord,
    });
  }
  return out;
}

/**
 * Cases someone asked to transfer to the worklist's owner (the actor, or the case manager a supervisor
 * looks at), from the `pendingTransferTo+requestedAt` index. They are not on that caseload yet, so
 * they are checked as reads of the case, not against the caseload.
 */
async function transferRequests(context: ManagerContext, judging: Judging, scope: CaseScope): Promise<Candidate[]> {
  const receiver = judging.assigneeId ?? context.actor.id;
  const cases = await all<Stored<CaseRecord>>(context, 'cases', { index: 'pendingTransferTo+requestedAt', prefix: [receiver] });
  const out: Candidate[] = [];
  for (const c of cases) {
    scope.remember(c);
    if (c.pendingTransfer?.to.id !== receiver || !context.allows({ action: 'read', collection: 'cases', record: c, case: c })) continue;
    out.push({
      kind: 'transfer-request',
      id: `transfer-request:${c.id}`,
      caseId: c.id,
      clientId: c.clientId,
      recordRef: { collection: 'cases', id: c.id, version: c.version },
      daysOverdue: 0,
      subject: caseSubject(c),
      reasons: [{ code: 'transfer-awaiting-acceptance', weight: judging.ranking.reasons['transfer-awaiting-acceptance'], requestedAt: c.pendingTransfer.requestedAt, requestedBy: c.pendingTransfer.requestedBy.id }],
      caseRecord: c,
    });
  }
  return out;
}

