import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CarePlan } from '@casekit/core';
import { languageName } from './care-plan-language.js';
import type { PlanViewContext } from './plan-view.js';
import { renderDateHint } from '../../internal/date-hint.js';

/** Plan title, plan picker, print button, status menu, approval and review badges, and the review date form. */
export function renderHeader(plan: CarePlan, ctx: PlanViewContext): TemplateResult {
  const t = ctx.localize.t.carePlanEditor;
  const reviewError = ctx.fieldError('review', 'reviewDate');
  const clientLang = ctx.printLanguage;
  const review = plan.reviewDate;
  return html`<div class="header" part="header">
    <div class="title-row">
      <div class="title-block">
        <h2 id="plan-title" class="title" part="title" tabindex="-1">${plan.title}</h2>
        ${ctx.caseRecord ? html`<p class="subtitle">${t.planFor(ctx.caseRecord.clientName)}</p>` : nothing}
      </div>
      <div class="header-actions">
        ${ctx.plans.length > 1 && !ctx.pinned
          ? html`<label class="ck-field">
              <span>${t.choosePlan}</span>
              <select @change=${(e: Event) => ctx.selectPlan((e.target as HTMLSelectElement).value)}>
                ${ctx.plans.map(
                  (p) => html`<option value=${p.id} ?selected=${p.id === plan.id}>${t.planOption(p.title, t.planStatus[p.status], ctx.date(p.createdAt))}</option>`,
                )}
              </select>
            </label>`
          : nothing}
        <button type="button" class="ck-button" part="button" data-action="print" @click=${() => ctx.print()}>
          ${clientLang.code !== ctx.localize.lang.split('-')[0] ? t.printIn(languageName(clientLang.code, ctx.localize.lang)) : t.print}
        </button>
        <slot name="header-end"></slot>
      </div>
    </div>
    <div class="meta">
      ${ctx.menu({
        key: 'plan',
        label: t.planStatusMenu,
        current: t.planStatus[plan.status],
        items: ctx.planTargets(plan).map((s) => ({ value: s, label: t.planStatus[s] })),
        pick: (to, trigger) => ctx.requestTransition({ target: 'plan', to, thing: plan.title }, trigger),
        statusClass: `status-${plan.status}`,
      })}
      ${plan.approval?.status === 'pending' ? html`<span class="ck-badge warning" part="badge" data-approval="pending">${t.pendingApproval}</span>` : nothing}
      ${plan.approval?.status === 'rejected' && plan.status === 'draft'
        ? html`<span class="ck-badge danger" part="badge">${t.approvalRejected(plan.approval.decisionReason ?? '')}</span>`
        : nothing}
      ${review
        ? html`<span class="ck-badge ${review < ctx.today ? 'danger' : ''}" part="badge" data-review=${review < ctx.today ? 'overdue' : 'set'}
            >${review < ctx.today ? t.reviewOverdue(ctx.date(review)) : t.reviewOn(ctx.date(review))}</span
          >`
        : html`<span class="ck-badge" part="badge">${t.noReviewDate}</span>`}
    </div>
    ${ctx.editable
      ? html`<form class="row review" part="review" data-form="review" @submit=${ctx.saveReviewDate} novalidate>
          <label class="ck-field">
            <span>${t.reviewDate}</span>
            <input
              type="date"
              data-draft="review"
              .value=${live(ctx.draft('review', review ?? ''))}
              aria-invalid=${reviewError ? 'true' : 'false'}
              aria-describedby="review-error review-hint"
            />
            ${renderDateHint('review-hint', ctx.draft('review', review ?? ''), ctx.localize)}
            <span id="review-error" class="ck-field-error">${reviewError ?? ''}</span>
          </label>
          <button type="submit" class="ck-button" part="button" ?disabled=${ctx.busy}>${t.saveReviewDate}</button>
        </form>`
      : nothing}
  </div>`;
}

/** The "create a care plan" form, or only `text` when the policy does not let this actor create one. */
export function renderCreate(text: string, ctx: PlanViewContext): TemplateResult {
  const t = ctx.localize.t.carePlanEditor;
  if (!ctx.canCreatePlan) return html`<p class="empty">${text}</p>`;
  const error = ctx.fieldError('create', 'title');
  return html`<form class="create" part="create" data-form="create" @submit=${ctx.createPlan} novalidate>
    <p>${text}</p>
    <div class="row">
      <label class="ck-field grow">
        <span>${t.planTitle}</span>
        <input
          data-draft="create:title"
          .value=${live(ctx.draft('create:title', t.defaultTitle))}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="create-title-error"
          required
        />
        <span id="create-title-error" class="ck-field-error">${error ?? ''}</span>
      </label>
      <button type="submit" class="ck-button primary" part="button" ?disabled=${ctx.busy}>${t.createPlan}</button>
    </div>
  </form>`;
}
