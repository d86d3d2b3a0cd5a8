import type { TemplateResult } from 'lit';
import type { CarePlan, CaseRecord, Goal, GoalLifecycleStatus, GoalSuggestion, Intervention, InterventionStatus, NeedDomain, PlanStatus, Referral } from '@casekit/core';
import type { PrintLanguage } from './care-plan-language.js';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { CarePlanAssignee } from './task-assignee.js';
import type { StatusMenu } from './status-menu.js';
import type { TransitionDialogState } from './transition-dialog.js';

/**
 * What the goal, task and progress templates read from the editor and call back into it. The editor
 * builds one per render, so every template sees the same `busy`, drafts and errors.
 */
export interface PlanViewContext {
  readonly localize: LocalizeController;
  /** `YYYY-MM-DD`, for overdue badges. */
  readonly today: string;
  /** A save is running: submit buttons and menus are disabled. */
  readonly busy: boolean;
  /** The plan is open and the policy lets the actor change it: goals, tasks and progress can be added. */
  readonly editable: boolean;
  /** The plan is open and the policy lets the actor create referrals: goals offer "Refer". */
  readonly canRefer: boolean;
  /** Ids of the tasks whose edit form is open. */
  readonly editing: ReadonlySet<string>;
  /** Keys of the add-task / add-progress forms the user opened (`task:<goal id>`, `progress:<goal id>`); the rest show a button. */
  readonly openForms: ReadonlySet<string>;
  readonly referrals: readonly Referral[];
  readonly suggestions: readonly GoalSuggestion[];
  draft(key: string, fallback?: string): string;
  fieldError(form: string, path: string): string | undefined;
  date(value: string): string;
  assigneeOptions(): CarePlanAssignee[];
  defaultNeed(): NeedDomain;
  menu(menu: Omit<StatusMenu, 'disabled'>): TemplateResult;
  goalTargets(goal: Goal): GoalLifecycleStatus[];
  taskTargets(goal: Goal, task: Intervention): InterventionStatus[];
  requestTransition(state: Omit<TransitionDialogState, 'needsReason' | 'askAchievement'>, trigger: HTMLElement | undefined): void;
  openRefer(e: Event, goal: Goal): void;
  addSuggested(suggestion: GoalSuggestion, description: string): void;
  addGoal(e: Event): void;
  addTask(e: Event, goal: Goal): void;
  saveTask(e: Event, goal: Goal, task: Intervention): void;
  startEditing(taskId: string): void;
  stopEditing(taskId: string, clear?: boolean): void;
  addProgress(e: Event, goal: Goal): void;
  /** "Who does it" changed: re-render (the name field shows for "Someone else…") and focus that field. */
  chooseAssignee(form: string): void;
  readonly caseRecord: CaseRecord | undefined;
  /** Every plan of the case (a picker shows when there are several). */
  readonly plans: readonly CarePlan[];
  /** The plan is fixed by `plan-id`: no picker. */
  readonly pinned: boolean;
  /** The language of the client's print copy. */
  readonly printLanguage: PrintLanguage;
  /** The policy lets this actor create a plan on the case. */
  readonly canCreatePlan: boolean;
  planTargets(plan: CarePlan): PlanStatus[];
  selectPlan(id: string): void;
  print(): void;
  saveReviewDate(e: Event): void;
  createPlan(e: Event): void;
  /** Shows a collapsed form and moves focus into it. */
  openForm(form: string): void;
  /** Collapses a form and returns focus to its button; `discard` also forgets what was typed in it. */
  closeForm(form: string, discard?: boolean): void;
}

/** A DOM id derived from a form key (`task:<goal id>` → `task_<goal id>-error`). */
export function formFieldId(form: string, field: string): string {
  return `${form}-${field}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
