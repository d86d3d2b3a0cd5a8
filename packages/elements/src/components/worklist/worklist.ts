import { CkWorklist } from './worklist.component.js';

export { CkWorklist };
if (!customElements.get('ck-worklist')) customElements.define('ck-worklist', CkWorklist);

declare global {
  interface HTMLElementTagNameMap {
    'ck-worklist': CkWorklist;
  }
}
