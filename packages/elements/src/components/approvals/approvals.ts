import { CkApprovals } from './approvals.component.js';

export { CkApprovals };
if (!customElements.get('ck-approvals')) customElements.define('ck-approvals', CkApprovals);

declare global {
  interface HTMLElementTagNameMap {
    'ck-approvals': CkApprovals;
  }
}
