import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { REFERRAL_URGENCIES, type Client, type Goal, type ServiceSearchResult } from '@casekit/core';
import type { LocalizedError } from '../../translations/error-messages.js';
import type { Translation } from '../../translations/types.js';
import { goalText, languageName } from './care-plan-language.js';
import { ltrIsolate } from '../../internal/bidi.js';
import { renderSharePreview, type SharePreviewModel, type SharePreviewView } from '../../internal/share-preview.js';
import type { LocalizeController } from '../../controllers/localize-controller.js';

/** The referral dialog of one goal: directory search, chosen service, consent step. */
export interface ReferState {
  goalId: string;
  results: ServiceSearchResult[];
  searching: boolean;
  searched: boolean;
  serviceId?: string;
  /** Whether a consent to share with the chosen service's organisation is on file (a hint before sending). */
  consent?: 'on-file' | 'missing' | 'unknown';
  override: boolean;
  /** The policy refused the override: only a draft is possible. */
  overrideRefused?: boolean;
  error?: LocalizedError;
  busy?: boolean;
  /** After Send now: the preview of what sending shares (the form is kept in the drafts meanwhile). */
  preview?: ReferPreviewState;
}

/** The "before sending" step of the dialog. */
export interface ReferPreviewState {
  share: SharePreviewModel;
  /** Why it was previewed again (the consent ended, the override changed or was refused). */
  notice?: string;
  error?: string;
  overrideError?: string;
  busy?: boolean;
}

export interface ReferDialogContext {
  ui: Translation;
  /** The user's language tag (language names are shown in it). */
  lang: string;
  localize: LocalizeController;
  /** The preview step, when the dialog shows it (instead of the form). */
  preview?: SharePreviewView;
  client?: Client;
  noConsentOverride: boolean;
  draft(key: string, fallback?: string): string;
  onSubmit(e: SubmitEvent): void;
  /** Cancel button and Escape. */
  onCancel(e?: Event): void;
  /** The `<dialog>` closed by any means. */
  onClosed(): void;
  onSearchInput(e: Event): void;
  onChooseService(serviceId: string): void;
  /** Replaces the dialog's state (the override checkbox). */
  update(next: ReferState): void;
}

/** The modal referral dialog; empty (and closed) without a state and its goal. */
export function renderReferDialog(r: ReferState | undefined, goal: Goal | undefined, ctx: ReferDialogContext): TemplateResult {
  return html`<dialog part="dialog" data-dialog="refer" class="refer" aria-labelledby="refer-title" @cancel=${ctx.onCancel} @close=${ctx.onClosed}>
    ${r && goal ? (ctx.preview ? renderSharePreview(ctx.preview, ctx.localize) : renderReferForm(r, goal, ctx)) : nothing}
  </dialog>`;
}

function renderReferForm(r: ReferState, goal: Goal, ctx: ReferDialogContext): TemplateResult {
  const ui = ctx.ui;
  const t = ui.carePlanEditor;
  const key = `refer:${goal.id}`;
  const language = ctx.client?.language;
  const clientLanguage = language ? languageName(language, ctx.lang) : undefined;
  const fieldError = (path: string) => r.error?.fields.get(path);
  const general = r.error && !r.error.fields.size ? r.error.message : undefined;
  const chosen = r.results.find((x) => x.service.id === r.serviceId)?.service;
  const urgency = ctx.draft(`${key}:urgency`, 'routine');
  const canOverride = !ctx.noConsentOverride && !r.overrideRefused;
  return html`<form data-form="refer" @submit=${ctx.onSubmit} novalidate>
    <h2 id="refer-title">${t.referTitle(ui.needs[goal.needDomain])}</h2>
    <p class="hint">${t.referFor(goal.description)}</p>
    ${clientLanguage
      ? html`<p class="hint">
          ${t.clientLanguage(clientLanguage)}${ctx.client?.interpreterNeeded ? html` · <strong>${t.interpreterNeeded}</strong>` : nothing}
        </p>`
      : nothing}
    ${general ? html`<div class="ck-alert" role="alert">${general}</div>` : nothing}
    <label class="ck-field">
      <span>${t.searchServices}</span>
      <input type="search" data-draft=${`${key}:search`} placeholder=${t.searchPlaceholder} .value=${live(ctx.draft(`${key}:search`))} @input=${ctx.onSearchInput} />
    </label>
    <fieldset class="services" part="service-list" aria-invalid=${fieldError('service') ? 'true' : 'false'} aria-describedby="service-error">
      <legend>${t.chooseService}</legend>
      ${r.searching && !r.results.length ? html`<p class="empty">${ui.common.loading}</p>` : nothing}
      ${r.searched && !r.results.length ? html`<p class="empty">${t.noServices}</p>` : nothing}
      ${repeat(
        r.results,
        (x) => x.service.id,
        (x) => html`<label class="service" part="service" data-service=${x.service.id} data-language-match=${x.languageMatch ?? 'none'}>
          <input type="radio" name="service" value=${x.service.id} .checked=${live(r.serviceId === x.service.id)} @change=${() => ctx.onChooseService(x.service.id)} />
          <span class="service-text">
            <strong>${x.service.name}</strong>
            <span>${x.service.organizationName}</span>
            <span class="service-meta">
              ${clientLanguage && x.languageMatch === 'spoken' ? html`<span class="ck-badge success" part="badge">${t.languageSpoken(clientLanguage)}</span>` : nothing}
              ${clientLanguage && x.languageMatch === 'interpretation' ? html`<span class="ck-badge warning" part="badge">${t.languageInterpretation}</span>` : nothing}
              ${clientLanguage && x.languageMatch === 'none' ? html`<span class="ck-badge" part="badge">${t.languageNone(clientLanguage)}</span>` : nothing}
              ${x.service.contact.phone ? html`<span>${t.phone(ltrIsolate(x.service.contact.phone))}</span>` : nothing}
            </span>
          </span>
        </label>`,
      )}
      <span id="service-error" class="ck-field-error">${fieldError('service') ?? ''}</span>
    </fieldset>
    <label class="ck-field">
      <span>${t.reason}</span>
      <textarea
        data-draft=${`${key}:reason`}
        .value=${live(ctx.draft(`${key}:reason`, goalText(goal, ui)))}
        aria-invalid=${fieldError('reason') ? 'true' : 'false'}
        aria-describedby="refer-reason-error"
      ></textarea>
      <span id="refer-reason-error" class="ck-field-error">${fieldError('reason') ?? ''}</span>
    </label>
    <label class="ck-field">
      <span>${t.urgency}</span>
      <select data-draft=${`${key}:urgency`} .value=${live(urgency)}>
        ${REFERRAL_URGENCIES.map((u) => html`<option value=${u} ?selected=${urgency === u}>${ui.referralTracker.urgency[u]}</option>`)}
      </select>
    </label>
    <fieldset class="consent" part="consent">
      <legend>${t.consentStep}</legend>
      ${chosen && r.consent === 'on-file'
        ? html`<p class="hint" data-consent="on-file">${t.consentOnFile(chosen.organizationName)}</p>`
        : chosen && r.consent === 'missing'
          ? html`<p class="hint" data-consent="missing">${t.consentNotOnFile(chosen.organizationName)}</p>`
          : nothing}
      ${canOverride && r.consent === 'missing'
        ? html`<label class="check">
              <input
                type="checkbox"
                data-draft=${`${key}:override`}
                .checked=${live(r.override)}
                @change=${(e: Event) => ctx.update({ ...r, override: (e.target as HTMLInputElement).checked })}
              />
              <span>${t.overrideConsent}</span>
            </label>
            ${r.override
              ? html`<label class="ck-field">
                  <span>${t.overrideReason} (${ui.common.required})</span>
                  <textarea
                    data-draft=${`${key}:override-reason`}
                    .value=${live(ctx.draft(`${key}:override-reason`))}
                    aria-required="true"
                    aria-invalid=${fieldError('consentOverride.reason') ? 'true' : 'false'}
                    aria-describedby="override-error"
                  ></textarea>
                  <span id="override-error" class="ck-field-error">${fieldError('consentOverride.reason') ?? ''}</span>
                </label>`
              : nothing}`
        : nothing}
      ${!canOverride && r.consent === 'missing' ? html`<p class="hint">${t.overrideUnavailable}</p>` : nothing}
    </fieldset>
    <div class="actions">
      <button type="button" class="ck-button" part="button" @click=${ctx.onCancel}>${ui.common.cancel}</button>
      <button type="submit" class="ck-button" part="button" value="draft" ?disabled=${r.busy}>${t.saveDraft}</button>
      <button type="submit" class="ck-button primary" part="button" value="send" ?disabled=${r.busy}>${t.sendNow}</button>
    </div>
  </form>`;
}
