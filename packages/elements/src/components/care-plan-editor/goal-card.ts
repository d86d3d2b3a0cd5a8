import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { OPEN_GOAL_STATUSES, type Goal, type Intervention } from '@casekit/core';
import { renderCollapsible, renderProgressForm, renderTaskEditForm, renderTaskForm } from './goal-forms.js';
import { OPEN_INTERVENTION_STATUSES } from './plan-statuses.js';
import type { PlanViewContext } from './plan-view.js';
import { ltrIsolate } from '../../internal/bidi.js';

/** One goal: status menu and badges, its tasks, dated progress notes and referrals, with their forms while open. */
export function renderGoal(goal: Goal, ctx: PlanViewContext): TemplateResult {
  const ui = ctx.localize.t;
  const t = ui.carePlanEditor;
  const titleId = `goal-${goal.id}-title`;
  const tasks = goal.interventions.filter((i) => i.status !== 'entered-in-error');
  const referrals = ctx.referrals.filter((r) => r.goalId === goal.id && r.status !== 'entered-in-error');
  const goalOpen = OPEN_GOAL_STATUSES.includes(goal.lifecycleStatus);
  return html`<article class="goal" part="goal" aria-labelledby=${titleId} data-goal=${goal.id}>
    <div class="goal-head">
      <h5 id=${titleId} class="goal-title" part="goal-title" tabindex="-1">${goal.description}</h5>
      ${ctx.canRefer && goalOpen
        ? html`<button type="button" class="ck-button" part="button refer-button" aria-label=${t.referGoal(goal.description)} @click=${(e: Event) => ctx.openRefer(e, goal)}>
            ${t.refer}
          </button>`
        : nothing}
    </div>
    <div class="meta">
      ${ctx.menu({
        key: `goal:${goal.id}`,
        label: t.goalStatusMenu(goal.description),
        current: t.goalStatus[goal.lifecycleStatus],
        items: ctx.goalTargets(goal).map((s) => ({ value: s, label: t.goalStatus[s] })),
        pick: (to, trigger) => ctx.requestTransition({ target: 'goal', goalId: goal.id, to, thing: goal.description }, trigger),
        statusClass: `status-${goal.lifecycleStatus}`,
      })}
      ${goal.achievementStatus
        ? html`<span class="ck-badge" part="badge" data-achievement=${goal.achievementStatus}>${t.achievementLabel}: ${t.achievement[goal.achievementStatus]}</span>`
        : nothing}
      <span class="ck-badge" part="badge">${t.goalPriority[goal.priority]}</span>
      ${goal.targetDate ? html`<span class="ck-badge" part="badge">${t.target(ctx.date(goal.targetDate))}</span>` : nothing}
    </div>
    <div class="goal-body">
      <div class="tasks">
        <h6 class="sub-heading">${t.tasks}</h6>
        ${tasks.length
          ? html`<ul part="tasks">
              ${repeat(
                tasks,
                (i) => i.id,
                (i) => renderTask(goal, i, ctx),
              )}
            </ul>`
          : html`<p class="empty">${t.noTasks}</p>`}
        ${ctx.editable && goalOpen ? renderCollapsible(`task:${goal.id}`, t.addTask, t.addTaskFor(goal.description), ctx, () => renderTaskForm(goal, ctx)) : nothing}
      </div>
      <div class="progress">
        <h6 class="sub-heading">${t.progress}</h6>
        ${goal.progress.length
          ? html`<ol part="progress" reversed>
              ${repeat(
                [...goal.progress].reverse(),
                (p) => p.id,
                (p) => html`<li class="entry" part="progress-entry">
                  <div class="entry-meta">
                    <time datetime=${p.at}>${ctx.localize.date(p.at, { dateStyle: 'medium', timeStyle: 'short' })}</time> · ${p.by.name}
                    ${p.achievementStatus ? html`<span class="ck-badge" part="badge">${t.achievementChange(t.achievement[p.achievementStatus])}</span>` : nothing}
                  </div>
                  <p class="entry-text">${p.text}</p>
                </li>`,
              )}
            </ol>`
          : html`<p class="empty">${t.noProgress}</p>`}
        ${ctx.editable && goal.lifecycleStatus !== 'entered-in-error'
          ? renderCollapsible(`progress:${goal.id}`, t.addProgress, t.addProgressFor(goal.description), ctx, () => renderProgressForm(goal, ctx))
          : nothing}
      </div>
      ${referrals.length
        ? html`<div class="referrals">
            <h6 class="sub-heading">${t.referrals}</h6>
            <ul part="referrals">
              ${referrals.map(
                (r) => html`<li data-referral=${r.id}>
                  <span class="grow"><strong>${r.service.serviceName}</strong> — ${r.service.organizationName}</span>
                  ${r.service.contact.phone ? html`<span>${t.phone(ltrIsolate(r.service.contact.phone))}</span>` : nothing}
                  <span class="ck-badge" part="badge">${ui.referralTracker.status[r.status]}</span>
                </li>`,
              )}
            </ul>
          </div>`
        : nothing}
    </div>
  </article>`;
}

/** One task or service: kind, assignee, due date (overdue while open), status menu and edit form. */
function renderTask(goal: Goal, task: Intervention, ctx: PlanViewContext): TemplateResult {
  const t = ctx.localize.t.carePlanEditor;
  const editing = ctx.editing.has(task.id);
  const open = OPEN_INTERVENTION_STATUSES.includes(task.status);
  const overdue = open && !!task.dueDate && task.dueDate < ctx.today;
  return html`<li class="task" part="task" data-task=${task.id}>
    <div class="task-main">
      <span class="ck-badge" part="badge">${t.interventionKind[task.kind]}</span>
      <span class="grow task-text">${task.description}</span>
    </div>
    <div class="meta">
      <span class="assignee">${t.assignee}: ${task.assigneeName ?? t.unassigned}</span>
      ${task.dueDate
        ? html`<span class="ck-badge ${overdue ? 'danger' : ''}" part="badge" data-due=${overdue ? 'overdue' : 'set'}
            >${overdue ? t.overdue(ctx.date(task.dueDate)) : t.due(ctx.date(task.dueDate))}</span
          >`
        : nothing}
      ${ctx.menu({
        key: `task:${task.id}`,
        label: t.taskStatusMenu(task.description),
        current: t.interventionStatus[task.status],
        items: ctx.taskTargets(goal, task).map((s) => ({ value: s, label: t.interventionStatus[s] })),
        pick: (to, trigger) => ctx.requestTransition({ target: 'intervention', goalId: goal.id, interventionId: task.id, to, thing: task.description }, trigger),
        statusClass: `status-${task.status}`,
      })}
      ${ctx.editable && !editing && goal.lifecycleStatus !== 'entered-in-error'
        ? html`<button type="button" class="ck-button" part="button" data-edit=${task.id} aria-label=${t.editTask(task.description)} @click=${() => ctx.startEditing(task.id)}>
            ${t.edit}
          </button>`
        : nothing}
    </div>
    ${editing ? renderTaskEditForm(goal, task, ctx) : nothing}
  </li>`;
}
