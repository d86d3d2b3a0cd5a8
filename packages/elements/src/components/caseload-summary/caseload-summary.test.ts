import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { OPEN_CASE_STATUSES, type CaseloadQuery, type CaseloadReport, type CaseManager, type CaseManagerOptions } from '@casekit/core';
import { auditTally, createTestSetup, PERSONAS, type TestSetup } from '@casekit/core/testing';
import '../../define.js';
import type { CaseloadFilters, CkCaseloadBoard } from '../caseload-board/caseload-board.component.js';
import type { SummarySelectDetail } from '../../events/events.js';
import { summaryRange, type CkCaseloadSummary } from './caseload-summary.component.js';

const FROM = '2026-11-01';
const TO = '2026-11-30';

/**
 * November on Marta Alvarez's caseload: Ana and Ben came in as referrals; Ana was referred to a
 * food bank three times (one completed, one declined, one never answered), Ben's contact is overdue
 * and urgent; Ana's plan has one achieved goal and one not yet assessed.
 */
async function november(options: Partial<CaseManagerOptions> = {}): Promise<TestSetup> {
  const setup = createTestSetup(options);
  setup.clock.set('2026-11-01T09:00:00.000Z');
  const open = async (given: string, toIntake: number) => {
    const { client } = await setup.manager.clients.create({ name: { given: [given], family: 'Okafor' } });
    let record = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'referred', nextContactDue: '2026-11-30' });
    setup.clock.advanceDays(toIntake);
    record = await setup.manager.cases.transition(record, 'intake');
    return setup.manager.cases.transition(record, 'active');
  };
  const a = await open('Ana', 2);
  const b = await open('Ben', 4);
  await setup.manager.cases.update(b, { nextContactDue: '2026-11-03', priority: 'urgent' });
  await setup.manager.consents.record({ clientId: a.clientId, scope: 'share-with-provider', grantee: { name: 'Food Bank' }, purpose: 'Arrange services', source: 'verbal' });
  const refer = (reason: string) => setup.manager.referrals.create({ caseId: a.id, reason, send: true, service: { organizationName: 'Food Bank', serviceName: 'Pantry', category: 'food' } });
  let r1 = await refer('Food');
  const r2 = await refer('Food again');
  await refer('Never answered');
  setup.clock.advanceDays(3);
  r1 = await setup.manager.referrals.transition(r1, 'accepted', { recordedFor: 'performer' });
  await setup.manager.referrals.transition(r1, 'completed', { recordedFor: 'performer', outcome: { code: 'service-provided' } });
  setup.clock.advanceDays(2);
  await setup.manager.referrals.transition(r2, 'rejected', { recordedFor: 'performer', reason: 'Full' });
  let plan = await setup.manager.plans.create(a.id, { title: 'Plan', goals: [{ needDomain: 'food', description: 'Enough food' }, { needDomain: 'housing', description: 'Stay housed' }] });
  plan = await setup.manager.plans.addProgress(plan, plan.goals[0]!.id, { text: 'Enrolled', achievementStatus: 'achieved' });
  setup.clock.set('2026-11-20T09:00:00.000Z');
  return setup;
}

async function mount(manager: CaseManager): Promise<CkCaseloadSummary> {
  const el = await fixture<CkCaseloadSummary>(html`<ck-caseload-summary .manager=${manager} from=${FROM} to=${TO}></ck-caseload-summary>`);
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
/** Intl puts (narrow) no-break spaces in some formats, e.g. Spanish `67 %`; compare with plain spaces. */
const text = (node: Node) => node.textContent!.replace(/\s+/g, ' ').trim();
/** A table's rows as `{ key: cell text }`. */
const tableOf = (el: CkCaseloadSummary, id: string) =>
  Object.fromEntries([...$(el, `table[data-table="${id}"]`)!.querySelectorAll<HTMLElement>('tbody tr')].map((tr) => [tr.dataset.key!, text(tr.querySelector('td')!)]));
/** The text an `aria-labelledby` list points at, joined as a screen reader would. */
const labelledBy = (el: CkCaseloadSummary, node: Element) =>
  node
    .getAttribute('aria-labelledby')!
    .split(' ')
    .map((id) => el.shadowRoot!.getElementById(id)?.textContent ?? '')
    .join(' ');

/** The query `<ck-caseload-board>` makes of its `filters` and status `columns` (its `baseQuery`). */
function boardQuery(filters: CaseloadFilters, columns: string[]): CaseloadQuery {
  return {
    ...(filters.assigneeId ? { assigneeId: filters.assigneeId } : {}),
    ...(filters.program ? { program: [filters.program] } : {}),
    ...(filters.priority ? { priority: [filters.priority] } : {}),
    ...(filters.overdue ? { overdue: true } : {}),
    status: columns as CaseloadQuery['status'],
  };
}

/** Clicks a control and returns the `ck-summary-select` it fired. */
async function choose(el: CkCaseloadSummary, button: HTMLElement): Promise<SummarySelectDetail> {
  const event = oneEvent(el, 'ck-summary-select');
  button.click();
  return (await event).detail;
}

/** The number a control shows: a bar's "Active: 2", a stat's value, the heading's "2 open cases". */
const shownNumber = (button: HTMLElement) => Number((button.querySelector('.stat-value')?.textContent ?? button.getAttribute('aria-label') ?? button.textContent!).match(/\d+/g)!.at(-1));

describe('ck-caseload-summary', () => {
  let setup: TestSetup;
  let expected: CaseloadReport;
  beforeEach(async () => {
    setup = await november();
    expected = await setup.as(PERSONAS.supervisor).reports.caseload({ ...summaryRange(FROM, TO) });
  });

  it('is accessible and asks core for the period given by from/to', async () => {
    const el = await mount(setup.as(PERSONAS.supervisor));
    expect(el.report!.range).to.deep.equal({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    expect($(el, '[part~="range"]')!.textContent).to.equal('Nov 1, 2026 – Nov 30, 2026');
    await expect(el).to.be.accessible();
  });

  it('focus() goes to the first number that is a button (open cases)', async () => {
    const el = await mount(setup.as(PERSONAS.supervisor));
    el.focus();
    expect(document.activeElement === el, 'the host has focus').to.be.true;
    expect(el.shadowRoot!.activeElement === $(el, '[data-select="openCases"]'), 'the open-cases button').to.be.true;
  });

  it('shows the same numbers as the report in its tables', async () => {
    const el = await mount(setup.as(PERSONAS.supervisor));
    expect(el.report).to.deep.equal(expected);
    const byStatus = tableOf(el, 'status');
    expect(byStatus).to.deep.equal({ referred: '0', intake: '0', waitlist: '0', active: String(expected.openCases.byStatus['active']), 'on-hold': '0' });
    expect(tableOf(el, 'priority')).to.deep.equal({
      urgent: String(expected.openCases.byPriority['urgent'] ?? 0),
      high: String(expected.openCases.byPriority['high'] ?? 0),
      medium: String(expected.openCases.byPriority['medium'] ?? 0),
      low: String(expected.openCases.byPriority['low'] ?? 0),
    });
    const r = expected.referrals;
    expect(tableOf(el, 'referrals')).to.deep.equal({
      sent: String(r.sent),
      accepted: String(r.accepted),
      completed: String(r.completed),
      rejected: String(r.rejected),
      failed: String(r.failed),
      loopClosureRate: `${Math.round(r.loopClosureRate! * 100)}%`,
      medianDaysToAcceptance: `${r.medianDaysToAcceptance} days`,
      awaitingAcknowledgementOverdue: String(r.awaitingAcknowledgementOverdue),
    });
    expect(tableOf(el, 'goals')).to.deep.equal({
      achieved: String(expected.goals.achieved),
      inProgress: String(expected.goals.inProgress),
      notAchieved: String(expected.goals.notAchieved),
      noAssessment: String(expected.goals.noAssessment),
    });
    expect($(el, '[data-stat="contactsOverdue"] .stat-value')!.textContent).to.equal(String(expected.contactsOverdue));
    expect($(el, '[data-panel="overview"] [part~="panel-heading"]')!.textContent).to.equal(`${expected.openCases.total} open cases`);
    // The concrete November numbers, so a wrong report cannot pass unnoticed.
    expect([r.sent, r.accepted, r.completed, r.rejected, expected.contactsOverdue, expected.openCases.total]).to.deep.equal([3, 1, 1, 1, 1, 2]);
    // The bars carry the same values.
    expect($$(el, 'svg[data-chart="status"] rect.bar').map((b) => b.dataset.value)).to.deep.equal(['0', '0', '0', '2', '0']);
  });

  it('gives every chart an accessible name and a description with its numbers', async () => {
    const el = await mount(setup.as(PERSONAS.supervisor));
    const charts = $$(el, 'svg');
    expect(charts.map((c) => c.dataset.chart)).to.deep.equal(['status', 'priority', 'gauge', 'referrals', 'goals']);
    for (const chart of charts) {
      expect(chart.getAttribute('role')).to.equal('img');
      expect(chart.querySelector('title')!.textContent!.length).to.be.greaterThan(3);
      expect(labelledBy(el, chart)).to.contain(chart.querySelector('title')!.textContent).and.contain(chart.querySelector('desc')!.textContent);
    }
    expect(labelledBy(el, $(el, 'svg[data-chart="status"]')!)).to.equal('Open cases by status Referred: 0, Intake: 0, Waitlist: 0, Active: 2, and On hold: 0');
    expect(labelledBy(el, $(el, 'svg[data-chart="gauge"]')!)).to.equal('Loop closure rate 67% of referrals sent closed the loop (2 of 3).');
    expect(labelledBy(el, $(el, 'svg[data-chart="goals"]')!)).to.contain('1 of 2 goals achieved.');
    // Tables are there for screen readers, visually hidden until asked for.
    const table = $(el, 'table[data-table="status"]')!;
    expect(table.querySelector('caption')!.textContent).to.equal('Open cases by status');
    expect(table.parentElement!.getBoundingClientRect().width).to.be.at.most(1);
    const toggle = $<HTMLButtonElement>(el, '[part~="toggle"]')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(el.showTables).to.equal(true);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(table.parentElement!.getBoundingClientRect().width).to.be.greaterThan(100);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish with Intl numbers', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es"><ck-caseload-summary .manager=${setup.as(PERSONAS.supervisor)} from=${FROM} to=${TO}></ck-caseload-summary></div>`,
    );
    const el = wrapper.querySelector('ck-caseload-summary')!;
    await el.loadComplete;
    expect($(el, '[part~="heading"]')!.textContent).to.equal('Resumen de casos');
    expect($(el, 'svg[data-chart="status"] title')!.textContent).to.equal('Casos abiertos por estado');
    expect(tableOf(el, 'referrals')['loopClosureRate']).to.equal('67 %');
    expect(tableOf(el, 'referrals')['medianDaysToAcceptance']).to.equal('3 días');
    expect(text($(el, 'svg[data-chart="gauge"] desc')!)).to.equal('El 67 % de las derivaciones enviadas cerró el ciclo (2 de 3).');
    expect($(el, '[part~="range"]')!.textContent).to.equal('1 nov 2026 – 30 nov 2026');
    await expect(el).to.be.accessible();
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => $(el, '[part~="heading"]')!.textContent === 'Caseload summary');
  });

  it('re-renders when cases, referrals or plans change', async () => {
    const el = await mount(setup.as(PERSONAS.supervisor));
    const { client } = await setup.manager.clients.create({ name: { given: ['Carmen'], family: 'Ruiz' } });
    await setup.manager.cases.create({ clientId: client.id, program: 'healthcare', status: 'intake', priority: 'high' });
    await waitUntil(() => tableOf(el, 'status')['intake'] === '1', 'new case counted');
    expect(tableOf(el, 'priority')['high']).to.equal('1');
    expect($(el, '[data-panel="overview"] [part~="panel-heading"]')!.textContent).to.equal('3 open cases');
  });

  it('filters by program and assignee, and explains a refusal', async () => {
    const el = await mount(setup.as(PERSONAS.supervisor));
    el.program = 'healthcare';
    await waitUntil(() => el.report?.range.program === 'healthcare');
    await el.loadComplete;
    expect($(el, '[data-panel="overview"] [part~="panel-heading"]')!.textContent).to.equal('0 open cases');
    expect(labelledBy(el, $(el, 'svg[data-chart="gauge"]')!)).to.contain('No referrals were sent in this period.');
    await expect(el).to.be.accessible();

    const mine = await fixture<CkCaseloadSummary>(
      html`<ck-caseload-summary .manager=${setup.manager} from=${FROM} to=${TO} assignee-id=${PERSONAS.otherCaseManager.id}></ck-caseload-summary>`,
    );
    await mine.loadComplete;
    expect($(mine, '[part~="alert"]')!.textContent).to.contain("You don't have permission");
    await expect(mine).to.be.accessible();
  });

  it('defaults to the last 30 days', () => {
    const range = summaryRange(undefined, undefined, new Date('2026-11-24T15:00:00.000Z'));
    expect(range).to.deep.equal({ from: '2026-10-25T15:00:00.000Z', to: '2026-11-24T15:00:00.000Z' });
  });

  it('keeps bar labels beside their bars in a right-to-left page', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div dir="rtl"><ck-caseload-summary .manager=${setup.as(PERSONAS.supervisor)} from=${FROM} to=${TO}></ck-caseload-summary></div>`,
    );
    const el = wrapper.querySelector('ck-caseload-summary')!;
    await el.loadComplete;
    const bar = $(el, 'svg.bars rect.track')!.getBoundingClientRect();
    const label = $(el, 'svg.bars text')!.getBoundingClientRect();
    expect(label.right).to.be.at.most(bar.left + 1, 'the first label ends where its bar starts');
    await expect(el).to.be.accessible();
  });

  it('is accessible in the dark theme at 360 px', async () => {
    const css = await (await fetch(new URL('../../themes/default.css', import.meta.url))).text();
    const style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div data-ck-theme="dark" style="width: 360px; background: #111827">
          <ck-caseload-summary .manager=${setup.as(PERSONAS.supervisor)} from=${FROM} to=${TO} show-tables></ck-caseload-summary>
        </div>`,
      );
      const el = wrapper.querySelector('ck-caseload-summary')!;
      await el.loadComplete;
      expect(getComputedStyle($(el, 'rect.bar')!).fill).to.equal('rgb(147, 197, 253)');
      expect(el.getBoundingClientRect().width).to.equal(360);
      await expect(el).to.be.accessible();
    } finally {
      style.remove();
    }
  });

  it('makes every count of cases a button whose filters give the board exactly that number', async () => {
    // One more case, of another status and priority, so the bars are not all the same.
    const { client } = await setup.manager.clients.create({ name: { given: ['Carmen'], family: 'Ruiz' } });
    await setup.manager.cases.create({ clientId: client.id, program: 'healthcare', status: 'intake', priority: 'high', nextContactDue: '2026-11-02' });
    for (const manager of [setup.as(PERSONAS.supervisor), setup.manager]) {
      const el = await mount(manager);
      const buttons = $$(el, 'button[data-select]').filter((b) => b.dataset.select !== 'referralsAwaitingOverdue');
      expect(buttons.map((b) => b.dataset.select)).to.deep.equal([
        'openCases',
        'contactsOverdue',
        ...OPEN_CASE_STATUSES.map((s) => `status:${s}`),
        ...['urgent', 'high', 'medium', 'low'].map((p) => `priority:${p}`),
      ]);
      for (const button of buttons) {
        expect(button.getAttribute('type')).to.equal('button');
        expect(button.getAttribute('aria-describedby')).to.contain('select-hint');
        const detail = await choose(el, button);
        expect(detail.count, button.dataset.select).to.equal(shownNumber(button));
        expect(detail.referrals).to.equal(undefined);
        const counts = await manager.cases.countBy('status', boardQuery(detail.filters, detail.statuses));
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        expect(total, `${button.dataset.select}: the board's query counts what the summary shows`).to.equal(detail.count);
      }
      if (manager === setup.manager) {
        // A case manager's numbers are their own caseload; the filters say so.
        const detail = await choose(el, $(el, '[data-select="contactsOverdue"]')!);
        expect(detail).to.deep.include({ metric: 'contactsOverdue', count: 2, label: 'Overdue contacts', statuses: [...OPEN_CASE_STATUSES] });
        expect(detail.filters).to.deep.equal({ assigneeId: PERSONAS.caseManager.id, overdue: true });
      }
    }
  });

  it('gives a board the filters and columns that list exactly the cases of a bar', async () => {
    const manager = setup.as(PERSONAS.supervisor);
    const el = await mount(manager);
    const detail = await choose(el, $(el, '[data-select="priority:urgent"]')!);
    expect(detail).to.deep.include({ metric: 'byPriority', key: 'urgent', label: 'Urgent', count: 1 });
    const board = await fixture<CkCaseloadBoard>(html`<ck-caseload-board .manager=${manager} .filters=${detail.filters} .columns=${detail.statuses} today="2026-11-20"></ck-caseload-board>`);
    await board.loadComplete;
    expect(board.shadowRoot!.querySelector('[part~="summary"]')!.textContent).to.equal('1 case');
    expect([...board.shadowRoot!.querySelectorAll('[part~="card-name"]')].map((n) => n.textContent!.trim())).to.deep.equal(['Ben Okafor']);
  });

  it('lays a focusable button over each bar and stays accessible', async () => {
    const el = await mount(setup.as(PERSONAS.supervisor));
    const rect = $(el, 'svg[data-chart="status"] g[data-key="active"] rect.track')!.getBoundingClientRect();
    const button = $<HTMLButtonElement>(el, '[data-select="status:active"]')!;
    const box = button.getBoundingClientRect();
    expect(box.top).to.be.at.most(rect.top + 1);
    expect(box.bottom).to.be.at.least(rect.bottom - 1);
    expect(button.getAttribute('aria-label')).to.equal('Active: 2');
    button.focus();
    expect(el.shadowRoot!.activeElement === button).to.be.true;
    // Goals and referral outcomes are not cases on a board: they stay pictures, with no control.
    expect($$(el, '[data-select^="goals:"], [data-select^="referrals:"]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('lists the referrals waiting past their deadline when their number is chosen, reading them only then', async () => {
    const manager = setup.as(PERSONAS.supervisor);
    const el = await mount(manager);
    const readsBefore = (await auditTally(setup.storage)).reads;
    await el.loadComplete;
    expect((await auditTally(setup.storage)).reads, 'nothing read while the list is closed').to.equal(readsBefore);
    expect($(el, '[part~="overdue"]')).to.equal(null);

    const stat = $<HTMLButtonElement>(el, '[data-select="referralsAwaitingOverdue"]')!;
    expect(stat.getAttribute('aria-expanded')).to.equal('false');
    const detail = await choose(el, stat);
    expect(detail).to.deep.include({ metric: 'referralsAwaitingOverdue', referrals: 'overdue', count: expected.referrals.awaitingAcknowledgementOverdue, statuses: [] });
    await el.loadComplete;
    expect(stat.getAttribute('aria-expanded')).to.equal('true');
    expect(stat.getAttribute('aria-controls')).to.equal('overdue-referrals');
    expect((await auditTally(setup.storage)).reads).to.be.greaterThan(readsBefore);
    const items = $$(el, '[part~="overdue-item"]');
    expect(items).to.have.length(detail.count);
    expect(el.overdueReferrals.map((r) => r.reason)).to.deep.equal(['Never answered']);
    expect(text(items[0]!)).to.equal('Ana Okafor Pantry · Food Bank Answer was due 10 days ago (Nov 10, 2026) Open case');
    await expect(el).to.be.accessible();

    const open = oneEvent(el, 'ck-case-open');
    items[0]!.querySelector<HTMLButtonElement>('[part~="open-case"]')!.click();
    const opened = (await open).detail;
    expect(opened.caseId).to.equal(el.overdueReferrals[0]!.caseId);
    expect(opened.record.clientName).to.equal('Ana Okafor');

    // A referral answered elsewhere leaves the list while it is shown.
    const [late] = await manager.referrals.overdue();
    await manager.referrals.transition(late!, 'accepted', { recordedFor: 'performer' });
    await waitUntil(() => $$(el, '[part~="overdue-item"]').length === 0, 'answered referral left the list');
    expect(text($(el, '[part~="overdue"]')!)).to.contain('No referral is waiting past its deadline.');

    stat.click();
    await el.updateComplete;
    expect(stat.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '[part~="overdue"]')).to.equal(null);
  });

  it('keeps the overdue list to the caseload in scope and speaks Spanish', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es"><ck-caseload-summary .manager=${setup.as(PERSONAS.supervisor)} from=${FROM} to=${TO} show-overdue></ck-caseload-summary></div>`,
    );
    const el = wrapper.querySelector('ck-caseload-summary')!;
    await el.loadComplete;
    expect(text($(el, '[part~="overdue-item"]')!)).to.equal('Ana Okafor Pantry · Food Bank La respuesta vencía hace 10 días (10 nov 2026) Abrir caso');
    el.assigneeId = PERSONAS.otherCaseManager.id;
    await waitUntil(() => el.report?.range.assigneeId === PERSONAS.otherCaseManager.id);
    await el.loadComplete;
    expect(el.report!.referrals.awaitingAcknowledgementOverdue).to.equal(0);
    expect($$(el, '[part~="overdue-item"]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it("takes today from the manager's clock and time zone, not the browser's", async () => {
    // 20:00 UTC on 20 November is already 21 November in Kiribati (UTC+14).
    const kiribati = await november({ timeZone: 'Pacific/Kiritimati' });
    kiribati.clock.set('2026-11-20T20:00:00.000Z');
    const manager = kiribati.as(PERSONAS.supervisor);
    expect(manager.today()).to.equal('2026-11-21');
    const el = await fixture<CkCaseloadSummary>(html`<ck-caseload-summary .manager=${manager} show-overdue></ck-caseload-summary>`);
    await el.loadComplete;
    expect(el.report!.range).to.deep.equal({ from: '2026-10-23T00:00:00.000Z', to: '2026-11-22T00:00:00.000Z' });
    expect($(el, '[part~="range"]')!.textContent).to.equal('Oct 23, 2026 – Nov 21, 2026');
    // Due 09:00 UTC on the 10th: 23:00 on the 10th in Kiribati, eleven days before its today.
    expect(text($(el, '.overdue-due')!)).to.equal('Answer was due 11 days ago (Nov 10, 2026)');
    el.today = '2026-11-12';
    await waitUntil(() => el.report?.range.to === '2026-11-13T00:00:00.000Z', 'the today property overrides');
    await el.loadComplete;
    expect(text($(el, '.overdue-due')!)).to.equal('Answer was due 2 days ago (Nov 10, 2026)');
  });

  it('loadComplete waits for the reload in progress and the one queued behind it, without polling', async () => {
    const manager = setup.as(PERSONAS.supervisor);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const slow: CaseManager = Object.create(manager, {
      reports: { value: { caseload: async (range: Parameters<CaseManager['reports']['caseload']>[0]) => (calls++, await gate, manager.reports.caseload(range)) } },
    });
    const el = await fixture<CkCaseloadSummary>(html`<ck-caseload-summary .manager=${slow} from=${FROM} to=${TO}></ck-caseload-summary>`);
    void el.refresh(); // queued behind the first load
    const timers: number[] = [];
    const realSetTimeout = window.setTimeout;
    window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => (timers.push(ms ?? 0), realSetTimeout(fn, ms, ...args))) as typeof window.setTimeout;
    try {
      let done = false;
      const complete = el.loadComplete.then(() => (done = true));
      await new Promise((resolve) => realSetTimeout(resolve, 30));
      expect(done, 'still loading').to.equal(false);
      release();
      await complete;
      expect(el.report).to.deep.equal(expected);
      expect(calls, 'the queued reload ran too').to.equal(2);
      expect(timers.filter((ms) => ms === 5), 'no 5 ms polling').to.deep.equal([]);
    } finally {
      window.setTimeout = realSetTimeout;
    }
  });
});

/**
 * November, language access: Thanh (Vietnamese) and Rosa (Spanish, es-MX) need an interpreter, Ana
 * (Portuguese) does not. Thanh was referred to a pantry whose staff speak Vietnamese and to an
 * English-only class, Rosa to a clinic with interpreters and to a free-text church pantry; an
 * interpreter was used at one of Thanh's calls, not at another, and Rosa's call did not say.
 */
async function languageNovember(): Promise<TestSetup> {
  const setup = createTestSetup();
  setup.clock.set('2026-11-02T09:00:00.000Z');
  const admin = setup.as(PERSONAS.supervisor);
  const org = await admin.directory.createOrganization({ name: 'Riverside Services' });
  const service = (name: string, extra: object) => admin.directory.createService({ organizationId: org.id, name, categories: ['food'], ...extra });
  const speaksVi = await service('Pantry (Vietnamese spoken)', { languages: ['vi', 'en'] });
  const interprets = await service('Clinic with interpreters', { languages: ['en'], interpretationAvailable: true });
  const englishOnly = await service('English-only class', { languages: ['en'] });
  const person = async (given: string, family: string, language: string, interpreterNeeded: boolean) => {
    const { client } = await setup.manager.clients.create({ name: { given: [given], family }, language, interpreterNeeded });
    await setup.manager.consents.record({ clientId: client.id, scope: 'share-with-provider', purpose: 'Arrange services', source: 'verbal' });
    return setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  };
  const thanh = await person('Thanh', 'Nguyễn', 'vi-VN', true);
  const rosa = await person('Rosa', 'Hernández', 'es-MX', true);
  const ana = await person('Ana', 'Silva', 'pt', false);
  const refer = (caseId: string, svc: { serviceId: string } | { organizationName: string; serviceName: string; category: 'food' }) =>
    setup.manager.referrals.create({ caseId, reason: 'Food', send: true, service: svc });
  await refer(thanh.id, { serviceId: speaksVi.id });
  await refer(thanh.id, { serviceId: englishOnly.id });
  await refer(rosa.id, { serviceId: interprets.id });
  await setup.manager.consents.record({ clientId: rosa.clientId, scope: 'share-with-provider', grantee: { name: 'Church pantry' }, purpose: 'Food', source: 'verbal' });
  await refer(rosa.id, { organizationName: 'Church pantry', serviceName: 'Pantry', category: 'food' });
  await refer(ana.id, { serviceId: englishOnly.id });
  const call = (caseId: string, extra: object) => setup.manager.notes.create({ caseId, type: 'phone', text: 'Called', sign: true, ...extra });
  await call(thanh.id, { interpreter: { used: true, language: 'vi' } });
  await call(thanh.id, { interpreter: { used: false } });
  await call(rosa.id, {});
  await call(ana.id, { interpreter: { used: false } });
  setup.clock.set('2026-11-20T09:00:00.000Z');
  return setup;
}

describe('ck-caseload-summary language access', () => {
  const rowsOf = (el: CkCaseloadSummary) =>
    $$(el, 'table[data-table="languages"] tbody tr').map((tr) => [tr.dataset.language, ...[...tr.querySelectorAll('th, td')].map((cell) => text(cell))]);

  it('shows the report’s language-access numbers in words, as meters with a name and description, and per language', async () => {
    const setup = await languageNovember();
    const manager = setup.as(PERSONAS.supervisor);
    const expected = (await manager.reports.caseload(summaryRange(FROM, TO))).languageAccess;
    const el = await mount(manager);
    expect(el.report!.languageAccess).to.deep.equal(expected);
    const { referrals: r, contacts: c } = expected;
    // The concrete numbers, so a wrong report cannot pass unnoticed.
    expect([expected.clients, r.sent, r.staffSpeakLanguage, r.unknown, r.matchedRate, c.total, c.interpreterUsed, c.notRecorded, c.interpreterUseRate]).to.deep.equal([2, 4, 1, 1, 1 / 3, 3, 1, 1, 1 / 2]);
    expect(text($(el, '[data-language-access="clients"]')!)).to.equal('2 clients who need an interpreter');
    expect(text($(el, '[data-language-access="matched"] p')!)).to.equal('33% Referred to staff who speak their language');
    expect(labelledBy(el, $(el, 'svg[data-chart="language-matched"]')!)).to.equal(
      'Referred to staff who speak their language 33% of referrals went to services whose staff speak the client’s language (1 of 3 where it is known).',
    );
    expect(labelledBy(el, $(el, 'svg[data-chart="language-interpreter"]')!)).to.equal(
      'Interpreter used at contacts An interpreter was used at 50% of contacts (1 of 2 where it was recorded).',
    );
    expect($(el, 'svg[data-chart="language-matched"]')!.getAttribute('role')).to.equal('img');
    expect(Number($(el, 'svg[data-chart="language-matched"] rect.bar')!.dataset.value)).to.equal(r.matchedRate);
    expect(tableOf(el, 'language-access')).to.deep.equal({
      clients: String(expected.clients),
      sent: String(r.sent),
      staffSpeakLanguage: String(r.staffSpeakLanguage),
      interpretationOffered: String(r.interpretationOffered),
      noLanguageSupport: String(r.noLanguageSupport),
      unknown: String(r.unknown),
      matchedRate: '33%',
      contacts: String(c.total),
      interpreterUsed: String(c.interpreterUsed),
      interpreterNotUsed: String(c.interpreterNotUsed),
      notRecorded: String(c.notRecorded),
      interpreterUseRate: '50%',
    });
    // Per language, visible: Rosa's one known referral went to interpreters, not Spanish-speaking staff.
    expect(rowsOf(el)).to.deep.equal([
      ['es', 'Spanish', '1', '2', '0% (0 of 1)', '1', 'Not known'],
      ['vi', 'Vietnamese', '1', '2', '50% (1 of 2)', '2', '50% (1 of 2)'],
    ]);
    expect(expected.byLanguage.map((row) => [row.language, row.clients, row.referrals.sent, row.contacts.total])).to.deep.equal([
      ['es', 1, 2, 1],
      ['vi', 1, 2, 2],
    ]);
    expect($(el, 'table[data-table="languages"]')!.getBoundingClientRect().width, 'the per-language table is shown').to.be.greaterThan(100);
    await expect(el).to.be.accessible();
  });

  it('says so when no client who needs an interpreter was referred or contacted', async () => {
    const setup = await november();
    const el = await mount(setup.as(PERSONAS.supervisor));
    expect(el.report!.languageAccess.clients).to.equal(0);
    expect(text($(el, '[data-panel="language-access"] [data-language-access="none"]')!)).to.equal(
      'No client who needs an interpreter was referred or had a contact in this period.',
    );
    expect($(el, 'svg[data-chart^="language-"]')).to.equal(null);
    expect($(el, 'table[data-table="languages"]')).to.equal(null);
  });

  it('speaks Spanish, with language names and percentages in Spanish, and stays accessible at 360 px', async () => {
    const setup = await languageNovember();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es" style="width: 360px"><ck-caseload-summary .manager=${setup.as(PERSONAS.supervisor)} from=${FROM} to=${TO}></ck-caseload-summary></div>`,
    );
    const el = wrapper.querySelector('ck-caseload-summary')!;
    await el.loadComplete;
    expect(text($(el, '#language-access-heading')!)).to.equal('Acceso lingüístico');
    expect(text($(el, '[data-language-access="clients"]')!)).to.equal('2 clientes que necesitan intérprete');
    expect(text($(el, 'svg[data-chart="language-interpreter"] desc')!)).to.equal('Se usó intérprete en el 50 % de los contactos (1 de 2 en los que se registró).');
    expect(rowsOf(el)).to.deep.equal([
      ['es', 'español', '1', '2', '0 % (0 de 1)', '1', 'Se desconoce'],
      ['vi', 'vietnamita', '1', '2', '50 % (1 de 2)', '2', '50 % (1 de 2)'],
    ]);
    await expect(el).to.be.accessible();
  });
});
