import { searchTokens } from '../internal/search-tokens.js';
import type { StoragePort } from '../storage/storage-port.js';
import type { Client, ClientInput } from './client-schema.js';

export type DuplicateReason = 'same-identifier' | 'same-birth-date-similar-name';

/**
 * A client on file who looks like the one being entered. `full`: a client this actor may read, whole.
 * `restricted`: one or more possible matches this actor may not see — no personal field is revealed;
 * the host can say "a possible match exists on another caseload: ask a supervisor".
 */
export type DuplicateCandidate =
  | { access: 'full'; client: Client; /** Why it looks like the same person. */ reasons: DuplicateReason[] }
  | { access: 'restricted'; reasons: DuplicateReason[] };

/** A match found in storage, before the policy decides what of it the actor may see. */
export interface DuplicateMatch {
  client: Client;
  reasons: DuplicateReason[];
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

type StoredClient = Client & { id: string; version: number };

/** Clients on file that look like `candidate`: same external identifier, or same birth date and a similar name. */
export async function findDuplicateClients(storage: StoragePort, candidate: Pick<Client, 'name' | 'identifiers'> & { birthDate?: string | undefined }): Promise<DuplicateMatch[]> {
  const found = new Map<string, DuplicateMatch>();
  const add = (client: Client, reason: DuplicateReason) => {
    const entry = found.get(client.id) ?? { client, reasons: [] };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    found.set(client.id, entry);
  };
  for (const identifier of candidate.identifiers) {
    const page = await storage.find<StoredClient>('clients', { index: 'identifiers', equals: `${identifier.system}|${identifier.value}` });
    for (const client of page.items) add(client, 'same-identifier');
  }
  if (candidate.birthDate) {
    const page = await storage.find<StoredClient>('clients', { index: 'birthDate', equals: candidate.birthDate });
    for (const client of page.items) if (similarNames(candidate.name, client.name)) add(client, 'same-birth-date-similar-name');
  }
  return [...found.values()];
}
