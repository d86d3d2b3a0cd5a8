import type { NeedDomain } from '@casekit/core';

/**
 * casekit need domains from HSDS taxonomy terms. Three sources, most trusted first: casekit's own
 * need-domain taxonomy (what `toHsds` writes), the top levels of the 211 LA / AIRS taxonomy (codes such
 * as `BD-1800.2000`), and words in a term's name (Open Eligibility terms such as "Food" or "Housing",
 * or any taxonomy with plain-language names). The same words are the last resort for a service with no
 * taxonomy at all, read from its name and description.
 */

/** The taxonomy URI `toHsds` writes casekit's need domains under. */
export const NEED_DOMAIN_TAXONOMY_URI = 'https://fhir.casekit.dev/CodeSystem/need-domain';
export const NEED_DOMAIN_TAXONOMY_NAME = 'casekit need domains';
export const NEED_DOMAIN_TAXONOMY_DESCRIPTION = 'The needs a casekit service addresses (housing, food, transportation, ...), each mapping onto a Gravity Project SDOH domain.';

/** 211 LA / AIRS taxonomy: code prefix (top level or second level) -> need domain. Longest prefix wins. */
const AIRS_PREFIXES: [string, NeedDomain][] = [
  ['BD', 'food'],
  ['BH', 'housing'],
  ['BT', 'transportation'],
  ['BV', 'utilities'],
  ['D', 'finances'],
  ['F', 'legal'],
  ['H', 'education'],
  ['L', 'health'],
  ['ND', 'employment'],
  ['N', 'finances'],
  ['PH-1400', 'safety'],
  ['P', 'social-support'],
  ['RX', 'substance-use'],
  ['R', 'mental-health'],
];
const AIRS_CODE = /^[A-Z]{1,2}(-\d{4}(\.\d{4}){0,3}(-\d{3,4}(\.\d{2,3})?)?)?$/;

/** Words (and two-word phrases) that name a need domain, lower case. */
const WORDS: [NeedDomain, string[]][] = [
  ['mental-health', ['mental health', 'mental', 'counselling', 'counseling', 'therapy', 'psychiatric', 'psychological', 'depression', 'anxiety', 'crisis line']],
  ['substance-use', ['substance', 'alcohol', 'drinking', 'drug', 'drugs', 'addiction', 'recovery', 'al-anon', 'sobriety', 'opioid']],
  ['housing', ['housing', 'shelter', 'homeless', 'homelessness', 'rent', 'eviction', 'tenant', 'tenants', 'rehousing']],
  ['food', ['food', 'meal', 'meals', 'pantry', 'grocery', 'groceries', 'nutrition', 'snap', 'kitchen', 'lunch', 'hunger']],
  ['transportation', ['transportation', 'transport', 'transit', 'ride', 'rides']],
  ['utilities', ['utility', 'utilities', 'energy bill', 'electricity', 'heating', 'liheap']],
  ['safety', ['domestic violence', 'violence', 'abuse', 'assault', 'trafficking']],
  ['finances', ['money', 'financial', 'finance', 'tax', 'benefits', 'income', 'debt', 'budgeting']],
  ['employment', ['employment', 'job', 'jobs', 'career', 'careers', 'workforce', 'vocational', 'work']],
  ['legal', ['legal', 'lawyer', 'attorney', 'immigration', 'court', 'law']],
  ['education', ['education', 'school', 'literacy', 'tutoring', 'courses', 'class', 'classes', 'learning']],
  ['health', ['health', 'medical', 'clinic', 'dental', 'doctor', 'hospital', 'disability', 'disabilities']],
  ['social-support', ['social', 'elderly', 'senior', 'seniors', 'older people', 'companionship', 'family support', 'personal care']],
];

/** A taxonomy term as the mapping sees it. */
export interface TermView {
  system: string;
  code: string;
  display?: string;
}

/** The need domain a taxonomy term stands for, if a sensible mapping exists. */
export function needDomainOfTerm(term: TermView, domains: readonly string[]): NeedDomain | undefined {
  if (term.system === NEED_DOMAIN_TAXONOMY_URI || term.system === NEED_DOMAIN_TAXONOMY_NAME) {
    return domains.includes(term.code) ? (term.code as NeedDomain) : undefined;
  }
  const code = term.code.trim().toUpperCase();
  if (AIRS_CODE.test(code) && (/airs|211/i.test(term.system) || code.includes('-'))) {
    const match = AIRS_PREFIXES.filter(([prefix]) => code.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0];
    if (match) return match[1];
  }
  return term.display ? needDomainsInText(term.display)[0] : undefined;
}

/** Need domains named by words in free text, most often named first. */
export function needDomainsInText(text: string): NeedDomain[] {
  let haystack = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}-]+/gu, ' ')} `;
  const counts = new Map<NeedDomain, number>();
  for (const [domain, words] of WORDS) {
    for (const word of words) {
      const needle = ` ${word} `;
      let at = haystack.indexOf(needle);
      while (at >= 0) {
        counts.set(domain, (counts.get(domain) ?? 0) + 1);
        // Blank out what matched so "mental health" does not count again as "health".
        haystack = haystack.slice(0, at) + ' '.repeat(needle.length - 1) + haystack.slice(at + needle.length - 1);
        at = haystack.indexOf(needle);
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([domain]) => domain);
}

/** Title-case label of a need domain, for HSDS `taxonomy_term.name`. */
export function needDomainLabel(domain: string): string {
  const label = domain.replace(/-/g, ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}
