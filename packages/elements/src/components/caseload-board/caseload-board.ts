import { CkCaseloadBoard } from './caseload-board.component.js';

export { CkCaseloadBoard };
export type { CaseloadFilters, CaseloadView, CaseloadGroupBy, CaseloadSort } from './caseload-board.component.js';
if (!customElements.get('ck-caseload-board')) customElements.define('ck-caseload-board', CkCaseloadBoard);

declare global {
  interface HTMLElementTagNameMap {
    'ck-caseload-board': CkCaseloadBoard;
  }
}
