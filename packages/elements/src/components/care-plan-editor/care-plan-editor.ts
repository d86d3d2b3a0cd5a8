import { CkCarePlanEditor } from './care-plan-editor.component.js';

export { CkCarePlanEditor };
export type { CarePlanEditorView, CarePlanAssignee } from './care-plan-editor.component.js';
if (!customElements.get('ck-care-plan-editor')) customElements.define('ck-care-plan-editor', CkCarePlanEditor);

declare global {
  interface HTMLElementTagNameMap {
    'ck-care-plan-editor': CkCarePlanEditor;
  }
}
