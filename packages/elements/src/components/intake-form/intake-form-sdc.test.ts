import { expect, fixture, html } from '@open-wc/testing';
import type { ExpressionEngine, QuestionnaireDefinition } from '@casekit/core';
import '../../define.js';
import type { CkIntakeForm } from './intake-form.component.js';

/**
 * What a FHIR R4 / SDC import hands the form: LOINC-style linkIds with "/", the R4 item types, units,
 * items nested under a question, and a total an expression calculates.
 */
const VISIT: QuestionnaireDefinition = {
  id: 'sdc-visit',
  version: '1',
  title: { en: 'Clinic visit', es: 'Visita a la clínica' },
  items: [
    { linkId: '/29463-7', type: 'quantity', text: { en: 'Weight', es: 'Peso' }, unitOptions: [{ system: 'http://unitsofmeasure.org', code: 'kg', display: 'kg' }, { system: 'http://unitsofmeasure.org', code: '[lb_av]', display: 'lb' }] },
    { linkId: '/8302-2', type: 'decimal', text: 'Height', unit: { system: 'http://unitsofmeasure.org', code: 'cm', display: 'cm' } },
    { linkId: 'seen-at', type: 'dateTime', text: 'Seen at' },
    { linkId: 'start', type: 'time', text: 'Start time' },
    { linkId: 'site', type: 'url', text: 'Clinic web site' },
    { linkId: 'reason', type: 'open-choice', text: 'Reason', options: [{ code: 'pain', display: 'Pain' }, { code: 'check-up', display: 'Check-up' }] },
    { linkId: 'letter', type: 'attachment', text: 'Referral letter' },
    { linkId: 'allergies', type: 'string', text: 'Allergies', repeats: true },
    {
      linkId: 'smokes',
      type: 'boolean',
      text: 'Do you smoke?',
      items: [{ linkId: 'packs', type: 'integer', text: 'Packs a day', enableWhen: [{ question: 'smokes', operator: '=', answer: true }] }],
    },
    { linkId: 'q1', type: 'integer', text: 'Score 1' },
    { linkId: 'q2', type: 'integer', text: 'Score 2' },
    { linkId: '/total', type: 'integer', text: 'Total score', readOnly: true, calculatedExpression: { language: 'text/x-sum', expression: 'q1+q2' } },
  ],
};

/** A stand-in for @casekit/fhir's FHIRPath engine: sums the named answers. */
const sumEngine: ExpressionEngine = {
  supports: (language) => language === 'text/x-sum',
  evaluate: ({ expression, answers }) => {
    const parts = expression.expression.split('+').map((id) => answers[id]);
    return parts.some((v) => typeof v === 'number') ? [parts.reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0)] : [];
  },
};

const $ = <T extends Element = HTMLElement>(el: CkIntakeForm, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const question = (el: CkIntakeForm, linkId: string) => $(el, `[data-link-id="${CSS.escape(linkId)}"]`)!;
const control = <T extends HTMLElement = HTMLInputElement>(el: CkIntakeForm, linkId: string) => question(el, linkId).querySelector<T>('input, select, textarea, output')!;

function type(input: HTMLInputElement, text: string): void {
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
function change(input: HTMLInputElement | HTMLSelectElement, value?: string): void {
  if (value !== undefined) input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

async function mount(engine?: ExpressionEngine, lang = 'en'): Promise<CkIntakeForm> {
  const el = await fixture<CkIntakeForm>(html`<div lang=${lang}><ck-intake-form no-submit draft-key="sdc-test" .definition=${VISIT} .expressionEngine=${engine}></ck-intake-form></div>`);
  const form = el.querySelector<CkIntakeForm>('ck-intake-form')!;
  await form.loadComplete;
  await form.updateComplete;
  return form;
}

describe('ck-intake-form with R4 / SDC items', () => {
  it('renders the R4 types with their units, items nested under a question, and is accessible', async () => {
    const el = await mount(sumEngine);
    expect(control(el, '/29463-7').getAttribute('inputmode')).to.equal('decimal');
    const units = question(el, '/29463-7').querySelector('select')!;
    expect([...units.options].map((o) => o.textContent)).to.deep.equal(['kg', 'lb']);
    expect(units.getAttribute('aria-label')).to.equal('Weight: Unit');
    expect(question(el, '/8302-2').querySelector('[part~="unit"]')!.textContent).to.equal('cm');
    expect(control(el, '/8302-2').getAttribute('aria-describedby')).to.contain('u-%2F8302-2');
    expect(control(el, 'seen-at').type).to.equal('datetime-local');
    expect(control(el, 'start').type).to.equal('time');
    expect(control(el, 'site').type).to.equal('url');
    expect(control(el, 'reason').getAttribute('list')).to.equal('o-reason');
    expect(control(el, 'letter').type).to.equal('file');
    expect($(el, '[part~="nested"] [data-link-id="packs"]')).to.equal(null); // nested, hidden until "yes"
    await expect(el).to.be.accessible();
  });

  it('turns what is typed into FHIR-shaped answers', async () => {
    const el = await mount();
    type(control(el, '/29463-7'), '71,5');
    change(question(el, '/29463-7').querySelector('select')!, '[lb_av]');
    type(control(el, 'seen-at'), '2026-03-01T09:30');
    type(control(el, 'start'), '09:30');
    type(control(el, 'site'), 'https://clinic.example.org');
    type(control(el, 'reason'), 'pain');
    await el.updateComplete;
    expect(el.answers['/29463-7']).to.deep.equal({ value: 71.5, unit: 'lb', system: 'http://unitsofmeasure.org', code: '[lb_av]' });
    expect(el.answers['seen-at']).to.match(/^2026-03-01T09:30:00[+-]\d{2}:\d{2}$/);
    expect(el.answers['start']).to.equal('09:30:00');
    expect(el.answers['reason']).to.equal('pain'); // an option's code
    type(control(el, 'reason'), 'Check-up');
    await el.updateComplete;
    expect(el.answers['reason']).to.equal('check-up'); // typed as the option's text
    type(control(el, 'reason'), 'sore back');
    await el.updateComplete;
    expect(el.answers['reason']).to.equal('sore back'); // free text
    expect(el.evaluation!.issues).to.deep.equal([]);
  });

  it('adds and removes answers of a repeating question', async () => {
    const el = await mount();
    type(control(el, 'allergies'), 'penicillin');
    await el.updateComplete;
    const fields = () => [...question(el, 'allergies').querySelectorAll<HTMLInputElement>('input')];
    expect(fields()).to.have.length(2);
    type(fields()[1]!, 'latex');
    await el.updateComplete;
    expect(el.answers['allergies']).to.deep.equal(['penicillin', 'latex']);
    expect(fields()[1]!.getAttribute('aria-label')).to.equal('Allergies, answer 2');
    question(el, 'allergies').querySelector<HTMLButtonElement>('[part~="remove-answer-button"]')!.click();
    await el.updateComplete;
    expect(el.answers['allergies']).to.deep.equal(['latex']);
  });

  it('shows a chosen file by name and size only, as text', async () => {
    const el = await mount();
    const input = control(el, 'letter');
    const file = new File(['<img src=x onerror=alert(1)>'], '<b>letter</b>.pdf', { type: 'application/pdf' });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    change(input);
    await el.updateComplete;
    expect(el.answers['letter']).to.deep.equal({ title: '<b>letter</b>.pdf', contentType: 'application/pdf', size: file.size });
    const shown = question(el, 'letter').querySelector('[part~="file-name"]')!;
    expect(shown.textContent).to.equal(`<b>letter</b>.pdf (${file.size} B)`);
    expect(shown.querySelector('b')).to.equal(null);
  });

  it('shows nested items under their question when it is answered', async () => {
    const el = await mount();
    const yes = [...question(el, 'smokes').querySelectorAll<HTMLInputElement>('input')].find((i) => i.value === 'true')!;
    yes.click();
    await el.updateComplete;
    expect($(el, '[part~="nested"] [data-link-id="packs"]')).to.exist;
  });

  it('updates a read-only calculated total as the user types, in a live region', async () => {
    const el = await mount(sumEngine);
    const total = control(el, '/total');
    expect(total.tagName).to.equal('OUTPUT');
    expect(total.getAttribute('aria-live')).to.equal('polite');
    expect(total.textContent).to.equal('Not yet calculated');
    type(control(el, 'q1'), '2');
    await el.updateComplete;
    expect(control(el, '/total').textContent).to.equal('2');
    type(control(el, 'q2'), '3');
    await el.updateComplete;
    expect(control(el, '/total').textContent).to.equal('5');
    expect(el.answers['/total']).to.equal(5);
    expect(question(el, '/total').querySelector('[part~="calculated-hint"]')!.textContent).to.equal('Calculated');
  });

  it('says it in Spanish', async () => {
    const el = await mount(sumEngine, 'es');
    expect(control(el, '/total').textContent).to.equal('Aún sin calcular');
    expect(question(el, '/29463-7').querySelector('select')!.getAttribute('aria-label')).to.equal('Peso: Unidad');
    expect(question(el, 'letter').querySelector('[part~="file-name"]')!.textContent).to.equal('Ningún archivo elegido');
  });
});
