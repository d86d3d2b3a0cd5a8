import type { ReactiveControllerHost } from 'lit';
import {
  ValidationError,
  type AchievementStatus,
  type CarePlan,
  type CaseManager,
  type Goal,
  type GoalLifecycleStatus,
  type Intervention,
  type InterventionStatus,
  type PlanStatus,
} from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { LocalizedError } from '../../translations/error-messages.js';
import type { DraftStore } from './draft-store.js';
import type { MutationOptions, PlanWrite } from './plan-mutation.js';
import type { PlanPermissions } from './plan-permissions.js';
import { transitionQuestions, type TransitionDialogState } from './transition-dialog.js';

/** What status changes read from, and ask of, the editor. */
export interface TransitionHost {
  readonly localize: LocalizeController;
  readonly drafts: DraftStore;
  readonly permissions: PlanPermissions;
  manager(): CaseManager | undefined;
  plan(): CarePlan | undefined;
  goal(goalId: string | undefined): Goal | undefined;
  fieldLabel(path: string): string | undefined;
  /** The editor's one write path (conflicts, drafts, events, announcements). */
  mutate(options: MutationOptions, write: PlanWrite): Promise<boolean>;
  /** The last save was refused as a conflict: the "changed elsewhere" notice is up. */
  conflicted(): boolean;
  /** The last write's error, taken off the banner to be shown inside the dialog instead. */
  takeLastError(): LocalizedError | undefined;
  /** Moves focus to the first match of `selector` after the next render. */
  focus(selector: string): void;
  /** Where focus returns when the dialog closes (the status menu's button). */
  rememberFocus(el: HTMLElement | undefined): void;
  restoreFocus(): void;
}

type TransitionRequest = Omit<TransitionDialogState, 'needsReason' | 'askAchievement'>;

/**
 * Status changes of the plan, its goals and tasks: the statuses a menu offers (exactly what core's
 * state machines allow, and only with `transition` on the plan), and the dialog for the ones that ask
 * a reason or an achievement first. Every change is saved through the editor's `mutate`.
 */
export class TransitionController {
  private current?: TransitionDialogState;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly editor: TransitionHost,
  ) {}

  /** The open dialog's state; undefined while closed. */
  get dialog(): TransitionDialogState | undefined {
    return this.current;
  }

  set dialog(next: TransitionDialogState | undefined) {
    this.current = next;
    this.host.requestUpdate();
  }

  /** Statuses offered in the plan's menu. */
  planTargets(plan: CarePlan): PlanStatus[] {
    if (!this.editor.permissions.canTransition) return [];
    const allowed = this.editor.manager()?.plans.allowedTransitions(plan) ?? [];
    // A pending activation can't be requested twice.
    return plan.approval?.status === 'pending' ? allowed.filter((s) => s !== 'active') : allowed;
  }

  goalTargets(goal: Goal): GoalLifecycleStatus[] {
    const { editable, canTransition } = this.editor.permissions;
    return editable && canTransition ? (this.editor.manager()?.plans.allowedGoalTransitions(goal) ?? []) : [];
  }

  taskTargets(goal: Goal, task: Intervention): InterventionStatus[] {
    const { editable, canTransition } = this.editor.permissions;
    if (!editable || !canTransition || goal.lifecycleStatus === 'entered-in-error') return [];
    return this.editor.manager()?.plans.allowedInterventionTransitions(task) ?? [];
  }

  /** A status was picked in a menu: saved at once, or first the dialog when it asks a reason or an achievement. */
  request(state: TransitionRequest, trigger: HTMLElement | undefined): void {
    const { needsReason, askAchievement } = transitionQuestions(state.target, state.to);
    this.editor.rememberFocus(trigger);
    if (needsReason || askAchievement) {
      this.dialog = { ...state, needsReason, askAchievement };
      return;
    }
    void this.commit({ ...state, needsReason, askAchievement }, {});
  }

  readonly submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const d = this.current;
    if (!d || d.busy) return;
    const { drafts, localize } = this.editor;
    const reason = drafts.get('transition:reason').trim();
    const achievement = drafts.get('transition:achievement', d.to === 'completed' ? 'achieved' : '') as AchievementStatus | '';
    if (d.needsReason && !reason) {
      const missing = new ValidationError([{ path: ['reason'], code: 'required', message: 'required' }]);
      this.dialog = { ...d, error: localize.error(missing, (path) => this.editor.fieldLabel(path)) };
      this.editor.focus('dialog[data-dialog="transition"] [aria-invalid="true"]');
      return;
    }
    this.dialog = { ...d, busy: true, error: undefined };
    const ok = await this.commit(d, { ...(reason ? { reason } : {}), ...(achievement ? { achievementStatus: achievement } : {}) });
    if (ok) {
      drafts.clear(['transition:reason', 'transition:achievement']);
      this.close();
    } else if (this.current) {
      // Conflicts show the notice behind the dialog; close it so the notice is reachable (the reason stays typed).
      if (this.editor.conflicted()) this.close();
      else this.dialog = { ...this.current, busy: false, error: this.editor.takeLastError() };
    }
  };

  readonly close = (e?: Event): void => {
    e?.preventDefault();
    this.dialog = undefined;
    this.editor.restoreFocus();
  };

  private async commit(d: TransitionDialogState, options: { reason?: string; achievementStatus?: AchievementStatus }): Promise<boolean> {
    const t = this.editor.localize.t.carePlanEditor;
    const { reason, achievementStatus } = options;
    const opts = reason ? { reason } : {};
    const mutate = this.editor.mutate.bind(this.editor);
    if (d.target === 'plan') {
      return mutate(
        {
          change: 'plan-transition',
          operation: 'transition-plan',
          from: this.editor.plan()?.status,
          announce: (plan) =>
            plan.approval?.status === 'pending' && plan.status === 'draft' ? t.activationRequested : t.statusChanged(d.thing, t.planStatus[plan.status]),
        },
        (m, ref) => m.plans.transition(ref, d.to as PlanStatus, opts),
      );
    }
    const goal = this.editor.goal(d.goalId);
    if (!goal) return false;
    if (d.target === 'goal') {
      return mutate(
        {
          change: 'goal-transition',
          operation: 'transition-goal',
          goalId: goal.id,
          from: goal.lifecycleStatus,
          announce: () => t.statusChanged(d.thing, t.goalStatus[d.to as GoalLifecycleStatus]),
        },
        (m, ref) => m.plans.transitionGoal(ref, goal.id, d.to as GoalLifecycleStatus, { ...opts, ...(achievementStatus ? { achievementStatus } : {}) }),
      );
    }
    const task = goal.interventions.find((i) => i.id === d.interventionId);
    if (!task) return false;
    return mutate(
      {
        change: 'intervention-transition',
        operation: 'transition-intervention',
        goalId: goal.id,
        interventionId: task.id,
        from: task.status,
        announce: () => t.statusChanged(d.thing, t.interventionStatus[d.to as InterventionStatus]),
      },
      (m, ref) => m.plans.transitionIntervention(ref, goal.id, task.id, d.to as InterventionStatus, opts),
    );
  }
}
