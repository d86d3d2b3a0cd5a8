import {
  NEED_DOMAINS,
  type AchievementStatus,
  type CarePlan,
  type CaseRecord,
  type Goal,
  type GoalPriority,
  type GoalSuggestion,
  type Intervention,
  type InterventionKind,
  type NeedDomain,
} from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { Translation } from '../../translations/types.js';
import type { DraftStore } from './draft-store.js';
import type { PlanForms } from './plan-forms.js';
import type { MutationOptions, PlanWrite } from './plan-mutation.js';
import { assigneeFromDraft, type CarePlanAssignee } from './task-assignee.js';

// What the care-plan editor's forms save: the review date, a goal (typed, or a suggestion taken as
// it is), a task added or edited, a progress note. Each reads what was typed from the DraftStore,
// checks its required field (PlanForms), writes through the editor's one write path (`mutate`:
// conflicts, events, announcements) and, once saved, closes its form and moves focus on. Creating
// the plan itself, and status changes, are the editor's and transition-controller.ts's.

/** What the plan writes read from, and ask of, the editor. */
export interface PlanWritesHost {
  readonly localize: LocalizeController;
  readonly drafts: DraftStore;
  readonly forms: PlanForms;
  /** The plan on screen (after a write: the saved one). */
  plan(): CarePlan | undefined;
  caseRecord(): CaseRecord | undefined;
  suggestions(): readonly GoalSuggestion[];
  /** A suggestion was added as a goal: stop offering it. */
  dropSuggestion(suggestion: GoalSuggestion): void;
  /** The people offered as a task's assignee. */
  assigneeOptions(): CarePlanAssignee[];
  /** The editor's one write path; true once saved. */
  mutate(options: MutationOptions, write: PlanWrite): Promise<boolean>;
  /** Moves focus to the first match of `selector` after the next render. */
  focus(selector: string): void;
}

/** The saves of the review-date, goal, task and progress forms. */
export class PlanWrites {
  constructor(private readonly host: PlanWritesHost) {}

  private get t(): Translation['carePlanEditor'] {
    return this.host.localize.t.carePlanEditor;
  }

  private date(value: string): string {
    return this.host.localize.date(value, { dateStyle: 'medium' });
  }

  private assigneeFromDraft(form: string, current?: Pick<Intervention, 'assigneeId' | 'assigneeName'>): { assigneeName?: string; assigneeId?: string } {
    return assigneeFromDraft(this.host.drafts, form, this.host.assigneeOptions(), current);
  }

  async saveReviewDate(e: Event): Promise<void> {
    e.preventDefault();
    const value = this.host.drafts.get('review', this.host.plan()?.reviewDate ?? '');
    await this.host.mutate(
      {
        change: 'plan-updated',
        operation: 'update-plan',
        form: 'review',
        clear: ['review'],
        announce: (plan) => (plan.reviewDate ? this.t.reviewDateSaved(this.date(plan.reviewDate)) : this.t.planSaved),
      },
      (m, ref) => m.plans.update(ref, { reviewDate: value || null }),
    );
  }

  async addSuggested(suggestion: GoalSuggestion, description: string): Promise<void> {
    const ok = await this.host.mutate(
      { change: 'goal-added', operation: 'add-goal', announce: () => this.t.goalAdded(description) },
      (m, ref) => m.plans.addGoal(ref, { needDomain: suggestion.needDomain, description, priority: suggestion.priority }),
    );
    if (ok) {
      this.host.dropSuggestion(suggestion);
      const goal = this.host.plan()?.goals.at(-1);
      if (goal) this.host.focus(`#goal-${CSS.escape(goal.id)}-title`);
    }
  }

  async addGoal(e: Event): Promise<void> {
    e.preventDefault();
    const form = 'goal';
    const description = this.host.drafts.get('goal:description').trim();
    if (!this.host.forms.required(form, description ? [] : ['description'])) return;
    const needDomain = this.host.drafts.get('goal:need', this.defaultNeed()) as NeedDomain;
    const targetDate = this.host.drafts.get('goal:target');
    const priority = this.host.drafts.get('goal:priority', 'medium-priority') as GoalPriority;
    const ok = await this.host.mutate(
      { change: 'goal-added', operation: 'add-goal', form, clear: ['goal:description', 'goal:target', 'goal:priority', 'goal:need'], announce: () => this.t.goalAdded(description) },
      (m, ref) => m.plans.addGoal(ref, { needDomain, description, priority, ...(targetDate ? { targetDate } : {}) }),
    );
    if (ok) {
      const goal = this.host.plan()?.goals.at(-1);
      if (goal) this.host.focus(`#goal-${CSS.escape(goal.id)}-title`);
    }
  }

  defaultNeed(): NeedDomain {
    return this.host.suggestions()[0]?.needDomain ?? this.host.caseRecord()?.needs.find((n) => n.status !== 'resolved')?.domain ?? NEED_DOMAINS[0];
  }

  async addTask(e: Event, goal: Goal): Promise<void> {
    e.preventDefault();
    const form = `task:${goal.id}`;
    const description = this.host.drafts.get(`${form}:description`).trim();
    if (!this.host.forms.required(form, description ? [] : ['description'])) return;
    const kind = this.host.drafts.get(`${form}:kind`, 'task') as InterventionKind;
    const assignee = this.assigneeFromDraft(form);
    const dueDate = this.host.drafts.get(`${form}:due`);
    const ok = await this.host.mutate(
      {
        change: 'intervention-added',
        operation: 'add-intervention',
        form,
        goalId: goal.id,
        clear: ['description', 'kind', 'who', 'assignee', 'due'].map((k) => `${form}:${k}`),
        announce: () => this.t.taskAdded(description),
      },
      (m, ref) =>
        m.plans.addIntervention(ref, goal.id, {
          kind,
          description,
          ...assignee,
          ...(dueDate ? { dueDate } : {}),
        }),
    );
    if (ok) this.host.forms.close(form);
  }

  async saveTask(e: Event, goal: Goal, task: Intervention): Promise<void> {
    e.preventDefault();
    const form = `edit:${task.id}`;
    const description = this.host.drafts.get(`${form}:description`, task.description).trim();
    if (!this.host.forms.required(form, description ? [] : ['description'])) return;
    const assignee = this.assigneeFromDraft(form, task);
    const dueDate = this.host.drafts.get(`${form}:due`, task.dueDate ?? '');
    const ok = await this.host.mutate(
      {
        change: 'intervention-updated',
        operation: 'update-intervention',
        form,
        goalId: goal.id,
        interventionId: task.id,
        clear: ['description', 'who', 'assignee', 'due'].map((k) => `${form}:${k}`),
        announce: () => this.t.taskSaved(description),
      },
      (m, ref) =>
        m.plans.updateIntervention(ref, goal.id, task.id, {
          description,
          assigneeName: assignee.assigneeName ?? null,
          assigneeId: assignee.assigneeId ?? null,
          dueDate: dueDate || null,
        }),
    );
    if (ok) {
      this.host.forms.stopEditing(task.id);
      this.host.focus(`[data-edit="${CSS.escape(task.id)}"]`);
    }
  }

  async addProgress(e: Event, goal: Goal): Promise<void> {
    e.preventDefault();
    const form = `progress:${goal.id}`;
    const text = this.host.drafts.get(`${form}:text`).trim();
    if (!this.host.forms.required(form, text ? [] : ['text'])) return;
    const achievement = this.host.drafts.get(`${form}:achievement`) as AchievementStatus | '';
    const ok = await this.host.mutate(
      {
        change: 'progress-added',
        operation: 'add-progress',
        form,
        goalId: goal.id,
        clear: [`${form}:text`, `${form}:achievement`],
        announce: () => this.t.progressAdded,
      },
      (m, ref) => m.plans.addProgress(ref, goal.id, { text, ...(achievement ? { achievementStatus: achievement } : {}) }),
    );
    if (ok) this.host.forms.close(form);
  }
}
