import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describeError, type LocalizedError } from '../translations/error-messages.js';
import { getTranslation, onTranslationsChanged } from '../translations/registry.js';
import type { Translation } from '../translations/types.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Localizes one element. The language is the element's own `lang` attribute or the nearest
 * ancestor's (`closest('[lang]')`, crossing shadow roots), then `<html lang>`, then English; the
 * direction is the nearest `dir` attribute, else the language's own direction.
 *
 * The element re-renders when a `lang` or `dir` attribute changes anywhere above it at run time
 * (one shared MutationObserver watches the document and every shadow root an element sits in),
 * and when `registerTranslation()` adds a language.
 *
 * ```ts
 * private readonly localize = new LocalizeController(this);
 * render() { const t = this.localize.t; return html`<h2>${t.board.label}</h2>`; }
 * ```
 */
export class LocalizeController implements ReactiveController {
  private currentLang = 'en';
  private currentDir: 'ltr' | 'rtl' = 'ltr';
  private table: Translation = getTranslation('en');
  private stopTranslations?: () => void;
  private readonly cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat | Intl.RelativeTimeFormat>();

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** The resolved BCP 47 language tag, e.g. `es-MX`. */
  get lang(): string {
    return this.currentLang;
  }

  /** `ltr` or `rtl`. Arrow-key handling should swap left/right when `rtl`. */
  get dir(): 'ltr' | 'rtl' {
    return this.currentDir;
  }

  /** The translation table (English fills anything the language leaves out). */
  get t(): Translation {
    return this.table;
  }

  hostConnected(): void {
    registry.add(this);
    for (const root of composedRoots(this.host)) observe(root);
    this.stopTranslations = onTranslationsChanged(() => this.refresh(true));
    this.refresh(false);
  }

  hostDisconnected(): void {
    registry.delete(this);
    this.stopTranslations?.();
  }

  /** Re-reads `lang`/`dir`; requests an update when they changed (or when `force`). */
  refresh(force = false): void {
    const langEl = closestComposed(this.host, 'lang');
    const lang = langEl?.getAttribute('lang')?.trim() || document.documentElement.lang || 'en';
    const table = getTranslation(lang);
    const dirEl = closestComposed(this.host, 'dir');
    const dirAttr = dirEl?.getAttribute('dir')?.toLowerCase();
    const dir = dirAttr === 'rtl' || dirAttr === 'ltr' ? dirAttr : table.$dir;
    if (!force && lang === this.currentLang && dir === this.currentDir && table === this.table) return;
    if (lang !== this.currentLang) this.cache.clear();
    this.currentLang = lang;
    this.currentDir = dir;
    this.table = table;
    this.host.requestUpdate();
  }

  /** Formats a number in the element's locale. */
  number(value: number, options: Intl.NumberFormatOptions = {}): string {
    return this.formatter('n', options, () => new Intl.NumberFormat(this.locale(), options)).format(value);
  }

  /**
   * Formats a date. A calendar date (`2026-11-24`) is shown as that day in every time zone; an
   * instant (ISO with time) or `Date` in the user's zone.
   */
  date(value: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
    const calendar = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    const opts = calendar ? { ...options, timeZone: 'UTC' } : options;
    const date = typeof value === 'string' ? new Date(calendar ? `${value}T00:00:00Z` : value) : value;
    if (Number.isNaN(date.getTime())) return String(value);
    return (this.formatter('d', opts, () => new Intl.DateTimeFormat(this.locale(), opts)) as Intl.DateTimeFormat).format(date);
  }

  /** "in 3 days" / "hace 2 días". */
  relative(value: number, unit: Intl.RelativeTimeFormatUnit, options: Intl.RelativeTimeFormatOptions = { numeric: 'auto' }): string {
    return (this.formatter(`r${unit}`, options, () => new Intl.RelativeTimeFormat(this.locale(), options)) as Intl.RelativeTimeFormat).format(value, unit);
  }

  /** "Intake, Active and Closed" / "Admisión, Activo y Cerrado". */
  list(items: string[], options: Intl.ListFormatOptions = { type: 'conjunction' }): string {
    return (this.formatter('l', options, () => new Intl.ListFormat(this.locale(), options)) as Intl.ListFormat).format(items);
  }

  /** A core error in the user's language; validation problems by field path. */
  error(error: unknown, fieldLabel?: (path: string) => string | undefined): LocalizedError {
    return describeError(error, this.t, { list: (items) => this.list(items, { type: 'disjunction' }), ...(fieldLabel ? { fieldLabel } : {}) });
  }

  private locale(): string {
    try {
      return Intl.getCanonicalLocales(this.currentLang)[0] ?? 'en';
    } catch {
      return 'en';
    }
  }

  private formatter<T>(kind: string, options: object, make: () => T): T {
    const key = `${kind}|${JSON.stringify(options)}`;
    let formatter = this.cache.get(key) as T | undefined;
    if (!formatter) {
      formatter = make();
      this.cache.set(key, formatter as never);
    }
    return formatter;
  }
}

// One observer for every localized element on the page.
const registry = new Set<LocalizeController>();
const observedRoots = new WeakSet<Node>();
let observer: MutationObserver | undefined;

function observe(root: Node): void {
  if (observedRoots.has(root)) return;
  observer ??= new MutationObserver(() => {
    for (const controller of registry) controller.refresh();
  });
  observer.observe(root, { attributes: true, subtree: true, attributeFilter: ['lang', 'dir'] });
  observedRoots.add(root);
}

/** The document element and each shadow root the element is nested in. */
function composedRoots(el: Element): Node[] {
  const roots: Node[] = [document.documentElement];
  let root = el.getRootNode();
  while (root instanceof ShadowRoot) {
    roots.push(root);
    root = root.host.getRootNode();
  }
  return roots;
}

/** `closest('[attr]')` that continues from a shadow root to its host. */
export function closestComposed(el: Element, attr: string): Element | null {
  let node: Element | null = el;
  while (node) {
    const found: Element | null = node.closest(`[${attr}]`);
    if (found) return found;
    const root: Node = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}
