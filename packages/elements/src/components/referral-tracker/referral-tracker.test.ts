import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { defaultPolicy, OrganizationSchema, type Actor, type CaseManager, type CaseManagerOptions, type Policy, type Referral, type ReferralStatus } from '@casekit/core';
import { createTestSetup, PERSONAS, type TestSetup } from '@casekit/core/testing';
import '../../define.js';
import type { CkReferralTracker } from './referral-tracker.component.js';

const provider = PERSONAS.foodBankStaff;

/** A custom role the default policy does not know: may read everything, change nothing. */
const auditor: Actor = { id: 'aud-1', name: 'Audit', role: 'auditor' };
/** A custom policy: auditors only read; everyone else may do anything. */
const auditorPolicy: Policy = (r) => r.action === 'read' || r.actor.role !== 'auditor';

/**
 * Thanh Nguyễn's active social-work case on Marta Alvarez's caseload, and a directory with the
 * Riverside Community Food Bank (`org-food-bank`, Lucía Ruiz's organisation) and its food-box service.
 */
async function world(options: Partial<CaseManagerOptions> = {}) {
  const setup = createTestSetup(options);
  const at = '2026-11-01T00:00:00.000Z';
  await setup.storage.load([
    {
      collection: 'organizations',
      records: [OrganizationSchema.parse({ id: 'org-food-bank', version: 1, createdAt: at, updatedAt: at, name: 'Riverside Community Food Bank' })],
    },
  ]);
  const foodBoxes = await setup.as(PERSONAS.supervisor).directory.createService({
    organizationId: 'org-food-bank',
    name: 'Emergency food boxes',
    categories: ['food', 'social-support'],
    languages: ['en', 'vi'],
    contact: { phone: '+1 503 555 0100', email: 'intake@food.example.org' },
  });
  const { client } = await setup.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' }, birthDate: '1961-03-14', language: 'vi' });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  const consent = () =>
    setup.manager.consents.record({
      clientId: client.id,
      scope: 'share-with-provider',
      grantee: { organizationId: 'org-food-bank', name: 'Riverside Community Food Bank' },
      purpose: 'Referral for food assistance',
      source: 'written',
    });
  const draft = (reason = 'Ran out of food stamps mid-month') => setup.manager.referrals.create({ caseId: caseRecord.id, service: { serviceId: foodBoxes.id }, reason });
  /** A referral sent with consent on file. */
  const sent = async (reason?: string) => {
    await consent();
    return setup.manager.referrals.send(await draft(reason));
  };
  return { setup, client, caseRecord, foodBoxes, consent, draft, sent };
}
type World = Awaited<ReturnType<typeof world>>;

async function mount(w: World, manager: CaseManager = w.setup.manager): Promise<CkReferralTracker> {
  const el = await fixture<CkReferralTracker>(html`<ck-referral-tracker .manager=${manager} case-id=${w.caseRecord.id}></ck-referral-tracker>`);
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const card = (el: CkReferralTracker, id: string) => $(el, `[data-referral="${id}"]`)!;
const actions = (el: CkReferralTracker, id: string) => [...card(el, id).querySelectorAll<HTMLElement>('[part~="action-button"], [part~="record-button"]')].map((b) => b.dataset.action);
const button = (el: CkReferralTracker, id: string, action: string) => card(el, id).querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const dialog = (el: CkReferralTracker) => $<HTMLDialogElement>(el, 'dialog')!;
const field = <T extends HTMLElement>(el: CkReferralTracker, name: string) => dialog(el).querySelector<T>(`[name="${name}"]`)!;
const steps = (el: CkReferralTracker, id: string) =>
  [...card(el, id).querySelectorAll<HTMLElement>('[part~="step"]')].map((s) => `${s.dataset.step}:${s.dataset.state}`);
const live = (el: CkReferralTracker) => $(el, '[role="status"]')!.textContent!;

async function choose(el: CkReferralTracker, to: ReferralStatus): Promise<void> {
  const select = field<HTMLSelectElement>(el, 'to');
  select.value = to;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

/** Send on a draft, then Send in the preview of what will be shared. */
async function sendThroughPreview(el: CkReferralTracker, id: string): Promise<void> {
  button(el, id, 'requested').click();
  await waitUntil(() => dialog(el).open && dialog(el).querySelector('[data-confirm-send]'), 'preview open');
  dialog(el).querySelector<HTMLButtonElement>('[data-confirm-send]')!.click();
}

function submit(el: CkReferralTracker): void {
  dialog(el).querySelector<HTMLButtonElement>('[type="submit"]')!.click();
}

async function statusBecomes(w: World, id: string, status: ReferralStatus): Promise<Referral> {
  await waitUntil(async () => (await w.setup.manager.referrals.get(id)).status === status, `referral became ${status}`);
  return w.setup.manager.referrals.get(id);
}

describe('ck-referral-tracker', () => {
  it('lists the case referrals with status, steps and history, and is accessible', async () => {
    const w = await world();
    const d = await w.draft('Needs groceries this week');
    w.setup.clock.advance(60_000);
    const s = await w.sent();
    const el = await mount(w);
    expect($$(el, '[part~="referral"]')).to.have.length(2);
    expect($(el, '[part~="summary"]')!.textContent).to.equal('2 referrals');
    // Newest first.
    expect($$(el, '[part~="referral"]').map((c) => c.dataset.referral)).to.deep.equal([s.id, d.id]);
    expect(card(el, d.id).querySelector('[part~="status"]')!.textContent).to.equal('Draft');
    expect(card(el, s.id).querySelector('[part~="status"]')!.textContent).to.equal('Sent');
    expect(card(el, s.id).querySelector('[part~="service"]')!.textContent).to.equal('Emergency food boxes');
    expect(card(el, s.id).querySelector('[part~="organization"]')!.textContent).to.equal('Riverside Community Food Bank');
    expect(card(el, s.id).textContent).to.contain('+1 503 555 0100');
    // Phone numbers are isolated left-to-right runs, so right-to-left pages do not reorder them.
    expect(card(el, s.id).textContent).to.contain('\u2066+1 503 555 0100\u2069');
    expect(steps(el, d.id)).to.deep.equal(['sent:current', 'acknowledged:pending', 'inProgress:pending', 'closed:pending']);
    expect(steps(el, s.id)).to.deep.equal(['sent:done', 'acknowledged:current', 'inProgress:pending', 'closed:pending']);
    expect(card(el, s.id).querySelector('[aria-current="step"]')!.textContent).to.contain('Acknowledged');
    expect(card(el, s.id).querySelector('[data-step="acknowledged"]')!.textContent).to.contain('Answer due Nov 27, 2026');
    const history = card(el, s.id).querySelectorAll('[part~="history-entry"]');
    expect(history).to.have.length(2);
    expect(history[0]!.textContent).to.contain('Draft → Sent').and.contain('by Marta Alvarez (referring side)');
    expect(history[1]!.textContent).to.contain('Created as Draft');
    expect(card(el, s.id).querySelector('[data-overdue]')).to.equal(null);
    await expect(el).to.be.accessible();
    card(el, s.id).querySelector<HTMLElement>('details summary')!.click();
    await expect(el).to.be.accessible();
  });

  it('focus() goes to the first referral, else to the heading', async () => {
    const w = await world();
    const empty = await mount(w);
    empty.focus();
    expect(document.activeElement === empty, 'the host has focus').to.be.true;
    expect(empty.shadowRoot!.activeElement === $(empty, '#tracker-heading'), 'the heading, without referrals').to.be.true;
    await expect(empty).to.be.accessible();
    const s = await w.sent();
    const el = await mount(w);
    el.focus();
    expect(document.activeElement === el).to.be.true;
    expect(el.shadowRoot!.activeElement === card(el, s.id).querySelector('[part~="service"]'), 'the first referral').to.be.true;
  });

  it('shows skeletons and is aria-busy while the referrals load, for a new case too', async () => {
    const w = await world();
    const s = await w.sent();
    const other = await w.setup.manager.cases.create({ clientId: w.client.id, program: 'healthcare', status: 'active' });
    let release!: () => void;
    let gate = new Promise<void>((resolve) => (release = resolve));
    const m = w.setup.manager;
    // The same manager, whose referral reads wait for the test.
    const slow = Object.assign(Object.create(m) as CaseManager, {
      referrals: Object.assign(Object.create(m.referrals) as CaseManager['referrals'], { forCase: (id: string) => gate.then(() => m.referrals.forCase(id)) }),
    });
    const el = await fixture<CkReferralTracker>(html`<ck-referral-tracker .manager=${slow} case-id=${w.caseRecord.id}></ck-referral-tracker>`);
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($$(el, '[part~="skeleton"]')).to.have.length(3);
    expect($(el, '[part~="skeletons"]')!.getAttribute('aria-hidden')).to.equal('true');
    expect($(el, '[part~="summary"]')!.textContent).to.equal('Loading…');
    await expect(el).to.be.accessible();
    release();
    await el.loadComplete;
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('false');
    expect($(el, '[part~="skeleton"]')).to.equal(null);
    expect(card(el, s.id)).to.exist;
    // Another case: the previous case's referrals go at once, skeletons until its own arrive.
    gate = new Promise<void>((resolve) => (release = resolve));
    el.caseId = other.id;
    await el.updateComplete;
    expect($$(el, '[part~="referral"]')).to.have.length(0);
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('true');
    release();
    await el.loadComplete;
    expect($(el, '[part~="skeleton"]')).to.equal(null);
    expect($(el, '[part~="summary"]')!.textContent).to.equal('0 referrals');
  });

  it('runs the full loop through the UI: send, accepted, in progress, completed with an outcome', async () => {
    const w = await world();
    await w.consent();
    const d = await w.draft();
    const el = await mount(w);
    const events: CustomEvent[] = [];
    el.addEventListener('ck-referral-change', (e) => events.push(e));

    await sendThroughPreview(el, d.id);
    let record = await statusBecomes(w, d.id, 'requested');
    expect(record.consent).to.have.property('consentId');
    await el.loadComplete;
    expect(live(el)).to.contain('Referral to Emergency food boxes sent.');
    expect(steps(el, d.id)).to.deep.equal(['sent:done', 'acknowledged:current', 'inProgress:pending', 'closed:pending']);

    // The provider phoned: the case manager records its answers.
    expect(actions(el, d.id)).to.deep.equal(['cancelled', 'entered-in-error', 'record']);
    button(el, d.id, 'record').click();
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    expect([...field<HTMLSelectElement>(el, 'to').options].map((o) => o.value)).to.deep.equal(['', 'accepted', 'rejected']);
    await choose(el, 'accepted');
    await expect(el).to.be.accessible();
    submit(el);
    record = await statusBecomes(w, d.id, 'accepted');
    await el.loadComplete;
    expect(dialog(el).open).to.equal(false);
    expect(live(el)).to.contain('Recorded for the provider: referral to Emergency food boxes is now Accepted.');

    button(el, d.id, 'record').click();
    await el.updateComplete;
    expect([...field<HTMLSelectElement>(el, 'to').options].map((o) => o.value)).to.deep.equal(['', 'in-progress', 'completed', 'failed']);
    await choose(el, 'in-progress');
    submit(el);
    await statusBecomes(w, d.id, 'in-progress');
    await el.loadComplete;
    expect(steps(el, d.id)).to.deep.equal(['sent:done', 'acknowledged:done', 'inProgress:current', 'closed:pending']);

    button(el, d.id, 'record').click();
    await el.updateComplete;
    await choose(el, 'completed');
    // Without an outcome core refuses; the message sits beside the outcome field.
    submit(el);
    await waitUntil(() => field(el, 'outcome').getAttribute('aria-invalid') === 'true', 'outcome error shown');
    expect(dialog(el).querySelector('#outcome-error')!.textContent).to.equal('Outcome is required.');
    expect((await w.setup.manager.referrals.get(d.id)).status).to.equal('in-progress');
    await expect(el).to.be.accessible();
    field<HTMLSelectElement>(el, 'outcome').value = 'service-provided';
    field<HTMLTextAreaElement>(el, 'outcomeNote').value = 'Two boxes picked up on Friday';
    submit(el);
    record = await statusBecomes(w, d.id, 'completed');
    await el.loadComplete;

    expect(record.outcome).to.deep.equal({ code: 'service-provided', note: 'Two boxes picked up on Friday' });
    expect(record.history.map((h) => [h.from, h.to, h.side, h.recordedFor ?? null])).to.deep.equal([
      [null, 'draft', 'requester', null],
      ['draft', 'requested', 'requester', null],
      ['requested', 'accepted', 'performer', 'performer'],
      ['accepted', 'in-progress', 'performer', 'performer'],
      ['in-progress', 'completed', 'performer', 'performer'],
    ]);
    expect(steps(el, d.id)).to.deep.equal(['sent:done', 'acknowledged:done', 'inProgress:done', 'closed:done']);
    expect(card(el, d.id).querySelector('[data-step="closed"]')!.textContent).to.contain('Completed, Service provided');
    expect(card(el, d.id).querySelector('[part~="outcome"]')!.textContent).to.contain('Service provided').and.contain('Two boxes picked up on Friday');
    expect(card(el, d.id).querySelectorAll('[data-recorded-for]')).to.have.length(3);
    expect(card(el, d.id).querySelector('[part~="history-entry"]')!.textContent).to.contain('recorded for the provider');
    expect(actions(el, d.id)).to.deep.equal([]);

    expect(events.map((e) => [e.detail.change, e.detail.from, e.detail.status, e.detail.recordedFor ?? null])).to.deep.equal([
      ['sent', 'draft', 'requested', null],
      ['transition', 'requested', 'accepted', 'performer'],
      ['transition', 'accepted', 'in-progress', 'performer'],
      ['transition', 'in-progress', 'completed', 'performer'],
    ]);
    expect(events.every((e) => e.bubbles && e.composed && e.detail.referralId === d.id && e.detail.caseId === w.caseRecord.id)).to.equal(true);
    expect(events.at(-1)!.detail.record.outcome.code).to.equal('service-provided');
    await expect(el).to.be.accessible();
  });

  it('needs a reason to decline, shown beside the field', async () => {
    const w = await world();
    const s = await w.sent();
    const el = await mount(w, w.setup.as(provider));
    button(el, s.id, 'rejected').click();
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    expect(dialog(el).querySelector('h2')!.textContent).to.equal('Decline: Emergency food boxes');
    submit(el);
    await waitUntil(() => field(el, 'reason').getAttribute('aria-invalid') === 'true', 'reason error shown');
    expect(dialog(el).querySelector('#reason-error')!.textContent).to.equal('Reason is required.');
    expect(field(el, 'reason').getAttribute('aria-describedby')).to.contain('reason-error');
    expect(el.shadowRoot!.activeElement === field(el, 'reason')).to.be.true;
    expect((await w.setup.manager.referrals.get(s.id)).status).to.equal('requested');
    await expect(el).to.be.accessible();
    field<HTMLTextAreaElement>(el, 'reason').value = 'No delivery to that address';
    submit(el);
    const record = await statusBecomes(w, s.id, 'rejected');
    expect(record.statusReason).to.equal('No delivery to that address');
    expect(record.history.at(-1)).to.include({ side: 'performer', reason: 'No delivery to that address' });
    expect(record.history.at(-1)!.by.id).to.equal(provider.id);
    await el.loadComplete;
    expect(card(el, s.id).querySelector('[part~="status"]')!.textContent).to.equal('Declined');
    expect(steps(el, s.id)).to.deep.equal(['sent:done', 'acknowledged:done', 'inProgress:skipped', 'closed:done']);
  });

  it('refuses to send without consent, explains why, and sends with an audited override and reason', async () => {
    const w = await world();
    const d = await w.draft();
    const el = await mount(w);
    button(el, d.id, 'requested').click();
    await waitUntil(() => dialog(el).querySelector('[data-consent-missing]'), 'preview says consent is missing');
    const message = dialog(el).querySelector('[data-consent-missing]')!.textContent!;
    expect(message).to.contain('Thanh Nguyễn has no active consent to share information with Riverside Community Food Bank');
    // Nothing can be sent until an override is previewed.
    expect(dialog(el).querySelector('[data-confirm-send]')).to.equal(null);
    expect((await w.setup.manager.referrals.get(d.id)).status).to.equal('draft');
    await expect(el).to.be.accessible();

    dialog(el).querySelector<HTMLButtonElement>('[data-preview-override]')!.click();
    await waitUntil(() => field(el, 'overrideReason').getAttribute('aria-invalid') === 'true');
    expect(dialog(el).querySelector('#dialog-title-override-error')!.textContent).to.equal('Reason for sending without consent is required.');
    expect(el.shadowRoot!.activeElement === field(el, 'overrideReason')).to.be.true;
    await expect(el).to.be.accessible();

    const change = oneEvent(el, 'ck-referral-change');
    field<HTMLTextAreaElement>(el, 'overrideReason').value = 'Client agreed by phone; signs the form on Monday. Food needed today.';
    dialog(el).querySelector<HTMLButtonElement>('[data-preview-override]')!.click();
    await waitUntil(() => dialog(el).querySelector('[data-confirm-send]'), 'override previewed');
    expect(dialog(el).querySelector('[part~="share-basis"]')!.textContent).to.contain('Consent override: Client agreed by phone');
    dialog(el).querySelector<HTMLButtonElement>('[data-confirm-send]')!.click();
    expect((await change).detail).to.include({ change: 'sent', consentOverride: true, status: 'requested' });
    const record = await w.setup.manager.referrals.get(d.id);
    expect(record.consent).to.have.nested.property('override.reason', 'Client agreed by phone; signs the form on Monday. Food needed today.');
    const audit = await w.setup.as(PERSONAS.supervisor).audit.forRecord(d.id);
    const override = audit.items.find((e) => e.action === 'override');
    expect(override, 'override audited').to.exist;
    expect(override!.reason).to.contain('Client agreed by phone');
    await el.loadComplete;
    expect(dialog(el).open).to.equal(false);
    expect(live(el)).to.contain('sent without consent');
  });

  it('shows only the consent message (no override) with no-consent-override', async () => {
    const w = await world();
    const d = await w.draft();
    const el = await mount(w);
    el.noConsentOverride = true;
    await el.updateComplete;
    button(el, d.id, 'requested').click();
    await waitUntil(() => dialog(el).open);
    expect(dialog(el).querySelector('[data-consent-missing]')!.textContent).to.contain('Record the client’s consent, then check again.');
    expect(dialog(el).querySelector('[name="overrideReason"]')).to.equal(null);
    expect(dialog(el).querySelector('[data-confirm-send]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('offers only the allowed actions for the actor’s side; a viewer gets none', async () => {
    const w = await world();
    const d = await w.draft();
    const s = await w.sent();
    const el = await mount(w);
    expect(actions(el, d.id)).to.deep.equal(['requested', 'cancelled', 'entered-in-error']);
    expect(actions(el, s.id)).to.deep.equal(['cancelled', 'entered-in-error', 'record']);
    expect(card(el, s.id).querySelector('[part~="actions"]')!.getAttribute('aria-label')).to.equal('Actions for Emergency food boxes');

    const viewer = await mount(w, w.setup.as(PERSONAS.viewer));
    expect($$(viewer, '[part~="referral"]')).to.have.length(2);
    expect($$(viewer, '[part~="actions"], button[data-action]')).to.have.length(0);
    await expect(viewer).to.be.accessible();

    const readonly = await mount(w);
    readonly.readonly = true;
    await readonly.updateComplete;
    expect($$(readonly, 'button[data-action]')).to.have.length(0);
  });

  it('shows a provider only its own (performer) actions on referrals sent to it', async () => {
    const w = await world();
    await w.draft('Still a draft: not shared with the provider');
    const s = await w.sent();
    const el = await mount(w, w.setup.as(provider));
    // The draft is not shared with the provider; the sent one is.
    expect($$(el, '[part~="referral"]').map((c) => c.dataset.referral)).to.deep.equal([s.id]);
    expect(actions(el, s.id)).to.deep.equal(['accepted', 'rejected', 'cancelled']);
    expect($$(el, '[part~="record-button"]')).to.have.length(0);
    button(el, s.id, 'accepted').click();
    await statusBecomes(w, s.id, 'accepted');
    await el.loadComplete;
    expect(actions(el, s.id)).to.deep.equal(['in-progress', 'completed', 'failed', 'cancelled']);
    // Focus stays on the card after the button it came from went away.
    expect(el.shadowRoot!.activeElement === card(el, s.id).querySelector('[part~="service"]')).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('offers actions by the policy, not role names: an auditor and a viewer get none, and it stays accessible', async () => {
    // An auditor under a custom policy; a viewer under the default one.
    for (const [actor, options] of [
      [auditor, { policy: auditorPolicy }],
      [PERSONAS.viewer, {}],
    ] as const) {
      const w = await world(options);
      const d = await w.draft();
      const s = await w.sent();
      const el = await mount(w, w.setup.as(actor));
      expect($$(el, '[part~="referral"]').map((c) => c.dataset.referral), actor.role).to.deep.equal([s.id, d.id]);
      expect($$(el, '[part~="actions"], button[data-action], [part~="record-button"]'), actor.role).to.have.length(0);
      expect($(el, '[part~="alert"]'), actor.role).to.equal(null);
      await expect(el).to.be.accessible();
      // The same policy lets the case manager on the case act.
      const own = await mount(w);
      expect(actions(own, d.id), actor.role).to.deep.equal(['requested', 'cancelled', 'entered-in-error']);
      expect(actions(own, s.id), actor.role).to.deep.equal(['cancelled', 'entered-in-error', 'record']);
    }
  });

  it('offers actions to a custom role the policy lets transition, on the referring side', async () => {
    // A "coordinator" role the default policy does not know, allowed to transition referrals.
    const coordinator: Actor = { id: 'coord-1', name: 'Sam Coordinator', role: 'coordinator' };
    const w = await world({ policy: (r) => (r.actor.role === 'coordinator' ? r.collection === 'referrals' || r.collection === 'cases' : defaultPolicy(r)) });
    const s = await w.sent();
    const el = await mount(w, w.setup.as(coordinator));
    expect(actions(el, s.id)).to.deep.equal(['cancelled', 'entered-in-error', 'record']);
  });

  it('does not offer to send without consent when the policy refuses override-consent', async () => {
    const w = await world({ policy: (r) => r.action !== 'override-consent' && defaultPolicy(r) });
    const d = await w.draft();
    const el = await mount(w);
    button(el, d.id, 'requested').click();
    await waitUntil(() => dialog(el).open, 'preview open');
    expect(dialog(el).querySelector('[data-consent-missing]')!.textContent).to.contain('Thanh Nguyễn has no active consent to share information with Riverside Community Food Bank');
    expect(dialog(el).querySelector('[name="overrideReason"]')).to.equal(null);
    expect(dialog(el).querySelector('[data-confirm-send]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('marks a referral past its acknowledgement deadline as overdue', async () => {
    const w = await world();
    const s = await w.sent();
    const el = await mount(w);
    expect(card(el, s.id).querySelector('[data-overdue]')).to.equal(null);
    w.setup.clock.advanceDays(4);
    await el.refresh();
    await el.updateComplete;
    const badge = card(el, s.id).querySelector('[data-overdue]')!;
    expect(badge.textContent).to.equal('No answer — overdue since Nov 27, 2026');
    expect(badge.classList.contains('danger')).to.equal(true);
    expect(card(el, s.id).querySelector('[data-step="acknowledged"]')!.getAttribute('data-tone')).to.equal('danger');
    await expect(el).to.be.accessible();
  });

  it('traps focus in a dialog and returns it to the button that opened it', async () => {
    const w = await world();
    const s = await w.sent();
    const el = await mount(w);
    const cancel = button(el, s.id, 'cancelled');
    cancel.focus();
    cancel.click();
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    // Modal: the rest of the page is inert; focus starts in the dialog.
    expect(dialog(el).contains(el.shadowRoot!.activeElement)).to.equal(true);
    expect(el.shadowRoot!.activeElement === field(el, 'reason')).to.be.true;
    dialog(el).querySelector<HTMLButtonElement>('.dialog-actions .ck-button:not([type="submit"])')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(dialog(el).open).to.equal(false);
    expect(el.shadowRoot!.activeElement === button(el, s.id, 'cancelled')).to.be.true;
    // Escape closes it too.
    button(el, s.id, 'cancelled').click();
    await el.updateComplete;
    dialog(el).dispatchEvent(new Event('cancel', { cancelable: true }));
    await el.updateComplete;
    expect(dialog(el).open).to.equal(false);
    expect((await w.setup.manager.referrals.get(s.id)).status).to.equal('requested');
  });

  it('shows a conflict in plain words, keeps what was typed and saves after a reload', async () => {
    const w = await world();
    const s = await w.sent();
    const el = await mount(w);
    button(el, s.id, 'cancelled').click();
    await el.updateComplete;
    field<HTMLTextAreaElement>(el, 'reason').value = 'Client found another pantry closer to home';
    // Meanwhile the food bank accepts it.
    await w.setup.as(provider).referrals.transition(s, 'accepted');
    await el.loadComplete;
    const error = oneEvent(el, 'ck-error');
    submit(el);
    expect((await error).detail.code).to.equal('conflict');
    await waitUntil(() => dialog(el).querySelector('[role="alert"]'), 'conflict shown');
    const alert = dialog(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Someone else changed this record while you were working');
    expect(field<HTMLTextAreaElement>(el, 'reason').value).to.equal('Client found another pantry closer to home');
    await expect(el).to.be.accessible();
    alert.querySelector('button')!.click();
    await waitUntil(() => !dialog(el).querySelector('[role="alert"]'), 'reloaded');
    expect(field<HTMLTextAreaElement>(el, 'reason').value).to.equal('Client found another pantry closer to home');
    submit(el);
    const record = await statusBecomes(w, s.id, 'cancelled');
    expect(record.history.map((h) => h.to)).to.deep.equal(['draft', 'requested', 'accepted', 'cancelled']);
    expect(record.statusReason).to.equal('Client found another pantry closer to home');
  });

  it('re-renders when another manager or another tab changes a referral', async () => {
    const w = await world();
    const s = await w.sent();
    const el = await mount(w);
    const accepted = await w.setup.as(provider).referrals.transition(s, 'accepted');
    await waitUntil(() => card(el, s.id).querySelector('[part~="status"]')!.textContent === 'Accepted', 'followed the provider');
    expect(card(el, s.id).querySelector('[part~="history-entry"]')!.textContent).to.contain('by Lucía Ruiz (provider)');
    // A storage adapter reports another tab's commit as a remote batch; load() stands in for it here.
    const started: Referral = {
      ...accepted,
      status: 'in-progress',
      version: accepted.version + 1,
      history: [...accepted.history, { from: 'accepted', to: 'in-progress', at: '2026-11-25T10:00:00.000Z', by: { id: provider.id, name: provider.name, role: 'provider' }, side: 'performer' }],
    };
    await w.setup.storage.load([{ collection: 'referrals', records: [started] }]);
    await waitUntil(() => card(el, s.id).querySelector('[part~="status"]')!.textContent === 'In progress', 'followed the other tab');
    // A new referral appears too.
    await w.draft('Second referral');
    await waitUntil(() => $$(el, '[part~="referral"]').length === 2);
  });

  it('renders record data as text, never as HTML', async () => {
    const w = await world();
    const hostile = '<img src=x onerror="window.__ckXssTracker=1">';
    const s = await w.sent(hostile);
    const el = await mount(w, w.setup.as(provider));
    button(el, s.id, 'rejected').click();
    await el.updateComplete;
    field<HTMLTextAreaElement>(el, 'reason').value = '<b onclick="alert(1)">bold</b><script>window.__ckXssTracker=2</script>';
    submit(el);
    await statusBecomes(w, s.id, 'rejected');
    await el.loadComplete;
    expect($$(el, 'img, b, script')).to.have.length(0);
    expect(card(el, s.id).querySelector('.details .reason')!.textContent).to.equal(hostile);
    expect(card(el, s.id).textContent).to.contain('<b onclick="alert(1)">bold</b>');
    expect((window as { __ckXssTracker?: number }).__ckXssTracker).to.equal(undefined);
  });

  it('speaks Spanish and switches language at run time', async () => {
    const w = await world();
    const d = await w.draft();
    const s = await w.sent();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><ck-referral-tracker .manager=${w.setup.manager} case-id=${w.caseRecord.id}></ck-referral-tracker></div>`);
    const el = wrapper.querySelector('ck-referral-tracker')!;
    await el.loadComplete;
    expect($(el, '[part~="heading"]')!.textContent).to.equal('Derivaciones');
    expect($(el, '[part~="summary"]')!.textContent).to.equal('2 derivaciones');
    expect(card(el, s.id).querySelector('[part~="status"]')!.textContent).to.equal('Enviada');
    expect(button(el, d.id, 'requested').textContent!.trim()).to.equal('Enviar');
    expect(button(el, s.id, 'record').textContent!.trim()).to.equal('Registrar la respuesta del proveedor');
    expect(card(el, s.id).querySelector('[data-step="acknowledged"]')!.textContent).to.contain('Respuesta antes del 27 nov 2026');
    await expect(el).to.be.accessible();
    button(el, s.id, 'record').click();
    await el.updateComplete;
    expect(dialog(el).querySelector('h2')!.textContent).to.contain('Registrar la respuesta del proveedor');
    await choose(el, 'rejected');
    submit(el);
    await waitUntil(() => field(el, 'reason').getAttribute('aria-invalid') === 'true');
    expect(dialog(el).querySelector('#reason-error')!.textContent).to.equal('Motivo: este dato es obligatorio.');
    await expect(el).to.be.accessible();
    dialog(el).querySelector<HTMLButtonElement>('.dialog-actions .ck-button:not([type="submit"])')!.click();
    await el.updateComplete;

    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => $(el, '[part~="heading"]')!.textContent === 'Referrals', 'switched to English');
  });

  it('explains a permission refusal in plain words', async () => {
    const w = await world();
    const other = await mount(w, w.setup.as(PERSONAS.otherCaseManager));
    await aTimeout(0);
    const alert = $(other, '[part~="alert"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain("You don't have permission to view this referral");
    await expect(other).to.be.accessible();
  });

  it('gets its manager from a provider and is accessible in the dark theme at 360 px', async () => {
    const w = await world();
    const s = await w.sent();
    await w.setup.as(provider).referrals.transition(s, 'accepted');
    const css = await (await fetch(new URL('../../themes/default.css', import.meta.url))).text();
    const style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLElement>(
        html`<ck-provider .manager=${w.setup.manager}
          ><div data-ck-theme="dark" style="width: 360px; background: #111827"><ck-referral-tracker case-id=${w.caseRecord.id}></ck-referral-tracker></div
        ></ck-provider>`,
      );
      const el = wrapper.querySelector('ck-referral-tracker')!;
      await waitUntil(() => $$(el, '[part~="referral"]').length === 1, 'loaded through the provider');
      expect(el.getBoundingClientRect().width).to.equal(360);
      await expect(el).to.be.accessible();
      button(el, s.id, 'record').click();
      await el.updateComplete;
      await choose(el, 'completed');
      await expect(el).to.be.accessible();
    } finally {
      style.remove();
    }
  });

  it("dates the deadline on the manager's calendar, not the browser's", async () => {
    // Sent at 15:00 UTC on 24 November: the answer is due 15:00 UTC on the 27th, already 05:00 on the 28th in Kiribati (UTC+14).
    const w = await world({ timeZone: 'Pacific/Kiritimati' });
    const s = await w.sent();
    expect(s.acknowledgementDueAt).to.equal('2026-11-27T15:00:00.000Z');
    const el = await mount(w);
    expect(card(el, s.id).querySelector('[data-step="acknowledged"] .step-detail')!.textContent).to.equal('Answer due Nov 28, 2026');
    expect(card(el, s.id).querySelector('[data-step="sent"] .step-detail')!.textContent).to.equal('Nov 25, 2026');
    w.setup.clock.advanceDays(4);
    await el.refresh();
    await el.updateComplete;
    expect(card(el, s.id).querySelector('[data-overdue]')!.textContent).to.equal('No answer — overdue since Nov 28, 2026');
  });

  it('loadComplete waits for the reload in progress and the one queued behind it, without polling', async () => {
    const w = await world();
    const s = await w.sent();
    const manager = w.setup.manager;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const slow: CaseManager = Object.create(manager, {
      referrals: { value: Object.assign(Object.create(manager.referrals), { forCase: async (caseId: string) => (calls++, await gate, manager.referrals.forCase(caseId)) }) },
    });
    const el = await fixture<CkReferralTracker>(html`<ck-referral-tracker .manager=${slow} case-id=${w.caseRecord.id}></ck-referral-tracker>`);
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
      expect(el.referrals.map((r) => r.id)).to.deep.equal([s.id]);
      expect(calls, 'the queued reload ran too').to.equal(2);
      expect(timers.filter((ms) => ms === 5), 'no 5 ms polling').to.deep.equal([]);
    } finally {
      window.setTimeout = realSetTimeout;
    }
  });
});
