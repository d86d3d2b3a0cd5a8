import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CaseManager } from '@casekit/core';
import { auditTally, createTestSetup, PERSONAS } from '@casekit/core/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../define.js';
import type { CkApprovals } from './approvals.component.js';

/**
 * Approvals on. Marta Alvarez (case manager) asked yesterday to close Rosa Hernández's case (goals met,
 * with a note) and, today, to activate Thanh Nguyễn's two-goal plan; Ngozi Okafor supervises.
 */
async function world() {
  const setup = createTestSetup({ approvals: { caseClosure: true, planActivation: true } });
  const m = setup.manager;
  const { client: rosa } = await m.clients.create({ name: { given: ['Rosa'], family: 'Hernández' } });
  const { client: thanh } = await m.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' } });
  let rosaCase = await m.cases.create({ clientId: rosa.id, program: 'social-work', status: 'active', title: 'Housing and food' });
  const thanhCase = await m.cases.create({ clientId: thanh.id, program: 'healthcare', status: 'active' });
  setup.clock.set('2026-11-23T15:00:00.000Z');
  rosaCase = await m.cases.transition(rosaCase, 'closed', { closureReason: 'goals-met', reason: 'Rosa signed her lease; food support is in place.' });
  setup.clock.set('2026-11-24T15:00:00.000Z');
  let plan = await m.plans.create(thanhCase.id, {
    title: 'Diabetes self-management',
    goals: [
      { needDomain: 'health', description: 'Keep HbA1c under 7%' },
      { needDomain: 'food', description: 'Cook three healthy meals a week' },
    ],
  });
  plan = await m.plans.transition(plan, 'active', { reason: 'Agreed with Thanh and his daughter.' });
  const supervisor = setup.as(PERSONAS.supervisor);
  return { setup, supervisor, rosa, thanh, rosaCase, thanhCase, plan };
}
type World = Awaited<ReturnType<typeof world>>;

async function mount(manager: CaseManager, options: { caseId?: string; lang?: string } = {}): Promise<CkApprovals> {
  const el = await fixture<CkApprovals>(html`<ck-approvals lang=${options.lang ?? 'en'} .manager=${manager} case-id=${ifDefined(options.caseId)}></ck-approvals>`);
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const row = (el: CkApprovals, key: string) => $(el, `[data-key="${key}"]`);
const closureKey = (w: World) => `closure-approval:${w.rosaCase.id}`;
const activationKey = (w: World) => `activation-approval:${w.plan.id}`;

async function press(el: CkApprovals, key: string, action: 'approve' | 'reject'): Promise<void> {
  row(el, key)!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!.click();
  await el.updateComplete;
}

async function typeReason(el: CkApprovals, value: string): Promise<void> {
  const field = $<HTMLTextAreaElement>(el, 'dialog [name="reason"]')!;
  field.value = value;
  field.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

describe('ck-approvals', () => {
  it("lists both kinds with the client, case, requester, when, the closure reason, the note and the plan's goals, and is accessible", async () => {
    const w = await world();
    const el = await mount(w.supervisor);
    expect($$(el, '[part~="item"]').map((i) => i.dataset.key).sort()).to.deep.equal([activationKey(w), closureKey(w)].sort());
    expect(text($(el, '[part~="summary"]'))).to.equal('2 requests waiting');
    const closure = row(el, closureKey(w))!;
    expect(text(closure.querySelector('[part~="kind"]'))).to.equal('Case closure');
    expect(text(closure.querySelector('[part~="item-title"]'))).to.equal('Rosa Hernández');
    expect(text(closure.querySelector('[part~="case"]'))).to.equal('Case: Housing and food');
    expect(text(closure.querySelector('[part~="closure-reason"]'))).to.equal('Reason: Goals met');
    expect(text(closure.querySelector('[part~="note"]'))).to.equal('Note: Rosa signed her lease; food support is in place.');
    const requested = text(closure.querySelector('[part~="requested"]'));
    expect(requested).to.contain('Requested by Marta Alvarez');
    expect(requested).to.contain('yesterday (Nov 23, 2026');
    expect(closure.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-23T15:00:00.000Z');
    const activation = row(el, activationKey(w))!;
    expect(text(activation.querySelector('[part~="kind"]'))).to.equal('Plan activation');
    expect(text(activation.querySelector('[part~="item-title"]'))).to.equal('Thanh Nguyễn');
    expect(text(activation.querySelector('[part~="plan"]'))).to.equal('Plan: Diabetes self-management · 2 goals');
    expect(text(activation.querySelector('[part~="note"]'))).to.equal('Note: Agreed with Thanh and his daughter.');
    expect(text(activation.querySelector('[part~="requested"]'))).to.contain('today (Nov 24, 2026');
    expect(activation.querySelector('[data-action="approve"]')!.getAttribute('aria-label')).to.equal('Approve plan activation for Thanh Nguyễn');
    await expect(el).to.be.accessible();
  });

  it('approves a closure and an activation: core has the decision, the row leaves, it is announced and ck-approval-decided says what', async () => {
    const w = await world();
    const el = await mount(w.supervisor);
    const closed = oneEvent(el, 'ck-approval-decided');
    await press(el, closureKey(w), 'approve');
    const { detail } = await closed;
    expect(detail.kind).to.equal('case-closure');
    expect(detail.decision).to.equal('approved');
    expect(detail.recordId).to.equal(w.rosaCase.id);
    expect(detail.caseId).to.equal(w.rosaCase.id);
    expect((detail.record as { status: string }).status).to.equal('closed');
    await el.loadComplete;
    expect(row(el, closureKey(w))).to.equal(null);
    expect(text($(el, '[role="status"]'))).to.equal('Case closure for Rosa Hernández approved.');
    const stored = await w.supervisor.cases.get(w.rosaCase.id);
    expect(stored.status).to.equal('closed');
    expect(stored.closure?.reason).to.equal('goals-met');
    expect(stored.pendingApproval).to.equal(undefined);
    expect(el.shadowRoot!.activeElement === row(el, activationKey(w))!.querySelector('[data-action="approve"]'), 'focus moved to the next request').to.be.true;

    const activated = oneEvent(el, 'ck-approval-decided');
    await press(el, activationKey(w), 'approve');
    const second = (await activated).detail;
    expect(second.kind).to.equal('plan-activation');
    expect(second.recordId).to.equal(w.plan.id);
    expect(second.caseId).to.equal(w.thanhCase.id);
    await el.loadComplete;
    const plan = await w.supervisor.plans.get(w.plan.id);
    expect(plan.status).to.equal('active');
    expect(plan.approval?.status).to.equal('approved');
    expect(plan.approval?.decidedBy?.id).to.equal(PERSONAS.supervisor.id);
    expect($$(el, '[part~="item"]').length).to.equal(0);
    expect(text($(el, '.empty'))).to.equal('Nothing waiting for approval.');
    expect(el.shadowRoot!.activeElement === $(el, '#approvals-heading'), 'the heading once nothing is left').to.be.true;
    await expect(el).to.be.accessible();
  });

  it('rejects with a required reason: an empty reason is a field error and writes nothing', async () => {
    const w = await world();
    const el = await mount(w.supervisor);
    await press(el, activationKey(w), 'reject');
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.be.true;
    expect(text(dialog.querySelector('#reject-dialog-description'))).to.contain('Plan activation · Thanh Nguyễn');
    await expect(el).to.be.accessible();
    const before = await auditTally(w.setup.storage);
    await typeReason(el, '   ');
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm-reject"]')!.click();
    await el.updateComplete;
    const reason = dialog.querySelector<HTMLTextAreaElement>('[name="reason"]')!;
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(text(dialog.querySelector('[part~="field-error"]'))).to.equal('Say why: the case manager will see the reason.');
    expect(el.shadowRoot!.activeElement === reason, 'focus on the reason').to.be.true;
    expect((await auditTally(w.setup.storage)).changes).to.equal(before.changes, 'nothing written');
    expect((await w.supervisor.plans.get(w.plan.id)).version).to.equal(w.plan.version);

    await typeReason(el, 'Add a goal about medication.');
    const decided = oneEvent(el, 'ck-approval-decided');
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm-reject"]')!.click();
    const { detail } = await decided;
    expect(detail.decision).to.equal('rejected');
    expect(detail.kind).to.equal('plan-activation');
    await el.loadComplete;
    expect(dialog.open).to.be.false;
    expect(row(el, activationKey(w))).to.equal(null);
    expect(text($(el, '[role="status"]'))).to.equal('Plan activation for Thanh Nguyễn sent back.');
    const plan = await w.supervisor.plans.get(w.plan.id);
    expect(plan.status).to.equal('draft');
    expect(plan.approval?.status).to.equal('rejected');
    expect(plan.approval?.decisionReason).to.equal('Add a goal about medication.');

    // A closure sent back: the case stays open, without the request.
    await press(el, closureKey(w), 'reject');
    await typeReason(el, 'Wait for the 30-day follow-up call.');
    const closureDecided = oneEvent(el, 'ck-approval-decided');
    $<HTMLButtonElement>(el, 'dialog [data-action="confirm-reject"]')!.click();
    expect((await closureDecided).detail.decision).to.equal('rejected');
    const stored = await w.supervisor.cases.get(w.rosaCase.id);
    expect(stored.status).to.equal('active');
    expect(stored.pendingApproval).to.equal(undefined);
  });

  it('says another supervisor decided first (conflict) and reloads the list', async () => {
    const w = await world();
    const m = w.supervisor;
    let release!: () => void;
    let gate: Promise<void> = Promise.resolve();
    // The supervisor's manager, whose worklist waits for the test: the stale row stays on screen.
    const worklist = Object.assign((...args: Parameters<CaseManager['worklist']>) => gate.then(() => m.worklist(...args)), m.worklist);
    const slow = Object.assign(Object.create(m) as CaseManager, { worklist });
    const el = await mount(slow);
    gate = new Promise<void>((resolve) => (release = resolve));
    const other = w.setup.as({ id: 'sup-reyes', name: 'Ana Reyes', role: 'supervisor' });
    await other.plans.approveActivation(w.plan);
    await other.cases.rejectClosure(w.rosaCase, 'Not yet');
    expect(row(el, activationKey(w)), 'still listed: the reload waits').to.not.equal(null);
    const errors: string[] = [];
    el.addEventListener('ck-error', (e) => errors.push(e.detail.code));
    await press(el, activationKey(w), 'approve');
    await waitUntil(() => $(el, '[part~="alert"]'), 'the conflict is shown');
    expect(text($(el, '[part~="alert"]'))).to.contain('Someone else decided this request');
    expect(errors).to.deep.equal(['conflict']);
    await press(el, closureKey(w), 'approve');
    await waitUntil(() => errors.length === 2, 'the closure is refused too');
    expect(errors).to.deep.equal(['conflict', 'transition'], 'the closure was no longer waiting');
    release();
    await el.loadComplete;
    expect($$(el, '[part~="item"]').length).to.equal(0, 'reloaded: nothing left');
    expect(text($(el, '[part~="alert"]'))).to.contain('Someone else decided this request');
    expect((await m.plans.get(w.plan.id)).approval?.decidedBy?.id).to.equal('sup-reyes');
    await expect(el).to.be.accessible();
  });

  it("narrows to one case with case-id, and a case manager sees that approvals are for supervisors (their own requests read only)", async () => {
    const w = await world();
    const el = await mount(w.supervisor, { caseId: w.thanhCase.id });
    expect($$(el, '[part~="item"]').map((i) => i.dataset.key)).to.deep.equal([activationKey(w)]);
    expect(text($(el, '[part~="item-title"]'))).to.equal('Thanh Nguyễn');
    el.caseId = w.rosaCase.id;
    await el.loadComplete;
    expect($$(el, '[part~="item"]').map((i) => i.dataset.key)).to.deep.equal([closureKey(w)]);

    const queue = await mount(w.setup.manager);
    expect(text($(queue, '[part~="notice"]'))).to.contain('Approvals are for supervisors');
    expect($(queue, '[part~="alert"]')).to.equal(null, 'not an error');
    expect($$(queue, '[part~="item"]').length).to.equal(0);
    expect($(queue, '.empty')).to.equal(null);
    await expect(queue).to.be.accessible();

    const own = await mount(w.setup.manager, { caseId: w.rosaCase.id });
    expect(text($(own, '[part~="notice"]'))).to.contain('Approvals are for supervisors');
    const mine = row(own, closureKey(w))!;
    expect(text(mine.querySelector('[part~="waiting"]'))).to.equal('Waiting for a supervisor');
    expect(mine.querySelector('button')).to.equal(null, 'no actions');
    await expect(own).to.be.accessible();
  });

  it('focus() goes to the first Approve button, else the heading; skeletons and aria-busy while loading', async () => {
    const w = await world();
    const m = w.supervisor;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const worklist = Object.assign((...args: Parameters<CaseManager['worklist']>) => gate.then(() => m.worklist(...args)), m.worklist);
    const slow = Object.assign(Object.create(m) as CaseManager, { worklist });
    const el = await fixture<CkApprovals>(html`<ck-approvals .manager=${slow}></ck-approvals>`);
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($$(el, '[part~="skeleton"]')).to.have.length(3);
    el.focus();
    expect(el.shadowRoot!.activeElement === $(el, '#approvals-heading'), 'the heading while loading').to.be.true;
    (el.shadowRoot!.activeElement as HTMLElement).blur();
    release();
    await el.loadComplete;
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('false');
    el.focus();
    expect(el.shadowRoot!.activeElement === $$(el, '[part~="item"]')[0]!.querySelector('[data-action="approve"]'), 'the first Approve').to.be.true;

    const empty = await mount(w.setup.manager);
    empty.focus();
    expect(empty.shadowRoot!.activeElement === $(empty, '#approvals-heading')).to.be.true;
  });

  it('pages with the worklist cursor: "Show more" adds the next requests and moves focus to the first of them', async () => {
    const w = await world();
    const m = w.setup.manager;
    for (let i = 0; i < 25; i++) {
      const { client } = await m.clients.create({ name: { given: ['Client'], family: `Number ${i + 1}` } });
      const c = await m.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
      await m.cases.transition(c, 'closed', { closureReason: 'moved' });
    }
    const el = await mount(w.supervisor);
    expect($$(el, '[part~="item"]').length).to.equal(25);
    expect(text($(el, '[part~="summary"]'))).to.equal('27 requests waiting');
    $<HTMLButtonElement>(el, '[part~="load-more"]')!.click();
    await waitUntil(() => $$(el, '[part~="item"]').length === 27, 'the second page is added');
    await el.updateComplete;
    expect($(el, '[part~="load-more"]')).to.equal(null);
    const items = $$(el, '[part~="item"]');
    expect(new Set(items.map((i) => i.dataset.key)).size).to.equal(27);
    expect(el.shadowRoot!.activeElement === items[25]!.querySelector('[data-action="approve"]'), 'the first new request').to.be.true;
  });

  it('speaks Spanish', async () => {
    const w = await world();
    const el = await mount(w.supervisor, { lang: 'es' });
    expect(text($(el, '[part~="heading"]'))).to.equal('Pendiente de aprobación');
    expect(text($(el, '[part~="summary"]'))).to.equal('2 solicitudes pendientes');
    const closure = row(el, closureKey(w))!;
    expect(text(closure.querySelector('[part~="kind"]'))).to.equal('Cierre del caso');
    expect(text(closure.querySelector('[part~="closure-reason"]'))).to.equal('Motivo: Objetivos cumplidos');
    expect(text(closure.querySelector('[part~="requested"]'))).to.contain('Solicitado por Marta Alvarez · ayer (23 nov 2026');
    expect(text(row(el, activationKey(w))!.querySelector('[part~="plan"]'))).to.equal('Plan: Diabetes self-management · 2 objetivos');
    expect(text(closure.querySelector('[data-action="approve"]'))).to.equal('Aprobar');
    await expect(el).to.be.accessible();
  });
});
