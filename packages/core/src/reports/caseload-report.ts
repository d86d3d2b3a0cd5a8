import * as z from 'zod/mini';
import type { ManagerContext } from '../internal/context.js';
import { parse } from '../internal/parse.js';
import { addDays } from '../internal/calendar.js';
import { Instant } from '../records/common.js';
import { OPEN_CASE_STATUSES, type CaseRecord } from '../case/case-schema.js';
import type { CarePlan } from '../care-plan/plan-schema.js';
import type { Referral } from '../referral/referral-schema.js';
import type { CaseQuery } from '../storage/case-query.js';
import type { FindQuery, StoredRecord } from '../storage/storage-port.js';
import type { CollectionName } from '../records/record.js';
import type { Client } from '../client/client-schema.js';
import type { Service } from '../directory/directory-schema.js';
import type { Note } from '../note/note-schema.js';
import { languageAccessOf, type LanguageAccessReport } from './language-access.js';

const ReportRangeSchema = z.object({
  /** Start of the reporting period (inclusive). */
  from: Instant,
  /** End of the reporting period (exclusive). */
  to: Instant,
  /** One case manager's caseload; case managers always get their own. */
  assigneeId: z.optional(z.string().check(z.minLength(1))),
  program: z.optional(z.string().check(z.minLength(1))),
});
export type ReportRange = z.input<typeof ReportRangeSchema>;

export interface CaseloadReport {
  range: { from: string; to: string; assigneeId?: string; program?: string };
  /** Open cases now (referred, intake, waitlist, active, on-hold). */
  openCases: { total: number; byStatus: Record<string, number>; byProgram: Record<string, number>; byPriority: Record<string, number>; byRisk: Record<string, number> };
  /** Open cases whose next contact date has passed. */
  contactsOverdue: number;
  /** Referrals sent in the period and what became of them. */
  referrals: {
    sent: number;
    accepted: number;
    rejected: number;
    completed: number;
    failed: number;
    /** Sent referrals whose loop closed (completed, failed or rejected: the referrer knows the outcome) / sent. Null when none were sent. */
    loopClosureRate: number | null;
    /** Median days from sending to acceptance, over accepted referrals. */
    medianDaysToAcceptance: number | null;
    /** Sent, not yet accepted or rejected, and past the acknowledgement deadline now. */
    awaitingAcknowledgementOverdue: number;
  };
  /** Goals of care plans in scope, by achievement. */
  goals: { achieved: number; notAchieved: number; inProgress: number; noAssessment: number };
  /** Average days from a case's referral to its intake, for cases opened in the period that started as referrals. */
  averageDaysReferralToIntake: number | null;
  /** For clients who need an interpreter: referrals to services in their language, interpreter use at contacts. */
  languageAccess: LanguageAccessReport;
}

export interface ReportsApi {
  /** Caseload metrics over a period, computed through the storage port's counts and index ranges. */
  caseload(range: ReportRange): Promise<CaseloadReport>;
}

const DAY = 86_400_000;
const ACHIEVED = new Set(['achieved', 'sustaining']);
const NOT_ACHIEVED = new Set(['not-achieved', 'no-progress', 'not-attainable']);
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export function createReportsApi(context: ManagerContext): ReportsApi {
  async function all<T>(collection: CollectionName, query: Omit<FindQuery, 'limit' | 'cursor'>): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await context.storage.find<StoredRecord>(collection, { ...query, limit: 1000, ...(cursor ? { cursor } : {}) });
      items.push(...(page.items as unknown as T[]));
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  return {
    async caseload(input) {
      const range = parse(ReportRangeSchema, input);
      const assigneeId = context.actor.role === 'case-manager' ? (range.assigneeId ?? context.actor.id) : range.assigneeId;
      const scope: CaseQuery = { ...(assigneeId ? { assigneeId } : {}), ...(range.program ? { program: [range.program] } : {}) };
      context.authorize({ action: 'read', collection: 'cases', case: { assigneeId, careTeam: [] } as unknown as CaseRecord, record: { assigneeId } });
      const open: CaseQuery = { ...scope, status: [...OPEN_CASE_STATUSES] };
      const yesterday = addDays(context.today(), -1);
      // With a policy that decides case by case, every figure is made from the cases this actor may
      // read, so a hidden case never shows up in a count (see `Policy.readsFollowQueryScope`).
      const trustScope = context.policy.readsFollowQueryScope === true;
      const readable = (c: CaseRecord | undefined) => !!c && (trustScope || context.allows({ action: 'read', collection: 'cases', record: c, case: c }));
      const [byStatus, byProgram, byPriority, byRisk, overdue] = trustScope
        ? await Promise.all([
            context.storage.countCases('status', open),
            context.storage.countCases('program', open),
            context.storage.countCases('priority', open),
            context.storage.countCases('riskLevel', open),
            context.storage.countCases('status', { ...open, dueOnOrBefore: yesterday }),
          ])
        : countReadable((await allCases(open)).filter(readable), yesterday);

      // Scope referrals and plans to the cases in scope (all cases when nobody is named).
      const inScope = (caseRecord: CaseRecord | undefined) =>
        !!caseRecord && (!assigneeId || caseRecord.assigneeId === assigneeId) && (!range.program || caseRecord.program === range.program) && readable(caseRecord);
      const scoped = !!(assigneeId || range.program) || !trustScope;
      const caseCache = new Map<string, CaseRecord | undefined>();
      const caseOf = async (id: string) => {
        if (!caseCache.has(id)) caseCache.set(id, await context.storage.get<CaseRecord & StoredRecord>('cases', id));
        return caseCache.get(id);
      };
      const filterByCase = async <T extends { caseId: string }>(records: T[]) => {
        if (!scoped) return records;
        const kept: T[] = [];
        for (const record of records) if (inScope(await caseOf(record.caseId))) kept.push(record);
        return kept;
      };

      const sent = await filterByCase(await all<Referral>('referrals', { index: 'requestedAt', range: { gte: range.from, lt: range.to } }));
      const reached = (r: Referral, status: string) => r.history.some((h) => h.to === status);
      const accepted = sent.filter((r) => reached(r, 'accepted'));
      const daysToAcceptance = accepted
        .map((r) => (Date.parse(r.acknowledgedAt ?? r.history.find((h) => h.to === 'accepted')!.at) - Date.parse(r.requestedAt!)) / DAY)
        .sort((a, b) => a - b);
      const closed = sent.filter((r) => ['completed', 'failed', 'rejected'].includes(r.status));
      const now = context.now();
      const waiting = await filterByCase(await all<Referral>('referrals', { index: 'status', equals: 'requested' }));

      const plans = scoped
        ? (await Promise.all((await allCases(scope)).filter(readable).map((c) => all<CarePlan>('plans', { index: 'caseId', equals: c.id })))).flat()
        : await all<CarePlan>('plans', { index: 'id' });
      const goals = { achieved: 0, notAchieved: 0, inProgress: 0, noAssessment: 0 };
      for (const plan of plans) {
        if (plan.status === 'entered-in-error') continue;
        for (const goal of plan.goals) {
          if (goal.lifecycleStatus === 'entered-in-error' || goal.lifecycleStatus === 'rejected') continue;
          if (!goal.achievementStatus) goals.noAssessment++;
          else if (ACHIEVED.has(goal.achievementStatus)) goals.achieved++;
          else if (NOT_ACHIEVED.has(goal.achievementStatus)) goals.notAchieved++;
          else goals.inProgress++;
        }
      }

      const opened = await filterByCase(
        (await all<CaseRecord>('cases', { index: 'openedAt', range: { gte: range.from, lt: range.to } })).map((c) => ({ ...c, caseId: c.id })),
      );
      const intakeDays = opened
        .filter((c) => c.statusHistory[0]?.to === 'referred' && c.statusHistory.some((h) => h.to === 'intake'))
        .map((c) => (Date.parse(c.statusHistory.find((h) => h.to === 'intake')!.at) - Date.parse(c.openedAt)) / DAY);

      // Contacts in the period: per case in scope through `caseId+occurredAt`, or every note when nothing narrows the scope.
      const inPeriod = (note: Note) => note.occurredAt >= range.from && note.occurredAt < range.to;
      const notes = scoped
        ? (await Promise.all((await allCases(scope)).filter(readable).map((c) => all<Note>('notes', { index: 'caseId+occurredAt', range: { gte: [c.id, range.from], lt: [c.id, range.to] } })))).flat()
        : (await all<Note>('notes', { index: 'id' })).filter(inPeriod);
      for (const note of notes) await caseOf(note.caseId);
      const clientIds = [...new Set([...sent.map((r) => r.clientId), ...[...caseCache.values()].flatMap((c) => (c ? [c.clientId] : []))])];
      const serviceIds = [...new Set(sent.flatMap((r) => (r.service.serviceId ? [r.service.serviceId] : [])))];
      const [clients, services] = await Promise.all([
        context.storage.getMany<Client & StoredRecord>('clients', clientIds),
        context.storage.getMany<Service & StoredRecord>('services', serviceIds),
      ]);
      const languageAccess = languageAccessOf(
        sent,
        notes,
        new Map(clients.flatMap((c) => (c ? [[c.id, c] as const] : []))),
        new Map([...caseCache].flatMap(([id, c]) => (c ? [[id, c] as const] : []))),
        new Map(services.flatMap((svc) => (svc ? [[svc.id, svc] as const] : []))),
      );

      return {
        range: { from: range.from, to: range.to, ...(assigneeId ? { assigneeId } : {}), ...(range.program ? { program: range.program } : {}) },
        openCases: { total: sum(byStatus), byStatus, byProgram, byPriority, byRisk },
        contactsOverdue: sum(overdue),
        referrals: {
          sent: sent.length,
          accepted: accepted.length,
          rejected: sent.filter((r) => reached(r, 'rejected')).length,
          completed: sent.filter((r) => r.status === 'completed').length,
          failed: sent.filter((r) => r.status === 'failed').length,
          loopClosureRate: sent.length ? closed.length / sent.length : null,
          medianDaysToAcceptance: median(daysToAcceptance),
          awaitingAcknowledgementOverdue: waiting.filter((r) => r.acknowledgementDueAt && r.acknowledgementDueAt < now).length,
        },
        goals,
        averageDaysReferralToIntake: intakeDays.length ? intakeDays.reduce((a, b) => a + b, 0) / intakeDays.length : null,
        languageAccess,
      };
    },
  };

  async function allCases(query: CaseQuery): Promise<CaseRecord[]> {
    const items: CaseRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await context.storage.queryCases({ ...query, limit: 1000, ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}

const GROUPS = ['status', 'program', 'priority', 'riskLevel'] as const;
/** The report's counts made from cases in hand: by status, program, priority and risk, and overdue by status. */
function countReadable(cases: readonly CaseRecord[], yesterday: string): [Record<string, number>, Record<string, number>, Record<string, number>, Record<string, number>, Record<string, number>] {
  const counts = [...GROUPS, 'overdue'].map(() => ({}) as Record<string, number>);
  const bump = (target: Record<string, number>, key: string) => (target[key] = (target[key] ?? 0) + 1);
  for (const c of cases) {
    GROUPS.forEach((field, i) => bump(counts[i]!, c[field]));
    if (c.nextContactDue && c.nextContactDue <= yesterday) bump(counts[4]!, c.status);
  }
  return counts as [Record<string, number>, Record<string, number>, Record<string, number>, Record<string, number>, Record<string, number>];
}

function median(sorted: number[]): number | null {
  if (!sorted.length) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
