import { localizedText, setAnswer, type AnswerValue, type Priority, type VisibleItem } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { ClientKey } from './intake-client-section.js';
import type { IntakeFormState } from './intake-form-state.js';
import { answerOnChange, answerOnInput } from './intake-input.js';
import { fieldId } from './intake-items.js';
import { addEntry, answersAt, removeEntry } from './intake-repeats.js';

// Everything the user does to a field of <ck-intake-form>, turned into a change of its
// IntakeFormState: typing and choosing (the form's `input` and `change` events, read from the
// control's `data-key` or `data-client`), leaving a field (it then shows its problems), Enter in a
// one-line field (which must not submit), removing one answer of a list question, and adding or
// removing an entry of a repeating group (announced, with focus moved to where the user goes on).
// What follows an edit — evaluation, form value, autosave, render — is the host's.

/** What the field handlers read and call on the form. */
export interface FieldInputHost {
  readonly localize: LocalizeController;
  readonly state: IntakeFormState;
  /** The element's render root: a quantity question's unit list is read from it. */
  root(): ParentNode;
  /** An answer changed: re-evaluate, update the form value, autosave, re-render. */
  answered(): void;
  /** A client or case field changed (`identity`: the name or birth date the duplicate check watches). */
  sectionEdited(identity: boolean): void;
  /** Moves focus to the element with this id after the next render (`within`: to its first control). */
  focusLater(id: string, within?: boolean): void;
  announce(text: string): void;
  requestUpdate(): void;
}

/** The form's field handlers; the event handlers are bound (pass them straight to `@input` and the like). */
export class IntakeFieldInput {
  constructor(private readonly host: FieldInputHost) {}

  readonly onInput = (event: Event): void => {
    const target = event.composedPath()[0] as HTMLInputElement;
    if (this.onSectionInput(target)) return;
    const field = this.fieldOf(target);
    if (!field) return;
    const { vi, el } = field;
    const edit = answerOnInput(vi, el, this.currentAnswer(vi), this.host.localize.lang, this.unitCode(vi));
    if (!edit) return;
    if (edit.raw !== undefined) this.host.state.rawText.set(vi.key, edit.raw);
    this.setValue(vi, edit.value);
  };

  readonly onChange = (event: Event): void => {
    const target = event.composedPath()[0] as HTMLInputElement;
    if (this.onSectionInput(target, true)) return;
    const field = this.fieldOf(target);
    if (!field) return;
    const { vi, el } = field;
    this.host.state.touched.add(vi.key);
    const edit = answerOnChange(vi, el, this.currentAnswer(vi), this.unitCode(vi));
    if (edit) this.setValue(vi, edit.value);
    else this.host.requestUpdate(); // a text field was left after a change: show its problems
  };

  readonly onFocusOut = (event: FocusEvent): void => {
    const target = event.composedPath()[0] as HTMLElement;
    const key = target.dataset?.['key'] ?? target.dataset?.['client'];
    const { touched } = this.host.state;
    if (key === undefined || touched.has(key)) return;
    // Leaving a radio for the next radio of the same question is not leaving the question.
    const next = event.relatedTarget as HTMLElement | null;
    if (next && (next.dataset?.['key'] ?? next.dataset?.['client']) === key) return;
    touched.add(key);
    this.host.requestUpdate();
  };

  readonly onKeydown = (event: KeyboardEvent): void => {
    // Enter in a one-line field must not submit a whole intake by accident.
    const target = event.composedPath()[0];
    if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type !== 'submit' && target.type !== 'button') event.preventDefault();
  };

  /** Removes one answer of a list question (its remove button). */
  removeAnswer(key: string, index: number): void {
    const { state } = this.host;
    const vi = state.visible.get(key);
    if (!vi) return;
    const current = answersAt(state.answers, vi.at)?.[vi.linkId];
    const list = Array.isArray(current) ? (current as unknown[]).filter((_, i) => i !== index) : [];
    state.touched.add(key);
    this.setValue(vi, list as AnswerValue);
    this.host.focusLater(fieldId(key));
  }

  /** Adds an entry to a repeating group; focus goes to its first control. */
  addEntry(groupKey: string): void {
    const { state, localize } = this.host;
    const vi = state.visible.get(groupKey);
    if (!vi) return;
    const added = addEntry(state.answers, vi);
    state.answers = added.answers;
    state.touched.add(groupKey);
    state.serverErrors.delete(groupKey);
    this.host.answered();
    const label = localize.t.intakeForm.instanceLabel(localizedText(vi.item.text, localize.lang), localize.number(added.position));
    this.host.announce(localize.t.intakeForm.instanceAdded(label));
    this.host.focusLater(`i-${groupKey}/${encodeURIComponent(added.instanceId)}`, true);
  }

  /** Removes an entry of a repeating group; focus goes to the entry now in its place, else to the group. */
  removeEntry(groupKey: string, instanceId: string): void {
    const { state, localize } = this.host;
    const vi = state.visible.get(groupKey);
    if (!vi) return;
    const removed = removeEntry(state.answers, vi, instanceId);
    const label = localize.t.intakeForm.instanceLabel(localizedText(vi.item.text, localize.lang), localize.number(removed.position));
    state.answers = removed.answers;
    state.touched.add(groupKey);
    this.host.answered();
    this.host.focusLater(removed.neighbour ? `i-${groupKey}/${encodeURIComponent(removed.neighbour)}` : fieldId(groupKey));
    this.host.announce(localize.t.intakeForm.instanceRemoved(label));
  }

  private fieldOf(target: EventTarget | null): { vi: VisibleItem; el: HTMLInputElement } | undefined {
    const el = target as HTMLInputElement | null;
    const key = el?.dataset?.['key'];
    if (!el || key === undefined) return undefined;
    const vi = this.host.state.visible.get(key);
    return vi ? { vi, el } : undefined;
  }

  private setValue(vi: VisibleItem, value: AnswerValue | undefined): void {
    const { state } = this.host;
    state.answers = setAnswer(state.answers, vi.linkId, value, vi.at);
    state.serverErrors.delete(vi.key);
    this.host.answered();
  }

  private currentAnswer(vi: VisibleItem): AnswerValue | undefined {
    return answersAt(this.host.state.answers, vi.at)?.[vi.linkId];
  }

  /** The unit chosen in a quantity question's unit list (undefined without one). */
  private unitCode(vi: VisibleItem): string | undefined {
    if (vi.item.type !== 'quantity') return undefined;
    return this.host.root().querySelector<HTMLSelectElement>(`select[data-key="${CSS.escape(vi.key)}"][data-part="unit"]`)?.value;
  }

  /** Client and case fields. True when the event was one of theirs. */
  private onSectionInput(target: HTMLInputElement, isChange = false): boolean {
    const key = target.dataset?.['client'] as ClientKey | 'client.interpreter' | undefined;
    if (!key) return false;
    const { state } = this.host;
    if (isChange) state.touched.add(key);
    state.serverErrors.delete(key);
    switch (key) {
      case 'client.given':
        state.client = { ...state.client, given: target.value };
        break;
      case 'client.family':
        state.client = { ...state.client, family: target.value };
        break;
      case 'client.birthDate':
        state.client = { ...state.client, birthDate: target.value };
        break;
      case 'client.phone':
        state.client = { ...state.client, phone: target.value };
        break;
      case 'client.language':
        state.client = { ...state.client, language: target.value };
        break;
      case 'client.interpreter':
        state.client = { ...state.client, interpreterNeeded: target.checked };
        break;
      case 'case.program':
        state.caseFields = { ...state.caseFields, program: target.value };
        break;
      case 'case.priority':
        state.caseFields = { ...state.caseFields, priority: target.value as Priority };
        break;
    }
    state.dirty = true;
    this.host.sectionEdited(key === 'client.given' || key === 'client.family' || key === 'client.birthDate');
    return true;
  }
}
