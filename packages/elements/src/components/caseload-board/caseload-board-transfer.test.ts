import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { defaultPolicy, type Actor, type CaseManager, type CaseRecord, type CaseStatus, type Policy, type Priority, type RiskLevel } from '@casekit/core';
import { auditTally, createTestSetup, fixtureCases, PERSONAS, type TestSetup } from '@casekit/core/testing';
import '../../define.js';
import type { CkCaseloadBoard } from './caseload-board.component.js';
import type { CaseTransferDetail, CaseTransferredDetail } from '../../events/events.js';

const TODAY = '2026-11-24';
const MARTA = PERSONAS.caseManager;
const DEVON = PERSONAS.otherCaseManager;
const ASSIGNEES = [
  { id: MARTA.id, name: MARTA.name },
  { id: DEVON.id, name: DEVON.name },
];

/** Four of Marta's cases and two of Devon's, with the risk, priority and due dates a workload weighs. */
function transferCases(): CaseRecord[] {
  const base = fixtureCases(6, 5);
  const spec: [string, CaseStatus, Priority, RiskLevel, string | undefined, Actor][] = [
    ['María García', 'active', 'urgent', 'high', '2026-11-20', MARTA],
    ['Thanh Nguyễn', 'active', 'high', 'moderate', '2026-11-25', MARTA],
    ['Aisha Haddad', 'referred', 'medium', 'low', '2026-12-20', MARTA],
    ['Grace Okafor', 'closed', 'medium', 'low', undefined, MARTA],
    ['Luis Pérez', 'active', 'low', 'low', '2026-11-30', DEVON],
    ['Noor Smith', 'waitlist', 'high', 'low', '2026-11-10', DEVON],
  ];
  return spec.map(([clientName, status, priority, riskLevel, due, assignee], i) => {
    const { nextContactDue: _drop, pendingTransfer: _none, ...record } = base[i]!;
    return {
      ...record,
      clientName,
      status,
      priority,
      riskLevel,
      assigneeId: assignee.id,
      assigneeName: assignee.name,
      careTeam: [],
      needs: [],
      statusHistory: [{ from: null, to: status, at: record.createdAt, by: { id: 'seed', name: 'Seed', role: 'admin' } }],
      ...(due ? { nextContactDue: due } : {}),
    } as CaseRecord;
  });
}

async function setupWith(policy?: Policy): Promise<TestSetup> {
  const setup = createTestSetup(policy ? { policy } : {});
  await setup.storage.load([{ collection: 'cases', records: transferCases() }]);
  return setup;
}

async function mount(manager: CaseManager, options: { lang?: string; view?: string } = {}): Promise<CkCaseloadBoard> {
  const el = await fixture<CkCaseloadBoard>(
    html`<ck-caseload-board lang=${options.lang ?? 'en'} .manager=${manager} .assignees=${ASSIGNEES} today=${TODAY} view=${options.view ?? 'board'}></ck-caseload-board>`,
  );
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: CkCaseloadBoard, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CkCaseloadBoard, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const card = (el: CkCaseloadBoard, name: string) => $$(el, '[part~="card"]').find((c) => c.querySelector('[part~="card-name"]')!.textContent === name)!;
const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
const dialog = (el: CkCaseloadBoard) => $<HTMLDialogElement>(el, 'dialog.transfer-dialog')!;
const live = (el: CkCaseloadBoard) => $(el, '[role="status"]')!.textContent!;
const caseOf = (setup: TestSetup, name: string) => setup.storage.get('cases', transferCases().find((c) => c.clientName === name)!.id) as Promise<CaseRecord>;

async function settle(el: CkCaseloadBoard): Promise<void> {
  await aTimeout(0);
  await el.loadComplete;
}

/** Chooses the receiver as the select's change would (and waits for the preview). */
async function chooseReceiver(el: CkCaseloadBoard, id: string): Promise<void> {
  const select = dialog(el).querySelector<HTMLSelectElement>('#transfer-to')!;
  select.value = id;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await settle(el);
}

async function typeReason(el: CkCaseloadBoard, text: string): Promise<void> {
  const reason = dialog(el).querySelector<HTMLTextAreaElement>('#transfer-reason')!;
  reason.value = text;
  reason.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

const submit = (el: CkCaseloadBoard) => dialog(el).querySelector<HTMLButtonElement>('[part~="transfer-confirm"]')!.click();

/** The before and after cells of one metric of one worker's preview table. */
function cells(el: CkCaseloadBoard, worker: string, metric: string): [string, string] {
  const row = dialog(el).querySelector(`[part~="preview-table"][data-worker="${worker}"] tr[data-metric="${metric}"]`)!;
  return [row.querySelector('.before')!.textContent!, row.querySelector('.after')!.textContent!];
}

describe('ck-caseload-board: transfer', () => {
  let setup: TestSetup;
  let supervisor: CaseManager;
  beforeEach(async () => {
    setup = await setupWith();
    supervisor = setup.as(PERSONAS.supervisor);
  });

  it('selects two cards and transfers them with a reason, firing ck-case-transfer and ck-case-transferred', async () => {
    const el = await mount(supervisor);
    for (const name of ['María García', 'Thanh Nguyễn']) card(el, name).querySelector<HTMLElement>('[part~="select-toggle"]')!.click();
    await el.updateComplete;
    expect(card(el, 'María García').getAttribute('aria-selected')).to.equal('true');
    expect(card(el, 'Aisha Haddad').getAttribute('aria-selected')).to.equal('false');
    expect($(el, '[part~="selection"]')!.textContent).to.contain('2 cases selected');
    await expect(el).to.be.accessible();
    $(el, '[part~="transfer-button"]')!.click();
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    expect(dialog(el).querySelector('h2')!.textContent).to.equal('Transfer 2 cases');
    // Both cases are Marta's: she is not offered as their receiver.
    expect([...dialog(el).querySelectorAll<HTMLOptionElement>('#transfer-to option')].map((o) => o.value)).to.deep.equal(['', DEVON.id]);
    await chooseReceiver(el, DEVON.id);
    await typeReason(el, 'Marta moves to the night shift');
    const transfer = oneEvent(el, 'ck-case-transfer');
    const transferred = oneEvent(el, 'ck-case-transferred');
    submit(el);
    const before: CaseTransferDetail = (await transfer).detail;
    expect(before.caseIds).to.have.length(2);
    expect(before).to.deep.include({ to: { id: DEVON.id, name: DEVON.name }, reason: 'Marta moves to the night shift', requireAcceptance: false });
    const after: CaseTransferredDetail = (await transferred).detail;
    expect(after.records.map((r) => r.assigneeId)).to.deep.equal([DEVON.id, DEVON.id]);
    await settle(el);
    for (const name of ['María García', 'Thanh Nguyễn']) expect((await caseOf(setup, name)).assigneeId).to.equal(DEVON.id);
    const audit = await supervisor.audit.forCase(after.records[0]!.id);
    expect(audit.items.map((e) => e.reason)).to.include('transferred from Marta Alvarez to Devon Baker: Marta moves to the night shift');
    expect(dialog(el).open).to.equal(false);
    expect($(el, '[part~="selection"]')).to.equal(null);
    expect(live(el)).to.contain('2 cases transferred to Devon Baker');
  });

  it('requires a reason (and a receiver) and writes nothing without them', async () => {
    const el = await mount(supervisor);
    const tally = await auditTally(setup.storage);
    card(el, 'María García').focus();
    key(card(el, 'María García'), 't');
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    // Devon is the only one it can go to, so he is chosen; the user takes him off again.
    expect(dialog(el).querySelector<HTMLSelectElement>('#transfer-to')!.value).to.equal(DEVON.id);
    await chooseReceiver(el, '');
    expect(dialog(el).querySelector('[part~="preview"]')!.textContent).to.contain('Choose a receiving case manager');
    submit(el);
    await el.updateComplete;
    expect(dialog(el).querySelector('#transfer-to')!.getAttribute('aria-invalid')).to.equal('true');
    expect(dialog(el).querySelector('#transfer-to-error')!.textContent).to.equal('Receiving case manager is required.');
    await chooseReceiver(el, DEVON.id);
    await typeReason(el, '   ');
    submit(el);
    await el.updateComplete;
    const reason = dialog(el).querySelector('#transfer-reason')!;
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(dialog(el).querySelector('#transfer-reason-error')!.textContent).to.equal('Reason for the transfer is required.');
    expect(dialog(el).querySelector('#transfer-to')!.getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();
    expect((await caseOf(setup, 'María García')).assigneeId).to.equal(MARTA.id);
    expect((await auditTally(setup.storage)).changes).to.equal(tally.changes, 'nothing written');
  });

  it("shows core's previewTransfer: each worker's load in words and the score's parts, before and after", async () => {
    const el = await mount(supervisor);
    const picked = ['María García', 'Thanh Nguyễn'].map((name) => card(el, name));
    for (const c of picked) c.querySelector<HTMLElement>('[part~="select-toggle"]')!.click();
    await el.updateComplete;
    $(el, '[part~="transfer-button"]')!.click();
    await el.updateComplete;
    await chooseReceiver(el, DEVON.id);
    const core = await supervisor.reports.previewTransfer(picked.map((c) => c.dataset.id!), DEVON.id);
    const sides = [core.to, ...core.from];
    expect(sides.map((s) => s.before.assigneeId)).to.deep.equal([DEVON.id, MARTA.id]);
    for (const side of sides) {
      const id = side.before.assigneeId;
      expect(cells(el, id, 'score')).to.deep.equal([String(side.before.score), String(side.after.score)]);
      expect(cells(el, id, 'openCases')).to.deep.equal([String(side.before.openCases), String(side.after.openCases)]);
      expect(cells(el, id, 'risk.high')).to.deep.equal([String(side.before.byRisk.high), String(side.after.byRisk.high)]);
      expect(cells(el, id, 'risk.moderate')).to.deep.equal([String(side.before.byRisk.moderate), String(side.after.byRisk.moderate)]);
      expect(cells(el, id, 'priority.urgent')).to.deep.equal([String(side.before.byPriority.urgent), String(side.after.byPriority.urgent)]);
      expect(cells(el, id, 'priority.high')).to.deep.equal([String(side.before.byPriority.high), String(side.after.byPriority.high)]);
      expect(cells(el, id, 'overdueContacts')).to.deep.equal([String(side.before.overdueContacts), String(side.after.overdueContacts)]);
    }
    // The moved cases carry real weight: the numbers change, and the words say so.
    expect(core.to.after.score).to.be.greaterThan(core.to.before.score);
    const words = dialog(el).querySelector('[part~="preview-words"]')!.textContent!;
    expect(words).to.contain(`Devon Baker's workload goes from ${core.to.before.score} to ${core.to.after.score}.`);
    expect(words).to.contain(`Marta Alvarez's workload goes from ${core.from[0]!.before.score} to ${core.from[0]!.after.score}.`);
    // The parts name their weights (default: high risk +3 each).
    const labels = [...dialog(el).querySelectorAll('[data-worker="cm-baker"] th[scope="row"]')].map((th) => th.textContent);
    expect(labels).to.include.members(['Workload score', 'Open cases (+1 each)', 'High risk (+3 each)', 'Urgent priority (+2 each)', 'Overdue contacts (+2 each)']);
    await expect(el).to.be.accessible();
  });

  it('"Receiver must accept" leaves the case pending, with a badge on its card, and no longer selectable', async () => {
    const el = await mount(supervisor);
    card(el, 'Aisha Haddad').focus();
    key(card(el, 'Aisha Haddad'), 'T');
    await el.updateComplete;
    await chooseReceiver(el, DEVON.id);
    await typeReason(el, 'Devon speaks Arabic');
    const accept = dialog(el).querySelector<HTMLInputElement>('input[name="requireAcceptance"]')!;
    accept.click();
    await el.updateComplete;
    expect(dialog(el).querySelector('[part~="transfer-confirm"]')!.textContent!.trim()).to.equal('Request transfer');
    const transferred = oneEvent(el, 'ck-case-transferred');
    submit(el);
    expect((await transferred).detail.requireAcceptance).to.equal(true);
    await settle(el);
    const stored = await caseOf(setup, 'Aisha Haddad');
    expect(stored.assigneeId).to.equal(MARTA.id);
    expect(stored.pendingTransfer?.to).to.deep.equal({ id: DEVON.id, name: DEVON.name });
    const badge = card(el, 'Aisha Haddad').querySelector('[part~="transfer-badge"]')!;
    expect(badge.textContent).to.equal('Transfer to Devon Baker pending');
    expect(badge.getAttribute('part')).to.equal('badge transfer-badge');
    expect(card(el, 'Aisha Haddad').querySelector('[part~="select-toggle"]')).to.equal(null);
    expect(card(el, 'Aisha Haddad').hasAttribute('aria-selected')).to.equal(false);
    expect(live(el)).to.contain('Transfer of Aisha Haddad to Devon Baker requested');
    await expect(el).to.be.accessible();
  });

  describe('offers no transfer to actors the policy does not let transfer', () => {
    const onlySupervisors: Policy = (r) => (r.action === 'transfer' ? r.actor.role === 'supervisor' : defaultPolicy(r));
    for (const [who, actor, policy] of [
      ['a viewer (default policy)', PERSONAS.viewer, undefined],
      ['a case manager on their own cases, where only supervisors transfer', MARTA, onlySupervisors],
    ] as const) {
      it(who, async () => {
        const s = await setupWith(policy);
        const el = await mount(s.as(actor));
        expect($$(el, '[part~="card"]').length).to.be.greaterThan(0);
        expect($$(el, '[part~="select-toggle"]')).to.have.length(0);
        expect($$(el, '[part~="card"][aria-selected]')).to.have.length(0);
        expect($$(el, '[role="listbox"][aria-multiselectable]')).to.have.length(0);
        expect($$(el, '[part~="card"]').every((c) => !c.getAttribute('aria-describedby')!.includes('card-hint-transfer'))).to.equal(true);
        const maria = card(el, 'María García');
        maria.focus();
        key(maria, 'x');
        key(maria, 't');
        await el.updateComplete;
        expect($(el, '[part~="selection"]')).to.equal(null);
        expect(dialog(el).open).to.equal(false);
        const list = await mount(s.as(actor), { view: 'list' });
        expect($$(list, '[part~="select-checkbox"]')).to.have.length(0);
      });
    }
  });

  it("lets a case manager hand over their own case without the preview of a colleague's load they may not see", async () => {
    const el = await mount(setup.manager);
    const maria = card(el, 'María García');
    maria.focus();
    key(maria, 't');
    await el.updateComplete;
    // Marta is the case's assignee, so Devon is the only receiver, chosen for her.
    expect(dialog(el).querySelector<HTMLSelectElement>('#transfer-to')!.value).to.equal(DEVON.id);
    await settle(el);
    expect(dialog(el).querySelector('[part~="preview"]')!.textContent).to.contain("You can't see both case managers' workloads");
    await typeReason(el, 'Going on leave');
    submit(el);
    await waitUntil(async () => (await caseOf(setup, 'María García')).assigneeId === DEVON.id, 'transferred');
    await settle(el);
    // No longer hers: it leaves her board.
    expect(card(el, 'María García')).to.equal(undefined);
  });

  it('is keyboard-only: X selects, arrows move on, T opens the dialog, and focus comes back to the board', async () => {
    const el = await mount(supervisor);
    const maria = card(el, 'María García');
    maria.focus();
    key(maria, 'x');
    await el.updateComplete;
    expect(live(el)).to.contain('María García selected for a transfer; 1 case selected.');
    expect(maria.getAttribute('aria-describedby')).to.equal('card-hint card-hint-transfer');
    expect($(el, '#card-hint-transfer')!.textContent).to.contain('Press X');
    key(maria, 'ArrowDown');
    await el.updateComplete;
    const next = el.shadowRoot!.activeElement as HTMLElement;
    expect(next.dataset.id).to.not.equal(maria.dataset.id);
    key(next, 'x');
    key(next, 'x'); // and off again
    key(next, 'x');
    await el.updateComplete;
    expect(live(el)).to.contain('2 cases selected');
    key(next, 't');
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    expect(el.shadowRoot!.activeElement?.id).to.equal('transfer-to', 'the dialog takes focus');
    await chooseReceiver(el, DEVON.id);
    await typeReason(el, 'Rebalancing caseloads');
    (dialog(el).querySelector('form') as HTMLFormElement).requestSubmit();
    await waitUntil(() => !dialog(el).open, 'dialog closed');
    await waitUntil(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.matches('[part~="card"]'), 'focus back on a card');
    expect((await caseOf(setup, 'María García')).assigneeId).to.equal(DEVON.id);

    // Escape in the dialog cancels, writing nothing; Escape on a card clears the selection.
    const luis = card(el, 'Luis Pérez');
    luis.focus();
    key(luis, 'x');
    key(luis, 't');
    await el.updateComplete;
    dialog(el).dispatchEvent(new Event('cancel', { cancelable: true }));
    await settle(el);
    expect(dialog(el).open).to.equal(false);
    expect($(el, '[part~="selection"]')).to.not.equal(null);
    key(card(el, 'Luis Pérez'), 'Escape');
    await el.updateComplete;
    expect($(el, '[part~="selection"]')).to.equal(null);
    expect((await caseOf(setup, 'Luis Pérez')).assigneeId).to.equal(DEVON.id);
  });

  it('lets the host veto a transfer with ck-case-transfer', async () => {
    const el = await mount(supervisor);
    el.addEventListener('ck-case-transfer', (e) => e.preventDefault());
    card(el, 'Thanh Nguyễn').focus();
    key(card(el, 'Thanh Nguyễn'), 't');
    await el.updateComplete;
    await chooseReceiver(el, DEVON.id);
    await typeReason(el, 'Rebalancing');
    submit(el);
    await settle(el);
    expect(dialog(el).open).to.equal(false);
    expect(live(el)).to.contain('The transfer was not made.');
    expect((await caseOf(setup, 'Thanh Nguyễn')).assigneeId).to.equal(MARTA.id);
  });

  it('shows refusals in plain words and writes nothing: a transfer already waiting, a policy that changed', async () => {
    let allow = true;
    const s = await setupWith((r) => (r.action === 'transfer' ? allow : defaultPolicy(r)));
    const sup = s.as(PERSONAS.supervisor);
    const el = await mount(sup);
    card(el, 'Thanh Nguyễn').focus();
    key(card(el, 'Thanh Nguyễn'), 't');
    await el.updateComplete;
    await chooseReceiver(el, DEVON.id);
    await typeReason(el, 'Rebalancing');
    // Meanwhile someone else asks for Thanh's case to go to Devon.
    await sup.cases.transfer(await caseOf(s, 'Thanh Nguyễn'), DEVON, { reason: 'Devon asked for it', requireAcceptance: true });
    await settle(el);
    const tally = await auditTally(s.storage);
    const error = oneEvent(el, 'ck-error');
    submit(el);
    expect((await error).detail.code).to.equal('transition');
    await settle(el);
    expect(dialog(el).querySelector('[part~="transfer-alert"]')!.textContent).to.equal("A transfer of Thanh Nguyễn's case to Devon Baker is already waiting.");
    expect((await auditTally(s.storage)).changes).to.equal(tally.changes);
    dialog(el).dispatchEvent(new Event('cancel', { cancelable: true }));
    await settle(el);

    card(el, 'María García').focus();
    key(card(el, 'María García'), 't');
    await el.updateComplete;
    await chooseReceiver(el, DEVON.id);
    await typeReason(el, 'Rebalancing');
    allow = false;
    submit(el);
    await waitUntil(() => dialog(el).querySelector('[part~="transfer-alert"]'), 'refusal shown');
    expect(dialog(el).querySelector('[part~="transfer-alert"]')!.textContent).to.contain("You don't have permission to transfer this case");
    expect((await caseOf(s, 'María García')).assigneeId).to.equal(MARTA.id);
    await expect(el).to.be.accessible();
  });

  it('selects from the list view with a checkbox per row', async () => {
    const el = await mount(supervisor, { view: 'list' });
    const boxes = $$<HTMLInputElement>(el, '[part~="select-checkbox"]');
    // Every open case without a transfer waiting (Grace's case is closed).
    expect(boxes.map((b) => b.getAttribute('aria-label'))).to.not.include('Select Grace Okafor for a transfer');
    expect(boxes).to.have.length(5);
    boxes[0]!.click();
    await el.updateComplete;
    expect($(el, '[part~="selection"]')!.textContent).to.contain('1 case selected');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const el = await mount(supervisor, { lang: 'es' });
    for (const name of ['María García', 'Thanh Nguyễn']) card(el, name).querySelector<HTMLElement>('[part~="select-toggle"]')!.click();
    await el.updateComplete;
    expect($(el, '[part~="selection"]')!.textContent).to.contain('2 casos seleccionados');
    expect($(el, '[part~="transfer-button"]')!.textContent).to.equal('Transferir…');
    $(el, '[part~="transfer-button"]')!.click();
    await el.updateComplete;
    expect(dialog(el).querySelector('h2')!.textContent).to.equal('Transferir 2 casos');
    await chooseReceiver(el, DEVON.id);
    expect(dialog(el).querySelector('[part~="preview"] h3')!.textContent).to.equal('Carga de trabajo antes y después');
    expect(dialog(el).querySelector('[part~="preview-words"]')!.textContent).to.contain('La carga de trabajo de Devon Baker pasa de');
    expect(dialog(el).querySelector('[data-worker="cm-baker"] thead')!.textContent).to.contain('Antes');
    expect([...dialog(el).querySelectorAll('[data-worker="cm-baker"] th[scope="row"]')].map((th) => th.textContent)).to.include('Riesgo alto (+3 cada uno)');
    submit(el);
    await el.updateComplete;
    expect(dialog(el).querySelector('#transfer-reason-error')!.textContent).to.equal('Motivo de la transferencia: este dato es obligatorio.');
    await typeReason(el, 'Reparto de casos');
    dialog(el).querySelector<HTMLInputElement>('input[name="requireAcceptance"]')!.click();
    await el.updateComplete;
    expect(dialog(el).querySelector('[part~="transfer-confirm"]')!.textContent!.trim()).to.equal('Solicitar la transferencia');
    await expect(el).to.be.accessible();
    submit(el);
    await waitUntil(() => card(el, 'María García').querySelector('[part~="transfer-badge"]'), 'badge shown');
    expect(card(el, 'María García').querySelector('[part~="transfer-badge"]')!.textContent).to.equal('Transferencia a Devon Baker pendiente');
  });
});
