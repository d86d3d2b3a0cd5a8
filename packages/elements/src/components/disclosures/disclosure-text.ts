import { calendarDateIn, type Disclosure, type ReferralStatus } from '@casekit/core';
import type { Translation } from '../../translations/types.js';

/** Words for one disclosure in one language: the staff table and the client's copy share them. */
export interface DisclosureWords {
  /** The day it happened, in words. */
  date: string;
  kind: string;
  recipient: string;
  /** What was shared, as a list in the language ("name, reason for the referral and phone number"). */
  information: string;
  /** Why: the referral's reason as written, what the provider did, or an export's reason (undefined: none given). */
  purpose?: string;
  /** On what grounds: the consent and when it was given, or the override with its reason. */
  basis: string;
  /** The consent's purpose as written, when the consent names one. */
  basisDetail?: string;
  by: string;
}

export interface WordingContext {
  table: Translation;
  locale: string;
  /** The manager's time zone: the day of a disclosure is its day on the agency's calendar. */
  timeZone: string;
  /** A calendar date (`YYYY-MM-DD`) in words. */
  day: (date: string) => string;
}

/** Everything shown about `disclosure`, as text (records are shown as written, never as HTML). */
export function disclosureWords(disclosure: Disclosure, ctx: WordingContext): DisclosureWords {
  const d = ctx.table.disclosures;
  const dayOf = (instant: string) => ctx.day(calendarDateIn(new Date(instant), ctx.timeZone));
  const fields = disclosure.information.map((field) => d.fields[field] ?? field);
  const basis = disclosure.basis;
  const words: DisclosureWords = {
    date: dayOf(disclosure.at),
    kind: d.kind[disclosure.kind],
    recipient: disclosure.recipient.name,
    information: capitalized(listIn(ctx.locale, fields), ctx.locale),
    basis:
      'override' in basis
        ? d.basisOverride(basis.override.by.name || basis.override.by.id, dayOf(basis.override.at), basis.override.reason)
        : 'consentId' in basis
          ? basis.consentDateTime
            ? d.basisConsent(dayOf(basis.consentDateTime))
            : d.basisConsentUndated
          : d.basisNone,
    by: disclosure.by.name || disclosure.by.id,
  };
  const purpose = purposeOf(disclosure, ctx.table);
  if (purpose) words.purpose = purpose;
  if ('consentId' in basis && basis.consentPurpose) words.basisDetail = d.basisConsentPurpose(basis.consentPurpose);
  return words;
}

function purposeOf(disclosure: Disclosure, table: Translation): string | undefined {
  const d = table.disclosures;
  const access = disclosure.access;
  if (disclosure.kind === 'provider-access' && access) {
    const status = (s: string | undefined) => (s && table.referralTracker.status[s as ReferralStatus]) || s || '';
    if (access.action === 'read') return d.accessRead;
    if (access.action === 'transition' && access.from && access.to) return d.accessTransition(status(access.from), status(access.to));
    return d.accessOther(access.action);
  }
  return disclosure.purpose;
}

function listIn(locale: string, items: string[]): string {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** The list starts a table cell or a line: its first letter upper-case, in the language's own rules. */
function capitalized(text: string, locale: string): string {
  const first = text.charAt(0);
  try {
    return first.toLocaleUpperCase(locale) + text.slice(1);
  } catch {
    return first.toUpperCase() + text.slice(1);
  }
}
