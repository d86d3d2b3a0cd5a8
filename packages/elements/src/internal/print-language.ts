import { availableLanguages, getTranslation, loadTranslation } from '../translations/registry.js';
import type { Translation } from '../translations/types.js';

/** The language a client's printed copy is written in. */
export interface PrintLanguage {
  /** The tag put on the copy and used for dates (`es-MX`). */
  locale: string;
  table: Translation;
}

/**
 * The copy's language: `wanted` (the client's) when casekit has its table, loaded first if it loads on
 * demand; otherwise the element's own language, so the copy is never in a language nobody chose.
 */
export async function resolvePrintLanguage(wanted: string | undefined, fallback: PrintLanguage): Promise<PrintLanguage> {
  if (!wanted) return fallback;
  const base = wanted.toLowerCase().split('-')[0]!;
  if (!availableLanguages().includes(base)) return fallback;
  await loadTranslation(wanted).catch(() => undefined);
  const table = getTranslation(wanted);
  // A loader that failed leaves English in its place: only a table of that language counts.
  return table.$code.toLowerCase().split('-')[0] === base ? { locale: wanted, table } : fallback;
}

/** "Print copy (Spanish)": whether the copy will be in another language than the page, and which (null: the same). */
export function otherPrintLanguage(wanted: string | undefined, own: string): string | null {
  const base = (wanted ?? '').toLowerCase().split('-')[0];
  if (!base || base === own.toLowerCase().split('-')[0] || !availableLanguages().includes(base)) return null;
  return base;
}

/** A calendar date (`YYYY-MM-DD`) in words in `locale` ("24 de noviembre de 2026"), as that day in every zone. */
export function printedDate(locale: string, date: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
  } catch {
    return date;
  }
}
