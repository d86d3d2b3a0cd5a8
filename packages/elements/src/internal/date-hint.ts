import { css, html, type TemplateResult } from 'lit';
import type { LocalizeController } from '../controllers/localize-controller.js';

// A native `<input type="date">` shows day, month and year in the order of the *browser's* language
// (Chromium: its UI language), whatever `lang` the page or element has; a page cannot change it. So a
// Spanish page in an English browser shows mm/dd/yyyy. Each date field therefore says the order it
// most likely shows and, once filled, the date in words in the element's language, so a day and a
// month read the wrong way round are seen at once.

/** A calendar day whose day (31) and month (12) cannot be mistaken for each other. */
const PROBE = new Date(Date.UTC(2026, 11, 31));

/**
 * Day, month and year in the order the browser's date fields use (`browserLocale`, by default
 * `navigator.language`), spelled with the element's letters: `mm/dd/yyyy`, `dd/mm/aaaa`.
 */
export function dateFieldPattern(localize: LocalizeController, browserLocale = navigator.language): string {
  const letters = localize.t.common.dateLetters;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(browserLocale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(PROBE);
  } catch {
    parts = new Intl.DateTimeFormat('en-US', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(PROBE);
  }
  return parts.map((p) => (p.type === 'day' ? letters.day : p.type === 'month' ? letters.month : p.type === 'year' ? letters.year : p.value)).join('');
}

/** The hint of a date field holding `value` (`YYYY-MM-DD` or empty): the format, and the date in words once there is one. */
export function dateHintText(localize: LocalizeController, value: string | undefined, browserLocale?: string): string {
  const pattern = dateFieldPattern(localize, browserLocale);
  const day = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? localize.date(value, { dateStyle: 'full' }) : undefined;
  return localize.t.common.dateHint(pattern, day);
}

/**
 * The visible hint under a date field; point the input's `aria-describedby` at `id`. Hidden from
 * the label's name (it sits inside some labels) and read as the field's description instead.
 */
export function renderDateHint(id: string, value: string | undefined, localize: LocalizeController): TemplateResult {
  return html`<span class="ck-date-hint" part="date-hint" id=${id} aria-hidden="true">${dateHintText(localize, value)}</span>`;
}

/** Styles of the hint (`--ck-date-hint-color`, default the muted text color). */
export const dateHintStyles = css`
  .ck-date-hint {
    display: block;
    font-size: 0.85em;
    color: var(--ck-date-hint-color, var(--_ck-text-muted, #4b5563));
  }
`;
