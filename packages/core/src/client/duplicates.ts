import { searchTokens } from '../internal/search-tokens.js';
import type { Client, ClientInput } from './client-schema.js';

export interface DuplicateCandidate {
  client: Client;
  /** Why it looks like the same person. */
  reasons: ('same-identifier' | 'same-birth-date-similar-name')[];
}

/** Levenshtein distance, capped: we only care whether names are within a typo or two. */
function distance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

const fold = (text: string) => searchTokens(text).join(' ');

function givenMatches(a: string, b: string): boolean {
  if (!a || !b || a[0] !== b[0]) return false;
  return a === b || a.startsWith(b) || b.startsWith(a) || distance(a, b) <= 2;
}

/**
 * Names are similar when, ignoring accents and case, family names are equal or one typo apart and
 * given (or preferred) names match loosely ("Jose" ~ "José", "Alex" ~ "Alexander"); given and family
 * swapped also counts, a common data-entry slip.
 */
export function similarNames(a: ClientInput['name'], b: ClientInput['name']): boolean {
  const familyA = fold(a.family);
  const familyB = fold(b.family);
  const givenA = [fold(a.given[0] ?? ''), fold(a.preferred ?? '')].filter(Boolean);
  const givenB = [fold(b.given[0] ?? ''), fold(b.preferred ?? '')].filter(Boolean);
  const familyClose = familyA === familyB || distance(familyA, familyB, 1) <= 1;
  if (familyClose && givenA.some((x) => givenB.some((y) => givenMatches(x, y)))) return true;
  return familyA === fold(b.given[0] ?? '') && fold(a.given[0] ?? '') === familyB;
}
