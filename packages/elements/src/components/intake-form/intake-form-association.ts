import type { QuestionnaireDefinition } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { fieldLabel, issueMessage } from './intake-errors.js';
import type { IntakeFormState } from './intake-form-state.js';
import { fieldId } from './intake-items.js';

// <ck-intake-form> as a form-associated control, through its ElementInternals: the value a host
// <form> submits under `name` (the JSON of the answers as they would be stored) with the state the
// browser restores on back/forward (the draft data), and the validity the host form checks — the
// first problem in form order, as a missing value or a custom error, anchored to its control so
// `reportValidity()` points there. The element keeps the form callbacks (reset, disabled, restore)
// and forwards the form-control properties (`form`, `validity`, ...) here.

/** The element's ElementInternals: form value, validity, and the form-control API read from them. */
export class IntakeFormAssociation {
  constructor(private readonly internals: ElementInternals) {}

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** The value under `name` (the element's `value`) and the draft data as the state to restore. */
  setValue(definition: QuestionnaireDefinition, value: string, state: IntakeFormState): void {
    this.internals.setFormValue(value, JSON.stringify(state.draftData(definition)));
  }

  /** The host form's validity: the first problem in form order, anchored to its control (`root`: where it is rendered). */
  updateValidity(definition: QuestionnaireDefinition | undefined, state: IntakeFormState, root: ParentNode, localize: LocalizeController): void {
    const first = state.order.find((v) => state.issuesByKey.has(v.key));
    if (!definition || !first) {
      this.internals.setValidity({});
      return;
    }
    const issue = state.issuesByKey.get(first.key)!;
    const message = `${fieldLabel(state, first.key, localize)}: ${issueMessage(issue, first.item, localize)}`;
    const flags: ValidityStateFlags = issue.code === 'required' ? { valueMissing: true } : { customError: true };
    const anchor = root.querySelector<HTMLElement>(`#${CSS.escape(fieldId(first.key))}`);
    if (anchor) this.internals.setValidity(flags, message, anchor);
    else this.internals.setValidity(flags, message);
  }
}
