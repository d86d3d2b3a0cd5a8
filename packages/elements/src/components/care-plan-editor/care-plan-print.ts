import { html, nothing, type TemplateResult } from 'lit';
import { OPEN_GOAL_STATUSES, type CarePlan, type CaseRecord, type Referral } from '@casekit/core';
import type { Translation } from '../../translations/types.js';
import { goalText, type PrintLanguage } from './care-plan-language.js';
import { OPEN_INTERVENTION_STATUSES } from './plan-statuses.js';
import { ltrIsolate } from '../../internal/bidi.js';

/** Referral statuses worth calling about (the print copy's "who to call"). */
const CALLABLE_REFERRAL_STATUSES: readonly Referral['status'][] = ['draft', 'requested', 'accepted', 'in-progress', 'on-hold', 'completed'];

/** What the client's copy shows. */
export interface PrintViewData {
  plan?: CarePlan;
  caseRecord?: CaseRecord;
  referrals: readonly Referral[];
  loaded: boolean;
  /** `YYYY-MM-DD`, printed as the copy's date. */
  today: string;
  /** The copy's language (the toolbar stays in the user's, `ui`). */
  language: PrintLanguage;
}

/**
 * The client's plain-language copy: open goals, next steps by due date, and who to call, in the
 * client's language, below a toolbar (in the user's language) that is not printed.
 */
export function renderPrintView(data: PrintViewData, ui: Translation, onEdit: () => void): TemplateResult {
  const { plan, language } = data;
  const { code, locale, table } = language;
  const p = table.carePlanEditor;
  const fmt = (value: string) => {
    try {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value.slice(0, 10)}T00:00:00Z`));
    } catch {
      return value;
    }
  };
  const toolbar = html`<div class="print-toolbar" part="print-toolbar">
    <button type="button" class="ck-button" part="button" data-action="edit" @click=${onEdit}>${ui.carePlanEditor.backToEditor}</button>
    <button type="button" class="ck-button primary" part="button" data-action="print-now" @click=${() => window.print()}>${ui.carePlanEditor.print}</button>
  </div>`;
  if (!data.loaded || !plan) return html`${toolbar}<p class="empty">${data.loaded ? ui.carePlanEditor.noPlan : ui.common.loading}</p>`;
  const goals = plan.goals.filter((g) => OPEN_GOAL_STATUSES.includes(g.lifecycleStatus));
  const steps = goals
    .flatMap((g) => g.interventions.filter((i) => OPEN_INTERVENTION_STATUSES.includes(i.status)))
    .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
  const calls = callableReferrals(plan, data.referrals);
  const caseManager = data.caseRecord?.assigneeName ?? plan.author.name;
  return html`${toolbar}
    <article class="print" part="print" lang=${code} dir=${table.$dir} aria-labelledby="print-title">
      <h2 id="print-title">${p.printTitle}</h2>
      <p class="print-sub">${p.printFor(data.caseRecord?.clientName ?? '')} · ${p.printDate(fmt(data.today))}</p>
      <p>${p.printIntro}</p>
      ${plan.reviewDate ? html`<p data-print="review">${p.printReview(fmt(plan.reviewDate))}</p>` : nothing}
      <section aria-labelledby="print-goals">
        <h3 id="print-goals">${p.printGoals}</h3>
        ${goals.length
          ? html`<ol class="print-goals">
              ${goals.map(
                (g) => html`<li data-print-goal=${g.id}>
                  <strong>${goalText(g, table)}</strong>
                  <span class="print-detail">(${table.needs[g.needDomain]}${g.targetDate ? html` · ${p.printBy(fmt(g.targetDate))}` : nothing})</span>
                </li>`,
              )}
            </ol>`
          : html`<p>${p.printNoGoals}</p>`}
      </section>
      <section aria-labelledby="print-steps">
        <h3 id="print-steps">${p.printNextSteps}</h3>
        ${steps.length
          ? html`<ul class="print-steps">
              ${steps.map(
                (s) => html`<li data-print-step=${s.id}>
                  <span class="box" aria-hidden="true"></span>
                  <span>
                    <strong>${s.description}</strong>
                    ${s.dueDate ? html`<span class="print-detail">${p.printWhen(fmt(s.dueDate))}</span>` : nothing}
                    ${s.assigneeName ? html`<span class="print-detail">${p.printWho(s.assigneeName)}</span>` : nothing}
                  </span>
                </li>`,
              )}
            </ul>`
          : html`<p>${p.printNoSteps}</p>`}
      </section>
      <section aria-labelledby="print-calls">
        <h3 id="print-calls">${p.printWhoToCall}</h3>
        <ul class="print-calls">
          ${calls.map(
            (r) => html`<li data-print-call=${r.id}>
              <strong>${r.service.organizationName}</strong> — ${r.service.serviceName}
              ${r.service.contact.phone ? html`<span class="print-detail phone">${p.printPhone(ltrIsolate(r.service.contact.phone))}</span>` : nothing}
            </li>`,
          )}
          <li>${p.printCaseManager(caseManager)}</li>
        </ul>
        ${calls.length ? nothing : html`<p>${p.printNoCalls}</p>`}
      </section>
    </article>`;
}

/** The plan's referrals worth calling about, one per service (several goals may share a service). */
function callableReferrals(plan: CarePlan, referrals: readonly Referral[]): Referral[] {
  const goalIds = new Set(plan.goals.map((g) => g.id));
  const seen = new Set<string>();
  return referrals.filter((r) => {
    if (!(r.planId === plan.id || (r.goalId && goalIds.has(r.goalId))) || !CALLABLE_REFERRAL_STATUSES.includes(r.status)) return false;
    const k = r.service.serviceId ?? `${r.service.organizationName}|${r.service.serviceName}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
