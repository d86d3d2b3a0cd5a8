import { expect, fixture, html } from '@open-wc/testing';
import { OrganizationSchema, type Actor, type CaseManager } from '@casekit/core';
import { auditTally, createTestSetup, PERSONAS } from '@casekit/core/testing';
import '../../define.js';
import type { CkDisclosures } from './disclosures.component.js';

const PAYLOAD = '<img src=x onerror="window.__ckDisclosuresXss = 1">Eastside Clinic';

/**
 * Rosa Hernández (prefers Spanish; her case is on Marta Alvarez's caseload). In March 2024 she was
 * referred, under an override, to an organisation whose name holds an HTML payload. On 1 Nov 2026 she
 * consented to share her phone and language with the food bank; on 24 Nov she was referred there, on
 * 25 Nov to legal aid under an override; on 26 Nov the food bank's Lucía Ruiz opened and accepted the
 * referral; on 27 Nov a supervisor exported the caseload. The clock then reads 30 Nov 2026 12:00 UTC.
 */
async function world(options: { language?: string } = {}) {
  const setup = createTestSetup({ timeZone: 'UTC' });
  setup.clock.set('2024-03-01T09:00:00.000Z');
  const at = '2024-01-01T00:00:00.000Z';
  const org = (id: string, name: string) => OrganizationSchema.parse({ id, version: 1, createdAt: at, updatedAt: at, name });
  await setup.storage.load([
    { collection: 'organizations', records: [org('org-food-bank', 'Riverside Community Food Bank'), org('org-legal-aid', 'Valley Legal Aid'), org('org-payload', PAYLOAD)] },
  ]);
  const admin = setup.as(PERSONAS.supervisor).directory;
  const food = await admin.createService({ organizationId: 'org-food-bank', name: 'Emergency food boxes', categories: ['food'] });
  const legal = await admin.createService({ organizationId: 'org-legal-aid', name: 'Eviction defence', categories: ['legal'] });
  const clinic = await admin.createService({ organizationId: 'org-payload', name: 'Walk-in clinic', categories: ['health'] });
  const { client } = await setup.manager.clients.create({ name: { given: ['Rosa'], family: 'Hernández' }, birthDate: '1984-03-12', language: options.language ?? 'es' });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
  const refer = async (serviceId: string, reason: string, send?: { consentOverride: { reason: string } }) =>
    setup.manager.referrals.send(await setup.manager.referrals.create({ caseId: caseRecord.id, service: { serviceId }, reason }), send);

  setup.clock.set('2024-03-10T14:00:00.000Z');
  const toClinic = await refer(clinic.id, 'Blood pressure check', { consentOverride: { reason: 'Client asked in person; form to follow' } });

  setup.clock.set('2026-11-01T10:00:00.000Z');
  const consent = await setup.manager.consents.record({
    clientId: client.id,
    scope: 'share-with-provider',
    grantee: { organizationId: 'org-food-bank', name: 'Riverside Community Food Bank' },
    purpose: 'Food assistance referrals',
    source: 'written',
    shares: ['phone', 'language'],
  });
  setup.clock.set('2026-11-24T15:00:00.000Z');
  const toFood = await refer(food.id, 'Ran out of food stamps mid-month');
  setup.clock.set('2026-11-25T09:00:00.000Z');
  const toLegal = await refer(legal.id, 'Eviction hearing Friday', { consentOverride: { reason: 'Hearing in two days; client agreed by phone' } });
  setup.clock.set('2026-11-26T10:00:00.000Z');
  const seen = await setup.as(PERSONAS.foodBankStaff).referrals.get(toFood.id);
  setup.clock.set('2026-11-26T10:05:00.000Z');
  await setup.as(PERSONAS.foodBankStaff).referrals.transition(seen, 'accepted');
  setup.clock.set('2026-11-27T12:00:00.000Z');
  await setup.as(PERSONAS.supervisor).exportCaseload();
  setup.clock.set('2026-11-30T12:00:00.000Z');
  return { setup, client, consent, toClinic, toFood, toLegal };
}
type World = Awaited<ReturnType<typeof world>>;

/** The manager, counting its `disclosures.forClient` calls (each is an audited read). */
function counting(manager: CaseManager): { manager: CaseManager; calls: () => number } {
  let calls = 0;
  const disclosures = { forClient: (...args: Parameters<CaseManager['disclosures']['forClient']>) => (calls++, manager.disclosures.forClient(...args)) };
  return { manager: Object.create(manager, { disclosures: { value: disclosures } }) as CaseManager, calls: () => calls };
}

async function mount(w: World, options: { actor?: Actor; manager?: CaseManager; lang?: string; from?: string; to?: string; agency?: string } = {}): Promise<CkDisclosures> {
  const manager = options.manager ?? w.setup.as(options.actor ?? PERSONAS.supervisor);
  const el = await fixture<CkDisclosures>(
    html`<ck-disclosures
      lang=${options.lang ?? 'en'}
      .manager=${manager}
      client-id=${w.client.id}
      .from=${options.from}
      .to=${options.to}
      .agency=${options.agency}
    ></ck-disclosures>`,
  );
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const row = (el: CkDisclosures, sourceId: string) => $(el, `[part~="row"][data-disclosure="${sourceId}"]`)!;
const cell = (el: CkDisclosures, sourceId: string, part: string) => text(row(el, sourceId).querySelector(`[part~="${part}"]`));
const kinds = (el: CkDisclosures) => $$(el, '[part~="row"]').map((r) => r.dataset.kind);

async function setPeriod(el: CkDisclosures, from: string, to: string): Promise<void> {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    const input = $<HTMLInputElement>(el, `input[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[data-action="show-period"]')!.click();
  await el.updateComplete;
  await el.loadComplete;
}

/** A real key press through the test runner (the browser's own Tab and Enter, not a synthetic event). */
async function press(key: string): Promise<void> {
  const sessionId = new URL(window.location.href).searchParams.get('wtr-session-id');
  const socket = (await import(/* @vite-ignore */ '/__web-dev-server__web-socket.js' as string)) as { sendMessageWaitForResponse(message: unknown): Promise<{ executed: boolean }> };
  const response = await socket.sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: 'send-keys', payload: { press: key } });
  if (!response.executed) throw new Error(`send-keys ${key} was not executed`);
}

/** Runs `body` with `window.print` replaced by `capture` (no dialog in tests). */
async function withPrint(capture: () => void, body: () => Promise<void>): Promise<void> {
  const original = window.print;
  window.print = capture;
  try {
    await body();
  } finally {
    window.print = original;
  }
}

describe('ck-disclosures', () => {
  it('lists a sent referral’s shared fields and its consent basis, oldest first, and is accessible', async () => {
    const w = await world();
    const el = await mount(w);
    expect(kinds(el)).to.deep.equal(['referral', 'referral', 'referral', 'provider-access', 'provider-access', 'export']);
    expect(text($(el, '[data-field="count"]'))).to.equal('6 disclosures');
    expect(cell(el, w.toFood.id, 'date')).to.equal('Nov 24, 2026');
    expect(cell(el, w.toFood.id, 'recipient')).to.equal('Riverside Community Food Bank Referral sent');
    expect(cell(el, w.toFood.id, 'information')).to.equal('Name, reason for the referral, urgency, service requested, phone number, and preferred language');
    expect(text(row(el, w.toFood.id).querySelector('[data-field="purpose"]'))).to.equal('Ran out of food stamps mid-month');
    expect(text(row(el, w.toFood.id).querySelector('[data-field="basis"]'))).to.equal('Consent given Nov 1, 2026');
    expect(cell(el, w.toFood.id, 'purpose')).to.contain('Consent for: Food assistance referrals');
    expect(cell(el, w.toFood.id, 'by')).to.equal(PERSONAS.caseManager.name);
    const access = $$(el, '[data-kind="provider-access"]');
    expect(access.map((r) => text(r.querySelector('[data-field="purpose"]')))).to.deep.equal(['Opened the referral', 'Updated the referral: Sent → Accepted']);
    expect(text(access[0]!.querySelector('[part~="by"]'))).to.equal(PERSONAS.foodBankStaff.name);
    expect(text($(el, '[data-kind="export"] [data-field="basis"]'))).to.equal('No consent or override on record');
    await expect(el).to.be.accessible();
  });

  it('shows an override with who made it, when, and its reason', async () => {
    const w = await world();
    const el = await mount(w);
    const basis = row(el, w.toLegal.id).querySelector('[data-field="basis"]')!;
    expect(text(basis)).to.equal(`Shared without consent: override by ${PERSONAS.caseManager.name} on Nov 25, 2026. Reason: Hearing in two days; client agreed by phone`);
    expect(basis.classList.contains('override')).to.equal(true);
    expect(cell(el, w.toLegal.id, 'information')).to.equal('Name, reason for the referral, urgency, and service requested', 'an override without shares: the name and the referral only');
  });

  it('covers the six years through manager.today() by default, and the period chosen, reading once per period', async () => {
    const w = await world();
    const { manager, calls } = counting(w.setup.as(PERSONAS.supervisor));
    const el = await mount(w, { manager });
    expect([el.account!.from, el.account!.to]).to.deep.equal(['2020-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    expect(text($(el, '[data-field="period"]'))).to.equal('Nov 30, 2020 – Nov 30, 2026');
    expect($<HTMLInputElement>(el, 'input[name="from"]')!.value).to.equal('2020-11-30');
    expect(calls()).to.equal(1);

    await setPeriod(el, '2026-11-25', '2026-11-26');
    expect([el.from, el.to]).to.deep.equal(['2026-11-25', '2026-11-26']);
    expect(kinds(el)).to.deep.equal(['referral', 'provider-access', 'provider-access'], 'both days whole: the 26th’s provider access is in');
    expect(text($(el, '[data-field="period"]'))).to.equal('Nov 25, 2026 – Nov 26, 2026');
    expect(calls()).to.equal(2);

    // A start after the end: said beside the field, focused, and nothing read.
    await setPeriod(el, '2026-11-27', '2026-11-26');
    const from = $<HTMLInputElement>(el, 'input[name="from"]')!;
    expect(from.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#period-from-error'))).to.equal('The start must be on or before the end.');
    expect(from.getAttribute('aria-describedby')).to.contain('period-from-error');
    expect(el.shadowRoot!.activeElement).to.equal(from);
    expect(calls()).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('does not read again on other changes (the read is audited), only when the client or period changes', async () => {
    const w = await world();
    const { manager, calls } = counting(w.setup.as(PERSONAS.supervisor));
    const el = await mount(w, { manager });
    const before = (await auditTally(w.setup.storage)).reads;
    await w.setup.manager.clients.update(w.client, { language: 'es-MX' });
    await w.setup.manager.consents.record({ clientId: w.client.id, scope: 'treatment', purpose: 'Counselling', source: 'verbal' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.loadComplete;
    expect(calls()).to.equal(1);
    expect((await auditTally(w.setup.storage)).reads).to.equal(before);
    const { client: other } = await w.setup.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' } });
    el.clientId = other.id;
    await el.updateComplete;
    await el.loadComplete;
    expect(calls()).to.equal(2);
    expect(text($(el, '[part~="empty"]'))).to.equal('No information about this client was shared outside the agency in this period.');
    expect($(el, '[part~="table"]')).to.equal(null);
  });

  it('prints a plain copy in the client’s language with the name, the period, the agency line and the date printed', async () => {
    const w = await world();
    const el = await mount(w, { agency: 'Riverside Family Services · 200 Main St · (555) 010-0100' });
    expect(text($(el, '[data-action="print"]'))).to.equal('Print copy (Spanish)');
    let printed: Record<string, unknown> | undefined;
    await withPrint(
      () => {
        const copy = $(el, '[part~="print"]')!;
        printed = {
          lang: copy.getAttribute('lang'),
          title: text(copy.querySelector('h2')),
          agency: text(copy.querySelector('[data-print="agency"]')),
          sub: text(copy.querySelector('[data-print="sub"]')),
          period: text(copy.querySelector('[data-print="period"]')),
          items: copy.querySelectorAll('[data-print-disclosure]').length,
          food: text(copy.querySelector(`[data-print-disclosure="${w.toFood.id}"]`)),
          legal: text(copy.querySelector(`[data-print-disclosure="${w.toLegal.id}"] [data-print="basis"]`)),
        };
      },
      async () => {
        await el.print();
        expect(printed).to.deep.include({
          lang: 'es',
          title: 'Con quién se compartió su información',
          agency: 'Riverside Family Services · 200 Main St · (555) 010-0100',
          sub: 'Para: Rosa Hernández · Impreso el 30 de noviembre de 2026',
          period: 'Período: 30 de noviembre de 2020 – 30 de noviembre de 2026',
          items: 6,
        });
        expect(printed!['food']).to.contain('Cuándo: 24 de noviembre de 2026');
        expect(printed!['food']).to.contain('Qué se compartió: Nombre, motivo de la derivación, urgencia, servicio solicitado, número de teléfono e idioma preferido');
        expect(printed!['food']).to.contain('Con qué fundamento: Consentimiento dado el 1 de noviembre de 2026 (Consentimiento para: Food assistance referrals)');
        expect(printed!['legal']).to.equal(
          `Con qué fundamento: Compartida sin consentimiento: excepción autorizada por ${PERSONAS.caseManager.name} el 25 de noviembre de 2026. Motivo: Hearing in two days; client agreed by phone`,
        );
        expect(text($(el, '[part~="print-toolbar"]'))).to.contain('Back to the list', 'the toolbar stays in the user’s language');
        await expect(el).to.be.accessible();
        window.dispatchEvent(new Event('afterprint'));
        await el.updateComplete;
        expect($(el, '[part~="print"]')).to.equal(null);
        expect((el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.action).to.equal('print');
      },
    );
  });

  it('prints in the element’s language for a client whose language casekit has no table for', async () => {
    const w = await world({ language: 'vi' });
    const el = await mount(w);
    expect(text($(el, '[data-action="print"]'))).to.equal('Print copy');
    await withPrint(
      () => undefined,
      async () => {
        await el.print();
        const copy = $(el, '[part~="print"]')!;
        expect(copy.getAttribute('lang')).to.equal('en');
        expect(text(copy.querySelector('h2'))).to.equal('Who your information was shared with');
        expect(text(copy.querySelector('[data-print="sub"]'))).to.equal('For: Rosa Hernández · Printed November 30, 2026');
        expect(copy.querySelector('[data-print="agency"]'), 'no agency line when none is set').to.equal(null);
        window.dispatchEvent(new Event('afterprint'));
      },
    );
  });

  it('gives a case manager and a provider a plain notice, reading nothing and writing no refusal; a viewer sees the account', async () => {
    const w = await world();
    for (const actor of [PERSONAS.caseManager, PERSONAS.foodBankStaff]) {
      const before = await auditTally(w.setup.storage);
      const { manager, calls } = counting(w.setup.as(actor));
      const el = await mount(w, { manager });
      expect(text($(el, '[part~="notice"]'))).to.equal(
        'You don’t have permission to see who this client’s information was shared with. A supervisor can show it to you or the client.',
        actor.role,
      );
      expect($(el, '[part~="table"]')).to.equal(null);
      expect($(el, '[data-action="print"]')).to.equal(null);
      expect($(el, '[part~="period-form"]')).to.equal(null);
      expect(calls(), actor.role).to.equal(0);
      expect(await auditTally(w.setup.storage)).to.deep.equal(before);
      await expect(el).to.be.accessible();
    }
    const viewer = await mount(w, { actor: PERSONAS.viewer });
    expect(kinds(viewer)).to.have.length(6);
    expect($(viewer, '[part~="notice"]')).to.equal(null);
  });

  it('shows core’s refusal as the same notice when a policy allows what core then refuses', async () => {
    const w = await world();
    const manager = w.setup.as(PERSONAS.supervisor);
    const refusing: CaseManager = Object.create(manager, {
      disclosures: { value: { forClient: () => w.setup.as(PERSONAS.caseManager).disclosures.forClient(w.client.id) } },
    });
    const errors: string[] = [];
    const el = await fixture<CkDisclosures>(html`<ck-disclosures .manager=${refusing} client-id=${w.client.id} @ck-error=${(e: CustomEvent<{ code: string }>) => errors.push(e.detail.code)}></ck-disclosures>`);
    await el.loadComplete;
    expect($(el, '[part~="notice"]')).not.to.equal(null);
    expect($(el, '[part~="alert"]')).to.equal(null);
    expect(errors).to.deep.equal(['permission']);
  });

  it('speaks Spanish', async () => {
    const w = await world();
    const el = await mount(w, { lang: 'es' });
    expect(text($(el, '[part~="heading"]'))).to.equal('Registro de divulgaciones');
    expect($$(el, 'thead th').map((th) => text(th))).to.deep.equal(['Fecha', 'Compartida con', 'Qué se compartió', 'Para qué y con qué fundamento', 'Compartida por']);
    expect(text($(el, '[data-field="count"]'))).to.equal('6 divulgaciones');
    expect(cell(el, w.toFood.id, 'date')).to.equal('24 nov 2026');
    expect(cell(el, w.toFood.id, 'information')).to.equal('Nombre, motivo de la derivación, urgencia, servicio solicitado, número de teléfono e idioma preferido');
    expect(text(row(el, w.toFood.id).querySelector('[data-field="basis"]'))).to.equal('Consentimiento dado el 1 nov 2026');
    expect(text($(el, '[data-kind="provider-access"] [data-field="purpose"]'))).to.equal('Abrió la derivación');
    expect(text($(el, 'legend'))).to.equal('Período');
    expect(text($(el, '[data-action="print"]'))).to.equal('Imprimir copia', 'the client’s language is the page’s');
    await expect(el).to.be.accessible();
  });

  it('shows HTML in an organisation name as text, in the table and the printed copy', async () => {
    const w = await world();
    const el = await mount(w);
    expect(cell(el, w.toClinic.id, 'recipient')).to.equal(`${PAYLOAD} Referral sent`);
    expect($$(el, 'img')).to.have.length(0);
    await withPrint(
      () => undefined,
      async () => {
        await el.print();
        expect(text($(el, `[data-print-disclosure="${w.toClinic.id}"]`))).to.contain(PAYLOAD);
        expect($$(el, 'img')).to.have.length(0);
        window.dispatchEvent(new Event('afterprint'));
      },
    );
    expect((window as unknown as { __ckDisclosuresXss?: number }).__ckDisclosuresXss).to.equal(undefined);
  });

  it('shows skeletons while loading, then the account; loadComplete waits without polling', async () => {
    const w = await world();
    const manager = w.setup.as(PERSONAS.supervisor);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: CaseManager = Object.create(manager, {
      disclosures: { value: { forClient: async (...args: Parameters<CaseManager['disclosures']['forClient']>) => (await gate, manager.disclosures.forClient(...args)) } },
    });
    const el = await fixture<CkDisclosures>(html`<ck-disclosures .manager=${slow} client-id=${w.client.id}></ck-disclosures>`);
    let done = false;
    const complete = el.loadComplete.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).to.equal(false);
    expect($(el, '[part~="skeletons"]')).not.to.equal(null);
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('true');
    release();
    await complete;
    expect($(el, '[part~="skeletons"]')).to.equal(null);
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('false');
    expect(kinds(el)).to.have.length(6);
  });

  it('focus() goes to the heading; the period form works from the keyboard', async () => {
    const w = await world();
    const { manager, calls } = counting(w.setup.as(PERSONAS.supervisor));
    const el = await mount(w, { manager });
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#disclosures-heading'));
    await press('Tab');
    expect((el.shadowRoot!.activeElement as HTMLElement).dataset.action).to.equal('print');
    const to = $<HTMLInputElement>(el, 'input[name="to"]')!;
    const from = $<HTMLInputElement>(el, 'input[name="from"]')!;
    from.value = '2026-11-27';
    from.dispatchEvent(new Event('input'));
    to.value = '2026-11-27';
    to.dispatchEvent(new Event('input'));
    await el.updateComplete;
    to.focus();
    await press('Enter');
    await el.updateComplete;
    await el.loadComplete;
    expect(calls()).to.equal(2);
    expect(kinds(el)).to.deep.equal(['export']);
  });

  it('lays out right to left', async () => {
    const w = await world();
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl"><ck-disclosures .manager=${w.setup.as(PERSONAS.supervisor)} client-id=${w.client.id}></ck-disclosures></div>`);
    const el = wrapper.querySelector('ck-disclosures')!;
    await el.loadComplete;
    const date = row(el, w.toFood.id).querySelector('[part~="date"]')!.getBoundingClientRect();
    const recipient = row(el, w.toFood.id).querySelector('[part~="recipient"]')!.getBoundingClientRect();
    expect(date.left, 'the first column is on the right').to.be.greaterThan(recipient.left);
    await expect(el).to.be.accessible();
  });
});
