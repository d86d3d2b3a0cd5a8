import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import type { CaseRecord } from '@casekit/core';
import { createTestSetup, fixtureCases, PERSONAS, type TestSetup } from '@casekit/core/testing';
import '../../define.js';
import type { CkCaseloadBoard } from './caseload-board.component.js';

// Below 600 px of the element's own width the nine filter controls fold behind one "Filters (n)"
// toggle, so the board comes first; at 600 px and wider the toolbar is as it always was.

/** Cases of two case managers, so the supervisor's toolbar has all nine controls (the assignee filter too). */
function twoCaseloads(): CaseRecord[] {
  return fixtureCases(8, 4).map((c, i) => {
    const who = i % 2 ? PERSONAS.otherCaseManager : PERSONAS.caseManager;
    const statusHistory = [{ from: null, to: 'active', at: c.createdAt, by: { id: 'seed', name: 'Seed', role: 'admin' } }];
    return { ...c, status: 'active', statusHistory, assigneeId: who.id, assigneeName: who.name } as CaseRecord;
  });
}

async function mountAt(setup: TestSetup, width: number): Promise<CkCaseloadBoard> {
  const el = await fixture<CkCaseloadBoard>(
    html`<ck-caseload-board style="width: ${width}px" .manager=${setup.as(PERSONAS.supervisor)} today="2026-11-24"></ck-caseload-board>`,
  );
  await el.loadComplete;
  return el;
}

const $ = (el: CkCaseloadBoard, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: CkCaseloadBoard, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const shown = (node: Element | null) => !!node && node.getClientRects().length > 0;
/** Search, case manager, program, priority, risk, need, overdue, sort and columns. */
const filterControls = (el: CkCaseloadBoard) => $$(el, '[part~="toolbar"] :is(input, select)');
const toggle = (el: CkCaseloadBoard) => $(el, '[part~="filters-toggle"]');

describe('ck-caseload-board: filters on a narrow board', () => {
  let setup: TestSetup;
  beforeEach(async () => {
    setup = createTestSetup();
    await setup.storage.load([{ collection: 'cases', records: twoCaseloads() }]);
  });

  it('folds the nine filter controls behind a "Filters (n)" toggle at 390 px, board first', async () => {
    const el = await mountAt(setup, 390);
    expect(el.getBoundingClientRect().width).to.equal(390);
    expect(filterControls(el)).to.have.length(9);
    expect(filterControls(el).some(shown), 'no filter control shown while folded').to.equal(false);
    const button = toggle(el);
    expect(shown(button), 'toggle shown').to.equal(true);
    expect(button!.tagName).to.equal('BUTTON'); // a native button: Tab, Enter and Space work
    expect(button!.textContent!.trim()).to.equal('Filters (0)');
    expect(button!.getAttribute('aria-expanded')).to.equal('false');
    const panel = el.shadowRoot!.getElementById(button!.getAttribute('aria-controls')!);
    expect(panel !== null && panel.contains(filterControls(el)[0]!), 'aria-controls names the folded controls').to.equal(true);
    // The board starts right below the toolbar's one row and the summary.
    const boardTop = $(el, '[part~="board"]')!.getBoundingClientRect().top - el.getBoundingClientRect().top;
    expect(boardTop).to.be.lessThan(120);
    await expect(el).to.be.accessible();

    button!.click();
    await el.updateComplete;
    expect(button!.getAttribute('aria-expanded')).to.equal('true');
    expect(filterControls(el).every(shown), 'every filter control shown when open').to.equal(true);
    await expect(el).to.be.accessible();

    // Filters picked in the open panel count on the toggle; closing folds them again.
    const priority = filterControls(el).find((c) => c.closest('label')?.textContent?.includes('Priority') && c.tagName === 'SELECT') as HTMLSelectElement;
    priority.value = 'high';
    priority.dispatchEvent(new Event('change'));
    el.filters = { ...el.filters, overdue: true };
    await el.updateComplete;
    expect(button!.textContent!.trim()).to.equal('Filters (2)');
    button!.click();
    await el.updateComplete;
    expect(button!.getAttribute('aria-expanded')).to.equal('false');
    expect(filterControls(el).some(shown)).to.equal(false);
    expect(shown($(el, '[data-view="list"]')), 'the view switch stays out of the fold').to.equal(true);
  });

  it('counts the filters in Spanish too', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es"><ck-caseload-board style="width: 390px" .manager=${setup.as(PERSONAS.supervisor)} .filters=${{ text: 'a', program: 'healthcare' }}></ck-caseload-board></div>`,
    );
    const el = wrapper.querySelector('ck-caseload-board')!;
    await el.loadComplete;
    expect(toggle(el)!.textContent!.trim()).to.equal('Filtros (2)');
  });

  it('shows every control and no toggle at 1280 px', async () => {
    const el = await mountAt(setup, 1280);
    expect(filterControls(el)).to.have.length(9);
    expect(filterControls(el).every(shown), 'every filter control shown').to.equal(true);
    expect(shown(toggle(el)), 'no toggle').to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('focus() on a board without cards lands on the first control shown: the search, or the toggle when folded', async () => {
    const empty = createTestSetup();
    for (const [width, expected] of [[1280, 'search'], [390, 'filters-toggle']] as const) {
      const el = await mountAt(empty, width);
      el.focus();
      expect(el.shadowRoot!.activeElement?.getAttribute('part'), `${width} px`).to.equal(expected);
    }
  });

  it('folds and unfolds as the element is resized across 600 px', async () => {
    const el = await mountAt(setup, 1280);
    el.style.width = '599px';
    await aTimeout(0);
    expect(shown(toggle(el))).to.equal(true);
    expect(filterControls(el).some(shown)).to.equal(false);
    el.style.width = '600px';
    await aTimeout(0);
    expect(shown(toggle(el))).to.equal(false);
    expect(filterControls(el).every(shown)).to.equal(true);
  });
});
