import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemoryStorage, type StorageConflict, type StoragePort, type StorageSync, type StoredRecord, type SyncStatus } from '@casekit/core';
import { createTestSetup } from '@casekit/core/testing';
import '../../define.js';
import type { CkSyncStatus } from './sync-status.component.js';

/** A memory storage with a sync port the test drives, as @casekit/storage-fhir reports its sync. */
function syncingStorage() {
  const inner = createMemoryStorage();
  const listeners = new Set<() => void>();
  const control = {
    status: { online: true, pending: 0, lastSyncAt: '2026-11-24T15:00:00.000Z', conflicts: 0 } as SyncStatus,
    conflicts: [] as StorageConflict[],
    resolved: [] as string[],
    pulls: 0,
    set(next: Partial<SyncStatus>) {
      control.status = { ...control.status, ...next, conflicts: control.conflicts.length };
      for (const listener of listeners) listener();
    },
  };
  const sync: StorageSync = {
    status: () => control.status,
    subscribe(listener) {
      const call = () => listener({ type: 'status', status: control.status });
      listeners.add(call);
      return () => listeners.delete(call);
    },
    async pull() {
      control.pulls++;
    },
    conflicts: () => structuredClone(control.conflicts),
    async resolve(collection, id, choice) {
      control.resolved.push(`${collection}/${id}:${choice}`);
      control.conflicts = control.conflicts.filter((c) => c.id !== id);
      control.set({});
    },
  };
  const storage: StoragePort = Object.assign(Object.create(inner) as StoragePort, { sync });
  return { storage, control };
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function mount() {
  const { storage, control } = syncingStorage();
  const setup = createTestSetup({ storage });
  const el = await fixture<CkSyncStatus>(html`<ck-sync-status .manager=${setup.manager}></ck-sync-status>`);
  return { el, control, setup };
}

describe('<ck-sync-status>', () => {
  it('renders nothing on a local storage', async () => {
    const setup = createTestSetup();
    const el = await fixture<CkSyncStatus>(html`<ck-sync-status .manager=${setup.manager}></ck-sync-status>`);
    expect(el.shadowRoot!.children.length).to.equal(0);
    expect(el.hasAttribute('state')).to.equal(false);
  });

  it('focus() goes to the Sync now button', async () => {
    const { el } = await mount();
    el.focus();
    expect(document.activeElement === el, 'the host has focus').to.be.true;
    expect(el.shadowRoot!.activeElement === $(el, '[part~="sync-now"]')).to.be.true;
  });

  it('says online, offline with the queue, and why a queue waits, as a live status', async () => {
    const { el, control } = await mount();
    expect(text($(el, '[part~="state"]'))).to.equal('All changes saved');
    expect($(el, '[part~="state"]')!.getAttribute('role')).to.equal('status');
    control.set({ online: false, pending: 2 });
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('offline');
    expect(text($(el, '[part~="state"]'))).to.equal('Offline — 2 changes waiting to be sent');
    control.set({ online: true, pending: 1, blocked: 'The FHIR server answered transaction Bundle with 500' });
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('blocked');
    expect(text($(el, '[part~="state"]'))).to.contain('1 change is waiting: The FHIR server answered');
    $(el, '[part~="sync-now"]')!.click();
    await waitUntil(() => control.pulls === 1);

    // Moved in the page (detached, attached again): still listening.
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    control.set({ online: true, pending: 0, blocked: undefined });
    await el.updateComplete;
    expect(text($(el, '[part~="state"]'))).to.equal('All changes saved');
  });

  it('shows both versions of a conflict as text, and keeps mine when asked', async () => {
    const { el, control, setup } = await mount();
    const { client } = await setup.manager.clients.create({ name: { given: ['Rosa'], family: 'Martínez' } });
    const kase = (await setup.manager.cases.create({ clientId: client.id, program: 'social-work' })) as unknown as StoredRecord;
    control.conflicts = [
      { collection: 'cases', id: kase.id, mine: { ...kase, priority: 'urgent', tags: ['<img src=x onerror=alert(1)>'] }, theirs: { ...kase, version: 2, riskLevel: 'high' }, kind: 'stale-write', detectedAt: '2026-11-24T15:00:00.000Z' },
    ];
    control.set({});
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('conflict');
    expect(el.conflicts.length).to.equal(0, 'nothing read until the user opens the list');
    $(el, '[part~="review"]')!.click();
    await waitUntil(() => el.conflicts.length === 1);
    await el.updateComplete;
    const conflict = $(el, '[part~="conflict"]')!;
    expect(text(conflict.querySelector('[role="heading"]'))).to.equal('Case · Rosa Martínez');
    const rows = [...conflict.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => text(c)));
    expect(rows).to.deep.include(['Priority', 'Urgent', 'Medium'], 'values in words, translated');
    expect(rows).to.deep.include(['Risk level', 'Low', 'High']);
    expect(rows).to.deep.include(['tags', '["<img src=x onerror=alert(1)>"]', '[]']);
    expect(conflict.querySelector('img')).to.equal(null, 'record data is text, never HTML');
    await expect(el).to.be.accessible();

    const resolved: string[] = [];
    el.addEventListener('ck-sync-resolved', (e) => resolved.push(`${e.detail.id}:${e.detail.choice}`));
    [...conflict.querySelectorAll('button')].find((b) => text(b) === 'Keep mine')!.click();
    await waitUntil(() => control.resolved.length === 1);
    expect(control.resolved).to.deep.equal([`cases/${kase.id}:mine`]);
    await waitUntil(() => resolved.length === 1);
    await el.updateComplete;
    expect(text($(el, '[part~="conflicts"]'))).to.contain('No conflicts');
  });

  it('offers to open a conflicting case, to keep editing', async () => {
    const { el, control, setup } = await mount();
    const { client } = await setup.manager.clients.create({ name: { given: ['Kofi'], family: 'Mensah' } });
    const kase = (await setup.manager.cases.create({ clientId: client.id, program: 'social-work' })) as unknown as StoredRecord;
    control.conflicts = [{ collection: 'cases', id: kase.id, mine: kase, theirs: undefined, kind: 'refused', reason: 'Not in your organisation', detectedAt: '2026-11-24T15:00:00.000Z' }];
    control.set({});
    await el.showConflicts();
    await el.updateComplete;
    expect(text($(el, '[part~="conflict"] p'))).to.equal('The server refused this change: Not in your organisation');
    const opened: string[] = [];
    el.addEventListener('ck-case-open', (e) => opened.push(e.detail.caseId));
    [...$(el, '[part~="conflict"]')!.querySelectorAll('button')].find((b) => text(b) === 'Open the case')!.click();
    expect(opened).to.deep.equal([kase.id]);
  });
});
