import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defaultPolicy, WORKLIST_KINDS, WORKLIST_REASON_CODES, type CaseManager, type Policy, type WorklistItem } from '@casekit/core';
import { en } from '../../translations/en.js';
import { es } from '../../translations/es.js';
import { auditTally, createWorklistScenario, PERSONAS } from '@casekit/core/testing';
import '../../define.js';
import type { CkWorklist } from './worklist.component.js';
import type { WorklistChangeDetail, WorklistOpenDetail } from '../../events/events.js';

type Scenario = Awaited<ReturnType<typeof createWorklistScenario>>;

async function mount(manager: CaseManager, attrs: { lang?: string; limit?: number; kind?: string; date?: string; timeZone?: string; assigneeId?: string } = {}): Promise<CkWorklist> {
  const el = await fixture<CkWorklist>(html`<ck-worklist lang=${attrs.lang ?? 'en'} .manager=${manager} limit=${attrs.limit ?? 25} kind=${attrs.kind ?? ''}
    date=${attrs.date ?? ''} time-zone=${attrs.timeZone ?? ''} assignee-id=${attrs.assigneeId ?? ''}></ck-worklist>`);
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const rowIds = (el: CkWorklist) => $$(el, '[part~="row"]').map((r) => r.dataset['id']);
const row = (el: CkWorklist, id: string) => $$(el, '[part~="row"]').find((r) => r.dataset['id'] === id)!;
const chips = (r: HTMLElement) => [...r.querySelectorAll<HTMLElement>('[part~="reason"]')].map((c) => c.textContent!.trim());
const part = (r: HTMLElement, name: string) => r.querySelector(`[part~="${name}"]`)?.textContent?.trim();
const type = async (el: CkWorklist, selector: string, value: string) => {
  const input = $<HTMLInputElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
};
const all = async (manager: CaseManager) => (await manager.worklist({ limit: 200 })).items;

describe('ck-worklist', () => {
  let s: Scenario;
  beforeEach(async () => {
    s = await createWorklistScenario();
  });

  it("lists the case manager's rows in the API's rank order, saying what, for whom, when and why", async () => {
    const el = await mount(s.caseManager);
    const api = await s.caseManager.worklist();
    expect(rowIds(el)).to.deep.equal(api.items.map((i) => i.id));
    const rosa = row(el, `contact-due:${s.cases.rosa.id}`);
    expect(part(rosa, 'kind')).to.equal('Contact due');
    expect(part(rosa, 'subject')).to.equal('Rosa Hernández');
    expect(part(rosa, 'when')).to.equal('4 days overdue (due Nov 20, 2026)');
    expect(chips(rosa)).to.deep.equal(['Contact 4 days overdue', '4 days overdue', 'Urgent priority', 'High risk', 'Interpreter needed']);
    const item = api.items.find((i) => i.id === rosa.dataset['id'])!;
    expect(part(rosa, 'why')).to.contain(`Why this order · Score ${item.score}`);
    expect(part(rosa, 'why')).to.contain('Urgent priority: +24');
    const thanh = row(el, `contact-due:${s.cases.thanh.id}`);
    expect(part(thanh, 'when')).to.equal('Due today (Nov 24, 2026)');
    expect(chips(thanh)).to.include('Contact due today');
    const unanswered = row(el, `referral-overdue:${s.referrals.unanswered.id}`);
    expect(part(unanswered, 'kind')).to.equal('Referral not acknowledged');
    expect(chips(unanswered)).to.include('Urgency: Urgent');
    expect(part(unanswered, 'details')).to.contain('Weekly grocery pantry');
    const expired = row(el, `consent-expiring:${s.consents.thanhExpired.id}`);
    expect(chips(expired)[0]).to.match(/^Consent ended Nov 20, 2026; 1 open referral relies on it$/);
    expect(chips(row(el, `consent-expiring:${s.consents.rosaExpiring.id}`))[0]).to.equal('Consent ends in 7 days');
    const c = api.counts;
    expect(part(el.shadowRoot!.firstElementChild as HTMLElement, 'counts')).to.equal(`${c.total} items · ${c.overdue} overdue · 0 snoozed`);
    expect($(el, '.root')!.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  for (const lang of ['en', 'es']) {
    it(`words every kind and reason a supervisor and a provider see (${lang})`, async () => {
      const kinds = new Set<string>();
      for (const manager of [s.supervisor, s.provider]) {
        const el = await mount(manager, { lang });
        const items = await all(manager);
        expect(rowIds(el)).to.deep.equal(items.map((i) => i.id));
        for (const item of items) {
          kinds.add(item.kind);
          const r = row(el, item.id);
          expect(part(r, 'kind')).to.not.match(/-/, `${item.kind} is translated`);
          expect(chips(r).length).to.equal(item.reasons.length);
          for (const chip of chips(r)) expect(chip).to.not.match(/undefined|NaN|^$/, `${item.id}: ${chip}`);
        }
        await expect(el).to.be.accessible();
      }
      // Every core reason code and kind has its own wording (the unknown-code fallback is for a newer core).
      const table = lang === 'en' ? en : es;
      for (const code of WORKLIST_REASON_CODES) expect(typeof table.worklist.reasons[code]).to.equal('function', code);
      for (const kind of WORKLIST_KINDS) expect(table.worklist.kinds[kind]).to.be.a('string', kind);
      expect([...kinds].sort()).to.include.members(['activation-approval', 'closure-approval', 'contact-due', 'consent-expiring', 'new-referral', 'plan-review-due', 'referral-overdue', 'task-due']);
    });
  }

  it('speaks Spanish', async () => {
    const el = await mount(s.caseManager, { lang: 'es' });
    expect($(el, '[part~="heading"]')!.textContent).to.equal('Hoy');
    const rosa = row(el, `contact-due:${s.cases.rosa.id}`);
    expect(part(rosa, 'kind')).to.equal('Contacto pendiente');
    expect(chips(rosa)).to.deep.equal(['Contacto con 4 días de atraso', '4 días de atraso', 'Prioridad urgente', 'Riesgo alto', 'Necesita intérprete']);
    expect(part(rosa, 'when')).to.contain('4 días de atraso');
    expect(part(row(el, `contact-due:${s.cases.thanh.id}`), 'when')).to.match(/^Previsto para hoy/);
    expect(part(rosa, 'open-button')).to.equal('Abrir');
    await expect(el).to.be.accessible();
  });

  it('words a reason code it does not know as readable text', async () => {
    const manager = Object.create(s.caseManager) as CaseManager;
    const real = s.caseManager.worklist;
    Object.defineProperty(manager, 'worklist', {
      value: Object.assign(async (o?: Parameters<CaseManager['worklist']>[0]) => {
        const page = await real(o);
        return { ...page, items: page.items.map((i) => ({ ...i, reasons: [...i.reasons, { code: 'weekend-surcharge', weight: 1 }] }) as unknown as WorklistItem) };
      }, real),
    });
    const el = await mount(manager);
    expect(chips($$(el, '[part~="row"]')[0]!)).to.include('Weekend surcharge');
  });

  it('filters by kind, passing `kinds` to core', async () => {
    const el = await mount(s.caseManager);
    const select = $<HTMLSelectElement>(el, '[part~="filter"]')!;
    select.value = 'plan-review-due';
    select.dispatchEvent(new Event('change'));
    await el.loadComplete;
    expect(el.getAttribute('kind')).to.equal('plan-review-due');
    expect(rowIds(el)).to.deep.equal([`plan-review-due:${s.plan.id}`]);
    expect(part(el.shadowRoot!.firstElementChild as HTMLElement, 'counts')).to.match(/^1 item · 1 overdue/);
  });

  it('pages with "Show more" and the cursor, without duplicates', async () => {
    const el = await mount(s.supervisor, { limit: 3 });
    const every = (await all(s.supervisor)).map((i) => i.id);
    expect(rowIds(el)).to.deep.equal(every.slice(0, 3));
    for (let pages = 0; $(el, '[part~="more"]') && pages < 10; pages++) {
      $<HTMLButtonElement>(el, '[part~="more"]')!.click();
      await el.loadComplete;
    }
    expect(rowIds(el)).to.deep.equal(every);
    expect(new Set(rowIds(el)).size).to.equal(every.length);
  });

  it('snoozes a row: until and reason are required (nothing written), then it leaves and is announced', async () => {
    const el = await mount(s.caseManager);
    const id = rowIds(el)[0]!;
    row(el, id).querySelector<HTMLButtonElement>('[part~="snooze-button"]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('snooze-until');
    await type(el, '#snooze-until', '2026-11-27');
    $<HTMLFormElement>(el, '[part~="snooze-form"]')!.requestSubmit();
    await el.updateComplete;
    expect($(el, '#snooze-reason')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#snooze-reason-error')!.textContent).to.contain('Why it can wait');
    expect($(el, '#snooze-until')!.getAttribute('aria-invalid')).to.equal('false');
    expect((await s.caseManager.worklist()).counts.snoozed).to.equal(0, 'nothing written');
    await expect(el).to.be.accessible();
    await type(el, '#snooze-until', '2026-11-24');
    await type(el, '#snooze-reason', 'Client in hospital until Thursday');
    $<HTMLFormElement>(el, '[part~="snooze-form"]')!.requestSubmit();
    await el.updateComplete;
    expect($(el, '#snooze-until-error')!.textContent).to.equal('Choose a day after today');
    await type(el, '#snooze-until', '2026-11-27');
    const changed = oneEvent(el, 'ck-worklist-change');
    $<HTMLFormElement>(el, '[part~="snooze-form"]')!.requestSubmit();
    expect((await changed).detail.change).to.equal('snoozed');
    await el.loadComplete;
    expect(rowIds(el)).to.not.include(id);
    expect($(el, '[role="status"]')!.textContent).to.match(/^Snoozed until Nov 27, 2026: /);
    expect(part(el.shadowRoot!.firstElementChild as HTMLElement, 'counts')).to.contain('1 snoozed');
    expect((await s.caseManager.worklist()).items.map((i) => i.id)).to.not.include(id);
  });

  it('marks a row done: it leaves the list, is announced, and focus stays in the list', async () => {
    const el = await mount(s.caseManager);
    const [first] = rowIds(el);
    row(el, first!).querySelector<HTMLButtonElement>('[part~="done-button"]')!.click();
    await el.loadComplete;
    const after = (await s.caseManager.worklist()).items.map((i) => i.id);
    expect(after).to.not.include(first);
    expect(rowIds(el)).to.deep.equal(after);
    expect($(el, '[role="status"]')!.textContent).to.match(/^Done: /);
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('open-button');
  });

  it('fires ck-worklist-open with the row, its record and case', async () => {
    const el = await mount(s.caseManager);
    const id = `task-due:${s.plan.id}/${s.plan.goals[0]!.id}/${s.plan.goals[0]!.interventions[0]!.id}`;
    const opened = oneEvent(el, 'ck-worklist-open');
    row(el, id).querySelector<HTMLButtonElement>('[part~="open-button"]')!.click();
    const detail: WorklistOpenDetail = (await opened).detail;
    expect([detail.item.id, detail.caseId, detail.clientId, detail.recordRef.collection, detail.recordRef.id]).to.deep.equal([id, s.cases.rosa.id, s.clients.rosa.id, 'plans', s.plan.id]);
    expect(detail.recordRef.part).to.contain('/interventions/');
  });

  it('offers a viewer only Open', async () => {
    const el = await mount(s.as(PERSONAS.viewer));
    expect($$(el, '[part~="row"]').length).to.be.greaterThan(0);
    expect($$(el, '[part~="open-button"]').length).to.equal($$(el, '[part~="row"]').length);
    expect($$(el, '[part~="snooze-button"], [part~="done-button"]').length).to.equal(0);
  });

  it("shows provider staff their organisation's referrals, without the client's name or the case", async () => {
    const el = await mount(s.provider);
    const kinds = $$(el, '[part~="row"]').map((r) => r.dataset['kind']);
    expect(kinds).to.include('new-referral');
    expect(kinds.every((k) => k === 'new-referral' || k === 'referral-overdue')).to.equal(true);
    const text = el.shadowRoot!.textContent!;
    for (const name of ['Rosa', 'Thanh', 'Hernández', 'Nguyễn', 'Housing and food']) expect(text).to.not.contain(name);
    expect(part(row(el, `new-referral:${s.referrals.fresh.id}`), 'subject')).to.equal('Weekly grocery pantry');
    expect($$(el, '[part~="snooze-button"], [part~="done-button"]').length).to.equal(0);
    const opened = oneEvent(el, 'ck-worklist-open');
    row(el, `new-referral:${s.referrals.fresh.id}`).querySelector<HTMLButtonElement>('[part~="open-button"]')!.click();
    const detail = (await opened).detail;
    expect([detail.caseId, detail.recordRef.collection, detail.recordRef.id]).to.deep.equal([undefined, 'referrals', s.referrals.fresh.id]);
  });

  it('focus() goes to the first Open button, else the heading; empty state says nothing is due', async () => {
    const el = await mount(s.caseManager);
    el.focus();
    expect(el.shadowRoot!.activeElement === $$(el, '[part~="open-button"]')[0]).to.equal(true);
    const empty = await mount(s.caseManager, { kind: 'closure-approval' });
    expect($(empty, '.empty')!.textContent).to.equal('Nothing due today');
    empty.focus();
    expect(empty.shadowRoot!.activeElement?.id).to.equal('worklist-heading');
    await expect(empty).to.be.accessible();
  });

  it('passes date and time-zone through', async () => {
    const before = await mount(s.caseManager, { kind: 'contact-due', date: '2026-11-23' });
    expect(rowIds(before)).to.deep.equal([`contact-due:${s.cases.rosa.id}`], 'Thanh is due the day after');
    expect($(before, '.root')!.dataset['date']).to.equal('2026-11-23');
    // 15:00 UTC on 24 November is already the 25th in Kiritimati (UTC+14).
    const ahead = await mount(s.caseManager, { kind: 'contact-due', timeZone: 'Pacific/Kiritimati' });
    expect(part(row(ahead, `contact-due:${s.cases.thanh.id}`), 'when')).to.equal('1 day overdue (due Nov 24, 2026)');
  });

  it('shows a refusal as a banner and fires ck-error', async () => {
    const el = await fixture<CkWorklist>(html`<ck-worklist></ck-worklist>`);
    const failed = oneEvent(el, 'ck-error');
    el.assigneeId = 'cm-baker';
    el.manager = s.caseManager;
    expect((await failed).detail.code).to.equal('permission');
    await el.loadComplete;
    expect($(el, '[part~="alert"]')).to.not.equal(null);
    expect($$(el, '[part~="row"]').length).to.equal(0);
  });
});

describe('ck-worklist: transfer requests', () => {
  /** Devon Baker asks Marta Alvarez to take on Omar's case; it waits for her. */
  async function withRequest(policy?: Policy): Promise<Scenario & { rowId: string }> {
    const s = await createWorklistScenario(policy ? { policy } : {});
    await s.as(PERSONAS.otherCaseManager).cases.transfer(s.cases.omar, PERSONAS.caseManager, { reason: 'Devon goes on leave', requireAcceptance: true });
    return Object.assign(s, { rowId: `transfer-request:${s.cases.omar.id}` });
  }

  it('accepts a transfer: the case becomes the receiver\'s, the row leaves, and ck-worklist-change says so', async () => {
    const s = await withRequest();
    const el = await mount(s.caseManager);
    const r = row(el, s.rowId);
    expect(part(r, 'kind')).to.equal('Transfer to accept');
    expect(part(r, 'details')).to.contain('Requested by Devon Baker: Devon goes on leave');
    // Only this row has Accept and Decline.
    expect($$(el, '[part~="accept-button"]')).to.have.length(1);
    expect($$(el, '[part~="decline-button"]')).to.have.length(1);
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'ck-worklist-change');
    r.querySelector<HTMLButtonElement>('[part~="accept-button"]')!.click();
    const detail: WorklistChangeDetail = (await changed).detail;
    expect(detail.change).to.equal('transfer-accepted');
    expect(detail.record?.assigneeId).to.equal(PERSONAS.caseManager.id);
    await el.loadComplete;
    expect(rowIds(el)).to.not.include(s.rowId);
    expect((await s.caseManager.cases.get(s.cases.omar.id)).assigneeId).to.equal(PERSONAS.caseManager.id);
    expect($(el, '[role="status"]')!.textContent).to.match(/^Accepted: Transfer to accept — .*The case is yours now\.$/);
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('open-button');
  });

  it('declines a transfer: the reason is required (nothing written without it), then the case stays with its case manager', async () => {
    const s = await withRequest();
    const el = await mount(s.caseManager);
    row(el, s.rowId).querySelector<HTMLButtonElement>('[part~="decline-button"]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('decline-reason');
    expect(row(el, s.rowId).querySelector('[part~="decline-button"]')!.getAttribute('aria-expanded')).to.equal('true');
    const tally = await auditTally(s.storage);
    $<HTMLFormElement>(el, '[part~="decline-form"]')!.requestSubmit();
    await el.updateComplete;
    expect($(el, '#decline-reason')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#decline-reason-error')!.textContent).to.equal('Why you decline is required.');
    expect((await auditTally(s.storage)).changes).to.equal(tally.changes, 'nothing written');
    await expect(el).to.be.accessible();
    await type(el, '#decline-reason', 'My caseload is full this month');
    const changed = oneEvent(el, 'ck-worklist-change');
    $<HTMLFormElement>(el, '[part~="decline-form"]')!.requestSubmit();
    const detail: WorklistChangeDetail = (await changed).detail;
    expect([detail.change, detail.reason]).to.deep.equal(['transfer-declined', 'My caseload is full this month']);
    await el.loadComplete;
    expect(rowIds(el)).to.not.include(s.rowId);
    const omar = await s.supervisor.cases.get(s.cases.omar.id);
    expect([omar.assigneeId, omar.pendingTransfer]).to.deep.equal([PERSONAS.otherCaseManager.id, undefined]);
    expect($(el, '[role="status"]')!.textContent).to.match(/^Declined: /);
  });

  it("lets a supervisor decide on the receiver's behalf, and offers nothing where the policy refuses", async () => {
    const s = await withRequest();
    const sup = await mount(s.supervisor, { assigneeId: PERSONAS.caseManager.id });
    expect(row(sup, s.rowId).querySelector('[part~="accept-button"]')).to.not.equal(null);
    const refusing: Policy = (r) => r.action !== 'accept-transfer' && defaultPolicy(r);
    const t = await withRequest(refusing);
    const el = await mount(t.caseManager);
    expect(rowIds(el)).to.include(t.rowId);
    expect($$(el, '[part~="accept-button"], [part~="decline-button"]')).to.have.length(0);
  });

  it('shows a refusal in plain words and writes nothing', async () => {
    let allow = true;
    const s = await withRequest((r) => (r.action === 'accept-transfer' ? allow : defaultPolicy(r)));
    const el = await mount(s.caseManager);
    allow = false;
    const failed = oneEvent(el, 'ck-error');
    row(el, s.rowId).querySelector<HTMLButtonElement>('[part~="accept-button"]')!.click();
    expect((await failed).detail.code).to.equal('permission');
    await el.loadComplete;
    expect($(el, '[part~="alert"]')!.textContent).to.contain("You don't have permission to accept or decline the transfer of this case");
    expect((await s.supervisor.cases.get(s.cases.omar.id)).assigneeId).to.equal(PERSONAS.otherCaseManager.id);
  });

  it('speaks Spanish', async () => {
    const s = await withRequest();
    const el = await mount(s.caseManager, { lang: 'es' });
    const r = row(el, s.rowId);
    expect(part(r, 'accept-button')).to.equal('Aceptar');
    expect(part(r, 'decline-button')).to.equal('Rechazar');
    expect(part(r, 'details')).to.contain('Solicitada por Devon Baker: Devon goes on leave');
    r.querySelector<HTMLButtonElement>('[part~="decline-button"]')!.click();
    await el.updateComplete;
    $<HTMLFormElement>(el, '[part~="decline-form"]')!.requestSubmit();
    await el.updateComplete;
    expect($(el, '#decline-reason-error')!.textContent).to.equal('Por qué la rechaza: este dato es obligatorio.');
    await expect(el).to.be.accessible();
  });
});
