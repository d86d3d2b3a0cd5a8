import { en } from './en.js';
import type { PartialTranslation, Translation } from './types.js';

/** Loads a language's table when it is first used: a host ships only the languages its users pick. */
export type TranslationLoader = () => Promise<PartialTranslation>;

const tables = new Map<string, Translation>([['en', en]]);
// Spanish ships with casekit but is fetched on first use (7 KB gzipped that English-only hosts skip).
const loaders = new Map<string, TranslationLoader>([['es', () => import('./es.js').then((module) => module.es)]]);
const loading = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();

/**
 * Adds or replaces languages at run time (e.g. `registerTranslation({ $code: 'vi', ... })`). Any
 * message left out falls back to English; a regional table (`es-MX`) falls back to its language
 * (`es`) first. Connected elements re-render. A table for a language that loads on demand (or a
 * region of one) is applied over the loaded table once it has arrived.
 */
export function registerTranslation(...translations: PartialTranslation[]): void {
  for (const partial of translations) {
    const base = partial.$code.toLowerCase().split('-')[0]!;
    if (loaders.has(base) && !tables.has(base)) {
      void loadOne(base).then(() => {
        apply(partial);
        notify();
      });
    } else apply(partial);
  }
  notify();
}

function apply(partial: PartialTranslation): void {
  const code = partial.$code.toLowerCase();
  const base = tables.get(code.split('-')[0]!) ?? en;
  tables.set(code, merge(code === base.$code ? en : base, partial));
}

function notify(): void {
  for (const listener of listeners) listener();
}

/**
 * Registers a language that is loaded when an element first needs it, e.g.
 * `registerTranslationLoader('vi', () => fetch('/i18n/vi.json').then((r) => r.json()))`. Until it has
 * loaded, elements show English; then they re-render. A failed load keeps English and may be retried.
 */
export function registerTranslationLoader(code: string, loader: TranslationLoader): void {
  loaders.set(code.toLowerCase(), loader);
}

/**
 * Loads a language's table now (its base language too, for a regional tag), so elements render in it
 * from the first frame: `await loadTranslation('es')` before showing the page. Resolves at once for a
 * language that is registered or unknown.
 */
export function loadTranslation(lang: string): Promise<void> {
  const codes = [...new Set([lang.toLowerCase().split('-')[0]!, lang.toLowerCase()])];
  return Promise.all(codes.map(loadOne)).then(() => undefined);
}

function loadOne(code: string): Promise<void> {
  if (tables.has(code) || !loaders.has(code)) return Promise.resolve();
  let pending = loading.get(code);
  if (!pending) {
    pending = loaders
      .get(code)!()
      .then((table) => {
        apply({ ...table, $code: code });
        notify();
      })
      .finally(() => loading.delete(code));
    loading.set(code, pending);
  }
  return pending;
}

/**
 * The table for a BCP 47 tag: exact match, then the language alone, then English. A language with a
 * loader that has not loaded yet starts loading; elements re-render in it when it arrives.
 */
export function getTranslation(lang: string): Translation {
  const code = lang.toLowerCase();
  const table = tables.get(code) ?? tables.get(code.split('-')[0]!);
  if (table && (table.$code === code || !loaders.has(code))) return table;
  void loadTranslation(code).catch(() => undefined);
  return table ?? en;
}

/** Loads still under way for a tag (empty when its table is ready), for elements' `updateComplete`. */
export function pendingTranslation(lang: string): Promise<void> | undefined {
  const code = lang.toLowerCase();
  const pending = [loading.get(code.split('-')[0]!), loading.get(code)].filter((p): p is Promise<void> => p !== undefined);
  return pending.length ? Promise.all(pending).then(() => undefined, () => undefined) : undefined;
}

/** Languages with a registered table or a loader. */
export function availableLanguages(): string[] {
  return [...new Set([...tables.keys(), ...loaders.keys()])];
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
