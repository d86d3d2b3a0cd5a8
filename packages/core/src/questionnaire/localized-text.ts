import * as z from 'zod/mini';
import { LanguageTag } from '../records/common.js';

/**
 * User-visible text in a definition: a plain string, or translations keyed by language tag
 * (`{ en: 'Housing', es: 'Vivienda' }`). Maps to FHIR `text` plus the `translation` extension.
 */
export const LocalizedTextSchema = z.union([
  z.string().check(z.minLength(1), z.maxLength(4000)),
  z
    .record(LanguageTag, z.string().check(z.minLength(1), z.maxLength(4000)))
    .check(z.refine((map) => Object.keys(map).length > 0, 'Give the text in at least one language')),
]);
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/**
 * The text in `lang`; else in its base language (`es` for `es-MX`); else English; else the first
 * translation given. Returns '' for undefined so callers can render optional help text directly.
 */
export function localizedText(value: LocalizedText | undefined, lang = 'en'): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  const exact = value[lang];
  if (exact !== undefined) return exact;
  const base = lang.split('-')[0] ?? lang;
  const basic = value[base];
  if (basic !== undefined) return basic;
  const english = value['en'];
  if (english !== undefined) return english;
  for (const key in value) return value[key] ?? '';
  return '';
}
