import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defaultPolicy, type Actor, type CarePlan, type CaseManager, type CaseRecord, type Client, type Policy } from '@casekit/core';
import { createTestSetup, PERSONAS, seedDirectory, type TestSetup } from '@casekit/core/testing';
import type { PlanChangeDetail, ReferralChangeDetail } from '../../events/events.js';
import './care-plan-editor.js';
import type { CkCarePlanEditor } from './care-plan-editor.component.js';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { dateFieldPattern } from '../../internal/date-hint.js';

const TODAY = '2026-11-24';

/** A custom role the default policy does not know: may read everything, change nothing. */
const auditor: Actor = { id: 'aud-1', name: 'Audit', role: 'auditor' };
/** A custom policy: auditors only read; everyone else may do anything. */
const auditorPolicy: Policy = (r) => r.action === 'read' || r.actor.role !== 'auditor';

/** Every control that would change something: forms, status menus, Refer, Edit, suggestion buttons. */
const WRITE_CONTROLS =
  '[part~="create"], [part~="review"], [part~="suggestions"], [part~="goal-form"], [part~="task-form"], [part~="progress-form"], [data-open], [part~="menu-button"], [part~="refer-button"], [data-edit]';

interface World {
  setup: TestSetup;
  manager: CaseManager;
  client: Client;
  caseRecord: CaseRecord;
}

/** María García (prefers Spanish), an active case on Marta Alvarez's caseload with housing and food needs, and the demo directory. */
async function world(
  options: { language?: string; interpreterNeeded?: boolean; planApproval?: boolean; policy?: Policy; careTeam?: CaseRecord['careTeam'] } = { language: 'es' },
): Promise<World> {
  const setup = createTestSetup({ ...(options.planApproval ? { approvals: { planActivation: true } } : {}), ...(options.policy ? { policy: options.policy } : {}) });
  await seedDirectory(setup.as(PERSONAS.supervisor));
  const { client } = await setup.manager.clients.create({
    name: { given: ['María'], family: 'García' },
    birthDate: '1984-03-09',
    ...(options.language ? { language: options.language } : {}),
    interpreterNeeded: options.interpreterNeeded ?? false,
  });
  const opened = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active', ...(options.careTeam ? { careTeam: options.careTeam } : {}) });
  const caseRecord = await setup.manager.cases.identifyNeeds(opened, ['housing', 'food']);
  return { setup, manager: setup.manager, client, caseRecord };
}

async function mount(w: World, attrs: { plan?: CarePlan } = {}): Promise<CkCarePlanEditor> {
  const el = attrs.plan
    ? await fixture<CkCarePlanEditor>(html`<ck-care-plan-editor .manager=${w.manager} plan-id=${attrs.plan.id} today=${TODAY}></ck-care-plan-editor>`)
    : await fixture<CkCarePlanEditor>(html`<ck-care-plan-editor .manager=${w.manager} case-id=${w.caseRecord.id} today=${TODAY}></ck-care-plan-editor>`);
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: CkCarePlanEditor, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CkCarePlanEditor, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function settle(el: CkCarePlanEditor): Promise<void> {
  await aTimeout(0);
  await el.loadComplete;
}

/** Types into a field the way a user does (value + input event). */
function type(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null, value: string): void {
  if (!field) throw new Error('field not found');
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

function submit(form: Element | null, submitter?: HTMLElement): void {
  if (!form) throw new Error('form not found');
  (form as HTMLFormElement).requestSubmit(submitter as HTMLButtonElement | undefined);
}

function goalEl(el: CkCarePlanEditor, description: string): HTMLElement {
  const goal = $$(el, '[part~="goal"]').find((g) => text(g.querySelector('[part~="goal-title"]')) === description);
  if (!goal) throw new Error(`goal not found: ${description}`);
  return goal;
}

/** Items a status menu offers (its `data-value`s), opening and closing it. */
async function menuValues(el: CkCarePlanEditor, key: string): Promise<string[]> {
  $(el, `[data-menu="${key}"]`)!.click();
  await el.updateComplete;
  const values = $$(el, `[data-menu-list="${key}"] [role="menuitem"]`).map((i) => i.dataset.value!);
  $(el, `[data-menu="${key}"]`)!.click();
  await el.updateComplete;
  return values;
}

async function pick(el: CkCarePlanEditor, key: string, value: string): Promise<void> {
  $(el, `[data-menu="${key}"]`)!.click();
  await el.updateComplete;
  $(el, `[data-menu-list="${key}"] [data-value="${value}"]`)!.click();
  await el.updateComplete;
}

function collect<K extends 'ck-plan-change' | 'ck-referral-change'>(el: HTMLElement, name: K): (K extends 'ck-plan-change' ? PlanChangeDetail : ReferralChangeDetail)[] {
  const out: unknown[] = [];
  el.addEventListener(name, (e) => out.push((e as CustomEvent).detail));
  return out as never;
}

/** Elements a Tab press visits, in order (no positive tabindex is used in the editor). */
function tabStops(el: CkCarePlanEditor): HTMLElement[] {
  return $$<HTMLElement>(el, 'a[href], button, input, select, textarea, [tabindex]')
    .filter((node) => node.tabIndex >= 0 && !(node as HTMLButtonElement).disabled && node.getClientRects().length > 0);
}

/** Opens a goal's collapsed add-task / add-progress form with its button. */
async function openForm(el: CkCarePlanEditor, form: string): Promise<void> {
  $(el, `[data-open="${form}"]`)!.click();
  await el.updateComplete;
}

async function planWithGoal(w: World): Promise<CarePlan> {
  const plan = await w.manager.plans.create(w.caseRecord.id, { title: 'Stabilize housing' });
  return w.manager.plans.addGoal(plan, { needDomain: 'housing', description: 'Find and keep stable housing', priority: 'high-priority' });
}

describe('ck-care-plan-editor', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it('offers to create a plan when the case has none; the new plan is a draft', async () => {
    const el = await mount(w);
    const events = collect(el, 'ck-plan-change');
    expect($(el, '[part~="create"]')).to.exist;
    await expect(el).to.be.accessible();

    type($(el, '[data-draft="create:title"]') as HTMLInputElement, 'Housing and food plan');
    submit($(el, '[part~="create"]'));
    await waitUntil(() => $(el, '#plan-title'), 'plan created');
    await settle(el);
    expect(text($(el, '#plan-title'))).to.equal('Housing and food plan');
    expect(text($(el, '[data-menu="plan"]'))).to.contain('Draft');
    expect(events.map((e) => e.change)).to.deep.equal(['plan-created']);
    const stored = await w.manager.plans.forCase(w.caseRecord.id);
    expect(stored).to.have.length(1);
    expect(stored[0]!.status).to.equal('draft');
    expect(text($(el, '[role="status"]'))).to.contain('created');
    await expect(el).to.be.accessible();
  });

  it('focus() goes to the plan title, or into the create-plan form when the case has none', async () => {
    const empty = await mount(w);
    empty.focus();
    expect(document.activeElement === empty, 'the host has focus').to.be.true;
    expect($(empty, '[part~="create"]')!.contains(empty.shadowRoot!.activeElement), 'the create-plan form').to.be.true;
    await planWithGoal(w);
    const el = await mount(w);
    el.focus();
    expect(document.activeElement === el).to.be.true;
    expect(el.shadowRoot!.activeElement === $(el, '#plan-title'), 'the plan title').to.be.true;
  });

  it("says each date field's format and the date typed, in words", async () => {
    await planWithGoal(w);
    const el = await mount(w);
    const pattern = dateFieldPattern((el as unknown as { localize: LocalizeController }).localize);
    const review = $<HTMLInputElement>(el, '[data-draft="review"]')!;
    const hint = () => el.shadowRoot!.getElementById('review-hint')!;
    expect(review.getAttribute('aria-describedby')!.split(' ')).to.include('review-hint');
    expect(hint().textContent).to.equal(`Format: ${pattern}`);
    type(review, '2026-12-15');
    await el.updateComplete;
    expect(hint().textContent).to.equal(`Tuesday, December 15, 2026 (format ${pattern})`);
    const target = $<HTMLInputElement>(el, '[data-draft="goal:target"]');
    if (target) expect(el.shadowRoot!.getElementById(target.getAttribute('aria-describedby')!)!.textContent).to.equal(`Format: ${pattern}`);
    await expect(el).to.be.accessible();
  });

  it('suggests goals from the intake needs and adds one with one click, grouped by need domain', async () => {
    await w.manager.plans.create(w.caseRecord.id, { title: 'Plan' });
    const el = await mount(w);
    const events = collect(el, 'ck-plan-change');
    expect($$(el, '[part~="suggestion"]').map((s) => s.dataset.need)).to.deep.equal(['housing', 'food']);
    await expect(el).to.be.accessible();

    $(el, '[part~="suggestion"][data-need="housing"] button')!.click();
    await waitUntil(() => $$(el, '[part~="goal"]').length === 1, 'goal added');
    await settle(el);
    const domain = $(el, '[part~="domain"]')!;
    expect(text(domain.querySelector('[part~="domain-heading"]'))).to.equal('Housing');
    expect(text(domain.querySelector('[part~="goal-title"]'))).to.equal('Find and keep stable housing');
    expect($$(el, '[part~="suggestion"]').map((s) => s.dataset.need)).to.deep.equal(['food']);
    expect(events[0]).to.include({ change: 'goal-added', caseId: w.caseRecord.id });
    expect(events[0]!.plan.goals).to.have.length(1);

    // A goal of one's own, in another domain.
    type($(el, '[data-draft="goal:need"]') as HTMLSelectElement, 'employment');
    type($(el, '[data-draft="goal:description"]') as HTMLInputElement, 'Find a part-time job near home');
    submit($(el, '[part~="goal-form"]'));
    await waitUntil(() => $$(el, '[part~="domain"]').length === 2, 'second domain');
    expect($$(el, '[part~="domain-heading"]').map(text)).to.deep.equal(['Housing', 'Employment']);
    await expect(el).to.be.accessible();
  });

  it('refuses to add a goal without a description and says why beside the field', async () => {
    await w.manager.plans.create(w.caseRecord.id, { title: 'Plan' });
    const el = await mount(w);
    submit($(el, '[part~="goal-form"]'));
    await el.updateComplete;
    const input = $<HTMLInputElement>(el, '[data-draft="goal:description"]')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#goal-description-error'))).to.contain('Goal');
    await expect(el).to.be.accessible();
  });

  it('changes plan, goal and task statuses only through allowed transitions', async () => {
    const plan = await planWithGoal(w);
    const goal = plan.goals[0]!;
    const el = await mount(w);
    const events = collect(el, 'ck-plan-change');

    // The plan menu offers exactly what the state machine allows from draft.
    expect(await menuValues(el, 'plan')).to.deep.equal(w.manager.plans.allowedTransitions({ status: 'draft' }));
    await pick(el, 'plan', 'active');
    await waitUntil(() => text($(el, '[data-menu="plan"]')).includes('Active'), 'plan active');
    expect(events.at(-1)).to.include({ change: 'plan-transition', from: 'draft', to: 'active' });
    expect(await menuValues(el, 'plan')).to.not.include('draft');

    // A proposed goal can't be completed: it is not offered.
    const goalKey = `goal:${goal.id}`;
    const offered = await menuValues(el, goalKey);
    expect(offered).to.deep.equal(w.manager.plans.allowedGoalTransitions({ lifecycleStatus: 'proposed' }));
    expect(offered).to.not.include('completed');
    await pick(el, goalKey, 'active');
    await waitUntil(() => text($(el, `[data-menu="${goalKey}"]`)).includes('Active'), 'goal active');
    expect(events.at(-1)).to.include({ change: 'goal-transition', goalId: goal.id, from: 'proposed', to: 'active' });
    expect(await menuValues(el, goalKey)).to.include('completed');

    // Completing asks for the achievement (default: achieved).
    await pick(el, goalKey, 'completed');
    const dialog = $<HTMLDialogElement>(el, 'dialog[data-dialog="transition"]')!;
    expect(dialog.open).to.equal(true);
    expect(($(el, '[data-draft="transition:achievement"]') as HTMLSelectElement).value).to.equal('achieved');
    await expect(el).to.be.accessible();
    submit(dialog.querySelector('form'));
    await waitUntil(() => !dialog.open, 'dialog closed');
    await settle(el);
    const stored = (await w.manager.plans.get(plan.id)).goals[0]!;
    expect(stored.lifecycleStatus).to.equal('completed');
    expect(stored.achievementStatus).to.equal('achieved');
    // Completed goals can only be entered in error, which needs a reason.
    expect(await menuValues(el, goalKey)).to.deep.equal(['entered-in-error']);
    await pick(el, goalKey, 'entered-in-error');
    submit(dialog.querySelector('form'));
    await el.updateComplete;
    expect($(el, '[data-draft="transition:reason"]')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, 'dialog[data-dialog="transition"] .actions button')!.click();
    await el.updateComplete;
    expect(dialog.open).to.equal(false);
  });

  it('shows a case manager’s activation as waiting for approval when plan approval is on', async () => {
    const gated = await world({ language: 'es', planApproval: true });
    const plan = await planWithGoal(gated);
    const el = await mount(gated);
    const events = collect(el, 'ck-plan-change');
    await pick(el, 'plan', 'active');
    await waitUntil(() => $(el, '[data-approval="pending"]'), 'pending approval');
    expect(text($(el, '[data-approval="pending"]'))).to.equal('Activation waiting for a supervisor’s approval');
    expect(text($(el, '[data-menu="plan"]'))).to.contain('Draft');
    expect(await menuValues(el, 'plan')).to.not.include('active');
    expect(events.at(-1)).to.include({ change: 'plan-transition', from: 'draft', to: 'draft' });
    expect(events.at(-1)!.plan.approval?.status).to.equal('pending');
    expect(text($(el, '[role="status"]'))).to.equal('Activation sent to a supervisor for approval.');
    // The supervisor approves elsewhere: the editor says so, and shows it active after reloading.
    const stored = await gated.manager.plans.get(plan.id);
    await gated.setup.as(PERSONAS.supervisor).plans.approveActivation(stored);
    await waitUntil(() => $(el, '[part~="notice"]'), 'notice');
    $(el, '[data-action="reload"]')!.click();
    await waitUntil(() => text($(el, '[data-menu="plan"]')).includes('Active'), 'active after approval');
    expect($(el, '[data-approval="pending"]')).to.equal(null);
  });

  it('opens status menus from the keyboard and returns focus on Escape', async () => {
    const plan = await planWithGoal(w);
    const el = await mount(w);
    const key = `goal:${plan.goals[0]!.id}`;
    const button = $<HTMLButtonElement>(el, `[data-menu="${key}"]`)!;
    button.focus();
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    const items = $$(el, `[data-menu-list="${key}"] [role="menuitem"]`);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.activeElement === items[0]).to.be.true;
    await expect(el).to.be.accessible();
    items[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true, cancelable: true }));
    expect(el.shadowRoot!.activeElement === items[1]).to.be.true;
    items[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true, cancelable: true }));
    expect(el.shadowRoot!.activeElement === items.at(-1)).to.be.true;
    items.at(-1)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    expect($(el, `[data-menu-list="${key}"]`)).to.equal(null);
    expect(el.shadowRoot!.activeElement === button).to.be.true;

    // A click outside closes an open menu.
    button.click();
    await el.updateComplete;
    expect($(el, `[data-menu-list="${key}"]`)).to.exist;
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect($(el, `[data-menu-list="${key}"]`)).to.equal(null);
  });

  it('keeps each goal\'s task and progress forms collapsed behind a button until asked for', async () => {
    let plan = await planWithGoal(w);
    plan = await w.manager.plans.addGoal(plan, { needDomain: 'food', description: 'Sign up for SNAP', priority: 'medium-priority' });
    const el = await mount(w);
    const [housing] = plan.goals;
    expect($$(el, '[part~="task-form"], [part~="progress-form"]')).to.have.length(0, 'no goal form is open at first');
    // Tab stops before "Add goal": the page stays short however many goals there are.
    const addGoal = $(el, '[part~="goal-form"] button[type="submit"]')!;
    const stops = tabStops(el);
    expect(stops.indexOf(addGoal)).to.be.within(1, 16);
    await expect(el).to.be.accessible();

    // "Add task" opens the form and moves focus into it; Escape collapses it and returns focus to the button.
    const form = `task:${housing!.id}`;
    const opener = $<HTMLButtonElement>(el, `[data-open="${form}"]`)!;
    expect(opener.getAttribute('aria-label')).to.equal('Add task for: Find and keep stable housing');
    opener.click();
    await el.updateComplete;
    const taskForm = $(el, `[data-form="${form}"]`)!;
    expect(taskForm).to.exist;
    expect(taskForm.contains(el.shadowRoot!.activeElement)).to.equal(true, 'focus moves into the form');
    expect($(el, `[data-open="${form}"]`)).to.equal(null);
    await expect(el).to.be.accessible();
    type($(el, `[data-draft="${form}:description"]`) as HTMLInputElement, 'Call the housing authority');
    el.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect($(el, `[data-form="${form}"]`)).to.equal(null);
    expect(el.shadowRoot!.activeElement === $(el, `[data-open="${form}"]`), 'focus returns to the button').to.be.true;

    // Escape keeps what was typed; Cancel discards it.
    $(el, `[data-open="${form}"]`)!.click();
    await el.updateComplete;
    expect(($(el, `[data-draft="${form}:description"]`) as HTMLInputElement).value).to.equal('Call the housing authority');
    $(el, `[data-form="${form}"] [data-action="cancel"]`)!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement === $(el, `[data-open="${form}"]`)).to.be.true;
    $(el, `[data-open="${form}"]`)!.click();
    await el.updateComplete;
    expect(($(el, `[data-draft="${form}:description"]`) as HTMLInputElement).value).to.equal('');

    // The progress form works the same way.
    const progress = `progress:${housing!.id}`;
    $(el, `[data-open="${progress}"]`)!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement === $(el, `[data-draft="${progress}:text"]`)).to.be.true;
    $(el, `[data-form="${progress}"] [data-action="cancel"]`)!.click();
    await el.updateComplete;
    expect($(el, `[data-form="${progress}"]`)).to.equal(null);
  });

  it('adds tasks with assignee and due date, edits them and moves them through allowed statuses', async () => {
    const plan = await planWithGoal(w);
    const goal = plan.goals[0]!;
    const el = await mount(w);
    const events = collect(el, 'ck-plan-change');
    const form = `task:${goal.id}`;
    await openForm(el, form);
    type($(el, `[data-draft="${form}:description"]`) as HTMLInputElement, 'Apply for the rapid rehousing program');
    type($(el, `[data-draft="${form}:who"]`) as HTMLSelectElement, `id:${PERSONAS.caseManager.id}`);
    type($(el, `[data-draft="${form}:due"]`) as HTMLInputElement, '2026-12-01');
    submit($(el, `[data-form="${form}"]`));
    await waitUntil(() => $$(el, '[part~="task"]').length === 1, 'task added');
    const task = (await w.manager.plans.get(plan.id)).goals[0]!.interventions[0]!;
    expect(task).to.include({ description: 'Apply for the rapid rehousing program', assigneeName: 'Marta Alvarez', assigneeId: PERSONAS.caseManager.id, dueDate: '2026-12-01' });
    const row = $(el, `[data-task="${task.id}"]`)!;
    expect(text(row)).to.contain('Marta Alvarez');
    expect(text(row)).to.contain('Due Dec 1, 2026');
    expect($(el, `[data-form="${form}"]`)).to.equal(null, 'the add form collapses');
    expect(el.shadowRoot!.activeElement === $(el, `[data-open="${form}"]`)).to.be.true;
    await openForm(el, form);
    expect(($(el, `[data-draft="${form}:description"]`) as HTMLInputElement).value).to.equal('', 'the add form is cleared');
    expect(events.at(-1)).to.include({ change: 'intervention-added', goalId: goal.id });
    await expect(el).to.be.accessible();

    // Edit: a new due date in the past shows as overdue.
    $(el, `[data-edit="${task.id}"]`)!.click();
    await el.updateComplete;
    type($(el, `[data-draft="edit:${task.id}:due"]`) as HTMLInputElement, '2026-11-20');
    type($(el, `[data-draft="edit:${task.id}:who"]`) as HTMLSelectElement, 'other');
    await el.updateComplete;
    type($(el, `[data-draft="edit:${task.id}:assignee"]`) as HTMLInputElement, 'María García');
    await expect(el).to.be.accessible();
    submit($(el, `[data-form="edit:${task.id}"]`));
    await waitUntil(() => !$(el, `[data-form="edit:${task.id}"]`), 'edit form closed');
    expect(text($(el, `[data-task="${task.id}"] [data-due]`))).to.equal('Overdue since Nov 20, 2026');
    const edited = (await w.manager.plans.get(plan.id)).goals[0]!.interventions[0]!;
    expect(edited.assigneeName).to.equal('María García');
    expect(edited.assigneeId).to.equal(undefined);
    expect(events.at(-1)).to.include({ change: 'intervention-updated', interventionId: task.id });

    const key = `task:${task.id}`;
    expect(await menuValues(el, key)).to.deep.equal(w.manager.plans.allowedInterventionTransitions({ status: 'not-started' }));
    expect(await menuValues(el, key)).to.not.include('completed');
    await pick(el, key, 'in-progress');
    await waitUntil(() => text($(el, `[data-menu="${key}"]`)).includes('In progress'), 'in progress');
    await pick(el, key, 'completed');
    await waitUntil(() => text($(el, `[data-status-of="${key}"], [data-menu="${key}"]`)).includes('Done'), 'done');
    expect(events.at(-1)).to.include({ change: 'intervention-transition', from: 'in-progress', to: 'completed' });
    expect($(el, `[data-task="${task.id}"] [data-due]`)!.dataset.due).to.equal('set', 'a done task is not overdue');
  });

  it('offers the case\'s assignee and care team as who does a task, and anyone else by name', async () => {
    const v = await world({ language: 'es', careTeam: [{ actorId: 'chw-ortiz', name: 'Luis Ortiz', role: 'community-health-worker' }] });
    const plan = await planWithGoal(v);
    const goal = plan.goals[0]!;
    const el = await mount(v);
    const form = `task:${goal.id}`;
    await openForm(el, form);
    const who = () => $<HTMLSelectElement>(el, `[data-draft="${form}:who"]`)!;
    expect([...who().options].map((o) => o.text.trim())).to.deep.equal(['No one assigned', 'Marta Alvarez', 'Luis Ortiz', 'Someone else…']);
    expect(text(who().closest('label'))).to.contain('Who does it');
    expect($(el, `[data-draft="${form}:assignee"]`)).to.equal(null, 'no name field until "Someone else…"');
    await expect(el).to.be.accessible();

    // A care team member: their name and actor id are stored.
    type($(el, `[data-draft="${form}:description"]`) as HTMLInputElement, 'Home visit to check on the new apartment');
    type(who(), 'id:chw-ortiz');
    submit($(el, `[data-form="${form}"]`));
    await waitUntil(() => $$(el, '[part~="task"]').length === 1, 'first task');
    let tasks = (await v.manager.plans.get(plan.id)).goals[0]!.interventions;
    expect(tasks[0]).to.include({ assigneeId: 'chw-ortiz', assigneeName: 'Luis Ortiz' });

    // Someone outside the team: a name field appears (focused) and the name is stored without an id.
    await openForm(el, form);
    type($(el, `[data-draft="${form}:description"]`) as HTMLInputElement, 'Landlord fixes the heating');
    type(who(), 'other');
    await el.updateComplete;
    const name = $<HTMLInputElement>(el, `[data-draft="${form}:assignee"]`)!;
    expect(el.shadowRoot!.activeElement === name).to.be.true;
    expect(text(name.closest('label'))).to.contain('Their name');
    await expect(el).to.be.accessible();
    type(name, 'Mr. Jensen (landlord)');
    submit($(el, `[data-form="${form}"]`));
    await waitUntil(() => $$(el, '[part~="task"]').length === 2, 'second task');
    tasks = (await v.manager.plans.get(plan.id)).goals[0]!.interventions;
    expect(tasks[1]!.assigneeName).to.equal('Mr. Jensen (landlord)');
    expect(tasks[1]!.assigneeId).to.equal(undefined);

    // Editing starts from who it is now.
    $(el, `[data-edit="${tasks[0]!.id}"]`)!.click();
    await el.updateComplete;
    expect($<HTMLSelectElement>(el, `[data-draft="edit:${tasks[0]!.id}:who"]`)!.value).to.equal('id:chw-ortiz');
    $(el, `[data-edit="${tasks[1]!.id}"]`)!.click();
    await el.updateComplete;
    expect($<HTMLSelectElement>(el, `[data-draft="edit:${tasks[1]!.id}:who"]`)!.value).to.equal('other');
    expect($<HTMLInputElement>(el, `[data-draft="edit:${tasks[1]!.id}:assignee"]`)!.value).to.equal('Mr. Jensen (landlord)');
    await expect(el).to.be.accessible();
  });

  it('adds dated progress entries that can change the achievement status', async () => {
    const plan = await planWithGoal(w);
    const goal = plan.goals[0]!;
    const el = await mount(w);
    const events = collect(el, 'ck-plan-change');
    const form = `progress:${goal.id}`;
    await openForm(el, form);
    type($(el, `[data-draft="${form}:text"]`) as HTMLTextAreaElement, 'Viewed two apartments; landlord on Elm St. will call back.');
    type($(el, `[data-draft="${form}:achievement"]`) as HTMLSelectElement, 'improving');
    submit($(el, `[data-form="${form}"]`));
    await waitUntil(() => $$(el, '[part~="progress-entry"]').length === 1, 'progress added');
    const entry = $(el, '[part~="progress-entry"]')!;
    expect(entry.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-24T15:00:00.000Z');
    expect(text(entry)).to.contain('Marta Alvarez');
    expect(text(entry)).to.contain('Viewed two apartments');
    expect(text(entry)).to.contain('Achievement: Improving');
    expect(text(goalEl(el, 'Find and keep stable housing').querySelector('[data-achievement]'))).to.equal('Achievement: Improving');
    expect(events.at(-1)).to.include({ change: 'progress-added', goalId: goal.id });
    await openForm(el, form);
    expect(($(el, `[data-draft="${form}:text"]`) as HTMLTextAreaElement).value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('sets the review date', async () => {
    await planWithGoal(w);
    const el = await mount(w);
    const events = collect(el, 'ck-plan-change');
    expect(text($(el, '[data-review]'))).to.equal('');
    type($(el, '[data-draft="review"]') as HTMLInputElement, '2026-12-15');
    submit($(el, '[part~="review"]'));
    await waitUntil(() => $(el, '[data-review]'), 'review date shown');
    expect(text($(el, '[data-review]'))).to.equal('Review on Dec 15, 2026');
    expect(events.at(-1)).to.include({ change: 'plan-updated' });
    expect(events.at(-1)!.plan.reviewDate).to.equal('2026-12-15');
    expect(text($(el, '[role="status"]'))).to.equal('Review date set to Dec 15, 2026.');
  });

  it('refers from a goal: directory filtered by need and client language, consent missing, override with a reason', async () => {
    const plan = await planWithGoal(w);
    const goal = plan.goals[0]!;
    const el = await mount(w);
    const referralEvents = collect(el, 'ck-referral-change');
    const refer = goalEl(el, 'Find and keep stable housing').querySelector<HTMLButtonElement>('[part~="refer-button"]')!;
    refer.click();
    const dialog = $<HTMLDialogElement>(el, 'dialog[data-dialog="refer"]')!;
    await waitUntil(() => $$(el, '[part~="service"]').length > 0, 'services listed');
    expect(dialog.open).to.equal(true);
    expect(text(dialog)).to.contain('Client’s language: Spanish');

    // Only housing services, Spanish speakers first, then interpretation, then the rest.
    const services = await Promise.all($$(el, '[part~="service"]').map((s) => w.manager.directory.getService(s.dataset.service!)));
    expect(services.every((s) => s.categories.includes('housing'))).to.equal(true);
    const matches = $$(el, '[part~="service"]').map((s) => s.dataset.languageMatch);
    expect(matches).to.deep.equal([...matches].sort((a, b) => ['spoken', 'interpretation', 'none'].indexOf(a!) - ['spoken', 'interpretation', 'none'].indexOf(b!)));
    expect(matches[0]).to.equal('spoken');
    expect(matches).to.include('interpretation');
    const rehousing = $$(el, '[part~="service"]').find((s) => text(s).includes('Rapid rehousing'))!;
    expect(text(rehousing)).to.contain('Interpretation available');
    expect(text(rehousing)).to.contain('+1 555 0120');
    await expect(el).to.be.accessible();

    // Choose it: no consent is on file, the form says so and offers the override.
    rehousing.querySelector('input')!.click();
    await waitUntil(() => $(el, '[data-consent="missing"]'), 'consent hint');
    const send = $<HTMLButtonElement>(el, 'dialog[data-dialog="refer"] button[value="send"]')!;

    // Override: a reason is required.
    const override = $<HTMLInputElement>(el, '[part~="consent"] input[type="checkbox"]')!;
    override.click();
    await el.updateComplete;
    send.click();
    await el.updateComplete;
    expect($(el, `[data-draft="refer:${goal.id}:override-reason"]`)!.getAttribute('aria-invalid')).to.equal('true');
    type($(el, `[data-draft="refer:${goal.id}:override-reason"]`) as HTMLTextAreaElement, 'Client is being evicted on Friday; verbal consent, form to follow.');
    send.click();
    // Send now shows what will be shared first, resting on the override; nothing is created yet.
    await waitUntil(() => $(el, '[data-share-preview] [data-confirm-send]'), 'preview');
    expect(text($(el, '[part~="share-basis"]'))).to.contain('Consent override: Client is being evicted on Friday');
    expect(referralEvents).to.have.length(0);
    expect(await w.manager.referrals.forCase(w.caseRecord.id)).to.have.length(0);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[data-share-preview] [data-confirm-send]')!.click();
    await waitUntil(() => !dialog.open, 'dialog closed');
    await settle(el);
    const [referral] = await w.manager.referrals.forCase(w.caseRecord.id);
    expect(referral).to.include({ status: 'requested', goalId: goal.id, planId: plan.id, reason: 'Find and keep stable housing' });
    expect(referral!.consent).to.have.property('override');
    expect(referralEvents).to.have.length(1);
    expect(referralEvents[0]).to.include({ referralId: referral!.id, status: 'requested', change: 'created', consentOverride: true, caseId: w.caseRecord.id });
    expect(text($(el, '[role="status"]'))).to.contain('sent with a consent override');
    expect(text(goalEl(el, 'Find and keep stable housing').querySelector('[part~="referrals"]'))).to.contain('Rapid rehousing');
    expect(el.shadowRoot!.activeElement === refer, 'focus returns to the Refer button').to.be.true;
  });

  it('saves a referral as a draft without consent, and hides the override when told to', async () => {
    const plan = await planWithGoal(w);
    const el = await mount(w);
    el.noConsentOverride = true;
    const events = collect(el, 'ck-referral-change');
    goalEl(el, 'Find and keep stable housing').querySelector<HTMLButtonElement>('[part~="refer-button"]')!.click();
    await waitUntil(() => $$(el, '[part~="service"]').length > 0, 'services listed');
    $$(el, '[part~="service"] input')[0]!.click();
    await waitUntil(() => $(el, '[data-consent="missing"]'), 'consent hint');
    expect($(el, '[part~="consent"] input[type="checkbox"]')).to.equal(null);
    expect(text($(el, '[part~="consent"]'))).to.contain('Save the referral as a draft');
    // Send now: the preview says consent is missing, offers no override and no Send; Back returns.
    $<HTMLButtonElement>(el, 'dialog[data-dialog="refer"] button[value="send"]')!.click();
    await waitUntil(() => $(el, '[data-share-preview] [data-consent-missing]'), 'preview says consent is missing');
    expect(text($(el, '[data-consent-missing]'))).to.contain('Record the client’s consent, then check again. Or go back and save the referral as a draft.');
    expect($(el, '[data-share-preview] [name="overrideReason"]')).to.equal(null);
    expect($(el, '[data-share-preview] [data-confirm-send]')).to.equal(null);
    $<HTMLButtonElement>(el, '[data-share-preview] [data-back]')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'dialog[data-dialog="refer"] button[value="draft"]')!.click();
    await waitUntil(() => events.length === 1, 'referral drafted');
    expect(events[0]).to.include({ status: 'draft', consentOverride: false, planId: plan.id });
  });

  it('prints a plain-language copy in the client’s language (Spanish) while the UI is English', async () => {
    let plan = await planWithGoal(w);
    plan = await w.manager.plans.update(plan, { reviewDate: '2027-01-15' });
    plan = await w.manager.plans.addIntervention(plan, plan.goals[0]!.id, { description: 'Llevar los recibos de pago a la cita', assigneeName: 'María García', dueDate: '2026-12-01' });
    plan = await w.manager.plans.addIntervention(plan, plan.goals[0]!.id, { description: 'Done already' });
    plan = await w.manager.plans.transitionIntervention(plan, plan.goals[0]!.id, plan.goals[0]!.interventions[1]!.id, 'cancelled');
    const rehousing = (await w.manager.directory.searchServices({ text: 'rapid rehousing' }))[0]!.service;
    await w.manager.referrals.create({ caseId: w.caseRecord.id, planId: plan.id, goalId: plan.goals[0]!.id, reason: 'Housing', service: { serviceId: rehousing.id } });
    const el = await mount(w);
    expect(text($(el, '[data-action="print"]'))).to.equal('Print for client (Spanish)');

    el.view = 'print';
    await el.updateComplete;
    const copy = $(el, '[part~="print"]')!;
    expect(copy.getAttribute('lang')).to.equal('es');
    expect(text(copy.querySelector('h2'))).to.equal('Su plan de atención');
    expect(text(copy)).to.contain('Para María García');
    expect(text(copy)).to.contain('Volveremos a revisar este plan juntos el 15 de enero de 2027.');
    // Core's default goal text is shown in Spanish; the need in Spanish.
    expect(text(copy.querySelector('[data-print-goal]'))).to.equal('Encontrar una vivienda estable y mantenerla (Vivienda)');
    // Next steps: open tasks only, with dates in Spanish.
    const steps = [...copy.querySelectorAll('[data-print-step]')].map(text);
    expect(steps).to.have.length(1);
    expect(steps[0]).to.contain('Llevar los recibos de pago a la cita');
    expect(steps[0]).to.contain('Cuándo: 1 de diciembre de 2026');
    expect(steps[0]).to.contain('Quién: María García');
    // Who to call: the referral's service with its phone number, and the case manager.
    expect(text(copy.querySelector('[data-print-call]'))).to.contain('Harbor Housing Partners — Rapid rehousing Teléfono: \u2066+1 555 0120\u2069');
    expect(text(copy.querySelector('.print-calls'))).to.contain('Su administrador de casos: Marta Alvarez');
    // The toolbar stays in the UI language.
    expect(text($(el, '[data-action="edit"]'))).to.equal('Back to editor');
    await expect(el).to.be.accessible();

    $(el, '[data-action="edit"]')!.click();
    await el.updateComplete;
    expect($(el, '[part~="print"]')).to.equal(null);
    expect($(el, '#plan-title')).to.exist;
  });

  it('print() shows the client copy during printing and comes back to the editor', async () => {
    await planWithGoal(w);
    const el = await mount(w);
    const original = window.print;
    let printedWith: string | null | undefined;
    window.print = () => {
      printedWith = el.shadowRoot!.querySelector('[part~="print"]')?.getAttribute('lang');
    };
    try {
      await el.print();
      expect(printedWith).to.equal('es');
      window.dispatchEvent(new Event('afterprint'));
      await el.updateComplete;
      expect(el.view).to.equal('edit');
    } finally {
      window.print = original;
    }
  });

  it('prints in English for a client whose language has no translation', async () => {
    const vi = await world({ language: 'vi', interpreterNeeded: true });
    await planWithGoal(vi);
    const el = await mount(vi);
    el.view = 'print';
    await el.updateComplete;
    expect($(el, '[part~="print"]')!.getAttribute('lang')).to.equal('en');
    expect(text($(el, '[part~="print"] h2'))).to.equal('Your care plan');
  });

  it('says when someone else changed the plan, keeps what was typed, and reloads', async () => {
    const plan = await planWithGoal(w);
    const goal = plan.goals[0]!;
    const el = await mount(w);
    const events = collect(el, 'ck-plan-change');
    const field = `progress:${goal.id}:text`;
    await openForm(el, `progress:${goal.id}`);
    type($(el, `[data-draft="${field}"]`) as HTMLTextAreaElement, 'Called the landlord; half typed…');
    $<HTMLTextAreaElement>(el, `[data-draft="${field}"]`)!.focus();

    // A supervisor in another manager on the same storage adds a goal.
    const other = w.setup.as(PERSONAS.supervisor);
    await other.plans.addGoal(plan, { needDomain: 'food', description: 'Sign up for SNAP' });
    await waitUntil(() => $(el, '[part~="notice"]'), 'notice shown');
    expect(text($(el, '[part~="notice"]'))).to.contain('This plan was changed by someone else');
    expect(($(el, `[data-draft="${field}"]`) as HTMLTextAreaElement).value).to.equal('Called the landlord; half typed…');
    expect($$(el, '[part~="goal"]')).to.have.length(1, 'the plan on screen is not swapped under the user');
    expect(events).to.have.length(0, 'changes made elsewhere do not fire ck-plan-change');
    await expect(el).to.be.accessible();

    $(el, '[data-action="reload"]')!.click();
    await waitUntil(() => $$(el, '[part~="goal"]').length === 2, 'reloaded');
    expect($(el, '[part~="notice"]')).to.equal(null);
    const textarea = $<HTMLTextAreaElement>(el, `[data-draft="${field}"]`)!;
    expect(textarea.value).to.equal('Called the landlord; half typed…');
    expect(el.shadowRoot!.activeElement === textarea, 'focus goes back to the field being typed in').to.be.true;
    expect(el.currentPlan!.version).to.equal(plan.version + 1);

    // Saving now works on the new version.
    submit($(el, `[data-form="progress:${goal.id}"]`));
    await waitUntil(() => $$(el, '[part~="progress-entry"]').length === 1, 'saved');
    expect((await w.manager.plans.get(plan.id)).goals[0]!.progress[0]!.text).to.equal('Called the landlord; half typed…');
  });

  it('a save refused as a conflict keeps the typed text and can be retried after reloading', async () => {
    const plan = await planWithGoal(w);
    const goal = plan.goals[0]!;
    const el = await mount(w);
    const errors: string[] = [];
    el.addEventListener('ck-error', (e) => errors.push(e.detail.code));
    await w.setup.as(PERSONAS.supervisor).plans.update(plan, { reviewDate: '2027-02-01' });
    await waitUntil(() => $(el, '[part~="notice"]'), 'notice shown');
    $(el, '[data-action="keep-editing"]')!.click();
    await el.updateComplete;
    expect($(el, '[part~="notice"]')).to.equal(null);

    const form = `task:${goal.id}`;
    await openForm(el, form);
    type($(el, `[data-draft="${form}:description"]`) as HTMLInputElement, 'Call the housing authority about the waitlist');
    type($(el, `[data-draft="${form}:due"]`) as HTMLInputElement, '2026-12-03');
    submit($(el, `[data-form="${form}"]`));
    await waitUntil(() => $(el, '[part~="notice"]'), 'conflict notice');
    expect(errors).to.deep.equal(['conflict']);
    expect(text($(el, '[part~="notice"]'))).to.contain('Your change was not saved because someone else changed this plan first');
    expect(($(el, `[data-draft="${form}:description"]`) as HTMLInputElement).value).to.equal('Call the housing authority about the waitlist');
    expect((await w.manager.plans.get(plan.id)).goals[0]!.interventions).to.have.length(0);

    $(el, '[data-action="reload"]')!.click();
    await settle(el);
    expect(($(el, `[data-draft="${form}:description"]`) as HTMLInputElement).value).to.equal('Call the housing authority about the waitlist');
    expect(($(el, `[data-draft="${form}:due"]`) as HTMLInputElement).value).to.equal('2026-12-03');
    expect(text($(el, '[data-review]'))).to.contain('Feb 1, 2027');
    submit($(el, `[data-form="${form}"]`));
    await waitUntil(() => $$(el, '[part~="task"]').length === 1, 'saved on retry');
    const saved = (await w.manager.plans.get(plan.id)).goals[0]!.interventions[0]!;
    expect(saved).to.include({ description: 'Call the housing authority about the waitlist', dueDate: '2026-12-03' });
  });

  it('speaks Spanish under an ancestor with lang="es" and switches at run time', async () => {
    const plan = await planWithGoal(w);
    await w.manager.plans.update(plan, { reviewDate: '2026-12-15' });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es"><ck-care-plan-editor .manager=${w.manager} case-id=${w.caseRecord.id} today=${TODAY}></ck-care-plan-editor></div>`,
    );
    const el = wrapper.querySelector('ck-care-plan-editor')!;
    await el.loadComplete;
    expect(text($(el, '#goals-heading'))).to.contain('Objetivos');
    expect(text($(el, '[data-review]'))).to.equal('Revisión el 15 dic 2026');
    expect(text($(el, '[data-menu="plan"]'))).to.contain('Borrador');
    expect(text($(el, '[data-action="print"]'))).to.equal('Imprimir para el cliente');
    await expect(el).to.be.accessible();
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => text($(el, '#goals-heading')).includes('Goals'), 'switched to English');
    expect(text($(el, '[data-review]'))).to.equal('Review on Dec 15, 2026');
  });

  it('renders record data as text (no HTML injection)', async () => {
    const hostile = '<img src=x onerror="window.__ckXss=1">';
    let plan = await w.manager.plans.create(w.caseRecord.id, { title: '<b>bold</b> plan' });
    plan = await w.manager.plans.addGoal(plan, { needDomain: 'safety', description: hostile });
    plan = await w.manager.plans.addIntervention(plan, plan.goals[0]!.id, { description: hostile, assigneeName: '<script>alert(1)</script>' });
    await w.manager.plans.addProgress(plan, plan.goals[0]!.id, { text: hostile });
    const el = await mount(w);
    expect(text($(el, '[part~="goal-title"]'))).to.equal(hostile);
    expect(text($(el, '#plan-title'))).to.equal('<b>bold</b> plan');
    expect(el.shadowRoot!.querySelector('img, b, script')).to.equal(null);
    el.view = 'print';
    await el.updateComplete;
    expect(text($(el, '[data-print-goal]'))).to.contain(hostile);
    expect(el.shadowRoot!.querySelector('img, b, script')).to.equal(null);
    await aTimeout(20);
    expect((window as unknown as { __ckXss?: number }).__ckXss).to.equal(undefined);
  });

  describe('follows the policy, not role names', () => {
    /** An active plan with a goal, a task and a progress note: everything a writer could change. */
    async function fullPlan(v: World): Promise<CarePlan> {
      let plan = await planWithGoal(v);
      plan = await v.manager.plans.transition(plan, 'active');
      plan = await v.manager.plans.addIntervention(plan, plan.goals[0]!.id, { description: 'Apply for the rapid rehousing program', assigneeName: 'Marta Alvarez' });
      return v.manager.plans.addProgress(plan, plan.goals[0]!.id, { text: 'Application started.' });
    }

    for (const [who, actor, policy] of [
      ['an auditor (custom policy)', auditor, auditorPolicy],
      ['a viewer (default policy)', PERSONAS.viewer, undefined],
    ] as const) {
      it(`shows ${who} the plan read-only with a note, keeps the print copy, and is accessible`, async () => {
        const v = await world({ language: 'es', ...(policy ? { policy } : {}) });
        await fullPlan(v);
        const el = await mount({ ...v, manager: v.setup.as(actor) });
        expect(text($(el, '#plan-title'))).to.equal('Stabilize housing');
        expect(text(goalEl(el, 'Find and keep stable housing'))).to.contain('Apply for the rapid rehousing program').and.contain('Application started.');
        expect($$(el, WRITE_CONTROLS).map((c) => c.getAttribute('part') ?? c.tagName)).to.deep.equal([]);
        // Statuses are shown as badges, not menus.
        expect(text($(el, '[data-status-of="plan"]'))).to.equal('Active');
        const note = $(el, '[part~="read-only"]')!;
        expect(note.getAttribute('role')).to.equal('note');
        expect(text(note)).to.equal('You can view this care plan, but you don’t have permission to change it.');
        expect($(el, '[part~="alert"]')).to.equal(null);
        await expect(el).to.be.accessible();
        // The client's copy is still there.
        el.view = 'print';
        await el.updateComplete;
        expect(text($(el, '[part~="print"]'))).to.contain('Apply for the rapid rehousing program');
        el.view = 'edit';
        await el.updateComplete;

        // The case manager on the case, under the same policy, gets every control and no note.
        const own = await mount(v);
        expect($(own, '[part~="read-only"]')).to.equal(null);
        for (const part of ['review', 'goal-form', 'open-form-button', 'menu-button', 'refer-button']) expect($(own, `[part~="${part}"]`), part).to.exist;
        expect($(own, '[data-edit]')).to.exist;
      });
    }

    it('offers no "create a plan" form to someone who may not create one', async () => {
      const v = await world({ language: 'es', policy: auditorPolicy });
      const el = await mount({ ...v, manager: v.setup.as(auditor) });
      expect($(el, '[part~="create"]')).to.equal(null);
      expect(text(el.shadowRoot!.querySelector('.empty'))).to.equal('This case has no care plan yet.');
      await expect(el).to.be.accessible();
      expect($(await mount(v), '[part~="create"]')).to.exist;
    });

    it('says read-only in Spanish', async () => {
      const v = await world({ language: 'es', policy: auditorPolicy });
      await planWithGoal(v);
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="es"><ck-care-plan-editor .manager=${v.setup.as(auditor)} case-id=${v.caseRecord.id} today=${TODAY}></ck-care-plan-editor></div>`,
      );
      const el = wrapper.querySelector('ck-care-plan-editor')!;
      await el.loadComplete;
      expect(text($(el, '[part~="read-only"]'))).to.equal('Puede ver este plan de atención, pero no tiene permiso para modificarlo.');
    });

    it('lets a role edit without referring when the policy refuses creating referrals', async () => {
      const v = await world({ language: 'es', policy: (r) => !(r.collection === 'referrals' && r.action === 'create') && defaultPolicy(r) });
      await planWithGoal(v);
      const el = await mount(v);
      expect($(el, '[part~="goal-form"]')).to.exist;
      expect($(el, '[part~="refer-button"]')).to.equal(null);
      expect($(el, '[part~="read-only"]')).to.equal(null);
    });

    it('does not offer the consent override when the policy refuses override-consent', async () => {
      const v = await world({ language: 'es', policy: (r) => r.action !== 'override-consent' && defaultPolicy(r) });
      await planWithGoal(v);
      const el = await mount(v);
      goalEl(el, 'Find and keep stable housing').querySelector<HTMLButtonElement>('[part~="refer-button"]')!.click();
      await waitUntil(() => $$(el, '[part~="service"]').length > 0, 'services listed');
      $$(el, '[part~="service"] input')[0]!.click();
      await waitUntil(() => $(el, '[data-consent="missing"]'), 'consent hint');
      expect($(el, '[part~="consent"] input[type="checkbox"]')).to.equal(null);
      expect(text($(el, '[part~="consent"]'))).to.contain('Save the referral as a draft');
      $<HTMLButtonElement>(el, 'dialog[data-dialog="refer"] button[value="send"]')!.click();
      await waitUntil(() => $(el, '[data-share-preview] [data-consent-missing]'), 'preview says consent is missing');
      expect($(el, '[data-share-preview] [name="overrideReason"]')).to.equal(null);
      expect($(el, '[data-share-preview] [data-confirm-send]')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  it('shows a plan by plan-id and is accessible in the dark theme at 360 px', async () => {
    const plan = await planWithGoal(w);
    const css = await (await fetch(new URL('../../themes/default.css', import.meta.url))).text();
    const style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div data-ck-theme="dark" style="width: 360px; background: #111827"
          ><ck-care-plan-editor .manager=${w.manager} plan-id=${plan.id} today=${TODAY}></ck-care-plan-editor
        ></div>`,
      );
      const el = wrapper.querySelector('ck-care-plan-editor')!;
      await el.loadComplete;
      expect(text($(el, '#plan-title'))).to.equal('Stabilize housing');
      expect(el.getBoundingClientRect().width).to.equal(360);
      await expect(el).to.be.accessible();
      goalEl(el, 'Find and keep stable housing').querySelector<HTMLButtonElement>('[part~="refer-button"]')!.click();
      await waitUntil(() => $$(el, '[part~="service"]').length > 0, 'services listed');
      await expect(el).to.be.accessible();
    } finally {
      style.remove();
    }
  });
});
