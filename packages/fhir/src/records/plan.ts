/**
 * plans <-> CarePlan (intent `plan`) + one Goal per goal + one Task per task intervention. Interventions
 * of kind `intervention` are CarePlan.activity.detail (with detail.goal); tasks are activity.reference
 * -> Task (Task.reasonReference -> Goal). Activities are in goal order, so each goal's list is restored.
 */
import type { CarePlan as CasekitPlan, Goal as CasekitGoal, Intervention, InterventionStatus, ProgressEntry } from '@casekit/core';
import type { Annotation, CarePlan, CarePlanActivity, Extension, Goal, Resource, Task } from '@medplum/fhirtypes';
import { CASEKIT_ID_SYSTEM } from '../extensions.js';
import { partIdFor } from '../ids.js';
import { GRAVITY_CATEGORY, SYSTEMS } from './codes.js';
import type { FromContext, RecordMapping } from './context.js';
import {
  actorIdOf,
  actorIdReference,
  caseAssigneeExt,
  caseAssigneeOf,
  actorOf,
  actorReference,
  casekitIdOf,
  codeIn,
  compact,
  complexExt,
  createdExt,
  defined,
  ext,
  findExt,
  part,
  partsOf,
  recordIdOf,
  recordReference,
  statusHistoryExts,
  statusHistoryOf,
  text,
  type Json,
} from './elements.js';
import { readRecordMeta, recordHeader } from './record-meta.js';

export const EPISODE_OF_CARE = 'http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare';

export const goalResourceId = (planId: string, goalId: string) => partIdFor(planId, 'goal', goalId);
export const taskResourceId = (planId: string, interventionId: string) => partIdFor(planId, 'task', interventionId);

/** Intervention statuses (the activity.detail set) as Task statuses: one to one, so no extension is needed. */
const TO_TASK: Readonly<Record<InterventionStatus, Task['status']>> = {
  'not-started': 'ready',
  scheduled: 'accepted',
  'in-progress': 'in-progress',
  'on-hold': 'on-hold',
  completed: 'completed',
  cancelled: 'cancelled',
  stopped: 'failed',
  'entered-in-error': 'entered-in-error',
};
const FROM_TASK = Object.fromEntries(Object.entries(TO_TASK).map(([k, v]) => [v, k])) as Record<string, InterventionStatus>;
const taskStatusFrom = (status: Task['status']): InterventionStatus => FROM_TASK[status] ?? (status === 'requested' || status === 'draft' || status === 'received' ? 'not-started' : status === 'rejected' ? 'cancelled' : 'not-started');

export const episodeExt = (caseId: string): Extension => ({ url: EPISODE_OF_CARE, valueReference: recordReference('EpisodeOfCare', caseId) });
export const episodeIdOf = (extensions: Extension[] | undefined): string | undefined => recordIdOf(extensions?.find((e) => e.url === EPISODE_OF_CARE)?.valueReference, 'EpisodeOfCare');

function progressNote(entry: ProgressEntry): Annotation {
  return compact({
    id: entry.id,
    extension: [
      entry.achievementStatus ? ext('achievement-status', { valueCodeableConcept: { coding: [{ system: SYSTEMS.goalAchievement, code: entry.achievementStatus }] } }) : undefined,
      entry.previousAchievementStatus ? ext('previous-achievement-status', { valueCodeableConcept: { coding: [{ system: SYSTEMS.goalAchievement, code: entry.previousAchievementStatus }] } }) : undefined,
    ].filter((e) => e !== undefined),
    authorReference: actorReference(entry.by),
    time: entry.at,
    text: entry.text,
  });
}

function progressFrom(note: Annotation, index: number, goalId: string): Json {
  return defined({
    id: note.id ?? `${goalId}-progress-${index + 1}`,
    at: note.time ?? '',
    text: note.text,
    achievementStatus: codeIn(findExt(note.extension, 'achievement-status')?.valueCodeableConcept, SYSTEMS.goalAchievement),
    previousAchievementStatus: codeIn(findExt(note.extension, 'previous-achievement-status')?.valueCodeableConcept, SYSTEMS.goalAchievement),
    by: actorOf(note.authorReference) ?? { id: 'unknown', name: note.authorString ?? '', role: '' },
  });
}

function goalResource(plan: CasekitPlan, goal: CasekitGoal): Goal {
  return compact({
    resourceType: 'Goal' as const,
    id: goalResourceId(plan.id, goal.id),
    extension: [createdExt(goal.createdAt), ...statusHistoryExts(goal.statusHistory)],
    identifier: [{ system: CASEKIT_ID_SYSTEM, value: goal.id }],
    lifecycleStatus: goal.lifecycleStatus,
    achievementStatus: goal.achievementStatus ? { coding: [{ system: SYSTEMS.goalAchievement, code: goal.achievementStatus }] } : undefined,
    category: [{ coding: [{ system: SYSTEMS.needDomain, code: goal.needDomain }, { system: SYSTEMS.gravity, code: GRAVITY_CATEGORY[goal.needDomain] }] }],
    priority: { coding: [{ system: SYSTEMS.goalPriority, code: goal.priority }] },
    description: { text: goal.description },
    subject: recordReference('Patient', plan.clientId),
    target: goal.targetDate ? [{ dueDate: goal.targetDate }] : undefined,
    note: goal.progress.map(progressNote),
  });
}

function interventionExts(intervention: Intervention): Extension[] {
  return statusHistoryExts(intervention.statusHistory);
}

function taskResource(plan: CasekitPlan, goal: CasekitGoal, intervention: Intervention): Task {
  return compact({
    resourceType: 'Task' as const,
    id: taskResourceId(plan.id, intervention.id),
    extension: [episodeExt(plan.caseId), ...interventionExts(intervention)],
    identifier: [{ system: CASEKIT_ID_SYSTEM, value: intervention.id }],
    basedOn: [recordReference('CarePlan', plan.id)],
    status: TO_TASK[intervention.status],
    intent: 'plan' as const,
    description: intervention.description,
    for: recordReference('Patient', plan.clientId),
    authoredOn: intervention.createdAt,
    owner: actorIdReference(intervention.assigneeId, intervention.assigneeName),
    reasonReference: { reference: `Goal/${goalResourceId(plan.id, goal.id)}` },
    restriction: intervention.dueDate ? { period: { end: intervention.dueDate } } : undefined,
  });
}

function detailActivity(plan: CasekitPlan, goal: CasekitGoal, intervention: Intervention): CarePlanActivity {
  return {
    id: intervention.id,
    detail: compact({
      extension: [createdExt(intervention.createdAt), ...interventionExts(intervention)],
      status: intervention.status,
      goal: [{ reference: `Goal/${goalResourceId(plan.id, goal.id)}` }],
      description: intervention.description,
      performer: [actorIdReference(intervention.assigneeId, intervention.assigneeName)].filter((r) => r !== undefined),
      scheduledPeriod: intervention.dueDate ? { end: intervention.dueDate } : undefined,
    }),
  };
}

export const planMapping: RecordMapping<CasekitPlan> = {
  collection: 'plans',
  primaryTypes: ['CarePlan'],
  toFhir(plan) {
    const header = recordHeader(plan);
    const goals = plan.goals.map((goal) => goalResource(plan, goal));
    const tasks: Task[] = [];
    const activity: CarePlanActivity[] = [];
    for (const goal of plan.goals) {
      for (const intervention of goal.interventions) {
        if (intervention.kind === 'task') {
          const task = taskResource(plan, goal, intervention);
          tasks.push(task);
          activity.push({ reference: { reference: `Task/${task.id}` } });
        } else activity.push(detailActivity(plan, goal, intervention));
      }
    }
    const approval = plan.approval;
    const carePlan: CarePlan = compact({
      resourceType: 'CarePlan' as const,
      id: header.id,
      meta: header.meta,
      extension: [
        ...header.extension,
        episodeExt(plan.caseId),
        caseAssigneeExt(plan.caseAssigneeId),
        plan.reviewDate ? ext('review-date', { valueDate: plan.reviewDate }) : undefined,
        ...statusHistoryExts(plan.statusHistory),
        approval
          ? complexExt('plan-approval', [
              part('kind', 'valueCode', approval.kind),
              part('status', 'valueCode', approval.status),
              part('requestedBy', 'valueReference', actorReference(approval.requestedBy)),
              part('requestedAt', 'valueInstant', approval.requestedAt),
              part('note', 'valueString', approval.note),
              part('decidedBy', 'valueReference', approval.decidedBy ? actorReference(approval.decidedBy) : undefined),
              part('decidedAt', 'valueInstant', approval.decidedAt),
              part('decisionReason', 'valueString', approval.decisionReason),
            ])
          : undefined,
      ].filter((e) => e !== undefined),
      identifier: header.identifier,
      status: plan.status,
      intent: 'plan' as const,
      title: plan.title,
      description: text(plan.description),
      subject: recordReference('Patient', plan.clientId),
      period: plan.period && (plan.period.start || plan.period.end) ? compact({ start: plan.period.start, end: plan.period.end }) : undefined,
      author: actorReference(plan.author),
      goal: goals.map((g) => ({ reference: `Goal/${g.id}` })),
      activity,
    });
    if (plan.period && !plan.period.start && !plan.period.end) carePlan.extension!.push(ext('empty-period', { valueBoolean: true }));
    if (plan.description === '') carePlan.extension!.push(ext('empty-description', { valueBoolean: true }));
    return [carePlan, ...goals, ...tasks];
  },
  fromFhir(resource: Resource, context) {
    const carePlan = resource as CarePlan;
    const meta = readRecordMeta(carePlan, context);
    if (!meta) return undefined;
    const goals: (Json & { id: string; interventions: Json[]; fhirId: string })[] = [];
    (carePlan.goal ?? []).forEach((ref, index) => {
      const goal = context.resolve(ref);
      if (goal?.resourceType !== 'Goal') {
        context.report(`CarePlan.goal[${index}]`, 'The Goal is not among the imported resources; it is left out');
        return;
      }
      context.claim(goal);
      goals.push(goalFrom(goal, context));
    });
    const goalByRef = new Map(goals.map((g) => [`Goal/${g.fhirId}`, g]));
    (carePlan.activity ?? []).forEach((activity, index) => {
      const path = `CarePlan.activity[${index}]`;
      if (activity.reference) {
        const task = context.resolve(activity.reference);
        if (task?.resourceType !== 'Task') {
          context.report(path, 'The activity refers to a resource that is not an imported Task; it is left out');
          return;
        }
        context.claim(task);
        const goal = goalByRef.get(task.reasonReference?.reference ?? '');
        if (!goal) return context.report(`Task/${task.id}.reasonReference`, 'The task names no goal of this plan; it is left out');
        goal.interventions.push(taskFrom(task));
      } else if (activity.detail) {
        const goal = goalByRef.get(activity.detail.goal?.[0]?.reference ?? '');
        if (!goal) return context.report(`${path}.detail.goal`, 'The activity names no goal of this plan; it is left out');
        goal.interventions.push(detailFrom(activity, index, context));
      } else context.report(path, 'An activity with neither a reference nor a detail is left out');
    });
    const approval = partsOf(findExt(carePlan.extension, 'plan-approval'));
    const extensions = carePlan.extension;
    const history = statusHistoryOf(extensions);
    const status = carePlan.status === 'unknown' ? 'draft' : carePlan.status;
    if (carePlan.status === 'unknown') context.report('CarePlan.status', 'casekit always knows a plan status: "unknown" is imported as "draft"');
    const author = actorOf(carePlan.author);
    if (!author) context.report('CarePlan.author', 'No author: the plan is attributed to "FHIR import"');
    return defined({
      ...meta,
      title: carePlan.title ?? 'Care plan',
      description: carePlan.description ?? (findExt(extensions, 'empty-description') ? '' : undefined),
      period: carePlan.period ? defined({ start: carePlan.period.start, end: carePlan.period.end }) : findExt(extensions, 'empty-period') ? {} : undefined,
      reviewDate: findExt(extensions, 'review-date')?.valueDate,
      caseId: episodeIdOf(extensions),
      clientId: recordIdOf(carePlan.subject, 'Patient'),
      caseAssigneeId: caseAssigneeOf(extensions),
      status,
      statusHistory: history.length ? history : [{ from: null, to: status, at: meta.createdAt, by: author ?? IMPORTER }],
      author: author ?? IMPORTER,
      goals: goals.map(({ fhirId: _fhirId, ...goal }) => goal),
      approval: approval.size
        ? defined({
            kind: approval.get('kind')?.valueCode,
            status: approval.get('status')?.valueCode,
            requestedBy: actorOf(approval.get('requestedBy')?.valueReference),
            requestedAt: approval.get('requestedAt')?.valueInstant,
            note: approval.get('note')?.valueString,
            decidedBy: actorOf(approval.get('decidedBy')?.valueReference),
            decidedAt: approval.get('decidedAt')?.valueInstant,
            decisionReason: approval.get('decisionReason')?.valueString,
          })
        : undefined,
    });
  },
};

export const IMPORTER = { id: 'fhir-import', name: 'FHIR import', role: 'admin' };

function goalFrom(goal: Goal, context: FromContext): Json & { id: string; interventions: Json[]; fhirId: string } {
  const id = casekitIdOf(goal) ?? goal.id ?? 'goal';
  const createdAt = findExt(goal.extension, 'record-created')?.valueInstant ?? goal.startDate ?? context.now;
  const history = statusHistoryOf(goal.extension);
  const needDomain = codeIn(goal.category?.[0], SYSTEMS.needDomain) ?? Object.entries(GRAVITY_CATEGORY).find(([, g]) => g !== 'sdoh-category-unspecified' && goal.category?.some((c) => codeIn(c, SYSTEMS.gravity) === g))?.[0];
  if (!needDomain) context.report(`Goal/${goal.id}.category`, 'No need domain casekit knows: the goal is filed under "social-support"');
  return {
    ...defined({
      needDomain: needDomain ?? 'social-support',
      description: goal.description.text ?? goal.description.coding?.[0]?.display ?? goal.description.coding?.[0]?.code ?? 'Goal',
      targetDate: goal.target?.find((t) => t.dueDate)?.dueDate,
      priority: codeIn(goal.priority, SYSTEMS.goalPriority) ?? 'medium-priority',
      lifecycleStatus: goal.lifecycleStatus,
      achievementStatus: codeIn(goal.achievementStatus, SYSTEMS.goalAchievement),
      statusHistory: history.length ? history : [{ from: null, to: goal.lifecycleStatus, at: createdAt, by: IMPORTER }],
      progress: (goal.note ?? []).map((note, index) => progressFrom(note, index, id)),
      createdAt,
    }),
    id,
    interventions: [],
    fhirId: goal.id ?? '',
  };
}

function taskFrom(task: Task): Json {
  const history = statusHistoryOf(task.extension);
  const status = taskStatusFrom(task.status);
  const createdAt = task.authoredOn ?? '';
  return defined({
    kind: 'task',
    description: task.description ?? task.code?.text ?? 'Task',
    assigneeId: actorIdOf(task.owner),
    assigneeName: task.owner?.display,
    dueDate: task.restriction?.period?.end,
    id: casekitIdOf(task) ?? task.id,
    status,
    statusHistory: history.length ? history : [{ from: null, to: status, at: createdAt, by: IMPORTER }],
    createdAt,
  });
}

function detailFrom(activity: CarePlanActivity, index: number, context: FromContext): Json {
  const detail = activity.detail!;
  const history = statusHistoryOf(detail.extension);
  const status = detail.status === 'unknown' ? 'not-started' : detail.status;
  const createdAt = findExt(detail.extension, 'record-created')?.valueInstant ?? context.now;
  const performer = detail.performer?.[0];
  return defined({
    kind: 'intervention',
    description: detail.description ?? detail.code?.text ?? 'Intervention',
    assigneeId: actorIdOf(performer),
    assigneeName: performer?.display,
    dueDate: detail.scheduledPeriod?.end,
    id: activity.id ?? `activity-${index + 1}`,
    status,
    statusHistory: history.length ? history : [{ from: null, to: status, at: createdAt, by: IMPORTER }],
    createdAt,
  });
}

