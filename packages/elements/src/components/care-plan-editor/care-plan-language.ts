import { GOAL_SUGGESTIONS, type Goal } from '@casekit/core';
import { en } from '../../translations/en.js';
import { availableLanguages, getTranslation } from '../../translations/registry.js';
import type { Translation } from '../../translations/types.js';

/** The language a client's copy of the plan is written in. */
export interface PrintLanguage {
  /** Base language code, e.g. `es`. */
  code: string;
  /** The exact tag, for `Intl` date formats (`es-MX`). */
  locale: string;
  table: Translation;
}

/** The print copy's language for `wanted`; only languages with a table (an untranslated one falls back to English, dates included). */
export function resolvePrintLanguage(wanted: string): PrintLanguage {
  const table = getTranslation(wanted);
  const base = wanted.toLowerCase().split('-')[0]!;
  const translated = table !== en || base === 'en';
  return translated ? { code: base, locale: wanted, table } : { code: 'en', locale: 'en', table: en };
}

export { languageName } from '../../internal/language-name.js';

/**
 * A goal description in `table`'s language when it is one of the default suggestions (core's
 * English text or any registered translation of it); otherwise as written.
 */
export function goalText(goal: Pick<Goal, 'needDomain' | 'description'>, table: Translation): string {
  const domain = goal.needDomain;
  const defaults = new Set<string>([GOAL_SUGGESTIONS[domain]]);
  for (const code of availableLanguages()) {
    const text = getTranslation(code).carePlanEditor?.suggestedGoal?.[domain];
    if (text) defaults.add(text);
  }
  return defaults.has(goal.description) ? (table.carePlanEditor.suggestedGoal[domain] ?? goal.description) : goal.description;
}
