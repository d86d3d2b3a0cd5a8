import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import type { Actor, CaseManager, CaseRecord } from '@casekit/core';
import { createTestSetup, fixtureCases, PERSONAS, type TestSetup } from '@casekit/core/testing';
import '../../define.js';
import type { CkCaseloadBoard } from './caseload-board.component.js';
import type { CaseloadFilters } from './caseload-board.component.js';

// The assignee (case-manager) filter offers only caseloads the policy lets the actor see, and an
// actor switch never leaves one person's filter, cases or permission banner under another.

const marta = PERSONAS.caseManager;
const devon = PERSONAS.otherCaseManager;
const NAMES = [
  { id: marta.id, name: marta.name },
  { id: devon.id, name: devon.name },
];

/** Four cases for Marta, two for Devon (clients named after their case manager). */
function mixedCases(): CaseRecord[] {
  return fixtureCases(6, 5).map((c, i) => {
    const who = i < 4 ? marta : devon;
    const statusHistory = [{ from: null, to: 'active', at: c.createdAt, by: { id: 'seed', name: 'Seed', role: 'admin' } }];
    return { ...c, status: 'active', statusHistory, clientName: `${who.name.split(' ')[0]} client ${i + 1}`, assigneeId: who.id, assigneeName: who.name } as CaseRecord;
  });
}

async function mount(manager: CaseManager, assignees = NAMES): Promise<CkCaseloadBoard> {
  const el = await fixture<CkCaseloadBoard>(html`<ck-caseload-board .manager=${manager} .assignees=${assignees} today="2026-11-24"></ck-caseload-board>`);
  await el.loadComplete;
  return el;
}

const $ = (el: CkCaseloadBoard, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: CkCaseloadBoard, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const names = (el: CkCaseloadBoard) => $$(el, '[part~="card-name"]').map((n) => n.textContent!);
/** The assignee filter's select (the field labelled "Case manager"), if shown. */
const assigneeSelect = (el: CkCaseloadBoard) =>
  $$(el, '[part~="toolbar"] .ck-field').find((f) => f.querySelector(':scope > span')?.textContent?.trim() === 'Case manager')?.querySelector('select') ?? null;
const alertText = (el: CkCaseloadBoard) => $(el, '[part~="alert"]')?.textContent ?? undefined;
const optionTexts = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent!.trim());

async function settle(el: CkCaseloadBoard): Promise<void> {
  await aTimeout(0);
  await el.loadComplete;
}

async function switchActor(el: CkCaseloadBoard, setup: TestSetup, actor: Actor): Promise<void> {
  el.manager = setup.as(actor);
  await settle(el);
}

describe('ck-caseload-board: the assignee filter follows the policy', () => {
  let setup: TestSetup;
  beforeEach(async () => {
    setup = createTestSetup();
    await setup.storage.load([{ collection: 'cases', records: mixedCases() }]);
  });

  it("hides the filter from a case manager who may see only their own cases, even when the host names colleagues", async () => {
    const el = await mount(setup.manager);
    expect(assigneeSelect(el) === null, 'no assignee filter').to.equal(true);
    expect(names(el)).to.have.length(4);
    expect(names(el).every((n) => n.startsWith('Marta'))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('offers a supervisor every case manager, and choosing one shows only their cases', async () => {
    const el = await mount(setup.as(PERSONAS.supervisor));
    const select = assigneeSelect(el)!;
    expect(select !== null, 'assignee filter shown').to.equal(true);
    expect(optionTexts(select)).to.have.members(['Any', 'Marta Alvarez', 'Devon Baker']);
    select.value = devon.id;
    select.dispatchEvent(new Event('change'));
    await settle(el);
    expect(names(el)).to.have.members(['Devon client 5', 'Devon client 6']);
    expect(alertText(el)).to.equal(undefined);
  });

  it("drops a colleague's filter when a supervisor hands over to a case manager: no banner, no colleague's cases", async () => {
    const el = await mount(setup.as(PERSONAS.supervisor));
    const select = assigneeSelect(el)!;
    select.value = devon.id;
    select.dispatchEvent(new Event('change'));
    await settle(el);
    expect(names(el)).to.have.length(2);

    const changes: CaseloadFilters[] = [];
    el.addEventListener('ck-filter-change', (e) => changes.push(e.detail.filters));
    await switchActor(el, setup, marta);
    expect(el.filters.assigneeId).to.equal(undefined);
    expect(changes.at(-1)?.assigneeId).to.equal(undefined);
    expect(alertText(el)).to.equal(undefined);
    expect(assigneeSelect(el) === null, 'no assignee filter').to.equal(true);
    expect(names(el)).to.have.length(4);
    expect(names(el).some((n) => n.startsWith('Devon'))).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('clears a permission banner when the actor changes, and keeps a filter the new actor may use', async () => {
    // A host presets a colleague's caseload for a case manager: core refuses, the banner says so.
    const el = await mount(setup.as(devon));
    el.filters = { assigneeId: marta.id };
    await settle(el);
    expect(alertText(el)).to.contain('permission');

    await switchActor(el, setup, PERSONAS.supervisor);
    expect(alertText(el)).to.equal(undefined);
    expect(el.filters.assigneeId).to.equal(marta.id);
    expect(assigneeSelect(el)!.value).to.equal(marta.id);
    expect(names(el)).to.have.length(4);
    expect(names(el).every((n) => n.startsWith('Marta'))).to.equal(true);
  });
});
