import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ACHIEVEMENT_STATUSES, type GoalLifecycleStatus, type InterventionStatus, type PlanStatus } from '@casekit/core';
import type { LocalizedError } from '../../translations/error-messages.js';
import type { Translation } from '../../translations/types.js';

export type TransitionTarget = 'plan' | 'goal' | 'intervention';

/** A status change of the plan, a goal or a task; the dialog is open while it asks for more. */
export interface TransitionDialogState {
  target: TransitionTarget;
  goalId?: string;
  interventionId?: string;
  to: string;
  /** Shown in the title: the plan, goal or task. */
  thing: string;
  needsReason: boolean;
  askAchievement: boolean;
  error?: LocalizedError;
  busy?: boolean;
}

/**
 * What a status change asks before it is made: a reason when recording an error or revoking a plan
 * (core requires one), the goal's achievement when a goal is completed or cancelled.
 */
export function transitionQuestions(target: TransitionTarget, to: string): Pick<TransitionDialogState, 'needsReason' | 'askAchievement'> {
  return {
    needsReason: to === 'entered-in-error' || (target === 'plan' && to === 'revoked'),
    askAchievement: target === 'goal' && (to === 'completed' || to === 'cancelled'),
  };
}

export interface TransitionDialogContext {
  ui: Translation;
  draft(key: string, fallback?: string): string;
  onSubmit(e: Event): void;
  /** Cancel button and Escape. */
  onCancel(e?: Event): void;
  /** The `<dialog>` closed by any means. */
  onClosed(): void;
}

/** The modal that asks for a status change's reason and achievement; empty (and closed) without `d`. */
export function renderTransitionDialog(d: TransitionDialogState | undefined, ctx: TransitionDialogContext): TemplateResult {
  const t = ctx.ui.carePlanEditor;
  const common = ctx.ui.common;
  const statusLabel = d
    ? d.target === 'plan'
      ? t.planStatus[d.to as PlanStatus]
      : d.target === 'goal'
        ? t.goalStatus[d.to as GoalLifecycleStatus]
        : t.interventionStatus[d.to as InterventionStatus]
    : '';
  const reasonError = d?.error?.fields.get('reason');
  const general = d?.error && !d.error.fields.size ? d.error.message : undefined;
  const achievement = ctx.draft('transition:achievement', d?.to === 'completed' ? 'achieved' : '');
  return html`<dialog part="dialog" data-dialog="transition" aria-labelledby="transition-title" @cancel=${ctx.onCancel} @close=${ctx.onClosed}>
    ${d
      ? html`<form data-form="transition" @submit=${ctx.onSubmit} novalidate>
          <h2 id="transition-title">${t.transitionTitle(d.thing, statusLabel)}</h2>
          ${general ? html`<div class="ck-alert" role="alert">${general}</div>` : nothing}
          ${d.askAchievement
            ? html`<label class="ck-field">
                <span>${t.achievementLabel}</span>
                <select data-draft="transition:achievement" .value=${live(achievement)}>
                  <option value="" ?selected=${!achievement}>${t.achievementUnchanged}</option>
                  ${ACHIEVEMENT_STATUSES.map((a) => html`<option value=${a} ?selected=${achievement === a}>${t.achievement[a]}</option>`)}
                </select>
              </label>`
            : nothing}
          <label class="ck-field">
            <span>${d.needsReason ? t.reasonRequired : `${t.reasonField} (${common.optional})`}</span>
            <textarea
              data-draft="transition:reason"
              .value=${live(ctx.draft('transition:reason'))}
              aria-required=${d.needsReason ? 'true' : 'false'}
              aria-invalid=${reasonError ? 'true' : 'false'}
              aria-describedby="transition-reason-error"
            ></textarea>
            <span id="transition-reason-error" class="ck-field-error">${reasonError ?? ''}</span>
          </label>
          <div class="actions">
            <button type="button" class="ck-button" part="button" @click=${ctx.onCancel}>${common.cancel}</button>
            <button type="submit" class="ck-button primary" part="button" ?disabled=${d.busy}>${t.confirm}</button>
          </div>
        </form>`
      : nothing}
  </dialog>`;
}
