import { isConsentInForce, type Consent } from '@casekit/core';
import { addDays } from '../../internal/dates.js';

/** What a consent is today, as the list shows it (a badge in words, not only a colour). */
export type ConsentDisplayState = 'active' | 'expiring' | 'expired' | 'upcoming' | 'pending' | 'revoked' | 'refused' | 'enteredInError';

/**
 * The instant "today" is judged at: its last millisecond (UTC). Periods entered as dates are UTC days
 * (core: a start date is the start of that day, an end date the end of it), so a consent ending today
 * is still in force today and one recorded a moment ago already is.
 */
export function endOfDay(today: string): string {
  return `${today}T23:59:59.999Z`;
}

/**
 * The state of a consent on `today` (`YYYY-MM-DD`); `expiringDays` says how soon an end counts as
 * "expiring soon". Whether it is in force is core's decision (`isConsentInForce`).
 */
export function consentState(consent: Pick<Consent, 'status' | 'period'>, today: string, expiringDays: number): ConsentDisplayState {
  switch (consent.status) {
    case 'inactive':
      return 'revoked';
    case 'rejected':
      return 'refused';
    case 'entered-in-error':
      return 'enteredInError';
    case 'draft':
    case 'proposed':
      return 'pending';
    case 'active':
      break;
  }
  const asOf = endOfDay(today);
  if (isConsentInForce(consent, asOf)) {
    const end = lastDay(consent.period);
    return end !== undefined && end <= addDays(today, Math.max(0, expiringDays)) ? 'expiring' : 'active';
  }
  return Date.parse(consent.period.start) > Date.parse(asOf) ? 'upcoming' : 'expired';
}

/** The first day of the period (UTC calendar date). */
export function firstDay(period: Consent['period']): string {
  return period.start.slice(0, 10);
}

/** The last day the consent applies (the end is exclusive): undefined when it has no end. */
export function lastDay(period: Consent['period']): string | undefined {
  return period.end === undefined ? undefined : new Date(Date.parse(period.end) - 1).toISOString().slice(0, 10);
}

/** Badge tone of each state (the text says the state; the tone only repeats it). */
export const STATE_TONE: Record<ConsentDisplayState, '' | 'warning' | 'danger' | 'success'> = {
  active: 'success',
  expiring: 'warning',
  expired: 'danger',
  upcoming: '',
  pending: '',
  revoked: 'danger',
  refused: 'danger',
  enteredInError: '',
};
