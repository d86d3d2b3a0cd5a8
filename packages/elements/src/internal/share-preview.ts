import { css, html, nothing, type TemplateResult } from 'lit';
import {
  hasErrorCode,
  SHAREABLE_CLIENT_FIELDS,
  ValidationError,
  type CaseManager,
  type Consent,
  type ConsentOverrideInput,
  type NewReferralShareTarget,
  type ReferralPacket,
  type ReferralSharePreview,
  type ShareableClientField,
  type VersionRef,
} from '@casekit/core';
import type { LocalizeController } from '../controllers/localize-controller.js';
import { ltrIsolate } from './bidi.js';

/*
 * The "before sending" step both places that send a referral show (`<ck-referral-tracker>` and the
 * care-plan editor's refer dialog): exactly the packet `referrals.sharePreview` says the receiving
 * organisation would get, and the basis it rests on. The preview is audited as a read of the client,
 * so it is loaded only when the user asks to send, never on render.
 */

/** A loaded preview and what it was asked with. */
export interface SharePreviewModel {
  preview: ReferralSharePreview;
  /** The consent the basis names (for its dates); undefined when this actor may not read it. */
  consent?: Pick<Consent, 'dateTime' | 'period'>;
  /** The override the preview was made with (used by Send, so what is sent is what was shown). */
  override?: ConsentOverrideInput;
  clientName: string;
  serviceName: string;
  organizationName: string;
}

/** Loads the preview (and, for a consent basis, the consent's dates) of a draft or of a referral not created yet. */
export async function loadSharePreview(
  manager: CaseManager,
  target: VersionRef | NewReferralShareTarget,
  names: Pick<SharePreviewModel, 'clientName' | 'serviceName' | 'organizationName'>,
  override?: ConsentOverrideInput,
): Promise<SharePreviewModel> {
  const preview = await manager.referrals.sharePreview(target, override ? { consentOverride: override } : {});
  let consent: Consent | undefined;
  if (typeof preview.basis === 'object') {
    consent = await manager.consents.get(preview.basis.consentId).catch((error: unknown) => {
      // Who may send but not read consents still sees that one is on file, without its dates.
      if (hasErrorCode(error, 'permission')) return undefined;
      throw error;
    });
  }
  return { preview, ...(consent ? { consent: { dateTime: consent.dateTime, period: consent.period } } : {}), ...(override ? { override } : {}), ...names };
}

/**
 * The refusal `send` would give for this preview (`basis: 'override-needed'`): the elements fire it as
 * `ck-error`, as they did when sending was refused, so a host's "record the consent" path (see
 * docs/elements/consent-manager.md) still opens when the preview finds no consent.
 */
export function consentRequiredError(model: SharePreviewModel): ValidationError {
  return new ValidationError([
    {
      path: ['consent'],
      code: 'consent-required',
      message: `${model.clientName} has no active consent to share information with ${model.organizationName}: record the consent, or send with a consent override and a reason`,
    },
  ]);
}

/** What the step shows besides the preview, and what its buttons do. */
export interface SharePreviewView {
  model: SharePreviewModel;
  /** Id of the heading (a dialog's `aria-labelledby`). */
  headingId: string;
  /** `h2` in a dialog of its own. */
  headingLevel: 2 | 3;
  /** Why the preview was redone (changed record, ended consent, changed override): an alert at the top. */
  notice?: string;
  /** Another problem (permission, storage), in words. */
  error?: string;
  /** A problem with the override's reason (shown beside it). */
  overrideError?: string;
  /** Said after "consent is missing" (e.g. that a draft can be saved instead). */
  missingHint?: string;
  /** Offer an override when no consent is on file (the policy allows `override-consent`). */
  offersOverride: boolean;
  busy: boolean;
  onBack(): void;
  onSend(override?: ConsentOverrideInput): void;
  /** Re-preview with an override (its reason may be empty: the caller reports that). */
  onPreviewOverride(override: ConsentOverrideInput): void;
  onCheckAgain(): void;
}

/** The packet's fields in words: label and value, in `SHAREABLE_CLIENT_FIELDS` order after the name. */
export function packetRows(packet: ReferralPacket, localize: LocalizeController): { key: string; label: string; value: string }[] {
  const t = localize.t.sharePreview;
  const rows = [{ key: 'name', label: t.fields.name, value: packet.clientName }];
  if (packet.phone) rows.push({ key: 'phone', label: t.fields.phone, value: ltrIsolate(packet.phone) });
  if (packet.email) rows.push({ key: 'email', label: t.fields.email, value: ltrIsolate(packet.email) });
  if (packet.address) {
    const a = packet.address;
    const value = [...a.line, a.city, a.district, a.state, a.postalCode, a.country].filter((part): part is string => !!part).join(', ');
    if (value) rows.push({ key: 'address', label: t.fields.address, value });
  }
  if (packet.language) rows.push({ key: 'language', label: t.fields.language, value: languageName(packet.language, localize.lang) });
  if (packet.interpreterNeeded !== undefined) rows.push({ key: 'interpreterNeeded', label: t.fields.interpreterNeeded, value: packet.interpreterNeeded ? t.interpreterYes : t.interpreterNo });
  if (packet.birthDate) rows.push({ key: 'birthDate', label: t.fields.birthDate, value: localize.date(packet.birthDate, { dateStyle: 'long' }) });
  return rows;
}

/** Fields the basis allows that the client record has no value for (so nothing of them is sent). */
function notOnRecord(packet: ReferralPacket): ShareableClientField[] {
  const has: Record<ShareableClientField, boolean> = {
    phone: !!packet.phone,
    email: !!packet.email,
    address: !!packet.address,
    language: !!packet.language || packet.interpreterNeeded !== undefined,
    birthDate: !!packet.birthDate,
  };
  return packet.shares.filter((field) => !has[field]);
}

/** The basis in words: the consent and its dates, or the override and its reason. */
function basisText(model: SharePreviewModel, localize: LocalizeController): string {
  const t = localize.t.sharePreview;
  const { basis } = model.preview;
  if (basis === 'override') return t.basisOverride(model.override?.reason ?? '');
  if (basis === 'override-needed') return '';
  if (!model.consent) return t.basisConsentUndated;
  const given = localize.date(model.consent.dateTime, { dateStyle: 'medium' });
  // The end is exclusive: the last day the consent applies is the one before it.
  const end = model.consent.period.end;
  return end ? t.basisConsent(given, localize.date(new Date(Date.parse(end) - 1).toISOString().slice(0, 10), { dateStyle: 'medium' })) : t.basisConsentOpen(given);
}

/** The override typed in the step (reason and chosen fields), read from its controls. */
function typedOverride(e: Event): ConsentOverrideInput {
  const root = (e.currentTarget as HTMLElement).closest('[data-share-preview]');
  const reason = root?.querySelector<HTMLTextAreaElement>('[name="overrideReason"]')?.value.trim() ?? '';
  const shares = [...(root?.querySelectorAll<HTMLInputElement>('[name="overrideShares"]:checked') ?? [])].map((input) => input.value as ShareableClientField);
  return { reason, ...(shares.length ? { shares } : {}) };
}

const sameOverride = (a: ConsentOverrideInput | undefined, b: ConsentOverrideInput | undefined) =>
  a?.reason === b?.reason && (a?.shares ?? []).join() === (b?.shares ?? []).join();

/**
 * True when Send would not send what is shown: the preview rests on an override and a different one
 * was typed since. The caller previews the typed one instead of sending (and says so).
 */
export function overrideChanged(model: SharePreviewModel, typed: ConsentOverrideInput | undefined): boolean {
  return model.preview.basis === 'override' && !sameOverride(model.override, typed);
}

/** The step: destination, shared fields with their values, basis, "nothing else", the override when needed, Back and Send. */
export function renderSharePreview(view: SharePreviewView, localize: LocalizeController): TemplateResult {
  const t = localize.t.sharePreview;
  const { model } = view;
  const { packet, basis } = model.preview;
  const missing = notOnRecord(packet);
  const needed = basis === 'override-needed';
  const overriding = basis === 'override';
  const showOverride = view.offersOverride && (needed || overriding);
  const heading = html`<span class="share-title">${t.title(model.serviceName)}</span>`;
  const typed = model.override;
  return html`<section class="share-preview" part="share-preview" data-share-preview data-basis=${typeof basis === 'object' ? 'consent' : basis} aria-labelledby=${view.headingId}>
    ${view.headingLevel === 2
      ? html`<h2 id=${view.headingId} tabindex="-1">${heading}</h2>`
      : html`<h3 id=${view.headingId} tabindex="-1">${heading}</h3>`}
    ${view.notice ? html`<div class="ck-alert" role="alert" data-notice>${view.notice}</div>` : nothing}
    ${view.error ? html`<div class="ck-alert" role="alert" data-error>${view.error}</div>` : nothing}
    <p class="share-destination"><strong>${t.to}:</strong> ${t.destination(model.serviceName, model.organizationName)}</p>
    <div role="heading" aria-level=${view.headingLevel + 1} class="share-heading" id="${view.headingId}-fields">${t.receives(model.organizationName)}</div>
    <dl class="shared-fields" part="shared-fields" aria-labelledby="${view.headingId}-fields">
      ${packetRows(packet, localize).map((row) => html`<div data-field=${row.key}><dt>${row.label}</dt><dd>${row.value}</dd></div>`)}
    </dl>
    ${missing.length ? html`<p class="hint" data-not-on-record>${t.notOnRecord(localize.list(missing.map((f) => t.fields[f])))}</p>` : nothing}
    <p class="hint share-nothing-else">${t.nothingElse}</p>
    ${needed
      ? html`<p class="ck-alert share-basis" part="share-basis" data-consent-missing>
          ${view.offersOverride ? t.consentMissing(model.clientName, model.organizationName) : t.consentMissingNoOverride(model.clientName, model.organizationName)}
          ${view.missingHint ?? nothing}
        </p>`
      : html`<p class="share-basis" part="share-basis"><strong>${t.basis}:</strong> <span data-basis-text>${basisText(model, localize)}</span></p>`}
    ${showOverride
      ? html`<div class="share-override">
          <label class="ck-field">
            <span>${t.overrideReason} (${localize.t.common.required})</span>
            <textarea
              name="overrideReason"
              aria-required="true"
              aria-invalid=${view.overrideError ? 'true' : 'false'}
              aria-describedby="${view.headingId}-override-error ${view.headingId}-override-hint"
              .value=${typed?.reason ?? ''}
            ></textarea>
          </label>
          <span id="${view.headingId}-override-error" class="ck-field-error">${view.overrideError ?? ''}</span>
          <fieldset class="share-fields-choice">
            <legend>${t.overrideShares}</legend>
            ${SHAREABLE_CLIENT_FIELDS.map(
              (field) => html`<label class="check"><input type="checkbox" name="overrideShares" value=${field} .checked=${typed?.shares?.includes(field) ?? false} /><span>${t.fields[field]}</span></label>`,
            )}
          </fieldset>
          <span id="${view.headingId}-override-hint" class="hint">${t.overrideHint}</span>
          <button type="button" class="ck-button" data-preview-override ?disabled=${view.busy} @click=${(e: Event) => view.onPreviewOverride(typedOverride(e))}>${t.previewOverride}</button>
        </div>`
      : nothing}
    <div class="share-actions">
      ${needed ? html`<button type="button" class="ck-button" data-check-again ?disabled=${view.busy} @click=${() => view.onCheckAgain()}>${t.checkAgain}</button>` : nothing}
      <button type="button" class="ck-button" data-back @click=${() => view.onBack()}>${t.back}</button>
      ${!needed
        ? html`<button
            type="button"
            class="ck-button primary"
            data-confirm-send
            ?disabled=${view.busy}
            @click=${(e: Event) => view.onSend(showOverride ? typedOverride(e) : undefined)}
          >
            ${view.busy ? t.preparing : t.send}
          </button>`
        : nothing}
    </div>
  </section>`;
}

/** `code`'s name in `locale` ("Vietnamese", "vietnamita"), or the code when `Intl` doesn't know it. */
function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Styles of `renderSharePreview`. */
export const sharePreviewStyles = css`
  .share-preview {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
  }
  .share-preview h2,
  .share-preview h3 {
    margin: 0;
    font-size: var(--_ck-fs-l);
    overflow-wrap: anywhere;
  }
  .share-heading {
    font-weight: 600;
  }
  .share-preview p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .shared-fields {
    display: grid;
    grid-template-columns: minmax(7rem, max-content) 1fr;
    gap: var(--_ck-space-1) var(--_ck-space-3);
    margin: 0;
  }
  .shared-fields > div {
    display: contents;
  }
  .shared-fields dt {
    color: var(--_ck-text-muted);
  }
  .shared-fields dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .share-preview .hint {
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .share-override {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    align-items: flex-start;
  }
  .share-override .ck-field {
    align-self: stretch;
  }
  .share-fields-choice {
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius-s);
    margin: 0;
    padding: var(--_ck-space-2) var(--_ck-space-3);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-1) var(--_ck-space-3);
  }
  .share-fields-choice .check {
    display: inline-flex;
    gap: var(--_ck-space-1);
    align-items: center;
  }
  .share-actions {
    display: flex;
    justify-content: flex-end;
    flex-wrap: wrap;
    gap: var(--_ck-space-2);
  }
`;
