import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { PHQ9, PHQ9_ITEM_IDS, SOCIAL_NEEDS_INTAKE } from '@casekit/core/instruments';
import { localizedText, ValidationError, type Actor, type CaseManager, type Policy, type QuestionnaireDefinition } from '@casekit/core';
import { createTestSetup, PERSONAS, type TestSetup } from '@casekit/core/testing';
import '../../define.js';
import type { IntakeSubmitDetail, IntakeSubmittedDetail } from '../../events/events.js';
import type { CkIntakeForm } from './intake-form.component.js';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { dateFieldPattern } from '../../internal/date-hint.js';

/** A custom role the default policy does not know: may read everything, change nothing. */
const auditor: Actor = { id: 'aud-1', name: 'Audit', role: 'auditor' };
/** A custom policy: auditors only read; everyone else may do anything. */
const auditorPolicy: Policy = (r) => r.action === 'read' || r.actor.role !== 'auditor';

/** A short check-in that uses every item type. */
const ALL_TYPES: QuestionnaireDefinition = {
  id: 'test-household-check-in',
  version: '1.0.0',
  title: { en: 'Household check-in', es: 'Revisión del hogar' },
  description: { en: 'About your week.', es: 'Sobre su semana.' },
  items: [
    { linkId: 'intro', type: 'display', text: { en: 'A few questions about your week.', es: 'Unas preguntas sobre su semana.' } },
    {
      linkId: 'contact',
      type: 'group',
      text: { en: 'Contact', es: 'Contacto' },
      items: [
        { linkId: 'nickname', type: 'string', required: true, maxLength: 20, text: { en: 'What should we call you?', es: '¿Cómo quiere que le llamemos?' } },
        {
          linkId: 'zip',
          type: 'string',
          pattern: '\\d{5}',
          patternHint: { en: 'Enter a 5-digit ZIP code', es: 'Escriba un código postal de 5 dígitos' },
          text: { en: 'ZIP code', es: 'Código postal' },
        },
      ],
    },
    { linkId: 'notes', type: 'text', text: { en: 'Anything else?', es: '¿Algo más?' } },
    {
      linkId: 'mood',
      type: 'choice',
      required: true,
      text: { en: 'How are you today?', es: '¿Cómo está hoy?' },
      options: [
        { code: 'good', display: { en: 'Good', es: 'Bien' } },
        { code: 'ok', display: { en: 'Okay', es: 'Regular' } },
        { code: 'bad', display: { en: 'Not good', es: 'Mal' } },
      ],
    },
    {
      linkId: 'county',
      type: 'choice',
      text: 'County',
      options: ['Alameda', 'Butte', 'Colusa', 'Fresno', 'Glenn', 'Kern', 'Lake', 'Marin', 'Napa'].map((c) => ({ code: c.toLowerCase(), display: c })),
    },
    {
      linkId: 'worries',
      type: 'multi-choice',
      text: { en: 'What worries you?', es: '¿Qué le preocupa?' },
      options: [
        { code: 'rent', display: { en: 'Rent', es: 'El alquiler' } },
        { code: 'food', display: { en: 'Food', es: 'La comida' } },
        { code: 'none', display: { en: 'None of these', es: 'Nada de esto' }, exclusive: true },
      ],
    },
    { linkId: 'has-pet', type: 'boolean', text: { en: 'Do you have a pet?', es: '¿Tiene una mascota?' } },
    { linkId: 'pet-name', type: 'string', text: { en: 'Pet name', es: 'Nombre de la mascota' }, enableWhen: [{ question: 'has-pet', operator: '=', answer: true }] },
    { linkId: 'children', type: 'integer', min: 0, max: 20, text: { en: 'How many children live with you?', es: '¿Cuántos niños viven con usted?' } },
    { linkId: 'income', type: 'decimal', min: 0, text: { en: 'Monthly income', es: 'Ingreso mensual' } },
    { linkId: 'visit', type: 'date', max: '2026-12-31', text: { en: 'Last doctor visit', es: 'Última visita al médico' } },
    {
      linkId: 'members',
      type: 'group',
      repeats: true,
      maxRepeats: 5,
      text: { en: 'Household members', es: 'Miembros del hogar' },
      items: [
        { linkId: 'm-name', type: 'string', required: true, text: { en: 'Name', es: 'Nombre' } },
        { linkId: 'm-age', type: 'integer', min: 0, max: 120, text: { en: 'Age', es: 'Edad' } },
      ],
    },
  ],
};

/** A host's short intake that asks the client's language and interpreter need itself (mapped with `extract`). */
const LANGUAGE_CHECK_IN: QuestionnaireDefinition = {
  id: 'test-language-check-in',
  version: '1.0.0',
  title: 'Language check-in',
  items: [
    {
      linkId: 'spoken-language',
      type: 'choice',
      required: true,
      extract: 'client.language',
      text: 'Which language do you speak at home?',
      options: [
        { code: 'en', display: 'English' },
        { code: 'ar', display: 'Arabic' },
        { code: 'so', display: 'Somali' },
      ],
    },
    { linkId: 'wants-interpreter', type: 'boolean', extract: 'client.interpreterNeeded', text: 'Would you like an interpreter?' },
  ],
};

const root = (el: CkIntakeForm) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: CkIntakeForm | Element, selector: string) =>
  ('shadowRoot' in el && el.shadowRoot ? el.shadowRoot : el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CkIntakeForm | Element, selector: string) => [
  ...('shadowRoot' in el && el.shadowRoot ? el.shadowRoot : el).querySelectorAll<T>(selector),
];
const question = (scope: CkIntakeForm | Element, linkId: string) => $(scope, `[data-link-id="${linkId}"]`)!;
const control = <T extends HTMLElement = HTMLInputElement>(scope: CkIntakeForm | Element, linkId: string) =>
  question(scope, linkId).querySelector<T>('input, select, textarea')!;
const clientControl = <T extends HTMLElement = HTMLInputElement>(el: CkIntakeForm, key: string) => $<T>(el, `[data-client="${key}"]`)!;

function type(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
function leave(input: HTMLElement): void {
  input.focus();
  input.blur();
}
function choose(scope: CkIntakeForm | Element, linkId: string, code: string): void {
  const input = [...question(scope, linkId).querySelectorAll<HTMLInputElement>('input')].find((i) => i.value === code);
  if (!input) throw new Error(`no option ${code} for ${linkId}`);
  input.click();
}
function select(input: HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
function instances(el: CkIntakeForm, group: string): HTMLElement[] {
  return $$(el, `[data-key="${group}"] > [part~="instance"]`);
}

async function mount(manager: CaseManager | undefined, attrs: { definition?: QuestionnaireDefinition; id?: string; draftKey?: string; caseId?: string } = {}) {
  const el = await fixture<CkIntakeForm>(html`<ck-intake-form
    .manager=${manager}
    .definition=${attrs.definition}
    questionnaire-id=${attrs.id ?? ''}
    draft-key=${attrs.draftKey ?? 'test-draft'}
    case-id=${attrs.caseId ?? ''}
  ></ck-intake-form>`);
  await el.loadComplete;
  return el;
}

async function fillPhq9(el: CkIntakeForm, scores: number[]): Promise<void> {
  scores.forEach((score, i) => choose(el, `phq9-${i + 1}`, String(score)));
  await el.updateComplete;
}

async function fillClient(el: CkIntakeForm, given = 'María', family = 'García'): Promise<void> {
  type(clientControl(el, 'client.given'), given);
  type(clientControl(el, 'client.family'), family);
  type(clientControl(el, 'client.birthDate'), '1984-03-12');
  select(clientControl<HTMLSelectElement>(el, 'client.language'), 'es');
  clientControl(el, 'client.interpreter').click();
  select(clientControl<HTMLSelectElement>(el, 'case.program'), 'behavioral-health');
  await el.updateComplete;
}

describe('ck-intake-form', () => {
  let setup: TestSetup;
  beforeEach(() => {
    setup = createTestSetup({ questionnaires: [ALL_TYPES, LANGUAGE_CHECK_IN] });
  });

  it('renders the social-needs intake with a client section and is accessible when empty', async () => {
    const el = await mount(setup.manager, { id: SOCIAL_NEEDS_INTAKE.id });
    expect($(el, '[part~="title"]')!.textContent).to.equal(localizedText(SOCIAL_NEEDS_INTAKE.title, 'en'));
    expect($(el, '[part~="client-section"]')).to.exist;
    expect($(el, '[part~="case-section"]')).to.exist;
    expect(question(el, 'preferred-language').querySelector('select')).to.exist; // 11 options: a list box
    expect(question(el, 'preferred-language-other')).to.equal(null); // hidden by enableWhen
    expect($(el, '[part~="submit-button"]')!.textContent!.trim()).to.equal('Save intake');
    await expect(el).to.be.accessible();
  });

  it('renders every item type', async () => {
    const el = await mount(setup.manager, { definition: ALL_TYPES });
    expect($(el, '[part~="display"]')!.textContent).to.equal('A few questions about your week.');
    expect($(el, 'fieldset[part~="group"] > legend')!.textContent).to.equal('Contact');
    expect(control(el, 'nickname').type).to.equal('text');
    expect(control(el, 'nickname').getAttribute('aria-required')).to.equal('true');
    expect(control(el, 'notes').tagName).to.equal('TEXTAREA');
    expect(question(el, 'mood').getAttribute('role')).to.equal('radiogroup');
    expect($$(question(el, 'mood'), 'input[type="radio"]')).to.have.length(3);
    expect(control(el, 'county').tagName).to.equal('SELECT'); // 9 options > select-threshold
    expect($$(question(el, 'worries'), 'input[type="checkbox"]')).to.have.length(3);
    expect($$(question(el, 'has-pet'), 'input[type="radio"]').map((i) => i.parentElement!.textContent!.trim())).to.deep.equal(['Yes', 'No']);
    expect(control(el, 'children').getAttribute('inputmode')).to.equal('numeric');
    expect(control(el, 'income').getAttribute('inputmode')).to.equal('decimal');
    expect(control(el, 'visit').type).to.equal('date');
    expect(control(el, 'visit').max).to.equal('2026-12-31');
    expect($(el, '[part~="repeat"]')).to.exist;
    expect($(el, '[part~="add-button"]')!.textContent!.trim()).to.equal('Add an entry: Household members');

    // Values land in the answers with their types.
    type(control(el, 'nickname'), 'Sam');
    choose(el, 'mood', 'ok');
    select(control<HTMLSelectElement>(el, 'county'), 'kern');
    choose(el, 'worries', 'rent');
    choose(el, 'worries', 'food');
    choose(el, 'has-pet', 'false');
    type(control(el, 'children'), '2');
    type(control(el, 'income'), '1250.50');
    type(control(el, 'visit'), '2026-10-01');
    await el.updateComplete;
    expect(el.answers).to.deep.equal({
      nickname: 'Sam',
      mood: 'ok',
      county: 'kern',
      worries: ['rent', 'food'],
      'has-pet': false,
      children: 2,
      income: 1250.5,
      visit: '2026-10-01',
    });
    expect(control(el, 'income').value).to.equal('1250.50'); // what was typed stays as typed

    // An exclusive option clears the others, and choosing another clears it.
    choose(el, 'worries', 'none');
    await el.updateComplete;
    expect(el.answers['worries']).to.deep.equal(['none']);
    expect($$<HTMLInputElement>(question(el, 'worries'), 'input').map((i) => i.checked)).to.deep.equal([false, false, true]);
    choose(el, 'worries', 'food');
    await el.updateComplete;
    expect(el.answers['worries']).to.deep.equal(['food']);
    await expect(el).to.be.accessible();
  });

  it('hides items by enableWhen and keeps their answers in the draft', async () => {
    const el = await mount(setup.manager, { definition: ALL_TYPES });
    expect(question(el, 'pet-name')).to.equal(null);
    choose(el, 'has-pet', 'true');
    await el.updateComplete;
    type(control(el, 'pet-name'), 'Biscuit');
    await el.updateComplete;
    choose(el, 'has-pet', 'false');
    await el.updateComplete;
    expect(question(el, 'pet-name')).to.equal(null);
    expect(el.answers['pet-name']).to.equal('Biscuit'); // kept in the draft
    expect(el.evaluation!.response['pet-name']).to.equal(undefined); // not stored
    choose(el, 'has-pet', 'true');
    await el.updateComplete;
    expect(control(el, 'pet-name').value).to.equal('Biscuit');
  });

  it('adds, removes and re-shows repeating-group entries without losing or shuffling answers', async () => {
    const el = await mount(setup.manager, { id: SOCIAL_NEEDS_INTAKE.id });
    choose(el, 'lives-with-others', 'true');
    await el.updateComplete;
    const add = $<HTMLButtonElement>(el, '[data-key="household"] [part~="add-button"]')!;
    for (const name of ['Ana', 'Ben', 'Cruz']) {
      add.click();
      await el.updateComplete;
      const entry = instances(el, 'household').at(-1)!;
      // Focus moves to the first field of the new entry.
      expect(root(el).activeElement === control(entry, 'member-name')).to.be.true;
      type(control(entry, 'member-name'), name);
      await el.updateComplete;
    }
    const ids = instances(el, 'household').map((i) => i.dataset['instance']);
    expect(new Set(ids).size).to.equal(3);
    type(control(instances(el, 'household')[2]!, 'member-age'), '12'); // Cruz is 12: the school question appears
    await el.updateComplete;
    expect(question(instances(el, 'household')[2]!, 'member-in-school')).to.exist;
    expect(question(instances(el, 'household')[0]!, 'member-in-school')).to.equal(null);
    await expect(el).to.be.accessible();

    // Remove Ben: Ana and Cruz keep their ids and answers; focus goes to the next entry.
    instances(el, 'household')[1]!.querySelector<HTMLButtonElement>('[part~="remove-button"]')!.click();
    await el.updateComplete;
    expect(instances(el, 'household').map((i) => control(i, 'member-name').value)).to.deep.equal(['Ana', 'Cruz']);
    expect(instances(el, 'household').map((i) => i.dataset['instance'])).to.deep.equal([ids[0], ids[2]]);
    expect(root(el).activeElement === instances(el, 'household')[1]).to.be.true;
    expect(control(instances(el, 'household')[1]!, 'member-age').value).to.equal('12');

    // Hide the whole group, then show it again.
    choose(el, 'lives-with-others', 'false');
    await el.updateComplete;
    expect(instances(el, 'household')).to.have.length(0);
    expect(el.evaluation!.response['household']).to.equal(undefined);
    choose(el, 'lives-with-others', 'true');
    await el.updateComplete;
    expect(instances(el, 'household').map((i) => [i.dataset['instance'], control(i, 'member-name').value])).to.deep.equal([
      [ids[0], 'Ana'],
      [ids[2], 'Cruz'],
    ]);

    // Removing the last entries leaves focus on the Add button.
    for (let n = 0; n < 2; n++) {
      instances(el, 'household')[0]!.querySelector<HTMLButtonElement>('[part~="remove-button"]')!.click();
      await el.updateComplete;
    }
    expect(root(el).activeElement === $(el, '[data-key="household"] [part~="add-button"]')).to.be.true;
  });

  it('validates as the user goes, beside the field', async () => {
    const el = await mount(setup.manager, { definition: ALL_TYPES });
    const zip = control(el, 'zip');
    type(zip, '9460');
    await el.updateComplete;
    expect(zip.getAttribute('aria-invalid')).to.equal('false'); // not while typing the first time
    leave(zip);
    await el.updateComplete;
    expect(zip.getAttribute('aria-invalid')).to.equal('true');
    const errorId = zip.getAttribute('aria-describedby')!;
    expect(root(el).getElementById(errorId)!.textContent).to.equal('Enter a 5-digit ZIP code');
    type(zip, '94607');
    await el.updateComplete;
    expect(zip.getAttribute('aria-invalid')).to.equal('false');
    expect(zip.hasAttribute('aria-describedby')).to.equal(false);

    const nickname = control(el, 'nickname');
    leave(nickname);
    await el.updateComplete;
    expect(question(el, 'nickname').querySelector('[part~="field-error"]')!.textContent).to.equal('This question needs an answer.');

    type(control(el, 'children'), '2.5');
    leave(control(el, 'children'));
    type(control(el, 'income'), 'lots');
    leave(control(el, 'income'));
    await el.updateComplete;
    expect(question(el, 'children').querySelector('[part~="field-error"]')!.textContent).to.equal('Enter a whole number.');
    expect(question(el, 'income').querySelector('[part~="field-error"]')!.textContent).to.equal('Enter a number.');
    expect(control(el, 'income').value).to.equal('lots'); // nothing typed is lost
    type(control(el, 'children'), '25');
    await el.updateComplete;
    expect(question(el, 'children').querySelector('[part~="field-error"]')!.textContent).to.equal('Enter a number no larger than 20.');
    await expect(el).to.be.accessible();
  });

  it('lists every problem in an error summary on submit, with links that focus the fields', async () => {
    const el = await mount(setup.manager, { definition: ALL_TYPES });
    let submitted = false;
    el.addEventListener('ck-intake-submit', () => (submitted = true));
    $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(submitted).to.equal(false);
    const summary = $(el, '[part~="error-summary"]')!;
    expect(root(el).activeElement === summary).to.be.true;
    const links = $$<HTMLAnchorElement>(summary, 'a').map((a) => a.textContent);
    expect(links).to.deep.equal([
      'First name: This question needs an answer.',
      'Last name: This question needs an answer.',
      'Program: This question needs an answer.',
      'What should we call you?: This question needs an answer.',
      'How are you today?: This question needs an answer.',
    ]);
    expect(summary.querySelector('h3')!.textContent).to.equal('There are 5 problems to fix');
    // Errors show beside their fields too.
    expect(question(el, 'mood').getAttribute('aria-invalid')).to.equal('true');
    $$<HTMLAnchorElement>(summary, 'a')[3]!.click();
    expect(root(el).activeElement === control(el, 'nickname')).to.be.true;
    $$<HTMLAnchorElement>(summary, 'a')[4]!.click();
    expect(root(el).activeElement === control(el, 'mood')).to.be.true;
    await expect(el).to.be.accessible();

    // Repeating-group entries are named in the summary.
    $<HTMLButtonElement>(el, '[part~="add-button"]')!.click();
    await el.updateComplete;
    expect($$(el, '[part~="error-summary"] a').map((a) => a.textContent)).to.include('Household members — entry 1 — Name: This question needs an answer.');
  });

  it('focus() goes to the first field, then to the first invalid answer after a submit attempt', async () => {
    const el = await mount(setup.manager, { definition: ALL_TYPES });
    el.focus();
    expect(document.activeElement === el, 'the host has focus').to.be.true;
    expect(root(el).activeElement === clientControl(el, 'client.given'), 'the first field').to.be.true;
    type(clientControl(el, 'client.given'), 'María');
    type(clientControl(el, 'client.family'), 'García');
    $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
    await el.updateComplete;
    await el.updateComplete;
    (root(el).activeElement as HTMLElement).blur();
    el.focus();
    expect(root(el).activeElement === clientControl(el, 'case.program'), 'the first invalid answer').to.be.true;
    // Focus already inside stays where the user is.
    control(el, 'notes').focus();
    el.focus();
    expect(root(el).activeElement === control(el, 'notes')).to.be.true;
  });

  it('shows the PHQ-9 score, severity band and a suicide-risk alert live, before submit', async () => {
    const el = await mount(setup.manager, { id: PHQ9.id });
    const score = () => $(el, '[data-score="phq9-total"]')!;
    expect(score().textContent).to.equal('Not complete: 0 of 9 answered');
    expect($(el, '[role="alert"]')).to.equal(null);
    await fillPhq9(el, [2, 2, 1, 2, 1, 1, 1, 1, 0]);
    expect(score().textContent).to.equal('11 — Moderate');
    expect(score().dataset['band']).to.equal('moderate');
    expect($(el, '[data-needs]')!.textContent).to.contain('Mental health');
    expect($(el, '[role="alert"]')).to.equal(null);

    choose(el, 'phq9-9', '1');
    await el.updateComplete;
    const alert = $(el, '[part~="flags"] [role="alert"]')!;
    expect(alert.dataset['flag']).to.equal('suicide-risk');
    expect(alert.textContent).to.contain('Act now: Reported thoughts of being better off dead');
    expect(score().textContent).to.equal('12 — Moderate');
    await expect(el).to.be.accessible();
  });

  it('renders questions that share one answer scale (PHQ-9) as a grid: a row per question, a radio group per row', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 760px"><ck-intake-form .manager=${setup.manager} questionnaire-id=${PHQ9.id} draft-key="grid"></ck-intake-form></div>`);
    const el = wrapper.querySelector<CkIntakeForm>('ck-intake-form')!;
    await el.loadComplete;
    const grid = $(el, '[part~="scale-grid"] table');
    expect(!!grid).to.equal(true, 'a grid');
    expect($$(grid!, 'thead th[scope="col"]').map((th) => th.textContent!.trim())).to.deep.equal(['Not at all', 'Several days', 'More than half the days', 'Nearly every day']);
    const rows = $$(grid!, 'tbody tr');
    expect(rows.map((r) => r.dataset['linkId'])).to.deep.equal(PHQ9_ITEM_IDS);
    expect(rows[0]!.querySelector('th[scope="row"]')!.textContent).to.contain('Little interest or pleasure in doing things');
    // Each radio is named by its answer and its question; each row is one group (one name).
    const first = $$<HTMLInputElement>(rows[0]!, 'input[type="radio"]');
    const names = first.map((r) => r.getAttribute('aria-labelledby')!.split(' ').map((id) => root(el).getElementById(id)!.textContent!.trim()).join(' — '));
    expect(names[1]).to.equal('Several days — Little interest or pleasure in doing things');
    expect(new Set(first.map((r) => r.name)).size).to.equal(1);
    expect(getComputedStyle(grid!.querySelector('thead')!).display).to.not.equal('none');
    await expect(el).to.be.accessible();

    // Arrow keys move and choose within the row, never into the next question.
    first[0]!.click();
    first[0]!.focus();
    first[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    expect(root(el).activeElement === first[1]).to.be.true;
    expect(el.answers['phq9-1']).to.equal('1');
    first[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true, cancelable: true }));
    first[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    expect(root(el).activeElement === first[3], 'wraps within the row').to.be.true;
    expect(el.answers['phq9-1']).to.equal('3');
    expect(el.answers['phq9-2']).to.equal(undefined);

    // The difficulty question has its own answers: not part of the grid.
    await fillPhq9(el, [1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(!!question(el, 'phq9-difficulty')?.closest('table')).to.equal(false);
  });

  it('stacks the answer-scale grid on narrow screens, each answer with its visible label', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 360px"><ck-intake-form .manager=${setup.manager} questionnaire-id=${PHQ9.id} draft-key="grid-narrow"></ck-intake-form></div>`);
    const el = wrapper.querySelector<CkIntakeForm>('ck-intake-form')!;
    await el.loadComplete;
    const grid = $(el, '[part~="scale-grid"] table')!;
    expect(getComputedStyle(grid.querySelector('thead')!).display).to.equal('none');
    expect(getComputedStyle(grid.querySelector('tbody tr')!).display).to.equal('block');
    expect(getComputedStyle(grid.querySelector('.scale-option-text')!).display).to.not.equal('none');
    expect(grid.getBoundingClientRect().width).to.be.at.most(360);
    await expect(el).to.be.accessible();
  });

  it('creates client, case and assessment in one intake, then confirms', async () => {
    const el = await mount(setup.manager, { id: PHQ9.id });
    await fillClient(el);
    await fillPhq9(el, [1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const before = oneEvent(el, 'ck-intake-submit');
    const after = oneEvent(el, 'ck-intake-submitted');
    $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
    const submit = await before;
    expect(submit.cancelable).to.equal(true);
    expect(submit.detail.mode).to.equal('intake');
    expect(submit.detail.client).to.deep.include({ language: 'es', interpreterNeeded: true, birthDate: '1984-03-12' });
    expect(submit.detail.case).to.deep.equal({ program: 'behavioral-health', priority: 'medium' });
    expect(submit.detail.scores['phq9-total']!.value).to.equal(9);
    const { detail } = await after;
    await el.updateComplete;

    const client = await setup.manager.clients.get(detail.clientId);
    expect(client.name).to.deep.include({ given: ['María'], family: 'García' });
    const caseRecord = await setup.manager.cases.get(detail.caseId);
    expect(caseRecord.clientId).to.equal(client.id);
    expect(caseRecord.program).to.equal('behavioral-health');
    expect(caseRecord.riskLevel).to.equal('high'); // item 9 > 0 is a critical flag
    const [assessment] = await setup.manager.assessments.forCase(caseRecord.id);
    expect(assessment!.id).to.equal(detail.assessmentId);
    expect(assessment!.scores['phq9-total']!.value).to.equal(9);
    expect(await setup.manager.drafts.get('test-draft')).to.equal(undefined); // draft discarded in the same transaction

    const confirmation = $(el, '[part~="confirmation"]')!;
    expect(confirmation.textContent).to.contain('Intake saved for María García.');
    expect(root(el).activeElement === confirmation.querySelector('h3')).to.be.true;
    await waitUntil(() => $(el, '.sr-only[role="status"]')!.textContent!.includes('Intake saved for María García.'));
    await expect(el).to.be.accessible();
  });

  it('asks language and interpreter need once when the questionnaire asks them, and fills the client from the answers', async () => {
    const social = await mount(setup.manager, { id: SOCIAL_NEEDS_INTAKE.id });
    // The social-needs intake's items map to the client (`extract`): the client section does not ask again.
    expect(!!$(social, '[data-client="client.language"]')).to.equal(false, 'no client.language field in the client section');
    expect(!!$(social, '[data-client="client.interpreter"]')).to.equal(false, 'no client.interpreter field in the client section');
    expect(question(social, 'preferred-language')).to.exist;
    expect(question(social, 'interpreter-needed')).to.exist;
    await expect(social).to.be.accessible();

    // A host's own short intake with the same mapping: what is answered there fills the client record.
    const el = await mount(setup.manager, { definition: LANGUAGE_CHECK_IN });
    expect(!!$(el, '[data-client="client.language"]')).to.equal(false, 'no client.language field in the client section');
    expect(!!$(el, '[data-client="client.interpreter"]')).to.equal(false, 'no client.interpreter field in the client section');
    type(clientControl(el, 'client.given'), 'Aisha');
    type(clientControl(el, 'client.family'), 'Rahman');
    select(clientControl<HTMLSelectElement>(el, 'case.program'), 'social-work');
    choose(el, 'spoken-language', 'ar');
    choose(el, 'wants-interpreter', 'true');
    await el.updateComplete;
    let told: IntakeSubmitDetail | undefined;
    el.addEventListener('ck-intake-submit', (e) => (told = e.detail));
    const saved = await el.submit();
    expect(saved?.mode).to.equal('intake');
    // What the host is told matches what is stored: the client record and the answers agree.
    expect(told!.client).to.deep.include({ language: 'ar', interpreterNeeded: true });
    expect(told!.answers).to.deep.include({ 'spoken-language': 'ar', 'wants-interpreter': true });
    const client = await setup.manager.clients.get(told ? (saved as { result: { client: { id: string } } }).result.client.id : '');
    expect(client).to.deep.include({ language: 'ar', interpreterNeeded: true });
  });

  it('still asks language and interpreter need in the client section when the questionnaire does not', async () => {
    const el = await mount(setup.manager, { id: PHQ9.id });
    expect($(el, '[data-client="client.language"]')).to.exist;
    expect($(el, '[data-client="client.interpreter"]')).to.exist;
  });

  it('shows possible duplicates while the client is typed and attaches the case to the existing client picked', async () => {
    const { client: existing } = await setup.manager.clients.create({ name: { given: ['Maria'], family: 'Garcia' }, birthDate: '1984-03-12' });
    const el = await mount(setup.manager, { id: PHQ9.id });
    type(clientControl(el, 'client.given'), 'María');
    type(clientControl(el, 'client.family'), 'García');
    await aTimeout(500);
    expect(!!$(el, '[part~="possible-duplicates"]')).to.equal(false, 'no check before the birth date is typed');
    type(clientControl(el, 'client.birthDate'), '1984-03-12');
    await waitUntil(() => $(el, '[part~="possible-duplicates"]'), 'possible duplicates shown before submit', { timeout: 3000 });
    const hints = $(el, '[part~="possible-duplicates"]')!;
    expect(hints.textContent).to.contain('1 existing client looks like the same person');
    expect(hints.textContent).to.contain('Maria Garcia');
    expect(hints.textContent).to.contain('same date of birth, similar name');
    // Shown through core's audited disclosure, not read from storage behind the policy's back.
    const audit = await setup.as(PERSONAS.supervisor).audit.forRecord(existing.id);
    expect(audit.items.some((e) => e.action === 'read' && e.recordId === 'clients.findDuplicates')).to.equal(true, 'the disclosure is audited');
    await expect(el).to.be.accessible();

    const use = hints.querySelector<HTMLButtonElement>('[part~="use-client-button"]')!;
    expect(use.getAttribute('aria-label')).to.equal('Use this client: Maria Garcia');
    use.click();
    await el.updateComplete;
    const chosen = $(el, '[part~="chosen-client"]')!;
    expect(chosen.textContent).to.contain('This intake opens a new case for Maria Garcia, already on file.');
    expect(root(el).activeElement === chosen.querySelector('h3')).to.be.true;
    expect(!!$(el, '[data-client="client.given"]')).to.equal(false, 'the new-client fields give way to the chosen client');
    await expect(el).to.be.accessible();

    select(clientControl<HTMLSelectElement>(el, 'case.program'), 'behavioral-health');
    await fillPhq9(el, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const saved = await el.submit();
    expect(saved?.mode).to.equal('intake');
    const result = (saved as { result: { client: { id: string }; case: { clientId: string } } }).result;
    expect(result.client.id).to.equal(existing.id);
    expect(result.case.clientId).to.equal(existing.id);
    expect((await setup.manager.clients.search('Garcia')).map((c) => c.id)).to.deep.equal([existing.id], 'no second client was registered');
  });

  it('lets the user go back to registering a new client after picking a possible duplicate', async () => {
    await setup.manager.clients.create({ name: { given: ['Maria'], family: 'Garcia' }, birthDate: '1984-03-12' });
    const el = await mount(setup.manager, { id: PHQ9.id });
    await fillClient(el);
    await waitUntil(() => $(el, '[part~="use-client-button"]'), 'possible duplicates shown', { timeout: 3000 });
    $<HTMLButtonElement>(el, '[part~="use-client-button"]')!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="new-client-button"]')!.click();
    await el.updateComplete;
    expect(clientControl(el, 'client.given').value).to.equal('María', 'what was typed is still there');
    expect(root(el).activeElement === clientControl(el, 'client.given')).to.be.true;
  });

  it('shows possible duplicate clients after an intake and lets the host review them', async () => {
    const { client: existing } = await setup.manager.clients.create({ name: { given: ['Maria'], family: 'Garcia' }, birthDate: '1984-03-12' });
    const el = await mount(setup.manager, { id: PHQ9.id });
    await fillClient(el);
    await fillPhq9(el, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const saved = await el.submit();
    expect(saved?.mode).to.equal('intake');
    await el.updateComplete;
    const duplicates = $(el, '[part~="duplicates"]')!;
    expect(duplicates.textContent).to.contain('1 existing client looks like the same person');
    expect(duplicates.textContent).to.contain('Maria Garcia');
    expect(duplicates.textContent).to.contain('same date of birth, similar name');
    const review = oneEvent(el, 'ck-duplicate-review');
    duplicates.querySelector<HTMLButtonElement>('button')!.click();
    const { detail } = await review;
    expect(detail.duplicateClientId).to.equal(existing.id);
    expect(detail.clientId).to.not.equal(existing.id);
    expect(detail.duplicate.access).to.equal('full');
    expect($(el, '[part~="restricted-duplicate"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  /**
   * Two existing clients look like the new María García: Maria Garcia, with no case yet (Marta Alvarez
   * may read her), and Mariana Garcia on Devon Baker's caseload (she may not). Core hands the second
   * back as a `restricted` hint with no personal field.
   */
  async function twoLookalikes(): Promise<{ readable: { id: string } }> {
    const { client: readable } = await setup.manager.clients.create({ name: { given: ['Maria'], family: 'Garcia' }, birthDate: '1984-03-12' });
    const devon = setup.as(PERSONAS.otherCaseManager);
    const { client: hidden } = await devon.clients.create({ name: { given: ['Mariana'], family: 'Garcia' }, birthDate: '1984-03-12' });
    await devon.cases.create({ clientId: hidden.id, program: 'housing' });
    return { readable };
  }

  it('shows a possible match on a caseload the actor cannot see as a note, with no name and no review action', async () => {
    const { readable } = await twoLookalikes();
    const el = await mount(setup.manager, { id: PHQ9.id });
    await fillClient(el);
    await fillPhq9(el, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const submitted = oneEvent(el, 'ck-intake-submitted');
    await el.submit();
    const { detail } = (await submitted) as CustomEvent<IntakeSubmittedDetail>;
    const restrictedHints = detail.possibleDuplicates.filter((d) => d.access === 'restricted');
    expect(restrictedHints).to.have.length(1);
    expect(Object.keys(restrictedHints[0]!)).to.have.members(['access', 'reasons']);
    await el.updateComplete;

    // The client she may read: listed with a review action, as before.
    const full = $(el, '[part~="duplicates"]:not([part~="restricted-duplicate"])')!;
    expect(full.textContent).to.contain('1 existing client looks like the same person');
    expect(full.textContent).to.contain('Maria Garcia');
    expect(full.querySelectorAll('button')).to.have.length(1);

    // The other: a note to ask a supervisor, the reason, and nothing that identifies anyone.
    const note = $(el, '[part~="restricted-duplicate"]')!;
    expect(note.getAttribute('role')).to.equal('note');
    expect(note.textContent).to.contain('A possible match is on a caseload you can’t see');
    expect(note.textContent).to.contain('Ask a supervisor');
    expect(note.textContent).to.contain('same date of birth, similar name');
    expect(note.querySelector('button, a')).to.equal(null);
    expect(root(el).textContent).to.not.contain('Mariana');
    await waitUntil(() => $(el, '.sr-only[role="status"]')!.textContent!.includes('A possible match is on a caseload you can’t see'), 'announced');

    const reviews: CustomEvent[] = [];
    el.addEventListener('ck-duplicate-review', (e) => reviews.push(e));
    full.querySelector<HTMLButtonElement>('button')!.click();
    expect(reviews).to.have.length(1);
    expect(reviews[0]!.detail.duplicateClientId).to.equal(readable.id);
    await expect(el).to.be.accessible();
  });

  it('says so in Spanish too', async () => {
    await twoLookalikes();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es">
      <ck-intake-form .manager=${setup.manager} questionnaire-id=${PHQ9.id} draft-key="restricted-es"></ck-intake-form>
    </div>`);
    const el = wrapper.querySelector<CkIntakeForm>('ck-intake-form')!;
    await el.loadComplete;
    await fillClient(el);
    await fillPhq9(el, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    await el.submit();
    await el.updateComplete;
    const note = $(el, '[part~="restricted-duplicate"]')!;
    expect(note.textContent).to.contain('Hay una posible coincidencia en casos que usted no puede ver');
    expect(note.textContent).to.contain('Pida a un supervisor');
    expect(note.textContent).to.contain('misma fecha de nacimiento, nombre parecido');
    expect($(el, '[part~="duplicates"]:not([part~="restricted-duplicate"])')!.textContent).to.contain('1 cliente existente parece ser la misma persona');
    await expect(el).to.be.accessible();
  });

  it('writes nothing when the host vetoes ck-intake-submit', async () => {
    const el = await mount(setup.manager, { id: PHQ9.id });
    await fillClient(el);
    await fillPhq9(el, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    el.addEventListener('ck-intake-submit', (e) => e.preventDefault());
    expect(await el.submit()).to.equal(undefined);
    await el.updateComplete;
    for (const collection of ['clients', 'cases', 'assessments'] as const) {
      expect((await setup.storage.find(collection, { index: 'id' })).items, collection).to.have.length(0);
    }
    expect($(el, '[part~="confirmation"]')).to.equal(null);
    await waitUntil(() => $(el, '.sr-only[role="status"]')!.textContent!.includes('submission was cancelled'));
  });

  it('shows core validation errors from submit at their fields', async () => {
    const el = await mount(setup.manager, { id: PHQ9.id });
    await fillClient(el);
    type(clientControl(el, 'client.phone'), '5'.repeat(50)); // core allows 40 characters
    await fillPhq9(el, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const errors: string[] = [];
    el.addEventListener('ck-error', (e) => errors.push(e.detail.code));
    expect(await el.submit()).to.equal(undefined);
    await el.updateComplete;
    const phone = clientControl(el, 'client.phone');
    expect(phone.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).getElementById(phone.getAttribute('aria-describedby')!)!.textContent).to.equal('Phone is too long.');
    expect(root(el).activeElement === $(el, '[part~="error-summary"]')).to.be.true;
    expect(errors).to.deep.equal(['validation']);
    expect(phone.value).to.equal('5'.repeat(50)); // nothing typed is lost
    await expect(el).to.be.accessible();

    // An answer refused by core (e.g. a host's own rule) lands beside its question.
    type(phone, '555-0100');
    const manager = setup.manager;
    const original = manager.assessments.intake;
    manager.assessments.intake = async () => {
      throw new ValidationError([{ path: ['answers', 'phq9-3'], code: 'required', message: 'needed' }]);
    };
    try {
      await el.submit();
    } finally {
      manager.assessments.intake = original;
    }
    await el.updateComplete;
    // PHQ-9 renders as a grid: the row's radios carry the invalid state.
    expect(question(el, 'phq9-3').querySelector('input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(question(el, 'phq9-3').querySelector('[part~="field-error"]')!.textContent).to.equal('This question needs an answer.');
  });

  it('submits an assessment to an existing case with case-id', async () => {
    const { client } = await setup.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' } });
    const existing = await setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health' });
    const el = await mount(setup.manager, { id: PHQ9.id, caseId: existing.id });
    expect($(el, '[part~="client-section"]')).to.equal(null);
    expect($(el, '[part~="submit-button"]')!.textContent!.trim()).to.equal('Save assessment');
    await fillPhq9(el, [3, 3, 3, 3, 3, 3, 3, 3, 0]);
    const saved = await el.submit();
    expect(saved?.mode).to.equal('assessment');
    const list = await setup.manager.assessments.forCase(existing.id);
    expect(list).to.have.length(1);
    expect(list[0]!.scores['phq9-total']!.band?.code).to.equal('severe');
  });

  it('autosaves a draft and restores it exactly in a new element', async () => {
    const el = await mount(setup.manager, { id: SOCIAL_NEEDS_INTAKE.id, draftKey: 'intake-restore' });
    type(clientControl(el, 'client.given'), 'Aisha');
    choose(el, 'lives-with-others', 'true');
    await el.updateComplete;
    const add = $<HTMLButtonElement>(el, '[data-key="household"] [part~="add-button"]')!;
    for (const name of ['Omar', 'Layla']) {
      add.click();
      await el.updateComplete;
      type(control(instances(el, 'household').at(-1)!, 'member-name'), name);
    }
    type(control(instances(el, 'household')[1]!, 'member-age'), '9');
    choose(el, 'housing-situation', 'homeless');
    await el.updateComplete;
    const answers = el.answers;
    const ids = instances(el, 'household').map((i) => i.dataset['instance']);

    await waitUntil(async () => {
      const draft = await setup.manager.drafts.get('intake-restore');
      return JSON.stringify((draft?.data as { answers?: unknown } | undefined)?.answers) === JSON.stringify(answers);
    }, 'autosaved');
    expect($(el, '[part~="draft-status"]')!.textContent).to.equal('Draft saved');
    el.remove();

    const again = await mount(setup.manager, { id: SOCIAL_NEEDS_INTAKE.id, draftKey: 'intake-restore' });
    expect(again.answers).to.deep.equal(answers);
    expect(instances(again, 'household').map((i) => i.dataset['instance'])).to.deep.equal(ids);
    expect(instances(again, 'household').map((i) => control(i, 'member-name').value)).to.deep.equal(['Omar', 'Layla']);
    expect(control(instances(again, 'household')[1]!, 'member-age').value).to.equal('9');
    expect(question(instances(again, 'household')[1]!, 'member-in-school')).to.exist;
    expect(clientControl(again, 'client.given').value).to.equal('Aisha');
    expect([...question(again, 'housing-situation').querySelectorAll<HTMLInputElement>('input')].find((i) => i.checked)!.value).to.equal('homeless');
    expect($(again, '[part~="draft-status"]')!.textContent).to.equal('Your saved draft was restored.');
  });

  it('says when the draft was saved in another tab and lets the user keep their version', async () => {
    const first = await mount(setup.manager, { definition: ALL_TYPES, draftKey: 'two-tabs' });
    type(control(first, 'nickname'), 'Sam');
    await first.flushDraft();
    const second = await mount(setup.manager, { definition: ALL_TYPES, draftKey: 'two-tabs' });
    expect(control(second, 'nickname').value).to.equal('Sam');
    type(control(second, 'nickname'), 'Samuel');
    await second.flushDraft();
    type(control(first, 'nickname'), 'Sammy');
    await first.flushDraft();
    await first.updateComplete;
    const notice = $(first, '[role="alert"].notice')!;
    expect(notice.textContent).to.contain('This draft was changed somewhere else');
    expect(control(first, 'nickname').value).to.equal('Sammy'); // nothing typed is lost
    await expect(first).to.be.accessible();
    [...notice.querySelectorAll('button')].find((b) => b.textContent === 'Keep my version')!.click();
    await waitUntil(async () => ((await setup.manager.drafts.get('two-tabs'))?.data as { answers: { nickname?: string } }).answers.nickname === 'Sammy');
    await first.updateComplete;
    expect($(first, '[role="alert"].notice')).to.equal(null);
  });

  it('switches to Spanish when an ancestor lang changes at run time', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <ck-intake-form .manager=${setup.manager} questionnaire-id=${PHQ9.id} draft-key="lang"></ck-intake-form>
    </div>`);
    const el = wrapper.querySelector('ck-intake-form')!;
    await el.loadComplete;
    expect($(el, '[part~="title"]')!.textContent).to.equal('PHQ-9 — Patient Health Questionnaire');
    wrapper.setAttribute('lang', 'es');
    await waitUntil(() => $(el, '[part~="submit-button"]')!.textContent!.trim() === 'Guardar admisión', 'Spanish strings');
    expect($(el, '[part~="title"]')!.textContent).to.equal('PHQ-9 — Cuestionario sobre la salud del paciente');
    expect(question(el, 'phq9-1').querySelector('[part~="label"]')!.textContent).to.contain('Poco interés o placer en hacer cosas');
    expect(question(el, 'phq9-1').querySelector('label')!.textContent!.trim()).to.equal('Ningún día');
    await fillPhq9(el, [1, 1, 1, 1, 1, 1, 1, 1, 2]);
    expect($(el, '[data-score="phq9-total"]')!.textContent).to.equal('10 — Moderada');
    expect($(el, '[part~="flags"] [role="alert"]')!.textContent).to.contain('Actúe ahora: Reportó pensamientos');
    await el.submit(); // no client: problems in Spanish
    await el.updateComplete;
    expect($(el, '[part~="error-summary"] h3')!.textContent).to.equal('Hay 3 problemas que corregir');
    expect($(el, '[part~="error-summary"] a')!.textContent).to.equal('Nombre: Esta pregunta necesita una respuesta.');
    await expect(el).to.be.accessible();
  });

  it("says each date field's format and, once filled, the date in words in the element's language; read-only dates are text", async () => {
    const withSeen: QuestionnaireDefinition = {
      ...ALL_TYPES,
      items: [...ALL_TYPES.items, { linkId: 'seen', type: 'date', readOnly: true, initial: '2026-03-09', text: { en: 'First seen', es: 'Primera visita' } }],
    };
    const el = await fixture<CkIntakeForm>(html`<ck-intake-form lang="es" .manager=${setup.manager} .definition=${withSeen} draft-key="dates"></ck-intake-form>`);
    await el.loadComplete;
    // The field shows the browser's order (not `lang`): the hint says that order, in Spanish letters.
    const pattern = dateFieldPattern((el as unknown as { localize: LocalizeController }).localize);
    expect(pattern).to.match(/^(dd|mm|aaaa)\W(dd|mm|aaaa)\W(dd|mm|aaaa)$/);
    const visit = control(el, 'visit');
    const hint = () => root(el).getElementById(visit.getAttribute('aria-describedby')!.split(' ').at(-1)!)!;
    expect(hint().textContent).to.equal(`Formato: ${pattern}`);
    type(visit, '2026-03-09');
    await el.updateComplete;
    expect(hint().textContent).to.equal(`lunes, 9 de marzo de 2026 (formato ${pattern})`);
    const birth = clientControl(el, 'client.birthDate');
    expect(root(el).getElementById(birth.getAttribute('aria-describedby')!)!.textContent).to.equal(`Formato: ${pattern}`);
    expect($(el, '#q-seen')!.textContent).to.equal('9 mar 2026');
    await expect(el).to.be.accessible();
  });

  it('is a form-associated control: value, validity and reset in a host form', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <ck-intake-form name="check-in" no-submit .definition=${ALL_TYPES}></ck-intake-form>
    </form>`);
    const el = form.querySelector('ck-intake-form')!;
    await el.loadComplete;
    expect($(el, '[part~="submit-button"]')).to.equal(null);
    expect($(el, '[part~="client-section"]')).to.equal(null);
    expect(el.form).to.equal(form);
    expect(form.checkValidity()).to.equal(false);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('What should we call you?: This question needs an answer.');

    type(control(el, 'nickname'), 'Sam');
    choose(el, 'mood', 'good');
    choose(el, 'has-pet', 'true');
    await el.updateComplete;
    type(control(el, 'pet-name'), 'Biscuit');
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(JSON.parse(new FormData(form).get('check-in') as string)).to.deep.equal({ nickname: 'Sam', mood: 'good', 'has-pet': true, 'pet-name': 'Biscuit' });

    type(control(el, 'zip'), 'abc');
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    expect(el.validity.customError).to.equal(true);

    form.reset();
    await el.updateComplete;
    expect(el.answers).to.deep.equal({});
    expect(control(el, 'nickname').value).to.equal('');
    expect(JSON.parse(new FormData(form).get('check-in') as string)).to.deep.equal({});
  });

  describe('follows the policy, not role names', () => {
    /** Every control of the form is disabled, and there is no submit button. */
    function expectReadOnly(el: CkIntakeForm, note: string): void {
      const noteEl = $(el, '[part~="read-only"]')!;
      expect(noteEl.getAttribute('role')).to.equal('note');
      expect(noteEl.textContent).to.equal(note);
      expect($(el, 'form')!.getAttribute('aria-describedby')).to.equal('read-only');
      expect($(el, '[part~="submit-button"]')).to.equal(null);
      const controls = $$<HTMLInputElement>(el, 'form input, form select, form textarea, form button');
      expect(controls.length).to.be.greaterThan(10);
      expect(controls.filter((c) => !c.disabled).map((c) => c.id || c.name || c.tagName)).to.deep.equal([]);
    }

    for (const [who, actor, policy] of [
      ['an auditor (custom policy)', auditor, auditorPolicy],
      ['a viewer (default policy)', PERSONAS.viewer, undefined],
    ] as const) {
      it(`shows ${who} an intake read-only with a note, writes nothing, and is accessible`, async () => {
        const s = createTestSetup(policy ? { policy } : {});
        const el = await mount(s.as(actor), { id: SOCIAL_NEEDS_INTAKE.id });
        expectReadOnly(el, 'You can view this form, but you don’t have permission to register new clients.');
        let vetoable = 0;
        el.addEventListener('ck-intake-submit', () => vetoable++);
        expect(await el.submit()).to.equal(undefined);
        expect(vetoable).to.equal(0);
        expect($(el, '[part~="error-summary"]')).to.equal(null);
        await expect(el).to.be.accessible();
        // The case manager, under the same policy, may fill it in.
        const own = await mount(s.manager, { id: SOCIAL_NEEDS_INTAKE.id, draftKey: 'own' });
        expect($(own, '[part~="read-only"]')).to.equal(null);
        expect($(own, '[part~="submit-button"]')).to.exist;
        expect(clientControl(own, 'client.given').disabled).to.equal(false);
      });

      it(`shows ${who} an assessment of a case read-only`, async () => {
        const s = createTestSetup(policy ? { policy } : {});
        const { client } = await s.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' } });
        const existing = await s.manager.cases.create({ clientId: client.id, program: 'behavioral-health' });
        const el = await mount(s.as(actor), { id: PHQ9.id, caseId: existing.id });
        expectReadOnly(el, 'You can view this form, but you don’t have permission to add an assessment to this case.');
        await expect(el).to.be.accessible();
        const own = await mount(s.manager, { id: PHQ9.id, caseId: existing.id, draftKey: 'own' });
        expect($(own, '[part~="read-only"]')).to.equal(null);
        expect($(own, '[part~="submit-button"]')!.textContent!.trim()).to.equal('Save assessment');
      });
    }

    it('treats a case the actor may not read as read-only (another case manager’s case)', async () => {
      const { client } = await setup.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' } });
      const existing = await setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health' });
      const el = await mount(setup.as(PERSONAS.otherCaseManager), { id: PHQ9.id, caseId: existing.id });
      expectReadOnly(el, 'You can view this form, but you don’t have permission to add an assessment to this case.');
      // Once the case is shared with them, they may.
      await setup.manager.cases.update(existing, { careTeam: [{ actorId: PERSONAS.otherCaseManager.id, name: PERSONAS.otherCaseManager.name, role: 'case-manager' }] });
      await waitUntil(() => $(el, '[part~="submit-button"]'), 'form enabled once on the care team');
      expect($(el, '[part~="read-only"]')).to.equal(null);
    });

    it('says read-only in Spanish', async () => {
      const s = createTestSetup({ policy: auditorPolicy });
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="es">
        <ck-intake-form .manager=${s.as(auditor)} questionnaire-id=${SOCIAL_NEEDS_INTAKE.id} draft-key="es"></ck-intake-form>
      </div>`);
      const el = wrapper.querySelector('ck-intake-form')!;
      await el.loadComplete;
      expect($(el, '[part~="read-only"]')!.textContent).to.equal('Puede ver este formulario, pero no tiene permiso para registrar clientes nuevos.');
    });
  });

  it('renders definition and answer text as text, never as HTML', async () => {
    const evil = '<img src=x onerror="window.__ckXss=1">';
    const definition: QuestionnaireDefinition = {
      id: 'test-xss',
      version: '1.0.0',
      title: `Title ${evil}`,
      items: [
        { linkId: 'note', type: 'display', text: `Display ${evil}` },
        { linkId: 'q', type: 'string', text: `Question ${evil}`, helpText: `Help ${evil}` },
        { linkId: 'c', type: 'choice', text: 'Choice', options: [{ code: 'a', display: `Option ${evil}` }] },
      ],
    };
    const xssSetup = createTestSetup({ questionnaires: [definition] });
    const el = await mount(xssSetup.manager, { definition });
    type(control(el, 'q'), evil);
    type(clientControl(el, 'client.given'), evil);
    type(clientControl(el, 'client.family'), 'Test');
    select(clientControl<HTMLSelectElement>(el, 'case.program'), 'social-work');
    choose(el, 'c', 'a');
    await el.updateComplete;
    expect($$(el, 'img')).to.have.length(0);
    expect($(el, '[part~="title"]')!.textContent).to.equal(`Title ${evil}`);
    expect(question(el, 'q').querySelector('label')!.textContent).to.equal(`Question ${evil}`);
    expect(question(el, 'c').textContent).to.contain(`Option ${evil}`);
    await el.submit();
    await el.updateComplete;
    expect($(el, '[part~="confirmation"]')!.textContent).to.contain(`Intake saved for ${evil} Test.`);
    expect($$(el, 'img')).to.have.length(0);
    await aTimeout(10);
    expect((window as unknown as { __ckXss?: number }).__ckXss).to.equal(undefined);
  });
});
