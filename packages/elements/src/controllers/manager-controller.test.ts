import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CaseManager, ChangeBatch, Client } from '@casekit/core';
import { createTestSetup, fixtureCases, type TestSetup } from '@casekit/core/testing';
import { CasekitElement } from '../internal/casekit-element.js';
import { ManagerController } from './manager-controller.js';

/**
 * The worst case for audit-on-read: an element that watches every collection (no `collections`
 * option), reloads on every change, and reads a client on every reload — which writes a `read` audit
 * event, which is a change.
 */
class RereadingProbe extends CasekitElement {
  clientId = '';
  reloads = 0;
  batches: ChangeBatch[] = [];
  readonly casekit = new ManagerController(this, {
    onManager: () => void this.reload(),
    onChange: (batch) => {
      this.batches.push(batch);
      void this.reload();
    },
  });
  private async reload(): Promise<void> {
    const manager = this.casekit.value;
    // A cap, so that a regression fails this test instead of hanging the browser.
    if (!manager || !this.clientId || this.reloads >= 25) return;
    this.reloads++;
    await manager.clients.get(this.clientId);
  }
  override render() {
    return this.localize.t.common.loading;
  }
}
customElements.define('ck-test-rereading-probe', RereadingProbe);

/**
 * The manager with `subscribe` wired straight to the storage, as a host adapter or an older core might
 * do: every batch arrives, audit-only ones included. The controller must hold without core's filter.
 */
function withRawSubscribe(setup: TestSetup): CaseManager {
  return Object.assign(Object.create(setup.manager) as CaseManager, {
    subscribe: (listener: (batch: ChangeBatch) => void) => setup.storage.subscribe(listener),
  });
}

const auditEvents = async (setup: TestSetup) => (await setup.storage.find('audit', { index: 'id' })).items;

describe('ManagerController', () => {
  let setup: TestSetup;
  let client: Client;
  beforeEach(async () => {
    setup = createTestSetup();
    ({ client } = await setup.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' }, birthDate: '1961-03-14', language: 'vi' }));
  });

  it('never reloads for a batch of audit changes only, so reads that audit cannot loop', async () => {
    const el = await fixture<RereadingProbe>(html`<ck-test-rereading-probe .clientId=${client.id}></ck-test-rereading-probe>`);
    const before = (await auditEvents(setup)).length;
    el.manager = withRawSubscribe(setup);
    await waitUntil(() => el.reloads === 1, 'loaded once for the manager');
    // The read wrote its audit event, and its change notification went out through storage.subscribe...
    await waitUntil(async () => (await auditEvents(setup)).length > before, 'the read was audited');
    await aTimeout(50);
    // ...and reached the element as nothing at all: no batch, no reload.
    expect(el.batches).to.deep.equal([]);
    expect(el.reloads).to.equal(1);

    // A real change still reloads, once; the audit event of that reload does not start another.
    await setup.manager.clients.update({ id: client.id, version: client.version }, { language: 'es' });
    await waitUntil(() => el.reloads === 2, 'reloaded for the client change');
    await aTimeout(50);
    expect(el.reloads).to.equal(2);
    expect(el.batches.flatMap((b) => b.changes).map((c) => c.collection)).to.not.include('audit');
  });

  it('drops the audit changes of a mixed batch and reports the rest', async () => {
    const el = await fixture<RereadingProbe>(html`<ck-test-rereading-probe></ck-test-rereading-probe>`);
    el.manager = withRawSubscribe(setup);
    await el.updateComplete;
    // One unit with a case and an audit event in it: one batch with both collections.
    await setup.storage.load([
      { collection: 'cases', records: fixtureCases(1, 11) },
      { collection: 'audit', records: [{ id: 'audit-imported-1', version: 1 }] },
    ]);
    await waitUntil(() => el.batches.length === 1, 'the case change was reported');
    expect(el.batches[0]!.changes.map((c) => c.collection)).to.deep.equal(['cases']);
  });
});
