import * as z from 'zod/mini';
import { CalendarDate, Id } from '../records/common.js';
import type { CollectionName } from '../records/record.js';
import { isTimeZone } from '../internal/calendar.js';

/**
 * What a worklist row asks of the actor:
 * - `contact-due`: an open case whose next contact is due today or overdue;
 * - `referral-overdue`: a sent referral past its acknowledgement deadline (not accepted or rejected in
 *   time) or its completion deadline (not completed `referralCompletionDays` after it was sent);
 * - `plan-review-due`: a plan in effect whose review date has come;
 * - `task-due`: an open care-plan task (intervention of kind `task`) due today or overdue;
 * - `consent-expiring`: an active consent ending within `consentExpiryDays`, or already ended while an
 *   open referral still relies on it;
 * - `closure-approval` / `activation-approval`: a case closure or plan activation waiting for the
 *   actor's approval (only for actors the policy lets approve);
 * - `new-referral`: a referral sent to the actor's organisation, waiting for acceptance or rejection
 *   (provider staff);
 * - `transfer-request`: a case someone asked to transfer to the actor, waiting for them to accept or
 *   decline (`cases.acceptTransfer` / `declineTransfer`).
 */
export const WORKLIST_KINDS = [
  'contact-due',
  'referral-overdue',
  'plan-review-due',
  'task-due',
  'consent-expiring',
  'closure-approval',
  'activation-approval',
  'new-referral',
  'transfer-request',
] as const;
export const WorklistKindSchema = z.enum(WORKLIST_KINDS);
export type WorklistKind = z.infer<typeof WorklistKindSchema>;

/**
 * Why a row is on the list and what moves it up. Codes, not sentences: the element words them in the
 * user's language from the code and its params. Each reason adds its `weight` to the row's score.
 */
export const WORKLIST_REASON_CODES = [
  /** The next contact was due before today (`days`: how many days ago). */
  'contact-overdue',
  /** The next contact is due today. */
  'contact-due-today',
  /** Not accepted or rejected by the acknowledgement deadline (`dueAt`). */
  'referral-acknowledgement-overdue',
  /** Not completed by the completion deadline (`dueAt`: sent + `referralCompletionDays`). */
  'referral-completion-overdue',
  /** The plan's review date (`reviewDate`) has come. */
  'plan-review-due',
  /** A care-plan task is due (`dueDate`; `days` overdue, 0 when due today). */
  'task-due',
  /** An active consent ends within the window (`expiresAt`, `daysLeft`). */
  'consent-expiring',
  /** A consent has ended (`expiresAt`) while open referrals (`referrals`: how many) still rely on it. */
  'consent-expired-relied-on',
  /** A case closure waits for approval (`requestedAt`, `requestedBy` id). */
  'closure-awaiting-approval',
  /** A plan activation waits for approval (`requestedAt`, `requestedBy` id). */
  'activation-awaiting-approval',
  /** A referral to the actor's organisation waits for an answer (`requestedAt`). */
  'new-referral',
  /** A case transfer to the actor waits for them to accept or decline (`requestedAt`, `requestedBy` id). */
  'transfer-awaiting-acceptance',
  /** Days past due (`days`, counted up to `maxOverdueDays`): each adds `perDayOverdue`. */
  'days-overdue',
  /** The case's priority (`priority`). */
  'priority',
  /** The case's risk level (`riskLevel`); a critical assessment flag raises it to high. */
  'risk',
  /** The client needs an interpreter (only when the actor may read the client). */
  'interpreter-needed',
  /** The referral's urgency (`urgency`). */
  'referral-urgency',
] as const;
export type WorklistReasonCode = (typeof WORKLIST_REASON_CODES)[number];

/** One reason: its code, the weight it added to the score, and the facts the sentence needs. */
export interface WorklistReason {
  code: WorklistReasonCode;
  weight: number;
  [param: string]: string | number | undefined;
}

const Weight = z.number().check(z.gte(-1000), z.lte(1000));
const weightsOf = <K extends string>(keys: readonly K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, z.optional(Weight)])) as Record<K, z.ZodMiniOptional<typeof Weight>>);

/**
 * The ranking: a row's score is the sum of its reasons' weights; rows sort by score (highest first),
 * then by due date (earliest first, rows without one last), then by id. Pass any part to change it
 * (`ranking` on `manager.worklist(...)` or `worklist.ranking` on `createCaseManager`); the rest keeps
 * its default (`DEFAULT_WORKLIST_RANKING`).
 */
export const WorklistRankingSchema = z.strictObject({
  /** Base weight of each kind of row (by its reason code). */
  reasons: z.optional(
    weightsOf([
      'contact-overdue',
      'contact-due-today',
      'referral-acknowledgement-overdue',
      'referral-completion-overdue',
      'plan-review-due',
      'task-due',
      'consent-expiring',
      'consent-expired-relied-on',
      'closure-awaiting-approval',
      'activation-awaiting-approval',
      'new-referral',
      'transfer-awaiting-acceptance',
    ] as const),
  ),
  /** Added per day past due, up to `maxOverdueDays` days. */
  perDayOverdue: z.optional(Weight),
  maxOverdueDays: z.optional(z.number().check(z.int(), z.gte(0), z.lte(3650))),
  priority: z.optional(weightsOf(['urgent', 'high', 'medium', 'low'] as const)),
  risk: z.optional(weightsOf(['high', 'moderate', 'low'] as const)),
  interpreterNeeded: z.optional(Weight),
  referralUrgency: z.optional(weightsOf(['stat', 'asap', 'urgent', 'routine'] as const)),
});
export type WorklistRankingInput = z.input<typeof WorklistRankingSchema>;

/** The ranking with every weight given. */
export interface WorklistRanking {
  reasons: Record<Exclude<WorklistReasonCode, 'days-overdue' | 'priority' | 'risk' | 'interpreter-needed' | 'referral-urgency'>, number>;
  perDayOverdue: number;
  maxOverdueDays: number;
  priority: Record<'urgent' | 'high' | 'medium' | 'low', number>;
  risk: Record<'high' | 'moderate' | 'low', number>;
  interpreterNeeded: number;
  referralUrgency: Record<'stat' | 'asap' | 'urgent' | 'routine', number>;
}

/**
 * The default weights. Overdue work outranks work due today; each day overdue adds 2 (up to 30 days);
 * urgent priority and high risk lift a row above routine work of the same kind; an expired consent
 * still relied on, or a referral nobody answered, weighs most among the kinds because someone outside
 * is waiting or sharing has no ground.
 */
export const DEFAULT_WORKLIST_RANKING: Readonly<WorklistRanking> = Object.freeze({
  reasons: {
    'contact-overdue': 20,
    'contact-due-today': 12,
    'referral-acknowledgement-overdue': 24,
    'referral-completion-overdue': 14,
    'plan-review-due': 10,
    'task-due': 8,
    'consent-expiring': 10,
    'consent-expired-relied-on': 30,
    'closure-awaiting-approval': 16,
    'activation-awaiting-approval': 16,
    'new-referral': 20,
    'transfer-awaiting-acceptance': 14,
  },
  perDayOverdue: 2,
  maxOverdueDays: 30,
  priority: { urgent: 24, high: 12, medium: 4, low: 0 },
  risk: { high: 20, moderate: 8, low: 0 },
  interpreterNeeded: 6,
  referralUrgency: { stat: 30, asap: 20, urgent: 12, routine: 0 },
});

/** Settings of the worklist a host gives `createCaseManager` (`worklist: { ... }`); calls may override them. */
export const WorklistSettingsSchema = z.strictObject({
  ranking: z.optional(WorklistRankingSchema),
  /** Active consents ending within this many days are listed. Default 14. */
  consentExpiryDays: z.optional(z.number().check(z.int(), z.gte(0), z.lte(365))),
  /** A sent referral not completed (or failed) this many days after it was sent is overdue. Default 30. */
  referralCompletionDays: z.optional(z.number().check(z.int(), z.gte(1), z.lte(3650))),
});
export type WorklistSettings = z.input<typeof WorklistSettingsSchema>;

const TimeZoneSchema = z.string().check(z.refine(isTimeZone, 'Use an IANA time zone, e.g. "America/Los_Angeles" or "UTC"'));

/** Options of `manager.worklist(...)`. */
export const WorklistOptionsSchema = z.strictObject({
  /** The day to judge due and overdue by (`YYYY-MM-DD`). Default: today in `timeZone`. */
  date: z.optional(CalendarDate),
  /** The IANA time zone whose calendar decides "today". Default: the manager's (`manager.timeZone`). */
  timeZone: z.optional(TimeZoneSchema),
  /** Rows per page, 1 to 200. Default 25. */
  limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(200)), 25),
  /** The `nextCursor` of the previous page, passed with the same other options. */
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  /** Only these kinds of rows. Default: every kind the actor has. */
  kinds: z.optional(z.array(WorklistKindSchema).check(z.minLength(1), z.maxLength(WORKLIST_KINDS.length))),
  /** Weights for this call, over the manager's (`worklist.ranking`) and the defaults. */
  ranking: z.optional(WorklistRankingSchema),
  /**
   * Whose caseload: a supervisor's view of one case manager. Default: a case manager's own cases (those
   * assigned to them, as `cases.query`), everyone else every case the policy lets them read.
   */
  assigneeId: z.optional(Id),
  /** Overrides the manager's `worklist.consentExpiryDays` (default 14). */
  consentExpiryDays: z.optional(z.number().check(z.int(), z.gte(0), z.lte(365))),
  /** Overrides the manager's `worklist.referralCompletionDays` (default 30). */
  referralCompletionDays: z.optional(z.number().check(z.int(), z.gte(1), z.lte(3650))),
});
export type WorklistOptions = z.input<typeof WorklistOptionsSchema>;

/** The record a row is about, to open it (`part` names a task inside a plan: `goals/<id>/interventions/<id>`). */
export interface WorklistRecordRef {
  collection: CollectionName;
  id: string;
  version: number;
  part?: string;
}

/**
 * What the row shows beside its reasons. `clientName` is present only when the actor may read the
 * client (as `clients.get` would allow); everything else comes from the records the row is about,
 * which the actor may read.
 */
export interface WorklistSubject {
  clientName?: string;
  caseTitle?: string;
  program?: string;
  priority?: string;
  riskLevel?: string;
  assigneeId?: string;
  assigneeName?: string;
  planTitle?: string;
  taskDescription?: string;
  organizationName?: string;
  serviceName?: string;
  referralStatus?: string;
  consentScope?: string;
  granteeName?: string;
}

/** One row of the worklist. */
export interface WorklistItem {
  kind: WorklistKind;
  /** Stable across calls: `kind:recordId` (tasks: `task-due:planId/goalId/interventionId`). Pass it to `snooze`/`done`. */
  id: string;
  caseId?: string;
  clientId?: string;
  recordRef: WorklistRecordRef;
  /** The calendar date it is (or was) due, in the worklist's time zone. Approvals have none. */
  dueDate?: string;
  /** Whole days past `dueDate` (0 when due today or not dated). */
  daysOverdue: number;
  subject: WorklistSubject;
  /** Why it is here and why it ranks where it does; the weights add up to `score`. */
  reasons: WorklistReason[];
  score: number;
}

/** How many rows the whole list has (every page), only of records the actor may read. */
export interface WorklistCounts {
  total: number;
  byKind: Partial<Record<WorklistKind, number>>;
  /** Rows past due (`daysOverdue > 0`). */
  overdue: number;
  /** Rows hidden by a snooze of this actor (not in `total`). */
  snoozed: number;
}

export interface WorklistPage {
  items: WorklistItem[];
  /** Present when more rows follow; pass it back as `cursor` with the same options. */
  nextCursor?: string;
  counts: WorklistCounts;
  /** The day the list was judged by (`YYYY-MM-DD`) and its time zone. */
  date: string;
  timeZone: string;
}

/** Options of `manager.worklist.snooze(itemId, ...)`. */
export const SnoozeOptionsSchema = z.strictObject({
  /** The row comes back on this day (`YYYY-MM-DD`, after today). */
  until: CalendarDate,
  /** Why it can wait (kept in the audit log). */
  reason: z.string().check(z.trim(), z.minLength(1, 'Say why this can wait'), z.maxLength(500)),
});
export type SnoozeOptions = z.input<typeof SnoozeOptionsSchema>;

export const WorklistItemIdSchema = z.string().check(z.minLength(3), z.maxLength(400), z.regex(/^[a-z-]+:.+$/, 'Use the id of a worklist row, e.g. "contact-due:case-1"'));
