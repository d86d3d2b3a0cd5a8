import { CkCaseloadSummary } from './caseload-summary.component.js';

export { CkCaseloadSummary };
if (!customElements.get('ck-caseload-summary')) customElements.define('ck-caseload-summary', CkCaseloadSummary);

declare global {
  interface HTMLElementTagNameMap {
    'ck-caseload-summary': CkCaseloadSummary;
  }
}
