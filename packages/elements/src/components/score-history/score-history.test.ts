import { expect, fixture, html } from '@open-wc/testing';
import type { CaseManager } from '@casekit/core';
import { createTestSetup, PERSONAS } from '@casekit/core/testing';
import '../../define.js';
import type { CkScoreHistory } from './score-history.component.js';

const phq9 = (answers: number[]) => Object.fromEntries(answers.map((a, i) => [`phq9-${i + 1}`, String(a)]));

/** Grace Okafor's behavioral-health case with PHQ-9s at intake (20), 4 weeks (11) and 8 weeks (4). */
async function world(scores: number[][] = [[3, 3, 3, 3, 2, 2, 2, 2, 0], [2, 2, 1, 2, 1, 1, 1, 1, 0], [1, 1, 0, 1, 0, 1, 0, 0, 0]]) {
  const setup = createTestSetup();
  const { client } = await setup.manager.clients.create({ name: { given: ['Grace'], family: 'Okafor' } });
  const caseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health', status: 'active' });
  const dates = ['2026-09-01T10:00:00.000Z', '2026-09-29T10:00:00.000Z', '2026-10-27T10:00:00.000Z'];
  for (const [i, answers] of scores.entries()) {
    setup.clock.set(dates[i]!);
    await setup.manager.assessments.submit({ caseId: caseRecord.id, questionnaireId: 'phq-9', answers: phq9(answers) });
  }
  return { setup, caseRecord };
}
type World = Awaited<ReturnType<typeof world>>;

async function mount(w: World, manager: CaseManager = w.setup.manager, lang = 'en'): Promise<CkScoreHistory> {
  const el = await fixture<CkScoreHistory>(html`<ck-score-history lang=${lang} .manager=${manager} case-id=${w.caseRecord.id}></ck-score-history>`);
  await el.loadComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];

describe('ck-score-history', () => {
  it('charts the PHQ-9 total over time with its severity, the change since intake, and a table with every value', async () => {
    const el = await mount(await world());
    const series = $$(el, '[part~="series"]');
    expect(series.length).to.equal(1);
    expect($(el, '[part~="series-title"]')!.textContent).to.equal('PHQ-9 total score');
    expect($(el, '[part~="latest"]')!.textContent).to.contain('Latest: 4 (None–minimal), 16 lower than on Sep 1, 2026');
    expect($$(el, '.point').map((p) => p.getAttribute('data-value'))).to.deep.equal(['20', '11', '4']);
    const desc = $(el, 'svg desc')!.textContent!;
    expect(desc).to.contain('20 on Sep 1, 2026 (Severe)');
    expect(desc).to.contain('4 on Oct 27, 2026 (None–minimal)');
    expect($(el, 'svg')!.getAttribute('role')).to.equal('img');
    const rows = $$(el, 'table tbody tr').map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).to.deep.equal([
      ['Sep 1, 2026', '20', 'Severe'],
      ['Sep 29, 2026', '11', 'Moderate'],
      ['Oct 27, 2026', '4', 'None–minimal'],
    ]);
    expect($$(el, '.band').length).to.equal(5, 'one shaded zone per PHQ-9 severity band');
    await expect(el).to.be.accessible();
  });

  it('shows the table on screen with the toggle, and focus() goes to the heading', async () => {
    const el = await mount(await world());
    const table = $(el, 'table')!;
    expect(table.classList.contains('sr-only')).to.equal(true, 'the table is for screen readers until asked for');
    $<HTMLButtonElement>(el, '[part~="table-toggle"]')!.click();
    await el.updateComplete;
    expect(table.classList.contains('sr-only')).to.equal(false);
    expect($(el, '[part~="table-toggle"]')!.getAttribute('aria-pressed')).to.equal('true');
    el.focus();
    expect(el.shadowRoot!.activeElement === $(el, '#score-history-heading')).to.equal(true);
  });

  it('follows new assessments, leaving out one entered in error', async () => {
    const w = await world([[3, 3, 3, 3, 2, 2, 2, 2, 0]]);
    const el = await mount(w);
    expect($(el, '[part~="latest"]')!.textContent).to.contain('Latest: 20 (Severe)');
    expect($(el, '[part~="latest"]')!.textContent).not.to.contain('lower');
    w.setup.clock.set('2026-09-15T10:00:00.000Z');
    const wrong = await w.setup.manager.assessments.submit({ caseId: w.caseRecord.id, questionnaireId: 'phq-9', answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]) });
    await el.loadComplete;
    expect($$(el, '.point').length).to.equal(2);
    await w.setup.manager.assessments.markEnteredInError(wrong, 'Wrong client');
    await el.loadComplete;
    expect($$(el, '.point').map((p) => p.getAttribute('data-value'))).to.deep.equal(['20']);
  });

  it('says so when nothing is scored, and shows a refusal for an actor who may not read the case', async () => {
    const w = await world([]);
    const el = await mount(w);
    expect($(el, '.empty')!.textContent).to.equal('No scored assessments yet.');
    const other = await mount(w, w.setup.as(PERSONAS.otherCaseManager));
    expect($(other, '[part~="alert"]')).to.not.equal(null);
    expect($$(other, '[part~="series"]').length).to.equal(0);
  });

  it('speaks Spanish: band labels and dates from the definition and the locale', async () => {
    const el = await mount(await world(), undefined, 'es');
    expect($(el, '[part~="heading"]')!.textContent).to.equal('Resultados en el tiempo');
    expect($(el, '[part~="series-title"]')!.textContent).to.equal('Puntaje total del PHQ-9');
    const rows = $$(el, 'table tbody tr').map((r) => r.children[2]!.textContent);
    expect(rows).to.deep.equal(['Grave', 'Moderada', 'Ninguna o mínima']);
    expect($(el, '[part~="latest"]')!.textContent).to.contain('16 menos que el 1 sept 2026');
    await expect(el).to.be.accessible();
  });
});
