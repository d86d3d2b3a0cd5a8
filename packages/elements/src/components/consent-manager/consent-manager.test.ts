import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CaseManager, Consent, ConsentInput } from '@casekit/core';
import { auditTally, createTestSetup, PERSONAS } from '@casekit/core/testing';
import '../../define.js';
import type { CkReferralTracker } from '../referral-tracker/referral-tracker.component.js';
import type { CkConsentManager } from './consent-manager.component.js';

/**
 * Rosa Hernández (prefers Spanish), with a case on Marta Alvarez's caseload; the directory has Harbor
 * Housing Partners. The manager's clock reads 2026-11-24 15:00 UTC, its calendar is UTC.
 */
async function world() {
  const setup = createTestSetup({ timeZone: 'UTC' });
  const { client } = await setup.manager.clients.create({ name: { given: ['Rosa'], family: 'Hernández' }, birthDate: '1984-03-12', language: 'es' });
  await setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health', status: 'active' });
  const harbor = await setup.as(PERSONAS.supervisor).directory.createOrganization({ name: 'Harbor Housing Partners', contact: { phone: '+1 555 0120' } });
  const record = (input: Partial<ConsentInput>) =>
    setup.manager.consents.record({ clientId: client.id, scope: 'share-with-provider', purpose: 'Coordinate housing services.', source: 'written', ...input });
  return { setup, client, harbor, record };
}
type World = Awaited<ReturnType<typeof world>>;

async function mount(w: World, options: { manager?: CaseManager; lang?: string; organizationId?: string } = {}): Promise<CkConsentManager> {
  const el = await fixture<CkConsentManager>(
    html`<ck-consent-manager lang=${options.lang ?? 'en'} .manager=${options.manager ?? w.setup.manager} client-id=${w.client.id} organization-id=${options.organizationId ?? ''}></ck-consent-manager>`,
  );
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const item = (el: CkConsentManager, id: string) => $(el, `[data-consent="${id}"]`)!;
const badge = (el: CkConsentManager, id: string) => item(el, id).querySelector('[part~="status"]')!.textContent;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function type(el: CkConsentManager, name: string, value: string): Promise<void> {
  const field = el.shadowRoot!.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${name}"]`)!;
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
  await el.updateComplete;
}

async function click(el: CkConsentManager, selector: string): Promise<void> {
  $<HTMLButtonElement>(el, selector)!.click();
  await el.updateComplete;
}

/** A real key press through the test runner (the browser's own Tab and Enter, not a synthetic event). */
async function press(key: string): Promise<void> {
  const sessionId = new URL(window.location.href).searchParams.get('wtr-session-id');
  const socket = (await import(/* @vite-ignore */ '/__web-dev-server__web-socket.js' as string)) as { sendMessageWaitForResponse(message: unknown): Promise<{ executed: boolean }> };
  const response = await socket.sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: 'send-keys', payload: { press: key } });
  if (!response.executed) throw new Error(`send-keys ${key} was not executed`);
}

const focused = (el: CkConsentManager) => el.shadowRoot!.activeElement as HTMLElement | null;

describe('ck-consent-manager', () => {
  it('lists the consents newest first with their state in words and their period in locale dates, and is accessible', async () => {
    const w = await world();
    const lasting = await w.record({ dateTime: '2026-11-01T10:00:00Z', grantee: { organizationId: w.harbor.id, name: w.harbor.name } });
    const expiring = await w.record({ dateTime: '2026-11-02T10:00:00Z', scope: 'treatment', period: { start: '2026-06-01', end: '2026-12-10' } });
    const expired = await w.record({ dateTime: '2026-11-03T10:00:00Z', period: { start: '2026-05-01', end: '2026-11-20' } });
    const revoked = await w.record({ dateTime: '2026-11-04T10:00:00Z' });
    await w.setup.manager.consents.revoke(revoked, 'Rosa asked to stop sharing.');
    const refused = await w.record({ dateTime: '2026-11-05T10:00:00Z', status: 'rejected', scope: 'research', grantee: { name: 'Valley Research Institute' } });
    const el = await mount(w);
    expect($$(el, '[part~="consent"]').map((n) => n.dataset.consent)).to.deep.equal([refused.id, revoked.id, expired.id, expiring.id, lasting.id]);
    expect(text($(el, '[part~="summary"]'))).to.equal('5 consents');
    expect([lasting, expiring, expired, revoked, refused].map((c) => badge(el, c.id))).to.deep.equal(['Active', 'Expiring soon', 'Expired', 'Revoked', 'Refused']);
    expect(text(item(el, lasting.id).querySelector('[part~="grantee"]'))).to.equal('Shared with: Harbor Housing Partners');
    expect(text(item(el, expiring.id).querySelector('[part~="grantee"]'))).to.equal('Shared with: Any provider in the directory');
    expect(text(item(el, expiring.id).querySelector('[part~="period"]'))).to.equal('Jun 1, 2026 – Dec 10, 2026', 'the last day shown is the one entered');
    expect(text(item(el, lasting.id).querySelector('[part~="period"]'))).to.equal('From Nov 1, 2026, no end date');
    expect(text(item(el, revoked.id).querySelector('[part~="reason"]'))).to.equal('Reason: Rosa asked to stop sharing.');
    expect(text(item(el, refused.id).querySelector('[part~="meta"]'))).to.contain('Given in writing');
    await expect(el).to.be.accessible();
  });

  it('judges expiry on the manager’s today and the expiring-days window', async () => {
    const w = await world();
    const endsToday = await w.record({ period: { start: '2026-11-01', end: '2026-11-24' } });
    const endedYesterday = await w.record({ period: { start: '2026-11-01', end: '2026-11-23' } });
    const endsInTwoWeeks = await w.record({ period: { start: '2026-11-01', end: '2026-12-08' } });
    const startsNextWeek = await w.record({ period: { start: '2026-12-01' } });
    const el = await mount(w);
    expect([endsToday, endedYesterday, endsInTwoWeeks, startsNextWeek].map((c) => badge(el, c.id))).to.deep.equal(['Expiring soon', 'Expired', 'Expiring soon', 'Not yet in force']);
    el.expiringDays = 7;
    await el.updateComplete;
    expect(badge(el, endsInTwoWeeks.id)).to.equal('Active', 'outside a 7-day window');
    w.setup.clock.set('2026-12-09T09:00:00.000Z');
    el.expiringDays = 30;
    await el.updateComplete;
    expect([endsInTwoWeeks, startsNextWeek].map((c) => badge(el, c.id))).to.deep.equal(['Expired', 'Active']);
    expect(item(el, endsInTwoWeeks.id).querySelector('[data-action="revoke"]')).to.equal(null, 'an expired consent is not offered for revoking');
  });

  it('records a consent for a directory organisation found by name, and fires ck-consent-change', async () => {
    const w = await world();
    const el = await mount(w);
    await click(el, '[data-action="record"]');
    await type(el, 'grantee', 'harbor');
    await el.loadComplete;
    const choice = $<HTMLButtonElement>(el, `[part~="grantee-results"] [data-organization="${w.harbor.id}"]`)!;
    expect(text(choice)).to.equal('Harbor Housing Partners');
    choice.click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '[name="grantee"]')!.value).to.equal('Harbor Housing Partners');
    await type(el, 'purpose', 'Share my housing application and income so Harbor can place me.');
    await type(el, 'source', 'verbal');
    await type(el, 'sourceReference', 'Call of 24 Nov');
    await type(el, 'end', '2027-05-31');
    const changed = oneEvent(el, 'ck-consent-change');
    await click(el, '[data-action="save"]');
    const { detail } = await changed;
    await el.loadComplete;
    expect([detail.clientId, detail.status, detail.change, detail.consentId]).to.deep.equal([w.client.id, 'active', 'recorded', detail.record.id]);
    expect(detail.record.grantee).to.deep.equal({ organizationId: w.harbor.id, name: 'Harbor Housing Partners' });
    expect([detail.record.source, detail.record.sourceReference, detail.record.period.end]).to.deep.equal(['verbal', 'Call of 24 Nov', '2027-06-01T00:00:00.000Z']);
    expect(badge(el, detail.consentId)).to.equal('Active');
    expect($(el, '[part~="form"]')).to.equal(null, 'the form closes');
    expect(focused(el)?.closest('[data-consent]')?.getAttribute('data-consent')).to.equal(detail.consentId, 'focus moves to the new consent');
    const stored = await w.setup.manager.consents.activeShareConsent(w.client.id, w.harbor.id);
    expect(stored?.id).to.equal(detail.consentId);
  });

  it('shows core’s validation errors beside their fields and writes nothing', async () => {
    const w = await world();
    const el = await mount(w);
    await click(el, '[data-action="record"]');
    const before = await auditTally(w.setup.storage);
    const refused = oneEvent(el, 'ck-error');
    await click(el, '[data-action="save"]');
    expect((await refused).detail.code).to.equal('validation');
    await el.updateComplete;
    const purpose = $<HTMLTextAreaElement>(el, '[name="purpose"]')!;
    expect(purpose.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, `#${purpose.getAttribute('aria-describedby')}`))).to.equal('Purpose is too short.');
    expect(focused(el) === purpose).to.be.true;
    await type(el, 'purpose', 'Coordinate care with the clinic.');
    await type(el, 'start', '2026-12-01');
    await type(el, 'end', '2026-11-30');
    await click(el, '[data-action="save"]');
    await oneEvent(el, 'ck-error');
    await el.updateComplete;
    expect($(el, '[name="purpose"]')!.getAttribute('aria-invalid')).to.equal('false');
    expect($(el, '[name="end"]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#consent-end-error'))).to.equal('The last day can’t be before the day it starts.');
    expect((await auditTally(w.setup.storage)).changes).to.equal(before.changes, 'nothing was written');
    expect(await w.setup.manager.consents.forClient(w.client.id)).to.have.length(0);
    expect($<HTMLTextAreaElement>(el, '[name="purpose"]')!.value).to.equal('Coordinate care with the clinic.', 'what was typed is kept');
    await expect(el).to.be.accessible();
  });

  it('revokes a consent with a required reason', async () => {
    const w = await world();
    const consent = await w.record({ grantee: { organizationId: w.harbor.id, name: w.harbor.name } });
    const el = await mount(w);
    await click(el, `[data-consent="${consent.id}"] [data-action="revoke"]`);
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.be.true;
    expect(text(dialog.querySelector('h2'))).to.equal('Revoke consent');
    await expect(el).to.be.accessible();
    const refused = oneEvent(el, 'ck-error');
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm"]')!.click();
    await refused;
    await el.updateComplete;
    const reason = dialog.querySelector<HTMLTextAreaElement>('[name="reason"]')!;
    expect(reason.getAttribute('aria-invalid')).to.equal('true', 'core requires a reason');
    expect((await w.setup.manager.consents.get(consent.id)).status).to.equal('active');
    await type(el, 'reason', 'Rosa withdrew consent by phone.');
    const changed = oneEvent(el, 'ck-consent-change');
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm"]')!.click();
    const { detail } = await changed;
    await el.loadComplete;
    expect([detail.consentId, detail.clientId, detail.status, detail.change]).to.deep.equal([consent.id, w.client.id, 'inactive', 'revoked']);
    expect(detail.record.statusHistory.at(-1)?.reason).to.equal('Rosa withdrew consent by phone.');
    expect(dialog.open).to.be.false;
    expect(badge(el, consent.id)).to.equal('Revoked');
    expect(text(item(el, consent.id).querySelector('[part~="reason"]'))).to.equal('Reason: Rosa withdrew consent by phone.');
    expect(item(el, consent.id).querySelector('[data-action="revoke"]')).to.equal(null);
    expect(await w.setup.manager.consents.activeShareConsent(w.client.id, w.harbor.id)).to.equal(undefined);
  });

  it('shows a conflict when the consent changed since it was opened, and saves after Reload keeping the reason', async () => {
    const w = await world();
    const consent = await w.record({});
    const el = await mount(w);
    await click(el, `[data-consent="${consent.id}"] [data-action="entered-in-error"]`);
    await type(el, 'reason', 'Recorded for the wrong client.');
    await w.setup.as(PERSONAS.supervisor).consents.revoke(consent, 'Withdrawn at the front desk.');
    await el.loadComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    const refused = oneEvent(el, 'ck-error');
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm"]')!.click();
    expect((await refused).detail.code).to.equal('conflict');
    await el.updateComplete;
    const alert = dialog.querySelector('[part~="dialog-alert"]')!;
    expect(text(alert)).to.contain('Reload');
    alert.querySelector<HTMLButtonElement>('[data-action="reload"]')!.click();
    await el.loadComplete;
    expect(dialog.querySelector<HTMLTextAreaElement>('[name="reason"]')!.value).to.equal('Recorded for the wrong client.');
    const changed = oneEvent(el, 'ck-consent-change');
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm"]')!.click();
    const { detail } = await changed;
    expect([detail.change, detail.status, detail.record.version]).to.deep.equal(['entered-in-error', 'entered-in-error', 3]);
    await el.loadComplete;
    expect(badge(el, consent.id)).to.equal('Entered in error');
  });

  it('offers no recording, revoking or marking to an actor the policy lets only read', async () => {
    const w = await world();
    const consent = await w.record({});
    const el = await mount(w, { manager: w.setup.as(PERSONAS.viewer) });
    expect(badge(el, consent.id)).to.equal('Active');
    expect($(el, '[data-action="record"]')).to.equal(null);
    expect($(el, '[part~="action-button"]')).to.equal(null);
    expect(text($(el, '[part~="read-only"]'))).to.equal('You can see these consents but not record or change them.');
    el.focus();
    expect(focused(el)?.dataset.action).to.equal('print', 'focus goes to the first action there is');
    await expect(el).to.be.accessible();
  });

  it('walks the form with Tab and saves with Enter', async () => {
    const w = await world();
    const el = await mount(w);
    el.focus();
    expect(focused(el)?.dataset.action).to.equal('record');
    await press('Enter');
    await el.updateComplete;
    expect(focused(el)?.getAttribute('name')).to.equal('answer', 'the form opens on its first field');
    // A date field takes one Tab per part (month, day, year): count each field once.
    const order: string[] = [];
    for (let i = 0; i < 20 && order.at(-1) !== 'save'; i++) {
      await press('Tab');
      const name = focused(el)?.getAttribute('name') ?? focused(el)?.dataset.action ?? '?';
      if (order.at(-1) !== name) order.push(name);
    }
    expect(order).to.deep.equal(['scope', 'grantee', 'purpose', 'source', 'sourceReference', 'start', 'end', 'save']);
    ($<HTMLTextAreaElement>(el, '[name="purpose"]')!).value = 'Talk to my landlord about repairs.';
    $(el, '[name="purpose"]')!.dispatchEvent(new Event('input'));
    $<HTMLInputElement>(el, '[name="sourceReference"]')!.focus();
    const changed = oneEvent(el, 'ck-consent-change');
    await press('Enter');
    expect((await changed).detail.record.purpose).to.equal('Talk to my landlord about repairs.');
  });

  it('speaks Spanish', async () => {
    const w = await world();
    const consent = await w.record({ period: { start: '2026-11-01', end: '2026-12-01' } });
    const el = await mount(w, { lang: 'es' });
    expect(text($(el, '[part~="heading"]'))).to.equal('Consentimientos');
    expect(text($(el, '[part~="summary"]'))).to.equal('1 consentimiento');
    expect(badge(el, consent.id)).to.equal('Vence pronto');
    expect(text(item(el, consent.id).querySelector('[part~="scope"]'))).to.equal('Compartir información con un proveedor');
    expect(text(item(el, consent.id).querySelector('[part~="period"]'))).to.equal('1 nov 2026 – 1 dic 2026');
    expect(text($(el, '[data-action="record"]'))).to.equal('Registrar consentimiento');
    await expect(el).to.be.accessible();
  });

  it('prints the client’s copy in the client’s language, as text, and comes back to the list', async () => {
    const w = await world();
    const consent = await w.record({ purpose: '<img src=x onerror="alert(1)"> Housing', grantee: { organizationId: w.harbor.id, name: w.harbor.name } });
    const el = await mount(w);
    expect(text($(el, '[data-action="print"]'))).to.equal('Print copy (Spanish)');
    const original = window.print;
    let printed: { lang: string | null; title: string; status: string; purpose: string; images: number } | undefined;
    window.print = () => {
      const copy = el.shadowRoot!.querySelector('[part~="print"]')!;
      printed = {
        lang: copy.getAttribute('lang'),
        title: text(copy.querySelector('h2')),
        status: text(copy.querySelector('[data-print="status"]')),
        purpose: text(copy.querySelector(`[data-print-consent="${consent.id}"]`)),
        images: copy.querySelectorAll('img').length,
      };
    };
    try {
      await el.print();
      expect(printed).to.deep.include({ lang: 'es', title: 'Sus consentimientos para compartir información', status: 'Estado: Vigente', images: 0 });
      expect(printed!.purpose).to.contain('<img src=x onerror="alert(1)"> Housing');
      expect(text($(el, '[part~="print-toolbar"]'))).to.contain('Back to the consents', 'the toolbar stays in the user’s language');
      window.dispatchEvent(new Event('afterprint'));
      await el.updateComplete;
      expect($(el, '[part~="print"]')).to.equal(null);
      expect(focused(el)?.dataset.action).to.equal('print');
    } finally {
      window.print = original;
    }
  });

  it('prints in the element’s language for a client whose language casekit has no table for', async () => {
    const w = await world();
    await w.setup.manager.clients.update(w.client, { language: 'vi' });
    await w.record({});
    const el = await mount(w, { lang: 'es' });
    expect(text($(el, '[data-action="print"]'))).to.equal('Imprimir copia');
    const original = window.print;
    window.print = () => undefined;
    try {
      await el.print();
      expect($(el, '[part~="print"]')!.getAttribute('lang')).to.equal('es');
      window.dispatchEvent(new Event('afterprint'));
    } finally {
      window.print = original;
    }
  });

  it('opens the form with the host’s organisation chosen (organization-id), as from the referral tracker', async () => {
    const w = await world();
    const el = await mount(w, { organizationId: w.harbor.id });
    expect($(el, '[part~="form"]')).to.exist;
    expect($<HTMLInputElement>(el, '[name="grantee"]')!.value).to.equal('Harbor Housing Partners');
    expect(text($(el, '#consent-grantee-hint'))).to.equal('Harbor Housing Partners (from the directory)');
    el.focus();
    expect(focused(el)?.getAttribute('name')).to.equal('answer');
    await type(el, 'purpose', 'Share my referral for rapid rehousing.');
    const changed = oneEvent(el, 'ck-consent-change');
    await click(el, '[data-action="save"]');
    const record: Consent = (await changed).detail.record;
    expect(record.grantee).to.deep.equal({ organizationId: w.harbor.id, name: 'Harbor Housing Partners' });
    expect((await w.setup.manager.consents.activeShareConsent(w.client.id, w.harbor.id))?.id).to.equal(record.id);
  });

  it('gets its manager from a provider and is accessible in the dark theme at 360 px, form open', async () => {
    const w = await world();
    await w.record({ period: { start: '2026-06-01', end: '2026-12-10' } });
    await w.record({ period: { start: '2026-05-01', end: '2026-11-20' } });
    await w.record({ status: 'rejected', scope: 'research' });
    const css = await (await fetch(new URL('../../themes/default.css', import.meta.url))).text();
    const style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLElement>(
        html`<ck-provider .manager=${w.setup.manager}
          ><div data-ck-theme="dark" style="width: 360px; background: #111827"><ck-consent-manager client-id=${w.client.id}></ck-consent-manager></div
        ></ck-provider>`,
      );
      const el = wrapper.querySelector('ck-consent-manager')!;
      await el.loadComplete;
      expect($$(el, '[part~="consent"]')).to.have.length(3);
      expect(el.getBoundingClientRect().width).to.equal(360);
      await expect(el).to.be.accessible();
      await click(el, '[data-action="record"]');
      await type(el, 'grantee', 'Harbor');
      await el.loadComplete;
      await expect(el).to.be.accessible();
    } finally {
      style.remove();
    }
  });

  it('lets a host record the missing consent from the referral tracker’s refused send, as docs/elements/consent-manager.md shows', async () => {
    const w = await world();
    const caseRecord = (await w.setup.manager.cases.query({ clientId: w.client.id })).items[0]!;
    const service = await w.setup.as(PERSONAS.supervisor).directory.createService({ organizationId: w.harbor.id, name: 'Rapid rehousing', categories: ['housing'], languages: ['en', 'es'] });
    const draft = await w.setup.manager.referrals.create({ caseId: caseRecord.id, service: { serviceId: service.id }, reason: 'Eviction notice for December.' });
    const host = await fixture<HTMLDivElement>(html`<div>
      <ck-referral-tracker .manager=${w.setup.manager} case-id=${caseRecord.id}></ck-referral-tracker>
      <dialog aria-label="Record consent"><ck-consent-manager .manager=${w.setup.manager}></ck-consent-manager></dialog>
    </div>`);
    const tracker = host.querySelector<CkReferralTracker>('ck-referral-tracker')!;
    const dialog = host.querySelector('dialog')!;
    const consents = host.querySelector<CkConsentManager>('ck-consent-manager')!;
    await tracker.loadComplete;
    // The host code of the docs.
    let lastReferralId: string | undefined;
    tracker.addEventListener('click', (e) => {
      const card = e.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && !!node.dataset.referral);
      if (card) lastReferralId = card.dataset.referral;
    });
    const opened = new Promise<void>((resolve) =>
      tracker.addEventListener('ck-error', async (e) => {
        const { operation, error } = e.detail;
        const missingConsent = operation === 'send' && (error as { issues?: { path: unknown[] }[] }).issues?.some((issue) => issue.path[0] === 'consent');
        const referral = tracker.referrals.find((r) => r.id === lastReferralId);
        if (!missingConsent || !referral) return;
        consents.clientId = referral.clientId;
        if (referral.service.organizationId) consents.organizationId = referral.service.organizationId;
        else consents.organizationName = referral.service.organizationName;
        await consents.loadComplete;
        await tracker.updateComplete;
        dialog.showModal();
        consents.focus();
        resolve();
      }),
    );
    consents.addEventListener('ck-consent-change', (e) => {
      if (e.detail.change === 'recorded' && e.detail.status === 'active') dialog.close();
    });
    tracker.shadowRoot!.querySelector<HTMLButtonElement>(`[data-referral="${draft.id}"] [data-action="requested"]`)!.click();
    await opened;
    expect(focused(consents)?.getAttribute('name')).to.equal('answer');
    expect($<HTMLInputElement>(consents, '[name="grantee"]')!.value).to.equal('Harbor Housing Partners');
    await type(consents, 'purpose', 'Share my referral for rapid rehousing.');
    await click(consents, '[data-action="save"]');
    await consents.loadComplete;
    expect(dialog.open).to.be.false;
    // The tracker's preview step still waits: Check again previews with the consent now on file, then Send.
    tracker.shadowRoot!.querySelector<HTMLButtonElement>('[data-check-again]')!.click();
    await waitUntil(() => tracker.shadowRoot!.querySelector('[data-confirm-send]:not([disabled])'), 'the preview with the consent on file');
    const resent = oneEvent(tracker, 'ck-referral-change');
    tracker.shadowRoot!.querySelector<HTMLButtonElement>('[data-confirm-send]')!.click();
    expect((await resent).detail.change).to.equal('sent', 'the send goes through with the consent on file');
    expect((await w.setup.manager.referrals.get(draft.id)).consent).to.have.property('consentId');
  });
});
