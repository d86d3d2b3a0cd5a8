import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ACHIEVEMENT_STATUSES, GOAL_PRIORITIES, INTERVENTION_KINDS, NEED_DOMAINS, type Goal, type Intervention } from '@casekit/core';
import { renderDateHint } from '../../internal/date-hint.js';
import { goalText } from './care-plan-language.js';
import { formFieldId, type PlanViewContext } from './plan-view.js';
import { initialWho, OTHER_ASSIGNEE } from './task-assignee.js';

// Every field carries a `data-draft` key: the editor's DraftStore keeps what was typed across re-renders,
// reloads and failed saves, and `live()` writes it back when the stored value would otherwise win.

/** Goals suggested from the case's needs (intake), each added with one click. */
export function renderSuggestions(ctx: PlanViewContext): TemplateResult | typeof nothing {
  if (!ctx.suggestions.length) return nothing;
  const ui = ctx.localize.t;
  const t = ui.carePlanEditor;
  return html`<section class="suggestions" part="suggestions" aria-labelledby="suggestions-heading">
    <h3 id="suggestions-heading" class="section-heading">${t.suggestedGoals}</h3>
    <p class="hint">${t.suggestedHint}</p>
    <ul>
      ${ctx.suggestions.map((s) => {
        const description = goalText(s, ui);
        return html`<li class="suggestion" part="suggestion" data-need=${s.needDomain}>
          <span class="ck-badge" part="badge">${ui.needs[s.needDomain]}</span>
          <span class="grow">${description}</span>
          <button type="button" class="ck-button" part="button" aria-label=${t.addSuggested(description)} ?disabled=${ctx.busy} @click=${() => ctx.addSuggested(s, description)}>
            ${t.add}
          </button>
        </li>`;
      })}
    </ul>
  </section>`;
}

export function renderGoalForm(ctx: PlanViewContext): TemplateResult {
  const ui = ctx.localize.t;
  const t = ui.carePlanEditor;
  const need = ctx.draft('goal:need', ctx.defaultNeed());
  const priority = ctx.draft('goal:priority', 'medium-priority');
  const descError = ctx.fieldError('goal', 'description');
  return html`<section class="goal-form-section" aria-labelledby="add-goal-heading">
    <h3 id="add-goal-heading" class="section-heading">${t.addGoal}</h3>
    <form class="goal-form" part="goal-form" data-form="goal" @submit=${ctx.addGoal} novalidate>
      <div class="row">
        <label class="ck-field">
          <span>${t.need}</span>
          <select data-draft="goal:need" .value=${live(need)}>
            ${NEED_DOMAINS.map((d) => html`<option value=${d} ?selected=${need === d}>${ui.needs[d]}</option>`)}
          </select>
        </label>
        <label class="ck-field grow">
          <span>${t.goalDescription}</span>
          <input
            data-draft="goal:description"
            .value=${live(ctx.draft('goal:description'))}
            aria-invalid=${descError ? 'true' : 'false'}
            aria-describedby="goal-description-error"
          />
          <span id="goal-description-error" class="ck-field-error">${descError ?? ''}</span>
        </label>
        <label class="ck-field">
          <span>${t.targetDate}</span>
          <input type="date" data-draft="goal:target" .value=${live(ctx.draft('goal:target'))} aria-describedby="goal-target-hint" />
          ${renderDateHint('goal-target-hint', ctx.draft('goal:target'), ctx.localize)}
        </label>
        <label class="ck-field">
          <span>${t.priority}</span>
          <select data-draft="goal:priority" .value=${live(priority)}>
            ${GOAL_PRIORITIES.map((p) => html`<option value=${p} ?selected=${priority === p}>${t.goalPriority[p]}</option>`)}
          </select>
        </label>
        <button type="submit" class="ck-button primary" part="button" ?disabled=${ctx.busy}>${t.addGoal}</button>
      </div>
    </form>
  </section>`;
}

/**
 * A goal's add-task or add-progress form, shown only once asked for: every goal's forms open at once
 * made the page long and the Tab order endless. Until then a button names the goal it adds to.
 */
export function renderCollapsible(form: string, label: string, accessibleName: string, ctx: PlanViewContext, renderForm: () => TemplateResult): TemplateResult {
  if (ctx.openForms.has(form)) return renderForm();
  return html`<button type="button" class="ck-button open-form" part="button open-form-button" data-open=${form} aria-label=${accessibleName} @click=${() => ctx.openForm(form)}>
    ${label}
  </button>`;
}

/** Escape collapses an open form (what was typed stays for next time; Cancel discards it). */
function collapseOnEscape(form: string, ctx: PlanViewContext): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    ctx.closeForm(form);
  };
}

function cancelButton(form: string, ctx: PlanViewContext): TemplateResult {
  return html`<button type="button" class="ck-button" part="button" data-action="cancel" @click=${() => ctx.closeForm(form, true)}>${ctx.localize.t.common.cancel}</button>`;
}

/**
 * "Who does it": the case's assignee, its care team and the host's `assignees` as choices, and
 * "Someone else…" with a name field for anyone outside the team (a landlord, the client's sister).
 * The choice is drafted as `<form>:who` ('' | `id:<actor id>` | `other`), the typed name as `<form>:assignee`.
 */
function renderWhoField(form: string, current: { id?: string | undefined; name?: string | undefined }, ctx: PlanViewContext): TemplateResult {
  const t = ctx.localize.t.carePlanEditor;
  const who = ctx.draft(`${form}:who`, initialWho({ assigneeId: current.id, assigneeName: current.name }, ctx.assigneeOptions()));
  return html`<label class="ck-field">
      <span>${t.assignee}</span>
      <select data-draft=${`${form}:who`} .value=${live(who)} @change=${() => ctx.chooseAssignee(form)}>
        <option value="" ?selected=${who === ''}>${t.unassigned}</option>
        ${ctx.assigneeOptions().map((a) => html`<option value=${`id:${a.id}`} ?selected=${who === `id:${a.id}`}>${a.name}</option>`)}
        <option value=${OTHER_ASSIGNEE} ?selected=${who === OTHER_ASSIGNEE}>${t.someoneElse}</option>
      </select>
    </label>
    ${who === OTHER_ASSIGNEE
      ? html`<label class="ck-field">
          <span>${t.assigneeName}</span>
          <input data-draft=${`${form}:assignee`} autocomplete="off" .value=${live(ctx.draft(`${form}:assignee`, current.name ?? ''))} />
        </label>`
      : nothing}`;
}

export function renderTaskForm(goal: Goal, ctx: PlanViewContext): TemplateResult {
  const t = ctx.localize.t.carePlanEditor;
  const form = `task:${goal.id}`;
  const descError = ctx.fieldError(form, 'description');
  return html`<form class="task-form" part="task-form" data-form=${form} @submit=${(e: Event) => ctx.addTask(e, goal)} @keydown=${collapseOnEscape(form, ctx)} novalidate>
    <div class="row">
      <label class="ck-field">
        <span>${t.kind}</span>
        <select data-draft=${`${form}:kind`} .value=${live(ctx.draft(`${form}:kind`, 'task'))}>
          ${INTERVENTION_KINDS.map((k) => html`<option value=${k} ?selected=${ctx.draft(`${form}:kind`, 'task') === k}>${t.interventionKind[k]}</option>`)}
        </select>
      </label>
      <label class="ck-field grow">
        <span>${t.taskDescription}</span>
        <input
          data-draft=${`${form}:description`}
          .value=${live(ctx.draft(`${form}:description`))}
          aria-invalid=${descError ? 'true' : 'false'}
          aria-describedby=${formFieldId(form, 'error')}
        />
        <span id=${formFieldId(form, 'error')} class="ck-field-error">${descError ?? ''}</span>
      </label>
      ${renderWhoField(form, {}, ctx)}
      <label class="ck-field">
        <span>${t.dueDate}</span>
        <input type="date" data-draft=${`${form}:due`} .value=${live(ctx.draft(`${form}:due`))} aria-describedby=${formFieldId(form, 'due-hint')} />
        ${renderDateHint(formFieldId(form, 'due-hint'), ctx.draft(`${form}:due`), ctx.localize)}
      </label>
      <button type="submit" class="ck-button primary" part="button" ?disabled=${ctx.busy}>${t.addTask}</button>
      ${cancelButton(form, ctx)}
    </div>
  </form>`;
}

export function renderTaskEditForm(goal: Goal, task: Intervention, ctx: PlanViewContext): TemplateResult {
  const t = ctx.localize.t.carePlanEditor;
  const form = `edit:${task.id}`;
  const descError = ctx.fieldError(form, 'description');
  return html`<form class="task-form" part="task-form" data-form=${form} @submit=${(e: Event) => ctx.saveTask(e, goal, task)} novalidate>
    <div class="row">
      <label class="ck-field grow">
        <span>${t.taskDescription}</span>
        <input
          data-draft=${`${form}:description`}
          .value=${live(ctx.draft(`${form}:description`, task.description))}
          aria-invalid=${descError ? 'true' : 'false'}
          aria-describedby=${formFieldId(form, 'error')}
        />
        <span id=${formFieldId(form, 'error')} class="ck-field-error">${descError ?? ''}</span>
      </label>
      ${renderWhoField(form, { id: task.assigneeId, name: task.assigneeName }, ctx)}
      <label class="ck-field">
        <span>${t.dueDate}</span>
        <input type="date" data-draft=${`${form}:due`} .value=${live(ctx.draft(`${form}:due`, task.dueDate ?? ''))} aria-describedby=${formFieldId(form, 'due-hint')} />
        ${renderDateHint(formFieldId(form, 'due-hint'), ctx.draft(`${form}:due`, task.dueDate ?? ''), ctx.localize)}
      </label>
      <button type="submit" class="ck-button primary" part="button" ?disabled=${ctx.busy}>${t.save}</button>
      <button type="button" class="ck-button" part="button" @click=${() => ctx.stopEditing(task.id, true)}>${ctx.localize.t.common.cancel}</button>
    </div>
  </form>`;
}

export function renderProgressForm(goal: Goal, ctx: PlanViewContext): TemplateResult {
  const t = ctx.localize.t.carePlanEditor;
  const form = `progress:${goal.id}`;
  const textError = ctx.fieldError(form, 'text');
  return html`<form class="progress-form" part="progress-form" data-form=${form} @submit=${(e: Event) => ctx.addProgress(e, goal)} @keydown=${collapseOnEscape(form, ctx)} novalidate>
    <label class="ck-field">
      <span>${t.progressNote}</span>
      <textarea
        data-draft=${`${form}:text`}
        .value=${live(ctx.draft(`${form}:text`))}
        aria-invalid=${textError ? 'true' : 'false'}
        aria-describedby=${formFieldId(form, 'error')}
      ></textarea>
      <span id=${formFieldId(form, 'error')} class="ck-field-error">${textError ?? ''}</span>
    </label>
    <div class="row">
      <label class="ck-field">
        <span>${t.achievementLabel}</span>
        <select data-draft=${`${form}:achievement`} .value=${live(ctx.draft(`${form}:achievement`))}>
          <option value="" ?selected=${!ctx.draft(`${form}:achievement`)}>${t.achievementUnchanged}</option>
          ${ACHIEVEMENT_STATUSES.map((a) => html`<option value=${a} ?selected=${ctx.draft(`${form}:achievement`) === a}>${t.achievement[a]}</option>`)}
        </select>
      </label>
      <button type="submit" class="ck-button primary" part="button" ?disabled=${ctx.busy}>${t.addProgress}</button>
      ${cancelButton(form, ctx)}
    </div>
  </form>`;
}
