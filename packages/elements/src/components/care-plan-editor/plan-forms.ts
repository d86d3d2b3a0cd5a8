import type { ReactiveControllerHost } from 'lit';
import { ValidationError, type ValidationIssue } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { LocalizedError } from '../../translations/error-messages.js';
import type { DraftStore } from './draft-store.js';

// The care-plan editor's forms as the user sees them: which add-task and add-progress forms are open
// and which tasks are being edited (each with focus moved into or back out of it), the problems shown
// beside each form's fields (core's, or a required field left empty), and the label of each field
// core names by path, for its messages. What the forms save is plan-writes.ts's; what is typed, the
// DraftStore's.

/** What the forms read from, and ask of, the editor. */
export interface PlanFormsHost {
  readonly localize: LocalizeController;
  readonly drafts: DraftStore;
  /** Moves focus to the first match of `selector` after the next render. */
  focus(selector: string): void;
}

/** Open forms, tasks being edited, and each form's field problems. */
export class PlanForms {
  private editingNow: ReadonlySet<string> = new Set();
  private openNow: ReadonlySet<string> = new Set();
  private errors: ReadonlyMap<string, LocalizedError> = new Map();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly editor: PlanFormsHost,
  ) {}

  /** Ids of the tasks whose edit form is open. */
  get editing(): ReadonlySet<string> {
    return this.editingNow;
  }

  /** Keys of the add-task / add-progress forms the user opened; the others are a button each. */
  get openForms(): ReadonlySet<string> {
    return this.openNow;
  }

  /** The problem shown beside a field of `form`. */
  fieldError(form: string, path: string): string | undefined {
    return this.errors.get(form)?.fields.get(path);
  }

  /** Shows (or, with undefined, clears) the problems of `form`. */
  setError(form: string, error: LocalizedError | undefined): void {
    const next = new Map(this.errors);
    if (error) next.set(form, error);
    else next.delete(form);
    this.errors = next;
    this.host.requestUpdate();
  }

  /** The label of a field core names by path (`targetDate`, `service.serviceId`), for its messages. */
  readonly fieldLabel = (path: string): string | undefined => {
    const t = this.editor.localize.t.carePlanEditor;
    const labels: Record<string, string> = {
      title: t.planTitle,
      description: t.goalDescription,
      needDomain: t.need,
      targetDate: t.targetDate,
      reviewDate: t.reviewDate,
      text: t.progressNote,
      dueDate: t.dueDate,
      assigneeName: t.assignee,
      reason: t.reasonField,
      service: t.chooseService,
      'service.serviceId': t.chooseService,
      'consentOverride.reason': t.overrideReason,
    };
    return labels[path];
  };

  /** True when none of `paths` is missing; else shows them as required and moves focus to the first. */
  required(form: string, paths: string[]): boolean {
    if (!paths.length) {
      this.setError(form, undefined);
      return true;
    }
    const issues: ValidationIssue[] = paths.map((path) => ({ path: path.split('.'), code: 'required', message: 'required' }));
    this.setError(form, this.editor.localize.error(new ValidationError(issues), this.fieldLabel));
    this.editor.focus(`[data-form="${CSS.escape(form)}"] [aria-invalid="true"]`);
    return false;
  }

  startEditing(id: string): void {
    this.editingNow = new Set([...this.editingNow, id]);
    this.host.requestUpdate();
    this.editor.focus(`[data-form="edit:${CSS.escape(id)}"] input`);
  }

  /** Closes a task's edit form; `clear` (cancel) also forgets what was typed and returns focus to "Edit". */
  stopEditing(id: string, clear = false): void {
    const next = new Set(this.editingNow);
    next.delete(id);
    this.editingNow = next;
    this.host.requestUpdate();
    if (clear) {
      this.editor.drafts.clearForm(`edit:${id}`);
      this.setError(`edit:${id}`, undefined);
      this.editor.focus(`[data-edit="${CSS.escape(id)}"]`);
    }
  }

  /** Shows a collapsed form and moves focus into it. */
  open(form: string): void {
    this.openNow = new Set([...this.openNow, form]);
    this.host.requestUpdate();
    this.editor.focus(`[data-form="${CSS.escape(form)}"] :is(input, select, textarea)`);
  }

  /** Collapses a form and returns focus to its button; `discard` also forgets what was typed in it. */
  close(form: string, discard = false): void {
    const next = new Set(this.openNow);
    next.delete(form);
    this.openNow = next;
    this.host.requestUpdate();
    if (discard) {
      this.editor.drafts.clearForm(form);
      this.setError(form, undefined);
    }
    this.editor.focus(`[data-open="${CSS.escape(form)}"]`);
  }
}
