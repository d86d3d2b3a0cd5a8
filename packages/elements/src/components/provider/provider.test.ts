import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { CaseManager, ChangeBatch } from '@casekit/core';
import { createTestSetup, fixtureCases, PERSONAS } from '@casekit/core/testing';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import '../../define.js';
import type { CkCaseNotes } from '../case-notes/case-notes.component.js';
import './provider.js';
import type { CkProvider } from './provider.component.js';

/** A minimal consumer, built the way every casekit element is. */
class ProbeElement extends CasekitElement {
  batches: ChangeBatch[] = [];
  managers: (CaseManager | undefined)[] = [];
  readonly casekit = new ManagerController(this, {
    collections: ['cases'],
    onManager: (m) => this.managers.push(m),
    onChange: (b) => this.batches.push(b),
  });
  override render() {
    return this.localize.t.status.active;
  }
}
customElements.define('ck-test-probe', ProbeElement);

describe('ck-provider and ManagerController', () => {
  it('provides the manager to descendants, through shadow roots too', async () => {
    const { manager } = createTestSetup();
    const el = await fixture<CkProvider>(html`<ck-provider .manager=${manager}><div><ck-test-probe></ck-test-probe></div></ck-provider>`);
    const probe = el.querySelector<ProbeElement>('ck-test-probe')!;
    await waitUntil(() => probe.casekit.value === manager);
    expect(probe.managers.at(-1)).to.equal(manager);

    class ShadowHost extends LitElement {
      override render() {
        return html`<ck-test-probe></ck-test-probe>`;
      }
    }
    customElements.define('ck-test-shadow-host', ShadowHost);
    const nested = await fixture<CkProvider>(html`<ck-provider .manager=${manager}><ck-test-shadow-host></ck-test-shadow-host></ck-provider>`);
    const inner = nested.querySelector('ck-test-shadow-host')!.shadowRoot!.querySelector<ProbeElement>('ck-test-probe')!;
    await waitUntil(() => inner.casekit.value === manager);
  });

  it('focus() focuses the first casekit element inside that takes focus', async () => {
    const { manager } = createTestSetup();
    const { client } = await manager.clients.create({ name: { given: ['Rosa'], family: 'Hernández' }, birthDate: '1984-03-12' });
    const caseRecord = await manager.cases.create({ clientId: client.id, program: 'behavioral-health', status: 'active' });
    // On a local storage the sync status renders nothing: focus goes on to the notes.
    const el = await fixture<CkProvider>(html`<ck-provider .manager=${manager}><ck-sync-status></ck-sync-status><div><ck-case-notes case-id=${caseRecord.id}></ck-case-notes></div></ck-provider>`);
    const notes = el.querySelector<CkCaseNotes>('ck-case-notes')!;
    await notes.loadComplete;
    el.focus();
    expect(document.activeElement === notes, 'the notes have focus').to.be.true;
    expect(notes.shadowRoot!.activeElement === notes.shadowRoot!.querySelector('[part~="form"] [name="type"]')).to.be.true;
  });

  it('prefers the element’s own manager property and follows provider changes', async () => {
    const a = createTestSetup().manager;
    const b = createTestSetup().manager;
    const own = createTestSetup().manager;
    const el = await fixture<CkProvider>(html`<ck-provider .manager=${a}><ck-test-probe></ck-test-probe></ck-provider>`);
    const probe = el.querySelector<ProbeElement>('ck-test-probe')!;
    await waitUntil(() => probe.casekit.value === a);
    el.manager = b;
    await waitUntil(() => probe.casekit.value === b, 'follows the provider');
    probe.manager = own;
    await probe.updateComplete;
    expect(probe.casekit.value).to.equal(own);
    expect(probe.managers.at(-1)).to.equal(own);
  });

  it('reports coalesced changes while connected and unsubscribes on disconnect', async () => {
    const setup = createTestSetup();
    const probe = await fixture<ProbeElement>(html`<ck-test-probe .manager=${setup.manager}></ck-test-probe>`);
    await setup.storage.load([{ collection: 'cases', records: fixtureCases(3) }]);
    await setup.storage.load([{ collection: 'clients', records: [{ id: 'c1', version: 1 }] }]); // not a watched collection
    await waitUntil(() => probe.batches.length === 1);
    expect(probe.batches[0]!.changes).to.have.length(3);

    probe.remove();
    await setup.storage.load([{ collection: 'cases', records: fixtureCases(2, 9) }]);
    await new Promise((r) => setTimeout(r, 10));
    expect(probe.batches).to.have.length(1);

    document.body.append(probe);
    await waitUntil(() => probe.managers.length === 2, 'reconnecting reloads (changes may have been missed)');
    const other = setup.as(PERSONAS.supervisor);
    const record = (await other.cases.query({})).items[0]!;
    await other.cases.update({ id: record.id, version: record.version }, { title: 'Changed elsewhere' });
    await waitUntil(() => probe.batches.length === 2);
    probe.remove();
  });
});
