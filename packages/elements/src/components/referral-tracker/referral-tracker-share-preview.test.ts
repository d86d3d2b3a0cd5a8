import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { OrganizationSchema, type CaseManager, type ShareableClientField } from '@casekit/core';
import { createTestSetup, PERSONAS } from '@casekit/core/testing';
import '../../define.js';
import type { CkReferralTracker } from './referral-tracker.component.js';

/**
 * Thanh Nguyễn (phone, email, address, Vietnamese with an interpreter, birth date) on Marta Alvarez's
 * caseload, and a draft referral to the Riverside Community Food Bank's food boxes. The test clock
 * starts on 24 Nov 2026.
 */
async function world() {
  const setup = createTestSetup();
  const at = '2026-11-01T00:00:00.000Z';
  await setup.storage.load([{ collection: 'organizations', records: [OrganizationSchema.parse({ id: 'org-food-bank', version: 1, createdAt: at, updatedAt: at, name: 'Riverside Community Food Bank' })] }]);
  const service = await setup.as(PERSONAS.supervisor).directory.createService({ organizationId: 'org-food-bank', name: 'Emergency food boxes', categories: ['food'] });
  const { client } = await setup.manager.clients.create({
    name: { given: ['Thanh'], family: 'Nguyễn' },
    birthDate: '1961-03-14',
    language: 'vi',
    interpreterNeeded: true,
    contact: { phone: '+1 503 555 0142', email: 'thanh@example.org' },
    address: { line: ['12 Alder St'], city: 'Portland', postalCode: '97201' },
  });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  const consent = (shares: ShareableClientField[], end?: string) =>
    setup.manager.consents.record({
      clientId: client.id,
      scope: 'share-with-provider',
      grantee: { organizationId: 'org-food-bank', name: 'Riverside Community Food Bank' },
      purpose: 'Food referral',
      source: 'written',
      shares,
      ...(end ? { period: { end } } : {}),
    });
  const draft = await setup.manager.referrals.create({ caseId: caseRecord.id, service: { serviceId: service.id }, reason: 'Ran out of food stamps mid-month' });
  return { setup, client, caseRecord, consent, draft };
}
type World = Awaited<ReturnType<typeof world>>;

async function mount(w: World, manager: CaseManager = w.setup.manager): Promise<CkReferralTracker> {
  const el = await fixture<CkReferralTracker>(html`<ck-referral-tracker .manager=${manager} case-id=${w.caseRecord.id}></ck-referral-tracker>`);
  await el.loadComplete;
  return el;
}

const dialog = (el: CkReferralTracker) => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog')!;
const inDialog = <T extends HTMLElement = HTMLElement>(el: CkReferralTracker, selector: string) => dialog(el).querySelector<T>(selector);
const sendButton = (el: CkReferralTracker, id: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-referral="${id}"] [data-action="requested"]`)!;
const rows = (el: CkReferralTracker) => [...dialog(el).querySelectorAll<HTMLElement>('[part~="shared-fields"] [data-field]')].map((r) => [r.dataset.field, r.querySelector('dd')!.textContent]);
const basis = (el: CkReferralTracker) => inDialog(el, '[part~="share-basis"]')!.textContent!.replace(/\s+/g, ' ').trim();
const active = (el: CkReferralTracker) => el.shadowRoot!.activeElement;

async function openPreview(el: CkReferralTracker, id: string): Promise<void> {
  sendButton(el, id).click();
  await waitUntil(() => dialog(el).open && inDialog(el, '[data-share-preview]'), 'preview open');
  await el.updateComplete;
}

async function stored(w: World) {
  return w.setup.manager.referrals.get(w.draft.id);
}

describe('ck-referral-tracker: before sending', () => {
  it('lists exactly the shared fields with their values and the consent they rest on; Back writes nothing', async () => {
    const w = await world();
    await w.consent(['phone'], '2027-11-23');
    const el = await mount(w);
    const send = sendButton(el, w.draft.id);
    send.focus();
    await openPreview(el, w.draft.id);

    expect(inDialog(el, 'h2')!.textContent).to.equal('Check before sending: Emergency food boxes');
    // Focus moves into the preview, to its heading (the dialog is named by it).
    expect(active(el)).to.equal(inDialog(el, 'h2'));
    expect(dialog(el).getAttribute('aria-labelledby')).to.equal('dialog-title');
    expect(inDialog(el, '.share-destination')!.textContent).to.contain('Emergency food boxes, Riverside Community Food Bank');
    expect(inDialog(el, '[role="heading"]')!.textContent).to.equal('What Riverside Community Food Bank will receive');
    expect(rows(el)).to.deep.equal([
      ['name', 'Thanh Nguyễn'],
      ['phone', '\u2066+1 503 555 0142\u2069'],
    ]);
    // Not shared by this consent: never shown as going to the provider.
    expect(dialog(el).textContent).not.to.contain('12 Alder St').and.not.to.contain('thanh@example.org').and.not.to.contain('Vietnamese');
    expect(basis(el)).to.equal('Shared on the basis of: Consent on file, given Nov 24, 2026, until Nov 23, 2027.');
    expect(inDialog(el, '.share-nothing-else')!.textContent).to.contain('Nothing else from the client’s record or case is shared.');
    await expect(el).to.be.accessible();

    inDialog<HTMLButtonElement>(el, '[data-back]')!.click();
    await waitUntil(() => !dialog(el).open, 'closed');
    await el.updateComplete;
    expect(active(el)).to.equal(sendButton(el, w.draft.id));
    const record = await stored(w);
    expect([record.status, record.version, record.packet]).to.deep.equal(['draft', w.draft.version, undefined]);
    const after = (await w.setup.as(PERSONAS.supervisor).audit.forRecord(w.draft.id)).items.map((e) => e.action);
    expect(after.filter((a) => a === 'update' || a === 'transition')).to.deep.equal([]);

    // Escape is Back too.
    await openPreview(el, w.draft.id);
    dialog(el).dispatchEvent(new Event('cancel', { cancelable: true }));
    await el.updateComplete;
    expect(dialog(el).open).to.equal(false);
    expect((await stored(w)).status).to.equal('draft');
  });

  it('Send in the preview sends, and the sent packet is the one previewed', async () => {
    const w = await world();
    const consent = await w.consent(['phone', 'language', 'birthDate']);
    const el = await mount(w);
    await openPreview(el, w.draft.id);
    expect(rows(el)).to.deep.equal([
      ['name', 'Thanh Nguyễn'],
      ['phone', '\u2066+1 503 555 0142\u2069'],
      ['language', 'Vietnamese'],
      ['interpreterNeeded', 'Needed'],
      ['birthDate', 'March 14, 1961'],
    ]);
    expect(basis(el)).to.equal('Shared on the basis of: Consent on file, given Nov 24, 2026, with no end date.');
    const change = oneEvent(el, 'ck-referral-change');
    inDialog<HTMLButtonElement>(el, '[data-confirm-send]')!.click();
    const { detail } = await change;
    expect(detail).to.include({ change: 'sent', status: 'requested', consentOverride: false });
    const record = await stored(w);
    expect(record.consent).to.deep.equal({ consentId: consent.id });
    expect(record.packet).to.deep.equal({ clientName: 'Thanh Nguyễn', shares: ['phone', 'language', 'birthDate'], phone: '+1 503 555 0142', language: 'vi', interpreterNeeded: true, birthDate: '1961-03-14' });
    await el.loadComplete;
    expect(dialog(el).open).to.equal(false);
  });

  it('without consent: says so, checks again once one is recorded, or previews an override with its shares before sending it', async () => {
    const w = await world();
    const el = await mount(w);
    // Fired as when sending was refused, so a host's "record the consent" path still opens.
    const error = oneEvent(el, 'ck-error');
    await openPreview(el, w.draft.id);
    expect((await error).detail).to.include({ operation: 'send', code: 'validation' });
    expect(inDialog(el, '[data-consent-missing]')!.textContent).to.contain('Thanh Nguyễn has no active consent to share information with Riverside Community Food Bank.');
    expect(rows(el)).to.deep.equal([['name', 'Thanh Nguyễn']]);
    expect(inDialog(el, '[data-confirm-send]')).to.equal(null);
    await expect(el).to.be.accessible();

    // An override with a reason and the email: previewed first, then sent as shown.
    inDialog<HTMLTextAreaElement>(el, '[name="overrideReason"]')!.value = 'Client agreed by phone; signs on Monday';
    inDialog<HTMLInputElement>(el, '[name="overrideShares"][value="email"]')!.checked = true;
    inDialog<HTMLButtonElement>(el, '[data-preview-override]')!.click();
    await waitUntil(() => inDialog(el, '[data-confirm-send]'), 'override previewed');
    await el.updateComplete;
    expect(active(el)).to.equal(inDialog(el, '[data-confirm-send]'));
    expect(rows(el)).to.deep.equal([
      ['name', 'Thanh Nguyễn'],
      ['email', '\u2066thanh@example.org\u2069'],
    ]);
    expect(basis(el)).to.equal('Shared on the basis of: Consent override: Client agreed by phone; signs on Monday');
    await expect(el).to.be.accessible();

    // Changing the override after previewing it previews again instead of sending something not shown.
    inDialog<HTMLInputElement>(el, '[name="overrideShares"][value="phone"]')!.checked = true;
    inDialog<HTMLButtonElement>(el, '[data-confirm-send]')!.click();
    await waitUntil(() => inDialog(el, '[data-notice]'), 'preview redone');
    expect(inDialog(el, '[data-notice]')!.textContent).to.contain('The override changed, so nothing was sent yet.');
    expect(rows(el).map(([key]) => key)).to.deep.equal(['name', 'phone', 'email']);
    expect((await stored(w)).status).to.equal('draft');

    inDialog<HTMLButtonElement>(el, '[data-confirm-send]')!.click();
    await waitUntil(async () => (await stored(w)).status === 'requested', 'sent');
    const record = await stored(w);
    expect(record.packet).to.deep.equal({ clientName: 'Thanh Nguyễn', shares: ['phone', 'email'], phone: '+1 503 555 0142', email: 'thanh@example.org' });
    expect(record.consent).to.have.nested.property('override.reason', 'Client agreed by phone; signs on Monday');
    const audit = await w.setup.as(PERSONAS.supervisor).audit.forRecord(w.draft.id);
    expect(audit.items.find((e) => e.action === 'override')!.reason).to.contain('Client agreed by phone').and.contain('phone, email');
  });

  it('"Check again" finds a consent recorded meanwhile', async () => {
    const w = await world();
    const el = await mount(w);
    await openPreview(el, w.draft.id);
    expect(inDialog(el, '[data-consent-missing]')).to.exist;
    await w.consent(['address']);
    inDialog<HTMLButtonElement>(el, '[data-check-again]')!.click();
    await waitUntil(() => inDialog(el, '[data-confirm-send]'), 'consent found');
    await el.updateComplete;
    expect(rows(el)).to.deep.equal([
      ['name', 'Thanh Nguyễn'],
      ['address', '12 Alder St, Portland, 97201'],
    ]);
    expect(basis(el)).to.contain('Consent on file, given Nov 24, 2026');
    expect(active(el)).to.equal(inDialog(el, 'h2'));
  });

  it('a referral changed after the preview is shown and previewed again; nothing is sent', async () => {
    const w = await world();
    await w.consent(['phone']);
    const el = await mount(w);
    await openPreview(el, w.draft.id);
    // Meanwhile a colleague edits the draft (another tab).
    await w.setup.manager.referrals.update(w.draft, { urgency: 'urgent' });
    const error = oneEvent(el, 'ck-error');
    inDialog<HTMLButtonElement>(el, '[data-confirm-send]')!.click();
    expect((await error).detail.code).to.equal('conflict');
    await waitUntil(() => inDialog(el, '[data-notice]'), 'changed shown');
    expect(inDialog(el, '[data-notice]')!.textContent).to.contain('This referral changed after you looked.');
    expect((await stored(w)).status).to.equal('draft');
    expect(rows(el).map(([key]) => key)).to.deep.equal(['name', 'phone']);
    await expect(el).to.be.accessible();
    // The new preview is of the stored version: Send now sends it.
    inDialog<HTMLButtonElement>(el, '[data-confirm-send]')!.click();
    await waitUntil(async () => (await stored(w)).status === 'requested', 'sent after the re-preview');
    expect((await stored(w)).urgency).to.equal('urgent');
  });

  it('a consent that ended after the preview is shown and previewed again; nothing is sent', async () => {
    const w = await world();
    await w.consent(['phone'], '2026-11-25');
    const el = await mount(w);
    await openPreview(el, w.draft.id);
    expect(basis(el)).to.contain('until Nov 25, 2026');
    w.setup.clock.advanceDays(3);
    inDialog<HTMLButtonElement>(el, '[data-confirm-send]')!.click();
    await waitUntil(() => inDialog(el, '[data-notice]'), 'ended consent shown');
    expect(inDialog(el, '[data-notice]')!.textContent).to.contain('The consent is no longer in force, so nothing was sent.');
    expect(inDialog(el, '[data-consent-missing]')).to.exist;
    expect(rows(el)).to.deep.equal([['name', 'Thanh Nguyễn']]);
    expect((await stored(w)).status).to.equal('draft');
  });

  it('speaks Spanish and shows record data as text', async () => {
    const w = await world();
    await w.setup.manager.clients.update(await w.setup.manager.clients.get(w.client.id), { contact: { phone: '<img src=x onerror=alert(1)>' } });
    await w.consent(['phone', 'language']);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><ck-referral-tracker .manager=${w.setup.manager} case-id=${w.caseRecord.id}></ck-referral-tracker></div>`);
    const el = wrapper.querySelector('ck-referral-tracker')!;
    await el.loadComplete;
    await openPreview(el, w.draft.id);
    expect(inDialog(el, 'h2')!.textContent).to.equal('Revise antes de enviar: Emergency food boxes');
    expect(inDialog(el, '[role="heading"]')!.textContent).to.equal('Lo que recibirá Riverside Community Food Bank');
    expect([...dialog(el).querySelectorAll('[part~="shared-fields"] dt')].map((d) => d.textContent)).to.deep.equal(['Nombre', 'Teléfono', 'Idioma preferido', 'Intérprete']);
    expect(rows(el).slice(2)).to.deep.equal([
      ['language', 'vietnamita'],
      ['interpreterNeeded', 'Lo necesita'],
    ]);
    expect(basis(el)).to.equal('Se comparte con base en: Consentimiento registrado, otorgado el 24 nov 2026, sin fecha de fin.');
    expect(inDialog(el, '[data-back]')!.textContent!.trim()).to.equal('Volver');
    expect(inDialog(el, '[data-confirm-send]')!.textContent!.trim()).to.equal('Enviar');
    // The hostile phone number is text.
    expect(dialog(el).querySelectorAll('img')).to.have.length(0);
    expect(rows(el)[1]![1]).to.contain('<img src=x onerror=alert(1)>');
    await expect(el).to.be.accessible();
  });
});
