import * as z from 'zod/mini';
import { NotFoundError, TransitionError, ValidationError } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseOptions } from '../internal/parse.js';
import { addDays } from '../internal/calendar.js';
import { Id } from '../records/common.js';
import { OPEN_CASE_STATUSES, PRIORITIES, RISK_LEVELS, type CaseRecord, type Priority, type RiskLevel } from '../case/case-schema.js';
import { isCaseOverdue } from '../case/overdue.js';
import type { Referral, ReferralStatus } from '../referral/referral-schema.js';
import type { CaseQuery } from '../storage/case-query.js';
import type { StoredRecord } from '../storage/storage-port.js';

/**
 * How much each thing adds to a case manager's load. A worker's score is the sum over their open cases
 * of `openCase + risk[riskLevel] + priority[priority] + (overdue ? overdueContact : 0)`, plus
 * `openReferral` for each open referral of those cases.
 */
export interface WorkloadWeights {
  /** Every open case (referred, intake, waitlist, active, on-hold). Default 1. */
  openCase: number;
  /** Added per case by risk level. Default low 0, moderate 1, high 3. */
  risk: Record<RiskLevel, number>;
  /** Added per case by priority. Default low 0, medium 0, high 1, urgent 2. */
  priority: Record<Priority, number>;
  /** Added per open case whose next contact is overdue (`cases.isOverdue`, by `manager.today()`). Default 2. */
  overdueContact: number;
  /** Added per referral still in its loop (requested, accepted, in progress, on hold). Default 0.5. */
  openReferral: number;
}

/** The default weights (see `WorkloadWeights`): a high-risk urgent overdue case weighs 8, a routine one 1. */
export const DEFAULT_WORKLOAD_WEIGHTS: Readonly<WorkloadWeights> = Object.freeze({
  openCase: 1,
  risk: Object.freeze({ low: 0, moderate: 1, high: 3 }),
  priority: Object.freeze({ low: 0, medium: 0, high: 1, urgent: 2 }),
  overdueContact: 2,
  openReferral: 0.5,
});

/** Weights to change, the rest default: `{ risk: { high: 5 }, openReferral: 0 }`. */
export interface WorkloadWeightsInput {
  openCase?: number;
  risk?: Partial<Record<RiskLevel, number>>;
  priority?: Partial<Record<Priority, number>>;
  overdueContact?: number;
  openReferral?: number;
}

/** One case manager's load: the counts it is made of, and the weighted score. */
export interface WorkerLoad {
  assigneeId: string;
  /** As the cases name them (`assigneeName`); absent when the worker has no open case. */
  assigneeName?: string;
  openCases: number;
  byRisk: Record<RiskLevel, number>;
  byPriority: Record<Priority, number>;
  /** Open cases whose next contact is overdue. */
  overdueContacts: number;
  /** Referrals of their open cases still in the loop. */
  openReferrals: number;
  /** The weighted load (see `WorkloadWeights`). */
  score: number;
}

export interface WorkloadQuery {
  /** Whose load: default every case manager with an open case (a case manager: only themselves). */
  assigneeIds?: string[];
  /** Only cases of one program. */
  program?: string;
  weights?: WorkloadWeightsInput;
}

export interface Workload {
  /** The weights used (defaults merged with the ones given). */
  weights: WorkloadWeights;
  /** Heaviest first (then by id). */
  workers: WorkerLoad[];
}

/** What moving the chosen cases would do to the loads of the receiver and of each current assignee. */
export interface TransferPreview {
  weights: WorkloadWeights;
  /** How many cases would move. */
  cases: number;
  to: { before: WorkerLoad; after: WorkerLoad };
  /** One entry per current assignee of the chosen cases (unassigned cases have none). */
  from: { before: WorkerLoad; after: WorkerLoad }[];
}

/**
 * Acuity-weighted caseload balancing, merged into `manager.reports`. Both calls return counts and
 * scores, no record contents, and are not audited as reads (like `cases.countBy`); counts never include
 * a case the actor may not read (see `Policy.readsFollowQueryScope`).
 */
export interface WorkloadApi {
  /**
   * Each case manager's load, scored by risk, priority, overdue contacts and open referrals (see
   * `WorkloadWeights`). Reading a worker's load is a caseload read: a case manager sees their own only.
   * Counts come from the storage's indexes (a few grouped counts per worker) with `defaultPolicy`.
   */
  workload(query?: WorkloadQuery): Promise<Workload>;
  /**
   * What transferring `caseIds` to `toId` would do to both sides' loads, before and after, writing
   * nothing. The actor must be allowed to transfer every case (policy action `transfer`) and to read the
   * loads of the receiver and of each current assignee (so by default: supervisors and admins). Closed
   * cases are a TransitionError, a case already with `toId` a ValidationError, as `cases.transfer` would say.
   */
  previewTransfer(caseIds: string[], toId: string, options?: { weights?: WorkloadWeightsInput }): Promise<TransferPreview>;
}

const Weight = z.number().check(z.gte(0), z.lte(1000));
const WeightsSchema = z.strictObject({
  openCase: z.optional(Weight),
  risk: z.optional(z.strictObject({ low: z.optional(Weight), moderate: z.optional(Weight), high: z.optional(Weight) })),
  priority: z.optional(z.strictObject({ low: z.optional(Weight), medium: z.optional(Weight), high: z.optional(Weight), urgent: z.optional(Weight) })),
  overdueContact: z.optional(Weight),
  openReferral: z.optional(Weight),
});
const WorkloadQuerySchema = z.strictObject({
  assigneeIds: z.optional(z.array(Id).check(z.maxLength(500))),
  program: z.optional(z.string().check(z.minLength(1), z.maxLength(80))),
  weights: z.optional(WeightsSchema),
});
const CaseIdsSchema = z.array(Id).check(z.minLength(1, 'Choose at least one case'), z.maxLength(500));
const PreviewOptionsSchema = z.strictObject({ weights: z.optional(WeightsSchema) });

/** Referral statuses of a loop still open: work the case manager follows up. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['requested', 'accepted', 'in-progress', 'on-hold'];
const PAGE = 1000;

/** The counts a load is scored from. */
export type WorkloadCounts = Omit<WorkerLoad, 'score' | 'assigneeId' | 'assigneeName'>;
const emptyCounts = (): WorkloadCounts => ({
  openCases: 0,
  byRisk: Object.fromEntries(RISK_LEVELS.map((r) => [r, 0])) as Record<RiskLevel, number>,
  byPriority: Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>,
  overdueContacts: 0,
  openReferrals: 0,
});

/** The score of some counts under some weights (rounded to thousandths, so sums of halves print cleanly). */
export function workloadScore(counts: WorkloadCounts, weights: WorkloadWeights): number {
  let score = counts.openCases * weights.openCase + counts.overdueContacts * weights.overdueContact + counts.openReferrals * weights.openReferral;
  for (const r of RISK_LEVELS) score += counts.byRisk[r] * weights.risk[r];
  for (const p of PRIORITIES) score += counts.byPriority[p] * weights.priority[p];
  return Math.round(score * 1000) / 1000;
}

function mergeWeights(input: z.output<typeof WeightsSchema> | undefined): WorkloadWeights {
  const d = DEFAULT_WORKLOAD_WEIGHTS;
  return {
    openCase: input?.openCase ?? d.openCase,
    risk: { ...d.risk, ...stripUndefined(input?.risk) },
    priority: { ...d.priority, ...stripUndefined(input?.priority) },
    overdueContact: input?.overdueContact ?? d.overdueContact,
    openReferral: input?.openReferral ?? d.openReferral,
  };
}
const stripUndefined = <T extends object>(value: T | undefined): Partial<T> => Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

export function createWorkloadApi(context: ManagerContext): WorkloadApi {
  const trustScope = () => context.policy.readsFollowQueryScope === true;
  const mayRead = (c: CaseRecord) => context.allows({ action: 'read', collection: 'cases', record: c, case: c });
  const authorizeLoadOf = (assigneeId: string) =>
    context.authorize({ action: 'read', collection: 'cases', record: { assigneeId }, case: { assigneeId, careTeam: [] } as unknown as CaseRecord });

  async function allCases(query: CaseQuery): Promise<CaseRecord[]> {
    const items: CaseRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await context.storage.queryCases({ ...query, limit: PAGE, ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  /** WorkloadCounts (without referrals) and a name for each worker, from indexes or, under a record-level policy, from the readable cases. */
  async function caseCounts(assigneeIds: readonly string[], program: string | undefined): Promise<Map<string, WorkloadCounts & { name?: string }>> {
    const out = new Map<string, WorkloadCounts & { name?: string }>();
    const yesterday = addDays(context.today(), -1);
    for (const assigneeId of assigneeIds) {
      const open: CaseQuery = { assigneeId, status: [...OPEN_CASE_STATUSES], ...(program ? { program: [program] } : {}) };
      const counts: WorkloadCounts & { name?: string } = emptyCounts();
      if (trustScope()) {
        const [byRisk, byPriority, overdue, first] = await Promise.all([
          context.storage.countCases('riskLevel', open),
          context.storage.countCases('priority', open),
          context.storage.countCases('status', { ...open, dueOnOrBefore: yesterday }),
          context.storage.queryCases({ ...open, sort: 'updatedAt', direction: 'desc', limit: 1 }),
        ]);
        for (const r of RISK_LEVELS) counts.byRisk[r] = byRisk[r] ?? 0;
        for (const p of PRIORITIES) counts.byPriority[p] = byPriority[p] ?? 0;
        counts.openCases = RISK_LEVELS.reduce((sum, r) => sum + counts.byRisk[r], 0);
        counts.overdueContacts = Object.values(overdue).reduce((a, b) => a + b, 0);
        const name = first.items[0]?.assigneeName;
        if (name) counts.name = name;
      } else {
        const today = context.today();
        for (const c of (await allCases(open)).filter(mayRead)) {
          addCase(counts, c, today);
          if (c.assigneeName && !counts.name) counts.name = c.assigneeName;
        }
      }
      out.set(assigneeId, counts);
    }
    return out;
  }

  /** Open referrals of the open cases of these workers (each case checked under a record-level policy). */
  async function referralCounts(assigneeIds: ReadonlySet<string>, program: string | undefined): Promise<Map<string, number>> {
    // One walk of the referrals still in their loop (a status index range each), then their cases in chunks.
    const referralCaseIds: string[] = [];
    for (const status of OPEN_REFERRAL_STATUSES) {
      let cursor: string | undefined;
      do {
        const page = await context.storage.find<Referral & StoredRecord>('referrals', { index: 'status', equals: status, limit: PAGE, ...(cursor ? { cursor } : {}) });
        for (const referral of page.items) referralCaseIds.push(referral.caseId);
        cursor = page.nextCursor;
      } while (cursor);
    }
    const cases = new Map<string, CaseRecord | undefined>();
    const ids = [...new Set(referralCaseIds)];
    for (let i = 0; i < ids.length; i += PAGE) {
      const chunk = ids.slice(i, i + PAGE);
      (await context.storage.getMany<CaseRecord & StoredRecord>('cases', chunk)).forEach((c, j) => cases.set(chunk[j]!, c));
    }
    const counted = (c: CaseRecord | undefined): c is CaseRecord =>
      !!c && !!c.assigneeId && assigneeIds.has(c.assigneeId) && OPEN_CASE_STATUSES.includes(c.status) && (!program || c.program === program) && (trustScope() || mayRead(c));
    const perWorker = new Map<string, number>();
    for (const caseId of referralCaseIds) {
      const c = cases.get(caseId);
      if (counted(c)) perWorker.set(c.assigneeId!, (perWorker.get(c.assigneeId!) ?? 0) + 1);
    }
    return perWorker;
  }

  async function loads(assigneeIds: readonly string[], program: string | undefined, weights: WorkloadWeights): Promise<Map<string, WorkerLoad>> {
    for (const id of assigneeIds) authorizeLoadOf(id);
    const [counts, referrals] = await Promise.all([caseCounts(assigneeIds, program), referralCounts(new Set(assigneeIds), program)]);
    const out = new Map<string, WorkerLoad>();
    for (const assigneeId of assigneeIds) {
      const { name, ...c } = counts.get(assigneeId)!;
      c.openReferrals = referrals.get(assigneeId) ?? 0;
      out.set(assigneeId, { assigneeId, ...(name ? { assigneeName: name } : {}), ...c, score: workloadScore(c, weights) });
    }
    return out;
  }

  return {
    async workload(queryInput) {
      const query = parseOptions(WorkloadQuerySchema, queryInput, ['query']);
      const weights = mergeWeights(query.weights);
      let assigneeIds = query.assigneeIds ? [...new Set(query.assigneeIds)] : undefined;
      if (!assigneeIds) {
        if (context.actor.role === 'case-manager') assigneeIds = [context.actor.id];
        else {
          // Which workers have open cases (ids only). Scope check first, so a provider is refused, not shown names.
          context.authorize({ action: 'read', collection: 'cases', record: {}, case: { careTeam: [] } as unknown as CaseRecord });
          const byAssignee = await context.storage.countCases('assigneeId', { status: [...OPEN_CASE_STATUSES], ...(query.program ? { program: [query.program] } : {}) });
          assigneeIds = Object.keys(byAssignee).filter((id) => id !== '').sort();
        }
      }
      const byWorker = await loads(assigneeIds, query.program, weights);
      // Under a record-level policy a worker none of whose cases this actor may read is left out, unless asked for.
      const workers = [...byWorker.values()].filter((w) => query.assigneeIds || trustScope() || w.openCases > 0);
      workers.sort((a, b) => b.score - a.score || a.assigneeId.localeCompare(b.assigneeId));
      return { weights, workers };
    },

    async previewTransfer(caseIdsInput, toIdInput, optionsInput) {
      const caseIds = parse(CaseIdsSchema, caseIdsInput, ['caseIds']);
      const toId = parse(Id, toIdInput, ['toId']);
      const weights = mergeWeights(parseOptions(PreviewOptionsSchema, optionsInput).weights);
      const seen = new Set<string>();
      caseIds.forEach((id, i) => {
        if (seen.has(id)) throw new ValidationError([{ path: ['caseIds', i], message: 'This case is listed twice', code: 'duplicate' }]);
        seen.add(id);
      });
      const found = await context.storage.getMany<CaseRecord & StoredRecord>('cases', caseIds);
      const cases = found.map((c, i) => {
        if (!c) throw new NotFoundError('cases', caseIds[i]!);
        return c as CaseRecord;
      });
      for (const c of cases) context.authorize({ action: 'transfer', collection: 'cases', record: c, case: c });
      cases.forEach((c, i) => {
        if (!OPEN_CASE_STATUSES.includes(c.status)) throw new TransitionError('case', c.status, c.status, [], `Only open cases can be transferred; case ${i + 1} is ${c.status}`);
        if (c.assigneeId === toId) throw new ValidationError([{ path: ['caseIds', i], message: 'This case is already assigned to the receiver', code: 'invalid' }]);
      });
      const fromIds = [...new Set(cases.flatMap((c) => (c.assigneeId ? [c.assigneeId] : [])))].sort();
      const before = await loads([toId, ...fromIds], undefined, weights);

      // Each chosen case's own counts, referrals included, moved from its assignee to the receiver.
      const today = context.today();
      const moved = new Map<string, WorkloadCounts>();
      const toAfter = cloneCounts(before.get(toId)!);
      for (const c of cases) {
        const own = emptyCounts();
        addCase(own, c, today);
        own.openReferrals = await openReferralsOf(c.id);
        addCounts(toAfter, own, 1);
        if (c.assigneeId) addCounts(moved.get(c.assigneeId) ?? moved.set(c.assigneeId, emptyCounts()).get(c.assigneeId)!, own, 1);
      }
      const asLoad = (base: WorkerLoad, counts: WorkloadCounts): WorkerLoad => ({ ...base, ...counts, score: workloadScore(counts, weights) });
      const toBefore = before.get(toId)!;
      const toName = toBefore.assigneeName ?? cases.find((c) => c.pendingTransfer?.to.id === toId)?.pendingTransfer?.to.name;
      return {
        weights,
        cases: cases.length,
        to: { before: toBefore, after: asLoad({ ...toBefore, ...(toName ? { assigneeName: toName } : {}) }, toAfter) },
        from: fromIds.map((id) => {
          const start = before.get(id)!;
          const after = cloneCounts(start);
          addCounts(after, moved.get(id)!, -1);
          return { before: start, after: asLoad(start, after) };
        }),
      };
    },
  };

  async function openReferralsOf(caseId: string): Promise<number> {
    const page = await context.storage.find<Referral & StoredRecord>('referrals', { index: 'caseId', equals: caseId });
    return page.items.filter((r) => OPEN_REFERRAL_STATUSES.includes(r.status)).length;
  }
}

function addCase(counts: WorkloadCounts, c: CaseRecord, today: string): void {
  counts.openCases++;
  counts.byRisk[c.riskLevel]++;
  counts.byPriority[c.priority]++;
  if (isCaseOverdue(c, today)) counts.overdueContacts++;
}

function cloneCounts(c: WorkloadCounts): WorkloadCounts {
  return { openCases: c.openCases, byRisk: { ...c.byRisk }, byPriority: { ...c.byPriority }, overdueContacts: c.overdueContacts, openReferrals: c.openReferrals };
}

function addCounts(target: WorkloadCounts, delta: WorkloadCounts, sign: 1 | -1): void {
  target.openCases += sign * delta.openCases;
  target.overdueContacts += sign * delta.overdueContacts;
  target.openReferrals += sign * delta.openReferrals;
  for (const r of RISK_LEVELS) target.byRisk[r] += sign * delta.byRisk[r];
  for (const p of PRIORITIES) target.byPriority[p] += sign * delta.byPriority[p];
}
