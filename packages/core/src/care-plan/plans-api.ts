import { caseAssigneeCopy } from '../case/case-assignee-copies.js';
import * as z from 'zod/mini';
import { OPEN_CASE_STATUSES, type CaseRecord } from '../case/case-schema.js';
import { ConflictError, NotFoundError, TransitionError, ValidationError } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseOptions, VersionRefSchema } from '../internal/parse.js';
import { assertTransition } from '../internal/state-machine.js';
import type { AuditDetails, VersionRef } from '../internal/writer.js';
import type { PolicyAction } from '../policy/policy.js';
import { actorRef, CalendarDate, Id, type ActorRef, type StatusChange } from '../records/common.js';
import { suggestGoalsFor } from './goal-suggestions.js';
import { GOAL_MACHINE, INTERVENTION_MACHINE, PLAN_MACHINE } from './plan-machines.js';
import {
  CarePlanSchema,
  GoalInputSchema,
  GoalLifecycleStatusSchema,
  GoalPatchSchema,
  GoalTransitionOptionsSchema,
  InterventionInputSchema,
  InterventionPatchSchema,
  InterventionStatusSchema,
  OPEN_PLAN_STATUSES,
  PlanInputSchema,
  PlanPatchSchema,
  PlanStatusSchema,
  ProgressInputSchema,
  ReasonSchema,
  TransitionOptionsSchema,
  type CarePlan,
  type Goal,
  type GoalInput,
  type GoalLifecycleStatus,
  type GoalPatch,
  type GoalSuggestion,
  type GoalTransitionOptions,
  type Intervention,
  type InterventionInput,
  type InterventionPatch,
  type InterventionStatus,
  type PlanApproval,
  type PlanInput,
  type PlanPatch,
  type PlanStatus,
  type PlanTransitionOptions,
  type ProgressEntry,
  type ProgressInput,
} from './plan-schema.js';


export interface DueForReviewOptions {
  /** The day to compare review dates with (`YYYY-MM-DD`). Default: today by the manager's clock. */
  asOf?: string;
}

/**
 * Care plans (FHIR CarePlan) with their goals (FHIR Goal), interventions/tasks (CarePlan.activity) and
 * progress entries. Goals live inside the plan record, so every change below is based on the plan's
 * version: two people editing the same plan conflict instead of overwriting each other. Each mutation
 * returns the new plan and writes one audit event for it; a failed call writes nothing.
 */
export interface PlansApi {
  /** Writes a draft plan for a case that is open, optionally with its first goals. */
  create(caseId: string, input: PlanInput): Promise<CarePlan>;
  get(id: string): Promise<CarePlan>;
  /** Every plan of a case, newest first. */
  forCase(caseId: string): Promise<CarePlan[]>;
  /**
   * Active and on-hold plans whose review date is on or before `asOf` (default today), earliest
   * review date first; limited to plans of cases the actor may read.
   */
  dueForReview(options?: DueForReviewOptions): Promise<CarePlan[]>;
  /** Changes title, description, period or review date (`null` clears an optional field). */
  update(ref: VersionRef, patch: PlanPatch): Promise<CarePlan>;
  /**
   * Moves a plan through its state machine. `revoked` and `entered-in-error` need a `reason`. With plan
   * approval on, a case manager's draft -> active leaves the plan a draft with `approval.status`
   * `pending` until a supervisor calls `approveActivation`; a supervisor activates directly.
   */
  transition(ref: VersionRef, to: PlanStatus, options?: PlanTransitionOptions): Promise<CarePlan>;
  /** A supervisor approves a pending activation: the plan becomes active. */
  approveActivation(ref: VersionRef, options?: { note?: string }): Promise<CarePlan>;
  /** A supervisor sends a pending activation back: the plan stays a draft, with the reason on `approval`. */
  rejectActivation(ref: VersionRef, reason: string): Promise<CarePlan>;
  /** Adds a goal (appended to `goals`; its id is generated), with optional first interventions. */
  addGoal(ref: VersionRef, input: GoalInput): Promise<CarePlan>;
  /** Edits a goal's domain, description, target date or priority. */
  updateGoal(ref: VersionRef, goalId: string, patch: GoalPatch): Promise<CarePlan>;
  /** Moves a goal through the FHIR Goal lifecycle; may set the achievement status at the same time. */
  transitionGoal(ref: VersionRef, goalId: string, to: GoalLifecycleStatus, options?: GoalTransitionOptions): Promise<CarePlan>;
  /** Adds an intervention or task under a goal (appended to `interventions`; its id is generated). */
  addIntervention(ref: VersionRef, goalId: string, input: InterventionInput): Promise<CarePlan>;
  /** Edits an intervention's kind, description, assignee or due date. */
  updateIntervention(ref: VersionRef, goalId: string, interventionId: string, patch: InterventionPatch): Promise<CarePlan>;
  transitionIntervention(
    ref: VersionRef,
    goalId: string,
    interventionId: string,
    to: InterventionStatus,
    options?: PlanTransitionOptions,
  ): Promise<CarePlan>;
  /** Adds a dated progress entry to a goal; `achievementStatus` also updates the goal's. */
  addProgress(ref: VersionRef, goalId: string, input: ProgressInput): Promise<CarePlan>;
  /**
   * Goal drafts (not stored) for each open identified need of the case that no open goal of an open
   * plan covers yet, with a plain-language default description per domain.
   */
  suggestGoals(caseId: string): Promise<GoalSuggestion[]>;
  /** Statuses a plan may move to next (for menus). */
  allowedTransitions(plan: Pick<CarePlan, 'status'>): PlanStatus[];
  allowedGoalTransitions(goal: Pick<Goal, 'lifecycleStatus'>): GoalLifecycleStatus[];
  allowedInterventionTransitions(intervention: Pick<Intervention, 'status'>): InterventionStatus[];
}

interface Change {
  next: CarePlan;
  audit: AuditDetails;
}
interface ChangeContext {
  at: string;
  by: ActorRef;
  caseRecord: CaseRecord;
}

export function createPlansApi(context: ManagerContext): PlansApi {
  async function loadWithCase(id: string, action: PolicyAction): Promise<{ plan: CarePlan; caseRecord: CaseRecord }> {
    const plan = await context.load<CarePlan>('plans', id);
    const caseRecord = await context.loadCase(plan.caseId);
    context.authorize({ action, collection: 'plans', record: plan, case: caseRecord });
    return { plan, caseRecord };
  }

  /**
   * The one path every plan mutation takes: load, authorise through the case, check the version the
   * caller saw, build the successor, write it with one audit event in one atomic batch.
   */
  async function change(
    refInput: VersionRef,
    action: PolicyAction,
    build: (before: CarePlan, ctx: ChangeContext) => Change,
    options: { editsContent?: boolean } = { editsContent: true },
  ): Promise<CarePlan> {
    const ref = parse(VersionRefSchema, refInput, ['ref']);
    const { plan: before, caseRecord } = await loadWithCase(ref.id, action);
    if (ref.version !== before.version) throw new ConflictError('plans', before.id, ref.version, before.version);
    if (options.editsContent !== false && !OPEN_PLAN_STATUSES.includes(before.status)) {
      throw new TransitionError(
        'care-plan',
        before.status,
        before.status,
        [...PLAN_MACHINE.transitions[before.status]],
        `This care plan is ${before.status}: its goals and tasks can no longer change`,
      );
    }
    const writer = context.writer();
    const { next, audit } = build(before, { at: writer.timestamp, by: actorRef(context.actor), caseRecord });
    const record = writer.update('plans', CarePlanSchema, before, next, { caseId: before.caseId, clientId: before.clientId, ...audit }, ref.version);
    await writer.commit();
    return record;
  }

  function newIntervention(input: z.output<typeof InterventionInputSchema>, at: string, by: ActorRef): Intervention {
    return { ...input, id: context.newId(), statusHistory: [{ from: null, to: input.status, at, by }], createdAt: at };
  }

  function newGoal(input: z.output<typeof GoalInputSchema>, at: string, by: ActorRef): Goal {
    const { interventions, ...fields } = input;
    return {
      ...fields,
      id: context.newId(),
      statusHistory: [{ from: null, to: fields.lifecycleStatus, at, by }],
      interventions: interventions.map((i) => newIntervention(i, at, by)),
      progress: [],
      createdAt: at,
    };
  }

  async function plansOf(caseId: string): Promise<CarePlan[]> {
    const page = await context.storage.find<CarePlan & { id: string; version: number }>('plans', { index: 'caseId', equals: caseId });
    return page.items.sort((a, b) => (a.createdAt === b.createdAt ? compare(b.id, a.id) : compare(b.createdAt, a.createdAt)));
  }

  async function readableCase(caseIdInput: string): Promise<CaseRecord> {
    const caseId = parse(Id, caseIdInput, ['caseId']);
    const caseRecord = await context.loadCase(caseId);
    context.authorize({ action: 'read', collection: 'plans', record: { caseId }, case: caseRecord });
    return caseRecord;
  }

  /** Runs `edit` on one goal of the plan; the goal must exist and not be entered-in-error. */
  function editGoal(plan: CarePlan, goalIdInput: string, edit: (goal: Goal) => Goal): CarePlan {
    const goalId = parse(Id, goalIdInput, ['goalId']);
    const index = plan.goals.findIndex((goal) => goal.id === goalId);
    const goal = plan.goals[index];
    if (!goal) throw new NotFoundError(`plans/${plan.id}/goals`, String(goalId));
    if (goal.lifecycleStatus === 'entered-in-error') {
      throw new TransitionError('goal', goal.lifecycleStatus, goal.lifecycleStatus, [], 'This goal was entered in error: it can no longer change');
    }
    const goals = [...plan.goals];
    goals[index] = edit(goal);
    return { ...plan, goals };
  }

  function editIntervention(goal: Goal, interventionIdInput: string, edit: (intervention: Intervention) => Intervention): Goal {
    const interventionId = parse(Id, interventionIdInput, ['interventionId']);
    const index = goal.interventions.findIndex((i) => i.id === interventionId);
    const intervention = goal.interventions[index];
    if (!intervention) throw new NotFoundError(`goals/${goal.id}/interventions`, String(interventionId));
    if (intervention.status === 'entered-in-error') {
      throw new TransitionError('intervention', intervention.status, intervention.status, [], 'This task was entered in error: it can no longer change');
    }
    const interventions = [...goal.interventions];
    interventions[index] = edit(intervention);
    return { ...goal, interventions };
  }

  return {
    async create(caseIdInput, input) {
      const fields = parse(PlanInputSchema, input);
      const caseId = parse(Id, caseIdInput, ['caseId']);
      const caseRecord = await context.loadCase(caseId);
      const writer = context.writer();
      const at = writer.timestamp;
      const by = actorRef(context.actor);
      const { goals, ...planFields } = fields;
      const draft = {
        ...planFields,
        caseId,
        clientId: caseRecord.clientId,
        ...caseAssigneeCopy(caseRecord),
        status: 'draft' as const,
        statusHistory: [{ from: null, to: 'draft', at, by }],
        author: by,
      };
      context.authorize({ action: 'create', collection: 'plans', record: draft, case: caseRecord });
      if (!OPEN_CASE_STATUSES.includes(caseRecord.status)) {
        throw new ValidationError([
          { path: ['caseId'], message: `Care plans can only be written for open cases; this case is ${caseRecord.status}`, code: 'case-not-open' },
        ]);
      }
      const record = writer.create('plans', CarePlanSchema, { ...draft, goals: goals.map((goal) => newGoal(goal, at, by)) }, { caseId, clientId: caseRecord.clientId });
      await writer.commit();
      return record;
    },

    async get(id) {
      const { plan } = await loadWithCase(parse(Id, id, ['id']), 'read');
      await context.disclose('plans', [plan], { caseId: plan.caseId, clientId: plan.clientId });
      return plan;
    },

    async forCase(caseId) {
      const caseRecord = await readableCase(caseId);
      const plans = (await plansOf(caseRecord.id)).filter((plan) => context.allows({ action: 'read', collection: 'plans', record: plan, case: caseRecord }));
      await context.disclose('plans', plans, { scope: caseRecord.id, caseId: caseRecord.id, clientId: caseRecord.clientId });
      return plans;
    },

    async dueForReview(optionsInput) {
      const options = parseOptions(z.strictObject({ asOf: z.optional(CalendarDate) }), optionsInput);
      const asOf = options.asOf ?? context.today();
      const page = await context.storage.find<CarePlan & { id: string; version: number }>('plans', { index: 'reviewDue', range: { lte: asOf } });
      const caseIds = [...new Set(page.items.map((plan) => plan.caseId))];
      const cases = new Map<string, CaseRecord>();
      for (const c of await context.storage.getMany<CaseRecord & { id: string; version: number }>('cases', caseIds)) if (c) cases.set(c.id, c);
      const due = page.items.filter((plan) => {
        const caseRecord = cases.get(plan.caseId);
        return !!caseRecord && context.allows({ action: 'read', collection: 'plans', record: plan, case: caseRecord });
      });
      await context.disclose('plans', due, { scope: 'plans.dueForReview' });
      return due;
    },

    async update(ref, patchInput) {
      const patch = parse(PlanPatchSchema, patchInput);
      return change(ref, 'update', (before) => ({ next: applyPatch(before, patch), audit: {} }));
    },

    async transition(ref, toInput, options = {}) {
      const to = parse(PlanStatusSchema, toInput, ['to']);
      const { reason } = parse(TransitionOptionsSchema, options, ['options']);
      return change(
        ref,
        'transition',
        (before, { at, by, caseRecord }) => {
          assertTransition(PLAN_MACHINE, before.status, to);
          if ((to === 'revoked' || to === 'entered-in-error') && !reason) throw reasonRequired();
          let approval: PlanApproval | undefined = before.approval?.status === 'pending' ? undefined : before.approval;
          if (before.status === 'draft' && to === 'active' && context.settings.approvals.planActivation) {
            const mayApprove = context.allows({ action: 'approve', collection: 'plans', record: before, case: caseRecord });
            if (!mayApprove) {
              if (before.approval?.status === 'pending') {
                throw new TransitionError('care-plan', before.status, to, [], "This care plan is already waiting for a supervisor's approval");
              }
              const pending: PlanApproval = { kind: 'plan-activation', status: 'pending', requestedBy: by, requestedAt: at, ...(reason ? { note: reason } : {}) };
              return { next: { ...before, approval: pending }, audit: { action: 'update', reason: join('activation requested', reason) } };
            }
            // A supervisor activating directly approves their own activation.
            approval = { kind: 'plan-activation', status: 'approved', requestedBy: by, requestedAt: at, decidedBy: by, decidedAt: at };
          }
          const { approval: _old, ...rest } = before;
          return {
            next: {
              ...rest,
              ...(approval ? { approval } : {}),
              status: to,
              statusHistory: [...before.statusHistory, statusChange(before.status, to, at, by, reason)],
            },
            audit: { action: 'transition', transition: { from: before.status, to }, reason },
          };
        },
        { editsContent: false },
      );
    },

    async approveActivation(ref, optionsInput) {
      const { note } = parseOptions(z.strictObject({ note: z.optional(ReasonSchema) }), optionsInput);
      return change(
        ref,
        'approve',
        (before, { at, by }) => {
          if (before.status !== 'draft' || before.approval?.status !== 'pending') {
            throw new TransitionError('care-plan', before.status, 'active', [], 'This care plan has no activation waiting for approval');
          }
          const approval: PlanApproval = { ...before.approval, status: 'approved', decidedBy: by, decidedAt: at, ...(note ? { decisionReason: note } : {}) };
          return {
            next: {
              ...before,
              approval,
              status: 'active',
              statusHistory: [...before.statusHistory, statusChange('draft', 'active', at, by, join('activation approved', note))],
            },
            audit: { action: 'approve', transition: { from: 'draft', to: 'active' }, reason: join('activation approved', note) },
          };
        },
        { editsContent: false },
      );
    },

    async rejectActivation(ref, reasonInput) {
      const reason = parse(ReasonSchema, reasonInput, ['reason']);
      return change(
        ref,
        'approve',
        (before, { at, by }) => {
          if (before.status !== 'draft' || before.approval?.status !== 'pending') {
            throw new TransitionError('care-plan', before.status, 'active', [], 'This care plan has no activation waiting for approval');
          }
          const approval: PlanApproval = { ...before.approval, status: 'rejected', decidedBy: by, decidedAt: at, decisionReason: reason };
          return { next: { ...before, approval }, audit: { action: 'approve', reason: `activation rejected: ${reason}` } };
        },
        { editsContent: false },
      );
    },

    async addGoal(ref, input) {
      const goalInput = parse(GoalInputSchema, input);
      return change(ref, 'update', (before, { at, by }) => {
        const goal = newGoal(goalInput, at, by);
        return { next: { ...before, goals: [...before.goals, goal] }, audit: { part: `goals/${goal.id}` } };
      });
    },

    async updateGoal(ref, goalId, patchInput) {
      const patch = parse(GoalPatchSchema, patchInput);
      return change(ref, 'update', (before) => ({
        next: editGoal(before, goalId, (goal) => applyPatch(goal, patch)),
        audit: { part: `goals/${goalId}` },
      }));
    },

    async transitionGoal(ref, goalId, toInput, options = {}) {
      const to = parse(GoalLifecycleStatusSchema, toInput, ['to']);
      const { reason, achievementStatus } = parse(GoalTransitionOptionsSchema, options, ['options']);
      let from: GoalLifecycleStatus | undefined;
      return change(ref, 'transition', (before, { at, by }) => {
        const next = editGoal(before, goalId, (goal) => {
          from = goal.lifecycleStatus;
          assertTransition(GOAL_MACHINE, goal.lifecycleStatus, to);
          if (to === 'entered-in-error' && !reason) throw reasonRequired();
          return {
            ...goal,
            lifecycleStatus: to,
            ...(achievementStatus ? { achievementStatus } : {}),
            statusHistory: [...goal.statusHistory, statusChange(goal.lifecycleStatus, to, at, by, reason)],
          };
        });
        return { next, audit: { action: 'transition', transition: { from: from!, to }, part: `goals/${goalId}`, reason } };
      });
    },

    async addIntervention(ref, goalId, input) {
      const interventionInput = parse(InterventionInputSchema, input);
      return change(ref, 'update', (before, { at, by }) => {
        let added: Intervention | undefined;
        const next = editGoal(before, goalId, (goal) => {
          added = newIntervention(interventionInput, at, by);
          return { ...goal, interventions: [...goal.interventions, added] };
        });
        return { next, audit: { part: `goals/${goalId}/interventions/${added!.id}` } };
      });
    },

    async updateIntervention(ref, goalId, interventionId, patchInput) {
      const patch = parse(InterventionPatchSchema, patchInput);
      return change(ref, 'update', (before) => ({
        next: editGoal(before, goalId, (goal) => editIntervention(goal, interventionId, (i) => applyPatch(i, patch))),
        audit: { part: `goals/${goalId}/interventions/${interventionId}` },
      }));
    },

    async transitionIntervention(ref, goalId, interventionId, toInput, options = {}) {
      const to = parse(InterventionStatusSchema, toInput, ['to']);
      const { reason } = parse(TransitionOptionsSchema, options, ['options']);
      let from: InterventionStatus | undefined;
      return change(ref, 'transition', (before, { at, by }) => {
        const next = editGoal(before, goalId, (goal) =>
          editIntervention(goal, interventionId, (intervention) => {
            from = intervention.status;
            assertTransition(INTERVENTION_MACHINE, intervention.status, to);
            if (to === 'entered-in-error' && !reason) throw reasonRequired();
            return { ...intervention, status: to, statusHistory: [...intervention.statusHistory, statusChange(intervention.status, to, at, by, reason)] };
          }),
        );
        return {
          next,
          audit: { action: 'transition', transition: { from: from!, to }, part: `goals/${goalId}/interventions/${interventionId}`, reason },
        };
      });
    },

    async addProgress(ref, goalId, input) {
      const progress = parse(ProgressInputSchema, input);
      return change(ref, 'update', (before, { at, by }) => {
        let entry: ProgressEntry | undefined;
        const next = editGoal(before, goalId, (goal) => {
          const changed = progress.achievementStatus !== undefined && progress.achievementStatus !== goal.achievementStatus;
          entry = {
            id: context.newId(),
            at,
            text: progress.text,
            by,
            ...(changed ? { achievementStatus: progress.achievementStatus } : {}),
            ...(changed && goal.achievementStatus ? { previousAchievementStatus: goal.achievementStatus } : {}),
          };
          return { ...goal, ...(changed ? { achievementStatus: progress.achievementStatus } : {}), progress: [...goal.progress, entry] };
        });
        // An achievement change is recorded as a transition of the goal's achievement status.
        const achievement = entry!.achievementStatus ? { transition: { from: entry!.previousAchievementStatus ?? 'none', to: entry!.achievementStatus } } : {};
        return { next, audit: { part: `goals/${goalId}/progress/${entry!.id}`, ...achievement } };
      });
    },

    async suggestGoals(caseId) {
      const caseRecord = await readableCase(caseId);
      const suggestions = suggestGoalsFor(caseRecord, await plansOf(caseRecord.id));
      // Suggestions spell out the case's open needs (a mental-health need, say): a read of the case.
      if (suggestions.length) await context.disclose('cases', [caseRecord], { caseId: caseRecord.id, clientId: caseRecord.clientId });
      return suggestions;
    },

    allowedTransitions: (plan) => [...PLAN_MACHINE.transitions[parse(z.looseObject({ status: PlanStatusSchema }), plan, ['plan']).status]],
    allowedGoalTransitions: (goal) => [...GOAL_MACHINE.transitions[parse(z.looseObject({ lifecycleStatus: GoalLifecycleStatusSchema }), goal, ['goal']).lifecycleStatus]],
    allowedInterventionTransitions: (intervention) =>
      [...INTERVENTION_MACHINE.transitions[parse(z.looseObject({ status: InterventionStatusSchema }), intervention, ['intervention']).status]],
  };
}

function statusChange(from: string, to: string, at: string, by: ActorRef, reason: string | undefined): StatusChange {
  return { from, to, at, by, ...(reason ? { reason } : {}) };
}

function reasonRequired(): ValidationError {
  return new ValidationError([{ path: ['reason'], message: 'Give a reason for this change', code: 'required' }]);
}

function join(prefix: string, detail: string | undefined): string {
  return detail ? `${prefix}: ${detail}` : prefix;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Applies a patch: `undefined` leaves a field, `null` removes it, anything else replaces it. */
function applyPatch<T extends object>(target: T, patch: object): T {
  const next: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as T;
}
