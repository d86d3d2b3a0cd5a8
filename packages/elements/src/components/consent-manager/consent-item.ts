import { html, nothing, type TemplateResult } from 'lit';
import type { Consent } from '@casekit/core';
import type { ConsentManagerMessages } from '../../translations/types.js';
import { firstDay, lastDay, STATE_TONE, type ConsentDisplayState } from './consent-state.js';

/** What rendering one consent needs from the element: strings, formatting and the actions allowed. */
export interface ConsentItemContext {
  t: ConsentManagerMessages;
  /** A calendar date (`YYYY-MM-DD`) in the element's locale. */
  day(date: string): string;
  dateTime(instant: string): string;
  state(consent: Consent): ConsentDisplayState;
  canRevoke(consent: Consent): boolean;
  canMarkEnteredInError(consent: Consent): boolean;
  onRevoke(consent: Consent): void;
  onEnteredInError(consent: Consent): void;
}

/** "1 Dec 2026 – 31 May 2027" or "From 1 Dec 2026, no end date" (the end shown is the last day it applies). */
export function periodText(consent: Consent, t: ConsentManagerMessages, day: (date: string) => string): string {
  const end = lastDay(consent.period);
  return end === undefined ? t.periodOpen(day(firstDay(consent.period))) : t.period(day(firstDay(consent.period)), day(end));
}

/** The reason of the consent's last change, when it has one (revoked, entered in error). */
export function lastReason(consent: Consent): string | undefined {
  return consent.statusHistory.at(-1)?.reason;
}

/** One consent of the list. Every value is text in the template (Lit escapes it): never HTML. */
export function renderConsentItem(consent: Consent, c: ConsentItemContext): TemplateResult {
  const { t } = c;
  const state = c.state(consent);
  const reason = consent.status === 'inactive' || consent.status === 'entered-in-error' ? lastReason(consent) : undefined;
  const revoke = c.canRevoke(consent);
  const inError = c.canMarkEnteredInError(consent);
  return html`<li class="consent" part="consent" data-consent=${consent.id} data-state=${state} aria-labelledby=${`consent-${consent.id}-title`}>
    <div class="consent-header" part="consent-header">
      <span id=${`consent-${consent.id}-title`} class="consent-scope" part="scope" tabindex="-1">${t.scope[consent.scope]}</span>
      <span class="ck-badge ${STATE_TONE[state]}" part="badge status" data-state=${state}>${t.state[state]}</span>
    </div>
    <p part="grantee">${t.grantee(consent.grantee?.name ?? t.anyProvider)}</p>
    <p part="period">${periodText(consent, t, c.day)}</p>
    <p class="purpose" part="purpose">${consent.purpose}</p>
    <p class="meta" part="meta">
      <span>${t.sourceLine(t.source[consent.source], consent.sourceReference)}</span>
      <span>${t.recordedBy(consent.recordedBy.name, c.dateTime(consent.dateTime))}</span>
    </p>
    ${reason ? html`<p part="reason">${t.reason(reason)}</p>` : nothing}
    ${revoke || inError
      ? html`<div class="actions" part="actions">
          ${revoke ? html`<button type="button" class="ck-button" part="action-button" data-action="revoke" @click=${() => c.onRevoke(consent)}>${t.revoke}</button>` : nothing}
          ${inError ? html`<button type="button" class="ck-button" part="action-button" data-action="entered-in-error" @click=${() => c.onEnteredInError(consent)}>${t.markEnteredInError}</button>` : nothing}
        </div>`
      : nothing}
  </li>`;
}
