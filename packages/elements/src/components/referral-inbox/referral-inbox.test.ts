import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createCaseManager, defaultPolicy, OrganizationSchema, type Actor, type CaseManager, type ClientInput, type Policy, type Referral, type ReferralStatus } from '@casekit/core';
import { auditTally, createTestSetup, PERSONAS } from '@casekit/core/testing';
import '../../define.js';
import type { CkReferralInbox } from './referral-inbox.component.js';

const provider = PERSONAS.foodBankStaff;
/** A second member of the food bank's staff, who answers a referral while Lucía has it open. */
const colleague: Actor = { id: 'prov-tran', name: 'Minh Tran', role: 'provider', organizationId: 'org-food-bank' };

const THANH: ClientInput = {
  name: { given: ['Thanh'], family: 'Nguyễn' },
  birthDate: '1961-03-14',
  gender: 'female',
  language: 'vi',
  interpreterNeeded: true,
  contact: { phone: '+1 503 555 0142', email: 'thanh@example.org' },
  address: { line: ['12 Alder St'], city: 'Portland', postalCode: '97201' },
  identifiers: [{ system: 'urn:example:mrn', value: 'MRN-4471' }],
};

/**
 * Thanh Nguyễn's social-work case on Marta Alvarez's caseload; the Riverside Community Food Bank
 * (`org-food-bank`, Lucía Ruiz's organisation) and Harbor Housing Partners, each with a service. Thanh
 * consented to share her phone, email and language (not her address or date of birth) with the food bank.
 */
async function world(client: ClientInput = THANH) {
  const setup = createTestSetup();
  const at = '2026-11-01T00:00:00.000Z';
  const org = (id: string, name: string) => OrganizationSchema.parse({ id, version: 1, createdAt: at, updatedAt: at, name });
  await setup.storage.load([{ collection: 'organizations', records: [org('org-food-bank', 'Riverside Community Food Bank'), org('org-harbor', 'Harbor Housing Partners')] }]);
  const directory = setup.as(PERSONAS.supervisor).directory;
  const foodBoxes = await directory.createService({ organizationId: 'org-food-bank', name: 'Emergency food boxes', categories: ['food'] });
  const rehousing = await directory.createService({ organizationId: 'org-harbor', name: 'Rapid rehousing', categories: ['housing'] });
  const { client: record } = await setup.manager.clients.create(client);
  const caseRecord = await setup.manager.cases.create({ clientId: record.id, program: 'social-work', status: 'active', title: 'Housing and food stability' });
  await setup.manager.consents.record({
    clientId: record.id,
    scope: 'share-with-provider',
    grantee: { organizationId: 'org-food-bank', name: 'Riverside Community Food Bank' },
    purpose: 'Referral for food assistance',
    source: 'written',
    shares: ['phone', 'email', 'language'],
  });
  const m = setup.manager;
  /** A referral to the food bank, sent with the consent on file (clock moved a minute, so each is newer). */
  const sent = async (reason = 'Ran out of food stamps mid-month', urgency: 'routine' | 'urgent' = 'routine') => {
    setup.clock.advance(60_000);
    return m.referrals.create({ caseId: caseRecord.id, service: { serviceId: foodBoxes.id }, reason, urgency, send: true });
  };
  const toHarbor = () =>
    m.referrals.create({ caseId: caseRecord.id, service: { serviceId: rehousing.id }, reason: 'Eviction notice received', send: true, consentOverride: { reason: 'Client agreed by phone' } });
  const draft = () => m.referrals.create({ caseId: caseRecord.id, service: { serviceId: foodBoxes.id }, reason: 'Not sent yet' });
  return { setup, caseRecord, sent, toHarbor, draft };
}
type World = Awaited<ReturnType<typeof world>>;

async function mount(manager: CaseManager, attrs: { organizationId?: string; referralId?: string } = {}): Promise<CkReferralInbox> {
  const el = await fixture<CkReferralInbox>(
    html`<ck-referral-inbox .manager=${manager} organization-id=${attrs.organizationId ?? ''} referral-id=${attrs.referralId ?? ''}></ck-referral-inbox>`,
  );
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const row = (el: CkReferralInbox, id: string) => $(el, `[data-referral="${id}"]`)!;
const ids = (el: CkReferralInbox) => $$(el, '[part~="row"]').map((r) => r.dataset.referral);
const toggle = (el: CkReferralInbox, id: string) => row(el, id).querySelector<HTMLButtonElement>('[part~="row-toggle"]')!;
const actions = (el: CkReferralInbox, id: string) => [...row(el, id).querySelectorAll<HTMLElement>('[part~="action-button"]')].map((b) => b.dataset.action);
const button = (el: CkReferralInbox, id: string, action: string) => row(el, id).querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const form = (el: CkReferralInbox) => $<HTMLFormElement>(el, '[part~="form"]');
const live = (el: CkReferralInbox) => $(el, '[role="status"]')!.textContent!;
const status = (el: CkReferralInbox, id: string) => row(el, id).querySelector('[part~="status"]')!.textContent;

async function open(el: CkReferralInbox, id: string): Promise<void> {
  if (toggle(el, id).getAttribute('aria-expanded') !== 'true') toggle(el, id).click();
  await el.updateComplete;
}

function type(field: HTMLTextAreaElement, text: string): void {
  field.value = text;
  field.dispatchEvent(new Event('input'));
}

async function submit(el: CkReferralInbox): Promise<void> {
  form(el)!.querySelector<HTMLButtonElement>('[type="submit"]')!.click();
  await el.loadComplete;
}

async function statusBecomes(w: World, id: string, to: ReferralStatus): Promise<Referral> {
  await waitUntil(async () => (await w.setup.manager.referrals.get(id)).status === to, `referral became ${to}`);
  return w.setup.manager.referrals.get(id);
}

describe('ck-referral-inbox', () => {
  it('lists only the referrals sent to the organisation, waiting first and newest first, and is accessible', async () => {
    const w = await world();
    const older = await w.sent('First request');
    const newer = await w.sent('Second request', 'urgent');
    const answered = await w.sent('Third request');
    await w.setup.as(provider).referrals.transition(answered, 'accepted');
    const harbor = await w.toHarbor();
    const draft = await w.draft();
    const el = await mount(w.setup.as(provider));
    expect(ids(el)).to.deep.equal([newer.id, older.id, answered.id]);
    expect(ids(el)).not.to.include(harbor.id);
    expect(ids(el)).not.to.include(draft.id);
    expect($(el, '[part~="summary"]')!.textContent).to.equal('3 referrals');
    const facts = row(el, newer.id).querySelector('[part~="facts"]')!.textContent!.replace(/\s+/g, ' ');
    expect(toggle(el, newer.id).textContent!.trim()).to.equal('Thanh Nguyễn');
    expect(facts).to.contain('Emergency food boxes').and.contain('Urgency: Urgent').and.contain('Sent Nov 24, 2026').and.contain('Answer by Nov 27, 2026');
    expect(status(el, newer.id)).to.equal('New');
    expect(status(el, answered.id)).to.equal('Accepted');
    expect(row(el, answered.id).querySelector('[part~="due"]'), 'no answer due once answered').to.equal(null);
    expect(toggle(el, newer.id).getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('shows the shared client details labelled in words, and nothing the client did not share', async () => {
    const w = await world();
    const s = await w.sent();
    const el = await mount(w.setup.as(provider));
    await open(el, s.id);
    const detail = row(el, s.id).querySelector<HTMLElement>('[part~="detail"]')!;
    const field = (name: string) => detail.querySelector(`[data-field="${name}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
    expect(field('name')).to.equal('Name Thanh Nguyễn');
    // Phone numbers and emails are isolated left-to-right runs, so right-to-left pages keep them in order.
    expect(field('phone')).to.equal('Phone \u2066+1 503 555 0142\u2069');
    expect(field('email')).to.equal('Email \u2066thanh@example.org\u2069');
    expect(field('language')).to.equal('Language Vietnamese');
    expect(field('interpreter')).to.equal('Interpreter Needs an interpreter');
    expect(detail.querySelector('[data-field="address"]'), 'address not shared').to.equal(null);
    expect(detail.querySelector('[data-field="birthDate"]'), 'date of birth not shared').to.equal(null);
    const text = el.shadowRoot!.textContent!;
    for (const hidden of ['Alder', 'Portland', '97201', '1961', 'Mar 14', 'MRN-4471', 'female', 'Housing and food stability', 'Social work']) {
      expect(text, `"${hidden}" is not shown`).not.to.contain(hidden);
    }
    expect(detail.querySelector('[part~="not-shared"]')!.textContent).to.contain('Not shared with you: Address and Date of birth.')
      .and.contain('The client did not consent to share other details.');
    expect(detail.querySelector('[part~="reason"]')!.textContent).to.equal('Ran out of food stamps mid-month');
    expect(detail.textContent).to.contain('Referred by Marta Alvarez');
    await expect(el).to.be.accessible();
  });

  it('says when only the name was shared (a consent override without shares)', async () => {
    const w = await world();
    const el = await mount(w.setup.as({ id: 'prov-lee', name: 'Jordan Lee', role: 'provider', organizationId: 'org-harbor' }));
    expect(ids(el)).to.deep.equal([]);
    const harbor = await w.toHarbor();
    await waitUntil(() => ids(el).length === 1, 'the new referral arrives');
    await open(el, harbor.id);
    expect($$(el, '[data-field]').map((f) => f.dataset.field)).to.deep.equal(['name']);
    expect(row(el, harbor.id).querySelector('[part~="not-shared"]')!.textContent).to.contain('The client agreed to share only their name.');
  });

  it('accepts a referral: saved on the performer side, announced, and fires ck-referral-change', async () => {
    const w = await world();
    const s = await w.sent();
    const el = await mount(w.setup.as(provider));
    await open(el, s.id);
    expect(actions(el, s.id)).to.deep.equal(['accepted', 'rejected']);
    const change = oneEvent(el, 'ck-referral-change');
    button(el, s.id, 'accepted').click();
    const { detail } = await change;
    expect(detail).to.include({ referralId: s.id, status: 'accepted', from: 'requested', change: 'transition' });
    expect(detail.caseId, 'the inbox names no case').to.equal(undefined);
    const saved = await statusBecomes(w, s.id, 'accepted');
    expect(saved.history.at(-1)).to.include({ side: 'performer' });
    expect(saved.history.at(-1)!.by.id).to.equal(provider.id);
    await el.loadComplete;
    expect(status(el, s.id)).to.equal('Accepted');
    expect(live(el)).to.contain('Referral of Thanh Nguyễn: Accepted.');
    expect(actions(el, s.id)).to.deep.equal(['in-progress', 'outcome']);
    expect(el.shadowRoot!.activeElement === button(el, s.id, 'in-progress'), 'focus on the next step').to.be.true;
  });

  it('needs a reason to decline: names it beside the field and writes nothing without it', async () => {
    const w = await world();
    const s = await w.sent();
    const el = await mount(w.setup.as(provider));
    await open(el, s.id);
    button(el, s.id, 'rejected').click();
    await el.updateComplete;
    const reason = form(el)!.querySelector<HTMLTextAreaElement>('[name="reason"]')!;
    expect(el.shadowRoot!.activeElement === reason, 'focus in the reason').to.be.true;
    expect(button(el, s.id, 'rejected').getAttribute('aria-expanded')).to.equal('true');
    const before = await auditTally(w.setup.storage);
    type(reason, '   ');
    await submit(el);
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(form(el)!.querySelector('#inbox-reason-error')!.textContent).to.equal('Reason for declining is required.');
    expect(reason.getAttribute('aria-describedby')).to.contain('inbox-reason-error');
    expect(el.shadowRoot!.activeElement === reason).to.be.true;
    expect((await auditTally(w.setup.storage)).changes).to.equal(before.changes, 'nothing was written');
    expect((await w.setup.manager.referrals.get(s.id)).status).to.equal('requested');
    await expect(el).to.be.accessible();
    type(reason, 'We do not deliver to that address');
    await submit(el);
    const saved = await statusBecomes(w, s.id, 'rejected');
    expect(saved.statusReason).to.equal('We do not deliver to that address');
    expect(form(el)).to.equal(null);
    expect(status(el, s.id)).to.equal('Declined');
    expect(actions(el, s.id)).to.deep.equal([]);
    expect(row(el, s.id).querySelector('[part~="outcome"]')!.textContent).to.contain('Reason: We do not deliver to that address');
  });

  it('starts the work and records the outcome, whose text is required', async () => {
    const w = await world();
    const s = await w.sent();
    await w.setup.as(provider).referrals.transition(s, 'accepted');
    const el = await mount(w.setup.as(provider));
    await open(el, s.id);
    button(el, s.id, 'in-progress').click();
    await statusBecomes(w, s.id, 'in-progress');
    await el.loadComplete;
    expect(status(el, s.id)).to.equal('In progress');
    button(el, s.id, 'outcome').click();
    await el.updateComplete;
    const f = form(el)!;
    expect([...f.querySelectorAll<HTMLInputElement>('[name="result"]')].map((r) => r.value)).to.deep.equal(['completed', 'failed']);
    const before = await auditTally(w.setup.storage);
    await submit(el);
    const note = form(el)!.querySelector<HTMLTextAreaElement>('[name="note"]')!;
    expect(note.getAttribute('aria-invalid')).to.equal('true');
    expect(form(el)!.querySelector('#inbox-note-error')!.textContent).to.equal('Outcome is required.');
    expect((await auditTally(w.setup.storage)).changes).to.equal(before.changes, 'nothing was written');
    await expect(el).to.be.accessible();
    const failed = f.querySelector<HTMLInputElement>('[value="failed"]')!;
    failed.click();
    await el.updateComplete;
    const code = form(el)!.querySelector<HTMLSelectElement>('[name="code"]')!;
    expect([...code.options].map((o) => o.value)).to.deep.equal(['not-provided', 'client-declined', 'unable-to-contact', 'other']);
    code.value = 'unable-to-contact';
    code.dispatchEvent(new Event('change'));
    type(form(el)!.querySelector<HTMLTextAreaElement>('[name="note"]')!, 'Called three times; the number is out of service.');
    await submit(el);
    const saved = await statusBecomes(w, s.id, 'failed');
    expect(saved.outcome).to.deep.equal({ code: 'unable-to-contact', note: 'Called three times; the number is out of service.' });
    expect(status(el, s.id)).to.equal('Not completed');
    expect(row(el, s.id).querySelector('[part~="outcome"]')!.textContent).to.contain('Outcome: Could not reach the client — Called three times');
  });

  it('offers no provider actions to a case manager, a supervisor or a viewer', async () => {
    const w = await world();
    const s = await w.sent();
    for (const actor of [PERSONAS.caseManager, PERSONAS.supervisor, PERSONAS.viewer]) {
      const el = await mount(w.setup.as(actor), { organizationId: 'org-food-bank' });
      expect(ids(el), actor.role).to.deep.equal([s.id]);
      await open(el, s.id);
      expect(actions(el, s.id), actor.role).to.deep.equal([]);
      expect(row(el, s.id).querySelector('[part~="actions"]'), actor.role).to.equal(null);
      await expect(el).to.be.accessible();
    }
  });

  it('follows the policy, not the role: provider staff a policy lets only read get no actions', async () => {
    const w = await world();
    const s = await w.sent();
    const readOnlyProviders: Policy = (r) => (r.actor.role === 'provider' ? r.action === 'read' && defaultPolicy(r) : defaultPolicy(r));
    const m = createCaseManager({ storage: w.setup.storage, actor: provider, clock: w.setup.clock.now, policy: readOnlyProviders });
    const el = await mount(m);
    await open(el, s.id);
    expect(ids(el)).to.deep.equal([s.id]);
    expect(actions(el, s.id)).to.deep.equal([]);
  });

  it('shows a change made meanwhile by a colleague as a conflict, with Reload, and writes nothing', async () => {
    const w = await world();
    const s = await w.sent();
    const el = await mount(w.setup.as(provider));
    await open(el, s.id);
    button(el, s.id, 'rejected').click();
    await el.updateComplete;
    type(form(el)!.querySelector<HTMLTextAreaElement>('[name="reason"]')!, 'Outside our service area');
    // Meanwhile Minh accepts it.
    await w.setup.as(colleague).referrals.transition(s, 'accepted');
    await el.loadComplete;
    const error = oneEvent(el, 'ck-error');
    await submit(el);
    expect((await error).detail.code).to.equal('conflict');
    const alert = row(el, s.id).querySelector('[part~="row-alert"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Someone else changed this record while you were working');
    expect(form(el)!.querySelector<HTMLTextAreaElement>('[name="reason"]')!.value).to.equal('Outside our service area');
    expect((await w.setup.manager.referrals.get(s.id)).history.map((h) => h.to)).to.deep.equal(['requested', 'accepted']);
    await expect(el).to.be.accessible();
    alert.querySelector('button')!.click();
    await el.loadComplete;
    expect(row(el, s.id).querySelector('[part~="row-alert"]')).to.equal(null);
    // Accepted cannot be declined: the form closed; what the colleague did is shown.
    expect(form(el)).to.equal(null);
    expect(status(el, s.id)).to.equal('Accepted');
  });

  it('works from the keyboard: focus() to the first row, arrows between rows, Escape closes a form', async () => {
    const w = await world();
    const older = await w.sent('First request');
    const newer = await w.sent('Second request');
    const el = await mount(w.setup.as(provider));
    el.focus();
    expect(document.activeElement === el).to.be.true;
    expect(el.shadowRoot!.activeElement === toggle(el, newer.id), 'the first row').to.be.true;
    toggle(el, newer.id).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    expect(el.shadowRoot!.activeElement === toggle(el, older.id), 'ArrowDown: the next row').to.be.true;
    toggle(el, older.id).dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }));
    expect(el.shadowRoot!.activeElement === toggle(el, newer.id), 'Home: the first row').to.be.true;
    // Enter on a button is a click.
    toggle(el, newer.id).click();
    await el.updateComplete;
    expect(toggle(el, newer.id).getAttribute('aria-expanded')).to.equal('true');
    expect(toggle(el, newer.id).getAttribute('aria-controls')).to.equal(row(el, newer.id).querySelector('[part~="detail"]')!.id);
    button(el, newer.id, 'rejected').click();
    await el.updateComplete;
    const reason = form(el)!.querySelector<HTMLTextAreaElement>('[name="reason"]')!;
    reason.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(form(el)).to.equal(null);
    expect(el.shadowRoot!.activeElement === button(el, newer.id, 'rejected'), 'focus back on Decline').to.be.true;
    // The empty inbox's focus() goes to the heading.
    const none = await mount(w.setup.as({ id: 'prov-lee', name: 'Jordan Lee', role: 'provider', organizationId: 'org-harbor' }));
    none.focus();
    expect(none.shadowRoot!.activeElement === $(none, '#inbox-heading')).to.be.true;
  });

  it('marks an acknowledgement overdue in words, not by colour alone', async () => {
    const w = await world();
    const s = await w.sent();
    w.setup.clock.advanceDays(4);
    const el = await mount(w.setup.as(provider));
    expect(row(el, s.id).hasAttribute('data-overdue')).to.equal(true);
    expect(row(el, s.id).querySelector('[part~="overdue"]')!.textContent).to.equal('Overdue: the answer was due Nov 27, 2026');
    await expect(el).to.be.accessible();
  });

  it('filters by view and shows one referral by referral-id', async () => {
    const w = await world();
    const waiting = await w.sent('First request');
    const accepted = await w.sent('Second request');
    await w.setup.as(provider).referrals.transition(accepted, 'accepted');
    const el = await mount(w.setup.as(provider));
    const select = $<HTMLSelectElement>(el, '[part~="filter"]')!;
    select.value = 'new';
    select.dispatchEvent(new Event('change'));
    await el.loadComplete;
    expect(el.statuses).to.deep.equal(['requested']);
    expect(el.getAttribute('statuses')).to.equal('requested');
    expect(ids(el)).to.deep.equal([waiting.id]);
    // Accepting takes it out of "New".
    await open(el, waiting.id);
    button(el, waiting.id, 'accepted').click();
    await statusBecomes(w, waiting.id, 'accepted');
    await el.loadComplete;
    expect(ids(el)).to.deep.equal([]);
    select.value = 'inProgress';
    select.dispatchEvent(new Event('change'));
    await el.loadComplete;
    expect(ids(el).sort()).to.deep.equal([waiting.id, accepted.id].sort());

    const one = await mount(w.setup.as(provider), { referralId: accepted.id });
    expect(ids(one)).to.deep.equal([accepted.id]);
    expect(toggle(one, accepted.id).getAttribute('aria-expanded')).to.equal('true');
    expect($(one, '[part~="filter"]')).to.equal(null);
    // A referral sent elsewhere is not in this organisation's inbox, even for someone who may read it.
    const harbor = await w.toHarbor();
    const elsewhere = await mount(w.setup.as(PERSONAS.supervisor), { organizationId: 'org-food-bank', referralId: harbor.id });
    expect(ids(elsewhere)).to.deep.equal([]);
    expect(elsewhere.shadowRoot!.textContent).to.contain('This referral was not sent to this organization.');
  });

  it('says so when the actor belongs to no organisation', async () => {
    const w = await world();
    await w.sent();
    const el = await mount(w.setup.as(PERSONAS.supervisor));
    expect($(el, '[part~="summary"]')!.textContent).to.equal('This user belongs to no organization, so there is no inbox to show.');
    expect($$(el, '[part~="row"]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows skeletons and is aria-busy while loading', async () => {
    const w = await world();
    const s = await w.sent();
    const m = w.setup.as(provider);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: CaseManager = {
      ...m,
      referrals: { ...m.referrals, forOrganization: async (...args: Parameters<typeof m.referrals.forOrganization>) => (await gate, m.referrals.forOrganization(...args)) },
    };
    const el = await fixture<CkReferralInbox>(html`<ck-referral-inbox .manager=${slow}></ck-referral-inbox>`);
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($$(el, '[part~="skeleton"]')).to.have.length(3);
    expect($(el, '[part~="summary"]')!.textContent).to.equal('Loading…');
    await expect(el).to.be.accessible();
    let done = false;
    const complete = el.loadComplete.then(() => (done = true));
    await el.updateComplete;
    expect(done, 'loadComplete waits for the load').to.equal(false);
    release();
    await complete;
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('false');
    expect($$(el, '[part~="skeleton"]')).to.have.length(0);
    expect(ids(el)).to.deep.equal([s.id]);
  });

  it('speaks Spanish', async () => {
    const w = await world();
    const s = await w.sent();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><ck-referral-inbox .manager=${w.setup.as(provider)}></ck-referral-inbox></div>`);
    const el = wrapper.querySelector('ck-referral-inbox')!;
    await el.loadComplete;
    expect($(el, '[part~="heading"]')!.textContent).to.equal('Derivaciones recibidas');
    expect($(el, '[part~="summary"]')!.textContent).to.equal('1 derivación');
    expect(status(el, s.id)).to.equal('Nueva');
    expect(row(el, s.id).querySelector('[part~="facts"]')!.textContent).to.contain('Urgencia: Rutina').and.contain('Enviada el 24 nov 2026');
    await open(el, s.id);
    const detail = row(el, s.id).querySelector('[part~="detail"]')!;
    expect(detail.querySelector('[data-field="phone"] dt')!.textContent).to.equal('Teléfono');
    expect(detail.querySelector('[data-field="language"] dd')!.textContent).to.equal('vietnamita');
    expect(detail.querySelector('[part~="not-shared"]')!.textContent).to.contain('No se compartió con usted: Dirección y Fecha de nacimiento.');
    expect(button(el, s.id, 'accepted').textContent!.trim()).to.equal('Aceptar');
    button(el, s.id, 'rejected').click();
    await el.updateComplete;
    await submit(el);
    expect(form(el)!.querySelector('#inbox-reason-error')!.textContent).to.equal('Motivo del rechazo: este dato es obligatorio.');
    await expect(el).to.be.accessible();
  });

  it('lays out right to left and stays accessible', async () => {
    const w = await world();
    const s = await w.sent();
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="ar"><ck-referral-inbox .manager=${w.setup.as(provider)}></ck-referral-inbox></div>`);
    const el = wrapper.querySelector('ck-referral-inbox')!;
    await el.loadComplete;
    expect($(el, '[part~="root"]')!.getAttribute('dir')).to.equal('rtl');
    await open(el, s.id);
    const r = row(el, s.id);
    // The row's marked edge is its start: the right side in a right-to-left layout.
    expect(getComputedStyle(r).borderRightWidth).to.equal('4px');
    expect(r.querySelector('[data-field="phone"] dd')!.textContent).to.equal('\u2066+1 503 555 0142\u2069');
    await expect(el).to.be.accessible();
  });

  it('renders record data as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__ckXssInbox=1">';
    const w = await world({ ...THANH, name: { given: ['Thanh'], family: hostile } });
    const s = await w.sent('<script>window.__ckXssInbox=2</script>Needs food');
    const el = await mount(w.setup.as(provider));
    await open(el, s.id);
    expect($$(el, 'img, script')).to.have.length(0);
    expect(toggle(el, s.id).textContent!.trim()).to.equal(`Thanh ${hostile}`);
    expect(row(el, s.id).querySelector('[part~="reason"]')!.textContent).to.equal('<script>window.__ckXssInbox=2</script>Needs food');
    expect((window as { __ckXssInbox?: number }).__ckXssInbox).to.equal(undefined);
  });
});
