import { html, nothing, type TemplateResult } from 'lit';
import type { NoteView } from '@casekit/core';
import type { CaseNotesMessages } from '../../translations/types.js';

/** What rendering one note needs from the element: strings, formatting and the actions allowed. */
export interface NoteItemContext {
  t: CaseNotesMessages;
  dateTime(instant: string): string;
  number(value: number): string;
  language(tag: string): string;
  canEdit(note: NoteView): boolean;
  canAmend(note: NoteView): boolean;
  onEdit(note: NoteView): void;
  onAmend(note: NoteView): void;
  /** The note an amendment corrects, or one that amends this note, when it is on the page. */
  find(id: string): NoteView | undefined;
}

/** Status shown: a signed note that later notes amend reads "Amended". */
export function noteStatus(note: NoteView): 'draft' | 'signed' | 'amended' {
  return note.status === 'draft' ? 'draft' : note.amendedBy.length ? 'amended' : 'signed';
}

/** One note of the log. Every value is text in the template (Lit escapes it): never HTML. */
export function renderNoteItem(note: NoteView, c: NoteItemContext): TemplateResult {
  const { t } = c;
  const status = noteStatus(note);
  const original = note.amends ? c.find(note.amends) : undefined;
  return html`<li class="note" part="note" data-note=${note.id} data-status=${status} aria-labelledby=${`note-${note.id}-title`}>
    <div class="note-header" part="note-header">
      <span id=${`note-${note.id}-title`} class="note-type" part="note-type">${t.type[note.type]}</span>
      ${note.outcome ? html`<span class="ck-badge ${note.outcome === 'completed' ? '' : 'warning'}" part="badge outcome">${t.outcome[note.outcome]}</span>` : nothing}
      <span class="ck-badge" part="badge status" data-status=${status}>${t.status[status]}</span>
      <time class="when" part="when" datetime=${note.occurredAt}>${c.dateTime(note.occurredAt)}</time>
      ${note.durationMinutes !== undefined ? html`<span part="duration">${t.duration(c.number(note.durationMinutes))}</span>` : nothing}
    </div>
    ${note.subject ? html`<p class="subject" part="subject">${note.subject}</p>` : nothing}
    <p class="text" part="text">${note.text}</p>
    ${note.participants?.length
      ? html`<div part="participants"><span class="label">${t.participantsLabel}:</span>
          <ul class="inline-list" role="list">${note.participants.map((p) => html`<li>${p.role ? t.participant(p.name, p.role) : p.name}</li>`)}</ul></div>`
      : nothing}
    ${note.interpreter?.used
      ? html`<p part="interpreter">${note.interpreter.language ? t.interpreterLanguage(c.language(note.interpreter.language)) : t.interpreterUsed}</p>`
      : nothing}
    <p class="meta" part="meta">
      <span>${t.by(note.author.name)}</span>
      ${note.signedAt && note.signedBy ? html`<span>${t.signedBy(note.signedBy.name, c.dateTime(note.signedAt))}</span>` : nothing}
    </p>
    ${note.amends
      ? html`<p part="amends">
          ${original ? html`<a href=${`#note-${original.id}-title`} @click=${(e: Event) => focusNote(e, original.id)}>${t.amends(c.dateTime(original.occurredAt))}</a>` : t.amends('')}
          ${note.amendmentReason ? html`<span> — ${t.amendmentReason(note.amendmentReason)}</span>` : nothing}
        </p>`
      : nothing}
    ${note.amendedBy.length
      ? html`<p part="amended-by">${t.amendedBy}:
          ${note.amendedBy.map((id) => {
            const amendment = c.find(id);
            return amendment ? html`<a href=${`#note-${id}-title`} data-amendment=${id} @click=${(e: Event) => focusNote(e, id)}>${c.dateTime(amendment.signedAt ?? amendment.createdAt)}</a> ` : nothing;
          })}
        </p>`
      : nothing}
    ${c.canEdit(note) || c.canAmend(note)
      ? html`<div class="actions" part="actions">
          ${c.canEdit(note) ? html`<button type="button" class="ck-button" part="action-button" data-action="edit" @click=${() => c.onEdit(note)}>${t.edit}</button>` : nothing}
          ${c.canAmend(note) ? html`<button type="button" class="ck-button" part="action-button" data-action="amend" @click=${() => c.onAmend(note)}>${t.amend}</button>` : nothing}
        </div>`
      : nothing}
  </li>`;
}

/** In-page links between a note and its amendments: scroll to and focus the other note (a shadow root has no URL fragments). */
function focusNote(e: Event, id: string): void {
  e.preventDefault();
  const root = (e.currentTarget as HTMLElement).getRootNode() as ShadowRoot;
  const target = root.querySelector<HTMLElement>(`[data-note="${CSS.escape(id)}"]`);
  if (!target) return;
  target.tabIndex = -1;
  target.focus();
}
