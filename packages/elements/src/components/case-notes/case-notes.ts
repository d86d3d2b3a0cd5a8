import { CkCaseNotes } from './case-notes.component.js';

export { CkCaseNotes };
if (!customElements.get('ck-case-notes')) customElements.define('ck-case-notes', CkCaseNotes);

declare global {
  interface HTMLElementTagNameMap {
    'ck-case-notes': CkCaseNotes;
  }
}
