// Where focus goes once <ck-intake-form> has rendered what an action changed: the error summary
// after a refused submit, the confirmation after a save, a new repeating-group entry's first control,
// the entry that took a removed one's place. Actions name the target by id; the element's `updated()`
// moves focus there once, so the target exists (a new entry, the summary) when focus is moved.

/** The one focus move waiting for the next render. */
export class PendingFocus {
  private next?: { id: string; within: boolean };

  /** Focus the element with this id after the next render (`within`: its first control instead). */
  set(id: string, within = false): void {
    this.next = { id, within };
  }

  /** After a render: moves focus to the waiting target in `root`, once. */
  apply(root: ParentNode): void {
    const focus = this.next;
    if (!focus) return;
    this.next = undefined;
    const target = root.querySelector<HTMLElement>(`#${CSS.escape(focus.id)}`);
    const inner = focus.within ? target?.querySelector<HTMLElement>('input, select, textarea, button') : null;
    (inner ?? target)?.focus();
  }
}
