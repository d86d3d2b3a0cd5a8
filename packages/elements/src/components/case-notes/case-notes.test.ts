import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CaseManager } from '@casekit/core';
import { createTestSetup, PERSONAS } from '@casekit/core/testing';
import '../../define.js';
import type { CkCaseNotes } from './case-notes.component.js';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { dateFieldPattern } from '../../internal/date-hint.js';

/** Rosa Hernández's active behavioral-health case on Marta Alvarez's caseload. */
async function world() {
  const setup = createTestSetup();
  const { client } = await setup.manager.clients.create({ name: { given: ['Rosa'], family: 'Hernández' }, birthDate: '1984-03-12', language: 'es' });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health', status: 'active' });
  return { setup, caseRecord };
}
type World = Awaited<ReturnType<typeof world>>;

async function mount(w: World, manager: CaseManager = w.setup.manager, lang = 'en'): Promise<CkCaseNotes> {
  const el = await fixture<CkCaseNotes>(html`<ck-case-notes lang=${lang} .manager=${manager} case-id=${w.caseRecord.id}></ck-case-notes>`);
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const note = (el: CkCaseNotes, id: string) => $(el, `[data-note="${id}"]`)!;

async function type(el: CkCaseNotes, name: string, value: string): Promise<void> {
  const field = $<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(el, `[part~="form"] [name="${name}"]`)!;
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
  await el.updateComplete;
}

function press(el: CkCaseNotes, selector: string): void {
  $<HTMLButtonElement>(el, `[part~="form"] ${selector}`)!.click();
}

describe('ck-case-notes', () => {
  it('lists the notes newest first with type, outcome, participants, interpreter and status, and is accessible', async () => {
    const w = await world();
    const m = w.setup.manager;
    const call = await m.notes.create({ caseId: w.caseRecord.id, type: 'phone', outcome: 'attempted', occurredAt: '2026-11-20T09:00:00Z', text: 'No answer.', sign: true });
    const visit = await m.notes.create({
      caseId: w.caseRecord.id,
      type: 'home-visit',
      outcome: 'completed',
      occurredAt: '2026-11-24T10:00:00Z',
      durationMinutes: 45,
      participants: [{ name: 'Ana Hernández', role: 'daughter' }],
      interpreter: { used: true, language: 'es' },
      text: 'Rosa reports sleeping 5 hours.',
    });
    const el = await mount(w);
    expect($$(el, '[part~="note"]').map((n) => n.dataset.note)).to.deep.equal([visit.id, call.id]);
    expect($(el, '[part~="summary"]')!.textContent).to.equal('2 notes');
    const v = note(el, visit.id);
    expect(v.querySelector('[part~="note-type"]')!.textContent).to.equal('Home visit');
    expect(v.querySelector('[part~="outcome"]')!.textContent).to.equal('Completed');
    expect(v.querySelector('[part~="status"]')!.textContent).to.equal('Draft');
    expect(v.querySelector('[part~="duration"]')!.textContent).to.equal('45 min');
    expect(v.querySelector('[part~="participants"]')!.textContent).to.contain('Ana Hernández (daughter)');
    expect(v.querySelector('[part~="interpreter"]')!.textContent).to.equal('Interpreter: Spanish');
    expect(v.querySelector('[part~="meta"]')!.textContent).to.contain('by Marta Alvarez');
    expect(note(el, call.id).querySelector('[part~="outcome"]')!.textContent).to.equal('Attempted, no answer');
    expect(note(el, call.id).querySelector('[part~="status"]')!.textContent).to.equal('Signed');
    expect(v.querySelector('[data-action="edit"]')).to.exist;
    expect(note(el, call.id).querySelector('[data-action="amend"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('focus() goes to the note form (its first invalid field after a refused save), or the first note for a viewer', async () => {
    const w = await world();
    const el = await mount(w);
    el.focus();
    expect(document.activeElement === el, 'the host has focus').to.be.true;
    expect(el.shadowRoot!.activeElement === $(el, '[part~="form"] [name="type"]'), 'the first field').to.be.true;
    press(el, '[data-sign="true"]');
    await waitUntil(() => $(el, '[name="text"]')!.getAttribute('aria-invalid') === 'true', 'the empty note is refused');
    (el.shadowRoot!.activeElement as HTMLElement | null)?.blur();
    el.focus();
    expect(el.shadowRoot!.activeElement === $(el, '[name="text"]'), 'the invalid note text').to.be.true;

    await w.setup.manager.notes.create({ caseId: w.caseRecord.id, type: 'phone', text: 'Called.', sign: true });
    const viewer = await mount(w, w.setup.as(PERSONAS.viewer));
    viewer.focus();
    expect(viewer.shadowRoot!.activeElement === $(viewer, '#notes-heading'), 'the heading: a viewer has nothing to act on').to.be.true;
    await expect(viewer).to.be.accessible();
  });

  it("says the next-contact date's format and the date typed, in words, in the element's language", async () => {
    const w = await world();
    const el = await mount(w, w.setup.manager, 'es');
    const pattern = dateFieldPattern((el as unknown as { localize: LocalizeController }).localize);
    const due = $<HTMLInputElement>(el, '[name="nextContactDue"]')!;
    expect(due.getAttribute('aria-describedby')!.split(' ')).to.include('note-next-contact-hint');
    const hint = () => el.shadowRoot!.getElementById('note-next-contact-hint')!;
    expect(hint().textContent).to.equal(`Formato: ${pattern}`);
    await type(el, 'nextContactDue', '2026-12-01');
    expect(hint().textContent).to.equal(`martes, 1 de diciembre de 2026 (formato ${pattern})`);
    await expect(el).to.be.accessible();
  });

  it('shows skeletons and is aria-busy while the notes load, for a new case too', async () => {
    const w = await world();
    const m = w.setup.manager;
    const first = await m.notes.create({ caseId: w.caseRecord.id, type: 'phone', text: 'Called.', sign: true });
    const other = await m.cases.create({ clientId: w.caseRecord.clientId, program: 'healthcare', status: 'active' });
    let release!: () => void;
    let gate = new Promise<void>((resolve) => (release = resolve));
    // The same manager, whose note reads wait for the test.
    const slow = Object.assign(Object.create(m) as CaseManager, {
      notes: Object.assign(Object.create(m.notes) as CaseManager['notes'], { forCase: (...args: Parameters<CaseManager['notes']['forCase']>) => gate.then(() => m.notes.forCase(...args)) }),
    });
    const el = await fixture<CkCaseNotes>(html`<ck-case-notes .manager=${slow} case-id=${w.caseRecord.id}></ck-case-notes>`);
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($$(el, '[part~="skeleton"]')).to.have.length(3);
    expect($(el, '[part~="skeletons"]')!.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
    release();
    await el.loadComplete;
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('false');
    expect($(el, '[part~="skeleton"]')).to.equal(null);
    expect(note(el, first.id)).to.exist;
    gate = new Promise<void>((resolve) => (release = resolve));
    el.caseId = other.id;
    await el.updateComplete;
    expect($$(el, '[part~="note"]')).to.have.length(0, "the previous case's notes are gone at once");
    expect($(el, '[part~="root"]')!.getAttribute('aria-busy')).to.equal('true');
    release();
    await el.loadComplete;
    expect($(el, '[part~="skeleton"]')).to.equal(null);
  });

  it('writes and signs a note: the case moves its last contact, and ck-note-signed fires', async () => {
    const w = await world();
    const el = await mount(w);
    await type(el, 'type', 'home-visit');
    await type(el, 'outcome', 'completed');
    await type(el, 'durationMinutes', '30');
    press(el, '[data-action="add-participant"]');
    await el.updateComplete;
    await type(el, 'participant-0-name', 'Ana Hernández');
    await type(el, 'participant-0-role', 'daughter');
    $<HTMLInputElement>(el, '[name="interpreterUsed"]')!.click();
    await el.updateComplete;
    await type(el, 'interpreterLanguage', 'es');
    await type(el, 'text', 'Visited Rosa at home; kitchen stocked.');
    await type(el, 'nextContactDue', '2026-12-01');
    const signed = oneEvent(el, 'ck-note-signed');
    press(el, '[data-sign="true"]');
    const { detail } = await signed;
    await el.loadComplete;
    expect([detail.record.type, detail.record.status, detail.record.outcome, detail.record.durationMinutes]).to.deep.equal(['home-visit', 'signed', 'completed', 30]);
    expect(detail.record.participants).to.deep.equal([{ name: 'Ana Hernández', role: 'daughter' }]);
    expect(detail.record.interpreter).to.deep.equal({ used: true, language: 'es' });
    const caseNow = await w.setup.manager.cases.get(w.caseRecord.id);
    expect([caseNow.lastContactAt, caseNow.nextContactDue]).to.deep.equal([detail.record.occurredAt, '2026-12-01']);
    expect(note(el, detail.noteId).querySelector('[part~="status"]')!.textContent).to.equal('Signed');
    expect($<HTMLTextAreaElement>(el, '[name="text"]')!.value).to.equal('', 'the form is cleared');
  });

  it('amends a signed note with a reason, linking the two', async () => {
    const w = await world();
    const original = await w.setup.manager.notes.create({ caseId: w.caseRecord.id, type: 'phone', outcome: 'attempted', occurredAt: '2026-11-20T09:00:00Z', text: 'No answer.', sign: true });
    const el = await mount(w);
    note(el, original.id).querySelector<HTMLButtonElement>('[data-action="amend"]')!.click();
    await el.updateComplete;
    expect($(el, '[part~="form-heading"]')!.textContent).to.equal('Amend note');
    await type(el, 'text', 'Rosa called back; we spoke for ten minutes.');
    const refused = oneEvent(el, 'ck-error');
    press(el, '[data-sign="true"]');
    await refused;
    await el.updateComplete;
    expect($(el, '[name="reason"]')!.getAttribute('aria-invalid')).to.equal('true', 'a reason is required');
    expect(await w.setup.manager.notes.get(original.id).then((n) => n.amendedBy)).to.deep.equal([]);
    await type(el, 'outcome', 'completed');
    await type(el, 'reason', 'Wrong outcome');
    const amended = oneEvent(el, 'ck-note-amended');
    press(el, '[data-sign="true"]');
    const { detail } = await amended;
    await el.loadComplete;
    expect([detail.amends, detail.record.amendmentReason, detail.record.outcome]).to.deep.equal([original.id, 'Wrong outcome', 'completed']);
    expect(note(el, original.id).querySelector('[part~="status"]')!.textContent).to.equal('Amended');
    expect(note(el, original.id).querySelector(`[part~="amended-by"] [data-amendment="${detail.noteId}"]`)).to.exist;
    expect(note(el, detail.noteId).querySelector('[part~="amends"]')!.textContent).to.contain('Reason: Wrong outcome');
    await expect(el).to.be.accessible();
  });

  it('edits a draft and shows a conflict when the draft changed elsewhere', async () => {
    const w = await world();
    const draft = await w.setup.manager.notes.create({ caseId: w.caseRecord.id, type: 'visit', occurredAt: '2026-11-24T10:00:00Z', text: 'First draft.' });
    const el = await mount(w);
    note(el, draft.id).querySelector<HTMLButtonElement>('[data-action="edit"]')!.click();
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '[name="text"]')!.value).to.equal('First draft.');
    await w.setup.manager.notes.update(draft, { text: 'Changed in another tab.' });
    await type(el, 'text', 'My edit.');
    press(el, '[data-sign="false"]');
    await oneEvent(el, 'ck-error');
    await el.updateComplete;
    const alert = $(el, '[part~="alert"]')!;
    expect(alert.querySelector('button')!.textContent).to.equal('Reload');
    alert.querySelector<HTMLButtonElement>('button')!.click();
    await el.loadComplete;
    expect($<HTMLTextAreaElement>(el, '[name="text"]')!.value).to.equal('My edit.', 'what was typed is kept');
    const saved = oneEvent(el, 'ck-note-saved');
    press(el, '[data-sign="false"]');
    expect((await saved).detail.record.text).to.equal('My edit.');
  });

  it('keeps what was typed across a remount (manager.drafts)', async () => {
    const w = await world();
    const first = await mount(w);
    await type(first, 'type', 'collateral');
    await type(first, 'text', 'Spoke with the landlord about the lease.');
    await first.flushDraft();
    first.remove();
    const second = await mount(w);
    expect($<HTMLSelectElement>(second, '[name="type"]')!.value).to.equal('collateral');
    expect($<HTMLTextAreaElement>(second, '[name="text"]')!.value).to.equal('Spoke with the landlord about the lease.');
    expect($(second, '[role="status"]')!.textContent).to.contain('restored');
  });

  it('shows a viewer the log without the form or actions', async () => {
    const w = await world();
    const signed = await w.setup.manager.notes.create({ caseId: w.caseRecord.id, type: 'phone', text: 'Called.', sign: true });
    const el = await mount(w, w.setup.as(PERSONAS.viewer));
    expect($(el, '[part~="note"]')!.dataset.note).to.equal(signed.id);
    expect($(el, '[part~="form"]')).to.equal(null);
    expect($(el, '[part~="action-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish', async () => {
    const w = await world();
    await w.setup.manager.notes.create({ caseId: w.caseRecord.id, type: 'home-visit', outcome: 'no-show', text: 'Nadie en casa.', sign: true });
    const el = await mount(w, w.setup.manager, 'es');
    expect($(el, '[part~="heading"]')!.textContent).to.equal('Registro de contactos');
    expect($(el, '[part~="note-type"]')!.textContent).to.equal('Visita a domicilio');
    expect($(el, '[part~="outcome"]')!.textContent).to.equal('No se presentó');
    expect($(el, '[part~="form-heading"]')!.textContent).to.equal('Nueva nota');
    await expect(el).to.be.accessible();
  });
});
