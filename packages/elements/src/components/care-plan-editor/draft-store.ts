/**
 * What the user typed, by the field's `data-draft` key. Kept outside the records on screen so it
 * survives re-renders, reloads ("changed elsewhere") and failed saves, ready to save again.
 */
export class DraftStore {
  private readonly values = new Map<string, string>();
  /** The draft field that last had focus: a reload puts focus back there. */
  lastFocused?: string;

  /** The typed value, or `fallback` (usually the stored value) when nothing was typed. */
  get(key: string, fallback = ''): string {
    return this.values.has(key) ? this.values.get(key)! : fallback;
  }

  clear(keys: readonly string[]): void {
    for (const key of keys) this.values.delete(key);
  }

  /** Forgets every field of one form (`task:<goal id>` clears `task:<goal id>:description`, ...). */
  clearForm(form: string): void {
    for (const key of [...this.values.keys()]) if (key.startsWith(`${form}:`)) this.values.delete(key);
  }

  /** `input` / `change` listener for the whole editor: records any field with a `data-draft` key. */
  readonly onInput = (e: Event): void => {
    const el = e.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    const key = el.dataset.draft;
    if (!key) return;
    this.values.set(key, el.type === 'checkbox' ? String((el as HTMLInputElement).checked) : el.value);
  };

  readonly onFocusIn = (e: FocusEvent): void => {
    const key = (e.composedPath()[0] as HTMLElement | undefined)?.dataset?.draft;
    if (key) this.lastFocused = key;
  };
}
