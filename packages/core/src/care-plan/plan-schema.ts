import * as z from 'zod/mini';
import { ActorRefSchema, CalendarDate, Id, Instant, NeedDomainSchema, StatusChangeSchema, Text } from '../records/common.js';
import { RecordMetaSchema } from '../records/record.js';

/**
 * Care plan status: exactly the FHIR R4 `CarePlan.status` set without `unknown` (casekit always knows),
 * so each value maps onto itself.
 */
export const PLAN_STATUSES = ['draft', 'active', 'on-hold', 'completed', 'revoked', 'entered-in-error'] as const;
export const PlanStatusSchema = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;
/** Plans still being worked on: their goals count as covering a need and they can be edited. */
export const OPEN_PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'active', 'on-hold'];

/** Goal lifecycle: the FHIR R4 `Goal.lifecycleStatus` set, value for value. */
export const GOAL_LIFECYCLE_STATUSES = [
  'proposed',
  'planned',
  'accepted',
  'active',
  'on-hold',
  'completed',
  'cancelled',
  'entered-in-error',
  'rejected',
] as const;
export const GoalLifecycleStatusSchema = z.enum(GOAL_LIFECYCLE_STATUSES);
export type GoalLifecycleStatus = z.infer<typeof GoalLifecycleStatusSchema>;
/** Goals still being pursued (or about to be): such a goal covers its need domain. */
export const OPEN_GOAL_STATUSES: readonly GoalLifecycleStatus[] = ['proposed', 'planned', 'accepted', 'active', 'on-hold'];
/** Statuses a goal may start in. */
export const INITIAL_GOAL_STATUSES = ['proposed', 'planned', 'accepted', 'active'] as const;

/**
 * Goal achievement: the FHIR R4 `Goal.achievementStatus` codes (goal-achievement value set), value for
 * value. `improving`, `worsening` and `no-change` refine `in-progress`; `sustaining` refines `achieved`;
 * `no-progress` and `not-attainable` refine `not-achieved`.
 */
export const ACHIEVEMENT_STATUSES = [
  'in-progress',
  'improving',
  'worsening',
  'no-change',
  'achieved',
  'sustaining',
  'not-achieved',
  'no-progress',
  'not-attainable',
] as const;
export const AchievementStatusSchema = z.enum(ACHIEVEMENT_STATUSES);
export type AchievementStatus = z.infer<typeof AchievementStatusSchema>;

/** Goal priority: the FHIR R4 `Goal.priority` codes (goal-priority value set). */
export const GOAL_PRIORITIES = ['high-priority', 'medium-priority', 'low-priority'] as const;
export const GoalPrioritySchema = z.enum(GOAL_PRIORITIES);
export type GoalPriority = z.infer<typeof GoalPrioritySchema>;

/**
 * What an item under a goal is. `task`: a to-do with an owner (FHIR `Task`, referenced from
 * `CarePlan.activity.reference`); `intervention`: a planned service or action (FHIR
 * `CarePlan.activity.detail`). Both carry the activity.detail status set.
 */
export const INTERVENTION_KINDS = ['task', 'intervention'] as const;
export const InterventionKindSchema = z.enum(INTERVENTION_KINDS);
export type InterventionKind = z.infer<typeof InterventionKindSchema>;

/** Intervention/task status: the FHIR R4 `CarePlan.activity.detail.status` set without `unknown`. */
export const INTERVENTION_STATUSES = [
  'not-started',
  'scheduled',
  'in-progress',
  'on-hold',
  'completed',
  'cancelled',
  'stopped',
  'entered-in-error',
] as const;
export const InterventionStatusSchema = z.enum(INTERVENTION_STATUSES);
export type InterventionStatus = z.infer<typeof InterventionStatusSchema>;
/** Interventions/tasks still to be done: a due date on one of these can fall due. */
export const OPEN_INTERVENTION_STATUSES: readonly InterventionStatus[] = ['not-started', 'scheduled', 'in-progress', 'on-hold'];
/** Statuses an intervention may start in. */
export const INITIAL_INTERVENTION_STATUSES = ['not-started', 'scheduled', 'in-progress'] as const;

const Description = z.string().check(z.trim(), z.maxLength(4000));
const Reason = z.string().check(z.trim(), z.minLength(1), z.maxLength(1500));

// ---------------------------------------------------------------------------------------------
// Interventions / tasks
// ---------------------------------------------------------------------------------------------

const InterventionFieldsSchema = z.object({
  kind: z._default(InterventionKindSchema, 'task'),
  description: Text,
  /** Who does it: a staff member, the client, a provider contact. */
  assigneeId: z.optional(Id),
  assigneeName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  dueDate: z.optional(CalendarDate),
});

export const InterventionInputSchema = z.extend(InterventionFieldsSchema, {
  status: z._default(z.enum(INITIAL_INTERVENTION_STATUSES), 'not-started'),
});
export type InterventionInput = z.input<typeof InterventionInputSchema>;

/** Fields of an intervention that can be edited; `null` removes an optional field. */
export const InterventionPatchSchema = z.strictObject({
  kind: z.optional(InterventionKindSchema),
  description: z.optional(Text),
  assigneeId: z.optional(z.nullable(Id)),
  assigneeName: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)))),
  dueDate: z.optional(z.nullable(CalendarDate)),
});
export type InterventionPatch = z.input<typeof InterventionPatchSchema>;

/** An intervention or task under a goal (FHIR CarePlan.activity). */
export const InterventionSchema = z.extend(InterventionFieldsSchema, {
  /** Stable within the plan; generated. */
  id: Id,
  status: InterventionStatusSchema,
  statusHistory: z.array(StatusChangeSchema).check(z.minLength(1)),
  createdAt: Instant,
});
export type Intervention = z.infer<typeof InterventionSchema>;

// ---------------------------------------------------------------------------------------------
// Progress entries
// ---------------------------------------------------------------------------------------------

export const ProgressInputSchema = z.object({
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000)),
  /** The goal's achievement status after this entry, when it changed. */
  achievementStatus: z.optional(AchievementStatusSchema),
});
export type ProgressInput = z.input<typeof ProgressInputSchema>;

/** A dated note of progress on a goal (FHIR Goal.outcomeReference / Observation, or an annotation). */
export const ProgressEntrySchema = z.object({
  id: Id,
  at: Instant,
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000)),
  /** Set when the entry changed the goal's achievement status: the new value. */
  achievementStatus: z.optional(AchievementStatusSchema),
  /** The achievement status before this entry (when `achievementStatus` is set and there was one). */
  previousAchievementStatus: z.optional(AchievementStatusSchema),
  by: ActorRefSchema,
});
export type ProgressEntry = z.infer<typeof ProgressEntrySchema>;

// ---------------------------------------------------------------------------------------------
// Goals
// ---------------------------------------------------------------------------------------------

const GoalFieldsSchema = z.object({
  /** The need the goal addresses (FHIR Goal.category / Goal.addresses -> the SDOH Condition). */
  needDomain: NeedDomainSchema,
  /** In the client's words where possible (FHIR Goal.description.text). */
  description: Text,
  /** FHIR Goal.target.dueDate. */
  targetDate: z.optional(CalendarDate),
  priority: z._default(GoalPrioritySchema, 'medium-priority'),
});

export const GoalInputSchema = z.extend(GoalFieldsSchema, {
  lifecycleStatus: z._default(z.enum(INITIAL_GOAL_STATUSES), 'proposed'),
  achievementStatus: z.optional(AchievementStatusSchema),
  interventions: z._default(z.array(InterventionInputSchema).check(z.maxLength(50)), []),
});
export type GoalInput = z.input<typeof GoalInputSchema>;

/** Fields of a goal that can be edited (status changes go through `transitionGoal` / `addProgress`). */
export const GoalPatchSchema = z.strictObject({
  needDomain: z.optional(NeedDomainSchema),
  description: z.optional(Text),
  targetDate: z.optional(z.nullable(CalendarDate)),
  priority: z.optional(GoalPrioritySchema),
});
export type GoalPatch = z.input<typeof GoalPatchSchema>;

/** A goal, embedded in its plan so that one plan version guards the whole plan (FHIR Goal). */
export const GoalSchema = z.extend(GoalFieldsSchema, {
  /** Stable within the plan; generated. */
  id: Id,
  lifecycleStatus: GoalLifecycleStatusSchema,
  achievementStatus: z.optional(AchievementStatusSchema),
  statusHistory: z.array(StatusChangeSchema).check(z.minLength(1)),
  interventions: z.array(InterventionSchema).check(z.maxLength(100)),
  progress: z.array(ProgressEntrySchema).check(z.maxLength(1000)),
  createdAt: Instant,
});
export type Goal = z.infer<typeof GoalSchema>;

// ---------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------

/** FHIR Period with calendar dates; the end may not come before the start. */
export const PlanPeriodSchema = z
  .object({ start: z.optional(CalendarDate), end: z.optional(CalendarDate) })
  .check(z.refine((p) => !p.start || !p.end || p.start <= p.end, { message: 'The end date comes before the start date', path: ['end'] }));
export type PlanPeriod = z.infer<typeof PlanPeriodSchema>;

/**
 * The optional supervisor approval of a plan's activation. `pending` while a case manager's
 * activation waits; `approved` or `rejected` once a supervisor decided (the plan stays a draft when
 * rejected, and may be resubmitted).
 */
export const PlanApprovalSchema = z.object({
  kind: z.literal('plan-activation'),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: ActorRefSchema,
  requestedAt: Instant,
  note: z.optional(Reason),
  decidedBy: z.optional(ActorRefSchema),
  decidedAt: z.optional(Instant),
  decisionReason: z.optional(Reason),
});
export type PlanApproval = z.infer<typeof PlanApprovalSchema>;

const PlanFieldsSchema = z.object({
  title: Text,
  description: z.optional(Description),
  /** When the plan applies (FHIR CarePlan.period). */
  period: z.optional(PlanPeriodSchema),
  /** When the plan should next be reviewed with the client; past it the plan is due for review. */
  reviewDate: z.optional(CalendarDate),
});

export const PlanInputSchema = z.extend(PlanFieldsSchema, {
  goals: z._default(z.array(GoalInputSchema).check(z.maxLength(50)), []),
});
export type PlanInput = z.input<typeof PlanInputSchema>;

/** Editable plan fields; `null` removes an optional one. */
export const PlanPatchSchema = z.strictObject({
  title: z.optional(Text),
  description: z.optional(z.nullable(Description)),
  period: z.optional(z.nullable(PlanPeriodSchema)),
  reviewDate: z.optional(z.nullable(CalendarDate)),
});
export type PlanPatch = z.input<typeof PlanPatchSchema>;

/** A care plan (FHIR CarePlan with intent `plan`; goals are FHIR Goals, interventions its activities). */
export const CarePlanSchema = z.extend(z.extend(RecordMetaSchema, PlanFieldsSchema.shape), {
  caseId: Id,
  clientId: Id,
  /**
   * The case's assignee, a copy core keeps in step with the case (set on create, moved with the case by an
   * assignment or transfer) so a case manager's worklist finds their plans through one index range.
   * `null` when the case has no assignee. Read-only to callers; a record without it (written elsewhere)
   * is still found, by a scan of the unstamped ones.
   */
  caseAssigneeId: z.optional(z.nullable(Id)),
  status: PlanStatusSchema,
  statusHistory: z.array(StatusChangeSchema).check(z.minLength(1)),
  /** Who wrote the plan (FHIR CarePlan.author). */
  author: ActorRefSchema,
  goals: z.array(GoalSchema).check(z.maxLength(100)),
  approval: z.optional(PlanApprovalSchema),
});
export type CarePlan = z.infer<typeof CarePlanSchema>;

/** A goal suggested for an identified need (not stored): pass it to `plans.addGoal` as it is or edited. */
export interface GoalSuggestion {
  needDomain: z.infer<typeof NeedDomainSchema>;
  description: string;
  priority: GoalPriority;
}

/** Options of a status change. `reason` is required for `entered-in-error` (and a plan's `revoked`). */
export const TransitionOptionsSchema = z.strictObject({ reason: z.optional(Reason) });
export type PlanTransitionOptions = z.input<typeof TransitionOptionsSchema>;

// Extending a strict object keeps it strict.
export const GoalTransitionOptionsSchema = z.extend(TransitionOptionsSchema, {
  /** Sets the achievement status together with the change, e.g. `achieved` when completing. */
  achievementStatus: z.optional(AchievementStatusSchema),
});
export type GoalTransitionOptions = z.input<typeof GoalTransitionOptionsSchema>;

export const ReasonSchema = Reason;
