import { CkIntakeForm } from './intake-form.component.js';

export { CkIntakeForm };
export type { IntakeClientFields, IntakeCaseFields, IntakeDraftData, IntakeSubmitResult, IntakeFormMode } from './intake-form.component.js';
if (!customElements.get('ck-intake-form')) customElements.define('ck-intake-form', CkIntakeForm);

declare global {
  interface HTMLElementTagNameMap {
    'ck-intake-form': CkIntakeForm;
  }
}
