import { expect, fixture, html } from '@open-wc/testing';
import { createTestSetup, PERSONAS } from '@casekit/core/testing';
import '../define.js';
import type { CkCaseloadBoard } from '../components/caseload-board/caseload-board.component.js';

// Host pages bring their own global CSS. Rules that match the ck-* element itself beat :host, so the
// shared styles set type and color again inside; only --ck-* tokens restyle an element.
describe('isolation from host page CSS', () => {
  it('keeps casekit type inside an element when the page sets `* { font-family; color }`, and follows tokens', async () => {
    const style = document.createElement('style');
    style.textContent = '* { font-family: "Courier New", monospace !important; color: rgb(255, 0, 0) !important; }';
    document.head.append(style);
    try {
      const { manager } = createTestSetup({ actor: PERSONAS.supervisor });
      const host = await fixture<HTMLDivElement>(html`<div style="--ck-font-family: Georgia, serif"><ck-caseload-board .manager=${manager}></ck-caseload-board></div>`);
      const board = host.querySelector('ck-caseload-board') as CkCaseloadBoard;
      await board.loadComplete;
      const label = board.shadowRoot!.querySelector('label')!;
      const computed = getComputedStyle(label);
      expect(computed.fontFamily).to.contain('Georgia');
      expect(computed.color).not.to.equal('rgb(255, 0, 0)');
    } finally {
      style.remove();
    }
  });
});
