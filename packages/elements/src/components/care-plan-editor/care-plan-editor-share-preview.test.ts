import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ShareableClientField } from '@casekit/core';
import { createTestSetup, PERSONAS, seedDirectory } from '@casekit/core/testing';
import './care-plan-editor.js';
import type { CkCarePlanEditor } from './care-plan-editor.component.js';

const TODAY = '2026-11-24';

/**
 * María García (phone, email, address, Spanish, no interpreter) with an active case, a plan with a
 * housing goal, and the demo directory (Harbor Housing Partners' rapid rehousing). The test clock
 * starts on 24 Nov 2026.
 */
async function world() {
  const setup = createTestSetup();
  const services = await seedDirectory(setup.as(PERSONAS.supervisor));
  const rehousing = services.find((s) => s.name === 'Rapid rehousing')!;
  const { client } = await setup.manager.clients.create({
    name: { given: ['María'], family: 'García' },
    birthDate: '1984-03-09',
    language: 'es',
    interpreterNeeded: false,
    contact: { phone: '+1 555 0177', email: 'maria@example.org' },
    address: { line: ['48 Harbor Way'], city: 'Portland', postalCode: '97209' },
  });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  const plan = await setup.manager.plans.addGoal(await setup.manager.plans.create(caseRecord.id, { title: 'Stabilize housing' }), {
    needDomain: 'housing',
    description: 'Find and keep stable housing',
    priority: 'high-priority',
  });
  const consent = (shares: ShareableClientField[], end?: string) =>
    setup.manager.consents.record({
      clientId: client.id,
      scope: 'share-with-provider',
      grantee: { organizationId: rehousing.organizationId, name: 'Harbor Housing Partners' },
      purpose: 'Housing referral',
      source: 'written',
      shares,
      ...(end ? { period: { end } } : {}),
    });
  const referrals = () => setup.manager.referrals.forCase(caseRecord.id);
  return { setup, client, caseRecord, plan, rehousing, consent, referrals };
}
type World = Awaited<ReturnType<typeof world>>;

async function mount(w: World, lang = 'en'): Promise<CkCarePlanEditor> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${lang}><ck-care-plan-editor .manager=${w.setup.manager} case-id=${w.caseRecord.id} today=${TODAY}></ck-care-plan-editor></div>`,
  );
  const el = wrapper.querySelector<CkCarePlanEditor>('ck-care-plan-editor')!;
  await el.loadComplete;
  return el;
}

const $ = <T extends HTMLElement = HTMLElement>(el: CkCarePlanEditor, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const dialog = (el: CkCarePlanEditor) => $<HTMLDialogElement>(el, 'dialog[data-dialog="refer"]')!;
const sendNow = (el: CkCarePlanEditor) => $<HTMLButtonElement>(el, 'dialog[data-dialog="refer"] button[value="send"]')!;
const rows = (el: CkCarePlanEditor) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="shared-fields"] [data-field]')].map((r) => [r.dataset.field, r.querySelector('dd')!.textContent]);
const active = (el: CkCarePlanEditor) => el.shadowRoot!.activeElement;

/** Refer from the goal, choose rapid rehousing, type a reason, and press Send now: the preview opens. */
async function openPreview(el: CkCarePlanEditor, w: World): Promise<void> {
  $<HTMLButtonElement>(el, '[part~="refer-button"]')!.click();
  await waitUntil(() => $(el, `[part~="service"][data-service="${w.rehousing.id}"]`), 'services listed');
  $<HTMLInputElement>(el, `[part~="service"][data-service="${w.rehousing.id}"] input`)!.click();
  await waitUntil(() => $(el, '[data-consent]'), 'consent checked');
  const reason = $<HTMLTextAreaElement>(el, `[data-draft="refer:${w.plan.goals[0]!.id}:reason"]`)!;
  reason.value = 'Eviction notice for 1 December';
  reason.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  sendNow(el).focus();
  sendNow(el).click();
  await waitUntil(() => $(el, '[data-share-preview]') && !$(el, '[data-share-preview] [disabled]'), 'preview open');
  await el.updateComplete;
}

describe('ck-care-plan-editor: before sending a referral', () => {
  it('lists exactly the shared fields and the consent; Back returns to the form with nothing written', async () => {
    const w = await world();
    await w.consent(['phone'], '2027-05-31');
    const el = await mount(w);
    await openPreview(el, w);
    expect(dialog(el).open).to.equal(true);
    expect(text($(el, '[data-share-preview] h2'))).to.equal('Check before sending: Rapid rehousing');
    expect(active(el)).to.equal($(el, '[data-share-preview] h2'));
    expect(dialog(el).getAttribute('aria-labelledby')).to.equal('refer-title');
    expect($(el, '[data-share-preview] h2')!.id).to.equal('refer-title');
    expect(text($(el, '.share-destination'))).to.contain('Rapid rehousing, Harbor Housing Partners');
    expect(rows(el)).to.deep.equal([
      ['name', 'María García'],
      ['phone', '\u2066+1 555 0177\u2069'],
    ]);
    expect(text(dialog(el))).not.to.contain('48 Harbor Way').and.not.to.contain('maria@example.org');
    expect(text($(el, '[part~="share-basis"]'))).to.equal('Shared on the basis of: Consent on file, given Nov 24, 2026, until May 31, 2027.');
    expect(text($(el, '.share-nothing-else'))).to.contain('Nothing else from the client’s record or case is shared.');
    // The form is replaced by the step (one heading names the dialog).
    expect($(el, '[data-form="refer"]')).to.equal(null);
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(el, '[data-share-preview] [data-back]')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    expect(active(el)).to.equal(sendNow(el));
    expect($<HTMLTextAreaElement>(el, `[data-draft="refer:${w.plan.goals[0]!.id}:reason"]`)!.value).to.equal('Eviction notice for 1 December');
    expect(await w.referrals()).to.deep.equal([]);
    const audit = await w.setup.as(PERSONAS.supervisor).audit.forCase(w.caseRecord.id);
    expect(audit.items.filter((e) => e.collection === 'referrals')).to.deep.equal([]);

    // Escape in the step is Back too (the dialog stays, on the form).
    sendNow(el).click();
    await waitUntil(() => $(el, '[data-share-preview] [data-confirm-send]'), 'preview again');
    dialog(el).dispatchEvent(new Event('cancel', { cancelable: true }));
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    expect($(el, '[data-form="refer"]')).to.exist;
    expect(await w.referrals()).to.deep.equal([]);
  });

  it('Send in the preview creates and sends the referral with the packet previewed', async () => {
    const w = await world();
    const consent = await w.consent(['email', 'address', 'language']);
    const el = await mount(w);
    await openPreview(el, w);
    expect(rows(el)).to.deep.equal([
      ['name', 'María García'],
      ['email', '\u2066maria@example.org\u2069'],
      ['address', '48 Harbor Way, Portland, 97209'],
      ['language', 'Spanish'],
      ['interpreterNeeded', 'Not needed'],
    ]);
    $<HTMLButtonElement>(el, '[data-share-preview] [data-confirm-send]')!.click();
    await waitUntil(() => !dialog(el).open, 'dialog closed');
    const [referral] = await w.referrals();
    expect(referral).to.include({ status: 'requested', reason: 'Eviction notice for 1 December' });
    expect(referral!.consent).to.deep.equal({ consentId: consent.id });
    expect(referral!.packet).to.deep.equal({
      clientName: 'María García',
      shares: ['email', 'address', 'language'],
      email: 'maria@example.org',
      address: { line: ['48 Harbor Way'], city: 'Portland', postalCode: '97209' },
      language: 'es',
      interpreterNeeded: false,
    });
  });

  it('without consent: says so and previews an override with its shares before sending it', async () => {
    const w = await world();
    const el = await mount(w);
    const error = oneEvent(el, 'ck-error');
    await openPreview(el, w);
    expect((await error).detail).to.include({ operation: 'create-referral', code: 'validation' });
    expect(text($(el, '[data-consent-missing]'))).to.contain('María García has no active consent to share information with Harbor Housing Partners.');
    expect(text($(el, '[data-consent-missing]'))).to.contain('Or go back and save the referral as a draft.');
    expect(rows(el)).to.deep.equal([['name', 'María García']]);
    expect($(el, '[data-share-preview] [data-confirm-send]')).to.equal(null);
    await expect(el).to.be.accessible();

    // A reason is required.
    $<HTMLButtonElement>(el, '[data-preview-override]')!.click();
    await waitUntil(() => $(el, '[data-share-preview] [name="overrideReason"]')!.getAttribute('aria-invalid') === 'true', 'reason required');
    expect(text($(el, '#refer-title-override-error'))).to.equal('Reason for sending without consent is required.');
    expect(active(el)).to.equal($(el, '[data-share-preview] [name="overrideReason"]'));

    $<HTMLTextAreaElement>(el, '[data-share-preview] [name="overrideReason"]')!.value = 'Eviction on Friday; verbal consent, form to follow';
    $<HTMLInputElement>(el, '[name="overrideShares"][value="phone"]')!.checked = true;
    $<HTMLButtonElement>(el, '[data-preview-override]')!.click();
    await waitUntil(() => $(el, '[data-share-preview] [data-confirm-send]'), 'override previewed');
    await el.updateComplete;
    expect(rows(el)).to.deep.equal([
      ['name', 'María García'],
      ['phone', '\u2066+1 555 0177\u2069'],
    ]);
    expect(text($(el, '[part~="share-basis"]'))).to.equal('Shared on the basis of: Consent override: Eviction on Friday; verbal consent, form to follow');
    expect(active(el)).to.equal($(el, '[data-share-preview] [data-confirm-send]'));
    expect(await w.referrals()).to.deep.equal([]);
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(el, '[data-share-preview] [data-confirm-send]')!.click();
    await waitUntil(() => !dialog(el).open, 'dialog closed');
    const [referral] = await w.referrals();
    expect(referral!.packet).to.deep.equal({ clientName: 'María García', shares: ['phone'], phone: '+1 555 0177' });
    expect(referral!.consent).to.have.nested.property('override.reason', 'Eviction on Friday; verbal consent, form to follow');
    expect(text($(el, '[role="status"]'))).to.contain('sent with a consent override');
  });

  it('a consent that ended after the preview is shown and previewed again; nothing is created', async () => {
    const w = await world();
    await w.consent(['phone'], '2026-11-25');
    const el = await mount(w);
    await openPreview(el, w);
    expect(text($(el, '[part~="share-basis"]'))).to.contain('until Nov 25, 2026');
    w.setup.clock.advanceDays(3);
    $<HTMLButtonElement>(el, '[data-share-preview] [data-confirm-send]')!.click();
    await waitUntil(() => $(el, '[data-share-preview] [data-notice]'), 'ended consent shown');
    expect(text($(el, '[data-notice]'))).to.contain('The consent is no longer in force, so nothing was sent.');
    expect($(el, '[data-consent-missing]')).to.exist;
    expect(rows(el)).to.deep.equal([['name', 'María García']]);
    expect(await w.referrals()).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const w = await world();
    await w.consent(['phone', 'birthDate']);
    const el = await mount(w, 'es');
    await openPreview(el, w);
    expect(text($(el, '[data-share-preview] h2'))).to.equal('Revise antes de enviar: Rapid rehousing');
    expect([...el.shadowRoot!.querySelectorAll('[part~="shared-fields"] dt')].map((d) => d.textContent)).to.deep.equal(['Nombre', 'Teléfono', 'Fecha de nacimiento']);
    expect(rows(el)[2]![1]).to.equal('9 de marzo de 1984');
    expect(text($(el, '[part~="share-basis"]'))).to.equal('Se comparte con base en: Consentimiento registrado, otorgado el 24 nov 2026, sin fecha de fin.');
    expect(text($(el, '.share-nothing-else'))).to.contain('No se comparte nada más del expediente ni del caso del cliente.');
    expect(text($(el, '[data-back]'))).to.equal('Volver');
    await expect(el).to.be.accessible();
  });
});
