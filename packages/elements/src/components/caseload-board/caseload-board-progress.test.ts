import { expect, fixture, html } from '@open-wc/testing';
import type { CaseManager, CaseRecord } from '@casekit/core';
import { createTestSetup, fixtureCases, PERSONAS } from '@casekit/core/testing';
import '../../define.js';
import type { CkCaseloadBoard } from './caseload-board.component.js';

// While a host seeds or imports a caseload (`importCaseload`'s onProgress), an empty board says how
// far it has got instead of "No cases".

async function emptyManager(): Promise<CaseManager> {
  return createTestSetup().manager;
}

async function mount(manager: CaseManager, progress?: { done: number; total: number }, options: { view?: string; lang?: string } = {}): Promise<CkCaseloadBoard> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${options.lang ?? 'en'}>
      <ck-caseload-board .manager=${manager} .progress=${progress} view=${options.view ?? 'board'} today="2026-11-24"></ck-caseload-board>
    </div>`,
  );
  const el = wrapper.querySelector('ck-caseload-board')!;
  await el.loadComplete;
  return el;
}

const $$ = (el: CkCaseloadBoard, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const emptyTexts = (el: CkCaseloadBoard) => $$(el, '.empty').map((p) => p.textContent!.trim());
const progressbars = (el: CkCaseloadBoard) => $$(el, '[role="progressbar"]');

describe('ck-caseload-board: import progress in the empty state', () => {
  it('shows "Loading cases… 1,200 of 10,000" in every empty column while progress is set, with one progressbar', async () => {
    const el = await mount(await emptyManager(), { done: 1200, total: 10000 });
    const texts = emptyTexts(el);
    expect(texts).to.have.length(6);
    expect(texts.every((t) => t === 'Loading cases… 1,200 of 10,000'), texts.join(' | ')).to.equal(true);
    const bars = progressbars(el);
    expect(bars).to.have.length(1);
    expect(bars[0]!.getAttribute('aria-valuenow')).to.equal('1200');
    expect(bars[0]!.getAttribute('aria-valuemax')).to.equal('10000');
    expect(bars[0]!.getAttribute('aria-valuetext')).to.equal('1,200 of 10,000');
    expect(bars[0]!.getAttribute('aria-label')).to.equal('Loading cases…');
    // The one progressbar stands in the summary line, instead of "0 cases".
    expect(bars[0]!.closest('[part~="summary"]')?.textContent?.trim()).to.equal('Loading cases… 1,200 of 10,000');
    // A progressbar is read when reached, not spoken on every tick: it is in no live region.
    expect(bars[0]!.closest('[aria-live]') === null).to.equal(true);
    await expect(el).to.be.accessible();

    el.progress = { done: 4800, total: 10000 };
    await el.updateComplete;
    expect(emptyTexts(el)[0]).to.equal('Loading cases… 4,800 of 10,000');
    expect(progressbars(el)[0]!.getAttribute('aria-valuenow')).to.equal('4800');
  });

  it('shows "No cases" as before when progress is unset', async () => {
    const el = await mount(await emptyManager());
    expect(emptyTexts(el).every((t) => t === 'No cases')).to.equal(true);
    expect(progressbars(el)).to.have.length(0);

    el.progress = { done: 10, total: 20 };
    await el.updateComplete;
    expect(emptyTexts(el)[0]).to.equal('Loading cases… 10 of 20');
    el.progress = undefined;
    await el.updateComplete;
    expect(emptyTexts(el).every((t) => t === 'No cases')).to.equal(true);
    expect(progressbars(el)).to.have.length(0);
  });

  it('formats the numbers for the language (Spanish)', async () => {
    const el = await mount(await emptyManager(), { done: 12000, total: 100000 }, { lang: 'es' });
    expect(emptyTexts(el)[0]).to.equal('Cargando casos… 12.000 de 100.000');
    expect(progressbars(el)[0]!.getAttribute('aria-label')).to.equal('Cargando casos…');
    await expect(el).to.be.accessible();
  });

  it('shows the progress in the empty list view too', async () => {
    const el = await mount(await emptyManager(), { done: 500, total: 2000 }, { view: 'list' });
    expect(emptyTexts(el)).to.deep.equal(['Loading cases… 500 of 2,000']);
    expect(progressbars(el)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('shows a board that has cases as it is (progress only stands in for an empty board)', async () => {
    const setup = createTestSetup();
    const statusHistory = [{ from: null, to: 'active', at: '2026-01-05T00:00:00.000Z', by: { id: 'seed', name: 'Seed', role: 'admin' } }];
    const cases = fixtureCases(3, 2).map((c) => ({ ...c, status: 'active', statusHistory, assigneeId: PERSONAS.caseManager.id, assigneeName: PERSONAS.caseManager.name })) as CaseRecord[];
    await setup.storage.load([{ collection: 'cases', records: cases }]);
    const el = await mount(setup.manager, { done: 3, total: 10 });
    expect($$(el, '[part~="card"]').length).to.be.greaterThan(0);
    expect(progressbars(el)).to.have.length(0);
    expect(emptyTexts(el).every((t) => t === 'No cases')).to.equal(true);
  });
});
