import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { hasErrorCode, type CaseManager, type CaseRecord, type Note, type NoteView } from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { firstInvalid, firstTabbable, focusableHeading } from '../../internal/focus-target.js';
import { dateHintStyles } from '../../internal/date-hint.js';
import { renderSkeletons, skeletonStyles } from '../../internal/skeleton.js';
import { SerialRunner } from '../../internal/serial-runner.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { caseNotesStyles } from './case-notes.styles.js';
import { emptyForm, formFromNote, toAmendment, toInput, toPatch, type NoteFormState } from './note-form-state.js';
import { renderNoteForm, type NoteFieldKey } from './note-form.js';
import { renderNoteItem } from './note-item.js';

const PAGE_SIZE = 20;
const FIELD_KEYS: readonly NoteFieldKey[] = ['type', 'outcome', 'occurredAt', 'durationMinutes', 'participants', 'interpreter', 'text', 'nextContactDue', 'reason'];
const fieldKey = (path: string): NoteFieldKey | undefined => FIELD_KEYS.find((key) => path === key || path.startsWith(`${key}.`));

/**
 * @summary The contact log of a case: its notes newest first (type, outcome, when, duration,
 * participants, interpreter, author, draft / signed / amended with links between a note and its
 * amendments), and a form to write one, edit a draft or amend a signed note with a reason.
 *
 * Follows core: the form is shown only when the policy lets the actor create notes on the case
 * (`manager.can`), Edit only on drafts the actor may update, Amend only on signed notes. What is typed
 * in the form is kept in `manager.drafts` (key `case-notes:<case id>`), so it survives a reload;
 * it is discarded once saved. A stale draft edit (ConflictError) says so and offers to reload,
 * keeping what was typed.
 *
 * `focus()` goes to the note form's first invalid field, else its first field; without a form (read
 * only) to the first note's action, else the heading.
 *
 * @fires ck-note-saved - A note was saved as a draft (new or edited). `detail: { noteId, caseId, record }`.
 * @fires ck-note-signed - A note was signed. `detail: { noteId, caseId, record }`.
 * @fires ck-note-amended - A signed note was amended. `detail: { noteId, caseId, record, amends }`.
 * @fires ck-error - Core refused something (also shown in the element, beside the field when it has one). `detail: ErrorDetail`.
 *
 * @slot header-end - Extra controls beside the heading.
 * @slot empty - Shown instead of the default text when the case has no notes.
 *
 * @csspart header - The heading row.
 * @csspart heading - The element's heading.
 * @csspart summary - The "N notes" line.
 * @csspart alert - The error banner.
 * @csspart form - The note form.
 * @csspart form-heading - The form's heading.
 * @csspart participants-field - The participants fieldset.
 * @csspart field-error - A field's error message.
 * @csspart form-actions - The form's buttons.
 * @csspart list - The list of notes.
 * @csspart note - One note.
 * @csspart note-header - A note's title row.
 * @csspart note-type - The note type (the note's title).
 * @csspart badge - Any badge (outcome, status).
 * @csspart outcome - The outcome badge.
 * @csspart status - The status badge (draft, signed, amended).
 * @csspart when - When the contact happened.
 * @csspart duration - How long it took.
 * @csspart subject - The subject line.
 * @csspart text - The note text.
 * @csspart participants - Who took part.
 * @csspart interpreter - The interpreter line.
 * @csspart meta - Author and signature.
 * @csspart amends - On an amendment: the link to the note it corrects, and the reason.
 * @csspart amended-by - On an amended note: links to its amendments.
 * @csspart actions - A note's buttons.
 * @csspart action-button - Edit / Amend.
 * @csspart load-more - The "Show older notes" button.
 * @csspart skeletons - Placeholder rows while the notes load (the element is `aria-busy` then).
 * @csspart skeleton - One placeholder row.
 * @csspart date-hint - Under a date field: its format (the browser's day-month-year order) and, once filled, the date in words.
 *
 * @cssprop --ck-case-notes-background - Element background.
 * @cssprop --ck-case-notes-note-background - Note background.
 * @cssprop --ck-case-notes-note-border - Note border color.
 * @cssprop --ck-case-notes-draft-border - Border color of drafts (marked with a dashed edge).
 * @cssprop --ck-case-notes-gap - Space between notes.
 * @cssprop --ck-date-hint-color - Text color of date fields' hints. Default the muted text color.
 */
export class CkCaseNotes extends CasekitElement {
  static override styles = [sharedStyles, dateHintStyles, skeletonStyles, caseNotesStyles];

  /** The case whose notes are shown. */
  @property({ attribute: 'case-id', reflect: true }) caseId?: string;

  /** Show the log without the form or any action (whatever the actor may do). */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Heading level of the element's title. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Accessible name and heading. Default: "Contact log", translated. */
  @property() label?: string;

  @state() private items: NoteView[] = [];
  @state() private caseRecord?: CaseRecord;
  @state() private nextCursor?: string;
  @state() private loaded = false;
  @state() private form: NoteFormState = emptyForm();
  @state() private errors = new Map<NoteFieldKey, string>();
  @state() private message?: string;
  @state() private messageConflict = false;
  @state() private busy = false;
  @state() private liveText = '';

  private readonly casekit = new ManagerController(this, {
    collections: ['notes', 'cases'],
    onManager: () => void this.refresh(true),
    onChange: () => void this.refresh(),
  });
  private readonly runner = new SerialRunner(() => this.load());
  /** The next load also reads the form's stored draft (first load, new manager or case). */
  private restorePending = false;
  private draftTimer?: ReturnType<typeof setTimeout>;
  private draftSaving: Promise<unknown> = Promise.resolve();

  /** The notes shown, newest first. */
  get notes(): readonly NoteView[] {
    return this.items;
  }

  /** Resolves when the notes have been (re)loaded and rendered, and the form's draft is stored. */
  get loadComplete(): Promise<void> {
    return this.settle([this.runner], () => this.draftSaving);
  }

  /** Reloads the notes (done on every core change); `restoreDraft` also reads the form's stored draft. */
  refresh(restoreDraft = false): Promise<void> {
    if (restoreDraft) this.restorePending = true;
    return this.runner.run();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && changed.has('caseId')) {
      this.form = emptyForm();
      this.errors = new Map();
      this.message = undefined;
      // Another case: its notes, never the previous client's, once loaded (skeletons until then).
      this.items = [];
      this.nextCursor = undefined;
      this.loaded = false;
      void this.refresh(true);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.draftTimer);
  }

  private get activeManager(): CaseManager | undefined {
    return this.casekit.value;
  }

  private get draftKey(): string {
    return `case-notes:${this.caseId ?? ''}`;
  }

  private async load(): Promise<void> {
    const manager = this.activeManager;
    const caseId = this.caseId;
    if (!manager || !caseId) {
      this.items = [];
      this.loaded = !!manager;
      return;
    }
    try {
      const [caseRecord, page] = await Promise.all([manager.cases.get(caseId), manager.notes.forCase(caseId, { limit: Math.max(PAGE_SIZE, this.items.length) })]);
      if (caseId !== this.caseId) return;
      this.caseRecord = caseRecord;
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      if (this.restorePending) {
        this.restorePending = false;
        if (this.canWrite) await this.restoreDraft(manager);
      }
      if (this.messageConflict) {
        this.message = undefined;
        this.messageConflict = false;
      }
    } catch (error) {
      this.items = [];
      this.message = this.reportError(error, 'load').message;
    } finally {
      if (caseId === this.caseId) this.loaded = true;
    }
  }

  private async loadMore(): Promise<void> {
    const manager = this.activeManager;
    if (!manager || !this.caseId || !this.nextCursor) return;
    try {
      const page = await manager.notes.forCase(this.caseId, { limit: PAGE_SIZE, cursor: this.nextCursor });
      this.items = [...this.items, ...page.items.filter((n) => !this.items.some((m) => m.id === n.id))];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.message = this.reportError(error, 'load').message;
    }
  }

  // ---------------------------------------------------------------- drafts of the form

  private async restoreDraft(manager: CaseManager): Promise<void> {
    const stored = await manager.drafts.get(this.draftKey).catch(() => undefined);
    if (!stored || typeof stored.data !== 'object' || stored.data === null) return;
    this.form = { ...emptyForm(), ...(stored.data as unknown as NoteFormState) };
    this.announce(this.localize.t.caseNotes.draftRestored);
  }

  /** Keeps what was typed in `manager.drafts`, a moment after the last keystroke. */
  private change(patch: Partial<NoteFormState>): void {
    this.form = { ...this.form, ...patch };
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => void this.storeDraft(), 300);
  }

  private storeDraft(): Promise<unknown> {
    const manager = this.activeManager;
    if (!manager || !this.caseId) return Promise.resolve();
    const data = JSON.parse(JSON.stringify(this.form)) as Record<string, never>;
    this.draftSaving = manager.drafts.save(this.draftKey, { kind: 'case-notes', caseId: this.caseId, data }).catch((error: unknown) => this.reportError(error, 'save-draft'));
    return this.draftSaving;
  }

  /** Stores the form's draft now (instead of after the pause). For tests and hosts about to navigate away. */
  async flushDraft(): Promise<void> {
    clearTimeout(this.draftTimer);
    await this.storeDraft();
  }

  private async discardDraft(manager: CaseManager): Promise<void> {
    clearTimeout(this.draftTimer);
    await manager.drafts.discard(this.draftKey).catch(() => undefined);
  }

  // ---------------------------------------------------------------- policy

  private get canWrite(): boolean {
    const manager = this.activeManager;
    if (!manager || this.readonly || !this.caseId || !this.caseRecord) return false;
    return manager.can({ action: 'create', collection: 'notes', record: { caseId: this.caseId }, case: this.caseRecord });
  }

  private canEdit(note: NoteView): boolean {
    const manager = this.activeManager;
    return !!manager && !this.readonly && note.status === 'draft' && manager.can({ action: 'update', collection: 'notes', record: note, case: this.caseRecord });
  }

  private canAmend(note: NoteView): boolean {
    const manager = this.activeManager;
    return !!manager && !this.readonly && note.status === 'signed' && manager.can({ action: 'create', collection: 'notes', record: note, case: this.caseRecord });
  }

  // ---------------------------------------------------------------- saving

  private async submit(sign: boolean): Promise<void> {
    const manager = this.activeManager;
    const caseId = this.caseId;
    if (!manager || !caseId || this.busy) return;
    const t = this.localize.t.caseNotes;
    const form = this.form;
    this.busy = true;
    this.announce(t.saving);
    try {
      let saved: Note;
      if (form.mode === 'amend') {
        saved = await manager.notes.amend({ id: form.noteId!, version: form.version! }, toAmendment(form));
        this.emit('ck-note-amended', { noteId: saved.id, caseId, record: saved, amends: form.noteId! });
        this.announce(t.amended);
      } else {
        if (form.mode === 'edit') {
          saved = await manager.notes.update({ id: form.noteId!, version: form.version! }, toPatch(form));
          if (sign) saved = await manager.notes.sign(saved, form.nextContactDue ? { nextContactDue: form.nextContactDue } : {});
        } else saved = await manager.notes.create(toInput(form, caseId, sign));
        this.emit(sign ? 'ck-note-signed' : 'ck-note-saved', { noteId: saved.id, caseId, record: saved });
        this.announce(sign ? t.signed : t.saved);
      }
      this.form = emptyForm();
      this.errors = new Map();
      this.message = undefined;
      this.messageConflict = false;
      await this.discardDraft(manager);
      await this.refresh();
    } catch (error) {
      this.showError(error, form.mode === 'amend' ? 'amend' : sign ? 'sign' : 'save');
    } finally {
      this.busy = false;
    }
  }

  private showError(error: unknown, operation: string): void {
    const labels = this.fieldLabels();
    const described = this.reportError(error, operation, (path) => labels[fieldKey(path) ?? ''] ?? undefined);
    const errors = new Map<NoteFieldKey, string>();
    for (const [path, text] of described.fields) {
      const key = fieldKey(path);
      if (key && !errors.has(key)) errors.set(key, text);
    }
    this.errors = errors;
    this.messageConflict = described.conflict || hasErrorCode(error, 'conflict');
    this.message = errors.size ? undefined : described.message;
    this.announce(described.message);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [part~="alert"] button')?.focus());
  }

  private fieldLabels(): Record<string, string> {
    const t = this.localize.t.caseNotes;
    return {
      type: t.typeField,
      outcome: t.outcomeField,
      occurredAt: t.occurredAtField,
      durationMinutes: t.durationField,
      participants: t.participantsLabel,
      interpreter: t.interpreterLanguageField,
      text: t.textField,
      nextContactDue: t.nextContactField,
      reason: t.reasonField,
    };
  }

  /** After a conflict: load the notes as stored now; the form keeps what was typed, based on the latest version. */
  private async onReload(): Promise<void> {
    this.message = undefined;
    this.messageConflict = false;
    await this.refresh();
    const latest = this.form.noteId ? this.items.find((n) => n.id === this.form.noteId) : undefined;
    if (latest) this.form = { ...this.form, version: latest.version, ...(latest.status === 'signed' && this.form.mode === 'edit' ? { mode: 'new' as const } : {}) };
  }

  private startEdit(note: NoteView, mode: 'edit' | 'amend'): void {
    this.form = formFromNote(note, mode);
    this.errors = new Map();
    void this.storeDraft();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="form"] textarea')?.focus());
  }

  private cancelEdit(): void {
    this.form = emptyForm();
    this.errors = new Map();
    const manager = this.activeManager;
    if (manager) void this.discardDraft(manager);
  }

  private announce(text: string): void {
    this.liveText = text === this.liveText ? `${text}\u00a0` : text;
  }

  private languageName(tag: string): string {
    try {
      return new Intl.DisplayNames([this.localize.lang], { type: 'language' }).of(tag) ?? tag;
    } catch {
      return tag;
    }
  }

  /** The note form's first invalid field, else its first field; else the first note's action; else the heading. */
  protected override focusTarget(): HTMLElement | null {
    const root = this.renderRoot;
    const form = root.querySelector('form');
    return firstInvalid(form) ?? firstTabbable(form) ?? firstTabbable(root.querySelector('[part~="list"]')) ?? focusableHeading(root.querySelector<HTMLElement>('#notes-heading'));
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const cn = t.caseNotes;
    const manager = this.activeManager;
    const summary = !manager ? t.errors.noManager : this.loaded ? cn.count(this.items.length, this.localize.number(this.items.length)) : t.common.loading;
    const dateTime = (instant: string) => this.localize.date(instant, { dateStyle: 'medium', timeStyle: 'short' });
    const pending = !!manager && !!this.caseId && !this.loaded;
    return html`<section class="root" part="root" dir=${this.localize.dir} lang=${this.localize.lang} aria-labelledby="notes-heading" aria-busy=${pending ? 'true' : 'false'}>
      <div class="header" part="header">
        <div role="heading" aria-level=${this.headingLevel} id="notes-heading" class="heading" part="heading">${this.label ?? cn.label}</div>
        <slot name="header-end"></slot>
      </div>
      <p class="summary" part="summary">${summary}</p>
      ${this.message
        ? html`<div class="ck-alert" part="alert" role="alert">
            <span>${this.message}</span>
            ${this.messageConflict
              ? html`<button type="button" class="ck-button" @click=${this.onReload}>${t.common.reload}</button>`
              : html`<button type="button" class="ck-button" @click=${() => (this.message = undefined)}>${t.common.dismiss}</button>`}
          </div>`
        : nothing}
      ${this.loaded && this.canWrite
        ? renderNoteForm({
            t: cn,
            optional: t.common.optional,
            localize: this.localize,
            form: this.form,
            errors: this.errors,
            busy: this.busy,
            change: (patch) => this.change(patch),
            submit: (sign) => void this.submit(sign),
            cancel: () => this.cancelEdit(),
          })
        : nothing}
      ${this.loaded && manager && this.caseId && this.items.length === 0 && !this.message ? html`<slot name="empty"><p class="empty">${cn.empty}</p></slot>` : nothing}
      ${pending ? renderSkeletons() : nothing}
      ${this.items.length
        ? html`<ul class="list" part="list" role="list">
            ${this.items.map((note) =>
              renderNoteItem(note, {
                t: cn,
                dateTime,
                number: (n) => this.localize.number(n),
                language: (tag) => this.languageName(tag),
                canEdit: (n) => this.canEdit(n),
                canAmend: (n) => this.canAmend(n),
                onEdit: (n) => this.startEdit(n, 'edit'),
                onAmend: (n) => this.startEdit(n, 'amend'),
                find: (id) => this.items.find((n) => n.id === id),
              }),
            )}
          </ul>`
        : nothing}
      ${this.nextCursor ? html`<button type="button" class="ck-button" part="load-more" @click=${this.loadMore}>${cn.loadMore}</button>` : nothing}
      <div class="sr-only" role="status" aria-live="polite">${this.liveText}</div>
    </section>`;
  }
}
