import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { NEED_DOMAINS, OPEN_PLAN_STATUSES, type CarePlan } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { renderGoal } from './goal-card.js';
import { renderGoalForm, renderSuggestions } from './goal-forms.js';
import { renderCreate, renderHeader } from './plan-header.js';
import type { PlanViewContext } from './plan-view.js';

// The plan on screen in the care-plan editor, top to bottom: its header, the read-only note when
// the policy refuses changes, "create a plan" when none of the case's plans is open, the goal
// suggestions, the goals grouped by need (each a goal card), and the add-goal form; and the error
// banner above it, which the user can dismiss.

/** The plan with its goals by need (`canEdit`: the policy lets the actor change it; else a note says so). */
export function renderPlanPage(plan: CarePlan, ctx: PlanViewContext, canEdit: boolean): TemplateResult {
  const { localize } = ctx;
  const t = localize.t.carePlanEditor;
  const goals = plan.goals.filter((g) => g.lifecycleStatus !== 'entered-in-error');
  const domains = NEED_DOMAINS.filter((d) => goals.some((g) => g.needDomain === d));
  const anyOpen = ctx.plans.some((p) => OPEN_PLAN_STATUSES.includes(p.status));
  return html`
    ${renderHeader(plan, ctx)}
    ${canEdit ? nothing : html`<p class="read-only" part="read-only" role="note">${t.readOnly}</p>`}
    ${!anyOpen && ctx.caseRecord && ctx.canCreatePlan ? renderCreate(t.noOpenPlan, ctx) : nothing}
    ${ctx.editable ? renderSuggestions(ctx) : nothing}
    <section class="goals" aria-labelledby="goals-heading">
      <h3 id="goals-heading" class="section-heading">${t.goals} <span class="count">(${t.goalCount(goals.length, localize.number(goals.length))})</span></h3>
      ${goals.length ? nothing : html`<p class="empty">${t.noGoals}</p>`}
      ${repeat(
        domains,
        (d) => d,
        (domain) => html`<section class="domain" part="domain" aria-labelledby=${`domain-${domain}`}>
          <h4 id=${`domain-${domain}`} class="domain-heading" part="domain-heading">${localize.t.needs[domain]}</h4>
          ${repeat(
            goals.filter((g) => g.needDomain === domain),
            (g) => g.id,
            (g) => renderGoal(g, ctx),
          )}
        </section>`,
      )}
    </section>
    ${ctx.editable ? renderGoalForm(ctx) : nothing}
  `;
}

/** The error banner (a failed load or save), with "Dismiss". */
export function renderAlert(message: string | undefined, localize: LocalizeController, dismiss: () => void): TemplateResult | typeof nothing {
  if (!message) return nothing;
  return html`<div class="ck-alert" part="alert" role="alert">
    <span>${message}</span>
    <button type="button" class="ck-button" part="button" @click=${dismiss}>${localize.t.common.dismiss}</button>
  </div>`;
}
