import { en } from './en.js';
import { es } from './es.js';
import type { PartialTranslation, Translation } from './types.js';

const tables = new Map<string, Translation>([
  ['en', en],
  ['es', es],
]);
const listeners = new Set<() => void>();

/**
 * Adds or replaces languages at run time (e.g. `registerTranslation({ $code: 'vi', ... })`). Any
 * message left out falls back to English; a regional table (`es-MX`) falls back to its language
 * (`es`) first. Connected elements re-render.
 */
export function registerTranslation(...translations: PartialTranslation[]): void {
  for (const partial of translations) {
    const code = partial.$code.toLowerCase();
    const base = tables.get(code.split('-')[0]!) ?? en;
    tables.set(code, merge(code === base.$code ? en : base, partial));
  }
  for (const listener of listeners) listener();
}

/** The table for a BCP 47 tag: exact match, then the language alone, then English. */
export function getTranslation(lang: string): Translation {
  const code = lang.toLowerCase();
  return tables.get(code) ?? tables.get(code.split('-')[0]!) ?? en;
}

/** Languages with a registered table. */
export function availableLanguages(): string[] {
  return [...tables.keys()];
}

/** @internal Used by LocalizeController to re-render after `registerTranslation`. */
export function onTranslationsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function merge(base: Translation, partial: PartialTranslation): Translation {
  const out: Record<string, unknown> = { ...base, $code: partial.$code };
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    const current = (base as unknown as Record<string, unknown>)[key];
    out[key] = typeof value === 'object' && value && typeof current === 'object' ? { ...current, ...value } : value;
  }
  return out as unknown as Translation;
}
