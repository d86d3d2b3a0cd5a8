import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Actor, CaseManager, CaseRecord, CaseStatus, ChangeBatch, Policy, Priority } from '@casekit/core';
import { createTestSetup, fixtureCases, PERSONAS, type TestSetup } from '@casekit/core/testing';
import '../../define.js';
import type { CkCaseloadBoard } from './caseload-board.component.js';

const TODAY = '2026-11-24';

/** A custom role the default policy does not know: may read everything, change nothing. */
const auditor: Actor = { id: 'aud-1', name: 'Audit', role: 'auditor' };
/** A custom policy: auditors only read; everyone else may do anything. */
const auditorPolicy: Policy = (r) => r.action === 'read' || r.actor.role !== 'auditor';

/** Six cases on Marta Alvarez's caseload, with the statuses, priorities and due dates the tests need. */
function caseloadCases(): CaseRecord[] {
  const base = fixtureCases(6, 3);
  const spec: [string, CaseStatus, Priority, string | undefined][] = [
    ['María García', 'active', 'urgent', '2026-11-20'],
    ['Thanh Nguyễn', 'active', 'high', '2026-11-25'],
    ['Aisha Haddad', 'referred', 'medium', '2026-12-20'],
    ['Dmitri Ivanova', 'intake', 'low', undefined],
    ['Grace Okafor', 'on-hold', 'medium', '2026-12-01'],
    ['Luis Pérez', 'waitlist', 'high', '2026-11-30'],
  ];
  return spec.map(([clientName, status, priority, due], i) => {
    const { nextContactDue: _drop, ...record } = base[i]!;
    return {
      ...record,
      clientName,
      status,
      priority,
      riskLevel: i === 0 ? 'high' : 'low',
      assigneeId: PERSONAS.caseManager.id,
      assigneeName: PERSONAS.caseManager.name,
      needs: i === 0 ? [{ domain: 'housing', source: 'manual', identifiedAt: record.createdAt, status: 'identified' }] : [],
      statusHistory: [{ from: null, to: status, at: record.createdAt, by: { id: 'seed', name: 'Seed', role: 'admin' } }],
      ...(due ? { nextContactDue: due } : {}),
    } as CaseRecord;
  });
}

async function setupWith(cases: CaseRecord[], policy?: Policy): Promise<TestSetup> {
  const setup = createTestSetup(policy ? { policy } : {});
  await setup.storage.load([{ collection: 'cases', records: cases }]);
  return setup;
}

async function mount(manager: CaseManager, attrs: { view?: string; assignees?: { id: string; name: string }[] } = {}): Promise<CkCaseloadBoard> {
  const el = await fixture<CkCaseloadBoard>(
    html`<ck-caseload-board .manager=${manager} .assignees=${attrs.assignees ?? []} today=${TODAY} view=${attrs.view ?? 'board'}></ck-caseload-board>`,
  );
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: CkCaseloadBoard, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CkCaseloadBoard, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const cards = (el: CkCaseloadBoard, column?: string) => $$(el, column ? `[data-column="${column}"] [part~="card"]` : '[part~="card"]');
const card = (el: CkCaseloadBoard, name: string) => cards(el).find((c) => c.querySelector('[part~="card-name"]')!.textContent === name)!;
const names = (el: CkCaseloadBoard, column?: string) => cards(el, column).map((c) => c.querySelector('[part~="card-name"]')!.textContent);
/** Labels of the toolbar's filters ("Case manager" is the assignee filter). */
const filterLabels = (el: CkCaseloadBoard) => $$(el, '[part~="toolbar"] .ck-field > span').map((s) => s.textContent!.trim());
const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));

async function settle(el: CkCaseloadBoard): Promise<void> {
  await aTimeout(0);
  await el.loadComplete;
}

function drag(el: CkCaseloadBoard, from: HTMLElement, toColumn: string): void {
  const dataTransfer = new DataTransfer();
  const column = $(el, `[data-column="${toColumn}"]`)!;
  from.dispatchEvent(new DragEvent('dragstart', { dataTransfer, bubbles: true, composed: true }));
  column.dispatchEvent(new DragEvent('dragover', { dataTransfer, bubbles: true, composed: true, cancelable: true }));
  column.dispatchEvent(new DragEvent('drop', { dataTransfer, bubbles: true, composed: true, cancelable: true }));
  from.dispatchEvent(new DragEvent('dragend', { dataTransfer, bubbles: true, composed: true }));
}


/** Cases that fill a card: high risk, four open needs, a due date, urgent. */
function busyCases(): CaseRecord[] {
  const needs = ['housing', 'food', 'mental-health', 'employment'] as const;
  return caseloadCases().map((c, i) => ({
    ...c,
    riskLevel: 'high',
    priority: 'urgent',
    nextContactDue: i % 2 ? '2026-11-20' : '2026-11-25',
    needs: needs.map((domain) => ({ domain, source: 'manual', identifiedAt: c.createdAt, status: 'identified' })),
  })) as CaseRecord[];
}

/** The element and its ancestors (across shadow roots) up to `stop` that clip their content. */
function clippingAncestors(node: Element, stop: Element): Element[] {
  const out: Element[] = [];
  let current: Element | null = node;
  while (current && current !== stop) {
    const parent: Element | null = current.parentElement ?? ((current.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
    if (parent && getComputedStyle(parent).overflow !== 'visible') out.push(parent);
    current = parent;
  }
  return out;
}

const inside = (inner: DOMRect, outer: DOMRect) =>
  inner.width > 0 && inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;

/** Elements in the board's shadow root a Tab press can reach. */
const tabStops = (el: CkCaseloadBoard, within = '[part~="board"]') =>
  $$(el, `${within} :is(button, input, select, textarea, [tabindex])`).filter((n) => n.tabIndex >= 0 && !(n as HTMLButtonElement).disabled && n.getClientRects().length > 0);

/** `nodes` cover the scroller's viewport top to bottom, with no gap wider than a card gap. */
function coversViewport(scroller: HTMLElement, nodes: Element[]): boolean {
  const view = scroller.getBoundingClientRect();
  const shown = nodes.map((n) => n.getBoundingClientRect()).filter((r) => r.bottom > view.top && r.top < view.bottom);
  shown.sort((a, b) => a.top - b.top);
  if (!shown.length || shown[0]!.top > view.top + 12 || shown[shown.length - 1]!.bottom < view.bottom - 12) return false;
  return shown.every((r, i) => i === 0 || r.top - shown[i - 1]!.bottom <= 12);
}

/** A manager whose caseload queries wait while `hold()` is on (a slow storage). */
function slowManager(base: CaseManager) {
  let gate: Promise<void> | undefined;
  let open = () => {};
  const casesApi: CaseManager['cases'] = Object.assign(Object.create(base.cases) as CaseManager['cases'], {
    query: async (...args: Parameters<CaseManager['cases']['query']>) => {
      while (gate) await gate;
      return base.cases.query(...args);
    },
  });
  return {
    manager: Object.assign(Object.create(base) as CaseManager, { cases: casesApi }),
    hold() {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release() {
      gate = undefined;
      open();
    },
  };
}

describe('ck-caseload-board', () => {
  let setup: TestSetup;
  let cases: CaseRecord[];
  beforeEach(async () => {
    cases = caseloadCases();
    setup = await setupWith(cases);
  });

  it('renders the caseload in status columns and is accessible', async () => {
    const el = await mount(setup.manager);
    expect(names(el, 'active')).to.have.members(['María García', 'Thanh Nguyễn']);
    expect(names(el, 'referred')).to.deep.equal(['Aisha Haddad']);
    expect($(el, '[part~="summary"]')!.textContent).to.equal('6 cases');
    await expect(el).to.be.accessible();
  });

  it('shows column counts from cases.countBy', async () => {
    const el = await mount(setup.manager);
    const counts = await setup.manager.cases.countBy('status', {});
    for (const column of ['referred', 'intake', 'waitlist', 'active', 'on-hold', 'closed']) {
      expect($(el, `[data-column="${column}"] [part~="column-count"]`)!.textContent!.trim()).to.equal(String(counts[column] ?? 0));
    }
  });

  it('marks overdue and due-soon cases', async () => {
    const el = await mount(setup.manager);
    expect(card(el, 'María García').querySelector('[data-due]')!.getAttribute('data-due')).to.equal('overdue');
    expect(card(el, 'María García').textContent).to.contain('Overdue since Nov 20');
    expect(card(el, 'Thanh Nguyễn').querySelector('[data-due]')!.getAttribute('data-due')).to.equal('soon');
    expect(card(el, 'Aisha Haddad').querySelector('[data-due]')!.getAttribute('data-due')).to.equal('later');
    expect(card(el, 'Dmitri Ivanova').querySelector('[data-due]')).to.equal(null);
  });

  it("takes today from the manager (its clock and time zone), not the browser's date", async () => {
    // The manager says it is 1 December 2030 in Tonga: every dated open case here is overdue by its calendar.
    const later = setup.manager.withActor(PERSONAS.caseManager);
    const inTonga = Object.assign(Object.create(later) as CaseManager, { today: () => '2030-12-01' });
    const el = await fixture<CkCaseloadBoard>(html`<ck-caseload-board .manager=${inTonga}></ck-caseload-board>`);
    await el.loadComplete;
    expect(card(el, 'Aisha Haddad').querySelector('[data-due]')!.getAttribute('data-due')).to.equal('overdue');
    el.today = '2026-11-24'; // an explicit property still wins
    await el.updateComplete;
    expect(card(el, 'Aisha Haddad').querySelector('[data-due]')!.getAttribute('data-due')).to.equal('later');
  });

  it('never marks a closed case overdue, and leaves it out of "Overdue only"', async () => {
    const closed = { ...caseloadCases()[0]!, id: 'case-closed-late', clientName: 'Noor Smith', status: 'closed' as const, nextContactDue: '2026-10-01' };
    const withClosed = await setupWith([...caseloadCases(), closed]);
    const el = await mount(withClosed.manager);
    expect(card(el, 'Noor Smith').querySelector('[data-due="overdue"]')).to.equal(null);
    el.filters = { overdue: true };
    await el.loadComplete;
    await el.updateComplete;
    expect(names(el)).to.not.include('Noor Smith');
    expect(names(el)).to.include('María García');
  });

  it('filters by text, priority and overdue, and sorts', async () => {
    const el = await mount(setup.manager);
    const search = $<HTMLInputElement>(el, '[part~="search"]')!;
    search.value = 'maria';
    search.dispatchEvent(new Event('input'));
    await waitUntil(() => cards(el).length === 1, 'text filter applied');
    expect(names(el)).to.deep.equal(['María García']);
    search.value = '';
    search.dispatchEvent(new Event('input'));
    await waitUntil(() => cards(el).length === 6);

    const priority = $$<HTMLSelectElement>(el, '[part~="toolbar"] select').find((s) => s.closest('label')!.textContent!.includes('Priority'))!;
    const filterEvent = oneEvent(el, 'ck-filter-change');
    priority.value = 'high';
    priority.dispatchEvent(new Event('change'));
    expect((await filterEvent).detail.filters).to.deep.equal({ priority: 'high' });
    await settle(el);
    expect(names(el)).to.have.members(['Thanh Nguyễn', 'Luis Pérez']);

    el.filters = { overdue: true };
    await settle(el);
    // The manager's clock says 2026-11-24: only María's contact date (11-20) has passed.
    expect(names(el)).to.deep.equal(['María García']);

    el.filters = {};
    el.sort = 'priority';
    await settle(el);
    expect(names(el, 'active')).to.deep.equal(['María García', 'Thanh Nguyễn']);
    await expect(el).to.be.accessible();
  });

  it('sorts by risk, highest first, from the sort menu', async () => {
    const risky = caseloadCases().map((c) => (c.clientName === 'Thanh Nguyễn' ? { ...c, riskLevel: 'moderate' as const, nextContactDue: '2026-11-21' } : c));
    const withRisk = await setupWith([...risky, { ...risky[0]!, id: 'case-low-early', clientName: 'Noor Smith', riskLevel: 'low', priority: 'urgent', nextContactDue: '2026-11-01' }]);
    const el = await mount(withRisk.manager);
    const menu = $<HTMLSelectElement>(el, 'select[data-sort]') ?? $$<HTMLSelectElement>(el, 'select').find((s) => [...s.options].some((o) => o.value === 'risk:asc'))!;
    menu.value = 'risk:asc';
    menu.dispatchEvent(new Event('change'));
    await settle(el);
    expect(el.sort).to.equal('risk');
    // High (María), moderate (Thanh), then low, each by due date: Noor is due first but is low risk.
    expect(names(el, 'active')).to.deep.equal(['María García', 'Thanh Nguyễn', 'Noor Smith']);
  });

  it('switches between board and list views', async () => {
    const el = await mount(setup.manager);
    $(el, '[data-view="list"]')!.click();
    await settle(el);
    expect(el.view).to.equal('list');
    expect($(el, '[role="table"]')).to.exist;
    expect($$(el, '.list-body [role="row"]')).to.have.length(6);
    expect(cards(el)).to.have.length(0);
    await expect(el).to.be.accessible();
    $(el, '[data-view="board"]')!.click();
    await settle(el);
    expect(cards(el)).to.have.length(6);
  });

  it('moves a card with the keyboard through the state machine', async () => {
    const el = await mount(setup.manager);
    const aisha = card(el, 'Aisha Haddad');
    aisha.focus();
    key(aisha, ' ');
    await el.updateComplete;
    const live = $(el, '[role="status"]')!;
    expect(live.textContent).to.contain('Picked up Aisha Haddad from Referred');
    expect(live.textContent).to.contain('Intake');
    expect($(el, '[data-column="intake"]')!.classList.contains('drop-target')).to.equal(true);
    await expect(el).to.be.accessible();
    key(aisha, 'ArrowRight'); // intake -> waitlist (cancelled is not a column)
    await el.updateComplete;
    expect(live.textContent).to.contain('Waitlist');
    const moved = oneEvent(el, 'ck-case-moved');
    key(aisha, ' ');
    expect((await moved).detail.to).to.equal('waitlist');
    expect((await setup.manager.cases.get(aisha.dataset.id!)).status).to.equal('waitlist');
    await settle(el);
    expect(names(el, 'waitlist')).to.include('Aisha Haddad');
    expect(live.textContent).to.contain('Aisha Haddad moved to Waitlist');
  });

  it('cancels a keyboard pick-up with Escape', async () => {
    const el = await mount(setup.manager);
    const aisha = card(el, 'Aisha Haddad');
    aisha.focus();
    key(aisha, ' ');
    key(aisha, 'Escape');
    await el.updateComplete;
    expect($(el, '.drop-target')).to.equal(null);
    expect((await setup.manager.cases.get(aisha.dataset.id!)).status).to.equal('referred');
  });

  it('moves a card by drag and drop', async () => {
    const el = await mount(setup.manager);
    const thanh = card(el, 'Thanh Nguyễn');
    drag(el, thanh, 'on-hold');
    await waitUntil(async () => (await setup.manager.cases.get(thanh.dataset.id!)).status === 'on-hold', 'moved to on hold');
    await settle(el);
    expect(names(el, 'on-hold')).to.have.members(['Grace Okafor', 'Thanh Nguyễn']);
    expect($(el, '[data-column="on-hold"] [part~="column-count"]')!.textContent!.trim()).to.equal('2');
  });

  it('explains a refused transition and changes nothing', async () => {
    const el = await mount(setup.manager);
    const aisha = card(el, 'Aisha Haddad');
    const error = oneEvent(el, 'ck-error');
    drag(el, aisha, 'closed');
    expect((await error).detail.code).to.equal('transition');
    await el.updateComplete;
    const alert = $(el, '[part~="alert"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain("A case can't move from Referred to Closed");
    expect(alert.textContent).to.contain('Intake, Waitlist, Cancelled, or Entered in error');
    expect((await setup.manager.cases.get(aisha.dataset.id!)).status).to.equal('referred');
    await expect(el).to.be.accessible();
  });

  it('asks for a closure reason in a dialog before closing', async () => {
    const el = await mount(setup.manager);
    const maria = card(el, 'María García');
    drag(el, maria, 'closed');
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Move María García');
    await expect(el).to.be.accessible();

    // Submitting without a reason shows the problem beside the field and writes nothing.
    dialog.querySelector<HTMLButtonElement>('[type="submit"]')!.click();
    await el.updateComplete;
    const select = dialog.querySelector<HTMLSelectElement>('select[name="closureReason"]')!;
    expect(select.getAttribute('aria-invalid')).to.equal('true');
    expect(dialog.querySelector('#closure-error')!.textContent).to.equal('Reason for closing is required.');
    expect((await setup.manager.cases.get(maria.dataset.id!)).status).to.equal('active');
    await expect(el).to.be.accessible();

    select.value = 'goals-met';
    dialog.querySelector<HTMLTextAreaElement>('textarea[name="reason"]')!.value = 'Housing secured';
    dialog.querySelector<HTMLButtonElement>('[type="submit"]')!.click();
    await waitUntil(async () => (await setup.manager.cases.get(maria.dataset.id!)).status === 'closed', 'closed');
    const closed = await setup.manager.cases.get(maria.dataset.id!);
    expect(closed.closure).to.deep.equal({ reason: 'goals-met', note: 'Housing secured' });
    await el.updateComplete;
    expect(dialog.open).to.equal(false);
  });

  it('moves through the Move dialog, to statuses without a column too', async () => {
    const el = await mount(setup.manager);
    const aisha = card(el, 'Aisha Haddad');
    aisha.querySelector<HTMLButtonElement>('[part~="move-button"]')!.click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    const to = dialog.querySelector<HTMLSelectElement>('select[name="to"]')!;
    expect([...to.options].map((o) => o.value)).to.deep.equal(['intake', 'waitlist', 'cancelled', 'entered-in-error']);
    to.value = 'cancelled';
    to.dispatchEvent(new Event('change'));
    await el.updateComplete;
    dialog.querySelector<HTMLButtonElement>('[type="submit"]')!.click();
    await waitUntil(async () => (await setup.manager.cases.get(aisha.dataset.id!)).status === 'cancelled');
  });

  it('fires ck-case-open on click and Enter', async () => {
    const el = await mount(setup.manager);
    const maria = card(el, 'María García');
    let opened = oneEvent(el, 'ck-case-open');
    maria.click();
    let event = await opened;
    expect(event.detail.caseId).to.equal(maria.dataset.id);
    expect(event.detail.record.clientName).to.equal('María García');
    expect(event.composed && event.bubbles).to.equal(true);
    opened = oneEvent(el, 'ck-case-open');
    key(maria, 'Enter');
    event = await opened;
    expect(event.detail.clientId).to.equal(cases[0]!.clientId);
  });

  it('lets the host veto a move with ck-case-move', async () => {
    const el = await mount(setup.manager);
    const thanh = card(el, 'Thanh Nguyễn');
    el.addEventListener('ck-case-move', (e) => {
      expect(e.detail).to.include({ field: 'status', from: 'active', to: 'on-hold', via: 'drag' });
      e.preventDefault();
    });
    drag(el, thanh, 'on-hold');
    await aTimeout(20);
    expect((await setup.manager.cases.get(thanh.dataset.id!)).status).to.equal('active');
    expect($(el, '[role="status"]')!.textContent).to.contain('Thanh Nguyễn was not moved');
  });

  it('shows a permission error in plain words (the policy changed after the card was picked up)', async () => {
    let allowMoves = true;
    const changing = await setupWith(caseloadCases(), (r) => allowMoves || r.action === 'read');
    const el = await mount(changing.manager);
    const thanh = card(el, 'Thanh Nguyễn');
    thanh.focus();
    key(thanh, ' ');
    await el.updateComplete;
    expect($(el, '.drop-target')).to.exist;
    allowMoves = false;
    key(thanh, ' ');
    await waitUntil(() => $(el, '[part~="alert"]'), 'alert shown');
    expect($(el, '[part~="alert"]')!.textContent).to.contain("You don't have permission to change the status of this case");
    expect((await changing.manager.cases.get(thanh.dataset.id!)).status).to.equal('active');
  });

  describe('follows the policy, not role names', () => {
    for (const [who, actor, policy] of [
      ['an auditor (custom policy)', auditor, auditorPolicy],
      ['a viewer (default policy)', PERSONAS.viewer, undefined],
    ] as const) {
      it(`offers ${who} no moves (no Move button, drag or pick-up) but still opens cases, and is accessible`, async () => {
        const s = await setupWith(caseloadCases(), policy);
        const el = await mount(s.as(actor));
        expect(cards(el)).to.have.length(6);
        expect($$(el, '[part~="move-button"]')).to.have.length(0);
        expect(cards(el).every((c) => c.getAttribute('draggable') === 'false' && c.getAttribute('aria-describedby') === 'card-hint-open')).to.equal(true);
        expect($(el, '#card-hint-open')!.textContent).to.equal('Press Enter to open.');
        const thanh = card(el, 'Thanh Nguyễn');
        // Keyboard: Space picks nothing up, M opens no dialog.
        thanh.focus();
        key(thanh, ' ');
        key(thanh, 'm');
        await el.updateComplete;
        expect($(el, '.drop-target, .drop-allowed')).to.equal(null);
        expect($(el, '[role="status"]')!.textContent).not.to.contain('Picked up');
        expect($<HTMLDialogElement>(el, 'dialog')!.open).to.equal(false);
        // Drag: nothing starts, nothing is refused.
        drag(el, thanh, 'on-hold');
        await settle(el);
        expect($(el, '[part~="alert"]')).to.equal(null);
        expect((await s.manager.cases.get(thanh.dataset.id!)).status).to.equal('active');
        // Opening still works.
        const opened = oneEvent(el, 'ck-case-open');
        key(thanh, 'Enter');
        expect((await opened).detail.caseId).to.equal(thanh.dataset.id);
        await expect(el).to.be.accessible();

        const list = await mount(s.as(actor), { view: 'list' });
        expect($$(list, '.list-body [role="row"]')).to.have.length(6);
        expect($$(list, '[part~="move-button"]')).to.have.length(0);
        await expect(list).to.be.accessible();

        // The case manager of these cases, under the same policy, may move them.
        const own = await mount(s.manager);
        expect($$(own, '[part~="move-button"]')).to.have.length(6);
        expect(cards(own).every((c) => c.getAttribute('draggable') === 'true')).to.equal(true);
      });
    }

    it('groups by priority: moves need update permission on the case', async () => {
      const s = await setupWith(caseloadCases(), (r) => r.action !== 'update');
      const el = await mount(s.manager);
      expect($$(el, '[part~="move-button"]')).to.have.length(6);
      el.groupBy = 'priority';
      await settle(el);
      expect($$(el, '[part~="move-button"]')).to.have.length(0);
    });

    it('shows the assignee filter when the cases loaded have more than one assignee, or assignees are given', async () => {
      const mixed = caseloadCases();
      mixed[1] = { ...mixed[1]!, assigneeId: PERSONAS.otherCaseManager.id, assigneeName: PERSONAS.otherCaseManager.name };
      const s = await setupWith(mixed, auditorPolicy);
      for (const actor of [auditor, PERSONAS.supervisor]) {
        const el = await mount(s.as(actor));
        expect(filterLabels(el), actor.role).to.include('Case manager');
        const options = [...$$(el, '[part~="toolbar"] select')[0]!.querySelectorAll('option')].map((o) => o.textContent!.trim());
        expect(options, actor.role).to.have.members(['Any', 'Marta Alvarez', 'Devon Baker']);
      }
      // One assignee: no filter, whoever looks, unless the host names assignees the actor may see
      // (a case manager sees only their own caseload: no filter; see caseload-board-scope.test.ts).
      const single = await setupWith(caseloadCases());
      const named = { assignees: [{ id: PERSONAS.caseManager.id, name: 'Marta Alvarez' }] };
      expect(filterLabels(await mount(single.as(PERSONAS.supervisor)))).not.to.include('Case manager');
      expect(filterLabels(await mount(single.manager))).not.to.include('Case manager');
      expect(filterLabels(await mount(single.as(PERSONAS.supervisor), named))).to.include('Case manager');
      expect(filterLabels(await mount(single.manager, named))).not.to.include('Case manager');
    });
  });

  it('groups by priority and moves priority with the keyboard', async () => {
    const el = await mount(setup.manager);
    el.groupBy = 'priority';
    await settle(el);
    expect(names(el, 'urgent')).to.deep.equal(['María García']);
    const dmitri = card(el, 'Dmitri Ivanova');
    dmitri.focus();
    key(dmitri, ' '); // targets: urgent, high, medium
    key(dmitri, ' ');
    await waitUntil(async () => (await setup.manager.cases.get(dmitri.dataset.id!)).priority === 'urgent');
    await settle(el);
    expect(names(el, 'urgent')).to.have.members(['María García', 'Dmitri Ivanova']);
  });

  it('speaks Spanish under an ancestor with lang="es" and switches at run time', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><ck-caseload-board .manager=${setup.manager} today=${TODAY}></ck-caseload-board></div>`);
    const el = wrapper.querySelector('ck-caseload-board')!;
    await el.loadComplete;
    expect($(el, '[data-column="active"] [part~="column-header"]')!.textContent).to.contain('Activo');
    expect($(el, '[part~="summary"]')!.textContent).to.equal('6 casos');
    expect(card(el, 'María García').textContent).to.contain('Vencido desde 20 nov');
    expect($(el, '[data-view="list"]')!.textContent!.trim()).to.equal('Lista');
    await expect(el).to.be.accessible();

    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => $(el, '[data-column="active"] [part~="column-header"]')!.textContent!.includes('Active'), 'switched to English');
    expect($(el, '[part~="summary"]')!.textContent).to.equal('6 cases');

    wrapper.setAttribute('lang', 'es-MX');
    wrapper.setAttribute('dir', 'rtl');
    await waitUntil(() => $(el, '.root')!.getAttribute('dir') === 'rtl');
    expect($(el, '[data-column="active"] [part~="column-header"]')!.textContent).to.contain('Activo');
  });

  it('shows refused-transition messages in Spanish', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><ck-caseload-board .manager=${setup.manager} today=${TODAY}></ck-caseload-board></div>`);
    const el = wrapper.querySelector('ck-caseload-board')!;
    await el.loadComplete;
    drag(el, card(el, 'Aisha Haddad'), 'closed');
    await el.updateComplete;
    expect($(el, '[part~="alert"]')!.textContent).to.contain('Un caso no puede pasar de Derivado a Cerrado');
  });

  it('re-renders when another manager changes the same storage', async () => {
    const el = await mount(setup.manager);
    const other = setup.as(PERSONAS.supervisor);
    const grace = cases.find((c) => c.clientName === 'Grace Okafor')!;
    await other.cases.transition({ id: grace.id, version: grace.version }, 'active');
    await waitUntil(() => names(el, 'active').includes('Grace Okafor'), 'board followed the change');
    expect($(el, '[data-column="on-hold"] [part~="column-count"]')!.textContent!.trim()).to.equal('0');
    await other.cases.update({ id: grace.id, version: grace.version + 1 }, { title: 'Rent arrears' });
    await waitUntil(() => card(el, 'Grace Okafor').textContent!.includes('Rent arrears'));
  });

  it('re-renders on remote change notifications (another tab)', async () => {
    const el = await mount(setup.manager);
    const record = { ...cases[3]!, status: 'active' as const, version: 2 };
    // A storage adapter reports another tab's commit as a batch with `remote: true`; load() stands in for it here.
    await setup.storage.load([{ collection: 'cases', records: [record] }]);
    await waitUntil(() => names(el, 'active').includes('Dmitri Ivanova'));
  });

  it('does not reload for the audit events its own reads write', async () => {
    // Every read of personal data writes a `read` audit event, which is a change. The worst case: a
    // manager whose subscribe passes every storage batch through (audit-only ones too) and whose
    // caseload query writes such an event on each call. The board must load and then stay put.
    let queries = 0;
    const casesApi: CaseManager['cases'] = Object.assign(Object.create(setup.manager.cases) as CaseManager['cases'], {
      query: async (...args: Parameters<CaseManager['cases']['query']>) => {
        const page = await setup.manager.cases.query(...args);
        queries++;
        await setup.storage.commit([{ type: 'put', collection: 'audit', record: { id: `audit-read-${queries}`, version: 1 }, expectedVersion: 0 }]);
        return page;
      },
    });
    const manager: CaseManager = Object.assign(Object.create(setup.manager) as CaseManager, {
      cases: casesApi,
      subscribe: (listener: (batch: ChangeBatch) => void) => setup.storage.subscribe(listener),
    });
    const el = await mount(manager);
    const loaded = queries;
    expect(loaded).to.be.greaterThan(0);
    await aTimeout(100);
    await el.loadComplete;
    expect(queries, 'no reload after the reads were audited').to.equal(loaded);
    // A change to a case still reloads, a bounded number of times.
    const grace = cases.find((c) => c.clientName === 'Grace Okafor')!;
    await setup.as(PERSONAS.supervisor).cases.transition({ id: grace.id, version: grace.version }, 'active');
    await waitUntil(() => names(el, 'active').includes('Grace Okafor'), 'board followed the change');
    const afterChange = queries;
    await aTimeout(100);
    expect(queries).to.equal(afterChange);
    // (`loaded` queries make one load: one per column; a burst of changes costs at most two loads.)
    expect(afterChange - loaded).to.be.at.most(2 * loaded);
  });

  it('renders record data as text, never as HTML', async () => {
    const hostile = { ...cases[0]!, clientName: '<img src=x onerror="window.__ckXss=1">', title: '<b>bold</b>' };
    await setup.storage.load([{ collection: 'cases', records: [hostile] }]);
    const el = await mount(setup.manager);
    expect($$(el, 'img, b')).to.have.length(0);
    expect(names(el)).to.include('<img src=x onerror="window.__ckXss=1">');
    expect((window as { __ckXss?: number }).__ckXss).to.equal(undefined);
    $(el, '[data-view="list"]')!.click();
    await settle(el);
    expect($$(el, 'img, b')).to.have.length(0);
  });

  it('gets its manager from an ancestor ck-provider', async () => {
    const wrapper = await fixture<HTMLElement>(html`<ck-provider .manager=${setup.manager}><section><ck-caseload-board today=${TODAY}></ck-caseload-board></section></ck-provider>`);
    const el = wrapper.querySelector('ck-caseload-board')!;
    await waitUntil(() => cards(el).length === 6, 'loaded through the provider');
    await expect(wrapper).to.be.accessible();
  });

  it('is accessible in the dark theme and at 360 px wide', async () => {
    const css = await (await fetch(new URL('../../themes/default.css', import.meta.url))).text();
    const style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div data-ck-theme="dark" style="width: 360px; background: #111827"><ck-caseload-board .manager=${setup.manager} today=${TODAY}></ck-caseload-board></div>`,
      );
      const el = wrapper.querySelector('ck-caseload-board')!;
      await el.loadComplete;
      expect(getComputedStyle(card(el, 'María García')).backgroundColor).to.equal('rgb(31, 41, 55)');
      expect(el.getBoundingClientRect().width).to.equal(360);
      await expect(el).to.be.accessible();
      $(el, '[data-view="list"]')!.click();
      await settle(el);
      await expect(el).to.be.accessible();
    } finally {
      style.remove();
    }
  });

  describe('cards grow with their content', () => {
    for (const width of [320, 1280, 1920]) {
      for (const lang of ['en', 'es']) {
        it(`shows every risk, due and need badge uncut at ${width} px (${lang})`, async () => {
          const s = await setupWith(busyCases());
          const wrapper = await fixture<HTMLDivElement>(
            html`<div lang=${lang} style="width: ${width}px"><ck-caseload-board .manager=${s.manager} today=${TODAY} style="--ck-caseload-board-height: 900px"></ck-caseload-board></div>`,
          );
          const el = wrapper.querySelector('ck-caseload-board')!;
          await el.loadComplete;
          expect(cards(el)).to.have.length(6);
          for (const c of cards(el)) {
            c.scrollIntoView({ block: 'nearest', inline: 'nearest' });
            await settle(el);
            const fresh = $(el, `[part~="card"][data-id="${c.dataset.id}"]`)!;
            const badges = [...fresh.querySelectorAll<HTMLElement>('[part~="badge"]')];
            const cardRect = fresh.getBoundingClientRect();
            for (const badge of badges) {
              const rect = badge.getBoundingClientRect();
              expect(inside(rect, cardRect), `${badge.textContent} inside its card`).to.equal(true);
              for (const clip of clippingAncestors(badge, el)) {
                expect(inside(rect, clip.getBoundingClientRect()), `${badge.textContent} not clipped by ${clip.className}`).to.equal(true);
              }
            }
            expect(badges.length, 'priority, due, risk and four needs').to.equal(7);
          }
          await expect(el).to.be.accessible();
        });
      }
    }

    it('lays out cards of different heights without overlap', async () => {
      const mixed = busyCases().map((c, i) => (i % 2 ? { ...c, needs: [], riskLevel: 'low' as const } : c));
      for (const c of mixed) c.status = 'active';
      const s = await setupWith(mixed);
      const el = await mount(s.manager);
      const column = cards(el, 'active').sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      expect(column).to.have.length(6);
      for (let i = 1; i < column.length; i++) {
        expect(column[i]!.getBoundingClientRect().top).to.be.at.least(column[i - 1]!.getBoundingClientRect().bottom);
      }
    });
  });

  it('names each badge with its own part', async () => {
    const s = await setupWith(busyCases());
    const el = await mount(s.manager);
    const maria = card(el, 'María García');
    for (const part of ['priority-badge', 'due-badge', 'risk-badge', 'need-badge']) {
      const badge = maria.querySelector(`[part~="${part}"]`);
      expect(badge, part).to.exist;
      expect(badge!.getAttribute('part')!.split(' ')).to.include('badge');
    }
    expect(maria.querySelectorAll('[part~="need-badge"]')).to.have.length(4);
  });

  describe('keyboard focus', () => {
    const active = (el: CkCaseloadBoard) => el.shadowRoot!.activeElement as HTMLElement | null;

    it('keeps focus on a card moved with the keyboard, in its new column', async () => {
      const el = await mount(setup.manager);
      const aisha = card(el, 'Aisha Haddad');
      aisha.focus();
      key(aisha, ' ');
      const moved = oneEvent(el, 'ck-case-moved');
      key(aisha, ' ');
      await moved;
      await settle(el);
      await waitUntil(() => active(el)?.closest('[data-column]')?.getAttribute('data-column') === 'intake', 'focus followed the card');
      expect(active(el)!.dataset.id).to.equal(aisha.dataset.id);
      expect(document.activeElement === el, 'the board has focus').to.equal(true);
    });

    it('puts focus back on the case that was open when the host shows the board again', async () => {
      const el = await mount(setup.manager);
      const thanh = card(el, 'Thanh Nguyễn');
      thanh.focus();
      key(thanh, 'Enter');
      // The host navigates to the case (the board leaves the page), then back.
      const parent = el.parentElement!;
      el.remove();
      (document.activeElement as HTMLElement | null)?.blur();
      parent.append(el);
      await settle(el);
      await waitUntil(() => active(el)?.dataset.id === thanh.dataset.id, 'focus restored on reconnect');

      // A new board element (the host rendered a fresh one): focusCase() does it.
      const fresh = await mount(setup.manager);
      expect(await fresh.focusCase(thanh.dataset.id!)).to.equal(true);
      expect(active(fresh)!.dataset.id).to.equal(thanh.dataset.id);
      expect(await fresh.focusCase('no-such-case')).to.equal(false);
    });

    it('has one Tab stop for the cards and moves between them with the arrow keys, Home and End', async () => {
      const el = await mount(setup.manager);
      expect(tabStops(el), 'one roving Tab stop on the board').to.have.length(1);
      const listboxes = $$(el, '[part~="column-body"] [role="listbox"]');
      expect(listboxes.length).to.be.greaterThan(0);
      expect(cards(el).every((c) => c.getAttribute('role') === 'option')).to.equal(true);
      const first = tabStops(el)[0]!;
      first.focus();
      // Referred (Aisha) -> Right -> Intake (Dmitri) -> Right -> Waitlist (Luis) -> Right -> Active (María)
      expect(active(el)!.textContent).to.contain('Aisha Haddad');
      key(active(el)!, 'ArrowRight');
      await el.updateComplete;
      expect(active(el)!.textContent).to.contain('Dmitri Ivanova');
      key(active(el)!, 'ArrowRight');
      key(active(el)!, 'ArrowRight');
      await el.updateComplete;
      expect(active(el)!.textContent).to.contain('María García');
      key(active(el)!, 'ArrowDown');
      await settle(el);
      expect(active(el)!.textContent).to.contain('Thanh Nguyễn');
      key(active(el)!, 'Home');
      await settle(el);
      expect(active(el)!.textContent).to.contain('María García');
      key(active(el)!, 'End');
      await settle(el);
      expect(active(el)!.textContent).to.contain('Thanh Nguyễn');
      key(active(el)!, 'ArrowLeft');
      await el.updateComplete;
      expect(active(el)!.textContent).to.contain('Luis Pérez');
      // The Tab stop followed focus.
      expect(tabStops(el).length === 1 && tabStops(el)[0] === active(el), 'the Tab stop is the focused card').to.equal(true);
      // The Move dialog is one key away.
      key(active(el)!, 'm');
      await el.updateComplete;
      expect($<HTMLDialogElement>(el, 'dialog')!.open).to.equal(true);
      $<HTMLButtonElement>(el, 'dialog .actions button')!.click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('focus() lands on the current card', async () => {
      const el = await mount(setup.manager);
      el.focus();
      expect(document.activeElement === el, 'the board has focus').to.equal(true);
      expect(active(el)?.getAttribute('part')).to.equal('card');
      const grace = card(el, 'Grace Okafor');
      grace.focus();
      grace.blur();
      el.focus();
      expect(active(el)?.dataset.id).to.equal(grace.dataset.id);
    });
  });

  describe('while a page is loading', () => {
    let many: TestSetup;
    before(async () => {
      many = createTestSetup();
      await many.storage.load([{ collection: 'cases', records: fixtureCases(600) }]);
    });

    it('shows skeleton cards of the right size where cases are still loading, then the cases', async () => {
      const slow = slowManager(many.as(PERSONAS.supervisor));
      const el = await mount(slow.manager);
      const body = $(el, '[data-column="active"] [part~="column-body"]')!;
      slow.hold();
      body.scrollTop = body.scrollHeight * 0.6;
      body.dispatchEvent(new Event('scroll'));
      await el.updateComplete;
      await aTimeout(30);
      const skeletons = $$(el, '[data-column="active"] [part~="card-skeleton"]');
      expect(skeletons.length, 'skeletons while loading').to.be.greaterThan(0);
      expect(coversViewport(body, [...cards(el, 'active'), ...skeletons]), 'cards and skeletons fill the viewport').to.equal(true);
      const view = body.getBoundingClientRect();
      expect(skeletons.every((s) => s.getAttribute('aria-hidden') === 'true')).to.equal(true);
      slow.release();
      await settle(el);
      await waitUntil(() => $$(el, '[data-column="active"] [part~="card-skeleton"]').every((s) => s.getBoundingClientRect().top > view.bottom || s.getBoundingClientRect().bottom < view.top));
      expect(cards(el, 'active').some((c) => c.getBoundingClientRect().top < view.bottom && c.getBoundingClientRect().bottom > view.top)).to.equal(true);
    });

    it('prefetches the next window of a column before the user scrolls to it', async () => {
      const slow = slowManager(many.as(PERSONAS.supervisor));
      const el = await fixture<CkCaseloadBoard>(html`<ck-caseload-board .manager=${slow.manager} today=${TODAY} page-size="5"></ck-caseload-board>`);
      await el.loadComplete;
      await aTimeout(50);
      await el.loadComplete;
      const body = $(el, '[data-column="active"] [part~="column-body"]')!;
      slow.hold();
      body.scrollTop += body.clientHeight;
      body.dispatchEvent(new Event('scroll'));
      await el.updateComplete;
      expect(coversViewport(body, cards(el, 'active')), 'real cards one viewport down').to.equal(true);
      slow.release();
      await el.loadComplete;
    });

    it('loadComplete waits for a held page without a polling timer, and resolves once it lands', async () => {
      const slow = slowManager(many.as(PERSONAS.supervisor));
      const el = await mount(slow.manager);
      const delays: number[] = [];
      const realSetTimeout = window.setTimeout;
      window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
        delays.push(delay ?? 0);
        return realSetTimeout(handler, delay, ...args);
      }) as typeof window.setTimeout;
      try {
        slow.hold();
        void el.refresh();
        let done = false;
        const waiting = el.loadComplete.then(() => (done = true));
        await new Promise((resolve) => realSetTimeout(resolve, 40));
        expect(done, 'still loading while the storage is held').to.equal(false);
        expect(delays.filter((d) => d < 20), 'no short timers while waiting').to.deep.equal([]);
        slow.release();
        await waiting;
        expect(cards(el, 'active').length).to.be.greaterThan(0);
      } finally {
        window.setTimeout = realSetTimeout;
        slow.release();
      }
    });
  });

  describe('with 10,000 cases', () => {
    let big: TestSetup;
    before(async () => {
      big = createTestSetup();
      await big.storage.load([{ collection: 'cases', records: fixtureCases(10_000) }]);
    });

    it('keeps at most 150 cards in the DOM and pages in as the user scrolls', async () => {
      const el = await mount(big.as(PERSONAS.supervisor));
      const total = [...$$(el, '[part~="column-count"]')].reduce((n, c) => n + Number(c.textContent!.replace(/\D/g, '')), 0);
      expect(total).to.be.greaterThan(8000);
      expect(cards(el).length).to.be.at.most(150).and.greaterThan(10);
      const active = $(el, '[data-column="active"] [part~="column-body"]')!;
      const activeTotal = Number($(el, '[data-column="active"] [part~="column-count"]')!.textContent!.replace(/\D/g, ''));
      expect(activeTotal).to.be.greaterThan(5000);
      active.scrollTop = active.scrollHeight / 2;
      active.dispatchEvent(new Event('scroll'));
      await waitUntil(() => cards(el, 'active').some((c) => Number(c.dataset.index) > activeTotal / 2 - 20), 'paged to the middle', { timeout: 10_000 });
      await el.loadComplete;
      expect(cards(el).length).to.be.at.most(150);
      expect(cards(el, 'active').every((c) => c.querySelector('[part~="card-name"]')!.textContent!.length > 0)).to.equal(true);
    });

    it('keeps focus on a card of the column when the focused card scrolls out of the window', async () => {
      const el = await mount(big.as(PERSONAS.supervisor));
      const first = cards(el, 'active')[0]!;
      first.focus();
      const body = $(el, '[data-column="active"] [part~="column-body"]')!;
      body.scrollTop = body.scrollHeight / 3;
      body.dispatchEvent(new Event('scroll'));
      await settle(el);
      expect(first.isConnected, 'the focused card left the DOM').to.equal(false);
      const active = el.shadowRoot!.activeElement as HTMLElement | null;
      expect(active?.getAttribute('part')).to.equal('card');
      expect(active!.closest('[data-column]')!.getAttribute('data-column')).to.equal('active');
      expect(body.scrollTop).to.be.greaterThan(1000);
    });

    it('keeps at most 150 rows in the list view', async () => {
      const el = await mount(big.as(PERSONAS.supervisor), { view: 'list' });
      const rows = () => $$(el, '.list-body [role="row"]');
      expect(rows().length).to.be.at.most(150).and.greaterThan(5);
      const body = $(el, '.list-body')!;
      body.scrollTop = 200_000;
      body.dispatchEvent(new Event('scroll'));
      await waitUntil(() => rows().some((r) => Number(r.dataset.index) > 3000), 'scrolled far', { timeout: 10_000 });
      expect(rows().length).to.be.at.most(150);
    });
  });
});
